"""Composition: adjacent glossary pieces that name one body or post become one term.

Party-press text builds the names of bodies and posts from parts: an administrative level and
an organ (县 + 人大常委会), a body and its department (区委 + 组织部), a body and a post
(组织部 + 部长, 商务部 + 部长). The glossary holds the parts; listing every combination is
impossible, and matching the parts apart gives "county" nowhere and "head" where a minister is
meant. So the matcher joins them here, by rules over the parts' entries, and the whole is
protected and checked as one term (its entry's layer is `composed`).

Rules, tried in order on each pair of adjacent pieces, left to right until none applies:

- `level-organ`: a level character (`LEVELS`) that starts a word, then an organ: the level's
  adjective before the organ, or before what a post belongs to (县人大常委会 → standing
  committee of the county people's congress; 县检察院检察长 → chief procurator of the county
  procuratorate).
- `post-of-organ`: an organ, then a post (category `title`) or a sub-body (a department,
  office, commission, standing committee, group): "<post> of the <organ>" (区委组织部 →
  organization department of the district Party committee; 组织部部长 → head of the
  organization department). A post's rendering can depend on the kind of organ it belongs to
  (`CONTEXTS`): 部长 in a ministry is a minister (商务部部长 → Minister of Commerce),
  elsewhere a head. A piece that starts with a level character carries its own level and is
  never the right-hand part (县委县政府 stays two bodies).

An organ is an entry whose English (generic, lower case) has an institution noun as its head
(`ORGAN_NOUNS`); a ministry (`Ministry of …`) is an organ too.

`terms.compose_rules` adds, tried after these:

- `party-org-of-body`: a unit, then a Party organization set up in it (党委, 党组, 党工委, 党总支,
  党支部, 联合党支部, 临时党支部, 党小组, 党组织) or a post of one (党支部书记). A unit that is no
  organ is attributive, as official English writes 村党支部 village Party branch: 网格党支部 →
  grid Party branch, 企业党委 → enterprise Party committee, 镇党委 → town Party committee; an organ
  owns it (县统计局党支部 → Party branch of the county statistics bureau); a post takes the whole
  (网格党支部书记 → secretary of the grid Party branch). A unit may be a glossary term of a unit
  category or a unit noun that is no term (`UNIT_NOUNS`: 企业, 学校, 楼宇 …, only here); a
  plural or coordinated unit (社会组织 social organizations) is refused.
- `rank-post`: a rank (an entry ending in 级 rendered "… level") then 干部, 领导干部, 公务员,
  官员, 职务 or 领导职务: one rank is attributive (处级干部 → division-level official, 副处级职务
  → deputy division-level position, 省级干部 → provincial-level official), a two-tier rank takes
  "at the" (县处级领导干部 → leading official at the county or division level). The rank words are
  glossary entries (处级, 厅级, 局级, 科级, 部级 …) and the rule joins them to their heads, rather
  than whole entries, because each rank stands before several heads and alone (处级以上).
- `alternates` (a pass): a body or level and its alternates in brackets, 党委（党组） → Party
  committees (leading Party members groups), 省（区、市） → provinces (autonomous regions and
  municipalities), 县（市、区） → counties (cities and districts). A level or unit character
  standing alone takes its noun (`ALTERNATE_NOUNS`; 区 and 市 after 省 are autonomous regions and
  municipalities). Only if every part is a term or such a noun, all of one kind (levels and
  administrative units are one), each with its own generic English; standing alone the unit is
  a class (plural), before the body or post it qualifies it is singular (村（社区）党组织 →
  village (community) + Party organization). Refused: a bracket that repeats or explains
  (国有企业（国企）, 中国共产党（CPC）), a demonstrative before (本县（市） this county), parts that
  form words with what follows (县（区）委书记: 县委 or 区委; 市（县）长).
- `coordinated` (a pass, last): two bodies (organs or Party organizations) or two posts joined
  by 和, 与, 及 or 、 (县委和县政府 → county Party committee and county government; 市委书记和市长),
  only where the pair stands alone: not in a longer list (县委、县政府和县人大), no term right
  before or after it, and followed by the end of a clause, 的, 等, 要, 都 or 共同 — a head after B
  (党委和政府部门, 县委和县政府办公室) may belong to both, so those stay apart.

`terms.compose_heads` adds `term-head`, tried last: a glossary term, then a generic head noun
written after it (机制, 制度, 原则, 建设, 改革, 工作 …): "{x} mechanism" for a short noun phrase
(耕地保护机制 → farmland protection mechanism), "principle of {x}" for a long one or a head that
always takes it after (民主集中制原则 → principle of democratic centralism).

Further modules add passes over the joined pieces (each module's docstring and
docs/architecture.md say what it composes and refuses): before `alternates`, `compose_meetings`
(十四届全国人大三次会议), `compose_missions` (中国驻哈萨克斯坦大使馆), `compose_scopes` (全面依法治省),
`compose_stats` (人均收入, 能耗总量和强度, 地区生产总值（现价）), `compose_series` (市场化、法治化营商环境)
and `compose_members` (中央委员会委员); after `coordinated`, `compose_modifiers` (省级自然保护区),
`compose_laws` (《监察法》及其实施条例), `compose_groups` (乡村振兴领导小组), `compose_xi`,
`compose_spirit` and `compose_lists` (“四个意识”、“四个自信”、“两个维护”). Rules tried after
`term-head`: `compose_prefixes` (涉外法律服务), `compose_transition` (低碳转型, a head).
Where a rule is unsure it composes nothing: the parts keep their own renderings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .glossary import Entry, Match

# Administrative levels written as one character before an organ, and their adjective.
LEVELS = {
    "省": "provincial",
    "市": "municipal",
    "县": "county",
    "区": "district",
    "州": "prefectural",
    "乡": "township",
    "镇": "town",
}
# Head nouns of institutions: an entry whose English ends in one names an organ.
ORGAN_NOUNS = frozenset(
    [
        "committee",
        "committees",
        "commission",
        "commissions",
        "department",
        "departments",
        "bureau",
        "bureaus",
        "office",
        "offices",
        "court",
        "courts",
        "procuratorate",
        "procuratorates",
        "congress",
        "government",
        "administration",
        "group",
        "groups",
        "branch",
        "ministry",
        "league",
        "federation",
        "association",
        "council",
        "center",
        "centre",
        "agency",
        "institute",
        "academy",
        "station",
        "team",
    ]
)
# Organs that hold departments (not themselves a department of the body before them).
SUB_BODIES = frozenset(
    "department office commission committee group team bureau center centre school".split()  # noqa: SIM905
)
MINISTRY = re.compile(r"^Ministry of (?P<field>.+)$")
# A post's rendering by the kind of organ it is a post of: (post zh, kind) → template.
CONTEXTS = {
    ("部长", "ministry"): "Minister of {field}",
    ("副部长", "ministry"): "vice minister of {field_lower}",
    ("部长助理", "ministry"): "assistant minister of {field_lower}",
}
# Words that start a verb phrase (a term used as a verb: 深化改革 deepen reform).
VERBS = frozenset(
    """uphold ensure promote build deepen strengthen improve advance pursue implement adhere
    carry put keep make take combat prevent fight develop establish follow safeguard protect
    support expand accelerate foster boost reduce eliminate achieve realize stay remain serve
    resolve enhance apply study learn grasp seek step refine modernize link lead help drive
    bring turn open raise cut create strive give share combine integrate coordinate balance
    continue explore enable let hold use win break do get set maintain be increase stabilize
    visit cultivate attract solve receive reach proceed mobilize meet move join go have adopt
    accept attend see oppose resist encourage guide regulate tackle punish investigate handle
    observe respond eradicate curb crack solicit cherish inherit nurture consolidate remove relax
    tighten fully comprehensively firmly resolutely always never further""".split()  # noqa: SIM905
)
COMPOSED = "composed"
PERSONS = frozenset("official officials cadre cadres member members servant servants".split())  # noqa: SIM905
ACRONYM = re.compile(r"\s*\([A-Z][A-Z0-9&-]+\)$")  # a rendering's trailing (NPC), one bracket
Lookup = Callable[[str], "Entry | None"]


@dataclass(frozen=True)
class Piece:
    """A glossary match, or a level character standing before one (entry category `level`)."""

    start: int
    end: int
    entry: Entry

    @property
    def zh(self) -> str:
        return self.entry.zh


def head_noun(en: str) -> str:
    """The head noun of a rendering: the word before its first `of`/`for`, else its last word
    (standing committee of the people's congress → committee)."""
    words = en.split()
    for index, word in enumerate(words):
        if word in ("of", "for", "to", "on") and index:
            return words[index - 1].lower()
    return words[-1].lower() if words else ""


def generic(en: str) -> bool:
    """A generic rendering (house style: lower case), possibly led by an acronym (CPPCC
    committee): not the proper name of one institution."""
    first = en.split(" ", 1)[0]
    return first[:1].islower() or (len(first) > 1 and first.isupper())


def verb_phrase(en: str) -> bool:
    """Whether an English rendering starts a verb phrase (the term is used as a verb: 强化
    strengthen, 深化改革 deepen reform), so it names no unit or thing a head can attach to."""
    words = en.split()
    return bool(words) and words[0].lower() in VERBS


def is_organ(entry: Entry) -> bool:
    return bool(MINISTRY.match(entry.en)) or (
        generic(entry.en) and head_noun(entry.en) in ORGAN_NOUNS
    )


def is_post(entry: Entry) -> bool:
    return entry.category == "title" and generic(entry.en)


def organ_kind(entry: Entry) -> str:
    return "ministry" if MINISTRY.match(entry.en) else head_noun(entry.en)


def _level_organ(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    if left.entry.category != "level" or right.zh[:1] in LEVELS or not generic(right.entry.en):
        return None
    level, en = left.entry.en, right.entry.en
    owner = en.rsplit(" of the ", 1)
    if head_noun(owner[-1]) in ORGAN_NOUNS:
        if len(owner) == 2:  # the level qualifies what the post or sub-body belongs to
            return f"{owner[0]} of the {level} {owner[1]}"
        return f"{level} {en}"
    words = en.split()
    if organ := next((i for i, w in enumerate(words) if w in ORGAN_NOUNS), None):
        return " ".join([*words[:organ], level, *words[organ:]])  # court president
    # A post named after its organ (检察院检察长 chief procurator): of the level's organ.
    prefixes = (lookup(right.zh[:n]) for n in range(len(right.zh) - 1, 1, -1))
    body = next((e for e in prefixes if e is not None), None)
    if body is not None and is_organ(body):
        return f"{en} of the {level} {body.en}"
    return None


def _post_of_organ(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    organ, post = left.entry, right.entry
    if left.entry.category == "level" or not is_organ(organ) or right.zh[:1] in LEVELS:
        return None
    if not is_post(post) and not (is_organ(post) and head_noun(post.en) in SUB_BODIES):
        return None
    if template := CONTEXTS.get((post.zh, organ_kind(organ))):
        field = MINISTRY.match(organ.en).group("field")  # type: ignore[union-attr]
        return template.format(field=field, field_lower=field.lower())
    # A "bureau director" of a statistics bureau is its director: drop the organ noun.
    words = post.en.split()
    if is_post(post) and " of " not in post.en:
        words = [w for w in words if w.lower() not in ORGAN_NOUNS]
    owner = organ.en[4:] if organ.en.lower().startswith("the ") else organ.en
    return f"{' '.join(words) or post.en} of the {owner}"


Join = Callable[[Piece, Piece, Lookup], "str | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    join: Join
    category: str = ""  # of a whole joined from two parts that are no terms (能耗 + 总量和强度)


RULES: list[Rule] = []


def register(name: str, join: Join, category: str = "") -> None:
    """Add a composition rule: `join(left, right, lookup)` gives the English of both pieces,
    or None; `lookup(zh)` is the glossary's entry for a Chinese string, if any; `category` is
    the whole's where neither piece is a term."""
    RULES.append(Rule(name, join, category))


register("level-organ", _level_organ)
register("post-of-organ", _post_of_organ)


def composed_piece(text: str, start: int, end: int, en: str, note: str, category: str) -> Piece:
    """A piece composed by a pass over the text (a meeting, a mission, a scoped slogan): its
    entry is approved, of layer `composed`. A trailing acronym (National People's Congress
    (NPC)) is dropped, since the term check would count the acronym alone as the whole."""
    en = re.sub(ACRONYM, "", en)
    entry = Entry(text[start:end], en, "", category, note, "", (), "approved", COMPOSED)
    return Piece(start, end, entry)


def level_piece(start: int, level: str) -> Piece:
    """A level character at `start` as a piece (category `level`)."""
    return Piece(start, start + 1, Entry(level, LEVELS[level], category="level"))


def composes_with_level(level: str, entry: Entry, lookup: Lookup) -> bool:
    """Whether the level character `level` and a term of `entry` just after it are one term
    (市 + 民政局): the matcher then lets them compete as one unit against a shorter term
    that straddles the two (市民 citizen)."""
    if level not in LEVELS:
        return False
    right = Piece(1, 1 + len(entry.zh), entry)
    return any(rule.join(level_piece(0, level), right, lookup) for rule in RULES)


def nouns_after(
    text: str,
    pieces: list[Piece],
    at_word_start: Callable[[int], bool],
    takes: Callable[[Entry], bool],
    nouns: dict[str, str],
) -> list[Piece]:
    """`pieces` with one of `nouns` (zh → English) that no term covers after each piece whose
    entry `takes` it, as a piece of category `unit`, where the noun ends a word and no piece
    starts inside it (中哈 + 关系, 处级 + 职务)."""
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        out.append(piece)
        if not takes(piece.entry):
            continue
        following = pieces[index + 1].start if index + 1 < len(pieces) else len(text)
        for zh, en in nouns.items():
            end = piece.end + len(zh)
            ends_word = end == len(text) or at_word_start(end)
            if text[piece.end : end] == zh and end <= following and ends_word:
                out.append(Piece(piece.end, end, Entry(zh, en, category="unit")))
    return out


def _joined(text: str, left: Piece, right: Piece, lookup: Lookup) -> Piece | None:
    for rule in RULES:
        en = rule.join(left, right, lookup)
        if en is not None:
            zh = text[left.start : right.end]
            pinyin = " ".join(p for p in (left.entry.pinyin, right.entry.pinyin) if p)
            note = f"{left.zh} + {right.zh} ({rule.name})"
            category = right.entry.category
            if category in ("level", "unit", "head"):  # 处级 + 职务: a bare head names no category
                category = left.entry.category
            if category in ("level", "unit", "head"):
                category = rule.category or category
            entry = Entry(zh, en, pinyin, category, note, "", (), "approved", COMPOSED)
            return Piece(left.start, right.end, entry)
    return None


def compose(
    text: str, matches: Sequence[Match], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Match]:
    """`matches` (in text order) with adjacent pieces joined by `RULES`; `at_word_start(i)`
    says whether a word of `text` may start at `i` (a level character must start one);
    `lookup` is the glossary's `get`."""
    pieces: list[Piece] = []
    for m in matches:
        before = m.start - 1
        level = text[before] if before >= 0 else ""
        free = not pieces or pieces[-1].end <= before
        piece = Piece(m.start, m.end, m.entry)
        if level in LEVELS and free and at_word_start(before):
            pieces.append(level_piece(before, level))
        elif unit := rules.unit_before(text, piece, at_word_start, pieces[-1].end if pieces else 0):
            pieces.append(unit)  # 企业 + 党委: a unit noun that is no term
        pieces.append(piece)
    pieces = rules.with_heads_after(text, pieces, at_word_start)  # 处级 + 职务
    pieces = bilateral.relations_after(text, pieces, at_word_start)  # 中哈 + 关系
    pieces = heads.with_heads(text, pieces, at_word_start, lookup)  # 耕地保护 + 机制
    pieces = stats.with_parts(text, pieces, at_word_start)  # 年均 + …, 能耗 + 总量和强度
    out: list[Piece] = []
    for piece in pieces:
        out.append(piece)
        while len(out) > 1 and out[-2].end == out[-1].start:
            joined = _joined(text, out[-2], out[-1], lookup)
            if joined is None:
                break
            out[-2:] = [joined]
    out = meetings.meetings(text, out, at_word_start, lookup)  # 十四届全国人大三次会议
    out = missions.missions(text, out, at_word_start)  # 中国驻哈萨克斯坦大使馆
    out = scopes.scopes(text, out, at_word_start, lookup)  # 全面依法治省
    out = stats.qualified(text, out, lookup)  # 地区生产总值（现价）, before alternates takes it
    out = series.series_before(text, out, at_word_start)  # 市场化、法治化、国际化 + 营商环境
    out = members.committee_posts(text, out, at_word_start)  # 中央委员会 + 委员
    out = rules.coordinated(text, rules.alternates(text, out, at_word_start, lookup))
    out = modifiers.with_modifiers(text, out, at_word_start)  # 省级 + 自然保护区
    out = laws.with_rules(text, out, at_word_start)  # 监察法 + 及其实施条例
    out = groups.task_bodies(text, out, at_word_start, lookup)  # 乡村振兴 + 领导小组
    out = xi.expositions(text, out, at_word_start, lookup)  # 习近平 + 关于 X 的重要论述
    out = spirit.guiding_principles(text, out, at_word_start, lookup)  # 全国两会 + 精神
    out = lists.enumerated(text, out)  # “四个意识”、“四个自信”、“两个维护”
    kept = [p for p in out if p.entry.category not in ("level", "unit", "head")]
    return [Match(p.start, p.end, p.entry, text[p.start : p.end]) for p in kept]


# The further rules register after the two above (their module needs this one's records).
from . import compose_bilateral as bilateral  # noqa: E402
from . import compose_meetings as meetings  # noqa: E402
from . import compose_members as members  # noqa: E402
from . import compose_missions as missions  # noqa: E402
from . import compose_rules as rules  # noqa: E402
from . import compose_scopes as scopes  # noqa: E402
from . import compose_series as series  # noqa: E402
from . import compose_stats as stats  # noqa: E402

# term-head is tried last: its module registers after compose_rules.
from . import compose_heads as heads  # noqa: E402  # isort: skip
from . import compose_laws as laws  # noqa: E402  # isort: skip
from . import compose_lists as lists  # noqa: E402  # isort: skip
from . import compose_modifiers as modifiers  # noqa: E402  # isort: skip
from . import compose_groups as groups  # noqa: E402  # isort: skip
from . import compose_spirit as spirit  # noqa: E402  # isort: skip
from . import compose_xi as xi  # noqa: E402  # isort: skip
from . import compose_prefixes  # noqa: E402, F401  # isort: skip
