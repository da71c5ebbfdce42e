"""Glossary entries and the matcher: a fast longest-leftmost search over every term.

The matcher is one pyahocorasick automaton over every Chinese surface form (the term and its
Chinese variants), built lazily once per Glossary. Files and layers are `terms.files`.

Fields (the TSV columns): `zh en pinyin category note source variants status`; only `zh`
and `en` are required. `variants` holds alternative Chinese surface forms of the term
separated by `|` (`;` and `；` are accepted too). Variants without any Han character are
accepted English alternatives (kept in `Entry.en_alternatives`, used by nothing that changes
output).

The automaton holds each surface's `skeleton`: quotation marks dropped and the enumeration
comma and the comma one separator, so that an entry matches through them (“十四五”规划 as
十四五规划, 以案为鉴，以案促改 as 以案为鉴、以案促改) when the matcher searches the skeleton of a
text. `Glossary.find` is longest-leftmost on characters; word boundaries (民生 is no term in
人民生活) and the mapping back to the text are `terms.matcher`, which every stage uses. The
shipped `not-terms.txt` lists contexts, one a line, that claim their characters like a term
but render nothing: an override where the boundary rule is not enough.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from ..textutil import HAN

COLUMNS = ("zh", "en", "pinyin", "category", "note", "source", "variants", "status")
STATUSES = ("approved", "provisional")
VARIANT_SPLIT = re.compile(r"\s*[|;；]\s*")
# Quotation marks are transparent to matching; the enumeration comma and the comma are one
# separator (written 、 in a skeleton).
QUOTES = frozenset("“”‘’「」『』\"'")
SEPARATORS = frozenset("、，,")
_QUOTE = re.compile("[" + re.escape("".join(sorted(QUOTES))) + "]")
_SEPARATE = str.maketrans(dict.fromkeys(SEPARATORS, "、"))
PLACE_CATEGORIES = ("place", "places", "toponym", "geography")
# One-character place generics and their English (GB/T 16159), for `Glossary.find`.
PLACE_GENERICS = {
    "市": ("City", "Municipality"),
    "县": ("County",),
    "区": ("District",),
    "州": ("Prefecture",),
    "省": ("Province",),
    "镇": ("Town",),
    "乡": ("Township",),
}


@dataclass(frozen=True)
class Entry:
    """One glossary term: the approved English `en` for the Chinese `zh`."""

    zh: str
    en: str
    pinyin: str = ""
    category: str = ""
    note: str = ""
    source: str = ""
    variants: tuple[str, ...] = ()
    status: str = "approved"
    layer: str = ""  # label of the file it came from: "shipped/<name>.tsv", "user" or a path

    @property
    def zh_variants(self) -> tuple[str, ...]:
        """Alternative Chinese surface forms that match as this term."""
        return tuple(v for v in self.variants if HAN.search(v))

    @property
    def en_alternatives(self) -> tuple[str, ...]:
        """Variants without Han characters: other English renderings, for reference only."""
        return tuple(v for v in self.variants if v and not HAN.search(v))

    def to_json(self) -> dict:
        """The `glossary list --json` shape."""
        return {
            "zh": self.zh,
            "en": self.en,
            "pinyin": self.pinyin,
            "category": self.category,
            "note": self.note,
            "source": self.source,
            "variants": list(self.variants),
            "status": self.status,
            "layer": self.layer,
        }

    def to_row(self) -> dict[str, str]:
        """The entry as a TSV row (variants joined with `|`)."""
        row = {c: str(getattr(self, c)) for c in COLUMNS if c != "variants"}
        row["variants"] = "|".join(self.variants)
        return row


@dataclass(frozen=True)
class Match:
    """A term found in a text: `text[start:end] == surface`, the term or one of its variants."""

    start: int
    end: int
    entry: Entry
    surface: str


def skeleton(text: str) -> tuple[str, list[int]]:
    """`text` without quotation marks and with 、 for every separator, and the index in `text`
    of each character kept: what the automaton holds and searches."""
    if _QUOTE.search(text) is None:  # most texts and terms: every character kept
        return text.translate(_SEPARATE), list(range(len(text)))
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char in QUOTES:
            continue
        kept.append("、" if char in SEPARATORS else char)
        where.append(index)
    return "".join(kept), where


def _skeleton(surface: str) -> str:
    return skeleton(surface)[0] or surface


# Whether a candidate match (start, end, entry) in the searched text may be a term.
Accept = Callable[[int, int, Entry], bool]
# Where the unit a candidate (start, end, entry) heads starts: before `start` when the
# characters before it compose with it into one term that may stand there (a level:
# 市 + 民政局), else `start`.
Reach = Callable[[int, int, Entry], int]


def _digest(pairs: Iterable[tuple[str, str]]) -> str:
    h = hashlib.sha1()
    for zh, en in sorted(set(pairs)):
        h.update(f"{zh}\t{en}\n".encode())
    return h.hexdigest()[:16]


@dataclass
class Glossary:
    """Entries after layering (by zh), the files they came from, and the matcher."""

    entries: dict[str, Entry] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # layer label → file
    not_terms: frozenset[str] = frozenset()  # contexts that are no term (see the docstring)

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Glossary:
        """A glossary from entries in layer order (a later entry with the same zh wins)."""
        return cls(entries={e.zh: e for e in entries})

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, zh: object) -> bool:
        return zh in self.entries

    def get(self, zh: str) -> Entry | None:
        return self.entries.get(zh)

    @cached_property
    def _automaton(self):
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for surface in map(_skeleton, self.not_terms):  # first: a term of that surface wins
            automaton.add_word(surface, (len(surface), surface, None))
        # Variants first so that an entry's own zh wins when a variant equals another term.
        for entry in self.entries.values():
            for surface in map(_skeleton, entry.zh_variants):
                automaton.add_word(surface, (len(surface), surface, entry.zh))
        for entry in self.entries.values():
            surface = _skeleton(entry.zh)
            automaton.add_word(surface, (len(surface), surface, entry.zh))
        if len(automaton):
            automaton.make_automaton()
        return automaton

    def find(
        self, text: str, accept: Accept | None = None, reach: Reach | None = None
    ) -> list[Match]:
        """Terms in `text` (a skeleton, see the module docstring), longest-leftmost and
        non-overlapping, in text order; `accept` may reject a candidate before the choice, so
        that a shorter term at the same place can win. `reach` lets a candidate compete over
        the whole unit it composes with the characters before it (市 + 民政局 from the 市), so
        that a shorter term straddling the two (市民 citizen) does not cut it; the match is
        still the candidate's own span and the caller composes the unit.

        One exception: a place term ending in a generic (忻州市) that overlaps a longer term
        starting at that generic (市委组织部) is cut back to its proper name (忻州 → Xinzhou),
        so Party and government bodies named after a place keep their approved rendering.
        """
        automaton = self._automaton
        if not len(automaton) or not text:
            return []
        # (start, -length, where the term itself starts, surface, zh or None for a not-term):
        # at equal spans a whole entry sorts before a unit (市 + 人大代表 after 市人大代表).
        candidates = [
            (end - length + 1, -length, end - length + 1, surface, zh)
            for end, (length, surface, zh) in automaton.iter(text)
        ]
        entries = self.entries
        # A unit is weighed whether or not its term alone may start where it does (市民|宗局).
        units = _units(text, candidates, entries, reach) if reach is not None else []
        if accept is not None:
            candidates = [
                c for c in candidates if c[4] is None or accept(c[0], c[0] - c[1], entries[c[4]])
            ]
        candidates.sort()
        surface_at: dict[int, str] = {}
        for start, _, _, surface, zh in candidates:
            if zh is not None:
                surface_at.setdefault(start, surface)  # the longest term starting there
        # Units do not cut a place before them (鲤城区文明委 stays 鲤城区 + 文明委).
        candidates = sorted(candidates + units)
        matches: list[Match] = []
        taken = 0
        for start, neg_length, head, surface, zh in candidates:
            if start < taken:
                continue
            if zh is None:  # a not-term: its characters hold no term
                taken = start - neg_length
                continue
            end, entry = start - neg_length, self.entries[zh]
            start, surface = head, surface[head - start :]  # a unit's match is its own term
            following = surface_at.get(end - 1, "")
            if takes_generic(following) and (proper := self._proper_part(entry, surface)):
                # 盐城市|市委 → 盐城 + 市委…: a place yields its generic to the term after it.
                matches.append(Match(start, end - 1, proper, surface[:-1]))
                taken = end - 1
                continue
            matches.append(Match(start, end, entry, surface))
            taken = end
        return matches

    def _proper_part(self, entry: Entry, surface: str) -> Entry | None:
        """The proper-name part of a place term ending in a one-character generic, if known:
        its own entry, or the place's English without the generic word (Xinzhou City → Xinzhou).
        """
        words = PLACE_GENERICS.get(surface[-1:])
        if entry.category not in PLACE_CATEGORIES or not words or len(surface) < 3:
            return None
        proper = surface[:-1]
        if proper in self.entries:
            return self.entries[proper]
        for word in words:
            if entry.en.endswith(" " + word):
                return replace(entry, zh=proper, en=entry.en[: -len(word) - 1], variants=())
        return None

    @cached_property
    def hash(self) -> str:
        """A stable hash of all (zh, en) pairs and not-terms: part of a translation's signature."""
        pairs = [(e.zh, e.en) for e in self.entries.values()]
        return _digest(pairs + [(surface, "") for surface in self.not_terms])

    def by_category(self, category: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.category == category]


