"""terms.compose_bilateral through terms.matcher.match: 中 + a partner's abbreviation + a
relation term composes into "China-<partner> <relation>"; ambiguous abbreviations, other words
that begin with 中 and look-alikes in ordinary sentences do not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.compose_bilateral import PARTNERS, REFUSED, parties
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match


def found(text: str, glossary: Glossary) -> list[tuple[str, str, bool]]:
    """(surface, English, whether composed) of each match."""
    return [(m.surface, m.entry.en, m.entry.layer == "composed") for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # a party and a relation term of the glossary
        ("共建中哈命运共同体", "中哈命运共同体", "China-Kazakhstan community with a shared future"),
        ("深化中俄全面战略协作伙伴关系", "中俄全面战略协作伙伴关系",
         "China-Russia comprehensive strategic partnership of coordination"),
        ("中吉全面战略伙伴关系不断深化", "中吉全面战略伙伴关系",
         "China-Kyrgyzstan comprehensive strategic partnership"),
        ("推进中缅经贸合作", "中缅经贸合作", "China-Myanmar economic and trade cooperation"),
        ("扩大中美人文交流", "中美人文交流", "China-US people-to-people exchanges"),
        ("双方发表中法联合声明", "中法联合声明", "China-France joint statement"),
        ("加强中俄战略协作", "中俄战略协作", "China-Russia strategic coordination"),
        ("第五次中日高层经济对话", "中日高层经济对话", "China-Japan high-level economic dialogue"),
        ("中欧高级别战略对话在布鲁塞尔举行", "中欧高级别战略对话",
         "China-EU high-level strategic dialogue"),
        # a party and a bare relation noun
        ("中哈关系保持健康稳定发展", "中哈关系", "China-Kazakhstan relations"),
        ("中泰合作成果丰硕", "中泰合作", "China-Thailand cooperation"),
        ("中俄友好源远流长", "中俄友好", "China-Russia friendship"),
        ("中塔友谊坚如磐石", "中塔友谊", "China-Tajikistan friendship"),
        ("中朝友谊历久弥坚", "中朝友谊", "China-DPRK friendship"),
        ("中蒙关系进入新阶段", "中蒙关系", "China-Mongolia relations"),
        ("中澳关系健康发展", "中澳关系", "China-Australia relations"),
        ("中菲关系", "中菲关系", "China-Philippines relations"),
        ("中美贸易", "中美贸易", "China-US trade"),
        # two-character and three-party abbreviations
        ("中印尼关系", "中印尼关系", "China-Indonesia relations"),
        ("推进中日韩合作", "中日韩合作", "China-Japan-ROK cooperation"),
        ("中日韩自贸协定谈判", "中日韩自贸协定", "China-Japan-ROK free trade agreement"),
        # a grouping written with a dash
        ("中国—东盟关系", "中国—东盟关系", "China-ASEAN relations"),
        ("中国-东盟对话关系", "中国-东盟对话关系", "China-ASEAN dialogue relations"),
        ("中国—中亚机制", "中国—中亚机制", "China-Central Asia mechanism"),
        ("构建中国—太平洋岛国命运共同体", "中国—太平洋岛国命运共同体",
         "China-Pacific Island countries community with a shared future"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, True) in found(text, real_glossary)


# Not composed: (sentence, what is matched). Ambiguous abbreviations, other words beginning
# with 中, proper names that are entries of their own, and look-alikes in ordinary sentences.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ambiguous: Uzbekistan or Ukraine, Pakistan or Brazil …, Türkiye or Turkmenistan
        ("中乌关系", []),
        ("中巴关系", []),
        ("中土关系", []),
        ("中阿关系", [("中阿", "China-Arab", False)]),  # 阿 alone: MT decides
        # other words that begin with 中
        ("中美洲国家", [("中美洲", "Central America", False)]),
        ("中非共和国总统", [("中非共和国", "the Central African Republic", False),
                            ("总统", "president", False)]),
        ("中东地区", [("中东", "the Middle East", False)]),
        ("中亚国家", [("中亚", "Central Asia", False)]),
        # proper names are entries of their own
        ("中欧班列", [("中欧班列", "China-Europe Railway Express", False)]),
        ("中巴经济走廊", [("中巴经济走廊", "China-Pakistan Economic Corridor (CPEC)",
                           False)]),
        ("中非合作论坛", [("中非合作论坛", "Forum on China-Africa Cooperation (FOCAC)",
                           False)]),
        # 中 + a character inside an ordinary word
        ("中老年人", []),
        ("在工作中越来越重视", []),
        ("在生活中泰然处之", []),
        ("发展中蒙医药事业", []),
        ("心中朝思暮想", []),
        ("在发展中拉动内需", [("拉动", "drive", False),
                              ("内需", "domestic demand", False)]),
        ("在工作中加强学习", []),
        # a bare relation noun that belongs to a longer word after it
        ("中美关系到了关键时刻", [("中美关系", "China-US relations", False)]),
        # a unit noun is no relation
        ("中美企业党委", [("中美", "China-US", False),
                          ("企业党委", "enterprise Party committee", True)]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert found(text, real_glossary) == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("中哈", "China-Kazakhstan", "China-Kazakhstan"),
        ("中日韩", "China-Japan-ROK", "China-Japan-ROK"),
        ("中印尼", "China-Indonesia", "China-Indonesia"),
        ("中国—东盟", "China-ASEAN", "China-ASEAN"),
        ("中乌", "China-Uzbekistan", None),  # refused whatever an entry says
        ("中阿", "China-Arab", None),
        ("中国", "China", None),
        ("中央", "central", None),
        ("中国—东盟", "ASEAN", None),  # a dash form must name China first
    ],
)
def test_parties(zh: str, en: str, expected: str | None) -> None:
    assert parties(Entry(zh, en)) == expected


def test_refused_abbreviations_are_no_partners() -> None:
    assert not set(PARTNERS) & set(REFUSED)


def test_glossary_match_json_shows_the_bilateral_layer(real_glossary: Glossary) -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "中哈命运共同体", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 7, "zh": "中哈命运共同体",
         "en": "China-Kazakhstan community with a shared future", "layer": "composed"}
    ]  # fmt: skip
    (m,) = match("中哈关系", real_glossary)
    assert m.entry.note == "中哈 + 关系 (bilateral)"
