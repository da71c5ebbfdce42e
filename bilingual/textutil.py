"""Text utilities every stage shares: what a Han character is, atomic file writes, XML-safe text.

One definition of each, so that "Chinese left in the English", name finding, the segmenters
and the encoding checks agree on what counts as Chinese.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

# CJK Unified Ideographs, Extension A, the compatibility ideographs and Extensions B–F
# (the supplementary planes); radicals, strokes and punctuation are not Han characters.
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
# Characters XML 1.0 cannot hold (an EPUB or TMX with one is invalid); OCR text may have some.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The longest sentence ingest makes (`ingest.sentences`), and so the longest text an engine is
# given (`pending`): here, so that translating need not import the ingest package.
MAX_SENTENCE = 300  # characters


def is_han(char: str) -> bool:
    """Whether `char` (one character) is a Han character."""
    return HAN.fullmatch(char) is not None


def has_han(text: str) -> bool:
    """Whether `text` holds at least one Han character."""
    return HAN.search(text) is not None


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return NOT_XML.sub("", text)


def build_time() -> datetime:
    """Now in UTC, or `SOURCE_DATE_EPOCH` when set (reproducible EPUB and TMX files)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def atomic_write(target: Path, write: Callable[[Path], object]) -> Path:
    """Run `write(tmp)` on a hidden sibling of `target`, then rename it into place.

    A reader never sees half a file, a failure keeps the old one, and two processes writing
    the same target do not mix (the temporary name holds the process id). Creates the
    folder. OSError propagates: each caller turns it into its own one-line error.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_text_atomic(target: Path, text: str) -> Path:
    """Write UTF-8 text to `target` atomically (see `atomic_write`)."""
    return atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
