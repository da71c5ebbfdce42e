"""The SQLite stores: one per edition (structure, pairs, history) and a shared translation cache.

This is the only module that writes SQL. Every write happens inside `transaction()`, so a
killed process loses at most the transaction in flight (WAL mode, synchronous=NORMAL).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .document import Article, Block, Edition, Page, Sentence, source_flags
from .errors import EditionError

# 2: source pages (`pages`) and each block's page and box (PDF and image pages)
SCHEMA_VERSION = 2
DB_NAME = "edition.sqlite"

_SCHEMA = """
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


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Pair:
    """One sentence pair in document order, with where it sits and its review state."""

    sid: str
    article: int
    block: str
    kind: str
    zh: str
    en: str = ""
    mt: str = ""
    status: str = "untranslated"
    signature: str = ""
    flags: list[dict] = field(default_factory=list)
    score: float | None = None
    source: dict | None = None  # file, page and box of its block, when read from a page image

    def to_json(self) -> dict:
        out = {
            "article": self.article,
            "block": self.block,
            "kind": self.kind,
            "id": self.sid,
            "zh": self.zh,
            "en": self.en,
            "status": self.status,
            "flags": self.flags,
            "signature": self.signature,
        }
        if self.source:
            out["source"] = self.source
        return out


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class _Base:
    conn: sqlite3.Connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EditionStore(_Base):
    """An edition's `edition.sqlite`: structure, sentence pairs and the audit log."""

    def __init__(self, directory: Path, create: bool = False) -> None:
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        if self.directory.exists() and not self.directory.is_dir():
            raise EditionError(
                f"{self.directory} is a file, not an edition directory",
                "Give the directory with -e.",
            )
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
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                probe = self.directory / ".write-test"
                probe.write_text("")
                probe.unlink()
            except OSError as exc:
                raise EditionError(
                    f"Cannot write to edition directory {self.directory}: {exc.strerror}",
                    "Choose another directory with -e.",
                ) from None
        try:
            self.conn = _connect(self.path)
            # damaged pages would otherwise surface mid-command as an internal error
            check = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError("damaged: " + " ".join(str(check).split()))
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise EditionError(
                    f"{self.path} has schema version {version}, newer than this tool's "
                    f"{SCHEMA_VERSION}",
                    "Upgrade bilingual.",
                )
            self.conn.executescript(_SCHEMA)
            self._migrate()
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise EditionError(
                f"{self.path} is not a readable edition store ({exc})",
                "Re-create it with `bilingual ingest`.",
            ) from None

    def _migrate(self) -> None:
        """Bring a version-1 store up to date: blocks gain `page` and `box` (NULL: unknown)."""
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(blocks)")}
        for column, sql_type in (("page", "INTEGER"), ("box", "TEXT")):
            if column not in columns:
                self.conn.execute(f"ALTER TABLE blocks ADD COLUMN {column} {sql_type}")

    # -- meta ---------------------------------------------------------------
    def get_meta(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def name(self) -> str:
        return self.get_meta("name") or self.directory.name

    # -- structure ----------------------------------------------------------
    def save_edition(self, edition: Edition, source: str = "") -> None:
        """Replace the structure with `edition`; pairs of unchanged sentences are kept.

        An edition read from sources replaces the stored pages and the source flags of
        unreviewed pairs; one re-read from articles.md (no `source`) keeps both, and its
        blocks keep the page and box of the block they were (or their first sentence was in).
        """
        stamp = now()
        if not source and not edition.pages:
            self._keep_origins(edition)
        articles, blocks, sentences = [], [], []
        for apos, article in enumerate(edition.articles):
            articles.append((article.id, apos))
            for bpos, block in enumerate(article.blocks):
                box = json.dumps([round(v, 1) for v in block.box]) if block.box else None
                blocks.append((block.id, article.id, bpos, block.kind, block.text, block.page, box))
                sentences.extend(
                    (s.id, block.id, spos, s.zh) for spos, s in enumerate(block.sentences)
                )
        with self.transaction() as c:
            c.execute("DELETE FROM articles")
            c.execute("DELETE FROM blocks")
            c.execute("DELETE FROM sentences")
            c.executemany("INSERT INTO articles (id, pos) VALUES (?, ?)", articles)
            c.executemany(
                "INSERT INTO blocks (id, article_id, pos, kind, text, page, box)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                blocks,
            )
            c.executemany(
                "INSERT INTO sentences (id, block_id, pos, zh) VALUES (?, ?, ?, ?)", sentences
            )
            c.executemany(
                "INSERT OR IGNORE INTO pairs (sid, zh, updated) VALUES (?, ?, ?)",
                [(sid, zh, stamp) for sid, _, _, zh in sentences],
            )
            if source or edition.pages:
                self._save_pages(edition)
            self.set_meta("name", edition.name)
            if source:
                self.set_meta("source", source)
            self.set_meta("ingested", stamp)

    def _keep_origins(self, edition: Edition) -> None:
        rows = self.conn.execute("SELECT id, page, box FROM blocks WHERE page IS NOT NULL")
        old = {r["id"]: (r["page"], tuple(json.loads(r["box"]))) for r in rows}
        if not old:
            return
        block_of = dict(self.conn.execute("SELECT id, block_id FROM sentences").fetchall())
        for block in (b for a in edition.articles for b in a.blocks):
            ids = [block.id] + [block_of.get(s.id) for s in block.sentences]
            found = next((old[i] for i in ids if i in old), None)
            if found:
                block.page, block.box = found

    def _save_pages(self, edition: Edition) -> None:
        """Store the source pages and set the source flags of unreviewed pairs afresh."""
        c = self.conn
        c.execute("DELETE FROM pages")
        c.executemany(
            "INSERT INTO pages (n, file, number, width, height, unit) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (n, p.file, p.number, p.width, p.height, p.unit)
                for n, p in enumerate(edition.pages, 1)
            ],
        )
        for s in edition.sentences():
            row = self.raw_pair(s.id)
            if row is None or row["status"] in ("edited", "approved"):
                continue
            kept = [f for f in row["flags"] if f not in source_flags(row["flags"])]
            if kept + s.flags != row["flags"]:
                self.update_pair(s.id, flags=kept + s.flags)

    def pages(self) -> list[Page]:
        rows = self.conn.execute("SELECT * FROM pages ORDER BY n")
        return [Page(r["file"], r["number"], r["width"], r["height"], r["unit"]) for r in rows]

    def load_edition(self) -> Edition:
        edition = Edition(name=self.name, pages=self.pages())
        blocks: dict[int, list[Block]] = {}
        by_id: dict[str, Block] = {}
        for row in self.conn.execute("SELECT * FROM blocks ORDER BY article_id, pos"):
            block = Block(id=row["id"], kind=row["kind"], text=row["text"], page=row["page"])
            if row["box"]:
                block.box = tuple(json.loads(row["box"]))
            blocks.setdefault(row["article_id"], []).append(block)
            by_id[block.id] = block
        for row in self.conn.execute("SELECT * FROM sentences ORDER BY block_id, pos"):
            by_id[row["block_id"]].sentences.append(Sentence(id=row["id"], zh=row["zh"]))
        for row in self.conn.execute("SELECT id FROM articles ORDER BY pos"):
            edition.articles.append(Article(id=row["id"], blocks=blocks.get(row["id"], [])))
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
            flags=json.loads(row["flags"]),
            score=row["score"],
            source=(
                {"file": row["file"], "page": row["page"], "box": json.loads(row["box"])}
                if row["file"] is not None and row["box"]
                else None
            ),
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
        """Set columns of one pair (en, mt, status, signature, flags, score); no transaction."""
        if "flags" in fields:
            fields["flags"] = json.dumps(fields["flags"], ensure_ascii=False)
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


