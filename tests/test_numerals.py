"""Numbers in Chinese numerals: values (cn2an), spans, English, and the set phrases and terms
whose numerals are no numbers."""

from __future__ import annotations

import pytest

from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Glossary
from bilingual.terms.numbers import en_values, missing_numbers, zh_numbers
from bilingual.terms.numerals import SMALL, ordinal


def test_small_numerals_read_as_cn2an_reads_them() -> None:
    """The table that spares most sentences the cn2an import gives cn2an's values."""
    import cn2an

    def read(numeral: str) -> float | None:
        try:
            return float(cn2an.cn2an(numeral, "smart"))
        except ValueError:
            return None

    assert len(SMALL) == 114
    assert {n: read(n) for n in SMALL} == SMALL


@pytest.mark.parametrize(
    ("text", "span", "value", "english"),
    [
        ("出台十八条措施", "十八", 18, "18"),
        ("开设三个专栏", "三", 3, "3"),
        ("县乡两级", "两", 2, "2"),
        ("庆祝建党一百零三周年", "一百零三", 103, "103rd"),
        ("市第二人民医院", "第二", 2, "second"),
        ("第十四届全国人大", "第十四", 14, "14th"),
        ("十四届全国人大代表", "十四", 14, "14th"),
        ("第一次全体会议", "第一", 1, "first"),
        ("二〇二四年", "二〇二四", 2024, "2024"),
        ("实施五年行动", "五", 5, "5"),
        ("三千多名干部", "三千多", 3000, "over 3,000"),
        ("投入两千万元", "两千万", 2e7, "20 million"),
        ("接待游客1.8万人", "1.8万", 18000, "18,000"),
        ("举办活动2.3万场次", "2.3万", 23000, "23,000"),
        ("一百二十个村", "一百二十", 120, "120"),
    ],
)
def test_numerals_are_numbers(text: str, span: str, value: float, english: str) -> None:
    (number,) = zh_numbers(text)
    assert (number.text, number.values, number.english) == (span, (value,), english)
    assert text[number.start : number.end] == span
    assert value in en_values(english)


@pytest.mark.parametrize(
    "text",
    ["一些地方", "一直坚持", "统一思想", "一起努力", "一个中心", "第一批试点", "千家万户",
     "第一时间赶到", "一样重要", "十分重要", "万一出现", "两岸同胞", "奋战在一线", "三心二意",
     "百姓生活", "一带一路", "一批干部"],
)  # fmt: skip
def test_set_phrases_hold_no_number(text: str) -> None:
    assert [n.text for n in zh_numbers(text) if n.text != "第一"] == []


def test_first_of_a_batch_is_an_ordinal_and_first_moment_is_none() -> None:
    assert [n.english for n in zh_numbers("第一批试点")] == ["first"]
    assert zh_numbers("第一时间赶到") == []


@pytest.mark.parametrize(
    ("text", "term"),
    [("做好三农工作", "三农工作"), ("选派第一书记", "第一书记"), ("十四五时期", "十四五时期"),
     ("增强四个意识", "四个意识"), ("做到两个维护", "两个维护")],
)  # fmt: skip
def test_a_term_holding_a_numeral_wins(real_glossary: Glossary, text: str, term: str) -> None:
    spans = analyse(text, "paragraph", real_glossary).protected
    assert [(text[s.start : s.end], s.kind) for s in spans] == [(term, "term")]


@pytest.mark.parametrize(
    ("zh", "en", "missing"),
    [
        ("出台十八条措施", "issued 18 measures", []),
        ("出台十八条措施", "issued eighteen measures", []),
        ("出台十八条措施", "issued measures", ["十八"]),
        ("建党一百零三周年", "the 103rd anniversary", []),
        ("建党一百零三周年", "the anniversary", ["一百零三"]),
        ("第二人民医院", "No. 2 People's Hospital", []),
        ("第二人民医院", "the Second People's Hospital", []),
        ("第二人民医院", "the People's Hospital", ["第二"]),
        ("县乡两级", "county and township levels", ["两"]),
        ("县乡两级", "the two levels of county and township", []),
    ],
)
def test_numerals_must_come_through(zh: str, en: str, missing: list[str]) -> None:
    assert [n.text for n in missing_numbers(zh_numbers(zh), en)] == missing


@pytest.mark.parametrize(
    ("value", "text"),
    [(1, "first"), (2, "second"), (10, "tenth"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (103, "103rd"), (111, "111th")],
)  # fmt: skip
def test_ordinal(value: int, text: str) -> None:
    assert ordinal(value) == text
