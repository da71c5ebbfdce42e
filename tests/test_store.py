"""The edition store refuses a damaged file at open with one clear error."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bilingual.document import assign_ids
from bilingual.errors import EditionError
from bilingual.store import DB_NAME, EditionStore


def _edition(directory: Path) -> Path:
    """An edition big enough to span many database pages."""
    paragraphs = [
        ("paragraph", f"第{k}段第一句。第{k}段第二句。", [f"第{k}段第一句。", f"第{k}段第二句。"])
        for k in range(400)
    ]
    edition = assign_ids([[("title", "标题", ["标题"]), *paragraphs]], "name")
    store = EditionStore(directory, create=True)
    store.save_edition(edition)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return directory / DB_NAME


def test_damaged_pages_are_refused_at_open(tmp_path: Path) -> None:
    """Garbage in the middle of the file (header intact) is caught before any command runs."""
    path = _edition(tmp_path / "ed")
    size = path.stat().st_size
    assert size > 40_000
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    for offset in range(8192, size - 4096):
        data[offset] = rng.randrange(256)
    path.write_bytes(bytes(data))
    with pytest.raises(EditionError, match="not a readable edition store") as caught:
        EditionStore(tmp_path / "ed")
    assert "\n" not in caught.value.message  # one line, whatever SQLite reports


def test_intact_store_opens(tmp_path: Path) -> None:
    _edition(tmp_path / "ed")
    store = EditionStore(tmp_path / "ed")
    assert len(store.pairs()) == 801
    store.close()
