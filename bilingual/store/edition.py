"""An edition's store, `edition.sqlite`: structure, sentence pairs and the audit log.

Every write happens inside `transaction()`, so a killed process loses at most the
transaction in flight (WAL mode, synchronous=NORMAL).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..bulk import no_gc
from ..document import Article, Block, Edition, Flag, Pair, Sentence, flags_from_json, flags_json
from ..errors import EditionError, os_advice
from ..paths import link_problem
from .db import DAMAGED, Base, connect, now, sqlite_problem

SCHEMA_VERSION = 1
DB_NAME = "edition.sqlite"
# What `content_digest` covers, table by table.
_CONTENT = (
    ("articles", "id, pos"),
    ("blocks", "id, article_id, pos, kind, text"),
    ("sentences", "id, block_id, pos, zh"),
    ("pairs", "sid, zh, en, mt, status, signature, flags, score"),
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, pos INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
    id TEXT PRIMARY KEY, article_id INTEGER NOT NULL, pos INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    id TEXT PRIMARY KEY, block_id TEXT NOT NULL, pos INTEGER NOT NULL, zh TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS sentences_block ON sentences (block_id, pos);
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


def _writable_directory(directory: Path) -> None:
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


def _insert_structure(c: sqlite3.Connection, edition: Edition, source: str) -> None:
    """Insert `edition`'s articles, blocks and sentences, and a pair for each new sentence
    (the structure tables must be empty; call inside a transaction)."""
    stamp = now()
    articles = [(article.id, apos) for apos, article in enumerate(edition.articles)]
    blocks = [b for a in edition.articles for b in a.blocks]
    # rows are generated as they are inserted: a long edition has hundreds of thousands
    c.executemany("INSERT INTO articles (id, pos) VALUES (?, ?)", articles)
    c.executemany(
        "INSERT INTO blocks (id, article_id, pos, kind, text) VALUES (?, ?, ?, ?, ?)",
        (
            (block.id, article.id, bpos, block.kind, block.text)
            for article in edition.articles
            for bpos, block in enumerate(article.blocks)
        ),
    )
    c.executemany(
        "INSERT INTO sentences (id, block_id, pos, zh) VALUES (?, ?, ?, ?)",
        ((s.id, b.id, spos, s.zh) for b in blocks for spos, s in enumerate(b.sentences)),
    )
    c.executemany(
        "INSERT OR IGNORE INTO pairs (sid, zh, updated) VALUES (?, ?, ?)",
        ((s.id, s.zh, stamp) for b in blocks for s in b.sentences),
    )
    meta = [("name", edition.name), ("ingested", stamp)] + ([("source", source)] if source else [])
    c.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta)


def create_store(directory: Path, edition: Edition, source: str = "") -> None:
    """Write a new edition.sqlite holding `edition`, where there is none yet.

    It is written without a journal into a hidden file beside it, synced, and moved into
    place with one rename (in WAL mode, like every store): there is nothing to protect
    until the rename, so the journal's second copy of every page is saved (a third of
    the time of a large ingest), and a reader never sees half a store.
    """
    directory = Path(directory)
    check_edition_dir(directory)
    _writable_directory(directory)
    path = directory / DB_NAME
    tmp = directory / f".{DB_NAME}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        _build(tmp, edition, source)
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


def _build(tmp: Path, edition: Edition, source: str) -> None:
    """The new store's file: schema, structure, WAL mode; no journal while it is written."""
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("BEGIN")
        _insert_structure(conn, edition, source)
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
            _writable_directory(self.directory)
        try:
            self.conn = connect(self.path)
            # damaged pages would otherwise surface mid-command as an internal error
            check = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise EditionError(
                    f"{self.path} is damaged ({' '.join(str(check).split())})", DAMAGED
                )
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise EditionError(
                    f"{self.path} has schema version {version}, newer than this tool's "
                    f"{SCHEMA_VERSION}",
                    "Upgrade bilingual.",
                )
            if version < SCHEMA_VERSION:  # only then: opening a store to read writes nothing
                self.conn.executescript(_SCHEMA)
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
        """Replace the structure with `edition`; pairs of unchanged sentences are kept."""
        with self.transaction() as c:
            c.execute("DELETE FROM articles")
            c.execute("DELETE FROM blocks")
            c.execute("DELETE FROM sentences")
            _insert_structure(c, edition, source)

    def load_edition(self) -> Edition:
        edition = Edition(name=self.name)
        blocks: dict[int, list[Block]] = {}
        by_id: dict[str, Block] = {}
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: a long edition has hundreds of thousands of rows
        with no_gc():
            for bid, article, kind, text in cur.execute(
                "SELECT id, article_id, kind, text FROM blocks ORDER BY article_id, pos"
            ):
                block = Block(id=bid, kind=kind, text=text)
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
               s.zh AS zh, p.en, p.mt, p.status, p.signature, p.flags, p.score
        FROM sentences s
        JOIN blocks b ON b.id = s.block_id
        JOIN articles a ON a.id = b.article_id
        JOIN pairs p ON p.sid = s.id
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
