"""Find the structure of a reflowed page: block kinds, then articles.

Kinds come from position and shape: a headline followed by a `——` line is a title with a
subtitle; a short name line after them is a byline; `本报讯（…）` opening a paragraph is a
dateline; a `——` line after a paragraph is an attribution and makes the paragraph(s)
before it a pull quote; other stand-alone short lines are section headings, or titles when
they span columns or lead into a dateline or byline.

Articles start at titles. Page layout can separate a story from its headline (two
headlines stacked above two bodies) or print a lead paragraph at the page's end; both are
repaired by comparing the text of body blocks with each article's headline (character
bigrams weighted by rarity on the page). It is best effort: `articles.md` lets a person fix
the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations, permutations
from typing import Any

from .meta import masthead
from .normalize import HAN, clean_spaces, normalize_chars
from .reflow import DATELINE, NAME_END, Unit, join_lines
from .weights import PageWeights, Weights

HEADER_KINDS = {"title", "subtitle", "byline", "dateline"}
BYLINE = re.compile(rf"^(?:(?:本报)?(?:记者|通讯员|特约记者)\s*)?[{HAN}·]{{2,4}}$|记者|通讯员")


@dataclass
class RawBlock:
    kind: str
    text: str
    origin: Any = None  # where a page reader found it (`layout.BlockOrigin`); None for text
    measure: float = 0.0  # a paragraph's column width (characters) in page text; 0: unknown


def classify(units: list[Unit]) -> list[RawBlock]:
    """Give every unit (or part of a headline group) a kind."""
    blocks: list[RawBlock] = []
    pending_headline: list[int] = []  # indexes of blocks whose kind depends on what follows
    for unit in units:
        if unit.group:
            _classify_group(unit.lines, blocks, pending_headline, wide=unit.wide)
        elif unit.standalone:
            _classify_line(unit.text, blocks, pending_headline, wide=unit.wide)
        else:
            _classify_paragraph(unit.text, blocks)
            # the longest line in characters: cheap, and what tells two column widths apart
            blocks[-1].measure = max(map(len, map(str.strip, unit.lines)))
    for i in pending_headline:
        if blocks[i].kind == "headline":
            blocks[i].kind = "heading"
    _mark_quotes(blocks)
    return blocks


def _is_byline(text: str) -> bool:
    return len(text) <= 12 and bool(BYLINE.search(text.replace(" ", "")))  # short first


def _after_title(blocks: list[RawBlock]) -> bool:
    return bool(blocks) and blocks[-1].kind in ("title", "subtitle", "headline")


def _promote_previous_headline(blocks: list[RawBlock]) -> None:
    """A headline followed by a subtitle, byline or dateline is a title."""
    for block in reversed(blocks):
        if block.kind == "headline":
            block.kind = "title"
            return
        if block.kind not in ("subtitle", "byline"):
            return


def _classify_group(
    lines: list[str], blocks: list[RawBlock], pending: list[int], wide: bool
) -> None:
    head: list[str] = []
    i = 0
    while i < len(lines) and not lines[i].startswith("——"):
        head.append(lines[i])
        i += 1
    sub: list[str] = []
    while i < len(lines):
        sub.append(lines[i])
        i += 1
    byline = ""
    if sub and len(sub) > 1 and _is_byline(sub[-1]):
        byline = sub.pop()
    elif not sub and len(head) > 1 and _is_byline(head[-1]):
        byline = head.pop()
    if head:
        blocks.append(RawBlock("headline", join_lines(head)))
        pending.append(len(blocks) - 1)
        if sub or byline or wide:
            blocks[-1].kind = "title"
    if sub:
        blocks.append(RawBlock("subtitle", join_lines(sub)))
        _promote_previous_headline(blocks)
    if byline:
        blocks.append(RawBlock("byline", byline))
        _promote_previous_headline(blocks)


def _classify_line(text: str, blocks: list[RawBlock], pending: list[int], wide: bool) -> None:
    if DATELINE.match(text):
        _promote_previous_headline(blocks)
        blocks.append(RawBlock("dateline", text))
    elif text.startswith("——"):
        if _after_title(blocks):
            _promote_previous_headline(blocks)
            blocks.append(RawBlock("subtitle", text))
        else:
            blocks.append(RawBlock("attribution", text))
    elif _after_title(blocks) and blocks[-1].kind != "headline" and _is_byline(text):
        blocks.append(RawBlock("byline", text))
    elif (
        blocks
        and blocks[-1].kind in ("title", "headline")
        and not blocks[-1].measure
        and not (masthead(text) or masthead(blocks[-1].text))
    ):
        # the next line of a headline printed over several lines (a section head broken at
        # the column width, a title over three lines): one headline, not two; a masthead or
        # folio line (paper, date, page) is never part of a headline
        blocks[-1].text = join_lines([blocks[-1].text, text])
        blocks[-1].kind = "title" if wide else blocks[-1].kind
    else:
        blocks.append(RawBlock("title" if wide or not blocks else "headline", text))
        pending.append(len(blocks) - 1)


def _classify_paragraph(text: str, blocks: list[RawBlock]) -> None:
    match = DATELINE.match(text)
    if match and match.end() < len(text):
        _promote_previous_headline(blocks)
        blocks.append(RawBlock("dateline", text[: match.end()].strip()))
        text = text[match.end() :].strip()
    elif match:
        _promote_previous_headline(blocks)
        blocks.append(RawBlock("dateline", text))
        return
    blocks.append(RawBlock("paragraph", text))


def _mark_quotes(blocks: list[RawBlock]) -> None:
    """Paragraphs before an attribution are a pull quote: since the previous attribution
    when quotes run one after another, else just the one paragraph before it."""
    for i, block in enumerate(blocks):
        if block.kind != "attribution":
            continue
        j = i - 1
        if j < 0 or blocks[j].kind != "paragraph":
            continue
        k = j
        while k - 1 >= 0 and blocks[k - 1].kind == "paragraph":
            k -= 1
        run_after_quote = k - 1 >= 0 and blocks[k - 1].kind == "attribution"
        first = k if run_after_quote else j
        for q in range(first, j + 1):
            blocks[q].kind = "quote"


def clean(block: RawBlock) -> RawBlock:
    """Normalise characters and spaces according to the block's kind."""
    # made directly: dataclasses.replace costs more than the cleaning of a short block
    return RawBlock(block.kind, clean_text(block.kind, block.text), block.origin, block.measure)


