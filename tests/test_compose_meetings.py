"""terms.compose_meetings through terms.matcher.match: a numbered session or meeting of a body
composes into "<session> <meeting> of the <term> <body>"; look-alikes do not. The numbers inside
the composed term stay checked: a wrong ordinal in the English is a number-mismatch."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, bool]]:
    """(surface, English, whether composed) of each match."""
    return [(m.surface, m.entry.en, m.entry.layer == "composed") for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English). Patterns: Xinhua (CCDI communiqué
# 2024; NPC and NPC Standing Committee sessions, en.people.cn 2021-2025), Shanghai Daily
# (CPPCC 2025), china.org.cn (plenary sessions of the Central Committee), gov.cn.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # term + body + session + meeting
        ("二十届中央纪委三次全会在京召开", "二十届中央纪委三次全会",
         "third plenary session of the 20th Central Commission for Discipline Inspection"),
        ("十四届全国人大三次会议开幕", "十四届全国人大三次会议",
         "third session of the 14th National People's Congress"),
        ("省十四届人大二次会议闭幕", "省十四届人大二次会议",
         "second session of the 14th provincial people's congress"),
        ("十四届全国人大常委会第十二次会议审议", "十四届全国人大常委会第十二次会议",
         "12th session of the Standing Committee of the 14th National People's Congress"),
        # body + term + session + meeting
        ("全国政协十四届三次会议在京开幕", "全国政协十四届三次会议",
         "third session of the 14th National Committee of the Chinese People's Political "
         "Consultative Conference"),
        ("市委十四届七次全会召开", "市委十四届七次全会",
         "seventh plenary session of the 14th municipal Party committee"),
        ("县委第十五届第七次全体会议", "县委第十五届第七次全体会议",
         "seventh plenary session of the 15th county Party committee"),
        # body + session + meeting, no term
        ("全国人大常委会第十二次会议", "全国人大常委会第十二次会议",
         "12th session of the Standing Committee of the National People's Congress"),
        ("省人大常委会第十次会议表决通过", "省人大常委会第十次会议",
         "tenth session of the standing committee of the provincial people's congress"),
        ("县委常委会第十二次会议研究", "县委常委会第十二次会议",
         "12th meeting of the standing committee of the county Party committee"),
        ("国务院第五次常务会议", "国务院第五次常务会议", "fifth executive meeting of the State Council"),
        # a plenary session of the Central Committee; a Party congress
        ("十七届四中全会", "十七届四中全会", "fourth plenary session of the 17th CPC Central Committee"),
        ("第十二次党代会", "第十二次党代会", "12th Party congress"),
        ("省第十二次党代会报告", "省第十二次党代会", "12th provincial Party congress"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, True) in found(text, real_glossary)


# Not composed: (sentence, the surfaces of what is matched, none of them a meeting).
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("中央纪委会议室", ["中央纪委"]),  # 会议室 is a room
        ("政府三次会议", []),  # a government's 会议: session or meeting is unsure
        ("这次会议很重要", []),  # no body, no numeral
        ("本届中央纪委", ["中央纪委"]),  # 本届: no numeral
        ("三次全会精神", ["全会精神"]),  # no body
        ("常委会第三次会议", ["常委会"]),  # a bare standing committee: Party or congress?
        # 全会精神 crosses the end: compose_spirit gives the meeting word back (its test)
        ("中央纪委三次全会精神", ["中央纪委三次全会精神"]),
        ("县委十五届七次扩大会议", ["县委", "扩大会议"]),  # enlarged meetings: refused
        ("省第五次常务会议", ["常务会议"]),  # a level, no body
        ("二十届四中全会", ["二十届四中全会"]),  # the glossary's own entry wins
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, surfaces: list[str]) -> None:
    matches = match(text, real_glossary)
    assert [m.surface for m in matches] == surfaces
    assert not any(m.entry.note.endswith("(meeting)") for m in matches)


def test_glossary_match_json_shows_the_meeting(real_glossary: Glossary) -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "十四届全国人大三次会议", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 11, "zh": "十四届全国人大三次会议",
         "en": "third session of the 14th National People's Congress", "layer": "composed"}
    ]  # fmt: skip


def test_a_meeting_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    analysis = analyse("二十届中央纪委三次全会在京召开。", "body", real_glossary)
    protected = protect(analysis)
    assert protected.text == "ZZ1ZZ在京召开。"
    en = restore("ZZ1ZZ opened in Beijing.", protected)
    assert en == (
        "Third plenary session of the 20th Central Commission for Discipline Inspection "
        "opened in Beijing."
    )
    assert check(analysis, en) == []


# A wrong or missing number in the English of a composed meeting: (English, flagged Chinese).
@pytest.mark.parametrize(
    ("en", "missing"),
    [
        ("The fourth session of the 14th National People's Congress met in Beijing.", ["三"]),
        ("The third session of the 13th National People's Congress met in Beijing.", ["十四"]),
        ("The session of the National People's Congress met in Beijing.", ["十四", "三"]),
    ],
)
def test_a_wrong_ordinal_in_a_meeting_is_flagged(
    real_glossary: Glossary, en: str, missing: list[str]
) -> None:
    analysis = analyse("十四届全国人大三次会议在京召开。", "body", real_glossary)
    flags = check(analysis, en)
    numbers = [f.detail.split(" ", 1)[0] for f in flags if f.code == "number-mismatch"]
    assert numbers == missing
    assert any(f.code == "term-miss" for f in flags)  # the rendering itself is gone too
    right = "The third session of the 14th National People's Congress met in Beijing."
    assert check(analysis, right) == []
