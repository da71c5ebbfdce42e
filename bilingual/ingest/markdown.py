"""articles.md: a plain Markdown rendering of an edition's structure that a person can fix.

Convention (one block per paragraph, blocks separated by a blank line):

    # Title                 a title; it starts a new article
    ## Heading              a section heading
    > Quote                 a pull quote
    [subtitle] ——…          any other kind: subtitle, byline, dateline, lead, attribution
    plain text              a paragraph
    ---                     starts a new article (for articles without a title)
    <!-- … -->              a comment, ignored

Markdown is taken as written: no reflow, no guessing of kinds (only a `本报讯（…）`
opening a paragraph is split off as its dateline, as in page text). Re-ingesting it keeps the
translations and reviews of every sentence whose text did not change.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Edition
from .normalize import clean_spaces, normalize_chars
from .reflow import DATELINE

HEADER = (
    "<!-- bilingual articles.md — fix grouping or kinds here, then re-ingest with:\n"
    "     bilingual ingest {path} -e {dir}\n"
    "     # title (starts an article) · ## heading · > quote · --- new article ·\n"
    "     [subtitle] [byline] [dateline] [lead] [attribution] before other kinds -->\n"
)
_TAG = re.compile(
    r"^\[(subtitle|byline|dateline|lead|attribution|paragraph|quote|heading|title)\]\s*"
)


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
        return "[paragraph] " + text if _TAG.match(text) or text[:1] in "#>" else text
    return f"[{kind}] {text}"


def parse_markdown(text: str) -> list[list[tuple[str, str]]]:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    articles: list[list[tuple[str, str]]] = [[]]
    for para in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in para.strip().splitlines() if ln.strip()]
        if not lines:
            continue
        if re.fullmatch(r"-{3,}|\*{3,}|_{3,}", lines[0]):
            if articles[-1]:
                articles.append([])
            lines = lines[1:]
            if not lines:
                continue
        kind, body = _kind(lines)
        if kind == "title" and any(k != "title" for k, _ in articles[-1]):
            articles.append([])
        body = normalize_chars(body)
        mode = {"dateline": "names", "byline": "names"}.get(kind, "body")
        if kind in ("title", "heading", "subtitle", "attribution"):
            mode = "headline"
        dateline = DATELINE.match(body) if kind == "paragraph" else None
        if dateline and dateline.end() < len(body):
            articles[-1].append(("dateline", clean_spaces(body[: dateline.end()], "names")))
            body = body[dateline.end() :]
        articles[-1].append((kind, clean_spaces(body, mode)))
    return [a for a in articles if a]


def _kind(lines: list[str]) -> tuple[str, str]:
    first = lines[0]
    if first.startswith("## ") or first.startswith("### "):
        return "heading", " ".join(ln.lstrip("#").strip() for ln in lines)
    if first.startswith("# "):
        return "title", " ".join(ln.lstrip("#").strip() for ln in lines)
    if first.startswith(">"):
        return "quote", "".join(ln.lstrip(">").strip() for ln in lines)
    tag = _TAG.match(first)
    if tag:
        lines = [first[tag.end() :], *lines[1:]]
        return tag.group(1), "".join(lines)
    return "paragraph", "".join(lines)
