"""bilingual.pipeline.build: ingest → translate → QA → render → EPUB check, as library calls."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mt_support import SEED, run_cli
from review_support import make_edition

from bilingual.errors import RenderError
from bilingual.pipeline import BuildOptions, build
from bilingual.qa import run_qa
from bilingual.store import EditionStore
from bilingual.terms.glossary import Glossary
from bilingual.translate import translate_edition

FAKE = BuildOptions(engine="fake", formats=("html",))
needs_epubcheck = pytest.mark.skipif(shutil.which("java") is None, reason="needs Java")


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation cache of the test's own, so "translated" means translated here."""
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path / "cache"))


def test_build_runs_every_stage_and_reports_each(tmp_path: Path) -> None:
    report = build([SEED], tmp_path / "seed", FAKE)
    assert report.directory == tmp_path / "seed"
    assert report.ingested.sentences == report.translated.sentences > 50
    assert report.translated.engine == "fake"
    assert report.qa.checked == report.qa.pairs == report.ingested.sentences
    assert report.paths == [tmp_path / "seed" / "seed.html"]
    assert report.epubcheck == ""  # no EPUB, no check
    again = build([SEED], tmp_path / "seed", FAKE)
    assert (again.translated.translated, again.translated.cached) == (0, 0)


def test_translate_leaves_qa_to_the_caller(tmp_path: Path) -> None:
    zh = "这是一个相当长的中文句子，用来检验译文长度的比例是否正常。"
    make_edition(tmp_path / "ed", [[("paragraph", zh, [zh])]], english={})
    with EditionStore(tmp_path / "ed") as store:
        translate_edition(store, engine_name="fake", glossary=Glossary())
        assert [f.code for f in store.pairs()[0].flags] == []  # only the translation's checks
        report = run_qa(store, Glossary())
        assert report.counts == {"length-ratio": 1}


@needs_epubcheck
def test_auto_checks_the_epub_when_epubcheck_can_run(tmp_path: Path) -> None:
    report = build([SEED], tmp_path / "seed", BuildOptions(engine="fake", formats=("epub",)))
    assert report.epubcheck == "valid"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [("auto", "skipped (Java is not installed)"), ("never", "skipped (--epubcheck never)")],
)
def test_without_java_the_build_succeeds_and_says_why(tmp_path, monkeypatch, policy, expected):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    options = BuildOptions(engine="fake", formats=("epub",), epubcheck=policy)
    report = build([SEED], tmp_path / "seed", options)
    assert report.epubcheck == expected
    assert (tmp_path / "seed" / "seed.epub").is_file()


def test_always_makes_a_missing_epubcheck_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    options = BuildOptions(engine="fake", formats=("epub",), epubcheck="always")
    with pytest.raises(RenderError, match="Cannot run EPUBCheck: Java is not installed"):
        build([SEED], tmp_path / "seed", options)
    assert (tmp_path / "seed" / "seed.epub").is_file()  # what was built stays


def test_bad_options_fail_before_anything_is_written(tmp_path: Path, capsys) -> None:
    code, _, err = run_cli(capsys, "build", SEED, "-e", tmp_path / "b", "--epubcheck", "maybe")
    assert (code, err) == (
        8,
        "Error: Unknown EPUBCheck policy 'maybe'. Choose one of: auto, always, never.\n",
    )
    assert not (tmp_path / "b").exists()


def _build(capsys, edition: Path, *extra: object, source: Path = SEED) -> tuple[int, str, str]:
    return run_cli(capsys, "build", source, "-e", edition, "--engine", "fake", "--format",
                   "html", *extra)  # fmt: skip


def test_a_build_with_nothing_to_do_says_so_and_writes_nothing(tmp_path: Path, capsys) -> None:
    edition = tmp_path / "seed"
    code, out, _ = _build(capsys, edition)
    assert code == 0 and out.startswith(f"Built {edition}: 7 articles, 94 sentences; translated")
    html = edition / "seed.html"
    written = (html.stat().st_mtime_ns, (edition / "edition.sqlite").stat().st_mtime_ns)
    code, out, err = _build(capsys, edition)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Nothing to do: {edition} is up to date (7 articles, 94 sentences, 94 translated "
        "with fake; no change since the last build).",
        str(html),
    ]
    assert (html.stat().st_mtime_ns, (edition / "edition.sqlite").stat().st_mtime_ns) == written


