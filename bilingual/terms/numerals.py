"""Numbers written in Chinese numerals: quantities, ordinals, anniversaries and years.

十八条, 三个专栏, 两级, 一百零三周年, 第二人民医院, 二〇二四年, 三千多名: a numeral before a
classifier (`CLASSIFIERS`) or after 第 is a number; its value comes from `cn2an` (smart mode
reads 两千, 一百零三, 三千万 and years written digit by digit, 二〇二四), except for the numerals
below a hundred most sentences hold (三, 两, 十八, 四十五), read from a table with the same
values (a test compares every one with cn2an), because importing cn2an costs ~0.1 s.
The span is the numeral with 第 and an approximation mark (余/多), never the classifier, so
MT still translates the noun: "ZZ1ZZ条措施" → "18 measures". English: the value as digits
(18, 2,000, 30 million), an ordinal after 第 or before 周年/届 (second, 14th, 103rd).

Set phrases and terms keep their numerals: a cardinal one (一个, 一批) is English's article
and is not a number here; a numeral run that starts or ends inside a word of the sentence
(统一, 千家万户, 第一时间) is no number; and a glossary term holding a numeral (三农, 第一书记,
十四五, 四个意识) is a term, which wins over any number inside it (`Analysis.protected`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..segment import common_cuts

DIGITS = "〇零一二三四五六七八九"
NUMERAL = f"[{DIGITS}十百千万亿两]+"
# Measure words and units after which a numeral counts something (no 起, 样, 点, 分: 一起,
# 一样, 一点, 十分 are words of their own).
CLASSIFIERS = (
    "周年", "场次", "人次", "户次", "方面", "公里", "千米", "小时", "分钟", "个", "条", "项",
    "次", "届", "年", "名", "人", "家", "批", "所", "座", "件", "种", "位", "户", "天", "场",
    "篇", "部", "份", "支", "辆", "台", "张", "本", "册", "首", "幅", "期", "轮", "级", "类",
    "处", "栋", "架", "艘", "亩", "吨", "元", "倍", "岁", "章", "节", "款", "层", "版", "例",
    "组", "队", "村", "县", "省", "国", "所", "校", "间", "块", "万元", "亿元", "大类",
)  # fmt: skip
ORDINAL_AFTER = ("周年", "届")  # N周年, N届 are ordinals in English (103rd, 14th)
QUANTITY = re.compile(
    rf"(?P<ordinal>第)?(?P<numeral>{NUMERAL})(?P<approx>[余多])?"
    rf"(?P<unit>{'|'.join(sorted(CLASSIFIERS, key=len, reverse=True))})?"
)
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth")  # fmt: skip


@dataclass(frozen=True)
class Numeral:
    """A number in Chinese numerals: its span in the text, value, and English."""

    start: int
    end: int
    text: str
    value: float
    english: str


ONES = {d: i for i, d in enumerate("一二三四五六七八九", 1)}
# Numerals below a hundred written the usual way (三, 两, 十, 十八, 二十, 四十五), and a bare
# magnitude, which is no numeral for cn2an (万 of 万人: None).
SMALL: dict[str, float | None] = (
    dict.fromkeys("百千万亿")
    | {d: float(v) for d, v in ONES.items()}
    | {"两": 2.0, "十": 10.0}
    | {f"十{d}": 10.0 + v for d, v in ONES.items()}
    | {f"{t}十": 10.0 * u for t, u in ONES.items()}
    | {f"{t}十{d}": 10.0 * u + v for t, u in ONES.items() for d, v in ONES.items()}
)


@lru_cache(maxsize=4096)
def value_of(numeral: str) -> float | None:
    """The value of a Chinese numeral (两千 → 2000, 一百零三 → 103, 二〇二四 → 2024), or None."""
    if numeral in SMALL:
        return SMALL[numeral]
    import cn2an

    try:
        return float(cn2an.cn2an(numeral, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def ordinal(value: int) -> str:
    """1 → first … 10 → tenth; 11 → 11th, 22 → 22nd, 103 → 103rd."""
    if 1 <= value <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[value - 1]
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def numerals(text: str, format_value) -> list[Numeral]:
    """The Chinese-numeral numbers of `text` (see the module docstring); `format_value` writes
    a cardinal value in English (`numbers.format_value`)."""
    found: list[Numeral] = []
    for m in QUANTITY.finditer(text):
        first, numeral, approx, unit = m.group("ordinal", "numeral", "approx", "unit")
        if not first and not unit:
            continue
        value = value_of(numeral)
        if value is None or (value == 1 and not first):
            continue
        cuts = common_cuts(text)[1]
        end = m.end("approx") if approx else m.end("numeral")
        # The whole must stand as words; an ordinal may also stand without what follows
        # (第二人民医院: 第二, not 第二人 inside 人民).
        if m.start() not in cuts or (m.end() not in cuts and not (first and end in cuts)):
            continue
        if first or unit in ORDINAL_AFTER:
            english = ordinal(int(value))
        elif unit == "年" and len(numeral) == 4 and all(c in DIGITS for c in numeral):
            english = f"{int(value)}"  # a year read digit by digit: 2024, never 2,024
        else:
            english = ("over " if approx else "") + format_value(value)
        found.append(Numeral(m.start(), end, text[m.start() : end], value, english))
    return found
