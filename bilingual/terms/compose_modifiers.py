"""Composition pass `modifier-term`: a scoping modifier written before a glossary term.

(Distinct from `terms.compose_scopes`, the pass that scopes a national slogan to a level: 依法治省.)

Party-press Chinese scopes a noun term with a level or a reach: 省级自然保护区, 县级重点实验室,
国家级高新技术产业开发区, 跨区域生态保护补偿. Official English puts a regular adjective before the
term's own English (provincial-level nature reserve, county-level key laboratory), so the matcher joins
the two (layer `composed`, note "省级 + 自然保护区 (modifier-term)") and the whole is protected as one
term. The modifier may be a glossary entry of its own (省级, 县级) or plain text (跨区域, 国家级).

Kept, each read in official English before more than one term:

| modifier | English | read in |
|---|---|---|
| 省级 | provincial-level | NHC 2021-11-05 "provincial-level medical facilities" (en.nhc.gov.cn/2021-11/05/c_85185.htm); Xinhua 2024-12-30 "provincial-level regions" (en.people.cn/n3/2024/1231/c90000-20260207.html); the entries 省级文物保护单位, 省级行政区 |
| 县级 | county-level | NHC 2021-11-05 "county-level hospitals"; Xinhua via China Daily 2012-10-24 "county-level medical institutions" (chinadaily.com.cn/business/2012-10/24/content_15843759.htm) |
| 国家级 | national-level | Xinhua 2026-02-13 "a national-level high-tech industrial development zone" (en.people.cn/n3/2026/0214/c90000-20426299.html); China Daily 2013-01-28 "national-level intangible cultural heritage"; the entries 国家级非遗代表性项目, 国家级烈士纪念设施 |
| 跨区域 | cross-regional | DRC 2020-06-23 "cross-regional governance", "cross-regional coordination" (en.drc.gov.cn/2020-06/23/c_775310.htm); the entry 跨行政区划法院 "court with cross-regional jurisdiction" |

Refused, with the reason: 跨省 (official English varies by term: cross-provincial settlement,
China Daily 2021; inter-provincial handling of government services and trans-provincial medical
treatment, the entries 跨省通办 and 跨省异地就医); 跨部门 (cross-departmental read in no official
English); 全过程 (whole-process read before one term only, whole-process people's democracy,
itself an entry); 全链条 (whole-chain and full-chain both in use); 全方位 (all-round read once);
横向 (horizontal read before eco-compensation only) and 纵向 (not read); 市级 (not read; municipal-
or city-level); 常态化 (regular or normalized by context; the entry keeps "regular").

Nothing is composed where the modifier ends or begins a longer word (it must start a word of
the sentence), or the term is a person, place, post, level, unit or organ (an organ after a
level is the `level-organ` rule's; a rank before officials is `rank-post`'s), a proper name, a
verb phrase (跨区域协调 coordinate), a term naming people, an administrative unit
(国家级贫困县: official English says "nationally designated"; 县级县城), or itself composed.
"""

from __future__ import annotations

from collections.abc import Callable

from . import compose_lists as lists
from .compose import COMPOSED, Piece, composed_piece, is_organ, is_post, verb_phrase
from .glossary import Entry

MODIFIERS = {
    "省级": "provincial-level",
    "县级": "county-level",
    "国家级": "national-level",
    "跨区域": "cross-regional",
}
REFUSED_CATEGORIES = frozenset(
    "person people place places country countries title level unit history".split()  # noqa: SIM905
)
# Administrative units: a scope before one names a designation official English words otherwise
# (国家级贫困县: a nationally designated poor county), or nothing (县级县城).
UNITS = frozenset(
    [
        *("province", "provinces", "county", "counties", "city", "cities", "district"),
        *("districts", "town", "towns", "township", "townships", "village", "villages"),
        *("seat", "seats", "prefecture", "prefectures"),
    ]
)
# Administrative terms that are zones (新区, 高新区, 开发区) take a scope; others are units or levels.
ZONES = frozenset(["zone", "zones", "area", "areas", "park", "parks"])


def takes_modifier(entry: Entry) -> bool:
    """Whether a term may take a scoping modifier before it (module docstring)."""
    words = entry.en.strip().split()
    if not words or entry.layer == COMPOSED or entry.category in REFUSED_CATEGORIES:
        return False
    if is_organ(entry) or is_post(entry) or verb_phrase(entry.en):
        return False
    if words[-1].lower() in lists.PEOPLE or words[0].lower() in ("the", "a", "an", "to"):
        return False
    if words[-1].lower() in UNITS or (entry.category == "admin" and words[-1] not in ZONES):
        return False
    return words[0][:1].islower()  # a generic noun phrase, not a proper name


def with_modifiers(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]
) -> list[Piece]:
    """`pieces` with each scoping modifier (an entry piece or plain text) and the term right
    after it joined into one piece."""
    out: list[Piece] = []
    for piece in pieces:
        start = _modifier_start(text, piece, out, at_word_start)
        if start is None or not takes_modifier(piece.entry):
            out.append(piece)
            continue
        if out and out[-1].start == start:
            out.pop()  # the modifier's own entry (省级)
        modifier = text[start : piece.start]
        en = f"{MODIFIERS[modifier]} {piece.entry.en.strip()}"
        note = f"{modifier} + {piece.zh} (modifier-term)"
        out.append(composed_piece(text, start, piece.end, en, note, piece.entry.category))
    return out


def _modifier_start(
    text: str, piece: Piece, before: list[Piece], at_word_start: Callable[[int], bool]
) -> int | None:
    """Where a scoping modifier right before `piece` starts: the piece before it, if that is
    one, or a modifier written there that no piece covers and that starts a word."""
    previous = before[-1] if before else None
    if previous is not None and previous.end == piece.start and previous.zh in MODIFIERS:
        return previous.start if previous.entry.layer != COMPOSED else None
    for zh in MODIFIERS:
        start = piece.start - len(zh)
        if start < 0 or text[start : piece.start] != zh or not at_word_start(start):
            continue
        if previous is None or previous.end <= start:
            return start
    return None
