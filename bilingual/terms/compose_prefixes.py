"""Composition rule `prefix-term`: a 涉X or X式 adjective written before a noun glossary term.

Party-press Chinese qualifies a noun term with a bound adjective: 涉外 (foreign-related) in
涉外法律服务, 涉台 (Taiwan-related) in 涉台立法, 沉浸式 (immersive) in 沉浸式文化旅游. Official
English puts the adjective before the term's own English ("foreign-related legal services"),
so the adjective and the term are joined into one term (layer `composed`, note
"涉外 + 法律服务 (prefix-term)") and protected whole.

The adjective is itself a glossary entry (涉外, 涉台, 沉浸式 …) and stays one where no noun term
follows it; the rule joins it only to the term right after it:

- a 涉X entry whose English is one "…-related" adjective (涉外 foreign-related, 涉台 Taiwan-related,
  涉港, 涉疆, 涉藏) — the class, read in the entries' sources (MFA press conferences) and:

| prefix | English | read in |
|---|---|---|
| 涉外 | foreign-related | Xinhua via gov.cn 2023-11-28 "foreign-related rule of law", "foreign-related legal system" (english.www.gov.cn/news/202311/28/content_WS65658e5dc6d0868f4e8e1b37.html); MOJ 2019-06-26 "foreign-related legal services", "foreign-related litigation and arbitration" (en.moj.gov.cn/2019-06/26/c_384461.htm) |
| 涉台, 涉港, 涉疆, 涉藏 | Taiwan-related … | MFA regular press conferences (the entries); the entries 涉台问题 Taiwan-related issues, 涉台工作 Taiwan-related work (SCIO 2023-09-28) |

- an X式 adjective in `STYLES`:

| adjective | English | read in |
|---|---|---|
| 沉浸式 | immersive | China Daily 2023-08-12 "immersive tourism", "immersive tourist experiences" (chinadaily.com.cn/a/202308/12/WS64d7279fa31035260b81bbd7.html); China Daily 2025-06-17 "immersive experience"; People's Daily "immersive experiences", "immersive performances" |
| 闭环式 | closed-loop | CGTN 2022-01-04 "closed-loop management" (news.cgtn.com/news/2022-01-04/Pandemic-prevention-official-explains-closed-loop-management--16y5H0ATmZq); Beijing 2022 organizers "closed-loop system" |

Refused, each because official English gives no one pattern or none was read:
涉企 ("business-related charges", the entry 涉企收费; "administrative law enforcement with regard
to enterprises", the entry 涉企行政执法; "administrative inspections involving enterprises", State
Council General Office Guobanfa [2024] No. 54: three patterns); 涉侨 ("cases involving overseas
Chinese" and "overseas Chinese-related cases" in one Xinhua story, 2025-01-09); 涉黑 and 涉恶
(gang-related, but 涉黑犯罪 "mafia-style gang crimes", 涉恶 "involving criminal gangs": the entries
differ); 涉法涉诉 (one entry only, 涉法涉诉信访 "petitions involving law and litigation"); 涉农,
涉密, 涉案 (no official English read; 涉案 is postposed, "… involved in the case"); 嵌入式 (the
State Council's 2023 plan: "built-in service facilities" on gov.cn, "service facilities embedded
in urban communities" in Xinhua, "community-embedded" in China News Service: no one adjective);
开放式, 保姆式, 菜单式, 点单式 (no official English read). Their words keep their own entries, if
any, and the term its own English.

Nothing is composed where the term takes no modifier (`compose_modifiers.takes_modifier`: a
person, place, post, level, unit or organ, a proper name, a verb phrase, a term naming people)
or is itself composed, or where the glossary has the whole (涉台问题, 涉外案件, 涉企收费: the
longer entry is matched first). An adjective written in quotation marks (“沉浸式”体验) is not
adjacent to the term and stays apart.
"""

from __future__ import annotations

import re

from . import compose_modifiers as modifiers  # read at call time: either may be imported first
from .compose import COMPOSED, Lookup, Piece, register

# X式 adjectives (each a glossary entry of its own) and their English; sources in the docstring.
STYLES = {
    "沉浸式": "immersive",
    "闭环式": "closed-loop",
}
# A 涉X entry rendered as one "…-related" adjective (Taiwan-related, Hong Kong-related).
RELATED = re.compile(r"^[A-Z][\w' -]*-related$|^foreign-related$")
REFUSED_PREFIXES = frozenset(["涉企", "涉侨", "涉黑", "涉恶", "涉农", "涉密", "涉案"])


def adjective(entry_zh: str, entry_en: str) -> str | None:
    """The English adjective of a 涉X or X式 entry this rule joins to a term, else None."""
    if entry_zh in STYLES:
        return STYLES[entry_zh]
    related = len(entry_zh) == 2 and entry_zh[0] == "涉" and RELATED.match(entry_en)
    if related and entry_zh not in REFUSED_PREFIXES:
        return entry_en
    return None


def _prefix_term(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    if left.entry.layer == COMPOSED or not modifiers.takes_modifier(right.entry):
        return None
    en = adjective(left.zh, left.entry.en.strip())
    return None if en is None else f"{en} {right.entry.en.strip()}"


register("prefix-term", _prefix_term)
