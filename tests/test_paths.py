"""Paths that cannot be followed (symbolic link loops, broken links) as any input: one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mt_support import SEED, run_cli

from bilingual.paths import link_problem, resolved, same_file

LOOP = "{d}/loop goes through a symbolic link loop"

# (command line with {d} for the folder, exit code, the whole error line)
CASES = [
    (
        "ingest {d}/loop -e {d}/ed",
        2,
        f"Error: {LOOP}. Fix the link, or give the file itself.",
    ),
    (
        "ingest {d}/broken.txt -e {d}/ed",
        2,
        "Error: {d}/broken.txt is a broken symbolic link (to {d}/nowhere). "
        "Fix the link, or give the file itself.",
    ),
    ("build {d}/loop -e {d}/ed", 2, f"Error: {LOOP}. Fix the link, or give the file itself."),
    (
        "align {d}/loop {d}/page.txt -e {d}/ed",
        2,
        f"Error: {LOOP}. Fix the link, or give the file itself.",
    ),
    (
        "align {d}/page.txt {d}/en.txt --mt {d}/loop --beads",
        2,
        f"Error: {LOOP}. Fix the link, or give the file itself.",
    ),
    (
        "ingest {d}/page.txt -e {d}/loop",
        3,
        f"Error: {LOOP}. Fix the link, or choose another directory with -e.",
    ),
    (
        "show -e {d}/loop",
        3,
        f"Error: {LOOP}. Fix the link, or choose another directory with -e.",
    ),
    (
        "glossary import {d}/loop -f {d}/mine.tsv",
        6,
        f"Error: {LOOP}. Check the path.",
    ),
    (
        "glossary add 网格 grid -f {d}/loop",
        6,
        f"Error: {LOOP}. Fix the link, or name another file.",
    ),
    (
        "glossary --glossary {d}/loop list",
        6,
        f"Error: {LOOP}. Check the --glossary path.",
    ),
    (
        "render -e {d}/ed --glossary {d}/loop",
        6,
        f"Error: {LOOP}. Check the --glossary path.",
    ),
    (
        "models install {d}/loop",
        4,
        f"Error: {LOOP}. Fix the link, or give the .argosmodel file itself.",
    ),
]


@pytest.fixture
def links(tmp_path: Path) -> Path:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "page.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "en.txt").write_text("The Party led the fight. Officials went to the front.\n")
    return tmp_path


@pytest.mark.parametrize(("command", "code", "line"), CASES, ids=[c[0][:24] for c in CASES])
def test_unfollowable_path_is_one_line(capsys, links: Path, command: str, code: int, line: str):
    assert run_cli(capsys, "ingest", links / "page.txt", "-e", links / "ed")[0] == 0
    before = run_cli(capsys, "show", "-e", links / "ed", "--json")[1]
    args = command.format(d=links).split()
    assert run_cli(capsys, *args) == (code, "", line.format(d=links) + "\n")
    # the edition saved before is as it was
    after = run_cli(capsys, "show", "-e", links / "ed", "--json")[1]
    assert json.loads(after) == json.loads(before)


def test_helpers(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    assert (
        link_problem(tmp_path / "loop" / "x")
        == f"{tmp_path}/loop/x goes through a symbolic link loop"
    )
    assert link_problem(tmp_path / "file") is None
    assert link_problem(tmp_path / "missing") is None
    assert resolved(tmp_path / "loop") is None
    assert resolved(tmp_path / "link") == (tmp_path / "file").resolve()
    assert same_file(tmp_path / "link", tmp_path / "file")
    assert not same_file(tmp_path / "loop", tmp_path / "loop")
    assert not same_file(tmp_path / "file", tmp_path / "missing")