def default_cache_dir() -> Path:
    """Where the shared translation cache lives (`BILINGUAL_CACHE_DIR` overrides)."""
    env = os.environ.get("BILINGUAL_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("bilingual"))


class TranslationCache(_Base):
    """Translations keyed by a content key (source text + signature), shared by all editions."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or default_cache_dir() / "translations.sqlite"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = _connect(path)
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS tm (key TEXT PRIMARY KEY, zh TEXT NOT NULL,"
                " en TEXT NOT NULL, signature TEXT NOT NULL, flags TEXT NOT NULL,"
                " created TEXT NOT NULL)"
            )
        except (OSError, sqlite3.DatabaseError) as exc:
            raise EditionError(
                f"Cannot open the translation cache at {path} ({exc})",
                "Set BILINGUAL_CACHE_DIR to a writable directory.",
            ) from None
        self.path = path

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[str, list[dict]]]:
        out: dict[str, tuple[str, list[dict]]] = {}
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.conn.execute(
                f"SELECT key, en, flags FROM tm WHERE key IN ({marks})", chunk
            ):
                out[row["key"]] = (row["en"], json.loads(row["flags"]))
        return out

    def put_many(self, rows: Iterable[tuple[str, str, str, str, list[dict]]]) -> None:
        """Store (key, zh, en, signature, flags) rows; call inside a transaction."""
        stamp = now()
        self.conn.executemany(
            "INSERT OR REPLACE INTO tm (key, zh, en, signature, flags, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (k, zh, en, sig, json.dumps(f, ensure_ascii=False), stamp)
                for k, zh, en, sig, f in rows
            ],
        )