def _units(
    text: str, candidates: list[tuple], entries: dict[str, Entry], reach: Reach
) -> list[tuple]:
    """Each term candidate that heads a longer unit (`Glossary.find`), again over the unit."""
    units = []
    for start, neg_length, _, _, zh in candidates:
        if zh is not None:
            end = start - neg_length
            first = reach(start, end, entries[zh])
            if first < start:
                units.append((first, first - end, start, text[first:end], zh))
    return units


def takes_generic(term: str) -> bool:
    """Whether a term that starts with a place's generic claims it: 市委组织部, 县委书记 and
    市政府 do (the place before is then its proper name); 区长 in 忻府区长征街 does not."""
    return len(term) >= 3 or term[1:2] in ("委", "政", "直")


@dataclass(frozen=True)
class Row:
    """A raw TSV row, unstripped, with its 1-based line number (for lint messages) and the
    cells past the header's last column, which belong to no field."""

    line: int
    fields: dict[str, str]
    extra: tuple[str, ...] = ()


def entry_from_fields(fields: dict[str, str], layer: str = "") -> Entry:
    """An Entry from raw fields: values stripped, variants split, status defaulted."""
    get = fields.get
    variants = (get("variants") or "").strip()
    return Entry(
        zh=(get("zh") or "").strip(),
        en=(get("en") or "").strip(),
        pinyin=(get("pinyin") or "").strip(),
        category=(get("category") or "").strip(),
        note=(get("note") or "").strip(),
        source=(get("source") or "").strip(),
        variants=tuple(v for v in VARIANT_SPLIT.split(variants) if v) if variants else (),
        status=(get("status") or "").strip() or "approved",
        layer=layer,
    )
