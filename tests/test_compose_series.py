"""terms.compose_series through terms.matcher.match: a run of …化 adjectives before a noun
term (市场化、法治化营商环境), and the adverbial and doubtful uses left apart."""

from __future__ import annotations

import pytest

from bilingual.terms.compose_series import ADJECTIVES, listed
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match


def composed(text: str, glossary: Glossary) -> list[tuple[str, str]]:
    return [(m.surface, m.entry.en) for m in match(text, glossary) if m.entry.layer == "composed"]


# Composed: (sentence, the composed span, its English); each adjective's source is in ADJECTIVES.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("打造市场化、法治化营商环境", "市场化、法治化营商环境",
         "market-oriented and law-based business environment"),
        ("推进制度化、规范化社会治理", "制度化、规范化社会治理",
         "institutionalized and standardized social governance"),
        ("推动规范化、制度化基层治理", "规范化、制度化基层治理",
         "standardized and institutionalized primary-level governance"),
        ("建设制度化、规范化党内政治生活", "制度化、规范化党内政治生活",
         "institutionalized and standardized intra-Party political activities"),
        ("高端化、智能化、绿色化制造业", "高端化、智能化、绿色化制造业",
         "high-end, smart and green manufacturing"),
        ("网格化、科学化城市管理", "网格化、科学化城市管理", "grid-based and scientific urban management"),
        # the glossary's run (CPC Constitution) is taken in whole before a noun
        ("革命化、年轻化、知识化、专业化干部", "革命化、年轻化、知识化、专业化干部",
         "revolutionary, younger, better educated and more professional official"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en) in composed(text, real_glossary)


# Left apart: (sentence, the composed spans, none).
@pytest.mark.parametrize(
    "text",
    [
        "推进制度化、规范化、程序化",  # no noun after: the verb decides (institutionalize …)
        "推进党内政治生活制度化规范化",  # after the noun: make … institutionalized
        "常态化开展监督检查",  # adverbial: carry out regularly
        "坚持市场化、法治化原则",  # 原则 is no term: principles, or "in a … manner"
        "用市场化、法治化方式",  # "in a market-oriented and law-based manner": a preposition
        "市场化、法治化推进",  # a verb after the run
        "市场化营商环境",  # one word: market-oriented reform, or marketization reform
        "法治化、国际化营商环境",  # 国际化: world-class or internationalized, by noun
        "建设革命化、年轻化、知识化、专业化干部队伍",  # contingent of officials: a phrase after
        "推进网格化、规范化管理",  # 管理 is no term here
    ],
)
def test_not_composed(real_glossary: Glossary, text: str) -> None:
    assert composed(text, real_glossary) == []


def test_the_glossarys_own_triple_wins(real_glossary: Glossary) -> None:
    (m,) = match("打造市场化法治化国际化营商环境", real_glossary)[1:]
    assert m.entry.en == "market-oriented, law-based and world-class business environment"
    assert m.entry.layer != "composed"


def test_listed() -> None:
    assert listed(["a", "b"]) == "a and b"
    assert listed(["a", "b", "c"]) == "a, b and c"


def test_every_adjective_is_an_isation_with_english() -> None:
    assert all(zh.endswith("化") and en and en == en.strip() for zh, en in ADJECTIVES.items())
