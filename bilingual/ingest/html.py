"""Take the article out of a saved news web page: all of its text, none of the menus.

Navigation, scripts, headers, footers and sidebars are dropped first. The main text container
is `<article>`, `<main>`, `#content`, or else the element holding the most paragraph text; the
article runs from its headline (the first `<h1>`) to the end of that container, so a dateline
`<p>` or a byline printed next to the container is kept with it. Every run of text between
block boundaries (block elements and `<br>`) is one block: text loose in a `<div>` counts
too. Outside the container only paragraphs, headings, quotes and bylines that are not mostly
link text are kept (a list of related links is not the article).

Kinds: the headline is the title, other headings are headings (a `——` one right after the
title its subtitle), `<blockquote>` text is a quote, an element marked as the author
(class, id, itemprop or rel) is a byline with its names kept apart (`葛新爱 王飞`), a
paragraph that is only a dateline (`本报北京2月1日电`) is a dateline, the rest paragraphs.

Pages nested deeper than libxml2 can parse (2,048 levels, with lxml's `huge_tree`) are refused
with one line rather than read in part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .markdown import block_md
from .reflow import DATELINE

_DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe")
_BLOCK_TAGS = (
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul"
)
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_KEPT_OUTSIDE = frozenset(("p", "blockquote", *_HEADINGS))
_BYLINE_HINTS = ("author", "byline", "writer", "reporter", "editor")
MAX_DEPTH = 2048  # libxml2's element depth limit with huge_tree


@dataclass
class _Piece:
    """A run of text between two block boundaries, with what the walk knew about it."""

    block: str  # tag of the innermost block element holding it
    quote: bool  # inside a <blockquote>
    byline: bool  # inside an element marked as the author
    inside: bool  # inside the main text container
    within: bool  # between the headline and the end of the container
    parts: list[str] = field(default_factory=list)
    links: int = 0  # characters of link text

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def html_to_markdown(source: str, path: Path) -> str:
    """Convert the page's article to the articles.md convention."""
    root = _parse(source, path)
    for el in root.iter(*_DROP):
        el.drop_tree()
    for el in root.xpath(
        '//*[contains(concat(" ", normalize-space(@class), " "), " nav ") or '
        'contains(@class, "menu") or contains(@class, "breadcrumb") or '
        'contains(@class, "footer") or contains(@class, "sidebar") or contains(@id, "nav")]'
    ):
        el.drop_tree()
    main = _main_container(root)
    headline = next(root.iter("h1"), None)
    title = _text(headline) if headline is not None else ""
    if not title and root.xpath("//title"):
        title = _text(root.xpath("//title")[0]).split("_")[0].split("|")[0].strip()
    region = _common_ancestor(headline, main) if headline is not None else main
    out: list[str] = [block_md("title", title)] if title else []
    pieces = _merge_bylines([p for p in _pieces(region, main, headline) if _kept(p)])
    for piece in pieces:
        text = piece.text
        if piece.block == "h1" and text == title:
            continue
        out.append(block_md(_kind(piece, text, after_title=len(out) == 1 and bool(title)), text))
    if len(out) <= (1 if title else 0):
        raise InputError(f"No article text found in {path}", "Save the article page itself.")
    return "\n\n".join(out) + "\n"


