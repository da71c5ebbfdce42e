"""Protect glossary terms, names and numbers around MT, put the approved English back, check.

Placeholder scheme: each protected span becomes a marker glued to the surrounding Chinese —
no spaces are ever added to the Chinese. How markers are spelled (a single-token letter the
engine chose from its model's vocabulary, or `ZZ<n>ZZ`) is `placeholders.py`'s business:
Latin letters and digits survive tokenisation as ordinary pieces, which NMT models tend to
copy, unlike bracketed tokens (`⟦1⟧`, `<x1>`) that the tokenizer breaks into unknown pieces.

`restore` is defensive: `ZZ` markers are found case-insensitively and tolerating spaces
inside them (`zz 1 ZZ`, `ZZ1`), letter markers as `placeholders.letters_pattern` says; a
marker with no slot or seen twice is dropped, and no `ZZ`-like token survives. When a marker has vanished, nothing is appended (a rendering
glued to the end of a sentence reads worse than a flag): `check` then reports the missing
rendering as `term-miss` / `name-miss` / `number-mismatch`, so no miss is silent.
Provisional glossary entries are protected and checked like approved ones; their status
is for reviewers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

from ..document import Flag
from .analysis import Analysis, Span
from .numbers import Number, en_value_counts, value_key
from .placeholders import ZZ, Placeholders, letters_pattern
from .renderings import rendering_spans

MARKER = ZZ
# Upper-case ZZ anywhere, or a spaced / lower-case zz at a word start, then the number and an
# optional (possibly half-eaten) closing ZZ.
MARKER_RE = re.compile(r"(?:ZZ|(?<![A-Za-z])[Zz]\s?[Zz])\s*(\d{1,3})\s*(?:[Zz]\s?[Zz]?)?")
LEFTOVER_RE = re.compile(r"(?<![A-Za-z])[Zz]{2,}(?![A-Za-z])|(?<![A-Za-z])ZZ(?=\d)")


@dataclass(frozen=True)
class Slot:
    """One protected span: its marker number, Chinese, English rendering and kind."""

    number: int
    zh: str
    en: str
    kind: str  # "term", "name" or "number"
    spelled: str = ""  # the marker in the MT input when not `ZZ<n>ZZ` (a letter)

    @property
    def marker(self) -> str:
        return self.spelled or MARKER.format(self.number)


@dataclass
class Protected:
    """The MT input (`text`, the source with markers) and what each marker stands for."""

    text: str
    slots: list[Slot] = field(default_factory=list)
    source: str = ""


def protect(analysis: Analysis, placeholders: Placeholders | None = None) -> Protected:
    """Replace the protected spans of an analysed sentence (terms, names, Chinese magnitudes
    and dates) with markers, spelled as the engine's `placeholders` say (default `ZZ<n>ZZ`)."""
    zh = analysis.text
    parts: list[str] = []
    slots: list[Slot] = []
    pos = 0
    spans = analysis.protected
    markers = (placeholders or Placeholders()).spell(zh, len(spans))
    for span, marker in zip(spans, markers, strict=True):
        spelled = "" if marker == MARKER.format(len(slots) + 1) else marker
        slot = Slot(len(slots) + 1, zh[span.start : span.end], span.en, span.kind, spelled)
        slots.append(slot)
        parts += [zh[pos : span.start], slot.marker]
        pos = span.end
    parts.append(zh[pos:])
    return Protected("".join(parts), slots, zh)


@overload
def restore(en: str, protected: Protected, report: Literal[False] = False) -> str: ...
@overload
def restore(en: str, protected: Protected, report: Literal[True]) -> tuple[str, list[Slot]]: ...
def restore(en: str, protected: Protected, report: bool = False) -> str | tuple[str, list[Slot]]:
    """Put each slot's English where its marker came out; never leave a marker behind.

    With `report`, also the slots whose marker did not come back (for `check`)."""
    by_number = {s.number: s for s in protected.slots}
    by_letter = {s.spelled: s.number for s in protected.slots if s.spelled}
    used: set[int] = set()

    def put(numbers: list[int], m: re.Match[str]) -> str:
        slots = []
        for number in numbers:
            if number in by_number and number not in used:
                slots.append(by_number[number])
            used.add(number)
        if not slots:
            return " "
        text = " ".join(s.en for s in slots)
        before = m.string[: m.start()]
        if not before.strip(" \"'“‘(") and text[:1].islower():
            text = text[0].upper() + text[1:]  # the sentence starts with it
        if before[-1:].isalnum():
            text = " " + text
        after = m.string[m.end() :]
        # A plural or possessive ending the model glued to the marker stays glued.
        if after[:1].isalnum() and not re.match(r"(?:e?s|['’]s?)(?![A-Za-z])", after):
            text += " "
        return text

    def replace(m: re.Match[str]) -> str:
        return put([int(m.group(1))], m)

    def replace_letters(m: re.Match[str]) -> str:
        return put([by_letter[c] for c in (m.group(1) or m.group(2).upper())], m)

    out = en
    if by_letter:
        out = letters_pattern("".join(by_letter)).sub(replace_letters, out)
    out = MARKER_RE.sub(replace, out)
    out = _tidy(LEFTOVER_RE.sub(" ", out))
    if report:
        return out, [s for s in protected.slots if s.number not in used]
    return out


