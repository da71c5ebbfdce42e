"""Read a source file: detect its encoding and format; extract the article from HTML.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK and Big5 —
detected, or forced with `--encoding`. Every problem is an `InputError` with what to do.
"""

from __future__ import annotations

import codecs
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
        raise InputError(f"{path} looks like a binary file", "Give a text, Markdown or HTML page.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
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
