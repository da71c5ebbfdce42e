"""Sentence text → escaped inline markup: pinyin ruby and glossary-term highlights.

Every piece of text from the edition or the glossary is escaped here (`_text`, `escape`), so
the fragments are safe to mark up as trusted in a template; the output is also well-formed
XML for the EPUB. HTML and EPUB share the pieces and differ only in `rp` fallbacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from markupsafe import escape

from ..terms.glossary import Entry, Match
from .ruby import annotate


class Piece(NamedTuple):
    """A run of text, its pinyin (Chinese side, "" when none) and the glossary entry it is."""

    text: str
    pinyin: str = ""
    term: Entry | None = None


def tip(entry: Entry) -> str:
    """The tooltip of a glossary term: English · pinyin — note."""
    parts = (entry.en, entry.pinyin if entry.pinyin != entry.en else "")
    head = " · ".join(part for part in parts if part)
    return f"{head} — {entry.note}" if entry.note else head


def zh_pieces(text: str, matches: list[Match], ruby: bool) -> list[Piece]:
    """Split Chinese text at glossary matches; with `ruby`, give every Han word its pinyin."""
    pieces: list[Piece] = []

    def plain(chunk: str) -> None:
        if not chunk:
            return
        if ruby:
            pieces.extend(Piece(t, p, None) for t, p in annotate(chunk))
        else:
            pieces.append(Piece(chunk))

    pos = 0
    for m in matches:
        plain(text[pos : m.start])
        reading = ""
        if ruby:
            reading = m.entry.pinyin if m.surface == m.entry.zh and m.entry.pinyin else ""
            reading = reading or "".join(p for _, p in annotate(m.surface))
        pieces.append(Piece(m.surface, reading, m.entry))
        pos = m.end
    plain(text[pos:])
    return pieces


@lru_cache(maxsize=4096)
def _renderings_pattern(renderings: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(renderings, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, r.split())) for r in alternatives)
    # Tolerate a plural or possessive ending; never match inside a longer word.
    return re.compile(rf"(?<!\w)(?:{body})(?:'s|s|es)?(?!\w)", re.IGNORECASE)


def en_pieces(text: str, entries: list[Entry]) -> list[Piece]:
    """Split English text at occurrences of the approved renderings of `entries`."""
    by_key = {e.en.casefold(): e for e in entries if e.en.strip()}
    if not text or not by_key:
        return [Piece(text)] if text else []
    pattern = _renderings_pattern(tuple(sorted(e.en for e in by_key.values())))
    pieces: list[Piece] = []
    pos = 0
    for found in pattern.finditer(text):
        surface = found.group()
        entry = by_key.get(surface.casefold())
        if entry is None:  # a plural/possessive form: find its rendering by prefix
            entry = max(
                (e for k, e in by_key.items() if surface.casefold().startswith(k)),
                key=lambda e: len(e.en),
            )
        if found.start() > pos:
            pieces.append(Piece(text[pos : found.start()]))
        pieces.append(Piece(surface, term=entry))
        pos = found.end()
    if pos < len(text):
        pieces.append(Piece(text[pos:]))
    return pieces


# Opening brackets and quotes: a line never ends on one (so no break opportunity after it).
_OPENING = frozenset("“‘《〈「『【〔（([{")


def _text(text: str) -> str:
    """Escape for a text node (quotes need no escaping there; keeps the markup readable)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=100_000)  # words repeat: most calls are hits
def _ruby(text: str, reading: str, rp: bool) -> str:
    """One word with its reading over it. A word of several characters is one base box
    (`.rb`, an inline-block in the CSS): a reading wider than the word then spreads over the
    whole word, where a plain ruby base lets the browser push the characters apart
    ("冲 锋" under chōngfēng)."""
    if not reading:
        return _text(text)
    base = f'<span class="rb">{_text(text)}</span>' if len(text) > 1 else _text(text)
    if rp:
        return f"<ruby>{base}<rp>(</rp><rt>{_text(reading)}</rt><rp>)</rp></ruby>"
    return f"<ruby>{base}<rt>{_text(reading)}</rt></ruby>"


def _term(inner: str, entry: Entry, focusable: bool, note: str | None) -> str:
    if note is not None:  # EPUB: a footnote reference, which e-readers open as a pop-up
        return f'<a class="term" epub:type="noteref" role="doc-noteref" href="#{note}">{inner}</a>'
    stop = ' tabindex="0"' if focusable else ""
    return f'<span class="term"{stop} data-tip="{escape(tip(entry))}">{inner}</span>'


def note_ids(pieces: Iterable[Piece]) -> dict[str, str]:
    """An id (`n1`, `n2` …) for each glossary entry among `pieces`, in order of first use."""
    ids: dict[str, str] = {}
    for piece in pieces:
        if piece.term is not None and piece.term.zh not in ids:
            ids[piece.term.zh] = f"n{len(ids) + 1}"
    return ids


def pieces_html(
    pieces: list[Piece],
    rp: bool = False,
    focusable: bool = True,
    breaks: bool = False,
    notes: Mapping[str, str] | None = None,
) -> str:
    """Pieces as inline markup: ruby where there is pinyin, a term span around glossary terms.

    `focusable` makes terms tabbable, so a tap or the keyboard can open their tooltip.
    `breaks` puts a `<wbr>` before each word with pinyin: the page keeps a word and its
    pinyin on one line (`ruby { white-space: nowrap }`; Chromium otherwise splits both,
    `wénm|íng`), so the line may break between words instead. Never after an opening mark.
    `notes` (EPUB) maps a term's Chinese to the id of its footnote: the term links there
    instead of carrying a tooltip no e-reader shows.
    """
    out = []
    previous = ""
    for piece in pieces:
        inner = _ruby(piece.text, piece.pinyin, rp)
        if breaks and piece.pinyin and previous and previous[-1] not in _OPENING:
            out.append("<wbr>")
        if piece.term is not None:
            note = notes.get(piece.term.zh) if notes is not None else None
            inner = _term(inner, piece.term, focusable, note)
        out.append(inner)
        previous = piece.text
    return "".join(out)
