"""The one segmenter: forward longest match, a policy for characters that start no word."""

from __future__ import annotations

import pytest

from bilingual.segment import (
    Vocabulary,
    backward_boundaries,
    common_words,
    forward_boundaries,
    longest_at,
    segment,
    words,
)

WORDS = Vocabulary.of(["中华", "中华人民共和国", "人民", "共和国", "改革", "开放", "T恤"])


@pytest.mark.parametrize(
    ("text", "unknown", "words"),
    [
        ("中华人民共和国", "single", ["中华人民共和国"]),
        ("中华人民", "single", ["中华", "人民"]),
        ("改革和开放", "single", ["改革", "和", "开放"]),
        ("改革和开放", "skip", ["改革", "开放"]),
        ("穿T恤", "skip", ["T恤"]),
        ("", "single", []),
    ],
)
def test_segment(text: str, unknown: str, words: list[str]) -> None:
    assert segment(text, WORDS, unknown) == words


def test_longest_at_stops_at_a_bound() -> None:
    assert longest_at("中华人民共和国", 0, WORDS) == 7
    assert longest_at("中华人民共和国", 0, WORDS, end=4) == 2  # a fixed term starts at 4
    assert longest_at("和", 0, WORDS) == 0


def test_unknown_policy_is_checked() -> None:
    with pytest.raises(ValueError, match="single' or 'skip"):
        segment("改革", WORDS, "keep")


@pytest.mark.parametrize(
    ("text", "forward", "backward"),
    [
        ("中华人民共和国", {0, 7}, {0, 7}),
        ("改革和开放", {0, 2, 3, 5}, {0, 2, 3, 5}),
        ("中华人民", {0, 2, 4}, {0, 2, 4}),
        ("", {0}, {0}),
    ],
)
def test_forward_and_backward_boundaries(text: str, forward: set, backward: set) -> None:
    assert forward_boundaries(text, WORDS) == forward
    assert backward_boundaries(text, WORDS) == backward


def test_the_two_cuts_differ_where_a_sentence_is_ambiguous() -> None:
    words = Vocabulary.of(["和平", "平等", "互利"])
    assert forward_boundaries("和平等互利", words) == {0, 2, 3, 5}  # 和平|等|互利
    assert backward_boundaries("和平等互利", words) == {0, 1, 3, 5}  # 和|平等|互利


def test_common_words_leave_out_two_character_place_names_only() -> None:
    assert "和县" in words() and "和县" not in common_words()  # He County
    assert {"集团", "本市", "中医", "北京市", "上海合作组织"} <= common_words().words
