"""terms.compose_spirit through terms.matcher.match: a meeting, document or speech + 精神 is
"the guiding principles of" it, and the look-alikes (spirits, bodies) that must stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_one_span, assert_restored

from bilingual.terms.compose_spirit import is_meeting
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


GP = "the guiding principles of the"


# Composed: (sentence, the composed span, its English); the pattern read in Xinhua (module
# docstring: "the guiding principles of the second plenary session …", 2023-03-02).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # a conference entry
        ("学习贯彻中央经济工作会议精神", "中央经济工作会议精神",
         f"{GP} Central Economic Work Conference"),
        ("传达学习全国两会精神。", "全国两会精神", f"{GP} annual two sessions"),
        ("会议传达了中央农村工作会议精神和省委的部署", "中央农村工作会议精神",
         f"{GP} Central Rural Work Conference"),
        # a document or a report
        ("认真学习贯彻中央一号文件精神", "中央一号文件精神", f"{GP} No. 1 central document"),
        ("学习贯彻政府工作报告精神", "政府工作报告精神", f"{GP} government work report"),
        ("深入学习党的二十大报告精神", "党的二十大报告精神",
         f"{GP} report to the 20th CPC National Congress"),
        # a plenary session entry, 党的 before it joins the span
        ("深入学习贯彻党的二十届四中全会精神", "党的二十届四中全会精神",
         f"{GP} fourth plenary session of the 20th CPC Central Committee"),
        # a session composed by compose_meetings
        ("深入学习贯彻省第十二次党代会精神", "省第十二次党代会精神",
         f"{GP} 12th provincial Party congress"),
        # … whose meeting word the entries 全会精神 / 会议精神 had taken
        ("学习二十届中央纪委三次全会精神", "二十届中央纪委三次全会精神",
         f"{GP} third plenary session of the 20th Central Commission for Discipline Inspection"),
        ("学习贯彻十四届全国人大三次会议精神", "十四届全国人大三次会议精神",
         f"{GP} third session of the 14th National People's Congress"),
        ("学习贯彻全国人大常委会第十二次会议精神", "全国人大常委会第十二次会议精神",
         f"{GP} 12th session of the Standing Committee of the National People's Congress"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes: (sentence, what is matched, zh and en), none composed by this pass.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 精神 in its other sense: entries of their own
        ("弘扬民族精神", [("民族精神", "national spirit")]),
        ("发扬企业家精神", [("企业家精神", "spirit of entrepreneurship")]),
        ("学习雷锋精神", [("雷锋精神", "Lei Feng spirit")]),
        # a meeting of history has a spirit (遵义会议精神 the Zunyi Meeting spirit)
        ("弘扬遵义会议精神", [("遵义会议", "Zunyi Meeting")]),
        # a standing body, no meeting
        ("学习贯彻全国人大精神", [("学习贯彻", "study and implement"),
                                  ("全国人大", "National People's Congress (NPC)")]),
        # 精神 begins a longer word
        ("政府工作报告精神文明", [("政府工作报告", "government work report"),
                                  ("精神文明", "cultural and ethical progress")]),
        # the glossary's own whole wins
        ("学习党的二十大精神", [("党的二十大精神",
                                 "the guiding principles of the 20th CPC National Congress")]),
        # a meeting word without a number: the entry 全会精神 stays
        ("省委全会精神", [("省委", "provincial Party committee"),
                          ("全会精神", "the guiding principles of the plenary session")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    matches = match(text, real_glossary)
    assert [(m.surface, m.entry.en) for m in matches] == expected
    assert not any(m.entry.note.endswith("(guiding-principles)") for m in matches)


@pytest.mark.parametrize(
    ("entry", "meeting"),
    [
        (Entry("中央经济工作会议", "Central Economic Work Conference", category="economy"), True),
        (Entry("政府工作报告", "government work report", category="economy"), True),
        (Entry("中央一号文件", "No. 1 central document", category="rural"), True),
        (Entry("重要讲话", "important speech", category="state"), True),
        (Entry("全国人大", "National People's Congress (NPC)", category="state"), False),
        (Entry("全国政协", "National Committee of the Chinese People's Political Consultative "
               "Conference", category="state"), False),  # a body
        (Entry("举报", "report", category="discipline"), False),  # no meeting word in Chinese
        (Entry("一站式多元解纷", "one-stop diversified dispute resolution", category="law"), False),
        (Entry("遵义会议", "Zunyi Meeting", category="history"), False),  # its spirit
        (Entry("征求意见", "solicit opinions", category="state"), False),  # a verb phrase
        (Entry("美国国会", "US Congress", category="foreign"), False),  # a legislature
    ],
)  # fmt: skip
def test_is_meeting(entry: Entry, meeting: bool) -> None:
    assert is_meeting(entry) is meeting


def test_a_composed_span_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    assert_restored(
        real_glossary,
        "各地认真学习贯彻中央经济工作会议精神。",
        "中央经济工作会议精神",
        f"{GP} Central Economic Work Conference",
    )


def test_glossary_match_json_shows_it_as_one_span() -> None:
    assert_one_span("全国两会精神", f"{GP} annual two sessions")
