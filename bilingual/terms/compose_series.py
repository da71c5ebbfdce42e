"""Composition pass `isation-series`: a run of …化 words before the noun they qualify.

Party-press Chinese strings …化 words (market-ise, law-ise, internationalise) before a noun:
市场化、法治化、国际化营商环境, 革命化年轻化知识化专业化干部队伍. Official English renders each
as an adjective in a fixed list before the noun: "a market-oriented, law-based, and
internationalized business environment". The pass joins the run and the noun (a glossary term)
into one term when every word of the run is in `ADJECTIVES` (each with where it was read) and
there are at least two of them, written one after another or with 、 between.

Only the attributive use is composed. The same words used as adverbs or objects take their
English from the verb (推进制度化 institutionalize, 常态化开展 carry out regularly, 实现…规范化
make … standardized, 政治监督具体化、精准化、常态化 making political supervision more concrete,
targeted, and regular), so a run that is not followed by a noun term is left to the MT, as is
a run before a noun that is no term (原则, 水平, 建设, 方式: "in a market-oriented and law-based
manner" puts a preposition the run cannot give).

Left out: 国际化 (world-class in the 2024 Government Work Report's "market-oriented, law-based
and world-class business environment", the glossary's entry for the usual triple;
internationalized or international elsewhere: the English depends on the noun), 程序化 (procedure-based in the reports to the congresses, as remembered, but no
official text was read for it in this work), 具体化 and 精准化 (read only as comparatives after a
verb, "more concrete, targeted"), 一体化 (integrated, integration of: the glossary has its
compounds), 数字化 and 智能化 alone (digital, digitalized, smart, intelligent: by noun).
"""

from __future__ import annotations

from collections.abc import Callable

from .compose import Piece, composed_piece, verb_phrase

# Each …化 word and its adjective before a noun, with where the adjective was read.
ADJECTIVES = {
    # Government Work Report (English, 2024), the glossary's 市场化法治化国际化营商环境
    # "market-oriented, law-based and world-class business environment"; Premier Li Qiang at a
    # State Council study session, 2023-12-20, as reported in English (myglobalnews.net
    # 2023-12-22): "a business environment that is … market-oriented, and law-based".
    "市场化": "market-oriented",
    "法治化": "law-based",
    # theorychina.org.cn 2023-02-23, on rule-based Party self-governance: "the scientific,
    # institutionalized, and standardized measures to strengthen the Party".
    "科学化": "scientific",
    "制度化": "institutionalized",
    "规范化": "standardized",
    # CPC Constitution (English, 2022), the glossary's 革命化、年轻化、知识化、专业化.
    "革命化": "revolutionary",
    "年轻化": "younger",
    "知识化": "better educated",
    "专业化": "more professional",
    # Government Work Report (English, 2023), the glossary's 高端化智能化绿色化.
    "高端化": "high-end",
    "智能化": "smart",
    "绿色化": "green",
    # Keywords to Understand China, the glossary's 网格化 grid-based.
    "网格化": "grid-based",
}
SEPARATOR = "、"
PREPOSITIONS = frozenset("of for to in on with by at under from against".split())  # noqa: SIM905
# Categories of nouns a run may qualify (not people named one by one, places, slogans).
REFUSED_CATEGORIES = frozenset("person place places country countries slogan level".split())  # noqa: SIM905


def listed(words: list[str]) -> str:
    """English words as a list: "a and b", "a, b and c", as the Government Work Reports write
    "high-end, smart and green" (2023) and "market-oriented, law-based and world-class" (2024)."""
    return ", ".join(words[:-1]) + " and " + words[-1]


def series_before(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]
) -> list[Piece]:
    """Join each run of …化 adjectives (`ADJECTIVES`) and the noun term right after it."""
    out = list(pieces)
    for piece in pieces:
        noun = piece.entry
        if noun.category in REFUSED_CATEGORIES or verb_phrase(noun.en) or "," in noun.en:
            continue
        if noun.en.startswith(("the ", "a ", "an ")) or PREPOSITIONS & set(noun.en.split()):
            continue  # an article, or a head with a phrase after it (contingent of officials)
        words, start = _run(text, piece.start)
        inside = [p for p in out if p.start < piece.start and p.end > start]
        if len(words) < 2 or not at_word_start(start) or any(p.start < start for p in inside):
            continue  # one word, or a term runs into the run from before it
        en = f"{listed([ADJECTIVES[w] for w in words])} {noun.en}"
        note = f"{'、'.join(words)} + {noun.zh} (isation-series)"
        out = [p for p in out if p not in inside and p != piece]
        out.append(composed_piece(text, start, piece.end, en, note, noun.category))
    return sorted(out, key=lambda p: p.start)


def _run(text: str, end: int) -> tuple[list[str], int]:
    """The …化 words of `ADJECTIVES` written right before `end`, in order, and where they start."""
    words: list[str] = []
    start = end
    while True:
        word = next((w for w in ADJECTIVES if text[start - len(w) : start] == w), None)
        if word is None or start - len(word) < 0:
            break
        words.insert(0, word)
        start -= len(word)
        if text[start - 1 : start] == SEPARATOR and any(
            text[start - 1 - len(w) : start - 1] == w for w in ADJECTIVES
        ):
            start -= 1
    return words, start
