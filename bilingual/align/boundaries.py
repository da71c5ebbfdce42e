"""What a boundary between two beads gains or costs, from cues on both sides of it.

A node (i, j) of the search is a boundary after the first i Chinese and j English
sentences. Free translations regroup sentences most in dialogue, and there a boundary that
falls inside a quotation on one side usually does on the other, a bead that ends in a
question on one side usually does on the other, and a turn of dialogue usually begins at
the same place on both: `BoundaryGain` adds these cues up for the band search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_QUOTE = re.compile(r"[\"'‘’“”「」『』]")
_ALWAYS_OPEN = "“「『"
_ALWAYS_CLOSE = "”」』"


def quote_states(sentences: list[str]) -> np.ndarray:
    """Whether a quotation is open after the first k sentences, k = 0 … n (length n + 1).

    Dialogue is where free translations regroup sentences most, and a bead boundary that
    falls inside a quotation on one side usually does on the other. Straight quotes and
    ’ are read by position: after a space or at the start they open, after text they
    close, between letters they are apostrophes (don't, Xi's).
    """
    states = np.zeros(len(sentences) + 1, dtype=bool)
    depth = 0
    for k, text in enumerate(sentences):
        for m in _QUOTE.finditer(text):
            c, p = m.group(), m.start()
            before = text[p - 1] if p else " "
            after = text[p + 1] if p + 1 < len(text) else " "
            if c in _ALWAYS_OPEN:
                depth = 1
            elif c in _ALWAYS_CLOSE:
                depth = 0
            elif before.isalpha() and after.isalpha():
                continue  # an apostrophe
            elif (before.isspace() or before in "([—–-") and not after.isspace():
                depth = 1
            elif not before.isspace():
                depth = 0
        states[k + 1] = depth
    return states


_CLOSING = " \t”’'\"」』)）]】"
_SPEECH = re.compile(r"^\s*[“「『\"'‘]|^.{0,12}[：:]\s*[“「『\"'‘]")


def speech_starts(sentences: list[str]) -> np.ndarray:
    """Whether the sentence after boundary k opens with speech, k = 0 … n (length n + 1).

    A sentence that starts with a quotation, or with a short attribution and a colon
    before it (韦小宝道：“…), begins a turn of dialogue; turns begin at the same place on
    both sides far more often than a neighbouring boundary does (align-dev: 94 % against
    81 %).
    """
    out = np.zeros(len(sentences) + 1, dtype=bool)
    out[:-1] = [bool(_SPEECH.match(text)) for text in sentences]
    return out


def questions(sentences: list[str]) -> np.ndarray:
    """Whether the sentence before boundary k is a question, k = 0 … n (length n + 1).

    A bead whose Chinese ends in a question usually ends in one in English too (align-dev:
    69 %, against 1 % of the English sentences inside such a bead).
    """
    out = np.zeros(len(sentences) + 1, dtype=bool)
    out[1:] = [text.rstrip(_CLOSING)[-1:] in ("?", "？") for text in sentences]
    return out


@dataclass
class BoundaryGain:
    """The gain of a bead boundary at (i, J) for the band search (`NodeGain`)."""

    zh: list[str]
    en: list[str]
    speech_bonus: float
    quote_penalty: float
    question_penalty: float

    def __post_init__(self) -> None:
        self.m = len(self.en)
        self.zq, self.eq = quote_states(self.zh), quote_states(self.en)
        self.zx, self.ex = questions(self.zh), questions(self.en)
        self.zs, self.es = speech_starts(self.zh), speech_starts(self.en)

    def __call__(self, i: int, jj: np.ndarray) -> np.ndarray:
        jj = np.minimum(jj, self.m)
        return (
            self.speech_bonus * (self.zs[i] & self.es[jj])
            - self.quote_penalty * (self.zq[i] != self.eq[jj])
            - self.question_penalty * (self.zx[i] != self.ex[jj])
        )
