"""The translation cache shared by all editions: English keyed by a content key (source
text + Signature + the sentence's terms and names), never by a path or a position."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..document import Flag, flags_from_json, flags_json
from ..errors import EditionError, os_advice
from .db import Base, connect, now, sqlite_problem


def default_cache_dir() -> Path:
    """Where the shared translation cache lives (`BILINGUAL_CACHE_DIR` overrides)."""
    env = os.environ.get("BILINGUAL_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("bilingual"))


class TranslationCache(Base):
    """Translations keyed by a content key (source text + signature), shared by all editions."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or default_cache_dir() / "translations.sqlite"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = connect(path)
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS tm (key TEXT PRIMARY KEY, zh TEXT NOT NULL,"
                " en TEXT NOT NULL, signature TEXT NOT NULL, flags TEXT NOT NULL,"
                " created TEXT NOT NULL)"
            )
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, path, "opening the translation cache") or EditionError(
                f"Cannot open the translation cache at {path} ({exc})",
                "Set BILINGUAL_CACHE_DIR to a writable directory.",
            ) from None
        except OSError as exc:
            raise EditionError(
                f"Cannot open the translation cache at {path} ({exc})",
                os_advice(exc, "Set BILINGUAL_CACHE_DIR to a writable directory."),
            ) from None
        self.path = path

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[str, tuple[Flag, ...]]]:
        """(English, flags) of the keys that are cached."""
        out: dict[str, tuple[str, tuple[Flag, ...]]] = {}
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.conn.execute(
                f"SELECT key, en, flags FROM tm WHERE key IN ({marks})", chunk
            ):
                out[row["key"]] = (row["en"], flags_from_json(json.loads(row["flags"])))
        return out

    def put_many(self, rows: Iterable[tuple[str, str, str, object, Iterable[Flag]]]) -> None:
        """Store (key, zh, en, signature, flags) rows; call inside a transaction."""
        stamp = now()
        self.conn.executemany(
            "INSERT OR REPLACE INTO tm (key, zh, en, signature, flags, created)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (k, zh, en, str(sig), json.dumps(flags_json(f), ensure_ascii=False), stamp)
                for k, zh, en, sig, f in rows
            ],
        )
