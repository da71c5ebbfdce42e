"""terms.compose_heads through terms.matcher.match: a glossary term + a generic head noun
(耕地保护机制, 民主集中制原则), and the look-alikes that must stay apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.compose_heads import HEADS, combine, is_short
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # a short noun phrase takes the head after it
        ("各地要健全耕地保护机制。", "耕地保护机制", "farmland protection mechanism"),
        ("完善耕地保护制度", "耕地保护制度", "farmland protection system"),
        ("扎实做好粮食安全工作", "粮食安全工作", "food security work"),
        ("压实粮食安全责任制", "粮食安全责任制", "food security responsibility system"),
        ("健全粮食安全体系建设", "粮食安全体系", "food security system"),
        # 改革 after a composed system head: the one stacked head
        ("深化行政执法体制改革。", "行政执法体制改革", "reform of the administrative law enforcement system"),
        ("推进耕地保护制度改革", "耕地保护制度改革", "reform of the farmland protection system"),
        ("深化营商环境改革", "营商环境改革", "business environment reform"),
        ("深化东西部协作机制", "东西部协作机制", "east-west collaboration mechanism"),
        ("对口支援工作有序推进", "对口支援工作", "paired assistance work"),
        ("加强耕地保护管理", "耕地保护管理", "farmland protection management"),
        # a unit the head's long form takes in the plural (Xinhua: building of … organizations)
        ("抓好基层党组织建设", "基层党组织建设", "building of primary-level Party organizations"),
        ("加强党支部建设", "党支部建设", "building of Party branches"),
        # people after "of", plural
        ("加强干部管理", "干部管理", "management of officials"),
        ("规范公务员管理", "公务员管理", "management of civil servants"),
        ("从严领导干部管理", "领导干部管理", "management of leading officials"),
        # heads from official usage: 体制, 能力, 资金, 长效机制, 工作机制
        ("完善基层治理体制", "基层治理体制", "primary-level governance system"),
        ("提升基层治理能力", "基层治理能力", "primary-level governance capacity"),
        ("管好用好扶贫资金", "扶贫资金", "poverty alleviation funds"),
        ("健全房地产市场长效机制", "房地产市场长效机制", "long-term mechanism for the property market"),
        ("完善联防联控工作机制", "联防联控工作机制",
         "working mechanism for joint prevention and control"),
        ("建立耕地保护工作机制", "耕地保护工作机制", "farmland protection working mechanism"),
        # a quoted term takes the head after the closing quote; the quotes stay in the span
        ("落实“第一议题”制度", "“第一议题”制度", "system of the first item on the agenda"),
        ("推进“河长制”工作", "“河长制”工作", "river chief system work"),
        ("健全“粮食安全”机制", "“粮食安全”机制", "food security mechanism"),
        ("“粮食安全工作", "粮食安全工作", "food security work"),  # a lone quote stays out
        # a long or prepositional one goes after "of"/"for"
        ("始终坚持民主集中制原则", "民主集中制原则", "principle of democratic centralism"),
        ("落实全面从严治党责任制", "全面从严治党责任制",
         "responsibility system for full and rigorous Party self-governance"),
        ("落实党风廉政建设责任制", "党风廉政建设责任制",
         "responsibility system for improving Party conduct and building integrity"),
        ("编制耕地保护规划", "耕地保护规划", "farmland protection plan"),
        # the term's English names the head already
        ("制定“八五”普法规划", "“八五”普法规划", "eighth five-year plan for raising public legal awareness"),
        ("出台产业振兴措施", "产业振兴措施", "measures for revitalization of businesses"),
        # "A for B": the head joins A (compensation mechanism for ecological conservation)
        ("完善生态保护补偿机制", "生态保护补偿机制",
         "compensation mechanism for ecological conservation"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes and doubtful cases: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head begins a longer word
        ("乡村振兴工作队进村", [("乡村振兴", "rural revitalization"), ("工作队", "working team")]),
        ("乡村振兴建设者", [("乡村振兴", "rural revitalization"), ("建设者", "builder")]),
        ("耕地保护管理员", [("耕地保护", "farmland protection")]),
        ("耕地保护机制性问题", [("耕地保护", "farmland protection")]),
        ("耕地保护管理局", [("耕地保护", "farmland protection")]),
        ("耕地保护规划局", [("耕地保护", "farmland protection")]),
        ("粮食安全工作人员", [("粮食安全", "food security"), ("工作人员", "staff member")]),
        ("对口支援工作组", [("对口支援", "paired assistance"), ("工作组", "working group")]),
        ("粮食安全工作会议室", [("粮食安全", "food security")]),  # 工作会议 composes (compose_events)
        ("耕地保护改革开放", [("耕地保护", "farmland protection"),
                              ("改革开放", "reform and opening up")]),
        # the head may belong to every part of a list
        ("耕地保护、粮食安全工作", [("耕地保护", "farmland protection"),
                                    ("粮食安全", "food security")]),
        # a clause, a verb phrase, a person, a place, a post, an economy term before 建设
        ("坚持党管干部原则", [("党管干部", "the Party exercises leadership over officials")]),
        ("建立联农带农机制", [("联农带农", "link and lead farmers")]),
        # people before a head whose long form takes no people (officials work, system of …)
        ("推进党员工作", [("推进", "advance"), ("党员", "Party member")]),
        ("健全干部机制", [("干部", "official")]),
        ("公务员制度", [("公务员", "civil servant")]),
        # a head inside a longer word: 资金链 capital chain, 政策性 policy-based
        ("扶贫资金链断裂", [("扶贫", "poverty alleviation")]),
        ("就业政策性", [("就业", "employment")]),
        ("耕地保护能力者", [("耕地保护", "farmland protection")]),
        # a verb before the head: no thing the head qualifies (implement funds, strengthen …)
        ("落实资金", [("落实", "implement")]),
        ("统筹资金", [("统筹", "coordinate")]),
        ("强化管理", [("强化", "strengthen")]),
        # a list before a head that may be every part's
        ("扶贫、就业资金", [("扶贫", "poverty alleviation"), ("就业", "employment")]),
        # a head that is an entry of its own is kept apart after a list too
        ("耕地保护、粮食安全示范区", [("耕地保护", "farmland protection"),
                                      ("粮食安全", "food security"),
                                      ("示范区", "demonstration zone")]),
        ("乡村振兴和扶贫资金", [("乡村振兴", "rural revitalization"),
                                ("扶贫", "poverty alleviation")]),
        # quotes: a head after a list, a head that begins a longer word
        ("耕地保护、“粮食安全”工作", [("耕地保护", "farmland protection"),
                                      ("粮食安全", "food security")]),
        ("“粮食安全”工作人员", [("粮食安全", "food security"), ("工作人员", "staff member")]),
        ("做好港澳工作", [("港澳", "Hong Kong and Macao")]),
        ("完善营商环境建设", [("营商环境", "business environment")]),
        # no short form for 工作 after a long English: the MT words it
        ("推进全面从严治党工作", [("推进", "advance"),
                                  ("全面从严治党", "full and rigorous Party self-governance")]),
        # the glossary's own longer entries win
        ("加强干部队伍建设", [("干部队伍建设", "building a contingent of officials")]),
        ("创新驱动发展战略", [("创新驱动发展战略", "innovation-driven development strategy")]),
        ("坚持联系群众制度", [("联系群众", "maintain ties with the people")]),  # a verb phrase
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected
    assert all(layer != "composed" for *_, layer in found(text, real_glossary))


# 改革 stacks on a composed system only where it ends a word and starts no longer term.
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("行政执法体制改革开放", ["行政执法体制", "改革开放"]),
        ("行政执法体制改革者", ["行政执法体制"]),
        ("行政执法体制、改革", ["行政执法体制"]),
    ],
)
def test_reform_stacks_only_as_a_word(
    real_glossary: Glossary, text: str, surfaces: list[str]
) -> None:
    assert [zh for zh, _, _ in found(text, real_glossary)] == surfaces


@pytest.mark.parametrize(
    ("en", "short"),
    [
        ("farmland protection", True),
        ("east-west collaboration", True),
        ("regional ethnic autonomy", True),
        ("full and rigorous Party self-governance", False),  # a conjunction
        ("revitalization of businesses", False),  # a preposition
        ("primary-level Party organizations", False),  # plural
        ("improving Party conduct", False),  # a gerund
        ("green low-carbon circular development", False),  # four words
        ("basis", True),
    ],
)  # fmt: skip
def test_is_short(en: str, short: bool) -> None:
    assert is_short(en) is short


@pytest.mark.parametrize(
    ("head", "en", "category", "expected"),
    [
        ("改革", "household registration system", "social",
         "household registration system reform"),
        ("改革", "system of people's congresses", "state", "reform of the system of people's congresses"),
        ("改革", "improving the tax system", "economy", "reform of improving the tax system"),
        ("建设", "rule of law", "law", "building of rule of law"),
        ("建设", "infrastructure", "economy", None),  # 建设 is construction there
        ("示范区", "common prosperity", "slogan", "demonstration zone for common prosperity"),
        ("机制", "Belt and Road Initiative", "foreign", None),  # a proper name
        ("机制", "deepen reform", "economy", None),  # a verb phrase
        ("机制", "county Party committee", "admin", None),  # an organ
        ("工作", "Shanghai", "place", None),
        ("管理", "official", "party", "management of officials"),
        ("管理", "civil servant", "title", "management of civil servants"),
        ("管理", "Party member", "party", "management of Party members"),
        ("管理", "deputy head", "title", None),  # a post, no person noun
        ("建设", "official", "party", None),  # 建设 takes no people
        ("机制", "official", "party", None),
        ("建设", "primary-level Party organization", "party",
         "building of primary-level Party organizations"),
        ("建设", "Party branch", "party", "building of Party branches"),
        ("管理", "official", "person", None),  # a person's name filed under person
        ("长效机制", "farmland protection", "rural", "long-term mechanism for farmland protection"),
        ("能力", "governance", "governance", "governance capacity"),
        ("资金", "rural revitalization", "rural", "rural revitalization funds"),
    ],
)  # fmt: skip
def test_combine(head: str, en: str, category: str, expected: str | None) -> None:
    assert combine(HEADS[head], Entry("某", en, category=category)) == expected


def test_a_composed_head_says_what_it_is_made_of(real_glossary: Glossary) -> None:
    (m,) = match("健全耕地保护机制", real_glossary)
    assert (m.entry.note, m.entry.category) == ("耕地保护 + 机制 (term-head)", "rural")
    assert m.entry.pinyin.endswith(" jīzhì")


def test_a_head_composes_with_a_term_of_any_glossary() -> None:
    glossary = Glossary(entries={"碳排放": Entry("碳排放", "carbon emission", category="ecology")})
    assert found("碳排放管理", glossary) == [
        ("碳排放管理", "carbon emission management", "composed")
    ]
    # one head only: a second is left to the MT (carbon emission management + 制度)
    assert found("完善碳排放管理制度", glossary) == [
        ("碳排放管理", "carbon emission management", "composed")
    ]
    assert found("碳排放管理员", glossary) == [("碳排放", "carbon emission", "")]


def test_glossary_match_json_shows_a_term_and_its_head() -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "健全耕地保护机制", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 2, "end": 8, "zh": "耕地保护机制", "en": "farmland protection mechanism",
         "layer": "composed"}
    ]  # fmt: skip
