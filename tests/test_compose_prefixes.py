"""terms.compose_prefixes through terms.matcher.match: a 涉X or X式 adjective before a noun term
(涉外法律服务, 涉台立法, 沉浸式文化旅游), and the look-alikes that must stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_one_span, assert_protected, found

from bilingual.terms.compose_prefixes import STYLES, adjective
from bilingual.terms.glossary import Entry, Glossary


# Composed: (sentence, the composed span, its English); sources in the module's tables.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # 涉外 (Xinhua via gov.cn 2023, MOJ 2019)
        ("积极发展涉外法律服务", "涉外法律服务", "foreign-related legal services"),
        ("坚持统筹推进涉外法治", "涉外法治", "foreign-related rule of law"),
        ("推进涉外立法", "涉外立法", "foreign-related legislation"),
        # 涉台, 涉港 entries (MFA)
        ("完善涉台立法", "涉台立法", "Taiwan-related legislation"),
        ("提供涉港法律服务", "涉港法律服务", "Hong Kong-related legal services"),
        # X式 (China Daily 2023, CGTN 2022)
        ("发展沉浸式文化旅游", "沉浸式文化旅游", "immersive cultural tourism"),
        ("实行闭环式网格化管理", "闭环式网格化管理", "closed-loop grid-based management"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the glossary has the whole
        ("处理涉台问题", [("涉台问题", "Taiwan-related issues")]),
        ("审理涉外案件", [("涉外案件", "foreign-related case")]),
        ("规范涉企行政执法", [("涉企行政执法",
                               "administrative law enforcement with regard to enterprises")]),
        ("设立涉外安全事务司", [("涉外安全事务司", "Department of External Security Affairs")]),
        # an organ, people, a verb after the adjective
        ("涉台统计局", [("涉台", "Taiwan-related"), ("统计局", "statistics bureau")]),
        ("涉外领导干部", [("涉外", "foreign-related"), ("领导干部", "leading official")]),
        ("沉浸式推进", [("沉浸式", "immersive"), ("推进", "advance")]),
        # 涉黑 and 涉恶 are refused (irregular English); the adjective alone stays an entry
        ("涉黑违法犯罪", [("涉黑", "gang-related"),
                          ("违法犯罪", "illegal and criminal activities")]),
        ("涉外", [("涉外", "foreign-related")]),
        # an adjective in quotation marks is not adjacent to the term
        ("“沉浸式”文化旅游", [("沉浸式", "immersive"), ("文化旅游", "cultural tourism")]),
        # refused prefixes and X式 words: the term keeps its own English
        ("嵌入式养老服务", [("养老服务", "elderly care services")]),
        ("“菜单式”公共服务", [("公共服务", "public services")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected


@pytest.mark.parametrize(
    ("zh", "en", "adj"),
    [
        ("涉外", "foreign-related", "foreign-related"),
        ("涉疆", "Xinjiang-related", "Xinjiang-related"),
        ("涉黑", "gang-related", None),  # refused: 涉黑犯罪 is "mafia-style gang crimes"
        ("涉恶", "involving criminal gangs", None),  # no adjective
        ("涉嫌", "suspected of", None),
        ("沉浸式", "immersive", "immersive"),
        ("开幕式", "opening ceremony", None),  # a noun in 式, not an adjective
    ],
)
def test_adjective(zh: str, en: str, adj: str | None) -> None:
    assert adjective(zh, en) == adj


def test_every_style_composes_with_a_term_of_any_glossary() -> None:
    entries = [Entry(zh, en, category="culture") for zh, en in STYLES.items()]
    entries.append(Entry("文化旅游", "cultural tourism", category="culture"))
    glossary = Glossary(entries={e.zh: e for e in entries})
    for zh, en in STYLES.items():
        assert found(f"发展{zh}文化旅游", glossary) == [
            (f"{zh}文化旅游", f"{en} cultural tourism", "composed")
        ]


def test_a_prefixed_term_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    assert_protected(real_glossary, "积极发展涉外法律服务。", "涉外法律服务",
                     "foreign-related legal services", "Develop {marker} actively.")  # fmt: skip


def test_glossary_match_json_shows_the_adjective_and_the_term_as_one_span() -> None:
    assert_one_span("涉港法律服务", "Hong Kong-related legal services")
