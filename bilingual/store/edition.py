"""An edition's store, `edition.sqlite`: structure, sentence pairs and the audit log.

Every write happens inside `transaction()`, so a killed process loses at most the
transaction in flight (WAL mode, synchronous=NORMAL).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..bulk import no_gc
from ..document import (
    REVIEWED,
    Article,
    Block,
    Edition,
    Flag,
    Page,
    Pair,
    Sentence,
    flags_from_json,
    flags_json,
)
from ..errors import EditionError
from .db import DAMAGED, Base, connect, now, sqlite_problem, stored_version
from .origins import insert_pages, keep_origins, load_pages, migrate, source_of
from .schema import (
    DB_NAME,
    SCHEMA,
    SCHEMA_VERSION,
    check_edition_dir,
    insert_structure,
    writable_directory,
)

# What `content_digest` covers, table by table.
_CONTENT = (
    ("articles", "id, pos"),
    ("blocks", "id, article_id, pos, kind, text"),
    ("sentences", "id, block_id, pos, zh"),
    ("pairs", "sid, zh, en, mt, status, signature, flags, score"),
)


class EditionStore(Base):
    """An edition's `edition.sqlite`: structure, sentence pairs and the audit log."""

    def __init__(self, directory: Path, create: bool = False) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        check_edition_dir(self.directory)
        if not create and self.path.exists() and self.path.stat().st_size == 0:
            raise EditionError(
                f"{self.path} is empty (0 bytes)", "Re-create it with `bilingual ingest`."
            )
        if not self.path.exists():
            if not create:
                raise EditionError(
                    f"No edition at {self.directory}",
                    "Create one with `bilingual ingest SOURCE -e DIR`.",
                )
            writable_directory(self.directory)
        try:
            self.conn = connect(self.path)
            # damaged pages would otherwise surface mid-command as an internal error
            check = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise EditionError(
                    f"{self.path} is damaged ({' '.join(str(check).split())})", DAMAGED
                )
            version = stored_version(self.conn, self.path, SCHEMA_VERSION, "schema")
            if version < SCHEMA_VERSION:  # only then: opening a store to read writes nothing
                self.conn.executescript(SCHEMA)
                migrate(self.conn)
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            problem = sqlite_problem(exc, self.path, "opening")
            raise problem or EditionError(
                f"{self.path} is not a readable edition store ({exc})", DAMAGED
            ) from None

    # -- meta ---------------------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def name(self) -> str:
        return self.get_meta("name") or self.directory.name

    def content_digest(self) -> str:
        """A hash of everything an edition renders from: its structure and every pair (text,
        English, status, signature, flags), not its history or meta. `build` compares it to
        tell whether it has anything to do (`bilingual.uptodate`)."""
        digest = hashlib.sha1()
        cur = self.conn.cursor()
        cur.row_factory = None
        for table, columns in _CONTENT:
            digest.update(table.encode())
            for row in cur.execute(f"SELECT {columns} FROM {table} ORDER BY 1"):
                digest.update(repr(row).encode("utf-8"))
        return digest.hexdigest()

    # -- structure ----------------------------------------------------------
    def save_edition(self, edition: Edition, source: str = "") -> None:
        """Replace the structure with `edition`; pairs of unchanged sentences are kept.

        An edition read from sources replaces the stored pages and the source flags of
        unreviewed pairs; one re-read from articles.md (no `source`) keeps both, and its
        blocks keep the page and box of the block they were (or their first sentence was in).
        """
        if not source and not edition.pages:
            keep_origins(self.conn, edition)
        with self.transaction() as c:
            c.execute("DELETE FROM articles")
            c.execute("DELETE FROM blocks")
            c.execute("DELETE FROM sentences")
            insert_structure(c, edition, source)
            if source or edition.pages:
                insert_pages(c, edition)
                self._set_source_flags(edition)

    def _set_source_flags(self, edition: Edition) -> None:
        """The source flags (`ocr-uncertain`) of unreviewed pairs, as this reading raised them."""
        for s in edition.sentences():
            row = self.raw_pair(s.id)
            if row is None or row["status"] in REVIEWED:
                continue
            old = flags_from_json(row["flags"])
            flags = (*(f for f in old if not f.from_source), *s.flags)
            if flags != old:
                self.update_pair(s.id, flags=flags)

    def pages(self) -> list[Page]:
        return load_pages(self.conn)

    def load_edition(self) -> Edition:
        edition = Edition(name=self.name, pages=self.pages())
        blocks: dict[int, list[Block]] = {}
        by_id: dict[str, Block] = {}
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: a long edition has hundreds of thousands of rows
        with no_gc():
            for bid, article, kind, text, page, box in cur.execute(
                "SELECT id, article_id, kind, text, page, box FROM blocks ORDER BY article_id, pos"
            ):
                block = Block(id=bid, kind=kind, text=text, page=page)
                if box:
                    block.box = tuple(json.loads(box))
                blocks.setdefault(article, []).append(block)
                by_id[bid] = block
            for sid, bid, zh in cur.execute(
                "SELECT id, block_id, zh FROM sentences ORDER BY block_id, pos"
            ):
                by_id[bid].sentences.append(Sentence(id=sid, zh=zh))
            for (aid,) in cur.execute("SELECT id FROM articles ORDER BY pos"):
                edition.articles.append(Article(id=aid, blocks=blocks.get(aid, [])))
        return edition

    def block_sentences(self, block_id: str) -> list[Sentence]:
        rows = self.conn.execute(
            "SELECT id, zh FROM sentences WHERE block_id = ? ORDER BY pos", (block_id,)
        )
        return [Sentence(id=r["id"], zh=r["zh"]) for r in rows]

    def set_block_sentences(self, block_id: str, sentences: list[Sentence]) -> None:
        """Replace a block's sentences (merge/split); call inside a transaction."""
        c = self.conn
        c.execute("DELETE FROM sentences WHERE block_id = ?", (block_id,))
        for pos, s in enumerate(sentences):
            c.execute(
                "INSERT INTO sentences (id, block_id, pos, zh) VALUES (?, ?, ?, ?)",
                (s.id, block_id, pos, s.zh),
            )
            c.execute(
                "INSERT OR IGNORE INTO pairs (sid, zh, updated) VALUES (?, ?, ?)",
                (s.id, s.zh, now()),
            )
        c.execute(
            "UPDATE blocks SET text = ? WHERE id = ?",
            ("".join(s.zh for s in sentences), block_id),
        )

    # -- pairs --------------------------------------------------------------
    _PAIRS_SQL = """
        SELECT s.id AS sid, b.article_id AS article, b.id AS block, b.kind AS kind,
               s.zh AS zh, p.en, p.mt, p.status, p.signature, p.flags, p.score,
               b.box AS box, g.file AS file, g.number AS page
        FROM sentences s
        JOIN blocks b ON b.id = s.block_id
        JOIN articles a ON a.id = b.article_id
        JOIN pairs p ON p.sid = s.id
        LEFT JOIN pages g ON g.n = b.page
    """

    @staticmethod
    def _pair(row: sqlite3.Row) -> Pair:
        return Pair(
            sid=row["sid"],
            article=row["article"],
            block=row["block"],
            kind=row["kind"],
            zh=row["zh"],
            en=row["en"],
            mt=row["mt"],
            status=row["status"],
            signature=row["signature"],
            flags=flags_from_json(json.loads(row["flags"])),
            score=row["score"],
            source=source_of(row),
        )

    def pairs(self) -> list[Pair]:
        """Every sentence pair in document order."""
        rows = self.conn.execute(self._PAIRS_SQL + " ORDER BY a.pos, b.pos, s.pos")
        return [self._pair(r) for r in rows]

    def touched_ids(self) -> set[str]:
        """Ids of stored pairs that have a translation or a review, in or out of the structure."""
        rows = self.conn.execute("SELECT sid FROM pairs WHERE status != 'untranslated'")
        return {r[0] for r in rows}

    def pair(self, sid: str) -> Pair | None:
        row = self.conn.execute(self._PAIRS_SQL + " WHERE s.id = ?", (sid,)).fetchone()
        return self._pair(row) if row else None

    def raw_pair(self, sid: str) -> dict | None:
        """The stored pair row, also for sentences no longer in the structure."""
        row = self.conn.execute("SELECT * FROM pairs WHERE sid = ?", (sid,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        out["flags"] = json.loads(out["flags"])
        return out

    def update_pair(self, sid: str, **fields: object) -> None:
        """Set columns of one pair (en, mt, status, signature, flags, score); no transaction.

        `flags` is an iterable of `Flag`; `signature` a `Signature` or its string."""
        if "flags" in fields:
            flags: Iterable[Flag] = fields["flags"]  # type: ignore[assignment]
            fields["flags"] = json.dumps(flags_json(flags), ensure_ascii=False)
        if "signature" in fields:
            fields["signature"] = str(fields["signature"])
        fields["updated"] = now()
        cols = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(f"UPDATE pairs SET {cols} WHERE sid = ?", (*fields.values(), sid))

    def put_pair(self, pair: dict) -> None:
        """Insert or replace a whole pair row (used by undo)."""
        row = dict(pair)
        row["flags"] = json.dumps(row.get("flags", []), ensure_ascii=False)
        row.setdefault("updated", now())
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(
            f"INSERT OR REPLACE INTO pairs ({cols}) VALUES ({marks})", tuple(row.values())
        )

    # -- history ------------------------------------------------------------
    def log(self, action: str, target: str, before: object, after: object) -> int:
        """Append an audit row; call inside the transaction that makes the change."""
        cur = self.conn.execute(
            "INSERT INTO history (at, action, target, before, after) VALUES (?, ?, ?, ?, ?)",
            (
                now(),
                action,
                target,
                json.dumps(before, ensure_ascii=False),
                json.dumps(after, ensure_ascii=False),
            ),
        )
        return int(cur.lastrowid)

    def history(self, include_undone: bool = True) -> list[dict]:
        sql = "SELECT * FROM history"
        if not include_undone:
            sql += " WHERE undone = 0"
        rows = self.conn.execute(sql + " ORDER BY id")
        return [
            {**dict(r), "before": json.loads(r["before"]), "after": json.loads(r["after"])}
            for r in rows
        ]

    def last_change(self) -> dict | None:
        row = self.conn.execute(
            "SELECT * FROM history WHERE undone = 0 AND action != 'undo' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return {**dict(row), "before": json.loads(row["before"]), "after": json.loads(row["after"])}

    def mark_undone(self, history_id: int) -> None:
        self.conn.execute("UPDATE history SET undone = 1 WHERE id = ?", (history_id,))
