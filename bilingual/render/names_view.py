"""Person names in bylines, datelines and attributions, as pseudo glossary matches.

They render like terms: over the name stands its GB/T 28039 romanisation (Ge Xin'ai,
capitalised, no tone marks: pypinyin reads surnames as common words and would give wrong
tones), and the tooltip says it is a person name.
"""

from __future__ import annotations

from typing import Any

NAME_KINDS = ("byline", "dateline", "attribution")


def name_matches(text: str, kind: str, taken: list[Any]) -> list[Any]:
    """Matches for the person names of a byline, dateline or attribution that do not
    overlap `taken` (the glossary's own matches), in text order."""
    if kind not in NAME_KINDS:
        return []
    from ..terms.glossary import Entry, Match
    from ..terms.names import byline_names, romanize_name, titled_names

    people = byline_names(text) if kind in ("byline", "dateline") else titled_names(text)
    found: list[Any] = []
    for zh in dict.fromkeys(people):
        roman = romanize_name(zh)
        entry = Entry(zh=zh, en=roman, pinyin=roman, category="person", note="person name")
        start = text.find(zh)
        while start >= 0:
            end = start + len(zh)
            if not any(m.start < end and start < m.end for m in [*taken, *found]):
                found.append(Match(start, end, entry, zh))
            start = text.find(zh, end)
    return sorted(found, key=lambda m: m.start)
