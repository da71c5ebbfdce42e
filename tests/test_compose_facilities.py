"""terms.compose_facilities through terms.matcher.match: a term + a facility head (电子商务服务站,
新兴产业示范基地, 大数据平台), and the look-alikes that must stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_protected, found, match_json

from bilingual.terms.compose_facilities import FACILITIES
from bilingual.terms.compose_heads import HEADS, combine
from bilingual.terms.glossary import Entry, Glossary


# Composed: (sentence, the composed span, its English); the pattern's source is in its row.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # 中心: short before, long after (Xinhua: innovation centers; centers for …)
        ("建设文明实践中心", "文明实践中心", "civilization practice center"),
        ("打造科技创新中心", "科技创新中心", "center for scientific and technological innovation"),
        # 服务中心, 综合服务中心, 服务站 (Guiyang, Xiamen FAO, China Daily)
        ("村里建起电子商务服务中心", "电子商务服务中心", "e-commerce service center"),
        ("县里建成农村电商综合服务中心", "农村电商综合服务中心",
         "comprehensive rural e-commerce service center"),
        ("每个村都有电子商务服务站", "电子商务服务站", "e-commerce service station"),
        ("布设农村电商服务站", "农村电商服务站", "rural e-commerce service station"),
        # 基地, 示范基地 (Xinhua 2025: demonstration bases for emerging industries)
        ("创建新兴产业示范基地", "新兴产业示范基地", "demonstration base for emerging industries"),
        ("建设粮食安全示范基地", "粮食安全示范基地", "food security demonstration base"),
        ("打造大数据基地", "大数据基地", "big data base"),
        # 产业园, 平台
        ("招引企业入驻数字经济产业园", "数字经济产业园", "digital economy industrial park"),
        ("搭建大数据平台", "大数据平台", "big data platform"),
        ("用好“河长制”平台", "“河长制”平台", "river chief system platform"),
        # a level or 全省 before the whole stays out of the span
        ("全县电子商务服务站", "电子商务服务站", "e-commerce service station"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes and doubtful cases: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head begins a longer word or term
        ("党委理论学习中心组", [("党委", "Party committee"),
                                ("理论学习中心组", "theoretical study group")]),
        ("数字经济产业园区", [("数字经济", "digital economy"), ("产业园区", "industrial parks")]),
        ("数字经济平台经济", [("数字经济", "digital economy"), ("平台经济", "platform economy")]),
        ("电子商务服务站站长", [("电子商务", "e-commerce"), ("站长", "station master")]),
        # a list before the head: the facility may be every part's
        ("电子商务、大数据平台", [("电子商务", "e-commerce"), ("大数据", "big data")]),
        ("数字经济、新兴产业示范基地", [("数字经济", "digital economy"),
                                        ("新兴产业", "emerging industries"),
                                        ("示范基地", "demonstration base")]),
        # people, places, organs, verb phrases take no facility head
        ("党员服务中心", [("党员", "Party member")]),
        ("干部基地", [("干部", "official")]),
        ("上海产业园", [("上海", "Shanghai"), ("产业园", "industrial park")]),
        ("联农带农平台", [("联农带农", "link and lead farmers")]),
        # no short form and a long English: left to the MT
        ("全面从严治党服务中心", [("全面从严治党", "full and rigorous Party self-governance")]),
        # heads left out (module docstring): 联盟, 驿站, 工作站, 园区, 专区
        ("乡村振兴联盟", [("乡村振兴", "rural revitalization")]),
        ("乡村振兴驿站", [("乡村振兴", "rural revitalization")]),
        ("科技创新工作站", [("科技创新", "scientific and technological innovation")]),
        # the glossary's own entry for the whole wins
        ("便民服务中心", [("便民服务中心", "public service center")]),
        ("政务服务中心", [("政务服务中心", "government service center")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected
    assert all(layer != "composed" for *_, layer in found(text, real_glossary))


@pytest.mark.parametrize(
    ("head", "en", "expected"),
    [
        ("中心", "big data", "big data center"),
        ("中心", "full and rigorous Party self-governance",
         "center for full and rigorous Party self-governance"),
        ("服务中心", "public services", None),  # plural: no long form read
        ("综合服务中心", "e-commerce", "comprehensive e-commerce service center"),
        ("示范基地", "emerging industries", "demonstration base for emerging industries"),
        ("平台", "Belt and Road Initiative", None),  # a proper name
        ("基地", "deepen reform", None),  # a verb phrase
    ],
)  # fmt: skip
def test_combine(head: str, en: str, expected: str | None) -> None:
    assert combine(HEADS[head], Entry("某", en, category="economy")) == expected


def test_every_facility_head_composes_with_a_term_of_any_glossary() -> None:
    glossary = Glossary(entries={"湿地": Entry("湿地", "wetland", category="ecology")})
    for head in FACILITIES:
        en = head.short.format(x="wetland")
        assert found(f"建设湿地{head.zh}", glossary) == [(f"湿地{head.zh}", en, "composed")]


def test_a_facility_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    assert_protected(real_glossary, "建设电子商务服务站。", "电子商务服务站",
                     "e-commerce service station", "Build an {marker}.")  # fmt: skip


def test_glossary_match_json_shows_the_term_and_its_facility_as_one_span() -> None:
    assert match_json("建设电子商务服务站") == [
        {"start": 2, "end": 9, "zh": "电子商务服务站", "en": "e-commerce service station",
         "layer": "composed"}
    ]  # fmt: skip
