"""Pinyin by word (`bilingual.reading`): the better cut, polyphones read in the sentence."""

from __future__ import annotations

import pytest

from bilingual.reading import cut, join_syllables, syllables, words_with_pinyin
from bilingual.segment import Vocabulary


@pytest.mark.parametrize(
    ("han", "words"),
    [
        ("转化为生产力", ["转化", "为", "生产力"]),  # backward: not 转化|为生|产|力
        ("忻州市委", ["忻州", "市委"]),  # not 忻州市|委
        ("为了人民", ["为了", "人民"]),
    ],
)
def test_cut_keeps_the_better_of_the_two_cuts(han: str, words: list[str]) -> None:
    assert cut(han) == words


def test_cut_prefers_fewer_words_then_fewer_single_characters() -> None:
    vocabulary = Vocabulary.of(["ab", "cd", "bcd"])
    assert cut("abcd", vocabulary) == ["ab", "cd"]  # backward a|bcd: as many words, one single
    assert cut("abcde", Vocabulary.of(["abc", "cde", "de"])) == ["abc", "de"]


@pytest.mark.parametrize(
    ("han", "index", "reading"),
    [
        ("转化为生产力", 2, "wéi"),  # 化为: phrase dictionary
        ("以人民为中心", 3, "wéi"),  # 以…为: the rule
        ("以新时代中国特色社会主义思想为指导", 14, "wéi"),
        ("为群众办实事", 0, "wèi"),  # "for" stays wèi
        ("以此为了", 2, "wèi"),  # 为了 is not 以…为
    ],
)
def test_polyphones_read_in_context(han: str, index: int, reading: str) -> None:
    assert len(syllables(han)) == len(han)
    assert syllables(han)[index] == reading


def test_words_carry_their_joined_syllables() -> None:
    assert words_with_pinyin("西安市委") == [("西安", "xī'ān"), ("市委", "shìwěi")]
    assert join_syllables(["zǔ", "zhī", "bù"]) == "zǔzhībù"
