"""Split Chinese paragraphs into sentences.

A sentence ends after 。！？ (and after …… when a closing quote follows it), together with
the closing quotes and brackets that follow (`……心坎上！”` stays one sentence). Nothing is
split inside 《》 titles or inside numbers. A very long sentence is also split at ； between
clauses that are long enough to stand alone (outside quotes and brackets), because MT and
review both work better on sentence-sized units.
"""

from __future__ import annotations

import itertools

ENDERS = "。！？!?"
CLOSERS = "”’」』）)》】"
OPENERS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "「": "」", "『": "』"}
LONG_SENTENCE = 120  # characters; longer sentences are split at ； when the parts are long
MIN_CLAUSE = 20


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; joining the result gives the text back (stripped)."""
    out: list[str] = []
    start = 0
    i = 0
    title_depth = 0  # inside 《…》 nothing splits
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "《":
            title_depth += 1
        elif ch == "》" and title_depth:
            title_depth -= 1
        end = None
        if not title_depth:
            if ch in ENDERS:
                end = i + 1
            elif text.startswith("……", i):
                j = i + 2
                if j >= n or text[j] in CLOSERS:
                    end = j
                else:
                    i = j
                    continue
        if end is not None:
            while end < n and (text[end] in ENDERS or text[end] in CLOSERS):
                end += 1
            # a closer followed by a comma continues the sentence: “……！”他说，
            if end < n and text[end] in "，、：；" and end > i + 1:
                i = end
                continue
            piece = text[start:end].strip()
            if piece:
                out.append(piece)
            start = i = end
            continue
        i += 1
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
