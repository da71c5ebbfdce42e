"""Shared text utilities: one Han range, XML-safe text, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.textutil import HAN_RUN, atomic_write, has_han, is_han, write_text_atomic, xml_safe


@pytest.mark.parametrize(
    ("char", "han"),
    [("中", True), ("㐀", True), ("豈", True), ("𠀀", True), ("𪚥", True),
     ("。", False), ("Ａ", False), ("⺀", False), ("䷀", False), ("a", False)],
)  # fmt: skip
def test_is_han(char: str, han: bool) -> None:
    assert is_han(char) is han


def test_runs_and_xml_safe() -> None:
    assert HAN_RUN.findall("The 村民 were 𠀀happy") == ["村民", "𠀀"]
    assert has_han("a中") and not has_han("abc")
    assert xml_safe("a\x0bb\x01c\ufffe") == "abc"


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "f.txt"
    write_text_atomic(target, "old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, broken)
    assert target.read_text() == "old"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]  # no temporary left
