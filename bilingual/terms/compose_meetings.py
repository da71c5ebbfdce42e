"""Composition pass `meeting`: a numbered session or meeting of a body, as one term.

Party and state press names every meeting by the body's term and the session's number:
二十届中央纪委三次全会, 十四届全国人大三次会议, 全国政协十四届三次会议, 县委十五届七次全会,
全国人大常委会第十二次会议, 国务院第五次常务会议, 第十二次党代会. The body is a glossary term (or one
the other rules composed: 县委常委会, 省人大常委会); the numbers and the meeting word are written
around it. Official English puts the session first and the term before the body (sources below):

- [level][第]N届 + body + [第]M次 + meeting, or body + [第]N届 + [第]M次 + meeting →
  "<M-th> <meeting> of the <N-th> <body>": 二十届中央纪委三次全会 → third plenary session of the 20th
  Central Commission for Discipline Inspection; 十四届全国人大三次会议 → third session of the 14th
  National People's Congress; 全国政协十四届三次会议 → third session of the 14th National
  Committee of the CPPCC; 省十四届人大二次会议 → second session of the 14th provincial people's
  congress. A standing committee's term is its congress's: 十四届全国人大常委会第十二次会议 → 12th
  session of the Standing Committee of the 14th National People's Congress.
- body + [第]M次 + meeting, no term: 全国人大常委会第十二次会议 → 12th session of the Standing
  Committee of the National People's Congress; 国务院第五次常务会议 → fifth executive meeting of the
  State Council.
- N届 + an entry "<n>中全会" (fourth plenary session) with no body: a plenary session of the CPC
  Central Committee, as the glossary's own 二十届四中全会 (十七届四中全会 → fourth plenary session of
  the 17th CPC Central Committee).
- [level]第N次 + 党代会 / 党代表大会 → "<N-th> [<level>] Party congress" (第十二次党代会 → 12th Party
  congress; 省第十二次党代会 → 12th provincial Party congress).

The meeting word says what the meeting is: 全会 and 全体会议 a plenary session; 会议 a session of a
people's congress, a CPPCC committee or their standing committees, a meeting of a Party committee's
standing committee, and nothing else (another body's 会议 is refused: its English is unsure);
常务会议 an executive meeting. The numbers stay checked: `protect.checked_spans` checks each number
inside a composed term by value, so "fourth plenary session" for 三次全会 is a `number-mismatch`.

Sources: Xinhua, communiqué of the Third Plenary Session of the 20th Central Commission for
Discipline Inspection of the CPC (2024-01-10); Xinhua via People's Daily English, "the third
session of the 14th National People's Congress (NPC)", en.people.cn/n3/2025/0305/
c90000-20284757.html; "The Standing Committee of the 14th National People's Congress (NPC) will
convene its 11th session", en.people.cn/n3/2024/0828/c90000-20211137.html, and "the 32nd session
of the 13th NPC Standing Committee", en.people.cn/n3/2021/1221/c90000-9935403.html; "the third
session of the 14th CPPCC National Committee", Shanghai Daily (shine.cn), 2025-03-04; "the Seventh
Plenary Session of the 15th Central Committee of the CPC", china.org.cn (2002); State Council
executive meeting, english.www.gov.cn.

Refused (left to the MT, each number still protected and checked on its own): 扩大会议 and
全体（扩大）会议 (the press writes "enlarged" meetings in several orders, no one pattern found);
中国共产党X县第N届委员会第M次全体会议 (a place before 第N届委员会: the official English order of the
place and the term was not found for counties); a meeting word that begins a longer word
(会议室, 全会精神 is an entry of its own); a bare 常委会 (a Party committee's or a congress's: meeting
or session is unknown); numbers that are no numerals (届 or 次 after a word: 本届, 这次).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import ACRONYM, LEVELS, ORGAN_NOUNS, Lookup, Piece, composed_piece
from .glossary import Entry
from .numerals import NUMERAL, ordinal, value_of

TERM = rf"(?P<level>[{''.join(LEVELS)}])?第?(?P<term>{NUMERAL})届"
TERM_BEFORE = re.compile(TERM + "$")
TERM_INSIDE = re.compile(rf"第?(?P<term>{NUMERAL})届(?P<body>.+)")
AFTER = re.compile(
    rf"(?:第?(?P<term>{NUMERAL})届)?第?(?P<session>{NUMERAL})次"
    r"(?P<meeting>全体会议|全会|常务会议|会议)"
)
CONGRESS = re.compile(rf"(?P<level>[{''.join(LEVELS)}])?第(?P<session>{NUMERAL})次$")
PLENUM = re.compile(r"[一二三四五六七八九]中全会")
CONGRESS_TERMS = frozenset(["党代会", "党代表大会"])
# The bodies whose 会议 is a session (a legislature or advisory body) and whose is a meeting.
SESSION_BODY = re.compile(r"congress|consultative|CPPCC", re.IGNORECASE)
MEETING_BODY = re.compile(r"standing committee of the .*Party committee", re.IGNORECASE)
MEETINGS = {
    "全体会议": "plenary session",
    "全会": "plenary session",
    "常务会议": "executive meeting",
}
STANDING = re.compile(r"^(?P<sub>standing committee of the )(?P<body>.+)$", re.IGNORECASE)


def is_body(entry: Entry) -> bool:
    """A body that holds numbered sessions: an institution noun in its English (parentheses
    aside: National People's Congress (NPC)), not a post or a verb phrase."""
    if entry.category in ("title", "level", "unit", "head"):
        return False
    words = re.sub(r"\([^)]*\)", "", entry.en).lower().split()
    return bool(words) and any(w in ORGAN_NOUNS for w in words)


def _ordinal(numeral: str) -> str | None:
    value = value_of(numeral)
    return ordinal(int(value)) if value and value.is_integer() else None


def _meeting(word: str, body: str) -> str | None:
    """The English of a meeting word after a body, or None where it is unsure."""
    if word in MEETINGS:
        return MEETINGS[word]
    if MEETING_BODY.search(body):
        return "meeting"
    return "session" if SESSION_BODY.search(body) else None


def _of_term(body: str, term: str | None, level: str | None) -> str:
    """The body with its term's ordinal (and a level's adjective) before it; a standing
    committee's term is its congress's (Standing Committee of the 14th National …). A body's
    acronym is dropped: `check` would count it alone as the whole meeting ("NPC")."""
    body = re.sub(ACRONYM, "", body)
    body = body[4:] if body.startswith("the ") else body
    prefix = " ".join(w for w in (term, LEVELS.get(level or "")) if w)
    if not prefix:
        return body
    if standing := STANDING.match(body):
        return f"{standing['sub']}{prefix} {standing['body']}"
    return f"{prefix} {body}"


def _numbered(text: str, piece: Piece, taken: int, lookup: Lookup) -> Piece | None:
    """The numbered meeting around a body `piece`, or None; `taken` is where the piece
    before it ends (a term before the body must start after it)."""
    entry, start, term, level = piece.entry, piece.start, None, None
    if (inside := TERM_INSIDE.fullmatch(entry.zh)) and (body := lookup(inside["body"])):
        entry, term = body, inside["term"]  # 十四届全国人大 is an entry of its own
    elif before := TERM_BEFORE.search(text, max(taken, start - 8), start):
        start, term, level = before.start(), before["term"], before["level"]
    if not is_body(entry):
        return None
    after = AFTER.match(text, piece.end)
    if after is None or (term and after["term"]):
        return None
    term = term or after["term"]
    if level and after["meeting"] == "常务会议":
        return None
    meeting = _meeting(after["meeting"], entry.en)
    session = _ordinal(after["session"])
    term_en = _ordinal(term) if term else None
    if meeting is None or session is None or (term and term_en is None):
        return None
    en = f"{session} {meeting} of the {_of_term(entry.en, term_en, level)}"
    note = f"{entry.zh} + {after['meeting']} (meeting)"
    return composed_piece(text, start, after.end(), en, note, entry.category)


def _plenum_or_congress(text: str, piece: Piece, taken: int) -> Piece | None:
    """N届 + <n>中全会 (of the CPC Central Committee), or [level]第N次 + 党代会."""
    zh, en = piece.entry.zh, piece.entry.en
    if PLENUM.fullmatch(zh) and (before := TERM_BEFORE.search(text, taken, piece.start)):
        term = _ordinal(before["term"])
        if term is None or before["level"]:
            return None
        en = f"{en} of the {term} CPC Central Committee"
        return composed_piece(text, before.start(), piece.end, en, f"{zh} (meeting)", "party")
    if zh in CONGRESS_TERMS and (before := CONGRESS.search(text, taken, piece.start)):
        session = _ordinal(before["session"])
        if session is None:
            return None
        level = LEVELS.get(before["level"] or "")
        en = " ".join(w for w in (session, level, en) if w)
        return composed_piece(text, before.start(), piece.end, en, f"{zh} (meeting)", "party")
    return None


def meetings(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """`pieces` with each numbered meeting joined into one piece (see the module docstring);
    the meeting must end a word (会议室 is a room)."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        if out and out[-1].end > piece.start:
            continue  # inside the meeting composed just before
        taken = out[-1].end if out else 0
        joined = _plenum_or_congress(text, piece, taken) or _numbered(text, piece, taken, lookup)
        # A piece inside the span (全体会议, 常务会议) is part of it; one that crosses its end
        # would be cut in two: then nothing is composed.
        if joined is not None and _stands(text, joined.end, pieces[index + 1 :], at_word_start):
            out.append(joined)
        else:
            out.append(piece)
    return out


def _stands(
    text: str, end: int, following: list[Piece], at_word_start: Callable[[int], bool]
) -> bool:
    """Whether a meeting may end at `end`: a word ends there and no later piece crosses it."""
    ends_word = end == len(text) or at_word_start(end)
    return ends_word and not any(p.start < end < p.end for p in following)
