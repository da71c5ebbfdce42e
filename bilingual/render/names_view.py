"""Person names of a sentence (from its analysis) as pseudo glossary matches.

They render like terms: over the name stands its GB/T 28039 romanisation (Ge Xin'ai,
capitalised, no tone marks: pypinyin reads surnames as common words and would give wrong
tones), and the tooltip says it is a person name. Places keep their pinyin ruby.
"""

from __future__ import annotations

from ..terms.analysis import Analysis
from ..terms.glossary import Entry, Match


def name_matches(analysis: Analysis) -> list[Match]:
    """Matches for the person names of an analysed sentence that do not overlap its glossary
    terms, in text order."""
    found: list[Match] = []
    for span in analysis.names:
        name = span.name
        if name.kind != "person":
            continue
        if any(m.start < span.end and span.start < m.end for m in [*analysis.terms, *found]):
            continue
        entry = Entry(zh=name.zh, en=name.en, pinyin=name.en, category="person", note="person name")
        found.append(Match(span.start, span.end, entry, name.zh))
    return sorted(found, key=lambda m: m.start)
