"""The edition store's schema, and writing an edition's structure: into a new store in one
go (`create_store`), or in place of the old structure (`insert_structure`)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from ..document import Edition, flags_json
from ..errors import EditionError, os_advice
from ..paths import link_problem
from .db import now, sqlite_problem
from .origins import box_json, insert_pages

# 2: source pages (`pages`) and each block's page and box (PDF and image pages)
SCHEMA_VERSION = 2
DB_NAME = "edition.sqlite"

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, pos INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
    id TEXT PRIMARY KEY, article_id INTEGER NOT NULL, pos INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, page INTEGER, box TEXT);
CREATE TABLE IF NOT EXISTS pages (
    n INTEGER PRIMARY KEY, file TEXT NOT NULL, number INTEGER NOT NULL,
    width REAL NOT NULL, height REAL NOT NULL, unit TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    id TEXT PRIMARY KEY, block_id TEXT NOT NULL, pos INTEGER NOT NULL, zh TEXT NOT NULL);
-- pairs outlive re-ingest: they are keyed by the content-derived sentence id
CREATE TABLE IF NOT EXISTS pairs (
    sid TEXT PRIMARY KEY, zh TEXT NOT NULL, en TEXT NOT NULL DEFAULT '',
    mt TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'untranslated',
    signature TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '[]',
    score REAL, updated TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    target TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0);
"""
# A new store's page size (bytes; SQLite's default is 4096): a block or a sentence row is
# hundreds of bytes of Chinese, and larger pages take them in fewer page splits (writing
# a 5 MB page's store ~10 % faster). A store keeps the size it was made with.
PAGE_SIZE = 16384
# made last in a new store: one pass over the sentences is faster than growing it row by row
INDEXES = "CREATE INDEX IF NOT EXISTS sentences_block ON sentences (block_id, pos);"
SCHEMA = TABLES + INDEXES


def writable_directory(directory: Path) -> None:
    """Create the edition directory if needed and make sure a file can be written in it."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise EditionError(
            f"Cannot write to edition directory {directory}: {exc.strerror}",
            os_advice(exc, "Choose another directory with -e."),
        ) from None


def insert_structure(c: sqlite3.Connection, edition: Edition, source: str) -> None:
    """Insert `edition`'s articles, blocks (with their page and box) and sentences, and a pair
    for each new sentence, with the flags its source raised (the structure tables must be
    empty; call inside a transaction)."""
    stamp = now()
    articles = [(article.id, apos) for apos, article in enumerate(edition.articles)]
    blocks = [b for a in edition.articles for b in a.blocks]
    # rows are generated as they are inserted: a long edition has hundreds of thousands
    c.executemany("INSERT INTO articles (id, pos) VALUES (?, ?)", articles)
    c.executemany(
        "INSERT INTO blocks (id, article_id, pos, kind, text, page, box)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (block.id, article.id, bpos, block.kind, block.text, block.page, box_json(block.box))
            for article in edition.articles
            for bpos, block in enumerate(article.blocks)
        ),
    )
    c.executemany(
        "INSERT INTO sentences (id, block_id, pos, zh) VALUES (?, ?, ?, ?)",
        ((s.id, b.id, spos, s.zh) for b in blocks for spos, s in enumerate(b.sentences)),
    )
    if not any(s.flags for b in blocks for s in b.sentences):
        # the pairs of text pages come from the sentences just inserted, in their order,
        # inside SQLite: no Python row for each (a third of the time of inserting pairs)
        c.execute(
            "INSERT OR IGNORE INTO pairs (sid, zh, flags, updated)"
            " SELECT id, zh, '[]', ? FROM sentences ORDER BY rowid",
            (stamp,),
        )
    else:
        c.executemany(
            "INSERT OR IGNORE INTO pairs (sid, zh, flags, updated) VALUES (?, ?, ?, ?)",
            (
                # most sentences have no flags: "[]" without an encoder made for each
                (
                    s.id,
                    s.zh,
                    json.dumps(flags_json(s.flags), ensure_ascii=False) if s.flags else "[]",
                    stamp,
                )
                for b in blocks
                for s in b.sentences
            ),
        )
    meta = [("name", edition.name), ("ingested", stamp)] + ([("source", source)] if source else [])
    c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta)


def create_store(
    directory: Path, edition: Edition, source: str = "", meta: Mapping[str, str] | None = None
) -> None:
    """Write a new edition.sqlite holding `edition` (and `meta` rows), where there is none.

    It is written without a journal into a hidden file beside it, synced, and moved into
    place with one rename (in WAL mode, like every store): there is nothing to protect
    until the rename, so the journal's second copy of every page is saved (a third of
    the time of a large ingest), and a reader never sees half a store. The meta rows go
    in with the rest: opening the store again to add them checked every page of it.
    """
    directory = Path(directory)
    check_edition_dir(directory)
    writable_directory(directory)
    path = directory / DB_NAME
    tmp = directory / f".{DB_NAME}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        _build(tmp, edition, source, meta or {})
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except sqlite3.Error as exc:
        problem = sqlite_problem(exc, path, "writing")
        if problem is None:
            raise
        raise problem from None
    except OSError as exc:
        raise EditionError(
            f"Cannot write {path} ({exc.strerror or exc})", os_advice(exc, "Check the disk.")
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


def _build(tmp: Path, edition: Edition, source: str, meta: Mapping[str, str]) -> None:
    """The new store's file: schema, structure, WAL mode; no journal while it is written."""
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(TABLES)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("BEGIN")
        insert_structure(conn, edition, source)
        insert_pages(conn, edition)
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        conn.execute(INDEXES)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def check_edition_dir(directory: Path) -> None:
    """Refuse an edition directory that is a file or a symbolic link that cannot be followed."""
    problem = link_problem(directory)
    if problem:
        raise EditionError(problem, "Fix the link, or choose another directory with -e.")
    if directory.exists() and not directory.is_dir():
        raise EditionError(
            f"{directory} is a file, not an edition directory", "Give the directory with -e."
        )
