"""The edition store refuses a damaged file at open with one clear error."""

from __future__ import annotations

import json
import random
import re
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
    with pytest.raises(EditionError, match=f"^{path} is damaged ") as caught:
        EditionStore(tmp_path / "ed")
    assert "\n" not in caught.value.message  # one line, whatever SQLite reports
    assert caught.value.todo == (
        "Restore it from a backup, or make it again with `bilingual ingest` "
        "(the translations and reviews in it are then lost)."
    )


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
    from bilingual.document import Flag, Origin, Page

    page = Page("a.pdf", 2, 595.0, 842.0, "pt")
    doubt = Flag("ocr-uncertain", "confidence 0.41")
    origin = Origin(page, (10.0, 20.0, 300.0, 80.0), flags=[(), (doubt,)])
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
    assert [p.flags for p in pairs] == [(), (doubt,)]
    assert pairs[1].to_json()["source"] == {"file": "a.pdf", "page": 2, "box": [10, 20, 300, 80]}
    # the same page read again with more confidence drops the flag; a reviewed pair keeps
    # the reviewer's word
    again = assign_ids(
        [[("paragraph", "第一句。第二句。", ["第一句。", "第二句。"], Origin(page, origin.box))]],
        "e",
    )
    with EditionStore(tmp_path / "ed") as store:
        store.save_edition(again)
        assert [p.flags for p in store.pairs()] == [(), ()]


# -- a full disk ----------------------------------------------------------------------------

FULL = "Free some space and run the command again: what was saved before is intact."

# Run on a small tmpfs of its own (namespace_support): ingests the seed page into it, fills
# the disk while a reader keeps the store open (so the WAL files already exist), then
# tries to write; prints what each command said.
FULL_DISK_SCRIPT = r"""
import json, sqlite3
disk, seed, cache = sys.argv[1:4]
env = dict(os.environ, BILINGUAL_CACHE_DIR=cache)
def cli(*args):
    done = subprocess.run([sys.executable, "-m", "bilingual", *args], capture_output=True,
                          text=True, env=env, cwd=cache)
    return [done.returncode, done.stdout, done.stderr]
ed = os.path.join(disk, "ed")
out = {"ingest": cli("ingest", seed, "-e", ed)}
out["before"] = cli("show", "-e", ed, "--json")[1]
holder = sqlite3.connect(os.path.join(ed, "edition.sqlite"))
holder.execute("SELECT count(*) FROM pairs").fetchone()
fill_disk(os.path.join(disk, "fill"))
out["translate"] = cli("translate", "-e", ed, "--engine", "gloss")
out["new"] = cli("ingest", seed, "-e", os.path.join(disk, "new"))
out["glossary"] = cli("glossary", "add", "网格", "grid", "-f", os.path.join(disk, "g.tsv"))
out["left"] = sorted(os.listdir(disk)) + sorted(os.listdir(os.path.join(disk, "new")))
os.remove(os.path.join(disk, "fill"))
holder.close()
out["after"] = cli("show", "-e", ed, "--json")[1]
out["again"] = cli("translate", "-e", ed, "--engine", "gloss")
print(json.dumps(out))
"""


def test_a_real_full_disk_says_so_and_keeps_the_store(tmp_path: Path) -> None:
    """A tmpfs filled up (in a mount namespace of its own): writes fail with "Disk full",
    never with advice to re-create the store, and the store is as it was."""
    from conftest import SEED
    from namespace_support import run_with_tmpfs

    disk, cache = tmp_path / "disk", tmp_path / "cache"
    cache.mkdir()
    out = run_with_tmpfs(disk, "6m", FULL_DISK_SCRIPT, SEED, cache)
    assert out["ingest"][0] == 0
    store = disk / "ed" / "edition.sqlite"
    assert out["translate"] == [3, "", f"Error: Disk full while writing {store}. {FULL}\n"]
    new = disk / "new" / "edition.sqlite"
    assert out["new"] == [3, "", f"Error: Disk full while writing {new}. {FULL}\n"]
    assert out["glossary"] == [
        6,
        "",
        f"Error: Cannot write {disk / 'g.tsv'} (No space left on device). "
        "Free some space and run the command again.\n",
    ]
    assert out["left"] == ["ed", "fill", "new"]  # no half-written store or temporary file
    assert json.loads(out["after"]) == json.loads(out["before"])
    # the chunk translated before the disk filled up is in the cache: reused, the rest redone
    again = re.match(r"Translated (\d+) and reused (\d+) cached sentences", out["again"][1])
    assert out["again"][0] == 0 and again
    assert int(again[1]) + int(again[2]) == 94 and int(again[2]) > 0


def test_a_full_store_says_disk_full(monkeypatch, tmp_path: Path) -> None:
    """SQLite's own full condition (max_page_count reached): the same line, store intact."""
    import sqlite3

    import bilingual.store.edition as store_module

    path = _edition(tmp_path / "ed")
    connect = store_module.connect

    def small(path: Path) -> sqlite3.Connection:
        conn = connect(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_module, "connect", small)
    with EditionStore(tmp_path / "ed") as store:
        before = [(p.sid, p.en) for p in store.pairs()]
        with pytest.raises(EditionError) as caught, store.transaction():
            for pair in store.pairs():
                store.update_pair(pair.sid, en="x" * 2000, status="machine")
        assert caught.value.message == f"Disk full while writing {path}. {FULL}"
        assert [(p.sid, p.en) for p in store.pairs()] == before


@pytest.mark.parametrize("flagged", [False, True])
def test_a_new_store_has_a_pair_for_each_sentence_in_order(tmp_path: Path, flagged: bool) -> None:
    """Pairs of text pages are made inside SQLite from the sentences, those with source
    flags row by row: either way one untranslated pair per sentence, in document order,
    its flags as the source raised them; a re-ingest keeps a pair that was translated."""
    from bilingual.document import Flag
    from bilingual.store import create_store
    from bilingual.store.schema import PAGE_SIZE

    blocks = [("paragraph", f"第{k}段。重复。", [f"第{k}段。", "重复。"]) for k in range(50)]
    edition = assign_ids([[("title", "标题", ["标题"]), *blocks]], "ed")
    sentences = edition.sentences()
    if flagged:
        sentences[3].flags = (Flag("ocr-uncertain", "0.41"),)
    create_store(tmp_path / "ed", edition, "page.txt")
    with EditionStore(tmp_path / "ed") as store:
        rows = store.conn.execute("SELECT sid, zh, status, flags FROM pairs ORDER BY rowid")
        expected = [
            (s.id, s.zh, "untranslated", '[{"code": "ocr-uncertain", "detail": "0.41"}]')
            if flagged and k == 3
            else (s.id, s.zh, "untranslated", "[]")
            for k, s in enumerate(sentences)
        ]
        assert [tuple(r) for r in rows] == expected
        assert len({s.id for s in sentences}) == len(sentences) == 101  # 重复。 -2, -3 …
        # made with the larger pages, and in WAL mode like every store
        assert store.conn.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE != 4096
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.update_pair(sentences[1].id, en="Paragraph 0.", status="edited")
        store.save_edition(edition, source="page.txt")
        assert store.raw_pair(sentences[1].id)["en"] == "Paragraph 0."
        assert store.conn.execute("SELECT count(*) FROM pairs").fetchone()[0] == 101
