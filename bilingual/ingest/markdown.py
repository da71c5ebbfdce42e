"""articles.md: a plain Markdown rendering of an edition's structure that a person can fix.

Convention (one block per paragraph, blocks separated by a blank line):

    # Title                 a title; it starts a new article
    ## Heading              a section heading
    > Quote                 a pull quote
    [subtitle] ——…          any other kind: subtitle, byline, dateline, lead, attribution
    plain text              a paragraph
    ---                     starts a new article (for articles without a title)
    <!-- … -->              a comment, ignored

A line that opens a block (`#`, `>`, `---`, a tag) starts one even without a blank line
before it. Markdown is taken as written: no reflow, no guessing of kinds (only a `本报讯（…）`
opening a paragraph is split off as its dateline, as in page text). Re-ingesting it keeps the
translations and reviews of every sentence whose text did not change.

Markup the reader does not understand never becomes text: an unclosed `<!--` (it ends at the
end of its paragraph), a stray `-->`, an unknown `[tag]`, an unclosed `[byline`, an empty
`# `, `>` or tag, `#text` without a space — each is a `MarkupWarning` with its line, saying
what was done instead. A paragraph whose text would read as markup is written with
`[paragraph] ` before it, so what is written reads back as written (text holding `<!--` or
`-->` cannot be written: there is no escape for those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..document import Edition
from .normalize import normalize_chars
from .reflow import DATELINE
from .structure import clean_text

HEADER = (
    "<!-- bilingual articles.md — fix grouping or kinds here, then re-ingest with:\n"
    "     bilingual ingest {path} -e {dir}\n"
    "     # title (starts an article) · ## heading · > quote · --- new article ·\n"
    "     [subtitle] [byline] [dateline] [lead] [attribution] before other kinds -->\n"
)
KNOWN_TAGS = (
    "subtitle",
    "byline",
    "dateline",
    "lead",
    "attribution",
    "paragraph",
    "quote",
    "heading",
    "title",
)
# a line that opens a block: `# …`, `---`, `> …`, `[tag] …` (any ASCII word in brackets)
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*))?")
_BREAK = re.compile(r"-{3,}|\*{3,}|_{3,}")
_TAG = re.compile(r"\[([A-Za-z][A-Za-z-]*)\]\s*")
_OPEN_TAG = re.compile(r"\[([A-Za-z]+)(?=\s|$)\s*")  # `[byline 张三`: the bracket not closed


@dataclass(frozen=True)
class MarkupWarning:
    """Markup the reader did not understand, with its line; what it did instead is said."""

    line: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.path else self.message

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "message": self.message}


def write_markdown(edition: Edition, path: Path) -> None:
    parts = [HEADER.format(path=path, dir=path.parent)]
    for n, article in enumerate(edition.articles):
        if n and (not article.blocks or article.blocks[0].kind != "title"):
            parts.append("---")
        for block in article.blocks:
            parts.append(block_md(block.kind, block.text))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def block_md(kind: str, text: str) -> str:
    """One block in the convention; a paragraph that would read as markup gets `[paragraph]`."""
    if kind == "title":
        return "# " + text
    if kind == "heading":
        return "## " + text
    if kind == "quote":
        return "> " + text
    if kind == "paragraph":
        return "[paragraph] " + text if _opens_block(text) else text
    return f"[{kind}] {text}"


def _opens_block(line: str) -> bool:
    """Whether a line would be read as markup rather than as text going on."""
    return (
        line.startswith(("#", ">"))
        or bool(_BREAK.fullmatch(line) or _TAG.match(line))
        or bool((tag := _OPEN_TAG.match(line)) and tag.group(1).lower() in KNOWN_TAGS)
    )


def parse_markdown(
    text: str, warnings: list[MarkupWarning] | None = None
) -> list[list[tuple[str, str]]]:
    """Articles of (kind, text) blocks. Markup the reader does not understand is never taken
    as text: each case is added to `warnings` (when given) with its line and what was done."""
    found: list[MarkupWarning] = [] if warnings is None else warnings

    def warn(line: int, message: str) -> None:
        found.append(MarkupWarning(line, message))

    articles: list[list[tuple[str, str]]] = [[]]
    for line, lines in _blocks(_strip_comments(text, warn)):
        if _BREAK.fullmatch(lines[0]):
            if articles[-1]:
                articles.append([])
            continue
        read = _kind(lines, line, warn)
        if read is None:
            continue
        kind, body = read
        if kind == "title" and any(k != "title" for k, _ in articles[-1]):
            articles.append([])
        articles[-1].extend(_clean(kind, body))
    return [a for a in articles if a]


def _strip_comments(text: str, warn) -> str:
    """Blank out `<!-- … -->` comments, keeping their line breaks (line numbers stay true).

    A `<!--` with no `-->` after it (or with another `<!--` before its `-->`) is unclosed:
    it is taken to end at the end of its paragraph, and said. A stray `-->` is left out.
    """
    out: list[str] = []
    pos = 0

    def line_of(index: int) -> int:
        return text.count("\n", 0, index) + 1

    while True:
        start = text.find("<!--", pos)
        stray = text.find("-->", pos)
        if stray != -1 and (start == -1 or stray < start):
            warn(line_of(stray), "`-->` closes no comment: left out")
            out.append(text[pos:stray])
            pos = stray + 3
            continue
        if start == -1:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        end = text.find("-->", start + 4)
        nested = text.find("<!--", start + 4)
        if end == -1 or (nested != -1 and nested < end):
            blank = _BLANK_LINE.search(text, start)
            end = blank.start() if blank else len(text)
            warn(line_of(start), "`<!--` is not closed with `-->`: its paragraph is left out")
            out.append("\n" * text.count("\n", start, end))
            pos = end
            continue
        out.append("\n" * text.count("\n", start, end))
        pos = end + 3


_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """(first line number, stripped lines) of each block: blank lines separate blocks, and a
    line that opens a block (heading, `---`, quote, tag) starts one even without them."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if current is not None and not _continues(current, line):
            current = None
        if current is None:
            current = []
            blocks.append((number, current))
        current.append(line)
    return blocks


