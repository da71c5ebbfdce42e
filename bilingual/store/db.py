"""SQLite plumbing shared by the edition store and the translation cache: connections (WAL,
synchronous=NORMAL), explicit transactions, and the one line for each SQLite error that comes
from the machine (disk full, locked, unwritable, damaged)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import EditionError


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def stored_version(conn: sqlite3.Connection, path: Path, latest: int, what: str) -> int:
    """The file's `user_version`; a file written by a newer bilingual (above `latest`) is
    refused rather than misread. `what` names the format in the message ("schema")."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > latest:
        raise EditionError(
            f"{path} has {what} version {version}, newer than this tool's {latest}",
            "Upgrade bilingual.",
        )
    return version


INTACT = "what was saved before is intact"
DAMAGED = (
    "Restore it from a backup, or make it again with `bilingual ingest` "
    "(the translations and reviews in it are then lost)."
)


def sqlite_problem(exc: sqlite3.Error, path: Path, doing: str) -> EditionError | None:
    """The one line for an SQLite error that comes from the machine, not from a bug (None
    for any other), with advice that never throws away a store that is intact: a full disk
    or a locked, unwritable or unreadable file leaves every saved change in place."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    # a full disk shows as SQLITE_FULL when a write fails, and as an I/O error when opening
    # (the WAL's shared-memory file cannot grow)
    if name == "SQLITE_FULL" or (name.startswith("SQLITE_IOERR") and _nearly_full(path)):
        return EditionError(
            f"Disk full while {doing} {path}",
            f"Free some space and run the command again: {INTACT}.",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")):
        return EditionError(
            f"Cannot use {path} ({exc})", "Check the permissions of the file and its folder."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return EditionError(
            f"{path} is busy: another command is writing to it",
            f"Run this again when it has finished: {INTACT}.",
        )
    if name.startswith("SQLITE_IOERR"):
        return EditionError(
            f"Input/output error while {doing} {path} ({exc})",
            f"Check the disk, then run the command again: {INTACT}.",
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return EditionError(f"{path} is damaged ({exc})", DAMAGED)
    return None


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


class Base:
    conn: sqlite3.Connection
    path: Path

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception; a write that fails for
        want of disk space (or another machine problem) is one EditionError."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:  # SQLite may have rolled back already
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            problem = sqlite_problem(exc, self.path, "writing")
            if problem is None:
                raise
            raise problem from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
