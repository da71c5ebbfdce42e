"""Composition pass `mission`: diplomatic missions, their posts, and delegations, as one term.

Foreign-news Chinese names a mission by where it is: [sender] + 驻 + place + mission
(中国驻哈萨克斯坦大使馆, 美国驻华大使馆, 中国常驻联合国代表团), and its head by the same pattern
without the mission (中国驻哈萨克斯坦大使, 驻美国大使). The glossary holds the sender, the place
and the mission or post words; this pass joins them (layer `composed`, note "… (mission)"):

- China as sender (中国, 我国): "Chinese Embassy in Kazakhstan", "Chinese Consulate General in
  Geneva", "Chinese ambassador to Kazakhstan" (the press's own usage, below); another country:
  "Embassy of the United States in China", "ambassador of Japan to China" (the formal order of the
  missions' own names); no sender: "Embassy in Kazakhstan", "ambassador to the United States".
- A mission to an international organization (驻/常驻 + organization + 代表团): "Mission of China to
  the United Nations", "Permanent Mission of China to the United Nations" with 常驻 (the mission's
  own name); 代表团 after a country is a delegation, not a mission: refused after 驻.
- A post written after the mission: "<post> of the <mission>" (中国驻美国大使馆参赞 → counselor of
  the Chinese Embassy in the United States).
- A delegation (sender + 代表团, no 驻): 中国代表团 → Chinese delegation; a country, a place or a
  body → "delegation of X" (哈萨克斯坦代表团 → delegation of Kazakhstan, 越南共产党代表团 →
  delegation of the Communist Party of Vietnam); 政府代表团 → government delegation, 议会代表团 →
  parliamentary delegation. 国会代表团 (congressional delegation) is an entry of its own.

An embassy (大使馆, 使馆) and an ambassador are in a country; a consulate (总领事馆, 领事馆) and a
consul general in a country or a place; 驻华 is "in China" / "to China".

Sources: "The Chinese Embassy in Kazakhstan is located in Astana City and consulate-general in
Almaty", MFA of Kazakhstan, mfa.kz (Kazakhstan - China); "Chinese Ambassador to Kazakhstan Zhang
Hanhui", Kazinform (2017); "the Chinese Consulate General in Almaty", China News Service (2022);
"Permanent Mission of the People's Republic of China to the United Nations" and "Counsellor … of
the Chinese Delegation", un.china-mission.gov.cn; "the Permanent Mission of the People's Republic of
China to the United Nations Agencies in Rome", Xinhua via en.people.cn/n3/2025/1017/
c90000-20378861.html; "Embassy of the People's Republic of China in the Republic of Kazakhstan"
(the embassy's own letter, chinastudies.kz, 2024).

Refused, each left to the MT and the glossary: 驻 that is no "stationed in a country" (驻村,
驻地, 驻守, 驻军, 驻扎, 派驻: no place and mission or post after it, or 驻 inside a word; 驻村工作队 is
an entry, village-based work team); 代表处 (representative office, office of …: the English
depends on the host, e.g. with no diplomatic relations); 驻 + a place that is no glossary term
(驻阿拉木图总领事馆: the city's English is unknown here); an embassy in a place that is no
country (驻上海大使馆); 代表团 after 驻 + a country (a delegation stationed there is unusual, and
the NPC's 驻港 deputies are another thing); the special commissioner's office 外交部驻香港特派员公署
(an entry, its name is its own).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import ORGAN_NOUNS, Piece, composed_piece
from .glossary import Entry

# Mission words and their English; whether they take a country only (an embassy) or a place too.
MISSIONS = {"大使馆": "Embassy", "使馆": "Embassy", "总领事馆": "Consulate General",
            "领事馆": "Consulate"}  # fmt: skip
IN_COUNTRY = frozenset(["大使馆", "使馆", "大使"])
# Heads of mission written right after 驻 + place: "<post> to/in <place>".
HEADS = {"大使": ("ambassador", "to"), "总领事": ("consul general", "in")}
# Posts written after a mission (中国驻美国大使馆参赞).
MISSION_POSTS = frozenset(["参赞", "公使", "武官", "领事", "发言人", "临时代办"])
CHINA = frozenset(["中国", "我国"])
DELEGATION = "代表团"
DELEGATION_NOUNS = {"政府": "government delegation", "议会": "parliamentary delegation"}
# An international organization, not a country: what a mission to it is for.
ORGANIZATION = re.compile(r"United Nations|Union|Organization|ASEAN|Agency|Fund|Bank|Forum")


def is_country(entry: Entry) -> bool:
    """A country of the glossary (category foreign, a proper name, no organization or party)."""
    proper = entry.en[:1].isupper() or entry.en.startswith("the ")
    return (
        entry.category == "foreign" and proper and not is_organization(entry) and not _body(entry)
    )


def is_organization(entry: Entry) -> bool:
    return entry.category == "foreign" and bool(ORGANIZATION.search(entry.en))


def _place(entry: Entry) -> str | None:
    """Where a mission is, for its English; None if the entry names no country or place."""
    if is_organization(entry) or entry.category not in ("foreign", "place"):
        return None
    return entry.en if entry.en[:1].isupper() or entry.en.startswith("the ") else None


def _mission_en(word: str, sender: str | None, place: str) -> str:
    """The English of a mission or head of mission in `place` from `sender` ("Chinese" for
    China, a country's English, or None)."""
    if word in MISSIONS:
        name = MISSIONS[word]
        if sender == "Chinese":
            return f"Chinese {name} in {place}"
        return f"{name} of {sender} in {place}" if sender else f"{name} in {place}"
    post, preposition = HEADS[word]
    if sender == "Chinese":
        return f"Chinese {post} {preposition} {place}"
    return (
        f"{post} of {sender} {preposition} {place}" if sender else f"{post} {preposition} {place}"
    )


def _sender(text: str, at: int, pieces: list[Piece]) -> tuple[int, str | None]:
    """Who sends the mission whose 驻 (or 常驻) starts at `at`: (where the whole starts, its
    English: "Chinese" for China, a country's English, or None)."""
    if text[at - 2 : at] in CHINA:
        return at - 2, "Chinese"
    before = next((p for p in pieces if p.end == at), None)
    if before is not None and is_country(before.entry):
        return before.start, before.entry.en
    return at, None


def _composed(text: str, start: int, end: int, en: str, note: str) -> Piece:
    return composed_piece(text, start, end, en, note, "foreign")


def _where(text: str, pieces: list[Piece], piece: Piece) -> Piece | None:
    """The place or organization just before a mission word (驻华: China)."""
    where = next((p for p in pieces if p.end == piece.start), None)
    if where is None and text[piece.start - 2 : piece.start] == "驻华":
        return Piece(piece.start - 1, piece.start, Entry("华", "China", category="foreign"))
    return where


def _mission(
    text: str, pieces: list[Piece], piece: Piece, at_word_start: Callable[[int], bool]
) -> Piece | None:
    """The mission or head of mission that ends with `piece` (a mission or post word after
    驻 + place), with a post written after a mission; None if there is none."""
    word = piece.zh
    where = (
        _where(text, pieces, piece)
        if word in MISSIONS or word in HEADS or word == DELEGATION
        else None
    )
    if where is None:
        return None
    lead = 2 if text[where.start - 2 : where.start] == "常驻" else 1
    at = where.start - lead
    if text[at : where.start] not in ("驻", "常驻"):
        return None
    if not (at_word_start(at) or text[at - 2 : at] in CHINA):
        return None  # 派驻, 进驻: 驻 inside a word
    start, sender = _sender(text, at, pieces)
    if word == DELEGATION:  # a mission to an international organization
        if not is_organization(where.entry):
            return None
        name = "Permanent Mission" if lead == 2 else "Mission"
        of = " of China" if sender == "Chinese" else ""
        return _composed(text, start, piece.end, f"{name}{of} to {_the(where.entry.en)}",
                         f"驻 + {where.zh} + {word} (mission)")  # fmt: skip
    place = _place(where.entry)
    if place is None or (word in IN_COUNTRY and where.entry.category != "foreign"):
        return None  # an embassy is in a country
    en = _mission_en(word, sender, place)
    end = piece.end
    post = next((p for p in pieces if p.start == end), None)
    if word in MISSIONS and post is not None and post.zh in MISSION_POSTS:
        en, end = f"{post.entry.en} of the {en}", post.end  # 大使馆参赞
    return _composed(text, start, end, en, f"驻 + {where.zh} + {word} (mission)")


def _the(name: str) -> str:
    """An organization's name after "to" or "of": the United Nations, but ASEAN (an acronym)."""
    first = name.split()[0]
    return name if first.isupper() and len(first) > 1 else f"the {name}"


def _delegation(
    text: str, pieces: list[Piece], piece: Piece, at_word_start: Callable[[int], bool]
) -> Piece | None:
    """A sender's delegation (中国代表团, 哈萨克斯坦代表团, 政府代表团); None after 驻."""
    if piece.zh != DELEGATION:
        return None
    for zh, en in DELEGATION_NOUNS.items():
        start = piece.start - len(zh)
        free = not any(p.start < piece.start and p.end > start for p in pieces)
        if text[start : piece.start] == zh and at_word_start(start) and free:
            return _composed(text, start, piece.end, en, f"{zh} + {DELEGATION} (mission)")
    sender = next((p for p in pieces if p.end == piece.start), None)
    if sender is None or text[sender.start - 1 : sender.start] == "驻":
        return None
    entry = sender.entry
    if entry.zh in CHINA:
        en = "Chinese delegation"
    elif entry.zh in DELEGATION_NOUNS:
        en = DELEGATION_NOUNS[entry.zh]
    elif _body(entry) and not entry.en.startswith("the "):
        en = f"delegation of {_the(entry.en)}"  # of the Communist Party of Vietnam
    elif _place(entry):
        en = f"delegation of {entry.en}"  # of Kazakhstan, of the United States
    else:
        return None
    return _composed(text, sender.start, piece.end, en, f"{entry.zh} + {DELEGATION} (mission)")


def _body(entry: Entry) -> bool:
    """A body that sends a delegation: a party or an institution named as such."""
    if entry.category in ("title", "level", "unit", "head"):
        return False
    words = re.sub(r"\([^)]*\)", "", entry.en).split()
    return any(w.lower() in ORGAN_NOUNS or w == "Party" for w in words) and entry.en[:1].isupper()


def missions(text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]) -> list[Piece]:
    """`pieces` with each mission, head of mission and delegation joined into one piece (see
    the module docstring), where it ends a word and cuts no piece in two."""
    out = list(pieces)
    for piece in pieces:
        joined = _mission(text, pieces, piece, at_word_start) or _delegation(
            text, pieces, piece, at_word_start
        )
        if joined is None or not (joined.end == len(text) or at_word_start(joined.end)):
            continue
        if any(p.start < joined.start < p.end or p.start < joined.end < p.end for p in out):
            continue
        out = [p for p in out if p.end <= joined.start or p.start >= joined.end]
        out = sorted([*out, joined], key=lambda p: p.start)
    return out
