"""Composition rules beyond level + organ: bracketed alternates, a body's Party organization,
rank + post, and coordinated pairs of bodies or posts (`terms.compose` documents them all).

Two are pair rules registered with `compose.register` (`party-org-of-body`, `rank-post`;
`terms.compose` imports this module after registering its own, so they are tried after them).
The other two look at the text between and around their parts, so they are passes over the
pieces (`alternates`, `coordinated`), which `compose.compose` runs after the pair rules. Where a rule is unsure it composes nothing: the parts then stay apart, each protected
with its own rendering, and the MT joins them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import MINISTRY, Lookup, Piece, is_organ, is_post, nouns_after, register, verb_phrase
from .glossary import Entry

# A level or unit noun written alone inside (or before) bracketed alternates: its noun, by
# default and after a given first part. 省（区、市） are the provinces, autonomous regions and
# municipalities (directly under the central government): CPC Constitution (English, 2022),
# local organizations; China Daily, cpcchina.chinadaily.com.cn/2011-11/25/content_14164317.htm
# ("a province, autonomous region or municipality directly under the central government").
# After 县 a 市 is a (county-level) city. Xinhua writes 党委（党组） as "Party committees and
# leading Party members' groups" (Xinhua, 2022-06-20, on the regulations on political
# consultation); the bracket is kept here so that the alternates stay marked as such.
ALTERNATE_NOUNS = {
    "省": "province",
    "市": "city",
    "县": "county",
    "区": "district",
    "州": "prefecture",
    "盟": "league",
    "旗": "banner",
    "乡": "township",
    "镇": "town",
    "村": "village",
    "部门": "department",
    "单位": "unit",
}
ALTERNATE_AFTER = {
    ("省", "区"): "autonomous region",
    ("省", "市"): "municipality",
    ("市", "地"): "prefecture",
    ("县", "市"): "city",
}
OPEN, CLOSE = "（(", "）)"
DEMONSTRATIVES = frozenset("本该此这")
# Party organizations a body sets up (the right-hand part of `party-org-of-body`).
PARTY_ORGS = frozenset(
    ["党委", "党组", "党工委", "党总支", "党支部", "联合党支部", "临时党支部", "党小组", "党组织"]
)
# Unit nouns that are no glossary term (their English varies with the sentence) but name the
# unit before a Party organization exactly: 企业党委 is an enterprise Party committee.
UNIT_NOUNS = {
    "村": "village",
    "企业": "enterprise",
    "公司": "company",
    "学校": "school",
    "医院": "hospital",
    "楼宇": "office building",
    "协会": "association",
    "商会": "chamber of commerce",
}
# Categories of glossary terms that name a unit a Party organization can be set up in.
UNIT_CATEGORIES = frozenset(
    "admin governance economy rural social health education science culture state unit".split()  # noqa: SIM905
)
# Heads after a rank (处级干部): a term's own rendering, or these bare nouns.
RANK_HEADS = frozenset(["干部", "领导干部", "职务", "领导职务", "公务员", "官员"])
RANK_NOUNS = {"职务": "position", "官员": "official"}
# Coordinators of `coordinated`, and what may follow the pair (a shared head after B would
# make the pair wrong: 党委和政府部门 is not "Party committee and government" + departments).
COORDINATORS = frozenset("和与及、")
PAIR_END = re.compile(r"$|[，。；：！？）」』”\s]|的|等|要|都|共同")
PLURAL_STOP = frozenset("of for to in on at under directly with".split())  # noqa: SIM905


def plural(en: str) -> str:
    """`en` with its head noun plural (the word before its first preposition, else its last):
    leading Party members group → groups; standing committee of the … congress → committees.
    A rendering that already names several (… and …, a plural head) is returned as it is."""
    words = en.split()
    if not words or " and " in f" {en} ":
        return en
    index = next((i - 1 for i, w in enumerate(words) if w in PLURAL_STOP and i), len(words) - 1)
    head = words[index]
    if head.endswith("s") and not head.endswith("ss"):
        return en
    if re.search(r"[^aeiou]y$", head):
        head = head[:-1] + "ies"
    elif re.search(r"(s|sh|ch|x)$", head):
        head += "es"
    else:
        head += "s"
    return " ".join([*words[:index], head, *words[index + 1 :]])


def generic(en: str) -> bool:
    """A generic rendering (lower case, or led by Party, which house style always capitalizes),
    not a proper name or a phrase with an article (全县 the whole county)."""
    if en.startswith(("the ", "a ", "an ")):
        return False
    return en[:1].islower() or en.split(" ", 1)[0] == "Party"


def is_party_org(entry: Entry) -> bool:
    return entry.zh in PARTY_ORGS


_ORG_PREFIXES = tuple(PARTY_ORGS)
_ORG_POST = re.compile(r"(?P<post>.+) of the (?P<org>Party .+)")


def org_post(entry: Entry) -> re.Match[str] | None:
    """A post of a Party organization, as its entry renders it (党支部书记 secretary of the
    Party branch): groups `post` and `org`."""
    if not entry.zh.startswith(_ORG_PREFIXES):
        return None
    return _ORG_POST.fullmatch(entry.en)


def _party_org_of_body(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    """A unit and the Party organization set up in it: attributive, as the glossary's own
    村党支部 village Party branch and 社区党委 community Party committee (Beijing Review 2019,
    People's Daily English 2020; Xinhua and China Daily write "community Party branches",
    "enterprise Party committee"); an organ's is "of the" it (Party branch of the county
    statistics bureau), as the post-of-organ rule does for posts."""
    unit, org = left.entry, right.entry
    post = org_post(org)
    if not (is_party_org(org) or post) or is_party_org(unit) or org_post(unit):
        return None
    if verb_phrase(unit.en):
        return None  # 强化 + 党支部: a verb before the organization, not the unit it is in
    if post is not None:  # 网格 + 党支部书记: the post of the unit's organization
        whole = _party_org_of_body(left, Piece(0, 0, Entry("党委", post["org"])), lookup)
        return whole and f"{post['post']} of the {whole}"
    if unit.category == "level":  # 镇党委 town Party committee, as 市委 municipal …
        return f"{unit.en} {org.en}"
    if is_organ(unit) or MINISTRY.match(unit.en) or " of " in unit.en:
        owner = unit.en[4:] if unit.en.lower().startswith("the ") else unit.en
        return f"{org.en} of the {owner}"
    if unit.category not in UNIT_CATEGORIES or not generic(unit.en) or plural(unit.en) == unit.en:
        return None  # a plural or coordinated unit (social organizations) reads wrong before
    return f"{unit.en} {org.en}"


def is_rank(entry: Entry) -> bool:
    """A rank of officials or organs (处级 division level, 省级 provincial-level)."""
    return entry.zh.endswith("级") and entry.en.endswith("level")


def _rank_post(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    """A rank before officials or posts: one rank is attributive (division-level official,
    deputy division-level position); a rank of two tiers takes "at the" (official at the
    county or division level), as Xinhua and China Daily write both."""
    rank, head = left.entry, right.entry
    if not is_rank(rank) or head.zh not in RANK_HEADS:
        return None
    if rank.en.endswith("-level"):
        return f"{rank.en} {head.en}"
    if " or " in rank.en:
        return f"{head.en} at the {rank.en}"
    words = rank.en.split()
    return " ".join([*words[:-2], f"{words[-2]}-level", head.en])


def unit_before(
    text: str, piece: Piece, at_word_start: Callable[[int], bool], taken: int
) -> Piece | None:
    """A unit noun that no term covers just before a Party organization (企业 + 党委), as a
    piece (category `unit`, dropped unless a rule joins it); `taken` is where the pieces
    before end. None if there is none."""
    if not is_party_org(piece.entry) and not org_post(piece.entry):
        return None
    for zh, en in UNIT_NOUNS.items():
        start = piece.start - len(zh)
        if start >= taken and text[start : piece.start] == zh and at_word_start(start):
            return Piece(start, piece.start, Entry(zh, en, category="unit"))
    return None


def with_heads_after(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]
) -> list[Piece]:
    """`pieces` with a bare head that no term covers after each rank (处级 + 职务), as a piece
    (category `unit`), where it ends a word and no piece starts inside it."""
    return nouns_after(text, pieces, at_word_start, is_rank, RANK_NOUNS)


def alternates(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """Join a body or level and its bracketed alternates (党委（党组）, 县（市、区）) into one
    piece: "Party committees (leading Party members groups)", "counties (cities and
    districts)". Every part must be a term or an alternate noun, all of one category, each with
    its own English; else the brackets are left to the MT."""
    out = list(pieces)
    for opening in (i for i, c in enumerate(text) if c in OPEN):
        close = next((j for j in range(opening + 1, len(text)) if text[j] in CLOSE), -1)
        inner = text[opening + 1 : close].split("、") if close > 0 else []
        first = _first_part(text, opening, out, at_word_start)
        if first is None or not inner:
            continue
        parts = [_part(part, first.zh, lookup) for part in inner]
        after = text[close + 1 : close + 3]
        if any(p is None for p in parts) or _binds(first, parts, after, lookup):
            continue
        category = {_kind(first.entry), *(_kind(p) for p in parts)}  # type: ignore[arg-type]
        english = [first.entry.en, *(p.en for p in parts)]  # type: ignore[union-attr]
        if len(category) > 1 or len(set(english)) < len(english) or not all(map(generic, english)):
            continue
        # Standing alone the unit names a class (各省（区、市）: provinces …); before a term it
        # qualifies it (村（社区）党组织: village (community) Party organization).
        number = str if any(p.start == close + 1 and _qualified(p.entry) for p in out) else plural
        inside = [number(en) for en in english[1:]]
        listed = ", ".join(inside[:-1]) + (" and " if len(inside) > 1 else "") + inside[-1]
        en = f"{number(english[0])} ({listed})"
        zh = text[first.start : close + 1]
        note = f"{first.zh} + ({'、'.join(inner)}) (alternates)"
        entry = Entry(zh, en, "", _kind(first.entry), note, "", (), "approved", "composed")
        out = [p for p in out if p.end <= first.start or p.start > close]
        out.append(Piece(first.start, close + 1, entry))
        out.sort(key=lambda p: p.start)
    return out


def _binds(first: Piece, parts: list, after: str, lookup: Lookup) -> bool:
    """Whether the parts form words with what follows the bracket (县（区）委 is 县委 or 区委,
    市（县）长 is 市长 or 县长): then they are no list of units."""
    zhs = [first.zh, *(p.zh for p in parts)]
    return any(lookup(zh + after[:n]) for zh in zhs for n in (1, 2) if len(after) >= n)


def _qualified(entry: Entry) -> bool:
    """Whether a term after bracketed units is what they qualify (a body or a post)."""
    return is_organ(entry) or is_party_org(entry) or bool(org_post(entry)) or is_post(entry)


def _kind(entry: Entry) -> str:
    return "admin" if entry.category in ("level", "unit", "admin") else entry.category


def _first_part(
    text: str, opening: int, pieces: list[Piece], at_word_start: Callable[[int], bool]
) -> Piece | None:
    """The piece that ends at an opening bracket, or an alternate noun written there."""
    before = [p for p in pieces if p.end == opening and p.entry.category != "level"]
    if before:
        return before[-1]
    for zh, en in ALTERNATE_NOUNS.items():
        start = opening - len(zh)
        if start >= 0 and text[start:opening] == zh and at_word_start(start):
            if text[start - 1 : start] in DEMONSTRATIVES:
                return None  # 本县（市） is this county (or city): one, not the class
            if not any(p.start < opening and p.end > start for p in pieces):
                return Piece(start, opening, Entry(zh, en, category="level"))
    return None


def _part(part: str, first: str, lookup: Lookup) -> Entry | None:
    """An alternate in brackets: a level or unit noun (after `first`), or a term."""
    en = ALTERNATE_AFTER.get((first, part)) or ALTERNATE_NOUNS.get(part)
    if en is not None:
        return Entry(part, en, category="level")
    return lookup(part) if part else None


def coordinated(text: str, pieces: list[Piece]) -> list[Piece]:
    """Join two bodies (organs or Party organizations) or two posts written with a coordinator
    between them (县委和县政府 → county Party committee and county government), only where the
    pair stands alone: not in a longer list, not after or before another term, and followed by
    the end of a clause, 的, 等, 要, 都 or 共同 (a shared head after B would take only B)."""
    out: list[Piece] = []
    for piece in pieces:
        out.append(piece)
        if len(out) < 2:
            continue
        a, b = out[-2], out[-1]
        gap = text[a.end : b.start]
        before = text[a.start - 1 : a.start]
        if len(gap) != 1 or gap not in COORDINATORS or before in COORDINATORS:
            continue
        if len(out) > 2 and out[-3].end == a.start:
            continue
        if not PAIR_END.match(text, b.end) or any(p.start == b.end for p in pieces):
            continue
        ea, eb = a.entry, b.entry
        bodies = all(is_organ(e) or is_party_org(e) for e in (ea, eb))
        if ea.en == eb.en or not (bodies or (is_post(ea) and is_post(eb))):
            continue
        en = f"{ea.en} and {eb.en}"
        note = f"{ea.zh} {gap} {eb.zh} (coordinated)"
        entry = Entry(text[a.start : b.end], en, "", ea.category, note, "", (), "approved",
                      "composed")  # fmt: skip
        out[-2:] = [Piece(a.start, b.end, entry)]
    return out


register("party-org-of-body", _party_org_of_body)
register("rank-post", _rank_post)
