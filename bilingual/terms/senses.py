"""Renderings by context: a short term whose English depends on the field of its sentence.

Some short terms have two established senses in two fields, and the press writes them bare:
一审 is a bill's first reading in a legislature's report (草案提请一审) and a first-instance
trial in a court's (一审公开开庭); 校长 heads a school (principal) or a university (president);
团长 commands a regiment or heads a delegation (访华团团长). Compound entries cover the set
phrases (一审判决, 二审稿, 代表团团长), but the bare term still needs the right sense where it
stands alone. So each such term lists its senses with the words that signal them (`SENSES`),
and a match takes the sense whose cue stands nearest to it in the same sentence; with no cue
it keeps its entry's rendering. This is the same idea as `compose.CONTEXTS` (部长 in a
ministry is a minister), for a context that is a field rather than an adjacent organ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .glossary import Match

SENTENCE_END = re.compile(r"[。！？；!?;\n]")


@dataclass(frozen=True)
class Sense:
    """One rendering of a term and the words of a sentence that select it."""

    en: str
    cues: tuple[str, ...]


# Words of court reports and of legislative reports (no single characters: 案 is in 草案).
COURT = ("判决", "宣判", "开庭", "法院", "被告", "原告", "上诉", "判处", "被判", "庭审", "审理",
         "案件", "一案", "该案", "此案", "公诉", "维持原判", "改判", "有期徒刑", "受贿")  # fmt: skip
BILL = ("草案", "审议", "提请", "常委会", "人大", "立法", "修订", "修正", "法律案", "议程")
SENSES: dict[str, tuple[Sense, ...]] = {
    "一审": (Sense("first reading", BILL), Sense("first-instance trial", COURT)),
    "二审": (Sense("second reading", BILL), Sense("second-instance trial", COURT)),
    "校长": (
        Sense("president", ("大学", "学院", "高校", "高等学校")),
        Sense("principal", ("中学", "小学", "幼儿园", "中小学", "学校")),
    ),
    "团长": (
        Sense("head of the delegation", ("代表团", "访华团", "访问团", "考察团", "率团")),
        Sense("regiment commander", ("部队", "解放军", "军区", "战区", "旅长", "营长")),
    ),
}


def by_context(text: str, matches: Sequence[Match]) -> list[Match]:
    """`matches` with each term of `SENSES` given the sense its sentence signals."""
    out = []
    for m in matches:
        senses = SENSES.get(m.entry.zh)
        sense = _nearest(text, m, senses) if senses else None
        if sense is not None and sense.en != m.entry.en:
            note = f"{sense.en} in this context (cue nearby); {m.entry.note}".rstrip("; ")
            m = replace(m, entry=replace(m.entry, en=sense.en, note=note))
        out.append(m)
    return out


def _nearest(text: str, m: Match, senses: tuple[Sense, ...]) -> Sense | None:
    """The sense with a cue closest to `m` in its sentence (outside the term), if any."""
    start = max((e.end() for e in SENTENCE_END.finditer(text, 0, m.start)), default=0)
    end = found.start() if (found := SENTENCE_END.search(text, m.end)) else len(text)
    best: tuple[int, Sense] | None = None
    for sense in senses:
        for cue in sense.cues:
            for hit in re.finditer(re.escape(cue), text[start:end]):
                first, last = start + hit.start(), start + hit.end()
                if first < m.end and last > m.start:
                    continue  # the cue overlaps the term itself
                gap = m.start - last if last <= m.start else first - m.end
                if best is None or gap < best[0]:
                    best = (gap, sense)
    return best[1] if best else None