def clean_text(kind: str, text: str) -> str:
    """A block's text with characters normalised and spaces kept as its kind needs: names
    apart in bylines and datelines, the name after a title in an attribution, a phrase
    break in headlines; page text and articles.md both go through here."""
    text = normalize_chars(text)
    if kind in ("dateline", "byline"):
        return clean_spaces(text, "names")
    if kind == "attribution":
        name = NAME_END.search(text)
        if name:
            return clean_spaces(text[: name.start()]) + " " + name.group(0).strip()
        return clean_spaces(text)
    if kind in ("title", "heading", "subtitle"):
        return clean_spaces(text, "headline")
    return clean_spaces(text)


# -- articles ------------------------------------------------------------------


def group_articles(blocks: list[RawBlock]) -> list[list[RawBlock]]:
    """Group blocks into articles and repair separated bodies and end-of-page leads."""
    articles: list[list[RawBlock]] = []
    for block in blocks:
        starts_quotes = block.kind == "quote" and (
            not articles or articles[-1][-1].kind not in ("quote", "attribution")
        )
        if (
            not articles
            or (block.kind == "title" and not (articles[-1] and articles[-1][-1].kind == "title"))
            or (starts_quotes and any(b.kind not in ("quote", "attribution") for b in articles[-1]))
        ):
            articles.append([])
        articles[-1].append(block)
    weights = Weights(blocks)
    articles = _distribute_stacked(articles, weights)
    _move_trailing_lead(articles, weights)
    return [a for a in articles if a]


def _header(article: list[RawBlock]) -> str:
    return " ".join(b.text for b in article if b.kind in ("title", "subtitle"))


def _body_start(article: list[RawBlock]) -> int:
    i = 0
    while i < len(article) and article[i].kind in HEADER_KINDS:
        i += 1
    return i


