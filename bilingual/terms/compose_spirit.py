"""Composition pass `guiding-principles`: a meeting, document or speech + 精神, as one term.

Party-press Chinese follows a meeting, a document or a speech with 精神 (学习贯彻中央经济工作会议精神,
传达学习全国两会精神, 深入学习贯彻党的二十届四中全会精神); official English renders the whole "the guiding
principles of X", the glossary's own form for the entries 全会精神, 会议精神, 讲话精神 and
党的二十大精神. X is a glossary term or a span another rule composed (a numbered session:
二十届中央纪委三次全会精神 → the guiding principles of the third plenary session of the 20th Central
Commission for Discipline Inspection); the whole is protected as one term (layer `composed`, note
"X + 精神 (guiding-principles)"). A 党的 just before X joins the span, as in the entries
党的二十大精神 and 党的二十届三中全会精神.

X is a meeting, document or speech when the head noun of its English (the word before its first
of/for/to, else its last) is one of `HEADS` (session, conference, congress, meeting, plenum,
speech, instructions, report, decision, document …). A people's congress or a political
consultative conference is a standing body, not a meeting: 全国人大 + 精神 is refused, while the
session composed from it (十四届全国人大三次会议精神) is a meeting.

The entries 全会精神 and 会议精神 take the meeting word of a numbered session (二十届中央纪委三次全会精神
matches 中央纪委 and 全会精神): the pass gives the meeting word back to `terms.compose_meetings`
and, where a session is composed, adds 精神 to it.

Sources: Xinhua, "study and implement the guiding principles of the second plenary session of the
20th Communist Party of China (CPC) Central Committee" (en.people.cn/n3/2023/0302/
c90000-10215058.html); Xinhua, "the guiding principles of the third plenum of the 20th CPC
Central Committee" (en.people.cn/n3/2024/0731/c90000-20200613.html); China Daily, "implementing
the guiding principles of the 20th CPC National Congress" (en.people.cn/n3/2022/1027/
c90000-10163805.html); the glossary's 全会精神, 会议精神, 讲话精神 (Xinhua English).

Refused, the parts left apart: 精神 after anything else (民族精神, 雷锋精神, 中国精神 are entries of
another sense, "spirit"; 企业家 + 精神 is no meeting); a meeting of history (category `history`:
遵义会议精神, 古田会议精神 are spirits of the Party's lineage, "the Zunyi Meeting spirit"); a term whose
Chinese ends in no meeting, document or speech word (`ZH_ENDS`: 举报 report, 一站式多元解纷
dispute resolution, 不见面审批 approval without face-to-face meetings); a term whose whole with 精神 is an entry (the
matcher already chose it); 精神 that begins a longer word (精神文明, 精神实质, 精神面貌); X a verb
phrase, a body (委员会, 人大, 政协), a person, a place or a post.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import compose_meetings as meetings
from .compose import ACRONYM, Lookup, Piece, composed_piece, verb_phrase
from .glossary import Entry

SPIRIT = "精神"
PARTY = "党的"
# Head nouns of the English of a meeting, a document or a speech.
HEADS = frozenset(
    """session sessions conference conferences congress meeting meetings plenum plenums
    speech speeches address remarks instructions instruction report reports decision
    decisions document documents communique communiqué resolution opinions""".split()  # noqa: SIM905
)
# The Chinese words a meeting, document or speech ends in (会: 大会, 全会, 座谈会, 两会, 党代会).
ZH_ENDS = ("会", "会议", "会晤", "报告", "文件", "讲话", "演讲", "致辞", "决定", "决议", "意见", "公报",
           "指示", "批示", "学习")  # fmt: skip
PREPOSITIONS = frozenset("of for to on in at by with without from about between among".split())  # noqa: SIM905
# Standing bodies whose English ends in a meeting noun (Congress, Conference).
BODIES = re.compile(r"people's congress|consultative conference|^(the |US |U\.S\. )?congress$",
                    re.IGNORECASE)  # fmt: skip
BODY_HEADS = frozenset(["congress", "conference"])
# 精神 starting a longer word: spiritual civilization, the essence of, the outlook.
LONGER = ("文明", "实质", "面貌", "状态", "力量", "家园", "谱系", "食粮", "生活", "文化")
# History's meetings are remembered for their spirit (遵义会议精神 the Zunyi Meeting spirit, 古田会议精神),
# not implemented by guiding principles; the rest name no meeting.
NOT_MEETINGS = frozenset(
    ["person", "place", "title", "level", "unit", "head", "country", "history"]
)
# Entries "<meeting word>精神" that take the meeting word of a numbered session.
MEETING_WORDS = frozenset(["全会", "会议", "全体会议", "常务会议"])


def is_meeting(entry: Entry) -> bool:
    """Whether a term names a meeting, a document or a speech (module docstring): by the
    Chinese word it ends in and by the head noun of its English."""
    en = re.sub(ACRONYM, "", entry.en).strip()
    if not en or entry.category in NOT_MEETINGS or verb_phrase(en):
        return False
    if not entry.zh.endswith(ZH_ENDS) or en.split()[0] in ("a", "an"):
        return False  # a description (a congress of holding the banner high …), no name
    words = en.split()
    head = next((words[i - 1] for i, w in enumerate(words) if w in PREPOSITIONS and i), words[-1])
    head = head.lower()
    return head in HEADS and not (head in BODY_HEADS and BODIES.search(en))


def guiding_principles(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """`pieces` with each meeting, document or speech followed by 精神 joined with it into
    one piece, and numbered sessions given back their meeting word by an entry
    <meeting word>精神 (module docstring)."""
    out = list(pieces)
    index = 0
    while index < len(out):
        joined = _returned(text, out, index, at_word_start, lookup) or _spirit(
            text, out, index, at_word_start, lookup
        )
        if joined is not None:
            out = [p for p in out if p.end <= joined.start or p.start >= joined.end]
            out.append(joined)
            out.sort(key=lambda p: p.start)
            index = out.index(joined)
        else:
            index += 1
    return out


def _spirit(
    text: str, pieces: list[Piece], index: int, at_word_start: Callable[[int], bool],
    lookup: Lookup,
) -> Piece | None:  # fmt: skip
    piece = pieces[index]
    end = piece.end + len(SPIRIT)
    if text[piece.end : end] != SPIRIT or not is_meeting(piece.entry):
        return None
    if text.startswith(LONGER, end) or not (end == len(text) or at_word_start(end)):
        return None
    if lookup(piece.zh + SPIRIT) is not None or _crossed(pieces[index + 1 :], end):
        return None  # the glossary's whole (chosen by the matcher, or refused at a boundary)
    start = piece.start
    taken = pieces[index - 1].end if index else 0
    if text[start - len(PARTY) : start] == PARTY and start - len(PARTY) >= taken:
        start -= len(PARTY)  # 党的二十届四中全会精神, as the entry 党的二十届三中全会精神
    meeting = re.sub(ACRONYM, "", piece.entry.en).strip()
    meeting = meeting[4:] if meeting.startswith("the ") else meeting
    en = f"the guiding principles of the {meeting}"
    note = f"{piece.zh} + {SPIRIT} (guiding-principles)"
    return composed_piece(text, start, end, en, note, piece.entry.category or "slogan")


def _returned(
    text: str, pieces: list[Piece], index: int, at_word_start: Callable[[int], bool],
    lookup: Lookup,
) -> Piece | None:  # fmt: skip
    """An entry <meeting word>精神 after a body (中央纪委 + 全会精神): the numbered session
    `compose_meetings` composes with the meeting word alone, and 精神 after it, or None."""
    piece = pieces[index]
    word = piece.zh[: -len(SPIRIT)]
    if not index or word not in MEETING_WORDS or not piece.zh.endswith(SPIRIT):
        return None
    cut = piece.start + len(word)
    alone = Piece(piece.start, cut, Entry(word, "", category="head"))
    trial = meetings.meetings(
        text, [*pieces[:index], alone], lambda i: i == cut or at_word_start(i), lookup
    )
    session = next((p for p in trial if p.end == cut and p is not alone), None)
    if session is None or session.entry.layer != "composed":
        return None
    joined = [*trial[: trial.index(session)], session]
    return _spirit(text, joined, len(joined) - 1, lambda i: i == piece.end or at_word_start(i),
                   lookup)  # fmt: skip


def _crossed(following: list[Piece], end: int) -> bool:
    return any(p.start < end < p.end for p in following)