def _tidy(text: str) -> str:
    """Collapse the spaces left by removed markers; no space before closing punctuation."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[]) +", r"\1", text)
    return text.strip()


# What a missing span of each kind is flagged as.
MISS_CODES = {"term": "term-miss", "name": "name-miss", "number": "number-mismatch"}
MARKER_LOST = "marker lost"
# A flag's detail that says its marker was lost, and where (`lost_slots`).
_LOST_AT = re.compile(rf"[(; ]{MARKER_LOST}; at (\d+)\)$")


def checked_spans(analysis: Analysis) -> list[Span]:
    """What must come through, each occurrence on its own: the protected spans (terms, names,
    renderable numbers), the Arabic numbers MT translates itself, and the numbers inside a
    composed term (十四届全国人大三次会议: its English must still say 14th and third), both
    checked by value."""
    spans = list(analysis.protected)
    composed = [(m.start, m.end) for m in analysis.terms if m.entry.layer == "composed"]
    for number in analysis.numbers:
        outside = all(number.end <= s.start or number.start >= s.end for s in analysis.protected)
        inside = any(a <= number.start and number.end <= b for a, b in composed)
        if (outside and not number.english) or inside:
            spans.append(Span(number.start, number.end, "number", ""))
    return sorted(spans, key=lambda s: s.start)


def _detail(zh: str, en: str, how: str, span: Span, n: int) -> str:
    """`党员 → Party member`, with what went wrong where a sentence holds it more than once
    or its marker was lost: `(2 in the Chinese, 1 in the English; at 9)`."""
    base = f"{zh} → {en}"
    if how == MARKER_LOST:
        return f"{base} ({MARKER_LOST}; at {span.start})"
    return f"{base} ({how}; at {span.start})" if n > 1 else base


def _blame(
    group: Sequence[Span], lost: set[tuple[int, int]], deficit: int
) -> list[tuple[Span, str]]:
    """The spans of one group (same kind and English) to flag: those whose marker was lost,
    then, while the English still holds fewer than the Chinese, the last of the others."""
    flagged = [(s, MARKER_LOST) for s in group if (s.start, s.end) in lost]
    rest = [s for s in group if (s.start, s.end) not in lost]
    extra = max(0, deficit - len(flagged))
    counted = f"{len(group)} in the Chinese, {len(group) - deficit} in the English"
    flagged += [(s, counted) for s in rest[len(rest) - extra :]] if extra else []
    return sorted(flagged, key=lambda item: item[0].start)


# check() by (id(analysis), en, lost numbers), the Analysis kept and compared by identity.
_CHECKED: dict[tuple[int, str, tuple[int, ...]], tuple[Analysis, tuple[Flag, ...]]] = {}


def check(analysis: Analysis, en: str, lost: Iterable[Slot] = ()) -> list[Flag]:
    """`_check`'s flags, once per analysis, English and lost numbers: translate, then QA, ask."""
    lost = tuple(lost)
    key = (id(analysis), en, tuple(sorted({s.number for s in lost})))
    known = _CHECKED.get(key)
    if known is None or known[0] is not analysis:
        if len(_CHECKED) >= 20_000:
            _CHECKED.clear()
        known = _CHECKED[key] = (analysis, tuple(_check(analysis, en, lost)))
    return list(known[1])


