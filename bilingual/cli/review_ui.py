"""What both interactive reviewers share: starting one, the keys and their help, the split
prompt's helpers and the external editor.

The full-screen reviewer (`review_screen.py`, Textual) is the default; the line reviewer
(`review_plain.py`) is for dumb terminals and screen readers (`--plain`, or `TERM=dumb`).
Both drive one `bilingual.review_session.Session` with the same keys.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from rich.cells import cell_len

from .. import review, review_moves
from ..document import Pair
from ..errors import ReviewError
from ..review_session import Session
from ..store import EditionStore

# key → action, the same in both reviewers (arrow keys by their names)
KEYS = {
    "a": "approve", "e": "edit", "E": "external", "m": "merge", "s": "split",
    "<": "move_prev", ">": "move_next", "t": "use_tm", "r": "retranslate", "u": "undo",
    "n": "next", "RIGHT": "next", "DOWN": "next", "p": "prev", "LEFT": "prev", "UP": "prev",
    "g": "goto", "y": "pinyin", "?": "help", "q": "quit",
}  # fmt: skip

HELP = """\
a  approve and go to the next pair      n / →  next pair (no change)
e  edit the English in place            p / ←  previous pair
   (Ctrl-U clears, Enter saves,         g      go to a number
    Esc cancels)                        y      show/hide pinyin
E  edit the English in $EDITOR          t      use the best translation-memory match
m  merge with the next sentence                (opens the editor with its English)
s  split this pair in two (pick the point in the Chinese, then check both English halves)
<  move the first English sentence to the previous pair (English only)
>  move the last English sentence to the next pair (English only)
r  re-translate this pair               ?      this help
u  undo the last change and go back to it   q  quit (everything is already saved)"""

KEY_BAR = (
    "a approve  e edit  E $EDITOR  m merge  s split  < > move English  t use TM  "
    "r re-translate  u undo  n/p next/prev  g go to  y pinyin  ? help  q quit"
)


def run_review(
    directory: Path,
    filter_: str,
    article: int | None,
    plain: bool = False,
    from_start: bool = False,
) -> None:
    """Start an interactive reviewer on an edition (needs a terminal): full screen, or the
    line reviewer when asked (`plain`) or when the terminal cannot draw a screen."""
    with EditionStore(directory) as store:
        if not review.select(store, filter_, article):
            total = len(store.pairs())
            print(f"Nothing to review: no pair matches --filter {filter_} ({total} pairs in all).")
            if filter_ == "flagged":  # length, Chinese-left and empty flags come from `qa`
                print(
                    f"Flags are as of the last check: `bilingual qa -e {directory}` refreshes them."
                )
            return
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise ReviewError(
                "The interactive reviewer needs a terminal",
                "Use `bilingual review list|approve|edit|merge|split|move-en|undo` in scripts.",
            )
        session = Session(store, filter_, article, from_start)
        try:
            if plain or os.environ.get("TERM", "dumb") in ("dumb", "unknown"):
                from .review_plain import PlainReviewer

                PlainReviewer(session).run()
            else:
                from .review_screen import ReviewApp

                ReviewApp(session).run()
                print("bye — every change is saved.")
        finally:
            session.close()


class SharedActions:
    """The actions both reviewers take the same way: each a `bilingual.review` call whose
    change the reviewer's `apply` shows (`say` for what did not change anything)."""

    session: Session

    def say(self, text: str) -> None:
        raise NotImplementedError

    def apply(self, change: review.Change, advance: bool = False) -> None:
        raise NotImplementedError

    def do_approve(self) -> None:
        s = self.session
        self.apply(review.approve(s.store, [s.current().sid]), advance=True)

    def _save_edit(self, p: Pair, text: str | None) -> None:
        if text is None:
            self.say("cancelled")
        elif " ".join(text.split()) == p.en:
            self.say("unchanged")
        else:
            self.apply(review.edit(self.session.store, p.sid, text), advance=True)

    def do_merge(self) -> None:
        s = self.session
        nxt = review.next_in_block(s.store, s.current().sid)
        if nxt is None:
            self.say("nothing to merge with: this is the last sentence of its block")
            return
        self.apply(review.merge(s.store, s.current().sid, nxt))

    def do_move_prev(self) -> None:
        """English only: this pair's first sentence to the previous pair."""
        s = self.session
        self.apply(review_moves.move_en(s.store, s.current().sid, "prev"))

    def do_move_next(self) -> None:
        """English only: this pair's last sentence to the next pair."""
        s = self.session
        self.apply(review_moves.move_en(s.store, s.current().sid, "next"))

    def do_undo(self) -> None:
        self.apply(review.undo(self.session.store))


# -- the external editor ------------------------------------------------------------------


def edit_externally(
    en: str, zh: str, suspended: Callable[[], AbstractContextManager]
) -> tuple[str | None, str]:
    """Edit `en` in $VISUAL/$EDITOR with the terminal given back (`suspended`): the new
    English (None if cancelled or emptied) and what to tell the reviewer."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="bilingual-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{en}\n\n# {zh}\n# Lines starting with # are ignored.\n")
        with suspended():
            try:
                code = subprocess.call([*shlex.split(editor), str(path)])
            except OSError as exc:
                return None, f"cannot run {editor!r} ({exc.strerror}); set $EDITOR"
        lines = path.read_text(encoding="utf-8").splitlines()
    finally:
        path.unlink(missing_ok=True)
    if code != 0:
        return None, f"cancelled ({editor} exited with {code})"
    text = " ".join(line for line in lines if not line.lstrip().startswith("#"))
    return (text, "") if text.strip() else (None, "cancelled")


# -- the split prompt -----------------------------------------------------------------------


def split_offset(zh: str, answer: str) -> int | None:
    """An answer to "split at": an offset, or the text that ends part 1."""
    if answer.isdigit():
        return int(answer)
    i = zh.find(answer)
    return None if i < 0 else i + len(answer)


def ruler(chunk: str, start: int = 0, width: int | None = None) -> str:
    """Offsets every 5 characters, placed under `chunk` (which begins at offset `start`).

    Columns count display cells, so the marks line up under double-width Chinese.
    """
    out = ""
    for i in range(-start % 5, len(chunk) + 1, 5):
        col, mark = cell_len(chunk[:i]), str(start + i)
        if col >= len(out) and (width is None or col + len(mark) <= width):
            out = out.ljust(col) + mark
    return out


def ruled(zh: str, width: int) -> list[tuple[str, str]]:
    """The Chinese cut into lines of at most `width` cells, each with its offset ruler."""
    width = max(width, 12)
    out, start = [], 0
    while start < len(zh):
        end = start + 1
        while end < len(zh) and cell_len(zh[start : end + 1]) <= width:
            end += 1
        out.append((zh[start:end], ruler(zh[start:end], start, width)))
        start = end
    return out


def around(zh: str, at: int, n: int = 8) -> str:
    """`…before | after…`: up to `n` characters either side of a split point."""
    n = max(n, 2)
    before = ("…" if at > n else "") + zh[max(0, at - n) : at]
    return before + " | " + zh[at : at + n] + ("…" if at + n < len(zh) else "")


def default_split(zh: str, hints: list[int]) -> int:
    """The split point offered first: a sentence end nearest the middle, else any punctuation."""
    ends = [h for h in hints if zh[h - 1] in "。！？；…"]
    pool = ends or hints
    return min(pool, key=lambda h: abs(h - len(zh) / 2)) if pool else len(zh) // 2
