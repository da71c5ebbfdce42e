"""Where an edition's text was printed: the source pages (PDF or image) and each block's page
and box, kept in `edition.sqlite` beside the structure (schema version 2)."""

from __future__ import annotations

import json
import sqlite3

from ..document import Edition, Page


def migrate(conn: sqlite3.Connection) -> None:
    """Bring a version-1 store up to date: blocks gain `page` and `box` (NULL: unknown)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(blocks)")}
    for column, sql_type in (("page", "INTEGER"), ("box", "TEXT")):
        if column not in columns:
            conn.execute(f"ALTER TABLE blocks ADD COLUMN {column} {sql_type}")


def box_json(box: tuple[float, ...] | None) -> str | None:
    return json.dumps([round(v, 1) for v in box]) if box else None


def insert_pages(conn: sqlite3.Connection, edition: Edition) -> None:
    """Store the edition's source pages in place of the old ones (inside a transaction)."""
    conn.execute("DELETE FROM pages")
    conn.executemany(
        "INSERT INTO pages (n, file, number, width, height, unit) VALUES (?, ?, ?, ?, ?, ?)",
        [(n, p.file, p.number, p.width, p.height, p.unit) for n, p in enumerate(edition.pages, 1)],
    )


def load_pages(conn: sqlite3.Connection) -> list[Page]:
    rows = conn.execute("SELECT file, number, width, height, unit FROM pages ORDER BY n")
    return [Page(*row) for row in rows]


def keep_origins(conn: sqlite3.Connection, edition: Edition) -> None:
    """Give the blocks of an edition re-read from articles.md the page and box of the stored
    block they are (same id), or that their first sentence was in."""
    rows = conn.execute("SELECT id, page, box FROM blocks WHERE page IS NOT NULL").fetchall()
    old = {r[0]: (r[1], tuple(json.loads(r[2]))) for r in rows}
    if not old:
        return
    block_of = dict(conn.execute("SELECT id, block_id FROM sentences").fetchall())
    for block in (b for a in edition.articles for b in a.blocks):
        ids = [block.id] + [block_of.get(s.id) for s in block.sentences]
        found = next((old[i] for i in ids if i in old), None)
        if found:
            block.page, block.box = found


def source_of(row: sqlite3.Row) -> dict | None:
    """A pair row's file, page and box (the pairs query joins them in), when known."""
    if row["file"] is None or not row["box"]:
        return None
    return {"file": row["file"], "page": row["page"], "box": json.loads(row["box"])}
