"""The one segmenter: forward longest match, a policy for characters that start no word."""

from __future__ import annotations

import pytest

from bilingual.segment import Vocabulary, longest_at, segment

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
