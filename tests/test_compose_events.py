"""terms.compose_events through terms.matcher.match: a subject term + a meeting word (东西部协作
工作会议, 乡村振兴座谈会, 耕地保护研讨会), and the look-alikes that must stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_protected, found, match_json

from bilingual.terms.compose_events import MEETINGS
from bilingual.terms.compose_heads import HEADS, combine
from bilingual.terms.glossary import Entry, Glossary


# Composed: (sentence, the composed span, its English); the pattern's source is in its row.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # 工作会议: a short subject before (Xinhua: central rural work conference)
        ("召开东西部协作工作会议", "东西部协作工作会议", "east-west collaboration work conference"),
        ("全省粮食安全工作会议召开", "粮食安全工作会议", "food security work conference"),
        ("县里召开乡村振兴工作会议", "乡村振兴工作会议", "rural revitalization work conference"),
        # 座谈会: symposium on (Xinhua: symposium on boosting development of …)
        ("召开乡村振兴座谈会", "乡村振兴座谈会", "symposium on rural revitalization"),
        ("在粮食安全座谈会上讲话", "粮食安全座谈会", "symposium on food security"),
        ("全面从严治党座谈会", "全面从严治党座谈会",
         "symposium on full and rigorous Party self-governance"),
        ("河长制座谈会", "河长制座谈会", "symposium on the river chief system"),
        # 研讨会, 研讨班: seminar on (gov.cn: seminar on promoting rural revitalization)
        ("举办乡村振兴研讨班", "乡村振兴研讨班", "seminar on rural revitalization"),
        ("在耕地保护研讨会上", "耕地保护研讨会", "seminar on farmland protection"),
        # a level or 全省 before the whole stays out of the span; so does a verb
        ("省乡村振兴座谈会", "乡村振兴座谈会", "symposium on rural revitalization"),
        ("推进乡村振兴座谈会", "乡村振兴座谈会", "symposium on rural revitalization"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes and doubtful cases: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the meeting word begins a longer word
        ("粮食安全工作会议室", [("粮食安全", "food security")]),
        # a list before the meeting: it may be on every part
        ("乡村振兴、粮食安全座谈会", [("乡村振兴", "rural revitalization"),
                                      ("粮食安全", "food security"), ("座谈会", "symposium")]),
        ("耕地保护和粮食安全研讨会", [("耕地保护", "farmland protection"),
                                      ("粮食安全", "food security"), ("研讨会", "seminar")]),
        # people, organs, places, verb phrases hold no meeting
        ("党员座谈会", [("党员", "Party member"), ("座谈会", "symposium")]),
        ("纪委监委座谈会", [("纪委监委", "commission for discipline inspection and "
                                        "supervisory commission"), ("座谈会", "symposium")]),
        ("上海座谈会", [("上海", "Shanghai"), ("座谈会", "symposium")]),
        ("联农带农座谈会", [("联农带农", "link and lead farmers"), ("座谈会", "symposium")]),
        # 工作会议 composes short subjects only
        ("全面从严治党工作会议", [("全面从严治党", "full and rigorous Party self-governance"),
                                  ("工作会议", "work conference")]),
        # meeting words left out (module docstring): their entries keep their English
        ("乡村振兴培训班", [("乡村振兴", "rural revitalization"), ("培训班", "training course")]),
        ("乡村振兴推进会", [("乡村振兴", "rural revitalization"),
                            ("推进会", "work promotion meeting")]),
        ("乡村振兴现场会", [("乡村振兴", "rural revitalization"), ("现场会", "on-site meeting")]),
        ("乡村振兴动员大会", [("乡村振兴", "rural revitalization"),
                              ("动员大会", "mobilization meeting")]),
        ("乡村振兴论坛", [("乡村振兴", "rural revitalization"), ("论坛", "forum")]),
        # a proper name the glossary has whole
        ("中非合作论坛", [("中非合作论坛", "Forum on China-Africa Cooperation (FOCAC)")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected
    assert all(layer != "composed" for *_, layer in found(text, real_glossary))


@pytest.mark.parametrize(
    ("head", "en", "expected"),
    [
        ("工作会议", "rural", "rural work conference"),
        ("工作会议", "full and rigorous Party self-governance", None),
        ("座谈会", "common prosperity", "symposium on common prosperity"),
        ("座谈会", "household registration system", "symposium on the household registration system"),
        ("研讨会", "Belt and Road Initiative", None),  # a proper name
        ("研讨班", "deepen reform", None),  # a verb phrase
    ],
)  # fmt: skip
def test_combine(head: str, en: str, expected: str | None) -> None:
    assert combine(HEADS[head], Entry("某", en, category="economy")) == expected


def test_every_meeting_head_composes_with_a_term_of_any_glossary() -> None:
    glossary = Glossary(entries={"湿地": Entry("湿地", "wetland", category="ecology")})
    for head in MEETINGS:
        en = (head.short or head.long).format(x="wetland")
        assert found(f"召开湿地{head.zh}", glossary) == [(f"湿地{head.zh}", en, "composed")]


def test_a_meeting_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    assert_protected(real_glossary, "县里召开乡村振兴座谈会。", "乡村振兴座谈会",
                     "symposium on rural revitalization", "The county held a {marker}.")  # fmt: skip


def test_glossary_match_json_shows_the_subject_and_the_meeting_as_one_span() -> None:
    assert match_json("召开乡村振兴座谈会") == [
        {"start": 2, "end": 9, "zh": "乡村振兴座谈会", "en": "symposium on rural revitalization",
         "layer": "composed"}
    ]  # fmt: skip
