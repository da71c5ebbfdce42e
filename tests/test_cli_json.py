"""`--json` on ingest, render, align and romanize: one JSON object on stdout and nothing else
(notices and warnings go to stderr), in the shapes their --help documents."""

from __future__ import annotations

import json
from pathlib import Path

from align_texts import EN, ZH
from mt_support import SEED, run_cli


def json_out(capsys, *args: object) -> dict:
    code, out, _ = run_cli(capsys, *args)
    assert code == 0
    data = json.loads(out)  # the whole of stdout is one JSON document
    assert isinstance(data, dict)
    return data


def test_ingest(capsys, tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    assert json_out(capsys, "ingest", SEED, "-e", edition, "--json") == {
        "edition": str(edition),
        "articles": 7,
        "blocks": 53,
        "sentences": 94,
        "kept": 0,
        "markdown": str(edition / "articles.md"),
        "warnings": [],
    }
    md = tmp_path / "hand.md"
    md.write_text("# 标题\n\n正文。\n\n[sidebar] 侧栏。\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "ingest", md, "-e", edition, "--json")
    assert code == 0 and err.startswith(f"Warning: {md}:5: unknown tag `[sidebar]`")
    assert json.loads(out)["warnings"] == [
        {
            "path": str(md),
            "line": 5,
            "message": "unknown tag `[sidebar]` (known: subtitle, byline, dateline, lead, "
            "attribution, paragraph, quote, heading, title): left out, its text read as a "
            "paragraph",
        }
    ]


def test_render(capsys, tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    assert run_cli(capsys, "ingest", SEED, "-e", edition)[0] == 0
    data = json_out(capsys, "render", "-e", edition, "--format", "html", "--json")
    assert data == {"edition": str(edition), "files": {"html": str(edition / "ed.html")}}
    assert Path(data["files"]["html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_align(capsys, tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("\n".join(ZH) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN) + "\n", encoding="utf-8")
    common = [zh, en, "--presegmented", "--no-model", "--json"]
    beads = json_out(capsys, "align", *common, "--beads")
    assert beads["edition"] is None and beads["bridge"] == "dictionary"
    assert (beads["zh"], beads["en"]) == (len(ZH), len(EN))
    assert beads["beads"] == len(beads["alignment"]) and beads["pairs"] == 0
    assert beads["alignment"][0] == {"zh": [0], "en": [0], "score": beads["alignment"][0]["score"]}
    assert beads["notices"] == ["Aligning from the dictionary alone (model use turned off)."]
    stored = json_out(capsys, "align", *common, "-e", tmp_path / "ed")
    assert stored["edition"] == str(tmp_path / "ed") and stored["alignment"] is None
    assert stored["pairs"] == len([b for b in beads["alignment"] if b["zh"]])
    assert set(stored) == set(beads)


def test_romanize(capsys) -> None:
    assert json_out(capsys, "romanize", "葛新爱", "欧阳少峰", "--json") == {
        "kind": "name",
        "words": [
            {"zh": "葛新爱", "romanized": "Ge Xin'ai"},
            {"zh": "欧阳少峰", "romanized": "Ouyang Shaofeng"},
        ],
    }
