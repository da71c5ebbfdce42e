"""Layout analysis of a printed page: positioned lines → blocks with kinds, in reading order.

Shared by the PDF text layer (`pdf.py`, where a line's size is its font size) and OCR'd
images (`ocr.py`, where the box height stands in for it). Two steps:

1. Reading order by recursive XY-cut (`reading.py`).
2. Blocks by size and position along that order: the largest type is a title (lines joined);
   a `——` line after it a subtitle; a short name line a byline; larger type inside a story
   a section head (lines joined) or, when it runs in sentences, a pull quote; a `——` line
   after a quote its attribution; body lines form paragraphs, which start at an indent or
   after a short last line and run on into the next column; `本报讯（…）` opening a
   paragraph is its dateline. Jump lines such as `（下转第二版）` are left out of the text:
   they tell where a story continues, which the edition does not need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .reflow import DATELINE, FINAL, NAME_END, join_lines
from .structure import BYLINE, RawBlock

TITLE_RATIO = 1.45  # type this much larger than the body is a title
LARGE_RATIO = 1.12  # … this much larger a heading, subtitle or pull quote
JUMP = re.compile(
    r"^[（(]?\s*(?:下转|上接|转|接|续)第?\s*[一二三四五六七八九十百\d]+\s*版\s*[）)]?$"
)
NAME_ALONE = re.compile(r"[\u4e00-\u9fff·]{2,4}")
JUMP_AT_END = re.compile(r"[（(]\s*(?:下转|转)第?\s*[一二三四五六七八九十百\d]+\s*版\s*[）)]\s*$")


@dataclass
class Line:
    """One printed line (or a run of it within one column), in page coordinates."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # font size, or the height of the ink for OCR
    doubt: str = ""  # why the OCR is unsure of this line; "" when it is not
    bold: bool = False  # set in bold (known for OCR'd lines, from how dark they are)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class BlockOrigin:
    """The lines a block was made of: its box, and the doubtful ones among them."""

    box: tuple[float, float, float, float]
    doubts: list[tuple[str, str]] = field(default_factory=list)  # (line text, detail)
    size: float = 0.0  # the largest type in it

    @classmethod
    def of(cls, lines: list[Line]) -> BlockOrigin:
        box = (
            min(ln.x0 for ln in lines),
            min(ln.top for ln in lines),
            max(ln.x1 for ln in lines),
            max(ln.bottom for ln in lines),
        )
        doubts = [(ln.text, ln.doubt) for ln in lines if ln.doubt]
        return cls(box, doubts, max(ln.size for ln in lines))

    def merged(self, other: BlockOrigin) -> BlockOrigin:
        a, b = self.box, other.box
        box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        return BlockOrigin(box, self.doubts + other.doubts, max(self.size, other.size))


def body_size(lines: list[Line]) -> float:
    """The size most text is set in: the median size weighted by characters."""
    weighted = sorted((ln.size, len(ln.text)) for ln in lines)
    half = sum(w for _, w in weighted) / 2
    seen = 0
    for size, w in weighted:
        seen += w
        if seen >= half:
            return size
    return weighted[-1][0] if weighted else 1.0


# -- blocks ---------------------------------------------------------------------


def _headline_like(text: str) -> bool:
    return not re.search(r"[。！？!?；]", text[:-1]) and not FINAL.search(text)


def _is_byline(text: str) -> bool:
    compact = text.replace(" ", "")
    return len(compact) <= 16 and bool(BYLINE.search(compact))


@dataclass
class _Builder:
    body: float
    blocks: list[RawBlock] = field(default_factory=list)
    para: list[Line] = field(default_factory=list)
    para_right: float = 0.0  # right edge of the column the open paragraph's last line is in

    def emit(self, kind: str, lines: list[Line], text: str | None = None) -> None:
        text = join_lines([ln.text for ln in lines]) if text is None else text
        self.blocks.append(RawBlock(kind, text, origin=BlockOrigin.of(lines)))

    def flush(self) -> None:
        if not self.para:
            return
        lines, self.para = self.para, []
        text = join_lines([ln.text for ln in lines])
        text = JUMP_AT_END.sub("", text).rstrip()
        match = DATELINE.match(text)
        if match:
            self._promote_headline()
            head, text = text[: match.end()].strip(), text[match.end() :].strip()
            self.emit("dateline", lines[:1], head)
            if not text:
                return
        self.emit("paragraph", lines, text)

    def _promote_headline(self) -> None:
        """A section head followed by a byline or dateline was a small title."""
        if self.blocks and self.blocks[-1].kind == "heading":
            self.blocks[-1].kind = "title"

    def after_title(self) -> bool:
        return bool(self.blocks) and self.blocks[-1].kind in ("title", "subtitle")


