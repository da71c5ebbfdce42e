"""Protect glossary terms, names and numbers around MT, put the approved English back, check.

Placeholder scheme: each protected span becomes `ZZ<n>ZZ` (n = 1, 2, …) glued to the
surrounding Chinese — no spaces are ever added to the Chinese. Upper-case Latin letters and
digits survive SentencePiece tokenisation as ordinary pieces, which NMT models tend to copy,
unlike bracketed tokens (`⟦1⟧`, `<x1>`) that the tokenizer breaks into unknown pieces.

`restore` is defensive: markers are found case-insensitively and tolerating spaces inside
them (`zz 1 ZZ`, `ZZ1`), a marker number with no slot or seen twice is dropped, and no
marker-like token survives. When a marker has vanished, nothing is appended (a rendering
glued to the end of a sentence reads worse than a flag): `check` then reports the missing
rendering as `term-miss` / `name-miss` / `number-mismatch`, so no miss is silent.
Provisional glossary entries are protected and checked like approved ones; their status
is for reviewers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Flag
from .analysis import Analysis
from .numbers import missing_numbers

MARKER = "ZZ{}ZZ"
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

    @property
    def marker(self) -> str:
        return MARKER.format(self.number)


@dataclass
class Protected:
    """The MT input (`text`, the source with markers) and what each marker stands for."""

    text: str
    slots: list[Slot] = field(default_factory=list)
    source: str = ""


def protect(analysis: Analysis) -> Protected:
    """Replace the protected spans of an analysed sentence (terms, names, Chinese magnitudes
    and dates) with markers."""
    zh = analysis.text
    parts: list[str] = []
    slots: list[Slot] = []
    pos = 0
    for span in analysis.protected:
        slot = Slot(len(slots) + 1, zh[span.start : span.end], span.en, span.kind)
        slots.append(slot)
        parts += [zh[pos : span.start], slot.marker]
        pos = span.end
    parts.append(zh[pos:])
    return Protected("".join(parts), slots, zh)


def restore(en: str, protected: Protected) -> str:
    """Put each slot's English where its marker came out; never leave a marker behind."""
    by_number = {s.number: s for s in protected.slots}
    used: set[int] = set()

    def replace(m: re.Match[str]) -> str:
        number = int(m.group(1))
        slot = by_number.get(number)
        if slot is None or number in used:
            return " "
        used.add(number)
        text = slot.en
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

    out = MARKER_RE.sub(replace, en)
    out = LEFTOVER_RE.sub(" ", out)
    return _tidy(out)


def _tidy(text: str) -> str:
    """Collapse the spaces left by removed markers; no space before closing punctuation."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[]) +", r"\1", text)
    return text.strip()


@lru_cache(maxsize=20000)
def english_pattern(rendering: str) -> re.Pattern[str]:
    """A case-insensitive regex for a rendering that tolerates plurals, possessives,
    hyphen/space and quote-style differences, and an optional leading article."""
    tokens = re.findall(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]", rendering)
    if tokens and tokens[0].lower() in ("the", "a", "an") and len(tokens) > 1:
        tokens = tokens[1:]
        lead = r"(?:(?:the|a|an)\s+)?"
    else:
        lead = ""
    sep = r"[\s\-‐–—]+"
    parts: list[str] = []
    previous = ""
    for token in tokens:
        if token[0].isalnum():
            if previous == "word":
                parts.append(sep)
            if len(token) > 2 and token[-1] in "yY" and token[-2].lower() not in "aeiou":
                word = re.escape(token[:-1]) + "(?:y|ies)"
            elif token.isalpha():
                word = re.escape(token) + "(?:s|es)?"
            else:
                word = re.escape(token)
            parts.append(word + r"(?:['’]s?)?")
            previous = "word"
        elif token in "-‐–—":
            parts.append(sep)
            previous = "dash"
        else:
            parts.append(r"\s*(?:" + re.escape(token) + r"|[\"'“”‘’])?\s*")
            previous = "punct"
    body = "".join(parts)
    return re.compile(rf"(?<![A-Za-z0-9]){lead}{body}(?![A-Za-z0-9])", re.IGNORECASE)


def has_rendering(en: str, rendering: str) -> bool:
    """Whether `en` contains `rendering` (case-insensitive, plural/possessive tolerant).

    A trailing parenthesis is optional, and an acronym in it counts on its own:
    "Communist Party of China (CPC)" is found as itself, as "Communist Party of China" or
    as "CPC".
    """
    forms = [rendering]
    if m := re.fullmatch(r"(.+?)\s*[(（]([^()（）]+)[)）]", rendering.strip()):
        forms.append(m.group(1))
        if re.fullmatch(r"[A-Z][A-Z0-9-]+", m.group(2)):
            forms.append(m.group(2))
    return any(_verbatim(en, form) or english_pattern(form).search(en) for form in forms)


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _verbatim(en: str, form: str) -> bool:
    """Whether an ASCII `form` stands in `en` as written (any case, not inside a word): the
    usual case after `restore`, answered without compiling the tolerant pattern (a match
    here is always one of `english_pattern`'s)."""
    if not form.isascii() or not form:
        return False
    lowered, target = en.lower(), form.lower()
    if len(lowered) != len(en):  # a character whose lower case is longer: leave it to regex
        return False
    start = lowered.find(target)
    while start >= 0:
        end = start + len(target)
        before = en[start - 1] if start else " "
        after = en[end] if end < len(en) else " "
        if not _ascii_alnum(before) and not _ascii_alnum(after):
            return True
        start = lowered.find(target, start + 1)
    return False


def check(analysis: Analysis, en: str) -> list[Flag]:
    """Flags for one sentence pair: `term-miss`, `name-miss`, `number-mismatch`, `marker-leak`.

    Each distinct glossary term (and name) of the sentence must have its approved English
    somewhere in `en`; each Arabic-digit number must appear with the same value.
    """
    flags: list[Flag] = []
    seen: set[str] = set()
    for match in analysis.terms:
        entry = match.entry
        if entry.zh in seen:
            continue
        seen.add(entry.zh)
        if not has_rendering(en, entry.en):
            flags.append(Flag("term-miss", f"{match.surface} → {entry.en}"))
    for name in analysis.named:
        if name.zh not in seen:
            seen.add(name.zh)
            if not has_rendering(en, name.en):
                flags.append(Flag("name-miss", f"{name.zh} → {name.en}"))
    for number in missing_numbers(analysis.numbers, en):
        expected = number.english or ", ".join(f"{v:g}" for v in number.values)
        flags.append(Flag("number-mismatch", f"{number.text} → {expected}"))
    if leak := MARKER_RE.search(en):
        flags.append(Flag("marker-leak", leak.group()))
    return flags
