"""Composition pass `scope`: a national slogan rewritten for a province, city, county or district.

Local Party press rewrites 依法治国 (law-based governance) and 全面依法治国 for its own level:
依法治省, 全面依法治市, 依法治县, 依法治区. Official English of the provincial form names the
level as an adjective before "governance": the Ministry of Justice writes "the Commission for
Law-based Provincial Governance of Northwest China's Gansu province" for 甘肃省委全面依法治省委员会
(en.moj.gov.cn/2021-02/05/c_587793.htm), and the glossary's own 依法治省办 is the "office of the
provincial committee for law-based governance". So the pass takes the glossary's rendering of the
national form and puts the level's adjective (`compose.LEVELS`) before its "governance":
依法治省 → law-based provincial governance, 全面依法治市 → law-based municipal governance on all
fronts (as 全面依法治国 is law-based governance on all fronts). The whole must stand as words:
依法治理 (govern according to law) and 依法治市场 (… the market) are other words, and a longer
entry (依法治省办) wins, and so does an entry for the scoped form itself (a glossary may hold
依法治省 with a house rendering of its own: the pass then covers only the levels it lacks).

Refused, with the reason (each left to the MT and the glossary):

- 全省 / 全市 / 全县 + a term (全省乡村振兴工作, 全市高质量发展): official English writes the scope in
  several ways by sentence ("across the province", "the province's", "province-wide", "in the
  city"), so no one rendering can be protected; the term after it is matched on its own.
- other nouns after 依法治 (依法治校, 依法治企, 依法治村): not levels; 依法治网 (law-based cyberspace
  governance), 依法治军, 依法治疆 and 依法治藏 are entries with their own English.
- level substitution in other slogans (从严治省, 全面从严治党 → 治县): no official English of such
  a local form was found.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import COMPOSED, LEVELS, Lookup, Piece, composed_piece

SCOPED = re.compile(r"(?P<full>全面)?依法治(?P<level>[省市县区])")
NATIONAL = "依法治国"


def _scoped(text: str, m: re.Match[str], lookup: Lookup) -> Piece | None:
    """The scoped slogan `m` as a piece, from the glossary's national form; None if that
    form's English has no "governance" to scope."""
    national = lookup((m["full"] or "") + NATIONAL)
    if national is None or "governance" not in national.en:
        return None
    en = national.en.replace("governance", f"{LEVELS[m['level']]} governance", 1)
    note = f"{national.zh} + {m['level']} (scope)"
    return composed_piece(text, m.start(), m.end(), en, note, national.category)


def scopes(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """`pieces` with each scoped slogan (依法治省, 全面依法治市) as one piece, where it starts
    and ends a word and no piece crosses its ends."""
    out = list(pieces)
    for m in SCOPED.finditer(text):
        start, end = m.span()
        if not at_word_start(start) or not (end == len(text) or at_word_start(end)):
            continue
        if any(p.start < start < p.end or p.start < end < p.end for p in out):
            continue
        if any(p.start <= start and end <= p.end and p.entry.layer != COMPOSED for p in out):
            continue  # the glossary's own entry for the scoped form wins
        if (joined := _scoped(text, m, lookup)) is not None:
            out = [p for p in out if p.end <= start or p.start >= end]
            out = sorted([*out, joined], key=lambda p: p.start)
    return out