def _kind_of(line: Line, body: float) -> str:
    if line.size >= TITLE_RATIO * body:
        return "title"
    if line.size >= LARGE_RATIO * body:
        return "large"
    # bold type a little larger than the body: a section head (not a bold dateline)
    if line.bold and line.size >= 1.04 * body and not DATELINE.match(line.text):
        return "large"
    return "body"


def build_blocks(regions: list[list[Line]]) -> list[RawBlock]:
    """Kinds and texts of the blocks along the reading order (see the module docstring)."""
    all_lines = [ln for region in regions for ln in region]
    if not all_lines:
        return []
    b = _Builder(body_size(all_lines))
    for region in regions:
        left = min(ln.x0 for ln in region)
        right = max(ln.x1 for ln in region)
        i = 0
        while i < len(region):
            line = region[i]
            kind = _kind_of(line, b.body)
            if JUMP.match(line.text.replace(" ", "")):
                b.flush()
                i += 1
                continue
            indent = line.x0 - left >= 0.9 * line.size
            # (a last line ending in ， leaves white after it: short means by over an em)
            ended = not b.para or b.para[-1].x1 < b.para_right - 1.4 * line.size
            # a `——` line opens a subtitle or an attribution, unless it carries on a sentence
            dash = line.text.startswith("——") and (indent or ended)
            if kind == "body" and not dash:
                if b.after_title() and not b.para and _is_byline(line.text):
                    b.emit("byline", [line])
                    i += 1
                    continue
                if indent or ended:
                    b.flush()
                b.para.append(line)
                b.para_right = right
                i += 1
                continue
            b.flush()
            end = _run_end(region, i, kind, b.body)
            run = region[i:end]
            _emit_run(b, kind, run)
            i = end
    b.flush()
    _mark_quotes(b.blocks)
    return b.blocks


def _run_end(region: list[Line], i: int, kind: str, body: float) -> int:
    """End (exclusive) of the lines set like line i that belong to one block."""
    first = region[i]
    end = i + 1
    while end < len(region):
        nxt = region[end]
        # set in the same type (OCR'd sizes vary a little from line to line)
        near = abs(nxt.size - first.size)
        if near > 0.15 * first.size or (near > 0.08 * first.size and _kind_of(nxt, body) != kind):
            break
        if nxt.text.startswith("——") and not first.text.startswith("——"):
            break
        if first.text.startswith("——") and NAME_END.search(region[end - 1].text):
            break
        # a new paragraph of a pull quote starts at an indent
        if (
            kind == "large"
            and not _headline_like(first.text)
            and nxt.x0 - first.x0 > 0.9 * nxt.size
        ):
            break
        end += 1
    return end


def _emit_run(b: _Builder, kind: str, run: list[Line]) -> None:
    text = join_lines([ln.text for ln in run])
    if text.startswith("——"):
        if b.after_title():
            b.emit("subtitle", run)
        elif len(run) > 1 and NAME_ALONE.fullmatch(run[-1].text):
            # the name broken onto a line of its own: the space before it was the break
            b.emit(
                "attribution", run, join_lines([ln.text for ln in run[:-1]]) + " " + run[-1].text
            )
        else:
            b.emit("attribution", run)
    elif kind == "title":
        last = b.blocks[-1] if b.blocks else None
        if last is not None and last.kind == "title" and _same_title(last.origin, run):
            # a title the XY-cut took apart: two pieces on one row (split at the space
            # between its halves), or lines one under the other
            same_row = last.origin.box[3] > run[0].mid
            gap = run[0].x0 - last.origin.box[2]
            space = " " if same_row and gap > 0.5 * run[0].size else ""
            last.text = last.text + space + text if same_row else join_lines([last.text, text])
            last.origin = last.origin.merged(BlockOrigin.of(run))
        else:
            b.emit("title", run)
    elif _headline_like(text):
        if b.after_title() and b.blocks[-1].kind == "title" and kind == "large":
            b.emit("subtitle", run)
        elif b.after_title() and _is_byline(text):
            b.emit("byline", run)
        else:
            b.emit("heading", run)
    else:
        b.emit("quote", run)


def _same_title(origin: BlockOrigin, run: list[Line]) -> bool:
    """Lines set in the same type right next to the title so far (beside it or under it)."""
    size = run[0].size
    return abs(origin.size - size) <= 0.1 * size and run[0].top - origin.box[3] < 0.8 * size


def _mark_quotes(blocks: list[RawBlock]) -> None:
    """A body paragraph directly before an attribution is a pull quote set in body type."""
    for i, block in enumerate(blocks):
        if block.kind == "attribution" and i and blocks[i - 1].kind == "paragraph":
            blocks[i - 1].kind = "quote"
