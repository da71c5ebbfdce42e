"""terms.compose_rules through terms.matcher.match: bracketed alternates, a unit's Party
organization, rank + post, coordinated pairs; and the look-alikes each must leave apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.compose_rules import plural
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match, match_report


def found(text: str, glossary: Glossary) -> list[tuple[str, str]]:
    matches = match(text, glossary)
    for m in matches:
        assert text[m.start : m.end] == m.surface
    return [(m.surface, m.entry.en) for m in matches]


def composed(text: str, glossary: Glossary) -> list[tuple[str, str]]:
    return [(m.surface, m.entry.en) for m in match(text, glossary) if m.entry.layer == "composed"]


# Composed: (sentence, the composed span, its English).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # alternates in brackets: a class standing alone is plural
        ("各级党组（党委）要切实负起责任", "党组（党委）",
         "leading Party members groups (Party committees)"),
        ("各省（区、市）要抓好落实", "省（区、市）", "provinces (autonomous regions and municipalities)"),
        ("省（自治区、直辖市）", "省（自治区、直辖市）",
         "provinces (autonomous regions and municipalities directly under the central government)"),
        ("督促各县（市、区）整改", "县（市、区）", "counties (cities and districts)"),
        ("全省各市（州）都要", "市（州）", "cities (prefectures)"),
        ("延伸到乡镇（街道）。", "乡镇（街道）", "towns and townships (subdistricts)"),
        ("覆盖全部村（社区）。", "村（社区）", "villages (communities)"),
        ("各部门（单位）主要负责同志", "部门（单位）", "departments (units)"),
        # … and before a term it qualifies, singular
        ("村（社区）党组织书记", "村（社区）", "village (community)"),
        ("省（区、市）党委", "省（区、市）", "province (autonomous region and municipality)"),
        # a unit and its Party organization
        ("网格党支部开展活动", "网格党支部", "grid Party branch"),
        ("楼宇党支部", "楼宇党支部", "office building Party branch"),
        ("企业党委牵头", "企业党委", "enterprise Party committee"),
        ("乡党支部研究决定", "乡党支部", "township Party branch"),
        ("县统计局党支部", "县统计局党支部", "Party branch of the county statistics bureau"),
        ("协会党支部", "协会党支部", "Party branch of the association"),
        ("网格党支部书记带头", "网格党支部书记", "secretary of the grid Party branch"),
        ("医院党委书记", "医院党委书记", "secretary of the hospital Party committee"),
        ("国有企业党委书记", "国有企业党委书记",
         "secretary of the state-owned enterprise Party committee"),
        # rank + post
        ("处级干部", "处级干部", "division-level official"),
        ("厅级领导干部", "厅级领导干部", "department-level leading official"),
        ("选拔副处级领导干部12名", "副处级领导干部", "deputy division-level leading official"),
        ("担任副处级职务", "副处级职务", "deputy division-level position"),
        ("正处级领导职务", "正处级领导职务", "division-level leadership position"),
        ("县处级领导干部", "县处级领导干部", "leading official at the county or division level"),
        ("省级干部", "省级干部", "provincial-level official"),
        # coordinated bodies or posts
        ("县委和县政府要高度重视", "县委和县政府", "county Party committee and county government"),
        ("市委与市政府共同印发", "市委与市政府", "municipal Party committee and municipal government"),
        ("纪委书记、监委主任", "纪委书记、监委主任", "secretary of the commission for discipline "
         "inspection and director of the supervisory commission"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en) in composed(text, real_glossary)


# Look-alikes that must stay apart: (sentence, what is matched, composed or not).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # brackets that hold no alternates of the part before them
        ("国有企业（国企）", [("国有企业", "state-owned enterprise"), ("国企", "state-owned enterprise")]),
        ("中国共产党（CPC）", [("中国共产党", "Communist Party of China (CPC)")]),
        ("全县（市、区）", [("全县", "the whole county")]),  # the whole county, no class
        ("本县（市）", []),  # this county (or city): one, not a class
        ("县（区）委书记", [("书记", "secretary")]),  # 县委 or 区委: the brackets bind to 委
        ("市（县）长", []),  # 市长 or 县长
        ("党委（2023年）", [("党委", "Party committee")]),
        # no unit, or a plural one, before a Party organization
        ("社会组织党支部", [("社会组织", "social organizations"), ("党支部", "Party branch")]),
        ("农村党支部", [("党支部", "Party branch")]),  # 村 is inside the word 农村
        ("党委党组", [("党委", "Party committee"), ("党组", "leading Party members group")]),
        # a verb before the organization is no unit it is set up in (the seed page's 强化党支部)
        ("强化党支部战斗堡垒作用", [("强化", "strengthen"), ("党支部", "Party branch"),
                                    ("战斗堡垒作用", "role as a fighting bastion")]),
        # a rank before a word that is no post, or a head that is a longer term
        ("处级职务犯罪", [("处级", "division level"), ("职务犯罪", "duty-related crime")]),
        # coordination: a shared head after B, a longer list, a term after B, two different kinds
        ("党委和政府部门", [("党委", "Party committee")]),
        ("县委和县政府、县人大", [("县委", "county Party committee"), ("县政府", "county government"),
                                  ("县人大", "county people's congress")]),
        ("县委、县政府和县人大", [("县委", "county Party committee"), ("县政府", "county government"),
                                  ("县人大", "county people's congress")]),
        ("县委和县政府办公室", [("县委", "county Party committee"), ("县政府", "county government")]),
        ("县委书记和县政府", [("县委书记", "secretary of the county Party committee"),
                              ("县政府", "county government")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert found(text, real_glossary) == expected


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        ("Party committee", "Party committees"),
        ("leading Party members group", "leading Party members groups"),
        ("standing committee of the people's congress", "standing committees of the people's congress"),
        ("municipality directly under the central government",
         "municipalities directly under the central government"),
        ("branch", "branches"),
        ("people's congress", "people's congresses"),
        ("community", "communities"),
        ("towns and townships", "towns and townships"),  # already several
        ("departments", "departments"),
    ],
)  # fmt: skip
def test_plural(en: str, expected: str) -> None:
    assert plural(en) == expected


def test_composed_entries_say_what_they_are_made_of(real_glossary: Glossary) -> None:
    notes = {
        m.surface: m.entry.note for m in match("各县（市、区）企业党委和处级干部", real_glossary)
    }
    assert notes == {
        "县（市、区）": "县 + (市、区) (alternates)",
        "企业党委": "企业 + 党委 (party-org-of-body)",
        "处级干部": "处级 + 干部 (rank-post)",
    }
    (m,) = match("县委和县政府要", real_glossary)
    assert m.entry.note == "县委 和 县政府 (coordinated)"


def test_glossary_match_json_shows_the_composed_span(real_glossary: Glossary) -> None:
    text = "各级党组（党委）和网格党支部"
    (report,) = match_report([text], real_glossary)
    assert report["matches"] == [
        {"start": 2, "end": 8, "zh": "党组（党委）",
         "en": "leading Party members groups (Party committees)", "layer": "composed"},
        {"start": 9, "end": 14, "zh": "网格党支部", "en": "grid Party branch", "layer": "composed"},
    ]  # fmt: skip
    result = CliRunner().invoke(app, ["glossary", "match", "处级干部", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert [(m["zh"], m["en"], m["layer"]) for m in shown["matches"]] == [
        ("处级干部", "division-level official", "composed")
    ]
