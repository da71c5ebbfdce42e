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


# The schema of version 1, as edition stores written before source pages were kept.
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (id INTEGER PRIMARY KEY, pos INTEGER NOT NULL);
CREATE TABLE blocks (id TEXT PRIMARY KEY, article_id INTEGER NOT NULL, pos INTEGER NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE sentences (id TEXT PRIMARY KEY, block_id TEXT NOT NULL, pos INTEGER NOT NULL,
    zh TEXT NOT NULL);
CREATE TABLE pairs (sid TEXT PRIMARY KEY, zh TEXT NOT NULL, en TEXT NOT NULL DEFAULT '',
    mt TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'untranslated',
    signature TEXT NOT NULL DEFAULT '', flags TEXT NOT NULL DEFAULT '[]', score REAL,
    updated TEXT NOT NULL DEFAULT '');
CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0);
INSERT INTO meta VALUES ('name', 'old');
INSERT INTO articles VALUES (1, 0);
INSERT INTO blocks VALUES ('b1', 1, 0, 'title', '标题');
INSERT INTO sentences VALUES ('s1', 'b1', 0, '标题');
INSERT INTO pairs (sid, zh, en, status) VALUES ('s1', '标题', 'Title', 'approved');
PRAGMA user_version = 1;
"""


def test_a_version_1_store_is_migrated_and_keeps_its_edition(tmp_path: Path) -> None:
    import sqlite3

    (tmp_path / "ed").mkdir()
    conn = sqlite3.connect(tmp_path / "ed" / DB_NAME)
    conn.executescript(V1_SCHEMA)
    conn.close()
    with EditionStore(tmp_path / "ed") as store:
        edition = store.load_edition()
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 2
        (pair,) = store.pairs()
    assert edition.to_json() == {
        "name": "old",
        "articles": [
            {
                "id": 1,
                "blocks": [
                    {
                        "id": "b1",
                        "kind": "title",
                        "text": "标题",
                        "sentences": [{"id": "s1", "zh": "标题"}],
                    }
                ],
            }
        ],
    }
    assert (pair.en, pair.status, pair.source) == ("Title", "approved", None)


def test_pages_boxes_and_source_flags_are_stored(tmp_path: Path) -> None:
    from bilingual.document import Origin, Page

    page = Page("a.pdf", 2, 595.0, 842.0, "pt")
    doubt = {"code": "ocr-uncertain", "detail": "confidence 0.41"}
    origin = Origin(page, (10.0, 20.0, 300.0, 80.0), flags=[[], [doubt]])
    edition = assign_ids(
        [[("paragraph", "第一句。第二句。", ["第一句。", "第二句。"], origin)]], "e"
    )
    with EditionStore(tmp_path / "ed", create=True) as store:
        store.save_edition(edition)
        loaded = store.load_edition()
        pairs = store.pairs()
    assert loaded.pages == [page]
    block = loaded.articles[0].blocks[0]
    assert (block.page, block.box) == (1, (10.0, 20.0, 300.0, 80.0))
    assert [p.flags for p in pairs] == [[], [doubt]]
    assert pairs[1].to_json()["source"] == {"file": "a.pdf", "page": 2, "box": [10, 20, 300, 80]}
    # the same page read again with more confidence drops the flag; a reviewed pair keeps
    # the reviewer's word
    again = assign_ids(
        [[("paragraph", "第一句。第二句。", ["第一句。", "第二句。"], Origin(page, origin.box))]],
        "e",
    )
    with EditionStore(tmp_path / "ed") as store:
        store.save_edition(again)
        assert [p.flags for p in store.pairs()] == [[], []]
