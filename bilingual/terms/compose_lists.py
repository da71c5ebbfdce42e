"""Composition pass `enumerated`: a run of set formulas listed with the enumeration comma.

Party-press Chinese lists set formulas with 、, each often in its own quotation marks, the last
pair sometimes joined by 和, 及 or 与: “四个意识”、“四个自信”、“两个维护”; 政治建设、作风建设和纪律建设.
The glossary holds the items; the run becomes one term (layer `composed`, note "A 、 B 、 C
(enumerated)") whose English keeps each item's own English in an English list, "A, B and C",
as Xinhua and Qiushi write such lists: 'strengthen the "four consciousnesses", ...' (Xinhua on
People's Daily Online, 2016-03-03, en.people.cn/n3/2016/0303/c90000-9024163.html) and the
“Four Consciousnesses” defined in turn in Keywords to Understand China (china.org.cn,
2018-10-29, english/china_key_words/2018-10/29/content_68862759.htm). Quotation marks stay as
written: an item quoted on its own is quoted in the English ("Four Consciousnesses", "Two
Upholds"), a run quoted as one is quoted whole. Where an item's English holds "and" itself
(drawing lessons from cases and promoting reform through them) the list takes a serial comma,
so the last item reads apart.

An entry that is itself an enumeration (以案为鉴、以案促改, which the matcher finds through 、 and
，) is an item like any other, so a further item after it extends the run.

Only where at least one 、 joins the items (two terms joined by 和 alone are left to the MT, or
to `coordinated` for bodies) and every item is a formula, slogan or principle — a glossary term
of one category of `FORMULA_CATEGORIES` (slogans, Party building, discipline), all items of
the same one — is the run composed. Nothing is composed, and
the items keep their own renderings, where:

- an item is no term (政治建设、思想建设 where 思想建设 is no entry: a partial list stays apart),
  or a verb or clause stands between two items (坚持“四个自信”、做到“两个维护”: the run is cut);
- an item is a person, place, post, organ (bodies have the `coordinated` rule), a verb phrase,
  a proper name outside the slogans (a law's title), or itself a composed list;
- the items are of mixed kinds (a slogan and a rural term), or one item repeats another;
- a head noun or another term follows the last item (耕地保护、粮食安全工作: the head may be
  every item's, so the list is no list of whole formulas).

The pass runs after the other composition rules (`compose.compose`), so an item may be a term
they composed (a term with its head: 耕地保护机制).
"""

from __future__ import annotations

import re

from . import compose_heads as heads  # its table, read when a list is composed
from .compose import COMPOSED, PERSONS, Piece, composed_piece, is_organ, is_post, verb_phrase
from .glossary import Entry

# Categories of the glossary whose terms are set formulas, slogans and principles: slogans and
# numbered formulas, Party building, discipline. Other categories hold concepts and problems that
# a sentence lists for itself (招工难、就业难; 存量政策、增量政策), which the MT lists as well.
FORMULA_CATEGORIES = frozenset(["slogan", "party", "discipline"])
OPENING, CLOSING = "“‘「『", "”’」』"
# Between two items: the enumeration comma, or (last pair only) 和, 及 or 与; quotation marks
# may close the item before and open the one after.
GAP = re.compile(r"(?P<close>[”’」』]?)(?P<joint>[、和及与])(?P<open>[“‘「『]?)")
LAST_JOINTS = frozenset("和及与")
# Rules whose terms are lists already: never an item of another list.
LIST_RULES = ("(coordinated)", "(alternates)", "(enumerated)")
# Nouns for people: a list of people is the sentence's, not a formula (党员、干部和群众).
PEOPLE = PERSONS | {"people"}


def is_item(entry: Entry) -> bool:
    """Whether a term may be an item of a listed run of formulas (module docstring)."""
    en = entry.en.strip()
    words = en.split()
    if not words or entry.category not in FORMULA_CATEGORIES:
        return False
    if entry.layer == COMPOSED and entry.note.endswith(LIST_RULES):
        return False
    if is_organ(entry) or is_post(entry) or verb_phrase(en) or words[-1].lower() in PEOPLE:
        return False
    first = words[0].lstrip('"“')
    proper = first[:1].isupper() and first != "Party"
    return entry.category == "slogan" or not proper


def enumerated(text: str, pieces: list[Piece]) -> list[Piece]:
    """`pieces` with each run of two or more formulas listed with 、 (the last pair perhaps
    with 和, 及 or 与) joined into one piece (module docstring)."""
    out: list[Piece] = []
    index = 0
    while index < len(pieces):
        run = _run(text, pieces, index)
        if run is None:
            out.append(pieces[index])
            index += 1
            continue
        out.append(run[0])
        index = run[1]
    return out


def _run(text: str, pieces: list[Piece], first: int) -> tuple[Piece, int] | None:
    """The run of items starting at `pieces[first]` as one piece, and the index after it."""
    if not is_item(pieces[first].entry):
        return None
    items = [pieces[first]]
    joints: list[str] = []
    for piece in pieces[first + 1 :]:
        gap = GAP.fullmatch(text, items[-1].end, piece.start)
        kind = items[0].entry.category
        if gap is None or not is_item(piece.entry) or piece.entry.category != kind:
            break
        if gap["close"] and not _in_quotes(text, items[-1].start, items[-1].end):
            break  # a closing mark that closes no quotation of the item before
        if gap["open"] and not _in_quotes(text, piece.start, piece.end):
            break
        items.append(piece)
        joints.append(gap["joint"])
        if gap["joint"] in LAST_JOINTS:
            break  # 和, 及, 与 join the last pair: a further 、 starts another list
    english = [p.entry.en for p in items]
    if "、" not in joints or len(set(english)) < len(english):
        return None  # two terms joined by 和 alone are no enumeration
    if not _ends_list(text, items[-1], pieces):
        return None  # a head after the last item may be every item's
    return _joined(text, items, joints), first + len(items)


def _ends_list(text: str, last: Piece, pieces: list[Piece]) -> bool:
    """Whether the list may end with `last`: no term and no head noun glued after it (after its
    closing quotation mark, if quoted)."""
    end = last.end + (1 if text[last.end : last.end + 1] in CLOSING else 0)
    if any(p.start == end for p in pieces):
        return False
    return not any(text.startswith(head, end) for head in heads.HEADS)


def _joined(text: str, items: list[Piece], joints: list[str]) -> Piece:
    """One piece for the listed items, quotation marks included where an item is quoted alone
    or the whole run is quoted as one."""
    quoted = [_in_quotes(text, p.start, p.end) for p in items]
    start, end = items[0].start, items[-1].end
    if quoted[0]:
        start -= 1
    if quoted[-1]:
        end += 1
    english = [f'"{p.entry.en}"' if q else p.entry.en for p, q in zip(items, quoted, strict=True)]
    last = ", and " if any(" and " in p.entry.en for p in items) else " and "
    en = ", ".join(english[:-1]) + last + english[-1]
    if not any(quoted) and _in_quotes(text, start, end):  # the run quoted as one
        start, end, en = start - 1, end + 1, f'"{en}"'
    note = " ".join(f"{p.zh} {j}" for p, j in zip(items, [*joints, ""], strict=True)).strip()
    category = items[0].entry.category
    return composed_piece(text, start, end, en, f"{note} (enumerated)", category)


def _in_quotes(text: str, start: int, end: int) -> bool:
    """Whether [start, end) stands in one pair of quotation marks (“四个意识”, “A、B、C”)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    return bool(before) and before in OPENING and after == CLOSING[OPENING.index(before)]
