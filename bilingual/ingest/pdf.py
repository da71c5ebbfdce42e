"""PDF pages → positioned lines, from the text layer (pypdfium2), or by OCR without one.

PDFium gives every character with its box and font size. We group characters into lines
ourselves rather than trusting the file's drawing order: characters on one baseline, left
to right, cut where a gap is wider than a column gutter could be inside a line, so two
columns printed on the same baselines become two lines. Spaces come from gaps wider than
the line's usual spacing (justified Chinese lines spread every character evenly; PDFium's
own generated spaces are ignored). A page with (almost) no text is a scan: it is rendered
and read by OCR (`ocr.py`, the `ocr` extra).
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Iterator
from pathlib import Path

from ..document import Page
from ..errors import InputError
from .layout import Line

GUTTER = 1.5  # a gap of this many ems inside a run of characters separates two columns
MIN_TEXT_CHARS = 8  # fewer characters than this on a page: a scanned page, to OCR
SCAN_DPI = 300


def read_pdf(path: Path) -> Iterator[tuple[Page, list[Line], Callable]]:
    """Each page in turn: the page, its lines in points from the top left, and the map from
    their coordinates to the page's (other than the identity for scans read by OCR)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(
            f"{path} is not a readable PDF ({exc})", "Check the file, or save it again."
        ) from None
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            width, height = page.get_size()
            info = Page(str(path), number, width, height, "pt")
            chars = _chars(page, height)
            if len(chars) >= MIN_TEXT_CHARS:
                yield info, lines_from_chars(chars), _same
            else:
                yield info, *_ocr_page(page, path, number)
            page.close()
    finally:
        pdf.close()


Char = tuple[str, float, float, float, float, float, float]
# text, x0, top, x1, bottom (the font's ascent to descent), size, baseline


def _chars(page, height: float) -> list[Char]:
    """The page's characters in the file's order (PDFium's generated spaces left out)."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    handle = textpage.raw
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    chars: list[Char] = []
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(handle, i):
            continue
        code = raw.FPDFText_GetUnicode(handle, i)
        ch = chr(code) if code else ""
        if not ch or ch.isspace() or not raw.FPDFText_GetLooseCharBox(handle, i, rect):
            continue
        raw.FPDFText_GetCharOrigin(handle, i, x, y)
        # the font size is in text space; the character's matrix scales it onto the page
        raw.FPDFText_GetMatrix(handle, i, matrix)
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
        size = raw.FPDFText_GetFontSize(handle, i) * scale
        box = (rect.left, height - rect.top, rect.right, height - rect.bottom)
        chars.append((ch, *box, size, height - y.value))
    textpage.close()
    return chars


def lines_from_chars(chars: list[Char]) -> list[Line]:
    """Group characters into lines: runs in the file's order along one baseline, then
    pieces of one row that touch joined (for files that draw a line in pieces)."""
    runs: list[list[Char]] = []
    for c in chars:
        run = runs[-1] if runs else None
        if run is None or _breaks(run, c):
            runs.append([c])
        else:
            run.append(c)
    pieces = sorted((_line(r) for r in runs), key=lambda ln: (round(ln.bottom), ln.x0))
    lines: list[Line] = []
    for piece in pieces:
        last = lines[-1] if lines else None
        if (
            last is not None
            and abs(last.bottom - piece.bottom) < 0.2 * piece.size
            and 0 <= piece.x0 - last.x1 < 0.3 * piece.size
        ):
            last.text += piece.text
            last.x1, last.top = piece.x1, min(last.top, piece.top)
        else:
            lines.append(piece)
    return lines


def _breaks(run: list[Char], c: Char) -> bool:
    """Whether `c` starts a new run: another baseline, a step back, a column gutter, or
    another type size."""
    first, last = run[0], run[-1]
    size = max(last[5], c[5])
    return (
        abs(c[6] - first[6]) > 0.3 * size
        or c[1] < last[1]  # glyphs may overlap (a 2-em dash), but not start further left
        or c[1] - last[3] > GUTTER * size
        or abs(last[5] - c[5]) > 0.25 * size
    )


def _line(chars: list[Char]) -> Line:
    size = statistics.median(c[5] for c in chars)
    gaps = [b[1] - a[3] for a, b in itertools.pairwise(chars)]
    usual = statistics.median(gaps) if gaps else 0.0
    text = chars[0][0]
    for gap, c in zip(gaps, chars[1:], strict=True):
        if gap > usual + 0.2 * size:  # a space; CJK–Latin autospace is 1/8 em
            text += " "
        text += c[0]
    return Line(
        text=text,
        x0=chars[0][1],
        top=min(c[2] for c in chars),
        x1=chars[-1][3],
        bottom=max(c[4] for c in chars),
        size=size,
    )


def _same(box):
    return box


def _ocr_page(page, path: Path, number: int) -> tuple[list[Line], Callable]:
    """A page without a text layer: render it and read it by OCR; boxes back in points."""
    from .ocr import read_lines

    scale = SCAN_DPI / 72
    image = page.render(scale=scale, grayscale=True).to_pil()
    lines, to_source = read_lines(image, f"{path} page {number} (a scan)")
    for ln in lines:
        ln.x0, ln.top, ln.x1, ln.bottom = (v / scale for v in (ln.x0, ln.top, ln.x1, ln.bottom))
        ln.size /= scale

    def to_page(box):
        x0, y0, x1, y1 = to_source(tuple(v * scale for v in box))
        return (x0 / scale, y0 / scale, x1 / scale, y1 / scale)

    return lines, to_page
