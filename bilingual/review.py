"""Review operations on an edition's sentence pairs: approve, edit, merge, split, re-translate,
undo (and in `review_moves`, English moved to a neighbour: one side only).

UI-free: the interactive reviewer and the scripted `review` commands both call these. Every
change is one `store.transaction()` that writes the change and its history row together, so
a killed process either has the change and its log row or neither. A history row's `before`
holds everything undo needs (whole pair rows, and for merge/split the block's sentence list);
`after` holds the new state, and for approve/edit the flags the reviewer cleared. After the
commit, the user's translation memory follows (`bilingual.tm.remember`): reviewed pairs in,
pairs undone or merged away out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cuts import suggest_en_split
from .document import (
    REVIEWED,
    Flag,
    Pair,
    Sentence,
    flags_from_json,
    flags_json,
    source_flags,
    text_hash,
)
from .errors import ReviewError
from .qa import Context, recheck
from .store import EditionStore
from .terms.files import default_glossary
from .translate import translate_one

FILTERS = ("unreviewed", "flagged", "all")


@dataclass
class Change:
    """What an operation did: the pair to show next and the sentence ids it replaced."""

    action: str
    focus: str
    history_id: int
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    message: str = ""
    note: str = ""  # why the translation memory could not follow the change, if it could not


def _remembered(store: EditionStore, change: Change, sids: list[str]) -> Change:
    """Bring the translation memory into step with the pairs a change touched (reviewed
    pairs in, others out), after the change is committed: a memory that cannot be written
    (a full disk) leaves a note, never an unsaved review."""
    from .tm import remember

    change.note = remember(store, sids)
    return change


# -- selection --------------------------------------------------------------


def matches(pair: Pair, filter_: str) -> bool:
    """`unreviewed` = status machine; `flagged` = an unreviewed pair with an open flag (the
    flags QA finds on approved or edited pairs are shown, but do not re-queue them);
    `all` = everything."""
    if filter_ == "unreviewed":
        return pair.status == "machine"
    if filter_ == "flagged":
        return bool(pair.flags) and not pair.reviewed
    return True


def select(store: EditionStore, filter_: str = "all", article: int | None = None) -> list[Pair]:
    """The pairs a reviewer walks through, in document order."""
    if filter_ not in FILTERS:
        raise ReviewError(f"Unknown filter {filter_!r}", f"Use one of: {', '.join(FILTERS)}.")
    pairs = store.pairs()
    if article is not None:
        articles = sorted({p.article for p in pairs})
        if article not in articles:
            span = f"{articles[0]}–{articles[-1]}" if articles else "none"
            raise ReviewError(f"No article {article} in this edition", f"Articles: {span}.")
        pairs = [p for p in pairs if p.article == article]
    return [p for p in pairs if matches(p, filter_)]


def _get(store: EditionStore, sid: str) -> Pair:
    pair = store.pair(sid)
    if pair is None:
        raise ReviewError(
            f"No sentence {sid} in this edition", "List ids with `bilingual review list`."
        )
    return pair


def _raw(store: EditionStore, sid: str) -> dict:
    row = store.raw_pair(sid)
    assert row is not None, sid  # a sentence in the structure always has a pair row
    return row


# -- approve / edit ---------------------------------------------------------


def approve(store: EditionStore, ids: list[str]) -> Change:
    """Sign off pairs as they are: status approved, open flags cleared (kept in the log)."""
    if not ids:
        raise ReviewError("No ids to approve", "Give one or more sentence ids.")
    ids = list(dict.fromkeys(ids))
    for sid in ids:
        if not _get(store, sid).en.strip():
            raise ReviewError(
                f"Cannot approve {sid}: it has no English", "Translate or edit it first."
            )
    with store.transaction():
        before = [_raw(store, sid) for sid in ids]
        for sid in ids:
            store.update_pair(sid, status="approved", flags=[])
        after = [_raw(store, sid) for sid in ids]
        cleared = {row["sid"]: row["flags"] for row in before if row["flags"]}
        hid = store.log(
            "approve", ",".join(ids), {"pairs": before}, {"pairs": after, "cleared": cleared}
        )
    n = len(ids)
    change = Change("approve", ids[-1], hid, message=f"approved {n} pair{'s' * (n != 1)}")
    return _remembered(store, change, ids)


def edit(store: EditionStore, sid: str, en: str) -> Change:
    """Replace a pair's English with the reviewer's: status edited, open flags cleared."""
    _get(store, sid)
    en = " ".join(en.split())
    if not en:
        raise ReviewError(f"Empty English for {sid}", "Type the translation, or undo instead.")
    with store.transaction():
        before = _raw(store, sid)
        store.update_pair(sid, en=en, status="edited", flags=[])
        after = _raw(store, sid)
        hid = store.log(
            "edit", sid, {"pairs": [before]}, {"pairs": [after], "cleared": before["flags"]}
        )
    return _remembered(store, Change("edit", sid, hid, message=f"edited {sid}"), [sid])


# -- merge / split ----------------------------------------------------------


def _new_id(store: EditionStore, zh: str, free: set[str], taken: set[str]) -> str:
    """`s` + hash of the Chinese, `-2`, `-3` … while taken (as `document.assign_ids` does).

    `free` are ids about to leave the structure; `taken` are ids this change already chose.
    """
    base = "s" + text_hash(zh)
    sid, n = base, 1
    while sid in taken or (sid not in free and store.pair(sid) is not None):
        n += 1
        sid = f"{base}-{n}"
    return sid


def _combined_status(rows: list[dict], en: str) -> str:
    if not en.strip():
        return "untranslated"
    if any(r["status"] in REVIEWED for r in rows):
        return "edited"
    return "machine"


def _block_state(store: EditionStore, block: str) -> dict:
    return {"id": block, "sentences": [[s.id, s.zh] for s in store.block_sentences(block)]}


def _restructure(
    store: EditionStore,
    action: str,
    block: str,
    old_ids: list[str],
    new: list[tuple[str, str, str]],
) -> Change:
    """Replace `old_ids` (contiguous in `block`) by `new` (zh, en, mt) pairs, logged."""
    with store.transaction():
        sentences = store.block_sentences(block)
        at = [s.id for s in sentences].index(old_ids[0])
        olds = [_raw(store, sid) for sid in old_ids]
        signature = olds[0]["signature"] if len({r["signature"] for r in olds}) == 1 else ""
        new_ids: list[str] = []
        for zh, _, _ in new:
            new_ids.append(_new_id(store, zh, set(old_ids), set(new_ids)))
        replaced = {sid: store.raw_pair(sid) for sid in new_ids}
        before = {"pairs": olds, "block": _block_state(store, block), "replaced": replaced}
        fresh = [Sentence(id=sid, zh=zh) for sid, (zh, _, _) in zip(new_ids, new, strict=True)]
        store.set_block_sentences(block, sentences[:at] + fresh + sentences[at + len(old_ids) :])
        old_flags = [f for row in olds for f in flags_from_json(row["flags"])]
        for sid, (zh, en, mt) in zip(new_ids, new, strict=True):
            status = _combined_status(olds, en)
            flags = [] if status in REVIEWED else _recheck(zh, en, old_flags)
            row = {"sid": sid, "zh": zh, "en": en, "mt": mt, "status": status}
            store.put_pair(
                {**row, "signature": signature, "flags": flags_json(flags), "score": None}
            )
        after = {
            "pairs": [_raw(store, sid) for sid in new_ids],
            "block": _block_state(store, block),
        }
        hid = store.log(action, ",".join(old_ids), before, after)
    change = Change(action, new_ids[0], hid, removed=list(old_ids), added=new_ids)
    return _remembered(store, change, [*old_ids, *new_ids])


def _recheck(zh: str, en: str, old_flags: list[Flag]) -> list[Flag]:
    """QA's flags for a new pair, keeping the parts' flags QA cannot decide (`word-gloss` …)."""
    return recheck(zh, en, old_flags, Context(glossary=default_glossary()))


def _join_en(a: str, b: str) -> str:
    return " ".join(x for x in (a.strip(), b.strip()) if x)


def merge(store: EditionStore, id1: str, id2: str) -> Change:
    """Join two adjacent sentences of one block into one pair (either order accepted)."""
    p1, p2 = _get(store, id1), _get(store, id2)
    if p1.block != p2.block:
        raise ReviewError(
            f"Cannot merge {id1} and {id2}: they are in different blocks",
            "Only adjacent sentences of one block can be merged.",
        )
    order = [s.id for s in store.block_sentences(p1.block)]
    if order.index(id1) > order.index(id2):
        p1, p2 = p2, p1
    if order.index(p2.sid) != order.index(p1.sid) + 1:
        raise ReviewError(
            f"Cannot merge {id1} and {id2}: they are not adjacent",
            "Merge neighbouring sentences one pair at a time.",
        )
    new = [(p1.zh + p2.zh, _join_en(p1.en, p2.en), _join_en(p1.mt, p2.mt))]
    change = _restructure(store, "merge", p1.block, [p1.sid, p2.sid], new)
    change.message = f"merged {p1.sid} + {p2.sid} → {change.added[0]}"
    return change


def next_in_block(store: EditionStore, sid: str) -> str | None:
    """The id of the sentence after `sid` in its block, if any (what `m` merges with)."""
    pair = _get(store, sid)
    order = [s.id for s in store.block_sentences(pair.block)]
    i = order.index(sid)
    return order[i + 1] if i + 1 < len(order) else None


def split(
    store: EditionStore,
    sid: str,
    at: int,
    en_parts: tuple[str, str] | None = None,
    en_at: int | None = None,
) -> Change:
    """Cut a pair in two at Chinese offset `at` (0 < at < len).

    The English is `en_parts` if given, else cut at English offset `en_at` (0 ≤ en_at ≤ len),
    else at the point `suggest_en_split` finds.
    """
    pair = _get(store, sid)
    if not 0 < at < len(pair.zh):
        raise ReviewError(
            f"Cannot split {sid} at {at}: its Chinese has {len(pair.zh)} characters",
            f"Give an offset from 1 to {len(pair.zh) - 1}.",
        )
    if en_at is not None and not 0 <= en_at <= len(pair.en):
        raise ReviewError(
            f"Cannot cut the English of {sid} at {en_at}: it has {len(pair.en)} characters",
            f"Give an English offset from 0 to {len(pair.en)}, or leave it out.",
        )
    if en_parts is None:
        cut = suggest_en_split(pair.zh, pair.en, at) if en_at is None else en_at
        en_parts = (pair.en[:cut], pair.en[cut:])
    cut_mt = suggest_en_split(pair.zh, pair.mt, at)
    new = [
        (pair.zh[:at], " ".join(en_parts[0].split()), pair.mt[:cut_mt].strip()),
        (pair.zh[at:], " ".join(en_parts[1].split()), pair.mt[cut_mt:].strip()),
    ]
    change = _restructure(store, "split", pair.block, [sid], new)
    change.message = f"split {sid} → {' + '.join(change.added)}"
    return change


# -- re-translate -----------------------------------------------------------


def retranslate(store: EditionStore, sid: str) -> Change:
    """Machine-translate one pair again (`bilingual.translate.translate_one`), logged.

    `translate_one` runs before our transaction (it may commit translations to the cache
    itself); the pair row is written here, whatever its status, because a person asked.
    """
    _get(store, sid)
    before = _raw(store, sid)
    result = translate_one(store, sid)
    with store.transaction():
        store.put_pair(before)  # translate_one may have written; log from the pre-call state
        store.update_pair(
            sid,
            en=result.en,
            mt=result.mt,
            signature=result.signature,
            # the source's doubts (an OCR'd line) stay until a person approves or edits
            flags=(*result.flags, *source_flags(flags_from_json(before["flags"]))),
            status="machine" if result.en.strip() else "untranslated",
        )
        after = _raw(store, sid)
        hid = store.log("retranslate", sid, {"pairs": [before]}, {"pairs": [after]})
    change = Change("retranslate", sid, hid, message=f"re-translated {sid}")
    return _remembered(store, change, [sid])


# -- undo / history ---------------------------------------------------------


def undo(store: EditionStore) -> Change:
    """Revert the last change not yet undone (from the log, so it works across sessions).

    A merge or split whose block has changed since (a re-ingest) cannot be reverted safely:
    it is marked skipped in the log, so the next undo reaches the change before it.
    """
    with store.transaction():
        last = store.last_change()
        if last is None:
            raise ReviewError("Nothing to undo", "")
        before, after = last["before"], last["after"]
        stale = "block" in after and _block_state(store, after["block"]["id"]) != after["block"]
        if stale:
            store.mark_undone(last["id"])
            store.log("undo", str(last["id"]), {}, {"skipped": "block changed since"})
        else:
            _revert(store, before)
            store.mark_undone(last["id"])
            store.log("undo", str(last["id"]), after, before)
    what = f"#{last['id']} {last['action']} {last['target']}"
    if stale:
        raise ReviewError(
            f"Cannot undo {what}: its block has changed since (re-ingested?), so it is skipped",
            "Run undo again for the change before it, or fix the block with merge/split.",
        )
    restored = [r["sid"] for r in before["pairs"]]
    removed = [r["sid"] for r in after["pairs"] if r["sid"] not in restored]
    added = restored if removed else []
    change = Change("undo", restored[0], last["id"], removed, added, message=f"undid {what}")
    return _remembered(store, change, [*restored, *removed])


def _revert(store: EditionStore, before: dict) -> None:
    if "block" in before:
        block = before["block"]
        sentences = [Sentence(id=i, zh=zh) for i, zh in block["sentences"]]
        store.set_block_sentences(block["id"], sentences)
    for row in before.get("replaced", {}).values():
        if row is not None:
            store.put_pair(row)
    for row in before["pairs"]:
        store.put_pair(row)


def history(store: EditionStore) -> list[dict]:
    """The audit log, oldest first: id, at, action, target, undone, before, after."""
    return store.history()


def summarize(row: dict) -> str:
    """One line describing a history row (for `review history`)."""
    action, after = row["action"], row["after"]
    if action == "edit":
        old, new = row["before"]["pairs"][0]["en"], after["pairs"][0]["en"]
        what = f"{_short(old)!r} → {_short(new)!r}"
    elif action in ("merge", "split"):
        what = "→ " + ", ".join(p["sid"] for p in after["pairs"])
    elif action == "undo":
        what = f"{'skipped' if 'skipped' in after else 'reverted'} #{row['target']}"
    else:
        what = ""
    mark = " (undone)" if row["undone"] else ""
    return f"#{row['id']:<4} {row['at']}  {action:<11} {row['target']}  {what}{mark}".rstrip()


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
