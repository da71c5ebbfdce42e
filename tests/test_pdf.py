"""PDF pages: the test newspaper printed by Chromium, read back from its text layer.

The goal is the issue's: the structure exact and the text exact, on a page with spanning
titles, several columns per story, section heads over two lines, datelines, a box of
pull quotes with attributions, a jump line, and a second page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bilingual.ingest.pages import page_format, parse_pages

CLI = [sys.executable, "-m", "bilingual"]


def kinds_and_texts(articles) -> list[list[tuple[str, str]]]:
    return [[(kind, text) for kind, text, *_ in article] for article in articles]


def test_structure_and_text_are_exact(printed: dict) -> None:
    got = kinds_and_texts(parse_pages(printed["pdf"], "pdf"))
    assert got == printed["expected"]


def test_every_block_knows_its_page_and_box(printed: dict) -> None:
    articles = parse_pages(printed["pdf"], "pdf")
    origins = [origin for article in articles for *_, origin in article]
    assert {o.page.number for o in origins} == {1, 2}
    first = articles[0][0]
    assert first[0] == "title" and first[3].page.unit == "pt"
    x0, top, x1, bottom = first[3].box
    page = first[3].page
    # the first title sits at the top left of page 1, inside the page
    assert 0 <= x0 < x1 < page.width / 2 and 0 <= top < bottom < page.height / 5
    assert all(o.flags == [() for _ in o.flags] for o in origins)  # a text layer is certain


def test_ingest_show_and_review_say_where_a_sentence_came_from(
    printed: dict, tmp_path: Path
) -> None:
    edition = tmp_path / "paper"
    result = subprocess.run(
        [*CLI, "ingest", str(printed["pdf"]), "-e", str(edition)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Ingested 9 articles" in result.stdout
    shown = json.loads(
        subprocess.run(
            [*CLI, "show", "-e", str(edition), "--json"], capture_output=True, text=True
        ).stdout
    )
    assert [p["page"] for p in shown["pages"]] == [1, 2]
    assert shown["pages"][0]["file"] == str(printed["pdf"]) and shown["pages"][0]["unit"] == "pt"
    block = shown["articles"][-1]["blocks"][0]
    assert block["kind"] == "title" and block["page"] == 2 and len(block["box"]) == 4
    listed = subprocess.run(
        [*CLI, "review", "list", "-e", str(edition), "--filter", "all", "--json"],
        capture_output=True,
        text=True,
    )
    rows = json.loads(listed.stdout)
    assert rows[0]["source"]["page"] == 1 and rows[-1]["source"]["page"] == 2
    md = (edition / "articles.md").read_text(encoding="utf-8")
    assert "# 城乡居民医保财政补助标准再提高" in md and "下转" not in md
    # a hand fix in articles.md keeps where the blocks came from (a block whose text
    # changed by the block its other sentences were in)
    md = md.replace("比上年增加2.6%", "比上年增加2.5%")
    (edition / "articles.md").write_text(md, encoding="utf-8")
    again = subprocess.run(
        [*CLI, "ingest", str(edition / "articles.md")], capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    fixed = json.loads(
        subprocess.run(
            [*CLI, "show", "-e", str(edition), "--json"], capture_output=True, text=True
        ).stdout
    )
    assert fixed["pages"] == shown["pages"]
    assert [b.get("page") for a in fixed["articles"] for b in a["blocks"]] == [
        b["page"] for a in shown["articles"] for b in a["blocks"]
    ]


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n", "image"),
        (b"\xff\xd8\xff\xe0", "image"),
        (b"II*\x00", "image"),
        ("本报讯".encode(), None),
    ],
)
def test_pages_are_known_by_their_first_bytes(tmp_path: Path, head: bytes, fmt) -> None:
    path = tmp_path / "scan-0001"  # by content, not by name
    path.write_bytes(head + b"\x00" * 16)
    assert page_format(path) == fmt
    assert page_format(path.rename(path.with_suffix(".txt"))) is None


def test_a_broken_pdf_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n")
    result = subprocess.run(
        [*CLI, "ingest", str(bad), "-e", str(tmp_path / "ed")], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert (
        result.stderr.startswith(f"Error: {bad} is not a readable PDF")
        and result.stderr.count("\n") == 1
    )
