"""Reflow column-broken page text into units: paragraphs and stand-alone short lines.

A newspaper page arrives as printed lines, often each followed by a blank line
("double-spaced"), with paragraphs and headlines broken at column width. We decide, for
every line break, whether it is a soft wrap (join) or a hard break, from:
- sentence-final punctuation at the end of the line,
- the line's width relative to its neighbours (the last line of a paragraph and a
  headline are short; the first line of a paragraph is indented),
- tight groups: in a double-spaced page, lines printed without a blank line between them
  are headline groups (a title, its subtitle and byline; a two-line section heading),
- a leading indent in the source.
"""

from __future__ import annotations

import operator
import re
import statistics
from dataclasses import dataclass

from ..textutil import HAN_CLASS

DATELINE = re.compile(
    r"^\s*(?:本报讯|本报[^，。\s]{0,12}电|(?:新华社|中新社|人民网|新华网|央视网)[^，。]{0,14}电)"
    r"\s*(?:[（(][^）)]{1,40}[）)])?"
)
# The characters a stripped line must start with for DATELINE to match it (本报, 新华社 …):
# most lines are tested by this alone, not by the regex.
DATELINE_STARTS = frozenset("本新中人央")
# Lines wider than this (in em) are not printed column lines but whole paragraphs or
# editor-wrapped prose: a line ending a sentence there ends its paragraph.
PROSE_WIDTH = 40
# A line wider than this (in em) is body text, never a headline, whatever its punctuation.
HEADLINE_WIDTH = 80
FINAL = re.compile(r"(?:[。！？!?]|……|…)[”’」』）)》]*$")
_FINAL_MARKS = ("。", "！", "？", "!", "?", "…")  # FINAL without a regex, for the hot loop
_FINAL_CLOSERS = "”’」』）)》"
OPEN_PUNCT = "，、；：,;:"
_OPEN_ENDS = tuple(OPEN_PUNCT)  # for str.endswith, made once
_CONTINUING = "，、。；：！？”’）》"  # a line starting with one carries on the line before


# half-width: ASCII and Latin/Greek/Cyrillic letters (but not the middle dot, which
# Chinese typesetting sets full width); spaces count nothing
_HALF = re.compile(r"[!-~\u00a0-\u00b6\u00b8-\u1fff\u2010-\u2013\u2030-\u2e7f]")


def width(text: str) -> float:
    """Printed width in em: Chinese characters and punctuation 1, ASCII 0.5, spaces 0."""
    half = len(_HALF.findall(text))
    return len(text) - text.count(" ") - half / 2


@dataclass(slots=True)
class Line:
    text: str
    width: float
    indent: bool
    tight: bool  # printed directly under the previous line (double-spaced pages only)
    hard: bool  # a hard break before it (two blank lines, or one in a single-spaced page)
    gap: int = 0  # blank lines before it
    measure: float = 0.0  # width when it can tell the column width (not tiny, not a —— line)
    column: float = -1.0  # `_column` once worked out (it is asked several times a line)
    ends: bool = False  # `_ends(text)`: it ends a sentence
    dated: bool = False  # DATELINE matches it


@dataclass
class Unit:
    """A reflowed piece of text: a paragraph, or a group of short lines kept apart."""

    lines: list[str]
    standalone: bool = False  # short or wide line(s) without final punctuation
    group: bool = False  # a tight group of short lines (headline block)
    wide: bool = False  # wider than the column: spans columns, like a title

    @property
    def text(self) -> str:
        return join_lines(self.lines)


_LATIN_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz,.;:")
_LATIN_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


# two lines that need a space between them, joined with a newline (a newline inside a line
# can only send the text to the loop, which is right for any text); the newline first, so
# the regex skips from one to the next (a character class first is tried at every one)
_LATIN_BREAK = re.compile(r"\n(?<=[A-Za-z,.;:]\n)(?=[A-Za-z])")


