"""Encodings, formats and HTML extraction."""

from __future__ import annotations

import codecs
import random
import zlib
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.ingest import parse_text
from bilingual.ingest.readers import read_source

TEXT = "安徽蒙城：党建网格全覆盖\n\n本报讯（盐文）在疫情防控中，该县充分发挥党组织的作用。\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gb18030", b""),
        ("gbk", b""),
        ("big5", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = TEXT
    if encoding == "big5":
        text = (
            "安徽蒙城：黨建網格全覆蓋\n\n本報訊（鹽文）在疫情防控中，該縣充分發揮黨組織的作用。\n"
        )
    path = tmp_path / "page.txt"
    path.write_bytes(prefix + text.encode(encoding))
    assert read_source(path) == (text, "txt")


def test_encoding_override_and_bad_override(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    assert read_source(path, "gb18030")[0] == TEXT
    with pytest.raises(InputError, match="not valid utf-8"):
        read_source(path, "utf-8")
    with pytest.raises(InputError, match="Unknown encoding"):
        read_source(path, "klingon")


def test_html_page_takes_article_and_drops_navigation(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>网站标题_人民网</title>
    <script>var x = "本报讯 不要";</script></head><body>
    <nav><a>首页</a><a>时政</a></nav><div class="menu">导航菜单</div>
    <article><h1>江苏盐城：“小网格”发挥抗“疫”大作用</h1>
    <p class="author">本报记者 张华</p>
    <p>本报讯（盐文）宣传疫情防控知识、摸排登记返乡人员。新型冠状病毒感染的肺炎疫情发生以来，网格员积极响应号召。</p>
    <h2>网格员冲在前</h2><p>网格员陈金巧每天都早早地来到网格。</p>
    <blockquote><p>网格员的工作就是这样。</p></blockquote></article>
    <footer>版权所有</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    text, fmt = read_source(path)
    assert fmt == "md"
    assert parse_text(text, fmt) == [
        [
            ("title", "江苏盐城：“小网格”发挥抗“疫”大作用"),
            ("byline", "本报记者 张华"),
            ("dateline", "本报讯（盐文）"),
            (
                "paragraph",
                "宣传疫情防控知识、摸排登记返乡人员。新型冠状病毒感染的肺炎疫情发生以来，网格员积极响应号召。",
            ),
            ("heading", "网格员冲在前"),
            ("paragraph", "网格员陈金巧每天都早早地来到网格。"),
            ("quote", "网格员的工作就是这样。"),
        ]
    ]


def test_markdown_is_taken_as_written() -> None:
    md = "# 标题\n\n[subtitle] ——副题\n\n[byline] 张三\n\n## 小标题\n\n第一段，\n不重排。\n\n---\n\n> 引语。\n\n[attribution] ——某人 李四\n"
    assert parse_text(md, "md") == [
        [
            ("title", "标题"),
            ("subtitle", "——副题"),
            ("byline", "张三"),
            ("heading", "小标题"),
            ("paragraph", "第一段，不重排。"),
        ],
        [("quote", "引语。"), ("attribution", "——某人 李四")],
    ]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TEXT, "utf-16-le"),
        (TEXT, "utf-16-be"),
        ("中文新闻报道。", "utf-16-le"),  # no ASCII: no zero bytes to tell the byte order
        ("中文新闻报道。", "utf-16-be"),
        ("Hello, world.\n", "utf-16-le"),
        ("Hello, world.\n", "utf-16-be"),
    ],
    ids=["le", "be", "chinese-only-le", "chinese-only-be", "ascii-le", "ascii-be"],
)
def test_utf16_without_bom_is_detected(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    assert read_source(path)[0] == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("中文新闻报道。", "gb18030"),  # an even number of bytes that are no UTF-16 text
        ("黨建網格全覆蓋。", "big5"),
        ("党建网格全覆盖，该县充分发挥党组织的作用。", "gb18030"),
    ],
    ids=["gb18030-short", "big5", "gb18030"],
)
def test_short_chinese_codecs_are_not_taken_for_utf16(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    assert len(text.encode(encoding)) % 2 == 0
    assert read_source(path)[0] == text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        zlib.compress(TEXT.encode("utf-8") * 50),
        random.Random(3).randbytes(6000),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x03\x00\x3e\x00" * 200,
    ],
    ids=["all-bytes", "zlib", "random", "elf-like"],
)
def test_binary_stays_binary(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as refused:
        read_source(path)
    assert refused.value.message == (
        f"{path} looks like a binary file. "
        "Give a text, Markdown or HTML page (or its encoding with --encoding)."
    )