def _edit_a_pair(edition: Path) -> None:
    with EditionStore(edition) as store, store.transaction():
        store.update_pair(store.pairs()[3].sid, en="Edited by hand.", status="edited")


@pytest.mark.parametrize(
    "change",
    ["source", "review", "output", "option", "glossary"],
)
def test_any_change_makes_the_build_run_again(tmp_path: Path, capsys, change: str) -> None:
    source = tmp_path / "page.txt"
    source.write_bytes(SEED.read_bytes())
    edition = tmp_path / "ed"
    assert _build(capsys, edition, source=source)[0] == 0
    extra: list[object] = []
    if change == "source":
        source.write_text(SEED.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    elif change == "review":
        _edit_a_pair(edition)
    elif change == "output":
        (edition / "ed.html").unlink()
    elif change == "option":
        extra = ["--layout", "interleaved"]
    else:
        glossary = tmp_path / "g.tsv"
        glossary.write_text("zh\ten\n社区\tneighbourhood\n", encoding="utf-8")
        extra = ["--glossary", glossary]
    code, out, _ = _build(capsys, edition, *extra, source=source)
    assert code == 0 and out.startswith(f"Built {edition}: ")
    assert (edition / "ed.html").is_file()
    if change == "review":
        assert "Edited by hand." in (edition / "ed.html").read_text(encoding="utf-8")


def test_build_json_is_one_object_with_every_stage(tmp_path: Path, capsys) -> None:
    edition = tmp_path / "seed"
    code, out, _ = _build(capsys, edition, "--json")
    first = json.loads(out)
    assert code == 0 and list(first) == [
        "edition", "nothing_to_do", "interrupted", "ingest", "translate", "qa", "render", "paths",
    ]  # fmt: skip
    assert (first["nothing_to_do"], first["interrupted"]) == (False, False)
    assert first["ingest"]["sentences"] == first["translate"]["sentences"] == 94
    assert first["qa"]["pairs"] == 94 and set(first["qa"]) == {"pairs", "checked", "open", "counts"}
    assert first["render"] == {"paths": [str(edition / "seed.html")], "epubcheck": ""}
    assert first["paths"] == first["render"]["paths"]
    again = json.loads(_build(capsys, edition, "--json")[1])
    assert list(again) == list(first) and again["nothing_to_do"] is True
    assert (again["translate"]["translated"], again["translate"]["up_to_date"]) == (0, 94)
    assert again["qa"] == first["qa"] and again["paths"] == first["paths"]


def test_build_reports_each_stage_to_progress(tmp_path: Path) -> None:
    calls: list[tuple] = []
    build([SEED], tmp_path / "seed", FAKE, progress=lambda *args: calls.append(args))
    stages = list(dict.fromkeys(c[0] for c in calls))
    assert stages[0] == "Reading" and stages[1].startswith("Saving 7 articles")
    assert stages[2:] == ["Writing articles.md", "Translating", "Checking", "Rendering HTML"]
    translating = [c for c in calls if c[0] == "Translating"]
    assert translating[-1][1:] == (94, 94, 0.0)  # (done, total, eta)


def test_a_stopped_build_keeps_its_chunks_and_renders_nothing(tmp_path, monkeypatch) -> None:
    from bilingual.chunks import StopRequest
    from bilingual.mt import fake

    stop = StopRequest()
    original = fake.FakeEngine.translate

    def translate_then_stop(self, texts):
        stop.request()  # as a Ctrl-C during the first chunk would
        return original(self, texts)

    monkeypatch.setattr(fake.FakeEngine, "translate", translate_then_stop)
    report = build([SEED], tmp_path / "seed", FAKE, stop=stop)
    assert report.translated.interrupted and 0 < report.translated.sentences < 94
    assert report.paths == [] and not (tmp_path / "seed" / "seed.html").exists()
    monkeypatch.setattr(fake.FakeEngine, "translate", original)
    again = build([SEED], tmp_path / "seed", FAKE)
    assert not again.nothing_to_do and again.translated.up_to_date == report.translated.sentences
    assert again.paths == [tmp_path / "seed" / "seed.html"]
