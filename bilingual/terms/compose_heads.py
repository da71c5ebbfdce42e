"""Composition rule `term-head`: a glossary term and the generic head noun after it.

Party-press Chinese builds fixed compounds as a term + a generic head: 耕地保护机制, 民族区域自治制度,
基层党组织建设, 户籍制度改革, 乡村振兴工作. The glossary holds the term; the head is a word of the
language whose English follows the term's English in a regular way, so the matcher joins the two
here (layer `composed`, note "X + head (term-head)") and the whole is protected as one term.

Each head in `HEADS` says how its English combines with the term's English `x`:

- `short`: "{x} {head}" (耕地保护机制 → farmland protection mechanism), used when `x` is a short
  noun phrase: at most three words, no preposition or conjunction, no plural last word (a plural
  or a person reads wrong as a modifier: "officials management").
- `long`: "{head} of/for {x}" (民族区域自治制度 → system of regional ethnic autonomy), used when
  `x` is longer, holds a preposition, or begins with a gerund; a system takes "the" after the
  preposition (reform of the household registration system). A term rendered "A for B" with a
  short A takes the head after A (生态保护补偿机制 → compensation mechanism for ecological
  conservation), as in "incentive mechanism for the scientific research community"; a term
  whose English names the head already keeps it (“八五”普法规划: eighth five-year plan for …).
  A head whose official English always puts the term after it (原则 principle of …, 示范区
  demonstration zone for …) has no short form; a head without a long form composes short
  terms only (工作 … work).
- `plural`: a head whose long form takes people or countable units puts them after "of" in the
  plural (干部管理 → management of officials, 公务员管理 → management of civil servants,
  基层党组织建设 → building of primary-level Party organizations, as Xinhua writes "the building
  of grass-roots party organizations"); other heads refuse a people term ("officials work").

A term in quotation marks takes a head after the closing mark, and the composed span keeps both
marks (“第一议题”制度, “河长制”工作), as the matcher keeps the quotes a match holds.

Heads left out on purpose, each because official English gives no one pattern: 队伍 (contingent,
team, ranks, workforce, talent pool, by who is meant), 水平 (level of, standard, quality; often
reworded "raise the level of"), 试点 (also a verb; pilot program, pilot reform, pilot zone), 先行区
and 示范点 (pilot zone, pioneer zone, demonstration site: no official pattern with a term found),
行动 and 专项行动 (also a verb; campaign against, on, to …: the preposition depends on the
term), 工程 (project, program, initiative, and proper names: 希望工程 Project Hope), 方针 (principle,
policy, guideline), 理念 (philosophy, concept, vision), 格局 (pattern, landscape, configuration),
政策 (policy or policies by context; no source read in time), 体系建设 (two heads: the first is
composed, 建设 is left to the MT, as for any second head but one: 改革 after a system head, 行政执法
体制改革 → reform of the administrative law enforcement system, as official English writes "reform
of the household registration system").

Where the English would be doubtful nothing is composed and the parts stay apart:

- the term is a person, place, country, post, level or unit, an organ, a proper name (its
  English capitalised, other than Party), a clause or a verb phrase (its English starts with an
  article, "to" or a verb: 党管干部 the Party exercises leadership …), holds punctuation, or is
  itself composed;
- the head begins a longer word (建设者, 管理员, 工作队, 机制性, 改革开放): it must end at a word
  boundary of the sentence, not before a suffix character (`SUFFIXES`), and not start a glossary
  entry with the characters after it;
- the glossary has an entry for the whole (a longer entry wins in the matcher; one it rejected
  for a word boundary is not rebuilt here);
- the head is restricted to terms of some categories (建设 is "building" for Party, discipline,
  governance and law terms; 基础设施建设 is construction).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..reading import join_syllables, syllables
from .compose import PERSONS, Lookup, Piece, head_noun, is_organ, register, verb_phrase
from .glossary import Entry

HEAD = "head"  # category of a head written in the text that no term covers


@dataclass(frozen=True)
class Head:
    """A generic head noun: its English, the short and long patterns, the term categories it
    composes with (empty: any) and where the pattern was read."""

    zh: str
    short: str  # "{x} mechanism", or "" (always long)
    long: str  # "mechanism for {x}", or "" (short terms only)
    categories: frozenset[str]
    source: str
    plural: frozenset[str] = frozenset()  # "people", "units": plural nouns the long form takes


def _head(
    zh: str, short: str, long: str, source: str, categories: str = "", plural: str = ""
) -> Head:
    return Head(zh, short, long, frozenset(categories.split()), source, frozenset(plural.split()))


GOVERNANCE = "party discipline governance law"
HEADS = {
    h.zh: h
    for h in [
        _head("机制", "{x} mechanism", "mechanism for {x}",
              "China Daily HK 2019-08-13 'intra-Party accountability mechanism'; Xinhua 2022-04-19 "
              "'incentive mechanism for the scientific research community'; Xinhua 2021-06-10 "
              "'systems and mechanisms for common prosperity'"
              " — en.people.cn/n3/2021/0611/c90000-9860256.html"),
        _head("制度", "{x} system", "system of {x}",
              "CGTN 2022-10-18 (20th Congress) 'the system of regional ethnic autonomy'"
              " — agency.businesses.com.au/business-news/pr-newswire/12841-cgtn-20th-cpc-national-congress-past-decade-sees-success-of-the-cpc-s-ethnic-policies"),
        _head("体系", "{x} system", "system of {x}",
              "Xinhua 2022-04-19 'national governance system'; China Daily HK 2019-08-13 "
              "'intra-Party discipline and accountability system'"
              " — pressreader.com/china/china-daily-hong-kong/20190813/281814285498551"),
        _head("原则", "", "principle of {x}",
              "CPC white paper 2021 (kt.kz reprint) 'the principle of democratic centralism'; "
              "Xinhua 2018-11 (eng.tibet.cn) 'the principle of fairness'"
              " — eng.tibet.cn/eng/news/focus/201811/t20181127_6421302.html"),
        _head("建设", "{x} building", "building of {x}",
              "China Daily 2021-01-29 'primary-level Party building'; Ministry of Justice "
              "2021-02-05 'advancing the building of rule of law'; Xinhua 2009-10-27 (chinascope.org"
              "/archives/1088) 'the building of grass-roots party organizations'"
              " — en.moj.gov.cn/2021-02/05/c_587793.htm", GOVERNANCE, "units"),
        _head("管理", "{x} management", "management of {x}",
              "Xinhua 2018-11 (eng.tibet.cn) 'management of officials'"
              " — eng.tibet.cn/eng/news/focus/201811/t20181127_6421302.html", "", "people units"),
        _head("改革", "{x} reform", "reform of {x}",
              "SCIO 2024-07-19 'economic structural reform'; Beijing Review 2021-09-28 'pilot area "
              "for the reform of the income distribution system'"
              " — bjreview.com/CHINA_INSIGHT_2021/Special_Issue_on_Promoting_Common_Prosperity_Amid_High_Quality_Development/202109/t20210928_800259337.html"),
        _head("工作", "{x} work", "",
              "Xinhua 2024-12 'instructions on rural work', 'economic work'; Xinhua 2023 "
              "'ethnic work'"
              " — english.news.cn/cnleaders/xistime/index.htm"),
        _head("规划", "{x} plan", "plan for {x}",
              "NDRC 2023 'Plan for National Economic and Social Development'; SCIO 2019-02-21 "
              "'National Rural Revitalization Strategic Plan'"
              " — china.org.cn/china/2019-02/21/content_74488540_3.htm"),
        _head("措施", "{x} measures", "measures for {x}",
              "SCIO 2024-07-19 'more than 300 important reform measures'"
              " — english.scio.gov.cn/topnews/2024-07/19/content_117319381.html"),
        _head("战略", "{x} strategy", "strategy for {x}",
              "2022 report, part V: 'the strategy for invigorating China through science and "
              "education, the workforce development strategy, and the innovation-driven "
              "development strategy'"
              " — xcyqw.com/xwzx_mryj_xx-8056.html"),
        _head("责任制", "{x} responsibility system", "responsibility system for {x}",
              "Implementation Measures of the Responsibility System of Party Committees (Party "
              "Groups) for Ideological Work (as cited by Zhejiang Wanli University, 2022-05-26)"
              " — sgi.zwu.edu.cn/en/2022/05/26/41"),
        _head("示范区", "", "demonstration zone for {x}",
              "Xinhua 2021-06-10 (en.people.cn) 'demonstration zone for achieving common "
              "prosperity'; Beijing Review 2021-09-28 'Demonstration Zone for Common Prosperity'"
              " — en.people.cn/n3/2021/0611/c90000-9860256.html"),
        _head("体制", "{x} system", "system for {x}",
              "China.org.cn 2008-03-16 'reform of the administrative system'; Xinhua via Global "
              "Times (en.huanqiu.com) 'innovate the system for an open economy'"
              " — china.org.cn/government/NPC_CPPCC_sessions2008/2008-03/16/content_12750178.htm"),
        _head("能力", "{x} capacity", "capacity for {x}",
              "China.org.cn Keywords 2019-04-16 'national governance system and capacity', "
              "'governance capacity'; 2013 Decision 'China's system and capacity for governance'"
              " — china.org.cn/english/china_key_words/2019-04/16/content_74687661.htm"),
        _head("资金", "{x} funds", "funds for {x}",
              "Xinhua 2018-07-03 'poverty relief funds'; Global Times via ecns.cn 2017-12-11 "
              "'funds allocated for poverty alleviation', 'poverty alleviation funds'"
              " — ecns.cn/2017/12-11/283899.shtml"),
        _head("长效机制", "", "long-term mechanism for {x}",
              "China News Service 2021-03-03 'a long-term mechanism for the stable and healthy "
              "development of the real estate market'; the entry 长效机制 (Xinhua English)"
              " — tellerreport.com (China News Service, 2021-03-03)"),
        _head("工作机制", "{x} working mechanism", "working mechanism for {x}",
              "China.org.cn (wfpchinacoe.net) 2022-04-11 'the leadership system and work mechanism "
              "were improved', 'a cooperative work mechanism'; the entry 工作机制 working mechanism"
              " — wfpchinacoe.net/2022-04/11/content_78095840.shtml"),
    ]
}  # fmt: skip
# The first characters of the heads: after most terms none stands, and no head is tried.
HEAD_STARTS = frozenset(zh[0] for zh in HEADS)


def add_heads(heads: list[Head]) -> None:
    """Add heads kept in a sibling module's table (`terms.compose_facilities`,
    `terms.compose_events`): they compose through this module's rule and guards."""
    global HEAD_STARTS
    HEADS.update((h.zh, h) for h in heads)
    HEAD_STARTS = frozenset(zh[0] for zh in HEADS)


