"""Page images → positioned lines by offline OCR: the PP-OCR models shipped inside the
`rapidocr-onnxruntime` wheel (the `ocr` extra), run by ONNX Runtime. Nothing is downloaded.

Before recognition the page is made as easy as a scan: uneven light is divided out (the
paper's brightness, estimated by a wide maximum filter, becomes white), and a rotated or
skewed photo is turned straight (the angle within ±5° whose rows of ink are sharpest).
Text lines are detected on the whole page (padded, and reduced to at most 2400 px); a
detected box holding two printed lines is cut between them, and one that runs across a
column gutter is cut there (`split_at_gutters`), so that every line belongs to one column.
Each line is then recognised. Its type size comes from its ink's height and its width per
em (Chinese characters are square); a line much darker than most is bold; a 2-em dash the
recogniser misread is put back (`fix_dashes`); characters it was unsure of make the line
doubtful, which flags its sentences `ocr-uncertain`. Boxes are given back in the
coordinates of the image as it was.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from ..document import Page
from ..errors import InputError
from .image import Box, flatten, inked, rotate, skew, unrotate
from .layout import Line

DOUBT = 0.65  # a character recognised with less confidence than this makes its line doubtful
INSTALL = "Install the OCR extra: `uv sync --extra ocr` (or `pip install 'bilingual[ocr]'`)."


@lru_cache(maxsize=1)
def _engine():
    """The OCR engine, loaded once per process (models from inside the installed wheel)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    import os

    # as many threads as cores: ONNX Runtime's default spins more, which a busy machine punishes
    return RapidOCR(rec_batch_num=16, intra_op_num_threads=min(4, os.cpu_count() or 1))


def engine(what: str):
    found = _engine()
    if found is None:
        raise InputError(f"Reading {what} needs OCR, which is not installed", INSTALL)
    return found


def read_image(path: Path) -> Iterator[tuple[Page, list[Line], Callable[[Box], Box]]]:
    """Each image in the file (a TIFF may hold several pages): its lines, in pixels."""
    engine(str(path))
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(path)
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(
            f"{path} is not a readable image ({exc})", "Save it again as PNG."
        ) from None
    for number, frame in enumerate(frames, start=1):
        lines, to_source = read_lines(frame, str(path))
        yield Page(str(path), number, frame.width, frame.height, "px"), lines, to_source


def read_lines(image, what: str) -> tuple[list[Line], Callable[[Box], Box]]:
    """OCR one page image (a grayscale PIL image) into lines, in straightened coordinates,
    with the map from those coordinates back to the image's."""
    import numpy as np

    ocr = engine(what)
    gray = flatten(np.asarray(image, dtype=np.uint8))
    angle = skew(gray)
    straight = rotate(gray, angle) if angle else gray
    boxes = _detect(ocr, straight)
    ink = inked(straight)
    parts = [p for box in boxes for row in split_rows(box, ink) for p in split_at_gutters(row, ink)]
    # a sliver of the next column's first character, cut off a box that reached into it
    boxes = _without_overlaps(parts)
    lines = _recognise(ocr, straight, boxes)
    return lines, unrotate(angle, straight.shape)


DETECT_SIDE = 2400  # pixels: pages are detected at most this large (text stays > 12 px)