def _continues(block: list[str], line: str) -> bool:
    """Whether `line` goes on with `block`: text lines do, and so do more `>` lines of a
    quote and more `#` lines of a heading of the same level; other markup opens a block."""
    first = block[0]
    if not _opens_block(line):
        return not (_BREAK.fullmatch(first) or _HEADING.fullmatch(first))
    if line.startswith(">"):
        return first.startswith(">")
    heading = _HEADING.fullmatch(line)
    return bool(heading) and first.startswith("#") and heading.group(1) == _hashes(first)


def _hashes(line: str) -> str:
    return line[: len(line) - len(line.lstrip("#"))]


def _kind(lines: list[str], line: int, warn) -> tuple[str, str] | None:
    """(kind, text) of one block, or None (said) when it holds nothing to read."""
    first = lines[0]
    if first.startswith("#"):
        heading = _HEADING.fullmatch(first)
        if heading is None:
            warn(
                line,
                f"`{first[:12]}` is no heading (a title is `# ` with a space, at most `######`): "
                "read as a paragraph; put `[paragraph] ` before it to say so",
            )
            return "paragraph", "".join(lines)
        kind = "title" if len(heading.group(1)) == 1 else "heading"
        body = " ".join(ln.lstrip("#").strip() for ln in lines)
        if not body:
            warn(line, f"empty {kind} `{heading.group(1)}`: left out")
            return None
        return kind, body
    if first.startswith(">"):
        body = "".join(ln.lstrip(">").strip() for ln in lines)
        if not body:
            warn(line, "empty quote `>`: left out")
            return None
        return "quote", body
    tag = _TAG.match(first) or _OPEN_TAG.match(first)
    if tag is None:
        return "paragraph", "".join(lines)
    name = tag.group(1).lower()
    body = "".join([first[tag.end() :], *lines[1:]])
    if name not in KNOWN_TAGS:
        if tag.re is _OPEN_TAG:
            return "paragraph", "".join(lines)  # `[Hello world …`: text in brackets
        warn(
            line,
            f"unknown tag `[{tag.group(1)}]` (known: {', '.join(KNOWN_TAGS)}): "
            "left out, its text read as a paragraph",
        )
        name = "paragraph"
    elif tag.re is _OPEN_TAG:
        warn(line, f"tag `[{tag.group(1)}` is not closed with `]`: read as [{name}]")
    if not body:
        warn(line, f"empty [{name}]: left out")
        return None
    return name, body


def _clean(kind: str, body: str) -> list[tuple[str, str]]:
    """Characters and spaces cleaned by kind (`structure.clean_text`); a paragraph's opening
    dateline split off."""
    body = normalize_chars(body)
    out = []
    dateline = DATELINE.match(body) if kind == "paragraph" else None
    if dateline and dateline.end() < len(body):
        out.append(("dateline", clean_text("dateline", body[: dateline.end()])))
        body = body[dateline.end() :]
    out.append((kind, clean_text(kind, body)))
    return out
