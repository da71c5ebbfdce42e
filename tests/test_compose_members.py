"""terms.compose_members through terms.matcher.match: a committee or commission + 主任委员,
副主任委员, 委员 or 候补委员, and the look-alikes (委员长, a department, a whole entry)."""

from __future__ import annotations

import pytest

from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match


def found(text: str, glossary: Glossary) -> list[tuple[str, str, bool]]:
    return [(m.surface, m.entry.en, m.entry.layer == "composed") for m in match(text, glossary)]


# Composed (China Daily's NPC pages: chairperson, vice-chairpersons, members).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("全国人大宪法和法律委员会主任委员", "全国人大宪法和法律委员会主任委员",
         "chairperson of the Constitution and Law Committee of the National People's Congress"),
        ("全国人大财政经济委员会副主任委员", "全国人大财政经济委员会副主任委员",
         "vice chairperson of the Financial and Economic Affairs Committee of the NPC"),
        ("全国人大常委会委员", "全国人大常委会委员",
         "member of the Standing Committee of the National People's Congress"),
        ("中央纪律检查委员会委员", "中央纪律检查委员会委员",
         "member of the Central Commission for Discipline Inspection"),
        ("当选中央委员会候补委员", "中央委员会候补委员", "alternate member of the Central Committee"),
        # a trailing acronym is dropped (the term check would count it alone as the whole)
        ("国务院国有资产监督管理委员会委员", "国务院国有资产监督管理委员会委员",
         "member of the State-owned Assets Supervision and Administration Commission of the State "
         "Council"),
        # after a composed body (level + organ)
        ("县人大常委会委员", "县人大常委会委员",
         "member of the standing committee of the county people's congress"),
        ("市纪委委员", "市纪委委员", "member of the municipal commission for discipline inspection"),
        ("县委委员", "县委委员", "member of the county Party committee"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, True) in found(text, real_glossary)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 委员长 is another word (and an entry of its own)
        ("全国人大宪法和法律委员会委员长",
         [("全国人大宪法和法律委员会", "Constitution and Law Committee of the National People's Congress",
           False), ("委员长", "Chairman of the NPC Standing Committee", False)]),
        ("全国人大常委会副委员长", [("全国人大常委会副委员长", "Vice Chairman of the NPC Standing Committee",
                                 False)]),
        # a department has no members in this sense
        ("区委组织部委员", [("区委组织部", "organization department of the district Party committee",
                             True)]),
        # whole entries win
        ("全国政协委员", [("全国政协委员", "member of the CPPCC National Committee", False)]),
        ("中央委员", [("中央委员", "member of the CPC Central Committee", False)]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert found(text, real_glossary) == expected
