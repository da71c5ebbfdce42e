"""Printed pages — PDF files and page images — into articles whose blocks know their origin.

Each page in turn: positioned lines (from the PDF text layer, or OCR for images and
scanned PDFs) → reading order and blocks (`layout.py`) → the same clean-up, article
grouping and repairs as text pages (`structure.py`) → sentences. Every block carries its
page and box; a sentence holding a line the OCR was unsure of carries an `ocr-uncertain`
flag, which review and QA show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Flag, Origin, Page
from ..errors import InputError
from .normalize import clean_spaces, normalize_chars
from .structure import RawBlock, clean, group_articles

if TYPE_CHECKING:  # the page layout modules are imported for pages only: not for text
    from .layout import Line

Box = tuple[float, float, float, float]

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"BM",  # BMP
)


TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")


def page_format(path: Path) -> str | None:
    """`pdf` or `image` by the file's first bytes, else None (also for a file named as
    text: the text reader says what is wrong with it)."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return None  # the text reader says what is wrong with it
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and path.suffix.lower() == ".webp"):
        return "image"
    return None


Reader = Iterator[tuple[Page, list["Line"], Callable[[Box], Box]]]


def _read(path: Path, fmt: str) -> Reader:
    """Each page: its lines, and the map from their coordinates to the page's (OCR reads a
    straightened image)."""
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path)
    from .ocr import read_image

    return read_image(path)


def parse_pages(path: Path, fmt: str) -> list[list[tuple]]:
    """A PDF or image file → articles of (kind, text, sentences, origin), page by page."""
    from . import block_sentences

    articles: list[list[tuple]] = []
    found = False
    for page, lines, to_page in _read(path, fmt):
        found = found or bool(lines)
        for article in parse_page(lines):
            out = []
            for block in article:
                sentences = block_sentences(block.kind, block.text)
                flags = sentence_flags(block.text, sentences, block.origin.doubts)
                origin = Origin(page, to_page(block.origin.box), flags)
                out.append((block.kind, block.text, sentences, origin))
            articles.append(out)
    if not found:
        raise InputError(f"No text found on the pages of {path}", "Check the file.")
    return articles


def parse_page(lines: list[Line]) -> list[list[RawBlock]]:
    """One page's lines → articles of cleaned blocks (each with its origin)."""
    from .layout import build_blocks
    from .reading import reading_order

    blocks = [clean(b) for b in build_blocks(reading_order(lines))]
    return group_articles([b for b in blocks if b.text])


def sentence_flags(
    text: str, sentences: list[str], doubts: list[tuple[str, str]]
) -> list[tuple[Flag, ...]]:
    """For each sentence, an `ocr-uncertain` flag per doubtful line it holds part of.

    A line is found in the cleaned block text by its own cleaned text; if cleaning across
    the line's ends changed it past finding, every sentence of the block is flagged.
    """
    spans = []
    for line, detail in doubts:
        needle = clean_spaces(normalize_chars(line))
        at = text.find(needle) if needle else -1
        spans.append((at, at + len(needle), detail) if at >= 0 else (0, len(text), detail))
    flags: list[tuple[Flag, ...]] = []
    cursor = 0
    for sentence in sentences:
        start = text.find(sentence, cursor)
        start = cursor if start < 0 else start
        end = cursor = start + len(sentence)
        flags.append(
            tuple(Flag("ocr-uncertain", detail) for a, b, detail in spans if a < end and b > start)
        )
    return flags
