"""terms.compose_scopes through terms.matcher.match: 依法治国 and 全面依法治国 rewritten for a
province, city, county or district compose from the national form's English; other words that
start the same way, other nouns and 全省-style scopes do not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, bool]]:
    """(surface, English, whether composed) of each match."""
    return [(m.surface, m.entry.en, m.entry.layer == "composed") for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English). Pattern: Ministry of Justice, "the
# Commission for Law-based Provincial Governance of … Gansu province" (en.moj.gov.cn, 2021).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("推进全面依法治省", "全面依法治省", "law-based provincial governance on all fronts"),
        ("深化全面依法治市实践", "全面依法治市", "law-based municipal governance on all fronts"),
        ("依法治省", "依法治省", "law-based provincial governance"),
        ("深入推进依法治县工作", "依法治县", "law-based county governance"),
        ("依法治区取得新成效", "依法治区", "law-based district governance"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, True) in found(text, real_glossary)


# Not composed: (sentence, the surfaces matched, none of them a scope).
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("坚持依法治理", []),  # 依法治理: govern according to law
        ("依法治市场秩序", []),  # 市场 is the word, not 市; 依法 + 治: no 法治 (not-term)
        ("依法治省办", ["依法治省办"]),  # a longer entry wins
        ("依法治校", ["依法治校"]),  # not a level: its own entry
        ("全面依法治国", ["全面依法治国"]),  # the national entry itself
        ("全省乡村振兴工作", ["全省", "乡村振兴工作"]),  # 全省 + a term: no one English
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, surfaces: list[str]) -> None:
    matches = match(text, real_glossary)
    assert [m.surface for m in matches] == surfaces
    assert not any(m.entry.note.endswith("(scope)") for m in matches)


def test_an_entry_for_the_scoped_form_wins(real_glossary: Glossary) -> None:
    own = Entry("依法治省", "provincial rule of law", category="law")
    glossary = Glossary.from_entries([*real_glossary.entries.values(), own])
    assert found("坚持依法治省和依法治区", glossary) == [
        ("依法治省", "provincial rule of law", False),
        ("依法治区", "law-based district governance", True),
    ]


def test_glossary_match_json_shows_the_scope(real_glossary: Glossary) -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "全面依法治省", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 6, "zh": "全面依法治省",
         "en": "law-based provincial governance on all fronts", "layer": "composed"}
    ]  # fmt: skip


def test_a_scope_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    analysis = analyse("依法治省开创新局面。", "body", real_glossary)
    protected = protect(analysis)
    assert protected.text.startswith("ZZ1ZZ")
    en = restore("ZZ1ZZ has opened ZZ2ZZ.", protected)
    assert en == "Law-based provincial governance has opened new prospects."
    assert check(analysis, en) == []
    flags = check(analysis, "Law-based governance has opened new prospects.")
    assert [f.detail for f in flags] == ["依法治省 → law-based provincial governance"]
