"""Numbers in Chinese and English text: find them, know their values, render them in English.

Used around MT: Chinese magnitudes and dates (28.6万, 200余万元, 2月13日) and numbers in
Chinese numerals (十八条, 第二, 一百零三周年: `terms.numerals`) are protected and rendered here
(286,000; over 2 million yuan; February 13; 18; second; 103rd), and every number of a source
sentence must come out with the same value in the English, as often as the Chinese has it
(14,000 = 14000 = 14 thousand; February = 2; second = 2nd = 2). Numerals inside set phrases
and terms (四个意识, 一线, 统一) are no numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .numerals import numerals

FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_VALUES = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_VALUES.update({m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)})
_MONTH_VALUES["sept"] = 9

_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
WORD_VALUES = {w: i for i, w in enumerate(_WORDS)}
WORD_VALUES.update(
    {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
)
WORD_VALUES.update({"ninety": 90, "hundred": 100, "dozen": 12})
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
WORD_VALUES.update({w: i for i, w in enumerate(_ORDINALS, start=1)})
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
ZH_SCALES = {"百": 100, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8}
ZH_SCALES["万亿"] = 1e12

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# 2020年2月13日 / 2月13日 / 2020年2月
ZH_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号])?")
# 28.6万, 200余万元, 1.2亿, 3千多人: number, approx marker, scale, approx marker, yuan
ZH_MAGNITUDE = re.compile(rf"({_NUM})\s*([余多])?(万亿|十万|百万|千万|万|亿|千)([余多])?(元)?")
ZH_PLAIN = re.compile(rf"(?<![\d.]){_NUM}(?![\d])")

EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[,\u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:st|nd|rd|th)?(?:\s*-?\s*(hundred|thousand|million|billion|trillion))?",
    re.IGNORECASE,
)
EN_WORD = re.compile(
    r"\b([a-z]+)(?:-([a-z]+))?(?:\s+(hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number found in Chinese text: its span, its values, and (if protectable) English."""

    start: int
    end: int
    text: str
    values: tuple[float, ...]
    english: str = ""  # set for magnitudes and dates, which protect() renders itself


def _float(digits: str) -> float:
    return float(digits.replace(",", ""))


def format_value(value: float) -> str:
    """286000 → '286,000'; 2000000 → '2 million'; 350000000 → '350 million'; 3.5 → '3.5'."""
    for word, scale in (("billion", 1e9), ("million", 1e6)):
        if value >= scale:
            q = value / scale
            if abs(round(q, 2) - q) < 1e-9:
                return f"{round(q, 2):g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def format_date(year: str | None, month: str, day: str | None) -> str:
    """('2020', '2', '13') → 'February 13, 2020'; (None, '2', '13') → 'February 13'."""
    name = MONTHS[int(month) - 1]
    if day and year:
        return f"{name} {int(day)}, {year}"
    if day:
        return f"{name} {int(day)}"
    return f"{name} {year}" if year else name


def zh_numbers(text: str) -> list[Number]:
    """Arabic-digit numbers in Chinese text, with dates and magnitudes as single numbers."""
    text = text.translate(FULLWIDTH)
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in ZH_DATE.finditer(text):
        year, month, day = m.groups()
        if not 1 <= int(month) <= 12 or (day and not 1 <= int(day) <= 31):
            continue
        values = tuple(float(v) for v in (year, month, day) if v)
        found.append(Number(m.start(), m.end(), m.group(), values, format_date(year, month, day)))
        taken.append(m.span())
    for m in ZH_MAGNITUDE.finditer(text):
        if not free(*m.span()):
            continue
        digits, approx1, scale, approx2, yuan = m.groups()
        value = _float(digits) * ZH_SCALES[scale]
        english = ("over " if approx1 or approx2 else "") + format_value(value)
        english += " yuan" if yuan else ""
        found.append(Number(m.start(), m.end(), m.group(), (value,), english))
        taken.append(m.span())
    for m in ZH_PLAIN.finditer(text):
        if free(*m.span()):
            found.append(Number(m.start(), m.end(), m.group(), (_float(m.group()),)))
            taken.append(m.span())
    for n in numerals(text, format_value):
        if free(n.start, n.end):
            found.append(Number(n.start, n.end, n.text, (n.value,), n.english))
    return sorted(found, key=lambda n: n.start)


def en_value_counts(text: str) -> Counter[float]:
    """How many times an English text expresses each numeric value (keys by `value_key`):
    digits, scale and number words, months. One occurrence may express several values
    ("2 million": 2 and 2,000,000)."""
    counts: Counter[float] = Counter()
    for m in EN_NUMBER.finditer(text):
        digits = re.sub(r"[,\u00a0\u202f]", "", m.group(1))
        value = float(digits)
        found = {value}
        if m.group(2):
            found.add(value * SCALES[m.group(2).lower()])
        counts.update({value_key(v) for v in found})
    for m in EN_WORD.finditer(text):
        word, second, scale = (g.lower() if g else g for g in m.groups())
        found = set()
        if word in _MONTH_VALUES and not second:
            found.add(float(_MONTH_VALUES[word]))
        base = 1 if word in ("a", "one") and scale else WORD_VALUES.get(word)
        if base is None:
            if word in SCALES:
                found.add(SCALES[word])
        else:
            if second and second in WORD_VALUES:
                base += WORD_VALUES[second]
            found.add(float(base))
            if scale:
                found.add(base * SCALES[scale])
        counts.update({value_key(v) for v in found})
    return counts


def en_values(text: str) -> set[float]:
    """Every numeric value an English text expresses (see `en_value_counts`)."""
    return set(en_value_counts(text))


def value_key(value: float) -> float:
    """A value as compared: nine significant digits (0.1 + 0.2 is 0.3)."""
    return float(f"{value:.9g}")


def missing_numbers(numbers: Iterable[Number], en: str) -> list[Number]:
    """The `numbers` (of a Chinese text) whose values the English does not all express."""
    present = en_values(en)
    return [n for n in numbers if not all(value_key(v) in present for v in n.values)]