def _parse(source: str, path: Path):
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        try:
            root = lxml.html.document_fromstring(source, parser=parser)
        except ValueError:  # a str with an XML encoding declaration
            parser = lxml.html.HTMLParser(huge_tree=True, encoding="utf-8")
            root = lxml.html.document_fromstring(source.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{path} is not readable HTML ({exc})", "Save the page again.") from None
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise InputError(
            f"{path} is nested too deeply to read (over {MAX_DEPTH:,} levels of elements)",
            "Save the article page itself, or its text as a .txt file.",
        )
    return root


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _main_container(root):
    """The element holding most paragraph text: <article>, <main>, or the densest parent
    (link text does not count: a list of related links is no article)."""
    for xpath in ("//article", "//main", '//*[@id="content" or @class="content"]'):
        found = root.xpath(xpath)
        if found:
            return found[0]
    weights: dict = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            links = sum(len(_text(a)) for a in p.iter("a"))
            weights[parent] = weights.get(parent, 0) + len(_text(p)) - links
    if not weights:
        return root
    return max(weights, key=weights.get)


def _common_ancestor(a, b):
    """The smallest element holding both `a` and `b`."""
    ancestors = {id(el) for el in (a, *a.iterancestors())}
    return next(el for el in (b, *b.iterancestors()) if id(el) in ancestors)


def _marked(el) -> bool:
    """An element marked as the author (class, id, itemprop or rel)."""
    marks = " ".join(el.get(a, "") for a in ("class", "id", "itemprop", "rel")).lower()
    return any(hint in marks for hint in _BYLINE_HINTS)


def _pieces(region, main, headline) -> list[_Piece]:
    """Walk `region` in document order (iteratively: pages can be 2,048 levels deep) and cut
    its text at block boundaries."""
    from lxml import etree

    pieces: list[_Piece] = []
    blocks: list[str] = []  # open block elements, innermost last
    open_count = {"a": 0, "blockquote": 0, "byline": 0, "main": 0}
    started = ended = False
    seen = 0  # of the headline and the container, how many have ended
    current: _Piece | None = None

    def flush() -> None:
        nonlocal current
        if current is not None and current.text:
            pieces.append(current)
        current = None

    def add(text: str | None) -> None:
        nonlocal current
        if not text:
            return
        if current is None:
            current = _Piece(
                block=blocks[-1] if blocks else "",
                quote=open_count["blockquote"] > 0,
                byline=open_count["byline"] > 0,
                inside=open_count["main"] > 0,
                within=started and not ended,
            )
        current.parts.append(text)
        if open_count["a"]:
            current.links += len(text.strip())

    def boundary(el, counted: bool) -> None:
        """Block elements and <br> end a piece; inside a byline any element separates names."""
        if counted or el.tag == "br":
            flush()
        elif open_count["byline"] and current is not None:
            current.parts.append(" ")

    for event, el in etree.iterwalk(region, events=("start", "end")):
        if not isinstance(el.tag, str):  # a comment or processing instruction
            if event == "end":
                add(el.tail)
            continue
        block = el.tag in _BLOCKS
        marks = {
            "a": el.tag == "a",
            "blockquote": el.tag == "blockquote",
            "byline": _marked(el),
            "main": el is main,
        }
        if event == "start":
            started = started or el is main or el is headline
            boundary(el, block)
            if block:
                blocks.append(el.tag)
            for name, hit in marks.items():
                open_count[name] += hit
            add(el.text)
            continue
        boundary(el, block)
        if block:
            blocks.pop()
        for name, hit in marks.items():
            open_count[name] -= hit
        if el is main or el is headline:
            seen += 1
            ended = seen == (2 if headline is not None and headline is not main else 1)
        if el is not region:
            add(el.tail)
    flush()
    return pieces


def _kept(piece: _Piece) -> bool:
    """Everything in the main container; outside it, article-like text that is not links."""
    if piece.inside:
        return True
    if not (piece.byline or (piece.within and piece.block in _KEPT_OUTSIDE)):
        return False
    return piece.links * 2 < len(piece.text)


def _merge_bylines(pieces: list[_Piece]) -> list[_Piece]:
    """Bylines printed one after another (`<p class="author">` per name) are one byline."""
    out: list[_Piece] = []
    for piece in pieces:
        if out and piece.byline and out[-1].byline and _is_byline(out[-1]) and _is_byline(piece):
            out[-1].parts.append(" " + piece.text)
            continue
        out.append(piece)
    return out


def _is_byline(piece: _Piece) -> bool:
    return piece.byline and len(piece.text) <= 30 and piece.block not in _HEADINGS


def _kind(piece: _Piece, text: str, after_title: bool) -> str:
    if piece.block in _HEADINGS:
        return "subtitle" if text.startswith("——") and after_title else "heading"
    if piece.quote:
        return "quote"
    if _is_byline(piece):
        return "byline"
    dateline = DATELINE.match(text)
    if dateline and dateline.end() == len(text):
        return "dateline"
    return "paragraph"
