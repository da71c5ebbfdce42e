"""Composition pass `committee-post`: a committee or commission and a post written after it
that is no term alone (主任委员, 副主任委员, 委员, 候补委员).

The NPC's special committees are led by a 主任委员 and 副主任委员 and, like the Party's
committees and commissions, have 委员 (members): 全国人大宪法和法律委员会主任委员, 中央委员会委员,
县人大常委会委员. China Daily's NPC pages write "a chairperson, several vice-chairpersons, the
secretary-general and other members" (subsites.chinadaily.com.cn/npc/NPCstructure.html) and
the glossary's 候补委员 is "alternate member"; so the post goes before "of the <committee>":
"chairperson of the Constitution and Law Committee of the National People's Congress",
"member of the Central Committee".

The post-of-organ rule (`terms.compose`) cannot take these: it joins a post that is a
glossary term to a generic organ, and these posts are no terms (主任 director would match
inside 主任委员) while the committees are often proper names. So this is a pass over the
joined pieces: a piece whose English has committee or commission as its head noun, then one
of `POSTS` that ends a word (委员长 and 委员会 are other words), and no term running past the
post. A term already naming the whole (全国政协委员 member of the CPPCC National Committee,
中央委员 member of the CPC Central Committee) wins in the matcher and is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from .compose import ACRONYM, Piece, head_noun
from .glossary import Entry

# Posts of a committee, longest first, and their English before "of the <committee>".
POSTS = {
    "副主任委员": "vice chairperson",
    "主任委员": "chairperson",
    "候补委员": "alternate member",
    "委员": "member",
}
COMMITTEES = frozenset(["committee", "commission"])


def committee_posts(
    text: str, pieces: list[Piece], at_word_start: Callable[[int], bool]
) -> list[Piece]:
    """Join each committee or commission and a post of `POSTS` written right after it."""
    out = list(pieces)
    for piece in pieces:
        body = piece.entry.en[4:] if piece.entry.en.startswith("the ") else piece.entry.en
        body = ACRONYM.sub("", body)  # the term check would count "(CCDI)" alone as the whole
        if head_noun(body) not in COMMITTEES or piece.entry.category in ("title", "person"):
            continue
        post = next((zh for zh in POSTS if text.startswith(zh, piece.end)), None)
        if post is None:
            continue
        end = piece.end + len(post)
        inside = [p for p in out if p.start < end and p.end > piece.end]
        if (end < len(text) and not at_word_start(end)) or any(p.end > end for p in inside):
            continue  # 委员长, 委员会: the post begins a longer word
        en = f"{POSTS[post]} of the {body}"
        note = f"{piece.zh} + {post} (committee-post)"
        entry = Entry(text[piece.start : end], en, piece.entry.pinyin, "title", note, "", (),
                      "approved", "composed")  # fmt: skip
        out = [p for p in out if p not in inside and p != piece]
        out.append(Piece(piece.start, end, entry))
    return sorted(out, key=lambda p: p.start)
