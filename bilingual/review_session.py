"""An interactive review session, for any front end (the full-screen reviewer, the line one).

The session holds the pairs in view — a snapshot of the filter, plus what a change brings in
(a merged pair, a split's halves) — and where the reviewer is. That position is saved in the
edition's meta whenever it moves, so the next session resumes there (per edition, whatever
the filter) unless asked to start from the beginning. It also says what a screen shows
about a pair: where it sits, the glossary terms and names it holds, its pinyin, and the best
translation-memory matches for its Chinese. UI-free: nothing here prints or reads keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import review
from .document import EDITED, MACHINE, UNTRANSLATED, Pair, origin, origin_label
from .errors import BilingualError
from .store import EditionStore
from .terms.analysis import analyse
from .terms.files import default_glossary
from .terms.glossary import Glossary

POSITION_KEY = "review.position"
TM_SHOWN = 3  # fuzzy matches shown for the current pair
STATUS_LABELS = {MACHINE: "unreviewed", UNTRANSLATED: "no English", EDITED: "edited"}


def save_position(store: EditionStore, sid: str) -> None:
    """Remember the pair the reviewer is on (per edition, in the store's meta)."""
    with store.transaction():
        store.set_meta(POSITION_KEY, sid)


def resume_index(store: EditionStore, order: list[str]) -> int:
    """Where to start in `order` (sentence ids in document order): the pair the reviewer
    left off at, or the first pair after it when it is no longer in the view (reviewed,
    merged away); 0 when nothing was saved or the pair is gone from the edition."""
    saved = store.get_meta(POSITION_KEY)
    if not saved or not order:
        return 0
    if saved in order:
        return order.index(saved)
    doc = [p.sid for p in store.pairs()]
    if saved not in doc:
        return 0
    where = {s: i for i, s in enumerate(doc)}
    later = [k for k, s in enumerate(order) if where.get(s, -1) > where[saved]]
    return later[0] if later else len(order) - 1


def status_label(pair: Pair) -> str:
    """A status for people: `machine` means not reviewed yet, whoever made the English."""
    return STATUS_LABELS.get(pair.status, pair.status)


def made_by(pair: Pair) -> str:
    """Who made the English, for people ("human translation (aligned)", "word gloss …")."""
    return origin_label(origin(pair))


@dataclass(frozen=True)
class Found:
    """What the sentence holds: glossary terms and names, each (Chinese, English)."""

    terms: list[tuple[str, str]]
    names: list[tuple[str, str]]


class Session:
    """The pairs in view, the position in them, and what to show about the current pair."""

    def __init__(
        self,
        store: EditionStore,
        filter_: str = "unreviewed",
        article: int | None = None,
        from_start: bool = False,
    ) -> None:
        self.store, self.filter, self.article = store, filter_, article
        self.view = {p.sid for p in review.select(store, filter_, article)}
        self.k = 0
        self.refresh()
        self.k = 0 if from_start else resume_index(store, self.order)
        self.titles = {a.id: a.title for a in store.load_edition().articles}
        self.glossary, self.glossary_note = _glossary()
        self.tm, self.tm_note = _memory()

    def close(self) -> None:
        if self.tm is not None:
            self.tm.__exit__()

    # -- where we are ---------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the pairs (after a change) and keep the position inside the view."""
        self.doc = self.store.pairs()
        self.where = {p.sid: i for i, p in enumerate(self.doc)}
        self.order = [p.sid for p in self.doc if p.sid in self.view]
        self.k = max(0, min(self.k, len(self.order) - 1))

    def current(self) -> Pair:
        return self.doc[self.where[self.order[self.k]]]

    @property
    def position(self) -> str:
        """`[k/N]`: the current pair's number in the view."""
        return f"[{self.k + 1}/{len(self.order)}]"

    def pairs(self) -> list[Pair]:
        """The pairs in view, in document order."""
        return [self.doc[self.where[sid]] for sid in self.order]

    def go(self, k: int) -> None:
        """Go to pair `k` (0-based) of the view and remember it for the next session."""
        self.k = k
        save_position(self.store, self.order[k])

    def move(self, step: int) -> str:
        """Step through the view; '' when moved, else why not."""
        k = self.k + step
        if k >= len(self.order):
            n = len(self.order)
            return f"end of the list ({n} pair{'s' * (n != 1)}); q quits"
        if k < 0:
            return "start of the list"
        self.go(k)
        return ""

    def apply(self, change: review.Change, advance: bool = False) -> list[str]:
        """Take a saved change into the view, go to the pair it concerns (and on, for
        approve/edit); the lines to tell the reviewer."""
        self.view -= set(change.removed)
        self.view |= {*change.added, change.focus}
        self.refresh()
        if change.focus in self.order:
            self.k = self.order.index(change.focus)
        said = [f"saved: {change.message}"] + ([f"note: {change.note}"] if change.note else [])
        moved = self.move(1) if advance else ""
        if not advance or moved:
            save_position(self.store, self.order[self.k])
        return said + ([moved] if moved else [])

    # -- what to show ---------------------------------------------------------
    def neighbours(self, pair: Pair) -> tuple[Pair | None, Pair | None]:
        """The pairs before and after in the document (whatever the filter)."""
        i = self.where[pair.sid]
        return (self.doc[i - 1] if i > 0 else None,
                self.doc[i + 1] if i + 1 < len(self.doc) else None)  # fmt: skip

    def place(self, pair: Pair) -> str:
        """`article 1 «title» · paragraph · block b/B, sentence s/S`."""
        blocks = list(dict.fromkeys(q.block for q in self.doc if q.article == pair.article))
        in_block = [q.sid for q in self.doc if q.block == pair.block]
        title = self.titles.get(pair.article, "")
        return (
            f"article {pair.article} «{title}» · {pair.kind} · block "
            f"{blocks.index(pair.block) + 1}/{len(blocks)}, sentence "
            f"{in_block.index(pair.sid) + 1}/{len(in_block)}"
        )

    def found(self, pair: Pair) -> Found:
        """The glossary terms and the names in the pair's Chinese, each once."""
        if self.glossary is None:
            return Found([], [])
        analysis = analyse(pair.zh, pair.kind, self.glossary)
        terms = list(dict.fromkeys((m.entry.zh, m.entry.en) for m in analysis.terms))
        return Found(terms, [(n.zh, n.en) for n in analysis.named])

    def matches(self, pair: Pair) -> list:
        """The best translation-memory matches (≥ 75 %) for the pair's Chinese, leaving out
        the pair's own unit (an approved pair is in the memory itself)."""
        if self.tm is None:
            return []
        found = self.tm.search(pair.zh, limit=TM_SHOWN + 1)
        return [m for m in found if (m.zh, m.en) != (pair.zh, pair.en)][:TM_SHOWN]


def pinyin(zh: str) -> str:
    """Tone-marked pinyin, syllable by syllable."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(zh, style=Style.TONE))


def _glossary() -> tuple[Glossary | None, str]:
    """The glossary for the term lines, or None and why (a broken user glossary)."""
    try:
        return default_glossary(), ""
    except BilingualError as exc:
        return None, f"glossary not loaded: {exc.message}"


def _memory():
    """The translation memory for the match lines, or None and why it cannot be opened."""
    from .tm import TranslationMemory

    try:
        return TranslationMemory(), ""
    except BilingualError as exc:
        return None, f"translation memory not available: {exc.message}"