# Heads naming a system that 改革 may follow as a second head (体制改革 reform of the … system),
# the one stacked head whose English is regular: "reform of the {term + head}".
SYSTEMS = frozenset(["体制", "制度", "机制", "体系"])
REFORM = "改革"
# Characters after a head that make it part of a longer word (建设者 builder, 工作队 work team).
SUFFIXES = frozenset("者员队性化人家师式型区局处室科组部站所费办委会链")
# Categories of terms that are names or posts, not things a head can qualify.
REFUSED_CATEGORIES = frozenset(
    "person people place places country countries title level unit head history".split()  # noqa: SIM905
)
# Before the term, these make it the last of a list whose head is shared (耕地保护、粮食安全工作).
COORDINATORS = frozenset("、和与及")
SHORT_WORDS = 3
LONG_WORDS = 8
CONNECTIVES = frozenset("of for to in on with and or by at under from against through".split())  # noqa: SIM905
# Nouns for people (compose.PERSONS): "officials management" and "management of official" both
# read wrong; a head whose long form takes people (`plural` "people": 管理) gives "management of
# officials".
# Countable units a head's long form takes in the plural (`plural` "units": 建设, 管理): "building
# of primary-level Party organizations", as Xinhua writes, not "… Party organization building".
UNITS = frozenset("organization organisation branch cell".split())  # noqa: SIM905
# Categories a term naming people may have (公务员 is filed as a title, 干部 under party).
PEOPLE_CATEGORIES = frozenset("party title social".split())  # noqa: SIM905
# Head nouns of a term's English that take "the" after the head's preposition (reform of the …
# system): one system of a country, not systems in general.
DEFINITE = frozenset(["system", "mechanism", "market"])
ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())  # noqa: SIM905
# A closing quotation mark and its opening one: “第一议题”制度 takes the head across the quote.
QUOTES = {"”": "“", "’": "‘", "」": "「", "』": "『"}


