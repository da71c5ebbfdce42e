"""Composition pass `xi-expositions`: Xi Jinping's expositions, instructions or speeches on X.

Party-press Chinese names Xi Jinping's words on a subject by a fixed frame: 习近平总书记 + 关于 + X
+ 的 + 重要论述 (学习贯彻习近平总书记关于乡村振兴的重要论述), 重要指示 or 重要指示精神; 对 + X + 作出的 +
重要指示 (习近平总书记对防汛救灾工作作出的重要指示精神); and without a subject 习近平重要讲话,
习近平总书记的重要指示. The name is a glossary entry (习近平总书记 General Secretary Xi Jinping,
习近平 Xi Jinping, 习近平主席 President Xi Jinping), X is a glossary term or a composed span, and
the frame's words are the glossary's own (重要论述 important expositions, 重要指示 important
instructions, 重要讲话 important speech; 习近平总书记重要讲话精神 and 习近平总书记重要指示精神 give the
guiding principles of the speeches and instructions). The whole is protected as one term (layer
`composed`, note "name + X + kind (xi-expositions)"):

| frame | English |
|---|---|
| 关于 X 的重要论述 | <name>'s important expositions on X |
| 关于 X 的 / 对 X 作出的重要指示 | <name>'s important instructions on X |
| 对 X 工作作出的重要指示 | <name>'s important instructions on X work |
| … 重要指示精神 | the guiding principles of <name>'s important instructions on X |
| 关于 X 的重要讲话 | <name>'s important speech on X |
| … 重要讲话精神 | the guiding principles of <name>'s important speeches on X |
| (的) 重要论述 / 重要指示 / 重要讲话 / … 精神, no X | the same without "on X" |

Sources: Xinhua via gov.cn, "Xi delivers important instructions on flood control and drought
relief" (english.www.gov.cn/news/202406/19/content_WS66721595c6d0868f4e8e84ad.html, 2024-06-19);
Xinhua, "Xi makes important instructions on work related to civil-military mutual support"
(english.news.cn/cnleaders/xistime, 2025); the glossary entries above (Xinhua English); Xinhua
writes 重要论述 "discourses" in book titles ("Xi's discourses on …", en.people.cn/n3/2024/1028/
c90000-20234326.html): the glossary's "important expositions" is kept, so 重要论述 reads the same
with and without a subject.

Refused, the parts left apart: a subject that is no single term (关于做好新时代党的统一战线工作的,
two terms or a clause), a person, place, post or organ, a proper name (its English capitalised:
"on the State Council" would need an article the frame cannot know), or a verb phrase
("expositions on deepen reform" would need a gerund); 重要要求 and 重要回信精神 (no official English read: Xinhua writes "replies
to a letter", not a noun for the reply's principles); 重要思想 (习近平总书记关于党的自我革命的重要思想 is
an entry of its own, "Xi Jinping's important thought on …", not a frame); a kind that begins a
longer word (重要讲话稿); the glossary's own whole (习近平总书记重要指示精神).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .compose import ACRONYM, Lookup, Piece, composed_piece, is_organ, verb_phrase

NAME = "习近平"
NAME_CATEGORIES = frozenset(["person", "title"])
NOT_SUBJECTS = frozenset(["person", "place", "title", "level", "unit", "head", "country"])
# kind → (English, whether it is the guiding principles of it); longest first.
KINDS = {
    "重要讲话精神": ("important speeches", True),
    "重要指示精神": ("important instructions", True),
    "重要论述": ("important expositions", False),
    "重要指示": ("important instructions", False),
    "重要讲话": ("important speech", False),
}
KIND = "|".join(KINDS)
# What joins the subject to the kind: 关于 X 的, 对 X 作出的 (instructions only).
FRAMES = {"关于": re.compile(rf"(?P<work>工作)?的(?P<kind>{KIND})"),
          "对": re.compile(r"(?P<work>工作)?作出的(?P<kind>重要指示精神|重要指示)")}  # fmt: skip
BARE = re.compile(rf"(?P<work>)的?(?P<kind>{KIND})")
LONGER = ("稿", "原文", "全文")


def expositions(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool], lookup: Lookup
) -> list[Piece]:
    """`pieces` with each Xi name + [关于 X 的 | 对 X 作出的] + kind joined into one piece
    (module docstring); the pieces inside the span are dropped."""
    out = list(pieces)
    for index in range(len(pieces)):
        joined = _frame(text, pieces, index, at_word_start, lookup)
        if joined is not None:
            out = [p for p in out if p.end <= joined.start or p.start >= joined.end]
            out.append(joined)
    return sorted(out, key=lambda p: p.start)


def _frame(
    text: str, pieces: list[Piece], index: int, at_word_start: Callable[[int], bool],
    lookup: Lookup,
) -> Piece | None:  # fmt: skip
    name = pieces[index]
    if not name.zh.startswith(NAME) or name.entry.category not in NAME_CATEGORIES:
        return None
    subject, after = None, BARE.match(text, name.end)
    for word, frame in FRAMES.items():
        if text.startswith(word, name.end):
            subject = next((p for p in pieces[index + 1 :] if p.start == name.end + len(word)),
                           None)  # fmt: skip
            after = frame.match(text, subject.end) if subject is not None else None
            break
    if after is None or (subject is not None and not _subject(subject)):
        return None
    end = after.end()
    if text.startswith(LONGER, end) or not (end == len(text) or at_word_start(end)):
        return None
    if any(p.start < end < p.end for p in pieces[index + 1 :]):
        return None  # a term goes on past the kind
    if subject is None and lookup(name.zh + after["kind"]) is not None:
        return None  # the glossary's whole, refused by the matcher at a boundary
    kind, principles = KINDS[after["kind"]]
    en = f"{re.sub(ACRONYM, '', name.entry.en)}'s {kind}"
    if subject is not None:
        en += f" on {re.sub(ACRONYM, '', subject.entry.en).strip()}"
        en += " work" if after["work"] else ""  # 防汛救灾工作: on flood control … work
    if principles:
        en = f"the guiding principles of {en}"
    topic = (subject.zh if subject else "") + (after["work"] or "")
    parts = " + ".join(p for p in (name.zh, topic, after["kind"]) if p)
    return composed_piece(text, name.start, end, en, f"{parts} (xi-expositions)", "slogan")


def _subject(piece: Piece) -> bool:
    """Whether a term can be the subject of the frame (module docstring)."""
    entry, first = piece.entry, piece.entry.en.split(" ", 1)[0]
    if entry.category in NOT_SUBJECTS or verb_phrase(entry.en) or is_organ(entry):
        return False
    return not (first[:1].isupper() and first != "Party")  # a proper name would need "the"
