"""Read a source file: detect its encoding and format; extract the article from HTML.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without one, GB18030/GBK
and Big5 — detected, or forced with `--encoding`. Every problem is an `InputError` with what
to do.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..paths import link_problem

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CANDIDATES = ("gb18030", "big5")


def read_bytes(path: Path) -> bytes:
    problem = link_problem(path)
    if problem:
        raise InputError(problem, "Fix the link, or give the file itself.")
    if not path.exists():
        raise InputError(f"No such file: {path}", "Check the path.")
    if path.is_dir():
        raise InputError(f"{path} is a directory", "Give the page files inside it.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}", "Check its permissions.") from None
    if not data.strip():
        raise InputError(f"{path} is empty", "Give a page with text in it.")
    return data


def decode(data: bytes, path: Path, encoding: str | None = None) -> str:
    """Decode with the given encoding, else by BOM, UTF-8, or the likelier Chinese codec."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(
                f"Unknown encoding {encoding!r}", "Try utf-8, gb18030 or big5."
            ) from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{path} is not valid {encoding} (byte {exc.start})",
                "Try another --encoding, or leave it out to detect.",
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name)
    if b"\x00" in data or _binary(data):
        text = _utf16(data)
        if text is None:
            raise InputError(
                f"{path} looks like a binary file",
                "Give a text, Markdown or HTML page (or its encoding with --encoding).",
            )
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _utf16(data)  # Chinese-only UTF-16 has no zero bytes to give it away
    if text is not None:
        return text
    decoded = {}
    for name in _CANDIDATES:
        try:
            decoded[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise InputError(
            f"Cannot decode {path} as UTF-8, GB18030 or Big5",
            "Give its encoding with --encoding.",
        )
    if len(decoded) == 1:
        return next(iter(decoded.values()))
    return max(decoded.values(), key=_plausibility)


_NOT_CONTROL = bytes(range(9, 14)) + bytes(range(32, 256))


def _binary(data: bytes) -> bool:
    """More than 5% control bytes (other than tab and line ends) in the first 4 KB."""
    sample = data[:4096]
    return len(sample.translate(None, _NOT_CONTROL)) > len(sample) * 0.05


def _utf16(data: bytes) -> str | None:
    """The text of UTF-16 without a byte order mark, or None when `data` is not that.

    Zero bytes say which byte order it is (ASCII characters have their zero byte first in
    big-endian, second in little-endian); Chinese-only text has none, so both orders are
    tried and the one that reads as common Chinese wins. Either way nearly every character
    must be Chinese, Latin or punctuation: binary data, and GB18030 or Big5 bytes read two by
    two, decode to controls, Hangul, private-use and unassigned characters.
    """
    if len(data) % 2:
        return None
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even > 2 * odd:
        orders = ["utf-16-be"]
    elif odd > 2 * even:
        orders = ["utf-16-le"]
    else:
        orders = ["utf-16-le", "utf-16-be"]
    texts = []
    for name in orders:
        try:
            head = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if len(re.findall(_TEXTLIKE, head)) >= 0.95 * len(head):
            texts.append((name, head))
    if not texts:
        return None
    name = max(texts, key=lambda t: _plausibility(t[1]))[0] if len(texts) > 1 else texts[0][0]
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


# line ends, ASCII, Latin-1, general punctuation, CJK punctuation and ideographs, full width
# (compiled when first asked, by `re`: only UTF-16 without a byte order mark needs it, and
# compiling its ranges is ~1.5 ms of every start-up)
_TEXTLIKE = (
    "[\t\n\r -~\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef]"
)


def _plausibility(text: str) -> float:
    """Share of characters among common simplified/traditional Han and punctuation."""
    common = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fa5" or ch in "，。、；：？！“”（）")
    rare = sum(1 for ch in text if "\u3400" <= ch <= "\u4dbf" or "\ue000" <= ch <= "\uf8ff")
    return (common - 5 * rare) / max(1, len(text))


def sniff_format(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    head = text.lstrip()[:200].lower()
    if suffix in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype html", "<html")):
        return "html"
    return "txt"


def read_source(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, format) where format is txt, md or html-as-md."""
    path = Path(path)
    data = read_bytes(path)
    text = decode(data, path, encoding)
    fmt = sniff_format(path, text)
    if fmt == "html":
        from .html import html_to_markdown

        return html_to_markdown(text, path), "md"
    if not text.strip():
        raise InputError(f"{path} has no text", "Give a page with text in it.")
    return text, fmt
