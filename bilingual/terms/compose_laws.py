"""Composition pass `and-its-rules`: a law, regulation or decision and the rules for it.

Party-press Chinese names a law or a Party regulation together with the rules made to implement
it: 中央八项规定及其实施细则精神, 《监察法》及其实施条例, 公务员法及其实施细则. The glossary holds the law
(its title, or 中央八项规定); the rest is regular, so the matcher joins the two here (layer
`composed`, note "X + 及其实施细则 (and-its-rules)") and the whole is protected as one term:

| after the law | English | read in |
|---|---|---|
| 及其实施细则 | X and the detailed rules for its implementation | the entry 实施细则 "detailed rules for implementation" (Xinhua English); State Council titles "Rules for the Implementation of Foreign Exchange Control Relating to Individuals" (1981, in the catalogue at international.laws.com/china-laws/page/17) |
| 及其实施条例 | X and the regulations for its implementation | State Council Decree 1992 "Regulations for the Implementation of the Law of the People's Republic of China on Import and Export Commodity Inspection" (international.laws.com/china-laws/1998/page/4); the entry 监察法实施条例 "Regulations on the Implementation of the Supervision Law" |
| … 精神 | the guiding principles of X and … | Xinhua 2025-03-17 "study and implement the guiding principles of the 'eight-point decision' and its supporting regulations" (en.people.cn/n3/2025/0318/c90000-20290450.html) |

Xinhua's own wording of 中央八项规定及其实施细则精神 in that article is looser ("its supporting
regulations"); the table keeps the entry's "detailed rules for implementation", so 实施细则 reads
the same with or without the law before it. 及其配套制度 (its supporting rules or systems) is
left out: no official English of it was read.

X is a glossary term naming a law, regulation, rules or decision (the head of its English is
one of `DOCUMENT_NOUNS`: Supervision Law, Regulations of the CPC on …, eight-point decision on
…), written as a title (capitalised) or of category law or discipline; it takes "the" (the
Supervision Law). Its book-title marks join the span (《监察法》及其实施条例). Nothing is composed
where the rules go on into a longer word (实施条例草案 the draft regulations, 实施细则修正案), where
X is a generic noun (条例 regulations), an organ, or no document (违纪违法 violations of
discipline and law), or where 及其 is followed by anything else (及其他 and others).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import Piece, composed_piece, is_organ
from .glossary import Entry

RULES = {
    "实施细则": "the detailed rules for its implementation",
    "实施条例": "the regulations for its implementation",
}
SPIRIT = "精神"
# Head nouns of the English of a law, a regulation, rules or a decision.
DOCUMENT_NOUNS = frozenset(
    [
        *("law", "laws", "regulations", "regulation", "rules", "provisions", "decision"),
        *("code", "guidelines", "norms", "measures", "constitution", "charter"),
    ]
)
LAW_CATEGORIES = frozenset(["law", "discipline"])
PREPOSITIONS = frozenset("of for on to in against through with".split())  # noqa: SIM905
# Words that continue the rules into another document (the draft, an amendment).
LONGER = ("草案", "修正案", "修订", "征求意见稿")
TITLE_MARKS = ("《", "》")


def is_document(entry: Entry) -> bool:
    """Whether a term names a law, regulation, rules or decision (module docstring)."""
    words = entry.en.strip().split()
    if not words or is_organ(entry):
        return False
    head = next((words[i - 1] for i, w in enumerate(words) if w in PREPOSITIONS and i), words[-1])
    if head.lower() not in DOCUMENT_NOUNS:
        return False
    return words[0][:1].isupper() or words[0] == "the" or entry.category in LAW_CATEGORIES


def with_rules(text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]) -> list[Piece]:
    """`pieces` with each law followed by 及其实施细则 / 及其实施条例 (and 精神) joined into one
    piece; the pieces inside the span (实施细则, 条例) are dropped."""
    out = list(pieces)
    for piece in pieces:
        joined = _joined(text, piece, at_word_start)
        if joined is not None:
            out = [p for p in out if p.end <= joined.start or p.start >= joined.end]
            out.append(joined)
    return sorted(out, key=lambda p: p.start)


def _joined(text: str, piece: Piece, at_word_start: Callable[[int], bool]) -> Piece | None:
    start, after = piece.start, piece.end
    if text[start - 1 : start] == TITLE_MARKS[0] and text[after : after + 1] == TITLE_MARKS[1]:
        start, after = start - 1, after + 1  # 《监察法》
    rest = re.match(r"及其(实施细则|实施条例)(精神)?", text[after:])
    if rest is None or not is_document(piece.entry):
        return None
    end = after + rest.end()
    if text.startswith(LONGER, end) or not (end == len(text) or at_word_start(end)):
        return None
    law = piece.entry.en.strip()
    law = law if law.startswith("the ") else f"the {law}"
    en = f"{law} and {RULES[rest[1]]}"
    if rest[2]:
        en = f"the guiding principles of {en}"
    note = f"{piece.zh} + {rest[0]} (and-its-rules)"
    return composed_piece(text, start, end, en, note, piece.entry.category)