def term_english(entry: Entry) -> str | None:
    """The term's English if a head may compose with it (module docstring), else None."""
    en = entry.en.strip()
    words = en.split()
    if entry.layer == "composed" or entry.category in REFUSED_CATEGORIES or not words:
        return None
    if en.endswith("level"):
        return (
            None  # a rank (省级示范区: compose_modifiers gives provincial-level demonstration zone)
        )
    if is_organ(entry) or re.search(r'[,;:()"“”/]', en) or len(words) > LONG_WORDS:
        return None
    first = words[0]
    if first[:1].isupper() and first != "Party":
        return None  # a proper name or an acronym
    if first.lower() in {"the", "a", "an", "to"} or verb_phrase(en):
        return None  # a clause or a verb phrase
    if words[-1].lower() in PERSONS:
        return None
    return en


def is_short(en: str) -> bool:
    """Whether `en` is a noun phrase short enough to stand before the head."""
    words = en.split()
    last = words[-1]
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    gerund = words[0].endswith("ing") and len(words) > 1
    return (
        len(words) <= SHORT_WORDS
        and not CONNECTIVES.intersection(w.lower() for w in words)
        and not plural
        and not gerund
    )


def plural_of(head: Head, term: Entry) -> str | None:
    """The head's long form over the plural of a term that names people or units, where the
    head takes them (`Head.plural`): 干部管理 → management of officials, 基层党组织建设 →
    building of primary-level Party organizations. None for any other term."""
    words = term.en.strip().split()
    if not head.long or term.layer == "composed" or not 0 < len(words) <= SHORT_WORDS:
        return None
    last = words[-1].lower()
    kind = "people" if last in PERSONS else "units" if last in UNITS else ""
    if kind not in head.plural or re.search(r'[,;:()"“”/]', term.en):
        return None
    if kind == "people" and term.category not in PEOPLE_CATEGORIES:
        return None
    if not (words[0][:1].islower() or words[0] == "Party"):
        return None  # a proper name
    if not last.endswith("s"):
        last = last + ("es" if last.endswith(("ch", "sh", "x")) else "s")
    return head.long.format(x=" ".join([*words[:-1], last]))


