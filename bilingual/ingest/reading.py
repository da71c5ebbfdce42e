"""Reading order of a printed page: positioned lines → regions, by recursive XY-cut.

A region is cut at whitespace gaps that run right across it (gutters between columns,
space between stories), top to bottom and left to right. Where both kinds of cut are
possible, wide horizontal gaps win only when every piece holds body text (whole stories
one above another); otherwise the columns win, so headlines side by side are never cut
off from the stories below them. Before cutting, pieces of one printed line that a reader
kept apart are joined again. Layouts that no straight cut separates (an article wrapped
in an L around another) are read in the order the cuts give; `articles.md` fixes them.
"""

from __future__ import annotations

import itertools
import statistics
from bisect import bisect
from dataclasses import dataclass

from .layout import LARGE_RATIO, Line, body_size

OPENING = "“‘《（〈「『【"
CLOSING = "”’》）〉」』】，。、；：！？"


def _gaps(intervals: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    """Stretches of at least `min_gap` that no interval covers, between the first and last."""
    ordered = sorted(intervals)
    gaps = []
    reach = ordered[0][1]
    for start, end in ordered[1:]:
        if start - reach >= min_gap:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _row_gaps(lines: list[Line], m: _Metrics) -> list[tuple[float, float]]:
    """Horizontal gaps wider than the leading of the type on either side of them (a pull
    quote in large type is leaded wider than the body, and is still one block); where the
    type size changes across a gap (a title over its story), any clear gap will do."""
    found = []
    for gap in _gaps([(ln.top, ln.bottom) for ln in lines], 0.2 * m.body):
        above = [ln.size for ln in lines if abs(ln.bottom - gap[0]) < 1]
        below = [ln.size for ln in lines if abs(ln.top - gap[1]) < 1]
        if above and below and max(above) > 1.3 * max(below):
            found.append(gap)
            continue
        scale = max(1.0, min(above + below, default=m.body) / m.body)
        if gap[1] - gap[0] >= m.row_gap + m.leading * (scale - 1):
            found.append(gap)
    return found


def _split(lines: list[Line], gaps: list[tuple[float, float]], vertical: bool) -> list[list[Line]]:
    bounds = [(a + b) / 2 for a, b in gaps]
    pieces: list[list[Line]] = [[] for _ in range(len(bounds) + 1)]
    for ln in lines:
        pieces[bisect(bounds, (ln.x0 + ln.x1) / 2 if vertical else ln.mid)].append(ln)
    return [p for p in pieces if p]


@dataclass
class _Metrics:
    body: float  # body type size
    leading: float  # usual gap between consecutive body lines of a column

    @property
    def column_gap(self) -> float:
        return 0.5 * self.body

    @property
    def row_gap(self) -> float:
        return self.leading + 0.35 * self.body

    @property
    def story_gap(self) -> float:
        return self.leading + 1.0 * self.body

    def is_body(self, line: Line) -> bool:
        return line.size < LARGE_RATIO * self.body and len(line.text) >= 6


def _leading(lines: list[Line], body: float) -> float:
    """The median gap from a body line to the next body line under it in its column."""
    rows = sorted((ln for ln in lines if abs(ln.size - body) < 0.12 * body), key=lambda ln: ln.top)
    gaps = []
    for i, ln in enumerate(rows):
        for below in rows[i + 1 : i + 40]:
            if below.top >= ln.bottom - 0.2 * body and min(ln.x1, below.x1) - max(
                ln.x0, below.x0
            ) > 0.5 * min(ln.x1 - ln.x0, below.x1 - below.x0):
                gaps.append(max(0.0, below.top - ln.bottom))
                break
    return statistics.median(gaps) if gaps else 0.5 * body


def reading_order(lines: list[Line]) -> list[list[Line]]:
    """Regions (lists of lines, top to bottom) in reading order, by recursive XY-cut."""
    if not lines:
        return []
    for _ in range(3):  # a join can give the evidence for the next one
        joined = join_pieces(lines)
        if len(joined) == len(lines):
            break
        lines = joined
    body = body_size(lines)
    metrics = _Metrics(body, _leading(lines, body))
    out: list[list[Line]] = []
    _cut(lines, metrics, out)
    return out


def _cut(lines: list[Line], m: _Metrics, out: list[list[Line]]) -> None:
    if len(lines) > 1:
        rows = _row_gaps(lines, m)
        columns = _gaps([(ln.x0, ln.x1) for ln in lines], m.column_gap)
        # the widest gaps first: space between stories before space inside one
        wide = [g for g in rows if g[1] - g[0] >= m.story_gap]
        pieces: list[list[Line]] = []
        if rows and columns:
            stories = _split(lines, wide, vertical=False) if wide else []
            if stories and all(any(m.is_body(ln) for ln in p) for p in stories):
                pieces = stories
            else:
                pieces = _split(lines, columns, vertical=True)
        elif columns:
            pieces = _split(lines, columns, vertical=True)
        elif rows:
            pieces = _split(lines, wide or rows, vertical=False)
        if len(pieces) > 1:
            for piece in pieces:
                _cut(piece, m, out)
            return
    out.append(_rows(lines))


def join_pieces(lines: list[Line]) -> list[Line]:
    """Join pieces of one printed line that the reader kept apart (OCR cuts a line at a
    wide space): side by side on one row, with text above or below running through the
    gap between them (see `_bridged`)."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    out: list[Line] = []
    used = [False] * len(ordered)
    for i, a in enumerate(ordered):
        if used[i]:
            continue
        row = [a]
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.top > a.bottom:
                break
            last = row[-1]
            if (
                not used[j]
                and b.mid > a.top
                and b.mid < a.bottom
                and 0 <= b.x0 - last.x1 < 2.5 * max(a.size, b.size)
                and abs(a.size - b.size) < 0.2 * max(a.size, b.size)
                and _bridged(ordered, last, b, a, i)
            ):
                row.append(b)
                used[j] = True
        out.append(_join_row(row))
    return out


def _bridged(lines: list[Line], left: Line, right: Line, line: Line, at: int) -> bool:
    """Whether the gap between `left` and `right` lies inside running text: a line within
    about three printed lines runs through it, and on neither side (above, below) do lines
    stand to its left and to its right, three or more, with none through it — a column
    gutter (one line on each side may be a coincidence: two lines cut after a comma alike)."""
    reach = 5 * (line.bottom - line.top)  # some three printed lines either way
    x0, x1 = left.x1, right.x0
    tol = 0.5 * line.size  # lines of a column end where it ends, give or take
    through = False
    sides = {True: [0, 0, False], False: [0, 0, False]}  # lines left, right; any through
    for other in lines[max(0, at - 60) : at + 60]:
        if other is left or other is right or abs(other.mid - line.mid) >= reach:
            continue
        if line.top <= other.mid <= line.bottom:
            continue
        seen = sides[other.mid < line.top]
        if other.x0 < x0 - tol and other.x1 > x1 + tol:
            seen[2] = through = True
        else:
            seen[0] += x0 - tol <= other.x1 <= x1 and other.x1 > left.x0
            seen[1] += x0 <= other.x0 <= x1 + tol and other.x0 < right.x1
    gutter = any(lft and rgt and lft + rgt >= 3 and not thr for lft, rgt, thr in sides.values())
    return through and not gutter


def _rows(lines: list[Line]) -> list[Line]:
    """Lines top to bottom; pieces of one printed line (same row) left to right, joined."""
    ordered = sorted(lines, key=lambda ln: ln.top)
    rows: list[list[Line]] = []
    for ln in ordered:
        if rows and ln.mid < rows[-1][0].bottom and ln.top < rows[-1][0].mid:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [_join_row(sorted(row, key=lambda ln: ln.x0)) for row in rows]


def _join_row(row: list[Line]) -> Line:
    if len(row) == 1:
        return row[0]
    text = row[0].text
    for left, right in itertools.pairwise(row):
        # a wide gap is a space, unless punctuation brings its own white (“ 《 （ ， 。 …)
        own_white = right.text[:1] in OPENING or left.text[-1:] in CLOSING
        space = right.x0 - left.x1 > 0.5 * right.size and not own_white
        text += (" " if space else "") + right.text
    return Line(
        text=text,
        x0=row[0].x0,
        top=min(ln.top for ln in row),
        x1=row[-1].x1,
        bottom=max(ln.bottom for ln in row),
        size=max(row, key=lambda ln: len(ln.text)).size,  # the main piece, not a stray mark
        doubt="; ".join(ln.doubt for ln in row if ln.doubt),
    )
