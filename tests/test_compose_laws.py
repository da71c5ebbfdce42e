"""terms.compose_laws through terms.matcher.match: a law and the rules for it (及其实施细则,
及其实施条例, … 精神), and the look-alikes that must stay apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.compose_laws import is_document
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


EIGHT_POINTS = "the central Party leadership's eight-point decision on improving conduct"


# Composed: (sentence, the composed span, its English); sources in the module's table.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("严格执行《监察法》及其实施条例", "《监察法》及其实施条例",
         "the Supervision Law and the regulations for its implementation"),
        ("监察法及其实施条例的规定", "监察法及其实施条例",
         "the Supervision Law and the regulations for its implementation"),
        ("贯彻公务员法及其实施细则。", "公务员法及其实施细则",
         "the Civil Servant Law and the detailed rules for its implementation"),
        ("落实中央八项规定及其实施细则", "中央八项规定及其实施细则",
         f"{EIGHT_POINTS} and the detailed rules for its implementation"),
        # 精神 after: the guiding principles of both (Xinhua 2025-03-17)
        ("学习贯彻监察法及其实施条例精神", "监察法及其实施条例精神",
         "the guiding principles of the Supervision Law and the regulations for its "
         "implementation"),
        ("执行《中国共产党纪律处分条例》及其实施细则", "《中国共产党纪律处分条例》及其实施细则",
         "the Regulations of the CPC on Disciplinary Action and the detailed rules for its "
         "implementation"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rules go on into another document (a draft)
        ("土地管理法及其实施条例草案", [("土地管理法", "Land Administration Law"),
                                        ("条例", "regulations"), ("草案", "draft")]),
        # 及其 + anything else
        ("中央八项规定及其他规定", [("中央八项规定", EIGHT_POINTS[4:]), ("规定", "provisions")]),
        ("监察法及其配套制度", [("监察法", "Supervision Law")]),  # no official English read
        # a generic noun, no document
        ("条例及其实施细则", [("条例", "regulations"),
                              ("实施细则", "detailed rules for implementation")]),
        ("违纪违法及其实施细则", [("违纪违法", "violations of discipline and law"),
                                  ("实施细则", "detailed rules for implementation")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected
    assert all(layer != "composed" for *_, layer in found(text, real_glossary))


@pytest.mark.parametrize(
    ("entry", "document"),
    [
        (Entry("监察法", "Supervision Law", category="discipline"), True),
        (Entry("中央八项规定", EIGHT_POINTS[4:], category="discipline"), True),
        (Entry("宗教事务条例", "Regulations on Religious Affairs", category="culture"), True),
        (Entry("条例", "regulations", category="state"), False),  # generic
        (Entry("违纪违法", "violations of discipline and law", category="discipline"), False),
        (Entry("法制办", "legislative affairs office", category="state"), False),  # an organ
    ],
)
def test_is_document(entry: Entry, document: bool) -> None:
    assert is_document(entry) is document


def test_the_glossary_s_own_entry_for_the_whole_wins() -> None:
    law = Entry("中央八项规定", EIGHT_POINTS[4:], category="discipline")
    whole = Entry("中央八项规定及其实施细则精神", "the guiding principles of the eight-point "
                  "decision and its supporting regulations", category="discipline")  # fmt: skip
    glossary = Glossary(entries={e.zh: e for e in (law, whole)})
    assert found("贯彻中央八项规定及其实施细则精神", glossary) == [(whole.zh, whole.en, "")]
    assert found("贯彻中央八项规定及其实施细则", Glossary(entries={law.zh: law})) == [
        ("中央八项规定及其实施细则", f"{EIGHT_POINTS} and the detailed rules for its "
         "implementation", "composed")
    ]  # fmt: skip


def test_a_law_and_its_rules_go_through_protect_and_restore(real_glossary: Glossary) -> None:
    zh = "严格执行《监察法》及其实施条例。"
    analysis = analyse(zh, "paragraph", real_glossary)
    p = protect(analysis)
    (slot,) = [s for s in p.slots if s.kind == "term" and "监察法" in s.zh]
    assert slot.zh == "《监察法》及其实施条例"
    en, lost = restore(f"Strictly enforce {slot.marker}.", p, report=True)
    assert "the Supervision Law and the regulations for its implementation" in en
    assert lost == [] and not [f for f in check(analysis, en, lost) if "监察法" in f.detail]
    en, lost = restore("Strictly enforce.", p, report=True)
    assert slot in lost and [f for f in check(analysis, en, lost) if "监察法" in f.detail]


def test_glossary_match_json_shows_the_law_and_its_rules_as_one_span() -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "监察法及其实施条例", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 9, "zh": "监察法及其实施条例",
         "en": "the Supervision Law and the regulations for its implementation",
         "layer": "composed"}
    ]  # fmt: skip
