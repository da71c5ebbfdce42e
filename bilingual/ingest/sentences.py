"""Split Chinese paragraphs into sentences.

A sentence ends after 。！？ (and after …… when a closing quote follows it), together with
the closing quotes and brackets that follow (`……心坎上！”` stays one sentence). Nothing is
split inside 《》 titles (a `《` still open after `MAX_TITLE` characters was never closed) or
inside numbers. A very long sentence is also split at ； between clauses that are long enough
to stand alone (outside quotes and brackets), because MT and review both work better on
sentence-sized units; and nothing longer than `MAX_SENTENCE` comes out, whatever the text
(a run without sentence ends is cut after its last clause mark before the cap, else at it).
"""

from __future__ import annotations

import itertools
import re

from ..textutil import MAX_SENTENCE

ENDERS = "。！？!?"
CLOSERS = "”’」』）)》】"
OPENERS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "「": "」", "『": "』"}
LONG_SENTENCE = 120  # characters; longer sentences are split at ； when the parts are long
MIN_CLAUSE = 20
MAX_TITLE = 100  # characters between 《 and 》
_CLAUSE_MARKS = ("；", "，", "、", "：", ";", ",", " ")  # where a capped run is cut, best first


# a mark, or …… (a lone … is found too, and passed over): one character class first, which
# the regex skips to at C speed (an alternation first is tried at every character)
_CANDIDATES = re.compile(r"[。！？!?《》…](?:(?<=…)…)?")
# what `_split_long` looks at: quotes and brackets opening and closing, and ；
_NESTING = re.compile("[" + re.escape("".join(OPENERS) + "".join(OPENERS.values()) + "；") + "]")
_TRAIL = re.compile(f"[{re.escape(ENDERS + CLOSERS)}]*")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; joining the result gives the text back (stripped)."""
    out: list[str] = []
    start = 0
    title_depth = 0  # inside 《…》 nothing splits
    title_start = 0
    pos = 0
    n = len(text)
    while True:
        match = _CANDIDATES.search(text, pos)
        if match is None:
            break
        mark = match.group(0)
        pos = match.end()
        if mark == "…":
            continue
        if title_depth and pos - title_start > MAX_TITLE:
            title_depth = 0  # an unclosed 《 must not stop every split after it
        if mark == "《":
            title_depth += 1
            title_start = pos
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
    # `cap_length(_split_long(s))` of each, without the calls for the many short sentences
    sentences: list[str] = []
    for sentence in out:
        for part in _split_long(sentence) if len(sentence) > LONG_SENTENCE else (sentence,):
            if len(part) > MAX_SENTENCE:
                sentences.extend(cap_length(part))
            elif part := part.strip():
                sentences.append(part)
    return sentences


def cap_length(sentence: str, limit: int = MAX_SENTENCE) -> list[str]:
    """Cut a sentence longer than `limit` after the best clause mark in the second half of
    each `limit` window (or at the limit when there is none); also what MT is given of a
    longer sentence that came from elsewhere (`bilingual.translate`)."""
    out: list[str] = []
    start, n = 0, len(sentence)
    while n - start > limit:  # positions, not slices of the rest: linear in the length
        window = sentence[start : start + limit]
        cut = limit
        for mark in _CLAUSE_MARKS:
            at = window.rfind(mark)
            if at >= limit // 2:
                cut = at + 1
                break
        piece = window[:cut].strip()
        if piece:
            out.append(piece)
        start += cut
        while start < n and sentence[start].isspace():
            start += 1
    if sentence[start:].strip():
        out.append(sentence[start:].strip())
    return out


def _split_long(sentence: str) -> list[str]:
    """Split a long sentence at top-level ； where both sides are at least MIN_CLAUSE long."""
    if len(sentence) <= LONG_SENTENCE or "；" not in sentence:
        return [sentence]
    cuts: list[int] = []
    stack: list[str] = []
    last = 0
    for match in _NESTING.finditer(sentence):  # the other characters change nothing
        ch, i = match.group(), match.start()
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
