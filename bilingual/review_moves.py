"""One side only: English moved from a pair to its neighbour, the Chinese left in place.

What aligned human translations need when a sentence of English landed one pair off: a
split or a merge of the English side alone. Same contract as every `review` operation: one
transaction with its history row (undone by `review.undo`), then the translation memory.
"""

from __future__ import annotations

from .cuts import en_sentence_starts
from .document import REVIEWED, Pair, flags_from_json
from .errors import ReviewError
from .review import Change, _combined_status, _get, _join_en, _raw, _recheck, _remembered
from .store import EditionStore

# What an aligner says of a pair's English; a person moving the English has settled it.
ALIGNMENT_FLAGS = frozenset({"no-english", "extra-english", "low-confidence"})


def neighbour(store: EditionStore, sid: str, to: str) -> Pair | None:
    """The pair before (`to="prev"`) or after (`"next"`) `sid` in its article, if any."""
    pair = _get(store, sid)
    doc = [p for p in store.pairs() if p.article == pair.article]
    i = [p.sid for p in doc].index(sid) + (1 if to == "next" else -1)
    return doc[i] if 0 <= i < len(doc) else None


def move_en(store: EditionStore, sid: str, to: str, at: int | None = None) -> Change:
    """Move English from a pair to its neighbour; the Chinese stays where it is.

    What aligned human translations need when a sentence of English landed one pair off:
    `to="next"` moves the English from offset `at` to the end onto the start of the next
    pair's English (default: the last English sentence); `to="prev"` moves the English up
    to `at` onto the end of the previous pair's (default: the first sentence). Moving all
    of it (`at` 0 for next, the length for prev) is a merge of the English alone. Both pairs
    keep their status unless reviewed (then `edited`), as merge does; logged, undoable.
    """
    if to not in ("prev", "next"):
        raise ReviewError(f"Unknown direction {to!r}", "Use prev or next.")
    pair = _get(store, sid)
    other = neighbour(store, sid, to)
    if other is None:
        where = "first" if to == "prev" else "last"
        raise ReviewError(
            f"Cannot move English {to} from {sid}: it is the {where} pair of its article",
            "Move English between pairs of one article.",
        )
    en = pair.en.strip()
    if not en:
        raise ReviewError(
            f"{sid} has no English to move", "Move English from a pair that has some."
        )
    if at is None:
        starts = en_sentence_starts(en)
        at = (starts[-1] if starts else 0) if to == "next" else (starts[0] if starts else len(en))
    if not 0 <= at <= len(en):
        raise ReviewError(
            f"Cannot cut the English of {sid} at {at}: it has {len(en)} characters",
            f"Give an offset from 0 to {len(en)}.",
        )
    if to == "next":
        kept, moved = en[:at], en[at:]
        texts = {sid: kept, other.sid: _join_en(moved, other.en)}
    else:
        moved, kept = en[:at], en[at:]
        texts = {sid: kept, other.sid: _join_en(other.en, moved)}
    if not moved.strip():
        raise ReviewError(f"Nothing to move from {sid} at {at}", "Choose another offset.")
    with store.transaction():
        before = [_raw(store, s) for s in texts]
        for row in before:
            text = " ".join(texts[row["sid"]].split())
            status = _combined_status([row], text)
            old = [f for f in flags_from_json(row["flags"]) if f.code not in ALIGNMENT_FLAGS]
            flags = [] if status in REVIEWED else _recheck(row["zh"], text, old)
            store.update_pair(row["sid"], en=text, status=status, flags=flags)
        after = [_raw(store, s) for s in texts]
        hid = store.log("move-en", f"{sid},{to}", {"pairs": before}, {"pairs": after})
    words = len(moved.split())
    message = f"moved {words} English word{'s' * (words != 1)} from {sid} to {other.sid}"
    change = Change("move-en", other.sid if not kept.strip() else sid, hid, message=message)
    return _remembered(store, change, list(texts))
