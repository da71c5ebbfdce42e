"""Composition pass `task-body`: a body set up for a task, named after it, as one term.

Party and government set up a body for each task and name it by the task: 乡村振兴领导小组,
巡视工作领导小组, 防汛抗旱指挥部, 乡村振兴领导小组办公室. The glossary holds the task (a term) and the
national bodies whole (中央农村工作领导小组, 中央党的建设工作领导小组, 国家防汛抗旱总指挥部); the local
ones are regular, so the matcher joins the task and the body word here (layer `composed`, note
"X + body (task-body)"), and the whole is protected as one term:

| after X | English | read in (more than one official name each) |
|---|---|---|
| (工作)领导小组 | leading group for X | Central Leading Group for Party Building (中央党的建设工作领导小组, Xinhua 2024, en.people.cn/n3/2024/0404/c90000-20153224.html); Central Leading Group for COVID-19 Prevention and Control (SCIO Keywords 2020); Leading Group for the Military Parade (Xinhua 2025); Leading Group of the State Council for the Fifth National Economic Census (SCIO 2025) |
| (工作)领导小组办公室 | office of the leading group for X | Office of the Leading Group for the Military Parade (阅兵领导小组办公室, Xinhua 2025); the entry 领导小组办公室 "office of the leading group" |
| 指挥部 | X headquarters | State Flood Control and Drought Relief Headquarters (Xinhua via shine.cn, archive.shine.cn/nation/Xi-says-authorities-must-give-priority-to-peoples-safety/shdaily.shtml, 2021-07-22; gov.cn 2021-07-22); the entries 疫情防控指挥部 epidemic prevention and control headquarters (Shanghai Daily) and 防汛抗旱指挥部 flood control and drought relief headquarters (Xinhua) |

工作 between the task and 领导小组 is dropped, as the official names drop it (中央党的建设工作领导小组 →
Central Leading Group for Party Building). A level character before the task is the body's level,
as the `level-organ` rule puts a level before an organ (县 + 乡村振兴领导小组 → county leading group
for rural revitalization; 省 + 防汛抗旱指挥部, the glossary's whole → provincial flood control and
drought relief headquarters). Where an entry led by the level character straddles the level and
the task (县乡村 county, township and village, in 县乡村振兴领导小组), the pass reads them apart when
the rest up to the body word is a term. The headquarters takes a short task only (at most five
words, no preposition): the official names read "X headquarters", none "headquarters for X".

Left out, each because no one official pattern was read: 工作专班 and 专班 (the English press
writes task force, special task force, working group and special team: Global Times 2014-01-23,
Xinhua 2008 via chinascope.org/archives/2251, SCMP 2020); 办公室 after a task that is no body
(河长制办公室: no official English read); 联席会议 (joint meeting and joint conference are both
official: the glossary's 部际联席会议 inter-ministerial joint meeting and 部际联席会议制度
inter-ministerial joint conference system, english.www.gov.cn 2019). Also refused: a task that
is an organ, a person, a place, a post, a verb phrase, a proper name (capitalised English: the
article and verb an official name puts before it cannot be guessed) or a rendering with an
article; people (干部领导小组), a slogan (全面深化改革), a task of more than six words or with a comma
in its English (三农工作: work related to agriculture, rural areas and rural people), since the
official names' tasks are short noun phrases; a body word that begins a longer word (指挥部署:
command and deploy); the glossary's own whole (中央巡视工作领导小组: the matcher chooses it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import (
    COMPOSED,
    LEVELS,
    PERSONS,
    Lookup,
    Piece,
    composed_piece,
    generic,
    is_organ,
    verb_phrase,
)
from .glossary import Entry

BODY = re.compile(r"(?P<work>工作)?(?P<body>领导小组办公室|领导小组|指挥部)")
BODY_AT_END = re.compile(r".(领导小组办公室|领导小组|指挥部)$")
WORK = "工作"
TEMPLATES = {
    "领导小组": "leading group for {x}",
    "领导小组办公室": "office of the leading group for {x}",
    "指挥部": "{x} headquarters",
}
SHORT_ONLY = frozenset(["指挥部"])
CATEGORIES = {"领导小组": "party", "领导小组办公室": "party", "指挥部": "state"}
NOT_TASKS = frozenset(["person", "place", "title", "level", "unit", "head", "country", "slogan"])
MAX_WORDS = 6  # the official names' tasks are short noun phrases
# People and groups of people: a body is set up for a task, not named after people.
PEOPLE = PERSONS | frozenset(
    """people resident household farmer worker expert experts tourist tourists officer officers
    professional professionals national nationals foreigners masses public""".split()  # noqa: SIM905
)
PREPOSITIONS = frozenset("of for to in on with by at from against".split())  # noqa: SIM905
# Characters that continue a body word into another word (指挥部署 command and deploy).
LONGER = ("署", "长", "门")


def task_bodies(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """`pieces` with each task + body word joined into one piece, a level character before
    the task joined too (module docstring); the pieces inside the span are dropped."""
    out = list(pieces)
    for index in range(len(pieces)):
        joined = _body(text, pieces, index, at_word_start, lookup) or _straddled(
            text, pieces, index, at_word_start, lookup
        )
        if joined is not None:
            out = [p for p in out if p.end <= joined.start or p.start >= joined.end]
            out.append(joined)
    return sorted(out, key=lambda p: p.start)


def _task(piece: Piece, lookup: Lookup) -> Entry | None:
    """The task a piece names: its entry, or the term before a composed 工作 (乡村振兴工作, which
    `term-head` composed); None where it names no task (module docstring)."""
    entry = piece.entry
    if entry.layer == COMPOSED and entry.note.endswith(f"+ {WORK} (term-head)"):
        entry = lookup(piece.zh[: -len(WORK)])
        if entry is None:
            return None
    en = entry.en.strip()
    if not en or entry.category in NOT_TASKS or is_organ(entry) or verb_phrase(en):
        return None
    words = en.split()
    if words[0] in ("the", "a", "an") or (words[0][:1].isupper() and words[0] != "Party"):
        return None
    if (
        len(words) > MAX_WORDS
        or re.search(r"[,;:]", en)
        or PEOPLE.intersection(w.lower() for w in words)
    ):
        return None  # a clause, a list or people: no task a body is named after
    return entry


def _body(
    text: str, pieces: list[Piece], index: int, at_word_start: Callable[[int], bool],
    lookup: Lookup,
) -> Piece | None:  # fmt: skip
    piece = pieces[index]
    whole = BODY_AT_END.search(piece.zh)
    if whole is not None and generic(piece.entry.en) and piece.entry.layer != COMPOSED:
        # the glossary's whole body (疫情防控指挥部): only a level before it is joined
        joined = _with_level(pieces, index, piece.entry.en.strip())
        if joined is None:
            return None
        start, en = joined
        note = f"{pieces[index - 1].zh} + {piece.zh} (task-body)"
        return composed_piece(text, start, piece.end, en, note, piece.entry.category)
    after = BODY.match(text, piece.end)
    if after is None or (after["work"] and after["body"] in SHORT_ONLY):
        return None
    end = after.end()
    if text.startswith(LONGER, end) or not (end == len(text) or at_word_start(end)):
        return None
    if any(p.start < end < p.end for p in pieces[index + 1 :]):
        return None
    task = _task(piece, lookup)
    if task is None or lookup(piece.zh + after[0]) is not None:
        return None
    words = task.en.split()
    short = len(words) <= 5 and not PREPOSITIONS.intersection(words) and "," not in task.en
    if after["body"] in SHORT_ONLY and not short:
        return None
    en = TEMPLATES[after["body"]].format(x=task.en.strip())
    start, en = _with_level(pieces, index, en) or (piece.start, en)
    note = f"{piece.zh} + {after[0]} (task-body)"
    return composed_piece(text, start, end, en, note, CATEGORIES[after["body"]])


def _with_level(pieces: list[Piece], index: int, en: str) -> tuple[int, str] | None:
    """Where the body starts and its English with the level character just before it, if
    one is (县 + 乡村振兴领导小组 → county leading group for …), else None."""
    level = pieces[index - 1] if index else None
    if level is None or level.entry.category != "level" or level.end != pieces[index].start:
        return None
    adjective = LEVELS[level.zh]
    office = "office of the "
    if en.startswith(office):
        return level.start, f"{office}{adjective} {en[len(office) :]}"
    return level.start, f"{adjective} {en}"


def _straddled(
    text: str, pieces: list[Piece], index: int, at_word_start: Callable[[int], bool],
    lookup: Lookup,
) -> Piece | None:  # fmt: skip
    """A level character, a task and a body word where an entry led by the level character
    straddles the task (县乡村 in 县乡村振兴领导小组): the level and the task read apart, as the
    pieces this pass joins, or None."""
    piece = pieces[index]
    level = piece.zh[:1]
    after = BODY.search(text, piece.end, piece.end + 12)
    if level not in LEVELS or after is None:
        return None
    task_zh = text[piece.start + 1 : after.start()]
    task = lookup(task_zh)
    following = [p for p in pieces[index + 1 :] if p.start < after.start()]
    if task is None or any(p.end > after.start() for p in following):
        return None
    parts = [
        *pieces[:index],
        Piece(piece.start, piece.start + 1, Entry(level, LEVELS[level], category="level")),
        Piece(piece.start + 1, after.start(), task),
        *pieces[index + 1 + len(following) :],
    ]
    return _body(text, parts, index + 1, at_word_start, lookup)