def _check(analysis: Analysis, en: str, lost: Iterable[Slot] = ()) -> list[Flag]:
    """Flags for one sentence pair: `term-miss`, `name-miss`, `number-mismatch`, `marker-leak`,
    and `name-unverified` for a transcribed name (`names.is_verified`).

    Every occurrence is checked on its own (`checked_spans`): a span whose marker did not come
    back (`lost`, from `restore(report=True)`) is flagged, and so is each occurrence beyond
    what the English holds — a rendering found fewer times in `en` than its spans in the
    Chinese (renderings claimed longest first, so "Party member" inside "probationary Party
    member" does not count twice), a number value expressed fewer times than the Chinese has
    it. A flag's detail starts with the span's Chinese and its expected English.
    """
    text = analysis.text
    spans = checked_spans(analysis)
    lost_at = {(s.start, s.end) for s in _lost_spans(analysis, lost)}
    flags: list[tuple[int, Flag]] = []
    words = [s for s in spans if s.kind != "number"]
    claimed: list[tuple[int, int]] = []
    for rendering in sorted({s.en for s in words}, key=len, reverse=True):
        free = [
            r for r in rendering_spans(en, rendering)
            if all(r[1] <= a or r[0] >= b for a, b in claimed)
        ]  # fmt: skip
        # Claim no more than the spans need, the fullest first: "village (community)" also
        # matches as "village", which must not take the one in "natural village".
        free = sorted(free, key=lambda r: r[0] - r[1])[: sum(s.en == rendering for s in words)]
        claimed += free
        for kind in ("term", "name"):
            group = [s for s in words if s.en == rendering and s.kind == kind]
            if not group:
                continue
            deficit = max(0, len(group) - len(free))
            free = free[len(group) :]
            for span, how in _blame(group, lost_at, deficit):
                detail = _detail(text[span.start : span.end], span.en, how, span, len(group))
                flags.append((span.start, Flag(MISS_CODES[kind], detail)))
    flags += _number_flags(analysis, [s for s in spans if s.kind == "number"], en, lost_at)
    flags += _unverified(analysis, spans)
    out = [f for _, f in sorted(flags, key=lambda item: item[0])]
    if leak := MARKER_RE.search(en):
        out.append(Flag("marker-leak", leak.group()))
    return out


def _unverified(analysis: Analysis, spans: list[Span]) -> list[tuple[int, Flag]]:
    """`name-unverified` once per transcribed name (买买提·艾力 → Maimaiti Aili): its English
    is made from the characters, not known from the person's own language."""
    names = {(n.start, n.end): n.name for n in analysis.names}
    seen: set[str] = set()
    flags = []
    for span in spans:
        name = names.get((span.start, span.end))
        if span.kind == "name" and name is not None and not name.verified and name.zh not in seen:
            seen.add(name.zh)
            flags.append((span.start, Flag("name-unverified", f"{name.zh} → {name.en}")))
    return flags


def lost_slots(analysis: Analysis, flags: Iterable[Flag]) -> list[Slot]:
    """The slots that earlier flags say lost their marker: a re-check (QA) passes them to
    `check`, so a miss only MT could see stays flagged, once."""
    at = {
        int(m.group(1))
        for f in flags
        if MARKER_LOST in f.detail and (m := _LOST_AT.search(f.detail))
    }
    if not at:
        return []
    return [
        Slot(number, analysis.text[s.start : s.end], s.en, s.kind)
        for number, s in enumerate(analysis.protected, start=1)
        if s.start in at
    ]


def number_missing(number: Number, how: str = "") -> str:
    """What a `number-mismatch` flag says: the number that is missing from the English, and
    what it should read there when that differs from the Chinese ("2020 missing",
    "30万元 missing (expected 300,000 yuan)"), never a rendering that looks like a fix; `how`
    adds what went wrong where ("30万元 missing (expected 300,000 yuan; marker lost; at 2)")."""
    expected = number.english or ", ".join(f"{v:g}" for v in number.values)
    notes = [f"expected {expected}"] if expected != number.text else []
    notes += [how] if how else []
    return f"{number.text} missing" + (f" ({'; '.join(notes)})" if notes else "")


def _lost_spans(analysis: Analysis, lost: Iterable[Slot]) -> list[Span]:
    """The protected spans of `lost` slots (slot n is the n-th protected span)."""
    protected = analysis.protected
    return [protected[s.number - 1] for s in lost if 0 < s.number <= len(protected)]


def _number_flags(
    analysis: Analysis, spans: list[Span], en: str, lost: set[tuple[int, int]]
) -> list[tuple[int, Flag]]:
    """Numbers: each value must be expressed in the English as often as the Chinese has it."""
    if not spans:  # most sentences: the English is not searched for numbers
        return []
    numbers = {(n.start, n.end): n for n in analysis.numbers}
    present = en_value_counts(en)
    need: Counter[float] = Counter()
    for span in spans:
        need.update({value_key(v) for v in numbers[(span.start, span.end)].values})
    flags = []
    blamed: dict[float, int] = {}
    for span in reversed(spans):  # the last occurrences take the blame
        number = numbers[(span.start, span.end)]
        short = [
            v for v in {value_key(v) for v in number.values}
            if need[v] - blamed.get(v, 0) > present[v]
        ]  # fmt: skip
        if (span.start, span.end) in lost or short:
            for v in short:
                blamed[v] = blamed.get(v, 0) + 1
            how = (
                MARKER_LOST
                if (span.start, span.end) in lost
                else (f"{need[short[0]]} in the Chinese, {present[short[0]]} in the English")
            )
            counted = how == MARKER_LOST or (short and max(need[v] for v in short) > 1)
            detail = number_missing(number, f"{how}; at {span.start}" if counted else "")
            flags.append((span.start, Flag("number-mismatch", detail)))
    return flags