def _distribute_stacked(articles: list[list[RawBlock]], w: Weights) -> list[list[RawBlock]]:
    """Headlines printed one above another, bodies below: give each body to its headline."""
    out = [list(a) for a in articles]
    i = 0
    while i < len(out):
        run = i
        while run < len(out) and _body_start(out[run]) == len(out[run]) and _header(out[run]):
            run += 1
        if run == i or run >= len(out) or run - i > 3:
            i = max(run, i + 1)
            continue
        owners = list(range(i, run + 1))
        target = out[run]
        body = target[_body_start(target) :]
        best = _best_partition(body, [_header(out[k]) for k in owners], w.page(out[i][0]))
        if best is not None:
            out[run] = target[: _body_start(target)]
            for owner, chunk in best:
                out[owners[owner]].extend(chunk)
        i = run + 1
    return out


def _best_partition(
    body: list[RawBlock], headers: list[str], w: PageWeights
) -> list[tuple[int, list[RawBlock]]] | None:
    """Split `body` into len(headers) contiguous chunks, each to a different headline,
    maximising similarity; None when all-to-the-last-headline is about as good."""
    k = len(headers)
    cuts_allowed = [c for c in range(1, len(body)) if body[c - 1].kind != "heading"]
    if len(cuts_allowed) < k - 1:
        return None
    scores = [[w.score(b.text, h) for h in headers] for b in body]
    prefix = [[0.0] * (len(body) + 1) for _ in headers]
    for h in range(k):
        for j, row in enumerate(scores):
            prefix[h][j + 1] = prefix[h][j] + row[h]
    baseline = prefix[k - 1][len(body)]
    best: tuple[float, tuple[int, ...], tuple[int, ...]] | None = None
    for cuts in combinations(cuts_allowed, k - 1):
        bounds = (0, *cuts, len(body))
        for order in permutations(range(k)):
            total = sum(
                prefix[order[c]][bounds[c + 1]] - prefix[order[c]][bounds[c]] for c in range(k)
            )
            if best is None or total > best[0]:
                best = (total, bounds, order)
    if best is None or best[0] < baseline * 1.2 + 5:
        return None
    _, bounds, order = best
    return [(order[c], body[bounds[c] : bounds[c + 1]]) for c in range(k)]


def _measure(block: RawBlock) -> float:
    """The width a paragraph was set at: characters in page text, its box on a page."""
    if block.origin is not None:
        return block.origin.box[2] - block.origin.box[0]
    return block.measure


def _set_apart(suffix: list[RawBlock], body: list[RawBlock]) -> bool | None:
    """Whether trailing paragraphs were set at another width than the article's own body
    (a lead printed in a frame of its own); None when the widths are not known."""
    widths = [_measure(b) for b in body if b.kind == "paragraph"]
    ends = [_measure(b) for b in suffix]
    if not widths or not all(ends) or not all(widths):
        return None
    usual = sorted(widths)[len(widths) // 2]
    return all(abs(m - usual) > max(1.5, 0.08 * usual) for m in ends)


def _move_trailing_lead(articles: list[list[RawBlock]], w: Weights) -> None:
    """Paragraphs at the end of the page that belong to another article are its lead.

    They must read like that article's headline more than like their own, and be set
    apart: printed at another column width than the body above them. When the widths are
    unknown (one paragraph per line), the text alone must make a much stronger case.
    """
    if len(articles) < 2:
        return
    last = articles[-1]
    start = _body_start(last)
    own = _header(last)
    page = w.page(last[-1])
    # the trailing paragraphs, each with its bigrams, its score against its own headline and
    # the margin it needs, worked out once: they are compared with every other headline
    trailing = []
    for t in range(len(last) - 1, start, -1):
        text = last[t].text
        if last[t].kind != "paragraph":
            break
        bigrams = {text[i : i + 2] for i in range(len(text) - 1)}
        apart = _set_apart(last[t:], last[start:t])
        needed = 8 if apart else 24 if apart is None else None
        trailing.append((t, bigrams, page.score(text, own), needed))
    best: tuple[float, int, int] | None = None  # (margin, suffix start, article)
    for x, other in enumerate(articles[:-1]):
        header = _header(other)
        if not header or w.index.get(id(other[0]), 0) < page.start:
            continue  # a lead printed at the end of the page belongs to an article on it
        margin = 0.0
        for t, bigrams, own_score, needed in trailing:
            margin += page.score_bigrams(bigrams, header) - own_score
            if needed is not None and margin >= needed and (best is None or margin >= best[0]):
                best = (margin, t, x)
    if best is None:
        return
    _, t, x = best
    lead = [replace(b, kind="lead") for b in last[t:]]
    del last[t:]
    target = articles[x]
    at = _body_start(target)
    target[at:at] = lead
