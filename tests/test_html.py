"""The article out of a saved web page (bilingual/ingest/html.py): all of its text, kinds,
bylines kept apart, menus dropped, deep pages read or refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mt_support import SEED, run_cli

from bilingual.ingest import parse_text
from bilingual.ingest.readers import read_source

BODY = "宣传疫情防控知识。网格员积极响应号召，开展工作。"

CASES = [
    (
        "dateline-next-to-the-text",
        f'<h1>标题</h1><p>本报北京2月1日电</p><div class="text"><p>{BODY}</p><p>第二段。</p></div>',
        [
            ("title", "标题"),
            ("dateline", "本报北京2月1日电"),
            ("paragraph", BODY),
            ("paragraph", "第二段。"),
        ],
    ),
    (
        "names-in-spans",
        f'<article><h1>标题</h1><p class="author"><span>葛新爱</span><span>王飞</span>'
        f"<span>王少峰</span></p><p>{BODY}</p></article>",
        [("title", "标题"), ("byline", "葛新爱 王飞 王少峰"), ("paragraph", BODY)],
    ),
    (
        "a-byline-element-per-name",
        f'<h1>标题</h1><div id="content"><p>{BODY}</p></div><p class="author">葛新爱</p>'
        '<p class="author">王飞</p><span class="author">王少峰</span>',
        [("title", "标题"), ("paragraph", BODY), ("byline", "葛新爱 王飞 王少峰")],
    ),
    (
        "text-loose-in-a-div-with-br",
        f'<h1>标题</h1><div class="content">{BODY}<br><br>第二段，<b>加粗</b>的字。<br>第三段。</div>',
        [
            ("title", "标题"),
            ("paragraph", BODY),
            ("paragraph", "第二段，加粗的字。"),
            ("paragraph", "第三段。"),
        ],
    ),
    (
        "links-and-text-before-the-headline-dropped",
        '<p>当前位置：首页 时政</p><h1>标题</h1><p><a href="/1">相关新闻一</a> <a href="/2">'
        f'相关新闻二</a></p><div class="text"><p>{BODY}</p><p>第二段。</p></div>'
        "<p>版权所有，未经授权不得转载。</p>",
        [("title", "标题"), ("paragraph", BODY), ("paragraph", "第二段。")],
    ),
    (
        "markup-like-text-stays-text",
        f"<article><h1>标题</h1><p>#抗疫# {BODY}</p><p>[视频]第二段。</p><p>&gt; 第三段。</p></article>",
        [
            ("title", "标题"),
            ("paragraph", "#抗疫#" + BODY),
            ("paragraph", "[视频]第二段。"),
            ("paragraph", ">第三段。"),
        ],
    ),
    (
        "quote-with-paragraphs-once",
        f"<article><h1>标题</h1><p>{BODY}</p><blockquote><p>引语一。</p><p>引语二。</p>"
        "</blockquote></article>",
        [("title", "标题"), ("paragraph", BODY), ("quote", "引语一。"), ("quote", "引语二。")],
    ),
]


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_article_text(tmp_path: Path, html: str, expected: list[tuple[str, str]]) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")
    text, fmt = read_source(path)
    assert parse_text(text, fmt) == [expected]


def _nested(depth: int) -> str:
    inner = f"<h1>标题</h1><p>{BODY}</p>"
    return "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


def test_deep_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_nested(2000), encoding="utf-8")
    text, fmt = read_source(path)
    assert parse_text(text, fmt) == [[("title", "标题"), ("paragraph", BODY)]]


def test_too_deep_page_is_one_line_and_the_edition_is_kept(capsys, tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    assert run_cli(capsys, "ingest", SEED, "-e", edition)[0] == 0
    before = run_cli(capsys, "show", "-e", edition, "--json")[1]
    path = tmp_path / "deep.html"
    path.write_text(_nested(10_000), encoding="utf-8")
    assert run_cli(capsys, "ingest", path, "-e", edition) == (
        2,
        "",
        f"Error: {path} is nested too deeply to read (over 2,048 levels of elements). "
        "Save the article page itself, or its text as a .txt file.\n",
    )
    assert json.loads(run_cli(capsys, "show", "-e", edition, "--json")[1]) == json.loads(before)
