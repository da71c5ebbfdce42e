"""bilingual.pipeline.build: ingest → translate → QA → render → EPUB check, as library calls."""

from __future__ import annotations

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
