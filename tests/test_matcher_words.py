"""terms.matcher word boundaries the dictionary cannot see: the suffix 化 (法治化) and
依法 + 治X; and terms whose rendering depends on their context (一审 of a bill or a trial)."""

from __future__ import annotations

import pytest

from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match


def surfaces(text: str, glossary: Glossary) -> list[str]:
    return [m.surface for m in match(text, glossary)]


# A term before the suffix 化 of a word no dictionary lists, or starting with that 化.
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("坚持市场化、法治化原则", "法治"),
        ("推进规范化、法治化建设", "法治"),
        ("推进法治化营商环境建设", "法治"),
        ("推进法治化债转股", "法治"),
        ("推进法治化债转股", "化债"),
        ("稳步推进市场化债转股", "化债"),
    ],
)
def test_no_term_inside_a_word_made_with_hua(real_glossary: Glossary, text, absent) -> None:
    assert absent not in surfaces(text, real_glossary)


# True matches kept: terms that end in 化, a noun before a word that starts with 化 (化解),
# a verb before 化债.
@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("以法治化解矛盾纠纷", "法治"),
        ("推进化债工作", "化债工作"),
        ("积极稳妥化债", "化债"),
        ("推进城镇化", "城镇化"),
        ("推进中国式现代化", "中国式现代化"),
        ("加快推进网格化管理", "网格化管理"),
        ("防范化解重大风险", "防范化解重大风险"),
        ("石油化工行业", "化工"),
    ],
)
def test_true_matches_next_to_hua_survive(real_glossary: Glossary, text, term) -> None:
    assert term in surfaces(text, real_glossary)


@pytest.mark.parametrize(
    ("text", "glossary", "expected"),
    [
        ("坚持法治化原则", [Entry("法治", "rule of law")], []),
        ("推进化债", [Entry("推进", "advance"), Entry("化债", "debt resolution")],
         ["推进", "化债"]),  # a verb leaves 化 to the word after it
        ("依规化债", [Entry("依规", "in line with regulations"), Entry("化债", "debt resolution")],
         ["依规", "化债"]),  # so does an adverb
        ("法治化债", [Entry("法治", "rule of law"), Entry("化债", "debt resolution")], []),
        ("以法治化解矛盾", [Entry("法治", "rule of law")], ["法治"]),
    ],
)  # fmt: skip
def test_hua_on_small_glossaries(text, glossary, expected) -> None:
    assert surfaces(text, Glossary.from_entries(glossary)) == expected


# 依法 + 治X (govern X by law): 依|法治 and 依法|治 cut the same number of words, but 依 does not
# stand alone there, so 法治 (rule of law) is never the term; the common ones are entries.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("坚持依法治校", ["依法治校"]),
        ("推进依法治企", ["推进", "依法治企"]),
        ("推进依法治教", ["推进", "依法治教"]),
        ("坚持依法治网", ["依法治网"]),
        ("推进依法治市场", ["推进"]),
        ("依法治理", []),
        ("坚持依法治国", ["依法治国"]),
        ("全面依法治国", ["全面依法治国"]),
        ("坚持依法治国、依法执政", ["依法治国", "依法执政"]),
        ("依法治县办", ["依法治县办"]),
        ("坚持法治", ["法治"]),  # 法治 alone, kept
        ("推进法治政府建设", ["推进", "法治政府建设"]),
    ],
)
def test_yifa_zhi_is_govern_by_law_not_rule_of_law(real_glossary: Glossary, text, expected) -> None:
    assert surfaces(text, real_glossary) == expected
