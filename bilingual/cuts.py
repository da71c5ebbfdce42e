"""Where to cut a sentence pair: split points in the Chinese, the English cut that matches a
Chinese one, and the English sentence boundaries a one-side move works with.

Pure text functions, shared by `review` (merge/split/move) and the reviewers' prompts.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?;][\"'”’)\]]*\s+")
_PUNCT = re.compile(r"[,:\u2014\u2013)\]]\s+|\s+[\u2014\u2013(\[]")
_SPACE = re.compile(r"\s+")


def suggest_en_split(zh: str, en: str, at: int) -> int:
    """Where to cut the English for a Chinese cut at `at`: an offset into `en`.

    Start from the proportional position and snap to the nearest sentence end within a
    quarter of the text, else the nearest clause punctuation within a sixth, else the
    nearest space; the cut lands after the whitespace, so both halves come out trimmed.
    """
    en = en.rstrip()
    if not en or not zh:
        return 0
    target = len(en) * at / len(zh)
    for pattern, window in ((_SENTENCE_END, 0.25), (_PUNCT, 1 / 6), (_SPACE, 1.0)):
        cuts = [m.end() for m in pattern.finditer(en) if 0 < m.end() < len(en)]
        cuts = [c for c in cuts if abs(c - target) <= window * len(en)]
        if cuts:
            return min(cuts, key=lambda c: abs(c - target))
    return round(target)


def split_point_candidates(zh: str) -> list[int]:
    """Offsets after Chinese punctuation inside the sentence: likely split points."""
    return [i + 1 for i, ch in enumerate(zh[:-1]) if ch in "。！？；，：、…”」）"]


def en_sentence_starts(en: str) -> list[int]:
    """Offsets in `en` where its second, third … sentence starts (the aligner's splitter:
    "Mr. Xi" or "3.5" do not end a sentence). Empty for a single sentence."""
    from .align.english import split_sentences  # the aligner's package is heavy to import

    starts, pos = [], 0
    for sentence in split_sentences(en):
        at = en.find(sentence, pos)
        if at < 0:  # the splitter joined a line break into a space: stop at what we found
            break
        if at > 0 and en[:at].strip():
            starts.append(at)
        pos = at + len(sentence)
    return starts
