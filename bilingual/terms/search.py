"""Looking things up in a glossary: search by Chinese, English or pinyin, and counts."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..textutil import HAN
from .glossary import Entry, Glossary
from .names import pinyin_of


def plain_pinyin(text: str) -> str:
    """Pinyin reduced for comparison: no tones (marks or digits), spaces or apostrophes."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("ü", "v"))
    return re.sub(r"[^a-z]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def search(glossary: Glossary, query: str) -> list[Entry]:
    """Entries whose zh (or a variant) contains a Chinese query; else whose English or pinyin
    (tones, spaces and apostrophes ignored) contains it. Exact hits first."""
    query = query.strip()
    if not query:
        return []
    if HAN.search(query):
        hits = [
            e for e in glossary.entries.values() if any(query in s for s in (e.zh, *e.variants))
        ]
        return sorted(hits, key=lambda e: (e.zh != query, len(e.zh)))
    lowered, plain = query.lower(), plain_pinyin(query)
    hits = []
    for entry in glossary.entries.values():
        if (
            lowered in entry.en.lower()
            or any(lowered in v.lower() for v in entry.en_alternatives)
            or (plain and plain in plain_pinyin(entry.pinyin or pinyin_of(entry.zh)))
        ):
            hits.append(entry)
    return sorted(hits, key=lambda e: (e.en.lower() != lowered, len(e.zh)))


def stats(glossary: Glossary) -> dict[str, dict[str, int]]:
    """Entry counts after layering: {"category": {name: n}, "layer": {label: n}, "status": …}."""
    values = list(glossary.entries.values())
    return {
        "category": dict(Counter(e.category or "(none)" for e in values).most_common()),
        "layer": dict(Counter(e.layer for e in values).most_common()),
        "status": dict(Counter(e.status for e in values).most_common()),
    }