_MEASURE = operator.attrgetter("measure")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space between Chinese, one space between Latin words."""
    parts = [line for line in map(str.strip, lines) if line]
    if not _LATIN_BREAK.search("\n".join(parts)):  # Chinese text: one join, no loop
        return "".join(parts)
    out = ""
    for line in parts:
        if out and out[-1] in _LATIN_END and line[0] in _LATIN_START:
            out += " "
        out += line
    return out


def read_lines(text: str) -> list[Line]:
    return _read_lines(text)[0]


def _read_lines(text: str) -> tuple[list[Line], float]:
    """The printed lines and the median width of them."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stripped = [s.strip() for s in raw]
    nonblank = [i for i, s in enumerate(stripped) if s]
    # lines followed by a blank one: a 1 then a 0 in the lines' bytes (one count in C)
    followed = bytes(map(bool, stripped)).count(b"\1\0")
    texts = [stripped[i] for i in nonblank]
    # `width` of each, written out: a call per line is a good part of the time on a long page
    findall = _HALF.findall
    widths = [len(t) - t.count(" ") - len(findall(t)) / 2 for t in texts]
    # double-spaced: nearly every printed line (of column width) has a blank line after it;
    # text with one long paragraph per line and blank lines between is not
    median = statistics.median(widths) if nonblank else 0.0
    narrow = median <= PROSE_WIDTH if nonblank else True
    double = len(nonblank) > 3 and followed >= 0.75 * len(nonblank) and narrow
    hard_gap = 2 if double else 1
    lines: list[Line] = []
    previous = -1
    for i, text, w in zip(nonblank, texts, widths, strict=True):
        blanks = i - previous - 1
        previous = i
        after = bool(lines)  # not the first line
        hard = blanks >= hard_gap and after
        tight = double and blanks == 0 and after
        # a line's measure: its width when it can tell the column width (not tiny, no ——)
        measure = w if w >= 4 and not text.startswith("——") else 0.0
        # what the reflow asks of every line, worked out here, where no call is needed:
        # `_ends` (column unknown: -1), and whether DATELINE matches it
        ends = text.rstrip(_FINAL_CLOSERS).endswith(_FINAL_MARKS)
        dated = text[0] in DATELINE_STARTS and DATELINE.match(text) is not None
        indent = raw[i][0] in " \t\u3000"
        lines.append(Line(text, w, indent, tight, hard, blanks, measure, -1.0, ends, dated))
    return lines, median


