"""articles.md read back: markup the reader does not understand is reported with its line and
never becomes text; what it writes reads back as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mt_support import SEED, run_cli

from bilingual.ingest.markdown import block_md, parse_markdown

P = "正文第一句。正文第二句。"
KNOWN = "subtitle, byline, dateline, lead, attribution, paragraph, quote, heading, title"

# (Markdown, articles read, warnings as (line, message))
CASES = [
    (
        "unclosed-comment",
        f"# 标题\n\n<!-- 隐藏\n这一段\n\n{P}\n",
        [[("title", "标题"), ("paragraph", P)]],
        [(3, "`<!--` is not closed with `-->`: its paragraph is left out")],
    ),
    (
        "comment-opened-again-before-closing",
        f"# 标题\n\n<!-- 一\n\n{P}\n\n<!-- 二 -->\n",
        [[("title", "标题"), ("paragraph", P)]],
        [(3, "`<!--` is not closed with `-->`: its paragraph is left out")],
    ),
    (
        "stray-comment-end",
        f"# 标题\n\n{P} -->\n",
        [[("title", "标题"), ("paragraph", P)]],
        [(3, "`-->` closes no comment: left out")],
    ),
    (
        "unclosed-tag",
        f"# 标题\n\n[byline 葛新爱 王飞\n\n{P}\n",
        [[("title", "标题"), ("byline", "葛新爱 王飞"), ("paragraph", P)]],
        [(3, "tag `[byline` is not closed with `]`: read as [byline]")],
    ),
    (
        "unknown-tag",
        f"# 标题\n\n[sidebar] {P}\n",
        [[("title", "标题"), ("paragraph", P)]],
        [(3, f"unknown tag `[sidebar]` (known: {KNOWN}): left out, its text read as a paragraph")],
    ),
    (
        "empty-title",
        f"# 标题\n\n{P}\n\n# \n\n{P}\n",
        [[("title", "标题"), ("paragraph", P), ("paragraph", P)]],
        [(5, "empty title `#`: left out")],
    ),
    (
        "empty-heading-quote-and-tag",
        f"# 标题\n\n##\n\n>\n\n[lead]\n\n{P}\n",
        [[("title", "标题"), ("paragraph", P)]],
        [
            (3, "empty heading `##`: left out"),
            (5, "empty quote `>`: left out"),
            (7, "empty [lead]: left out"),
        ],
    ),
    (
        "no-space-after-hash",
        "#抗疫#不是标题。\n",
        [[("paragraph", "#抗疫#不是标题。")]],
        [
            (
                1,
                "`#抗疫#不是标题。` is no heading (a title is `# ` with a space, at most `######`): "
                "read as a paragraph; put `[paragraph] ` before it to say so",
            )
        ],
    ),
    (
        "markup-lines-without-blank-lines",
        f"# 标题\n[byline] 葛新爱\n## 小标题\n{P}\n> 引语。\n---\n[paragraph] 新文章。\n",
        [
            [
                ("title", "标题"),
                ("byline", "葛新爱"),
                ("heading", "小标题"),
                ("paragraph", P),
                ("quote", "引语。"),
            ],
            [("paragraph", "新文章。")],
        ],
        [],
    ),
    (
        "text-that-only-looks-like-markup",
        "[paragraph] [sidebar] 是文字。\n\n[Hello world] 是文字。\n\n[视频] 是文字。\n",
        [
            [
                ("paragraph", "[sidebar]是文字。"),
                ("paragraph", "[Hello world]是文字。"),
                ("paragraph", "[视频]是文字。"),
            ]
        ],
        [],
    ),
    (
        "multi-line-title-and-quote-go-on",
        "# 第一行\n# 第二行\n\n> 引语一，\n引语二。\n",
        [[("title", "第一行 第二行"), ("quote", "引语一，引语二。")]],
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "articles", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_markup_is_reported_never_text(text: str, articles, expected) -> None:
    warnings: list = []
    assert parse_markdown(text, warnings) == articles
    assert [(w.line, w.message) for w in warnings] == expected


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("paragraph", "#抗疫#正文。"),
        ("paragraph", "[sidebar]正文。"),
        ("paragraph", "[lead by example] is English."),
        ("paragraph", ">正文。"),
        ("paragraph", "[paragraph]正文。"),
        ("title", "[byline]标题"),
        ("byline", "葛新爱 王飞"),
    ],
)
def test_written_blocks_read_back_as_written(kind: str, text: str) -> None:
    """Texts as ingest makes them (normalised) that look like markup are written escaped."""
    warnings: list = []
    assert parse_markdown(block_md(kind, text) + "\n", warnings) == [[(kind, text)]]
    assert warnings == []


def test_cli_warns_with_lines_and_strict_refuses(capsys, tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    assert run_cli(capsys, "ingest", SEED, "-e", edition)[0] == 0
    before = run_cli(capsys, "show", "-e", edition, "--json")[1]
    md = tmp_path / "hand.md"
    md.write_text(f"# 标题\n\n[sidebar] {P}\n\n# \n", encoding="utf-8")
    code, out, err = run_cli(capsys, "ingest", md, "-e", edition, "--strict")
    assert (code, out) == (2, "")
    assert err == (
        f"Error: 2 markup problems (first: {md}:3: unknown tag `[sidebar]` (known: {KNOWN}): "
        "left out, its text read as a paragraph). "
        "Fix the Markdown, or ingest without --strict to read it with warnings.\n"
    )
    assert json.loads(run_cli(capsys, "show", "-e", edition, "--json")[1]) == json.loads(before)
    code, out, err = run_cli(capsys, "ingest", md, "-e", edition)
    assert code == 0 and out.startswith("Ingested 1 articles, 2 blocks, 3 sentences")
    assert err.splitlines() == [
        f"Warning: {md}:3: unknown tag `[sidebar]` (known: {KNOWN}): left out, "
        "its text read as a paragraph",
        f"Warning: {md}:5: empty title `#`: left out",
    ]
