"""Take the article out of a saved news web page: its title and paragraphs, not the menus."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

_DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe")


def html_to_markdown(source: str, path: Path) -> str:
    """Convert the page's main article to the articles.md convention."""
    import lxml.html
    from lxml import etree

    try:
        try:
            root = lxml.html.document_fromstring(source)
        except ValueError:  # a str with an XML encoding declaration
            root = lxml.html.document_fromstring(
                source.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
            )
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{path} is not readable HTML ({exc})", "Save the page again.") from None
    for el in root.iter(*_DROP):
        el.drop_tree()
    for el in root.xpath(
        '//*[contains(concat(" ", normalize-space(@class), " "), " nav ") or '
        'contains(@class, "menu") or contains(@class, "breadcrumb") or '
        'contains(@class, "footer") or contains(@class, "sidebar") or contains(@id, "nav")]'
    ):
        el.drop_tree()
    main = _main_container(root)
    title = _text(root.xpath("//h1")[0]) if root.xpath("//h1") else ""
    if not title and root.xpath("//title"):
        title = _text(root.xpath("//title")[0]).split("_")[0].split("|")[0].strip()
    out: list[str] = []
    if title:
        out.append("# " + title)
    for el in main.iter("h1", "h2", "h3", "h4", "p", "blockquote", "li"):
        text = _text(el)
        if not text or (el.tag == "h1" and text == title):
            continue
        if el.tag in ("h2", "h3", "h4"):
            if text.startswith("——") and len(out) == 1:
                out.append("[subtitle] " + text)
            else:
                out.append("## " + text)
        elif el.tag == "blockquote":
            out.append("> " + text)
        elif _is_byline(el, text):
            out.append("[byline] " + text)
        elif el.getparent() is not None and el.getparent().tag == "blockquote":
            continue
        else:
            out.append(text)
    if len(out) <= (1 if title else 0):
        raise InputError(f"No article text found in {path}", "Save the article page itself.")
    return "\n\n".join(out) + "\n"


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _main_container(root):
    """The element holding most paragraph text: <article>, <main>, or the densest parent."""
    for xpath in ("//article", "//main", '//*[@id="content" or @class="content"]'):
        found = root.xpath(xpath)
        if found:
            return found[0]
    weights: dict = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            weights[parent] = weights.get(parent, 0) + len(_text(p))
    if not weights:
        return root
    return max(weights, key=weights.get)


_BYLINE_HINTS = ("author", "byline", "writer", "reporter", "editor")


def _is_byline(el, text: str) -> bool:
    """A short element marked as the author (class, id, itemprop or rel)."""
    marks = " ".join(el.get(a, "") for a in ("class", "id", "itemprop", "rel")).lower()
    return len(text) <= 30 and any(hint in marks for hint in _BYLINE_HINTS)