def combine(head: Head, term: Entry) -> str | None:
    """The English of `term` + `head`, or None where it would be doubtful."""
    if head.categories and term.category not in head.categories:
        return None
    if (plural := plural_of(head, term)) is not None:
        return plural
    en = term_english(term)
    if en is None:
        return None
    noun = (head.short or head.long).replace("{x}", "").split(" for ")[0].split(" of ")[0]
    if re.search(rf"\b{re.escape(noun.strip())}\b", en):
        return en  # the term names the head already (八五普法 eighth five-year plan for …)
    if head.short and is_short(en):
        return head.short.format(x=en)
    split = en.split(" for ", 1)  # compensation for … → compensation mechanism for …
    if head.short and head.long and len(split) == 2 and is_short(split[0]):
        return f"{head.short.format(x=split[0])} for {split[1]}"
    if not head.long:
        return None
    first = en.split()[0]
    # one system or market of a country, or one item in an order (system of the first item …)
    definite = (head_noun(en) in DEFINITE and not first.endswith("ing")) or first in ORDINALS
    return head.long.format(x=f"the {en}" if definite else en)


def _term_head(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    head = HEADS.get(right.entry.zh)  # a head piece, or an entry that is one (示范区)
    if head is None or isinstance(right, Apart):
        return None
    if right.entry.zh == REFORM and _composed_system(left):
        return f"reform of the {left.entry.en}"  # 行政执法 + 体制 + 改革
    if lookup(left.zh + right.zh) is not None:
        return None  # the glossary has the whole (and the matcher did not take it)
    return combine(head, left.entry)


def with_heads(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """`pieces` with a head piece (category `head`) after each term that a head written in the
    text follows and composes with, where the head ends a word (module docstring). A term in
    quotation marks takes the head after the closing one, and the quotes join its span
    (“第一议题”制度)."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        following = pieces[index + 1].start if index + 1 < len(pieces) else len(text)
        found = _head_after(text, piece, following, at_word_start, lookup)
        if found is None and out and _entry_head_apart(text, out[-1], piece):
            piece = Apart(piece.start, piece.end, piece.entry)
        out.extend(found or [piece])
    return out


@dataclass(frozen=True)
class Apart(Piece):
    """A head that is a glossary entry (示范区, 座谈会) kept apart from the term before it."""


def _entry_head_apart(text: str, term: Piece, head: Piece) -> bool:
    """Whether an entry head right after a term must not compose with it, by the guards the
    text path applies: a list before the term (耕地保护、粮食安全示范区: the head may be every
    part's) or a suffix after the head (座谈会员 is no meeting)."""
    if head.zh not in HEADS or head.start != term.end:
        return False
    return text[term.start - 1 : term.start] in COORDINATORS or not _ends_word(text, head.end)


def _head_after(
    text: str, piece: Piece, following: int, at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece] | None:
    """The term (widened over its quotation marks) and the head piece after it, or None."""
    start, after = piece.start, piece.end
    closing = text[after : after + 1]
    if closing in QUOTES and start and text[start - 1] == QUOTES[closing]:
        start, after = start - 1, after + 1  # “第一议题” + 制度
    if text[after : after + 1] not in HEAD_STARTS:
        return None
    if following == piece.end or text[start - 1 : start] in COORDINATORS:
        return None  # a term follows (示范区 is one), or the head may belong to a list
    for zh, head in HEADS.items():
        end = after + len(zh)
        if text[after:end] != zh or end > following or not _ends_word(text, end):
            continue
        if not at_word_start(end) and end != len(text):
            continue  # a longer head may end the word (工作 in 工作机制)
        if any(lookup(zh + text[end : end + n]) for n in (1, 2) if end + n <= len(text)):
            continue  # 改革开放, 工作会议: the head starts a longer term
        if combine(head, piece.entry) is None:
            return None
        found = [Piece(start, after, piece.entry), _head_piece(after, zh)]
        if zh in SYSTEMS and _reform_after(text, end, following, at_word_start, lookup):
            found.append(_head_piece(end, REFORM))  # 体制 + 改革: reform of the … system
        return found
    return None


def _reform_after(
    text: str, at: int, following: int, at_word_start: Callable[[int], bool], lookup: Lookup
) -> bool:
    """Whether 改革 at `at` is a second head: a word of its own, starting no longer term."""
    end = at + len(REFORM)
    return (
        text[at:end] == REFORM
        and end <= following
        and _ends_word(text, end)
        and (at_word_start(end) or end == len(text))
        and not any(lookup(text[at : end + n]) for n in (1, 2))
    )


def _head_piece(at: int, zh: str) -> Piece:
    reading = join_syllables(list(syllables(zh)))  # the composed term's pinyin
    return Piece(at, at + len(zh), Entry(zh, zh, reading, category=HEAD))


def _composed_system(piece: Piece) -> bool:
    """Whether `piece` is a term + system head this module composed (行政执法体制), which 改革
    may follow as a second head: "reform of the administrative law enforcement system"."""
    entry = piece.entry
    return (
        entry.layer == "composed"
        and entry.note.endswith("(term-head)")
        and piece.zh.endswith(tuple(SYSTEMS))
    )


def _ends_word(text: str, end: int) -> bool:
    """Whether a head ending at `end` ends its word (no suffix such as 者, 员, 队 follows)."""
    return end == len(text) or text[end] not in SUFFIXES


register("term-head", _term_head)

# Heads after a term kept in their own tables (facilities, meetings); they add themselves.
from . import compose_events, compose_facilities, compose_transition  # noqa: E402, F401
