"""The translation memory's SQLite file: units (Chinese, English, where and when they came
from) and an FTS5 index of each unit's Chinese n-grams for fuzzy candidates.

`bilingual.tm` decides what goes in and how similar a candidate is; this module only keeps
the rows. Units from an edition are keyed by (source, sid) — the edition's directory and
the sentence id — so a later review of the same sentence replaces its unit and an undo can
take it out again; imported units have no sid and are kept once per (Chinese, English,
edition).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import EditionError, os_advice
from .db import Base, connect, now, sqlite_problem, stored_version

TM_SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY, zh TEXT NOT NULL, en TEXT NOT NULL,
    key TEXT NOT NULL, length INTEGER NOT NULL,
    edition TEXT NOT NULL DEFAULT '', date TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',
    sid TEXT NOT NULL DEFAULT '', added TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS units_key ON units (key);
CREATE UNIQUE INDEX IF NOT EXISTS units_place ON units (source, sid) WHERE sid != '';
-- the unit's Chinese as space-separated n-grams (bigrams of Han runs, whole Latin words);
-- detail=none: only which units hold a gram is needed, which keeps OR queries fast
CREATE VIRTUAL TABLE IF NOT EXISTS unit_grams USING fts5 (grams, tokenize = 'ascii', detail = 'none');
CREATE VIRTUAL TABLE IF NOT EXISTS gram_counts USING fts5vocab (unit_grams, 'row');
"""

_COLUMNS = "id, zh, en, edition, date, origin, source, sid, added"


@dataclass(frozen=True)
class UnitRow:
    """One stored unit (`key` is the normalised Chinese an exact match compares)."""

    zh: str
    en: str
    key: str
    grams: str
    edition: str = ""
    date: str = ""
    origin: str = ""
    source: str = ""
    sid: str = ""


class TMStore(Base):
    """The user's translation memory file (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = connect(path)
            version = stored_version(self.conn, path, TM_SCHEMA_VERSION, "translation-memory")
            if version < TM_SCHEMA_VERSION:
                self.conn.executescript(_SCHEMA)
                self.conn.execute(f"PRAGMA user_version = {TM_SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, path, "opening the translation memory") or EditionError(
                f"{path} is not a readable translation memory ({exc})",
                "Move it aside; a new one is made on the next review.",
            ) from None
        except OSError as exc:
            raise EditionError(
                f"Cannot open the translation memory at {path} ({exc.strerror or exc})",
                os_advice(exc, "Set BILINGUAL_TM to a file in a writable directory."),
            ) from None

    # -- writing (inside `transaction()`) -----------------------------------
    def put(self, unit: UnitRow) -> bool:
        """Add a unit, or replace the one at its (source, sid); False when an identical
        imported unit is already there."""
        c = self.conn
        if unit.sid:
            c.execute("DELETE FROM unit_grams WHERE rowid IN (SELECT id FROM units "
                      "WHERE source = ? AND sid = ?)", (unit.source, unit.sid))  # fmt: skip
            c.execute("DELETE FROM units WHERE source = ? AND sid = ?", (unit.source, unit.sid))
        elif c.execute(
            "SELECT 1 FROM units WHERE key = ? AND en = ? AND edition = ?",
            (unit.key, unit.en, unit.edition),
        ).fetchone():
            return False
        cur = c.execute(
            "INSERT INTO units (zh, en, key, length, edition, date, origin, source, sid, added)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (unit.zh, unit.en, unit.key, len(unit.key), unit.edition, unit.date, unit.origin,
             unit.source, unit.sid, now()),
        )  # fmt: skip
        c.execute(
            "INSERT INTO unit_grams (rowid, grams) VALUES (?, ?)", (cur.lastrowid, unit.grams)
        )
        return True

    def remove(self, source: str, sids: Iterable[str]) -> int:
        """Take out the units of these sentences of one edition; how many there were."""
        removed = 0
        for sid in sids:
            ids = [r[0] for r in self.conn.execute(
                "SELECT id FROM units WHERE source = ? AND sid = ?", (source, sid))]  # fmt: skip
            for uid in ids:
                self.conn.execute("DELETE FROM unit_grams WHERE rowid = ?", (uid,))
                self.conn.execute("DELETE FROM units WHERE id = ?", (uid,))
            removed += len(ids)
        return removed

    # -- reading ------------------------------------------------------------
    def exact(self, key: str) -> list[sqlite3.Row]:
        return self.conn.execute(
            f"SELECT {_COLUMNS} FROM units WHERE key = ? ORDER BY date DESC, id DESC", (key,)
        ).fetchall()

    def doc_counts(self, grams: Iterable[str]) -> dict[str, int]:
        """How many units hold each gram (grams in no unit are left out)."""
        grams = list(grams)
        marks = ", ".join("?" for _ in grams)
        rows = self.conn.execute(
            f"SELECT term, doc FROM gram_counts WHERE term IN ({marks})", grams
        )
        return {r[0]: r[1] for r in rows}

    def candidates(self, grams: list[str], shortest: int, longest: int, limit: int) -> list:
        """Units of `shortest`–`longest` characters sharing the most (rarest) grams with the
        query, best first (FTS5's bm25 over an OR of the grams)."""
        if not grams:
            return []
        query = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
        return self.conn.execute(
            f"SELECT {_COLUMNS} FROM units JOIN ("
            "  SELECT rowid, rank FROM unit_grams WHERE unit_grams MATCH ? ORDER BY rank LIMIT ?"
            ") AS hits ON hits.rowid = units.id"
            " WHERE length BETWEEN ? AND ? ORDER BY hits.rank",
            (query, limit, shortest, longest),
        ).fetchall()

    def units(self) -> Iterator[sqlite3.Row]:
        """Every unit, oldest first (for export)."""
        yield from self.conn.execute(f"SELECT {_COLUMNS} FROM units ORDER BY id")

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM units").fetchone()[0]
