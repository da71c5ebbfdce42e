"""The plain option converters (bilingual/cli/params.py) give typer's own values and errors."""

from __future__ import annotations

import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest
from typer import _coercion
from typer.models import ArgumentInfo, OptionInfo

import bilingual.cli  # noqa: F401  (installs the converters)
from bilingual.cli import params


class Colour(StrEnum):
    RED = "red"
    GREEN = "green"


def _typer_and_ours(annotation, info):
    descriptor = _coercion.resolve_type_descriptor(annotation, info)
    typers = _coercion.build_runtime_param(descriptor)  # typer's own, pydantic
    ours = params.converter(annotation, info)
    assert ours is not None, "a kind of option this CLI has is left to typer"
    return typers, ours


def _typer_value(runtime, value):
    try:
        return runtime._coerce_value(value, param=None, ctx=None)
    except Exception as exc:
        return type(exc), str(exc)


def _our_value(convert, value):
    try:
        return convert(value, None, None)
    except Exception:
        return "unsure"


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "page.txt").write_text("一", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    return tmp_path


CASES = [
    (str, OptionInfo(), ["", "中国", "-x", "a b"]),
    (bool, OptionInfo(), [True, False, "true", "1", "no"]),
    (int, OptionInfo(), ["0", "-0", "7", "007", "-12", "+5", " 5", "1_000", "5.0", "x", "٣", 4]),
    (int, OptionInfo(min=1), ["1", "0", "-3", "99"]),
    (int, OptionInfo(min=1, max=8), ["8", "9"]),
    (float, OptionInfo(), ["0", "1.5", "-0", ".5", "5.", "1e3", "inf", "nan", "x", 3, 2.5]),
    (float, OptionInfo(min=0.0, max=1.0), ["0.5", "1.0", "1.5", "-0.1"]),
    (Path, OptionInfo(), ["", ".", "a/", "a//b", "PAGE", "page.txt", "missing.txt"]),
    (Path, OptionInfo(exists=True), ["page.txt", "page.txt/", "dir", "missing.txt"]),
    (Path, OptionInfo(exists=True, dir_okay=False), ["page.txt", "dir"]),
    (Path, OptionInfo(exists=True, file_okay=False), ["page.txt", "dir", "dir/"]),
    (Path, ArgumentInfo(exists=True, resolve_path=True), ["page.txt", "dir/../page.txt"]),
    (Colour, OptionInfo(), ["red", "RED", "blue", Colour.GREEN]),
    (Colour, OptionInfo(case_sensitive=False), ["RED", "Green"]),
    (list[Path], OptionInfo(), [[], ["page.txt", "dir"], ("a",), "one"]),
    (list[Path], OptionInfo(exists=True), [["page.txt", "missing.txt"]]),
    (list[str], OptionInfo(), [[], ["a", "中"], "one"]),
]


@pytest.mark.parametrize(("annotation", "info", "values"), CASES)
def test_our_values_are_typers(annotation, info, values, files, monkeypatch) -> None:
    monkeypatch.chdir(files)
    typers, ours = _typer_and_ours(annotation, info)
    for value in values:
        expected = _typer_value(typers, value)
        got = _our_value(ours, value)
        if got != "unsure":  # what we convert, we convert as typer does (the rest: typer)
            assert (repr(got), type(got)) == (repr(expected), type(expected)), value


@pytest.mark.parametrize(("annotation", "info", "values"), CASES)
def test_the_installed_param_matches_typer(annotation, info, values, files, monkeypatch) -> None:
    """Through typer.core (what a run uses): every value, valid or not, gives typer's value
    or typer's own error message."""
    from typer import core

    monkeypatch.chdir(files)
    descriptor = _coercion.resolve_type_descriptor(annotation, info)
    installed = core.build_runtime_param(descriptor)
    assert type(installed).__name__ == "FastRuntimeParam"
    typers = _coercion.build_runtime_param(descriptor)
    for value in values:
        expected = _typer_value(typers, value)
        assert repr(_typer_value(installed, value)) == repr(expected), value


@pytest.mark.parametrize(
    ("annotation", "info", "value"),
    [
        (str, OptionInfo(), "auto"),
        (int, OptionInfo(min=1), "4"),
        (float, OptionInfo(), "0.5"),
        (bool, OptionInfo(), False),
        (Path, OptionInfo(exists=True), "page.txt"),
        (Colour, OptionInfo(), "red"),
        (list[Path], OptionInfo(exists=True), ["page.txt", "dir"]),
    ],
)
def test_typical_values_are_converted_here(annotation, info, value, files, monkeypatch) -> None:
    """Not left to typer (which would import pydantic): the values people type."""
    monkeypatch.chdir(files)
    assert _our_value(params.converter(annotation, info), value) != "unsure"


def test_a_run_imports_no_pydantic(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("标题\n\n正文第一句。第二句。\n", encoding="utf-8")
    ed = str(tmp_path / "ed")
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bilingual", "ingest", str(source), "-e", ed],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines()}
    assert "typer" in imported
    assert not {m for m in imported if m.startswith("pydantic")}
    assert (tmp_path / "ed" / "edition.sqlite").exists()