def _detect(ocr, gray) -> list[Box]:
    """Text line boxes (axis-aligned) on the whole page, detected on a reduced copy."""
    import cv2
    import numpy as np

    h, w = gray.shape
    scale = min(1.0, DETECT_SIDE / max(h, w))
    small = gray
    if scale < 1.0:
        small = cv2.resize(gray, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    # white paper around the page: the detector misses lines that touch the image's edge
    pad = 32
    small = cv2.copyMakeBorder(small, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    found, _ = ocr.text_det(np.repeat(small[:, :, None], 3, axis=2))
    if found is None:
        return []
    boxes = []
    for quad in found:
        x0, y0 = quad[:, 0].min(), quad[:, 1].min()
        x1, y1 = quad[:, 0].max(), quad[:, 1].max()
        boxes.append(tuple(float(max(0.0, (v - pad) / scale)) for v in (x0, y0, x1, y1)))
    return _without_overlaps(boxes)


def _area(b: Box) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _without_overlaps(boxes: list[Box]) -> list[Box]:
    """Drop a box mostly inside a larger one (the detector sometimes finds a piece twice)."""
    kept: list[Box] = []
    for box in sorted(boxes, key=_area, reverse=True):
        if not any(
            _area((max(box[0], k[0]), max(box[1], k[1]), min(box[2], k[2]), min(box[3], k[3])))
            > 0.6 * _area(box)
            for k in kept
        ):
            kept.append(box)
    return kept


def split_rows(box: Box, ink) -> list[Box]:
    """Cut a detected box that holds two printed lines (the detector joins a short line to
    the one under it) at the empty band of pixel rows between them."""
    import numpy as np

    x0, y0, x1, y1 = (round(v) for v in box)
    rows = ink[y0:y1, x0:x1].mean(axis=1) > 0.02  # (a comma's tail is not a row of text)
    inked = np.flatnonzero(rows)
    if len(inked) == 0:
        return []
    cuts = [a + 1 for a, b in itertools.pairwise(inked) if b - a > 0.2 * (y1 - y0)]
    if not cuts:
        return [box]
    bounds = [0, *cuts, len(rows)]
    return [(box[0], y0 + a, box[2], y0 + b) for a, b in itertools.pairwise(bounds)]


def split_at_gutters(box: Box, ink) -> list[Box]:
    """Cut a detected line where it crosses a column gutter: a band at least half as wide as
    the line is high, empty in the line and (but for a stray mark) for two line heights
    above or below it — the space after a comma is not. Each part is trimmed to its ink."""
    import numpy as np

    x0, y0, x1, y1 = (round(v) for v in box)
    height = max(1, y1 - y0)
    inked = ink[y0:y1, x0:x1].any(axis=0)
    if not inked.any():
        return []
    above = ink[max(0, y0 - 2 * height) : y0, x0:x1]
    below = ink[y1 : y1 + 2 * height, x0:x1]

    def gutter(band):
        """Pixel columns empty there while text stands on both sides (not blank paper)."""
        empty = band.sum(axis=0) <= 0.05 * max(1, band.shape[0])
        inked_at = np.flatnonzero(band.any(axis=0))
        if len(inked_at) == 0:
            return np.zeros_like(empty)
        between = np.zeros_like(empty)
        between[inked_at[0] : inked_at[-1] + 1] = True
        return empty & between

    # a column's first line may have a spanning title above it, its last one blank paper below
    free = ~inked & (gutter(above) | gutter(below))
    # runs of free pixel columns: starts and ends
    edges = np.diff(np.concatenate(([0], free.astype(np.int8), [0])))
    cuts = [
        (a + b) // 2
        for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True)
        if b - a >= 0.5 * height and inked[:a].any() and inked[b:].any()
    ]
    parts = []
    for a, b in zip([0, *cuts], [*cuts, len(inked)], strict=True):
        ink_at = np.flatnonzero(inked[a:b])
        if len(ink_at):
            parts.append((a + ink_at[0], a + ink_at[-1] + 1))
    pad = 0.1 * height
    return [(max(0.0, x0 + a - pad), y0, x0 + b + pad, y1) for a, b in parts]


def _recognise(ocr, gray, boxes: list[Box]) -> list[Line]:
    """Recognise each box. A line's size is the height of its ink (the box height varies
    with the detector's margin), and a line much darker than most is set in bold."""
    import numpy as np

    ink = inked(gray)
    crops, kept, measures = [], [], []
    for box in boxes:
        x0, y0, x1, y1 = (round(v) for v in box)
        measure = _ink_height(ink[y0:y1, x0:x1]) if x1 - x0 >= 4 and y1 - y0 >= 4 else None
        if measure is None:
            continue
        crop = gray[y0:y1, x0:x1]
        crops.append(np.repeat(crop[:, :, None], 3, axis=2))
        kept.append(box)
        measures.append(measure)
    if not crops:
        return []
    results, _ = ocr.text_rec(crops, True)
    usual = float(np.median([density for _, density in measures]))
    lines = []
    for box, (height, density), (text, score, info) in zip(kept, measures, results, strict=True):
        text = text.strip()
        if not text:
            continue
        confidences = info[4] if len(info) > 4 else [score]
        text = NEAR_PUNCT.sub("", text)  # the recogniser's spaces beside （ “ ， … mean nothing
        x0, y0, x1, y1 = (round(v) for v in box)
        # look left of the box too: the detector often leaves out a line's opening dash
        reach = min(x0, 3 * (y1 - y0))
        text = fix_dashes(text, ink[y0:y1, x0 - reach : x1], start=reach)
        size = _type_size(text, box[2] - box[0], height)
        line = Line(text, box[0], box[1], box[2], box[3], size=size)
        line.doubt = _doubt(text, confidences)
        line.bold = density > 1.6 * usual
        lines.append(line)
    return lines


NEAR_PUNCT = re.compile(r" +(?=[“‘《（，。、；：！？）”’》])|(?<=[“‘《（，。、；：！？）”’》]) +")
DASHLIKE = re.compile(r"[一—―─－\-_~]+")


def fix_dashes(text: str, ink, start: int = 0) -> str:
    """Put back the `——` the recogniser reads as 一, — or - (or not at all, before a line):
    wherever the line image has a thin horizontal bar at mid-height at least 1.6 times as
    long as the line is high (a 2-em dash; the character 一 is narrower), the dash-like text
    nearest to it becomes ——. `ink` may begin `start` pixels left of the recognised text."""
    import numpy as np

    rows = np.flatnonzero(ink.any(axis=1))
    if len(rows) < 3:
        return text
    top, height = rows[0], rows[-1] - rows[0] + 1
    band = ink[top : top + height]
    counts = band.sum(axis=0)
    heights = np.arange(height)[:, None]
    centre = (band * heights).sum(axis=0) / np.maximum(counts, 1)
    thin = (counts > 0) & (counts <= 0.2 * height) & (np.abs(centre - height / 2) < 0.25 * height)
    edges = np.diff(np.concatenate(([0], thin.astype(np.int8), [0])))
    width = max(1, ink.shape[1] - start)
    runs = zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True)
    spans = [(a, b) for a, b in runs if b - a >= 1.6 * height and b > start - 0.5 * height]
    if not spans:
        return text
    bars = [((a + b) / 2 - start) / width for a, b in spans]
    if spans[0][0] < start + height and not DASHLIKE.match(text):
        # a subtitle's or an attribution's opening dash, not read at all
        text, bars[0] = "——" + text, 0.0
    tokens = list(DASHLIKE.finditer(text))
    if not tokens:
        return text
    # where each character sits along the line: Chinese one em, Latin and digits half
    widths = [0.5 if ord(ch) < 0x2E80 and ch not in "—" else 1.0 for ch in text]
    total = sum(widths)
    starts = np.concatenate(([0.0], np.cumsum(widths)))
    chosen = set()
    for bar in bars:
        nearest = min(
            range(len(tokens)),
            key=lambda k: abs(
                (starts[tokens[k].start()] + starts[tokens[k].end()]) / 2 / total - bar
            ),
        )
        chosen.add(nearest)
    out, last = [], 0
    for k, token in enumerate(tokens):
        if k in chosen:
            out += [text[last : token.start()], "——"]
            last = token.end()
    return "".join(out) + text[last:]


