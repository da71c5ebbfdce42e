"""Shared steps of the composition tests: what the matcher finds, a composed span through
protect → restore → check (kept whole, flagged when its marker is lost), and
`glossary match --json` for one text."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def assert_restored(glossary: Glossary, zh: str, surface: str, en: str) -> None:
    """The term slot of `surface` in `zh` restores to `en` (no flag on it) when the MT keeps
    its marker, and is lost and flagged when the MT drops it."""
    analysis = analyse(zh, "paragraph", glossary)
    p = protect(analysis)
    (slot,) = [s for s in p.slots if s.kind == "term" and s.zh == surface]
    others = " ".join(s.marker for s in p.slots if s is not slot)
    restored, lost = restore(f"See {others} {slot.marker}.", p, report=True)
    assert en in restored
    assert lost == [] and not [f for f in check(analysis, restored, lost) if surface in f.detail]
    restored, lost = restore(f"See {others} it.", p, report=True)
    assert slot in lost and [f for f in check(analysis, restored, lost) if surface in f.detail]


def assert_one_span(text: str, en: str) -> None:
    """`bilingual glossary match TEXT --json` shows the whole of `text` as one composed span."""
    result = CliRunner().invoke(app, ["glossary", "match", text, "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": len(text), "zh": text, "en": en, "layer": "composed"}
    ]


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    """(surface, English, layer) of each match in `text`."""
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


def assert_protected(glossary: Glossary, text: str, zh: str, en: str, english: str) -> None:
    """The composed span `zh` of `text` is one slot with English `en`; `english` (holding
    "{marker}") restores it whole and unflagged, and the English without it is flagged."""
    analysis = analyse(text, "paragraph", glossary)
    p = protect(analysis)
    (slot,) = [s for s in p.slots if s.kind == "term" and s.zh == zh]
    assert slot.en == en
    restored, lost = restore(english.format(marker=slot.marker), p, report=True)
    assert restored == english.format(marker=en) and lost == []
    assert not [f for f in check(analysis, restored, lost) if zh in f.detail]
    dropped, lost = restore(english.format(marker="thing"), p, report=True)
    assert slot in lost and [f for f in check(analysis, dropped, lost) if zh in f.detail]


def match_json(text: str) -> list[dict]:
    """The matches `bilingual glossary match TEXT --json` prints for one text."""
    result = CliRunner().invoke(app, ["glossary", "match", text, "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    return shown["matches"]
