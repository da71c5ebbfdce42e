"""Split Chinese paragraphs into sentences.

A sentence ends after 。！？ (and after …… when a closing quote follows it), together with
the closing quotes and brackets that follow (`……心坎上！”` stays one sentence). Nothing is
split inside 《》 titles or inside numbers. A very long sentence is also split at ； between
clauses that are long enough to stand alone (outside quotes and brackets), because MT and
review both work better on sentence-sized units.
"""

from __future__ import annotations

import itertools
import re

ENDERS = "。！？!?"
CLOSERS = "”’」』）)》】"
OPENERS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "「": "」", "『": "』"}
LONG_SENTENCE = 120  # characters; longer sentences are split at ； when the parts are long
MIN_CLAUSE = 20


_CANDIDATES = re.compile(r"[。！？!?《》]|……")
_TRAIL = re.compile(f"[{re.escape(ENDERS + CLOSERS)}]*")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; joining the result gives the text back (stripped)."""
    out: list[str] = []
    start = 0
    title_depth = 0  # inside 《…》 nothing splits
    pos = 0
    n = len(text)
    while True:
        match = _CANDIDATES.search(text, pos)
        if match is None:
            break
        mark = match.group(0)
        pos = match.end()
        if mark == "《":
            title_depth += 1
            continue
        if mark == "》":
            title_depth = max(0, title_depth - 1)
            continue
        if title_depth or (mark == "……" and pos < n and text[pos] not in CLOSERS):
            continue
        end = _TRAIL.match(text, pos).end()
        # a closer followed by a comma continues the sentence: “……！”，他说
        if end < n and text[end] in "，、：；" and end > pos:
            pos = end
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = pos = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [part for s in out for part in _split_long(s)]


def _split_long(sentence: str) -> list[str]:
    """Split a long sentence at top-level ； where both sides are at least MIN_CLAUSE long."""
    if len(sentence) <= LONG_SENTENCE:
        return [sentence]
    cuts: list[int] = []
    stack: list[str] = []
    last = 0
    for i, ch in enumerate(sentence):
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif (
            ch == "；"
            and not stack
            and i + 1 - last >= MIN_CLAUSE
            and len(sentence) - (i + 1) >= MIN_CLAUSE
        ):
            cuts.append(i + 1)
            last = i + 1
    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence)]
    return [sentence[a:b] for a, b in itertools.pairwise(bounds)]