def _column(lines: list[Line], i: int) -> float:
    """The local column width: an upper median of up to three lines either side.

    The upper median discounts the short last lines of paragraphs and headlines around.
    """
    line = lines[i]
    if line.column < 0:
        # the measures (none: 0.0) of the lines around, by map and filter in C: no generator
        around = lines[max(0, i - 3) : i] + lines[i + 1 : i + 4]
        near = sorted(filter(None, map(_MEASURE, around))) or [line.width]
        line.column = near[(2 * len(near)) // 3]
    return line.column


def _column_after(lines: list[Line], i: int) -> float:
    """The column width of the body that follows line i (for spotting wide headlines)."""
    after = [ln.width for ln in lines[i + 1 : i + 4] if ln.width >= 4]
    return statistics.median(after) if after else lines[i].width


def _ends(text: str) -> bool:
    """Final punctuation (then closing quotes or brackets) at the end: `FINAL`, faster."""
    return text.rstrip(_FINAL_CLOSERS).endswith(_FINAL_MARKS)


def _headline_group(lines: list[Line], start: int) -> int:
    """End (exclusive) of a tight group of short lines starting at `start`, or `start`."""
    end = start + 1
    while end < len(lines) and lines[end].tight and not lines[end].hard:
        end += 1
    if end - start < 2:
        return start
    members = lines[start:end]
    if any(m.ends and not m.text.startswith("——") for m in members):
        return start
    # a dateline printed tight above its first body line is not a headline group
    if members[0].dated:
        return start
    return end


def reflow(text: str) -> list[Unit]:
    """Split a page's text into units (paragraphs and stand-alone lines) in page order."""
    lines, median = _read_lines(text)
    prose = bool(lines) and median > PROSE_WIDTH
    units: list[Unit] = []
    current: list[str] = []
    i = 0

    def flush() -> None:
        if current:
            units.append(Unit(lines=current.copy()))
            current.clear()

    while i < len(lines):
        line = lines[i]
        if line.hard or (line.indent and current):
            flush()
        if current and line.dated:
            # a dateline always opens a paragraph; unpunctuated lines above it are a headline
            if not _ends(current[-1]) and _headline_like(join_lines(current)):
                units.append(Unit(lines=current.copy(), standalone=True, group=len(current) > 1))
                current.clear()
            flush()
        group_end = _headline_group(lines, i) if not current else i
        if group_end > i:
            flush()
            units.append(
                Unit(lines=[ln.text for ln in lines[i:group_end]], standalone=True, group=True)
            )
            i = group_end
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        ends = line.ends
        if not current and not ends and _standalone(lines, i, _column(lines, i)):
            end = _attribution_end(lines, i) if line.text.startswith("——") else i + 1
            wide = line.width > max(_column(lines, i), _column_after(lines, i)) + 2
            texts = [ln.text for ln in lines[i:end]]
            if _continues_headline(units, lines, i):
                # single-spaced page: consecutive headline lines are one headline group
                units[-1].lines.extend(texts)
                units[-1].group = True
                units[-1].wide = units[-1].wide or wide
            else:
                units.append(Unit(lines=texts, standalone=True, wide=wide))
            i = end
            continue
        current.append(line.text)
        # `_paragraph_ends` only when it can be true (most lines carry the paragraph on)
        if (
            nxt is None
            or (ends and prose)
            or ((ends or nxt.indent or nxt.hard) and _paragraph_ends(lines, i, ends))
        ):
            flush()
        i += 1
    flush()
    return units


def _continues_headline(units: list[Unit], lines: list[Line], i: int) -> bool:
    """Line i, with no blank line before it, carries on the headline just before it."""
    line = lines[i]
    if not units or not units[-1].standalone or line.gap or line.tight or i == 0:
        return False
    previous = units[-1].lines[-1]
    if _NAME_LINE.fullmatch(previous) and len(units[-1].lines) == 1:
        return False  # a name on its own line (a byline) ends the headline block
    if line.dated or DATELINE.match(previous) or previous.startswith("——"):
        return line.text.startswith("——") and not DATELINE.match(previous)
    return _headline_like(line.text)


def _standalone(lines: list[Line], i: int, col: float) -> bool:
    """A line at a paragraph start that is not a paragraph's first line: a headline."""
    line = lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if line.width > HEADLINE_WIDTH:
        return False
    if line.text.startswith("——"):
        return True
    dateline = DATELINE.match(line.text) if line.dated else None
    if dateline:
        return dateline.end() >= len(line.text.rstrip())
    if line.text.endswith(_OPEN_ENDS) or line.text[0] in _CONTINUING:
        return False
    # a headline directly above a dateline or a `——` subtitle
    if nxt is not None and nxt.dated:
        return True
    if nxt is not None and nxt.text.startswith("——") and _headline_like(line.text):
        return True
    # a headline broken over two lines: the next line is short too, and ends no sentence
    if (
        nxt is not None
        and not nxt.hard
        and _headline_like(line.text)
        and "，" not in line.text
        and not nxt.ends
        and _headline_like(nxt.text)
        and nxt.width <= col - 2.5
        and nxt.text[0] not in _CONTINUING
    ):
        return True
    # a line alone between hard breaks (single-spaced pages) without final punctuation
    if (line.hard or i == 0) and (nxt is None or nxt.hard):
        return True
    # the next line starts with one character and a comma: it ends a word of this line
    if nxt is not None and _WORD_END.match(nxt.text) and not nxt.hard:
        return False
    # a paragraph's first line is short too (indent), but the line after it is full
    next_full = nxt is not None and not (nxt.hard or nxt.indent) and nxt.width >= col - 1.5
    inner_comma = "，" in line.text[1:-1]
    very_short = line.width <= col - 4 or line.width <= 0.7 * col
    short = line.width <= col - 2.5 and line.width <= 0.85 * col
    short = not inner_comma and (very_short or (short and not next_full))
    # a headline spanning columns; a body line that merely runs long has sentences in it
    wide = line.width > max(col, _column_after(lines, i)) + 2 and _headline_like(line.text)
    return short or wide


def _headline_like(text: str) -> bool:
    """No sentence end inside and at most one comma: could be a headline."""
    return not _SENTENCE_END.search(text, 0, len(text) - 1) and text.count("，") <= 1


# compiled once: these are asked of many lines (`re.search(pattern)` looks the pattern up
# in a cache each call)
_NAME_LINE = re.compile(f"[{HAN_CLASS}·]{{2,4}}")
_WORD_END = re.compile(r"[^\s，、。；：][，、。；：]")
_SENTENCE_END = re.compile(r"[。！？!?；]")
NAME_END = re.compile(f"\\s[{HAN_CLASS}·]{{2,5}}$")


def _attribution_end(lines: list[Line], i: int) -> int:
    """End (exclusive) of a `——` attribution: up to the line ending in ` Name`."""
    for end in range(i, min(len(lines), i + 4)):
        if end > i and (lines[end].hard or lines[end].indent):
            break
        if NAME_END.search(lines[end].text) or lines[end].ends:
            return end + 1
    return i + 1


def _paragraph_ends(lines: list[Line], i: int, ends: bool) -> bool:
    """After line i: a paragraph ends at final punctuation on a short line, or before an
    indented or short (first) line, or before a hard break."""
    line, nxt = lines[i], lines[i + 1]
    if nxt.indent or nxt.hard:
        return True
    if not ends:
        return False
    col = _column(lines, i)
    return line.width <= col - 1.5 or nxt.width <= col - 1.5 or nxt.tight