def _type_size(text: str, width: float, ink_height: float) -> float:
    """A line's type size in pixels: Chinese characters are square, so a line of four em or
    more tells it by its width per em as well as by its ink's height (about 0.88 em); the
    two are averaged, and when the height says much more (a box holding a second line's
    mark) the width is believed."""
    from .reflow import width as em_width

    by_height = ink_height / 0.88
    ems = em_width(text)
    if ems < 4:
        return by_height
    by_width = width / ems
    return by_width if by_height > 1.3 * by_width else (by_height + by_width) / 2


def _ink_height(ink) -> tuple[float, float] | None:
    """The height of a line's characters and how dark they are: the span holding the middle
    94% of its ink (brackets and quotes reaching above and below weigh little), and the share
    of inked pixels in it."""
    import numpy as np

    per_row = ink.sum(axis=1)
    total = per_row.sum()
    if total < 10:
        return None
    cumulative = np.cumsum(per_row) / total
    top, bottom = np.searchsorted(cumulative, 0.03), np.searchsorted(cumulative, 0.97) + 1
    if bottom - top < 3:
        return None
    return float(bottom - top), float(ink[top:bottom].mean())


def _doubt(text: str, confidences: list[float]) -> str:
    """Why a line is doubtful ("" when every character was read with confidence)."""
    low = min(confidences) if confidences else 1.0
    if low >= DOUBT:
        return ""
    return f"OCR confidence {low:.2f} in “{text}”"
