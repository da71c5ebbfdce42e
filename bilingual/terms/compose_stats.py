"""Composition rules for statistical indicators: per capita and annual averages, bracketed
qualifiers, and totals and intensities (`terms.compose` runs them with the others).

Statistical Chinese builds indicators from a glossary term and a few fixed parts, whose English
follows the term's in one regular way in the NBS communiqués and the government work reports:

- `per-capita` (a pair rule): 人均 + an indicator → "per capita {x}" (人均收入 per capita income,
  人均财政收入 per capita fiscal revenue), as the NBS writes "per capita disposable income",
  "per capita wage income", "per capita net property income" (NBS, Households' Income and
  Consumption Expenditure in the First Three Quarters of 2020,
  stats.gov.cn/english/pressrelease/202010/t20201020_1794986.html) and "per capita floor space"
  (Xinhua 2008-03-17, chinadaily.com.cn/bizchina/2008-03/17/content_6542889.htm; Xinhua via
  Shanghai Daily 2024-08-23, shine.cn/biz/property/2408233896/); 年均 + an indicator → "average
  annual {x}", as the NBS's 年均增长 average annual growth and 年均增速 average annual growth
  rate (the glossary's entries, 2023 communiqué). The indicator is a term whose English names
  an amount (`AMOUNTS`: income, revenue, output, consumption, emissions, floor space …) or a
  noun of `INDICATOR_NOUNS`. Refused: a rate, ratio, index, growth or count (per capita growth
  rate means nothing), a total (per capita total retail sales), people, a verb phrase. The
  glossary's whole entries win where the English is irregular: 人均预期寿命 is "average life
  expectancy" (NBS 2023), not "per capita life expectancy".
  Left out: 户均 (per household, average … per household: the English puts it after the noun
  and varies), 亩均 (the glossary's 亩均效益 is "per-mu output"; Zhejiang writes "per mu of
  land" after the noun), 日均 (daily average, average daily, … a day: no one official pattern
  read).
- `qualified` (a pass): a statistics term and a bracketed qualifier after it, one span: （按可比
  价格计算） "(at comparable prices)", （按不变价格计算） "(at constant prices)", （现价）/（按现价
  计算） "(at current prices)", （扣除价格因素） "(after deducting price factors)" — the
  glossary's entries for these phrases, from the NBS communiqué — and （不含X） "(excluding X)",
  （含X） "(including X)", as the NBS writes "investment in fixed assets (excluding rural
  households)" and "infrastructure (excluding electric power, heat power, gas and water)" (NBS
  release of 2019-08-16, as carried by marketscreener.com; NBS on the NDRC English site,
  en.ndrc.gov.cn/news/pressreleases/202108/t20210827_1294880.html, the glossary's
  固定资产投资（不含农户）). X is a noun of `QUALIFIER_NOUNS`
  or a glossary term that names no person or post (a person term's English is singular:
  "excluding rural household" reads wrong); otherwise nothing is composed and, unlike the
  alternates rule, the bracket is not read as a list of alternates either.
- `total-intensity` (a pair rule): X + 总量和强度, with 双控, “双控”, 控制 or 调控 after it →
  "(dual control over | control over | regulation of) the total amount and intensity of {x}"
  (the CPC's "controlling the total amount and intensity of energy and water resources
  consumption and construction land", Xi Jinping's explanation of the 13th Five-Year Plan
  proposal, 2015; "dual control over energy consumption", the glossary's 能耗双控 from the
  report to the 20th National Congress); X + 总量 alone → "total {x}" (NBS: 能源消费总量 total
  energy consumption, 全社会用电量 total electricity consumption). X is a term naming an amount
  or a noun of `TOTAL_NOUNS` (能耗, 用水, 建设用地, which are no terms alone). The glossary's
  entries for 能耗总量和强度双控 and 碳排放总量和强度双控 win as longer matches. 强度 alone is
  left out: official English drops the noun (碳排放强度 carbon intensity, 能耗强度 energy
  intensity), so those are entries.

Where a rule is unsure it composes nothing: the parts keep their own renderings.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import ACRONYM, Lookup, Piece, head_noun, register, verb_phrase
from .glossary import Entry

UNIT = "unit"  # category of a part written in the text that no term covers (dropped unless joined)
HEAD = "head"
# Prefixes of an indicator and their English pattern. 人均 is a glossary term; 年均 is no term
# alone, so it is taken as a part where it stands right before an indicator.
PER = {"人均": "per capita {x}", "年均": "average annual {x}"}
# Head nouns of an indicator's English that name an amount (what a per capita or a total is of).
AMOUNTS = frozenset(
    """income incomes expenditure expenditures spending revenue revenues product output
    consumption savings deposits space area emissions resources land water electricity
    investment wealth""".split()  # noqa: SIM905
)
# Words that make an indicator no amount: a rate or index, a total, growth, or a per-… already.
NOT_AMOUNT = re.compile(r"\b(rate|ratio|index|coefficient|growth|increase|decrease|total|per)\b")
# Categories of terms an indicator may have (not people, posts, places or slogans).
INDICATOR_CATEGORIES = frozenset("statistics economy social ecology rural health".split())  # noqa: SIM905
# Indicators after 人均 that are no term alone (住房 housing is one; 住房面积 is not).
INDICATOR_NOUNS = {"住房面积": "floor space", "住房建筑面积": "floor space"}
# Qualifiers in brackets after a statistics term: the NBS's wording.
QUALIFIERS = {
    "按可比价格计算": "at comparable prices",
    "按不变价格计算": "at constant prices",
    "现价": "at current prices",
    "按现价计算": "at current prices",
    "扣除价格因素": "after deducting price factors",
}
# What 不含/含 may name, where no term (or only a person term) renders it: NBS wording.
QUALIFIER_NOUNS = {
    "农户": "rural households",
    "电力、热力、燃气及水生产和供应业": "electric power, heat power, gas and water",
}
EXCLUDING = {"不含": "excluding", "含": "including"}
REFUSED_QUALIFIED = frozenset("title person people place places country countries".split())  # noqa: SIM905
# A term naming one person or household reads wrong after "excluding" (干部 official).
SINGULAR_PERSONS = frozenset("official cadre member resident household farmer worker".split())  # noqa: SIM905
OPEN, CLOSE = "（(", "）)"
# X + 总量和强度 and what may follow: the whole tail's pattern over X's English.
TOTAL_AND_INTENSITY = "总量和强度"
CONTROLS = {
    "双控": "dual control over the total amount and intensity of {x}",
    "“双控”": "dual control over the total amount and intensity of {x}",
    "控制": "control over the total amount and intensity of {x}",
    "调控": "regulation of the total amount and intensity of {x}",
    "": "total amount and intensity of {x}",
}
# Nouns before 总量 that are no term alone: Xi (2015) names "energy and water resources
# consumption and construction land"; NBS writes "energy consumption".
TOTAL_NOUNS = {
    "能耗": "energy consumption",
    "能源消费": "energy consumption",
    "用水": "water consumption",
    "建设用地": "construction land",
}


def amount_english(entry: Entry) -> str | None:
    """The English of an indicator naming an amount (module docstring), else None."""
    en = re.sub(r"\s*\([^)]*\)", "", entry.en).strip()  # gross domestic product (GDP)
    if entry.category == UNIT and entry.zh in {**INDICATOR_NOUNS, **TOTAL_NOUNS}:
        return en
    if entry.category not in INDICATOR_CATEGORIES or not en[:1].islower() or verb_phrase(en):
        return None
    if NOT_AMOUNT.search(en) or head_noun(en) not in AMOUNTS:
        return None
    return en


def _per_capita(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    """人均/年均 + an indicator naming an amount: "per capita {x}", "average annual {x}"."""
    pattern = PER.get(left.zh)
    if pattern is None or right.entry.layer == "composed" or right.entry.category == HEAD:
        return None
    if right.entry.category == UNIT and right.zh not in INDICATOR_NOUNS:
        return None
    en = amount_english(right.entry)
    return pattern.format(x=en) if en else None


def _total_intensity(left: Piece, right: Piece, lookup: Lookup) -> str | None:
    """An amount, then 总量 ("total {x}") or the tail 总量和强度 [双控 …] (module docstring)."""
    en = amount_english(left.entry)
    if en is None or left.entry.layer == "composed":
        return None
    if right.entry.category == HEAD and right.zh.startswith(TOTAL_AND_INTENSITY):
        return CONTROLS[right.zh[len(TOTAL_AND_INTENSITY) :]].format(x=en)
    if right.zh == "总量" and right.entry.category != HEAD:
        return f"total {en}"
    return None


def with_parts(text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]) -> list[Piece]:
    """`pieces` with the parts no term covers that the rules above join: 年均 before a term,
    a noun before 总量 (能耗), an indicator noun after 人均 (住房面积, replacing the
    terms inside it), and the tail 总量和强度[双控 …] after an amount (one piece)."""
    out = list(pieces)

    def free(start: int, end: int) -> bool:
        return (
            start >= 0
            and at_word_start(start)
            and not any(p.start < end and p.end > start for p in out)
        )

    for piece in list(out):  # 年均 + a term
        if text[piece.start - 2 : piece.start] == "年均" and free(piece.start - 2, piece.start):
            out.append(Piece(piece.start - 2, piece.start, Entry("年均", "average annual",
                                                                 category=UNIT)))  # fmt: skip
    for found in re.finditer("总量", text):  # 能耗 + 总量: a noun that is no term alone
        for zh, en in TOTAL_NOUNS.items():
            start, at = found.start() - len(zh), found.start()
            if start < 0 or text[start:at] != zh or not at_word_start(start):
                continue
            inside = [p for p in out if p.start < at and p.end > start]
            # a term inside the noun (用地 in 建设用地) gives way; one ending in 总量 (能源消费总量)
            # only before 和强度, where the tail takes its 总量
            tail = at + 2 if text.startswith(TOTAL_AND_INTENSITY, at) else at
            if all(p.start >= start and p.end in range(start + 1, tail + 1) for p in inside):
                out = [p for p in out if p not in inside]
                out.append(Piece(start, at, Entry(zh, en, category=UNIT)))
    out.sort(key=lambda p: p.start)
    for piece in [p for p in out if p.zh == "人均"]:  # 人均 + 住房面积: the noun claims 住房
        for zh, en in INDICATOR_NOUNS.items():
            end = piece.end + len(zh)
            inside = [p for p in out if p.start < end and p.end > piece.end]
            if text[piece.end : end] != zh or any(p.end > end for p in inside):
                continue
            if end == len(text) or at_word_start(end):
                out = [p for p in out if p not in inside]
                out.append(Piece(piece.end, end, Entry(zh, en, category=UNIT)))
                break
    out.sort(key=lambda p: p.start)
    return _tails(text, out, at_word_start)


def _tails(text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]) -> list[Piece]:
    """Each amount followed by 总量和强度 (and a control word) takes the tail as one piece."""
    out = list(pieces)
    for piece in pieces:
        at = piece.end
        if not text.startswith(TOTAL_AND_INTENSITY, at) or amount_english(piece.entry) is None:
            continue
        end = at + len(TOTAL_AND_INTENSITY)
        end += len(next((c for c in CONTROLS if c and text.startswith(c, end)), ""))
        inside = [p for p in out if p.start < end and p.end > at]
        if (end < len(text) and not at_word_start(end)) or any(p.end > end for p in inside):
            continue  # the tail is part of a longer word, or a term runs past it
        zh = text[at:end]
        out = [p for p in out if p not in inside]
        out.append(Piece(at, end, Entry(zh, zh, category=HEAD)))
    return sorted(out, key=lambda p: p.start)


def qualified(text: str, pieces: list[Piece], lookup: Lookup) -> list[Piece]:
    """Join a statistics term and the bracketed qualifier right after it (module docstring):
    地区生产总值（按可比价格计算） → "gross regional product (at comparable prices)"."""
    out: list[Piece] = []
    skip_to = 0
    for piece in pieces:
        if piece.start < skip_to:
            continue
        out.append(piece)
        if piece.entry.category != "statistics" or text[piece.end : piece.end + 1] not in OPEN:
            continue
        close = next((j for j in range(piece.end + 1, len(text)) if text[j] in CLOSE), -1)
        english = _qualifier(text[piece.end + 1 : close], lookup) if close > 0 else None
        if english is None:
            continue
        zh = text[piece.start : close + 1]
        note = f"{piece.zh} + {text[piece.end : close + 1]} (qualified)"
        en = f"{ACRONYM.sub('', piece.entry.en)} ({english})"
        entry = Entry(zh, en, piece.entry.pinyin, "statistics", note, "", (), "approved",
                      "composed")  # fmt: skip
        out[-1] = Piece(piece.start, close + 1, entry)
        skip_to = close + 1
    return out


def _qualifier(inner: str, lookup: Lookup) -> str | None:
    """The English of a bracketed qualifier, or None where it is none (or unsure)."""
    if inner in QUALIFIERS:
        return QUALIFIERS[inner]
    for zh, word in EXCLUDING.items():
        if inner.startswith(zh) and len(inner) > len(zh):
            noun = _qualified_noun(inner[len(zh) :], lookup)
            return noun and f"{word} {noun}"
    return None


def _qualified_noun(zh: str, lookup: Lookup) -> str | None:
    if zh in QUALIFIER_NOUNS:
        return QUALIFIER_NOUNS[zh]
    entry = lookup(zh)
    if entry is None or entry.category in REFUSED_QUALIFIED or verb_phrase(entry.en):
        return None
    en = entry.en[4:] if entry.en.startswith("the ") else entry.en
    if re.search(r"[,;:()]", en) or en.split()[-1].lower() in SINGULAR_PERSONS:
        return None
    return en


register("per-capita", _per_capita, "statistics")
register("total-intensity", _total_intensity, "statistics")
