"""Where a bead boundary may fall: quotation state and questions on each side.

Dialogue is where free translations regroup sentences most; the search penalises a boundary
that falls inside a quotation on one side only, or after a question on one side only.
"""

from __future__ import annotations

import re

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


def questions(sentences: list[str]) -> np.ndarray:
    """Whether the sentence before boundary k is a question, k = 0 … n (length n + 1).

    A bead whose Chinese ends in a question usually ends in one in English too (align-dev:
    69 %, against 1 % of the English sentences inside such a bead).
    """
    out = np.zeros(len(sentences) + 1, dtype=bool)
    out[1:] = [text.rstrip(_CLOSING)[-1:] in ("?", "？") for text in sentences]
    return out
