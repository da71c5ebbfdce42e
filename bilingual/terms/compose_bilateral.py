"""Bilateral compounds: 中 + a partner's one-character abbreviation + a relation term.

Foreign-news Chinese abbreviates both parties of a relationship to one character each before
the relation noun: 中美关系, 中哈命运共同体, 中俄全面战略协作伙伴关系, 中日韩合作. Official English
names both parties in full, joined by a hyphen, before the relation: "China-US relations",
"China-Kazakhstan community with a shared future", "China-Japan-ROK cooperation". The glossary
holds the parties (中美, 中哈 …: short entries that also stand alone) and the relation terms
(命运共同体, 全面战略伙伴关系 …); the rule `bilateral` (registered with `compose.register` when
`terms.compose` imports this module, after its own two rules) joins them into one term. It joins
only where the left piece names parties, which no other rule takes, so its place among the
rules changes nothing.

The parties come from `PARTNERS`, not from the entry's English, so that only unambiguous
abbreviations compose: an abbreviation standing for several countries is in `REFUSED` and
never composes (乌 is Uzbekistan or Ukraine, 巴 Pakistan, Brazil or Panama), even where a whole
entry holds it (中巴经济走廊 and 中阿合作论坛 stay entries of their own). Characters that form
another word with 中 (中美洲 Central America, 中非共和国, 中东, 中亚) are other entries, which the
longest-leftmost match prefers, or not-terms. A grouping written with a dash (中国—东盟,
中国—中亚) is one entry whose English already names both parties ("China-ASEAN"); it composes
the same way.

A relation noun that is no glossary term on its own (关系, 合作, 友好 …: their English varies
with the sentence) is taken only right after a party (`relations_after`), as a piece that is
dropped unless the rule joins it.
"""

from __future__ import annotations

from collections.abc import Callable

from .compose import Lookup, Piece, generic, nouns_after, register
from .glossary import Entry

# The one-character (or, for Indonesia, two-character) abbreviations of partners before a
# relation noun, and the party's name in official English compounds. Each is attested in
# Xinhua, People's Daily or MFA English usage of the compound (sources in glossary/README.md,
# "Composed terms"). Xinhua writes "China-Vietnam" (the MFA lately "China-Viet Nam"), "ROK" and
# "DPRK" for the two Koreas, "EU" for 欧 (中欧关系 China-EU relations; 中欧班列 is an entry).
PARTNERS = {
    "美": "US",
    "俄": "Russia",
    "日": "Japan",
    "韩": "ROK",
    "朝": "DPRK",
    "蒙": "Mongolia",
    "越": "Vietnam",
    "老": "Laos",
    "柬": "Cambodia",
    "泰": "Thailand",
    "缅": "Myanmar",
    "印尼": "Indonesia",
    "菲": "Philippines",
    "印": "India",
    "哈": "Kazakhstan",
    "吉": "Kyrgyzstan",
    "塔": "Tajikistan",
    "英": "UK",
    "法": "France",
    "德": "Germany",
    "澳": "Australia",
    "欧": "EU",
    "非": "Africa",
    "拉": "Latin America",
}
# Abbreviations that name several partners (or, with 中, another word): never composed.
REFUSED = {
    "乌": "Uzbekistan or Ukraine",
    "土": "Türkiye or Turkmenistan",
    "巴": "Pakistan, Brazil, Panama or Palestine",
    "阿": "the Arab States, Argentina, Algeria, Afghanistan or Albania",
    "塞": "Serbia, Senegal, Cyprus or Sierra Leone",
    "伊": "Iran or Iraq",
    "新": "Singapore or New Zealand",
    "马": "Malaysia, Maldives or Mali",
    "南": "South Africa, or 中南 Central and Southern China",
    "沙": "Saudi Arabia, or 中沙群岛 Zhongsha Islands",
    "意": "Italy, or 中意 to one's liking",
    "西": "Spain, or 中西 Chinese and Western",
    "以": "Israel, or 中以 a function word",
    "亚": "中亚 Central Asia",
    "东": "中东 the Middle East",
}
# Relation terms of the glossary that compose after a party (whole entries, or any entry
# ending in one of `RELATION_ENDINGS`: the partnership designations, 命运共同体 …).
RELATION_TERMS = frozenset(
    [
        "峰会",
        "联合声明",
        "人文交流",
        "务实合作",
        "互利合作",
        "友好合作",
        "全方位合作",
        "传统友谊",
        "友好往来",
        "战略沟通",
        "战略协作",
        "高层交往",
        "地方合作",
        "政治互信",
        "战略互信",
        "产能合作",
        "经贸合作",
        "经贸关系",
        "对话关系",
        "自贸协定",
        "自由贸易协定",
        "双边投资协定",
        "战略对话",
        "高级别战略对话",
        "战略磋商",
        "高层经济对话",
        "全面经济对话",
    ]
)
RELATION_ENDINGS = ("伙伴关系", "命运共同体", "合作关系", "友好关系")
# Relation nouns that are no term alone, and their English after a party.
RELATION_NOUNS = {
    "关系": "relations",
    "合作": "cooperation",
    "友好": "friendship",
    "友谊": "friendship",
    "贸易": "trade",
    "交往": "exchanges",
    "机制": "mechanism",
}
DASHES = "—-－"


def parties(entry: Entry) -> str | None:
    """The English of the parties an entry names (中哈 → China-Kazakhstan, 中日韩 →
    China-Japan-ROK, 中国—东盟 → China-ASEAN), or None if it names no unambiguous pair."""
    zh = entry.zh
    if zh.startswith("中国") and zh[2:3] in DASHES and entry.en.startswith("China-"):
        return entry.en
    if not zh.startswith("中") or len(zh) < 2:
        return None
    names = _partners(zh[1:])
    return "-".join(["China", *names]) if names else None


def _partners(abbreviations: str) -> list[str] | None:
    """The partners a run of abbreviations names, one after another (日韩 → Japan, ROK)."""
    if not abbreviations:
        return []
    for size in (2, 1):
        head = abbreviations[:size]
        rest = _partners(abbreviations[size:]) if head in PARTNERS else None
        if rest is not None:
            return [PARTNERS[head], *rest]
    return None


def is_relation(entry: Entry) -> bool:
    """A relation term a party may stand before (命运共同体, 全面战略伙伴关系, 人文交流 …)."""
    return entry.zh in RELATION_TERMS or entry.zh.endswith(RELATION_ENDINGS)


def _bilateral(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    """Parties, then a relation: "China-<partner> <relation>" (中哈 + 命运共同体 →
    China-Kazakhstan community with a shared future)."""
    names = parties(left.entry)
    relation = right.entry
    bare = relation.category == "unit" and relation.zh in RELATION_NOUNS
    if names is None or not (is_relation(relation) or bare):
        return None
    en = relation.en[4:] if relation.en.startswith("the ") else relation.en
    if not generic(en) or en.startswith("China"):
        return None  # a proper name (中欧班列) or a relation already naming China
    return f"{names} {en}"


def relations_after(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]
) -> list[Piece]:
    """`pieces` with a bare relation noun that no term covers after each party (中哈 + 关系),
    as a piece (category `unit`, dropped unless `bilateral` joins it), where the noun ends a
    word and no piece starts inside it (中美关系到 is 关系到, bears on)."""
    return nouns_after(
        text, pieces, at_word_start, lambda e: parties(e) is not None, RELATION_NOUNS
    )


register("bilateral", _bilateral)
