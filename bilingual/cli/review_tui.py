"""The interactive reviewer: one pair per screen, single keys, every change saved when made.

Line-based (rich for the text, plain prompts), so it scrolls like a shell session and works on
dumb terminals. Each screen ends with a `[k/N] status: …` line, the pair, and the `key> `
prompt. A change is a `bilingual.review` call whose transaction has committed before the
screen prints `saved:`; `q` only leaves.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .. import review
from ..document import Pair
from ..errors import BilingualError, ReviewError
from ..store import EditionStore
from ..terms.analysis import analyse
from ..terms.files import default_glossary
from ..terms.glossary import Glossary
from .keys import Terminal, read_line

HELP = """\
a  approve and go to the next pair      n / →  next pair (no change)
e  edit the English on one line         p / ←  previous pair
   (Ctrl-U clears, Ctrl-A/E start/end,  g      go to a number
    Enter saves, Esc cancels)           y      show/hide pinyin
E  edit the English in $EDITOR          ?      this help
m  merge with the next sentence         q      quit (everything is already saved)
s  split this pair in two (pick the point in the Chinese, then check both English halves)
r  re-translate this pair
u  undo the last change and go back to it"""


def run_review(directory: Path, filter_: str, article: int | None) -> None:
    """Start the interactive reviewer on an edition (needs a terminal)."""
    with EditionStore(directory) as store:
        pairs = review.select(store, filter_, article)
        if not pairs:
            total = len(store.pairs())
            print(f"Nothing to review: no pair matches --filter {filter_} ({total} pairs in all).")
            if filter_ == "flagged":  # length, Chinese-left and empty flags come from `qa`
                print(
                    f"Flags are as of the last check: `bilingual qa -e {directory}` refreshes them."
                )
            return
        if not sys.stdin.isatty():
            raise ReviewError(
                "The interactive reviewer needs a terminal",
                "Use `bilingual review list|approve|edit|merge|split|undo` in scripts.",
            )
        Reviewer(store, pairs).run()


class Reviewer:
    """The session state: the pairs in view (a snapshot of the filter), and where we are."""

    def __init__(self, store: EditionStore, pairs: list[Pair]) -> None:
        self.store = store
        self.view = {p.sid for p in pairs}
        self.k = 0
        self.pinyin = False
        self.console = Console(highlight=False, soft_wrap=False)
        self.glossary, self.glossary_note = _glossary()
        self.titles = {a.id: a.title for a in store.load_edition().articles}
        self.refresh()

    # -- state ----------------------------------------------------------------
    def refresh(self) -> None:
        self.doc = self.store.pairs()
        self.where = {p.sid: i for i, p in enumerate(self.doc)}
        self.order = [p.sid for p in self.doc if p.sid in self.view]
        self.k = min(self.k, len(self.order) - 1)

    def current(self) -> Pair:
        return self.doc[self.where[self.order[self.k]]]

    def apply(self, change: review.Change, advance: bool = False) -> None:
        """Record a saved change in the view and move to the pair it concerns."""
        self.view -= set(change.removed)
        self.view |= {*change.added, change.focus}
        self.refresh()
        if change.focus in self.order:
            self.k = self.order.index(change.focus)
        self.say(f"saved: {change.message}")
        if advance:
            self.move(1)

    def move(self, step: int) -> None:
        k = self.k + step
        if k >= len(self.order):
            n = len(self.order)
            self.say(f"end of the list ({n} pair{'s' * (n != 1)}); q quits")
        elif k < 0:
            self.say("start of the list")
        else:
            self.k = k

    # -- output ---------------------------------------------------------------
    @property
    def width(self) -> int:
        return shutil.get_terminal_size((100, 24)).columns

    def say(self, text: str, style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False)

    def line(self, label: str, text: str, style: str = "") -> None:
        """`label text`, long text wrapped under itself (a hanging indent), never under the label."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(style=style or None, overflow="fold")
        grid.add_row(Text(label), Text(text))
        self.console.print(grid)

    def show(self) -> None:
        p = self.current()
        i = self.where[p.sid]
        self.console.rule(style="dim")
        title = self.titles.get(p.article, "")
        where = _place(self.doc, i)
        self.say(f"article {p.article} «{title}» · {p.kind} · {p.sid} · {where}", style="dim")
        if i > 0:
            self._context("‹", self.doc[i - 1])
        self.console.print(
            f"[bold]\\[{self.k + 1}/{len(self.order)}][/bold] status: {p.status}", markup=True
        )
        self.line("zh:", p.zh, "bold")
        if self.pinyin:
            self.line("py:", _pinyin(p.zh), "cyan")
        self.line("en:", p.en or "(no English)", "green" if p.en else "red")
        for f in p.flags:
            self.line("flag:", f"{f.code}: {f.detail}", "yellow")
        for term, en in review_terms(self.glossary, p):
            self.line("term:", f"{term} → {en}", "magenta")
        if i + 1 < len(self.doc):
            self._context("›", self.doc[i + 1])

    def _context(self, mark: str, p: Pair) -> None:
        text = f"  {mark} {p.zh} | {p.en}"
        self.console.print(escape(text), style="dim", no_wrap=True, overflow="ellipsis")

    # -- loop -----------------------------------------------------------------
    def run(self) -> None:
        with Terminal() as term:
            self.term = term
            if self.glossary_note:
                self.say(self.glossary_note, "dim")
            self.say("? for help, q to quit", "dim")
            try:
                while True:
                    self.show()
                    term.write("key> ")
                    key = term.read_key()
                    term.write(_echo(key) + "\n")
                    if key in ("q", "C-d"):
                        break
                    self.dispatch(key)
            except (KeyboardInterrupt, EOFError):
                term.write("\n")
            term.write("bye — every change is saved.\n")

    def dispatch(self, key: str) -> None:
        actions = {
            "a": self.do_approve, "e": self.do_edit, "E": self.do_external, "m": self.do_merge,
            "s": self.do_split, "r": self.do_retranslate, "u": self.do_undo, "g": self.do_goto,
            "n": lambda: self.move(1), "RIGHT": lambda: self.move(1), "DOWN": lambda: self.move(1),
            "p": lambda: self.move(-1), "LEFT": lambda: self.move(-1), "UP": lambda: self.move(-1),
            "y": self.toggle_pinyin, "?": lambda: self.say(HELP),
        }  # fmt: skip
        action = actions.get(key)
        if action is None:
            self.say(f"unknown key {_echo(key)}; ? for help")
            return
        try:
            action()
        except BilingualError as exc:
            self.say(f"Error: {exc.message}", "red")

    def ask(self, prompt: str, initial: str = "") -> str | None:
        return read_line(self.term, prompt, initial, self.width)

    def toggle_pinyin(self) -> None:
        self.pinyin = not self.pinyin

    def do_approve(self) -> None:
        self.apply(review.approve(self.store, [self.current().sid]), advance=True)

    def do_edit(self) -> None:
        p = self.current()
        text = self.ask("en> ", p.en)
        self._save_edit(p, text)

    def _save_edit(self, p: Pair, text: str | None) -> None:
        if text is None:
            self.say("cancelled")
        elif " ".join(text.split()) == p.en:
            self.say("unchanged")
        else:
            self.apply(review.edit(self.store, p.sid, text), advance=True)

    def do_external(self) -> None:
        p = self.current()
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        fd, name = tempfile.mkstemp(prefix="bilingual-", suffix=".txt")
        path = Path(name)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(f"{p.en}\n\n# {p.zh}\n# Lines starting with # are ignored.\n")
            with self.term.suspended():
                try:
                    code = subprocess.call([*shlex.split(editor), str(path)])
                except OSError as exc:
                    self.say(f"cannot run {editor!r} ({exc.strerror}); set $EDITOR")
                    return
            lines = path.read_text(encoding="utf-8").splitlines()
        finally:
            path.unlink(missing_ok=True)
        if code != 0:
            self.say(f"cancelled ({editor} exited with {code})")
            return
        text = " ".join(line for line in lines if not line.lstrip().startswith("#"))
        self._save_edit(p, text if text.strip() else None)

    def do_merge(self) -> None:
        p = self.current()
        nxt = review.next_in_block(self.store, p.sid)
        if nxt is None:
            self.say("nothing to merge with: this is the last sentence of its block")
            return
        self.apply(review.merge(self.store, p.sid, nxt))

    def do_split(self) -> None:
        p = self.current()
        if len(p.zh) < 2:
            self.say("too short to split")
            return
        for text, ruler in _ruled(p.zh, self.width - 3):
            self.say("  " + text)
            self.say("  " + ruler, "dim")
        hints = review.split_point_candidates(p.zh)
        if hints:
            self.say("  after punctuation:", "dim")
            for h in hints:
                self.say(f"  {h:>5}  {_around(p.zh, h, (self.width - 14) // 4)}", "dim")
        middle = _default_split(p.zh, hints)
        answer = self.ask(
            f"split at (1–{len(p.zh) - 1}, or the text that ends part 1)> ", str(middle)
        )
        if answer is None or not answer.strip():
            self.say("cancelled")
            return
        at = _split_offset(p.zh, answer.strip())
        if at is None:
            self.say(f"not an offset or a part of the Chinese: {answer.strip()!r}")
            return
        if not 0 < at < len(p.zh):
            self.say(f"offset must be 1–{len(p.zh) - 1}")
            return
        self.line("  1:", p.zh[:at])
        self.line("  2:", p.zh[at:])
        cut = review.suggest_en_split(p.zh, p.en, at)
        en1 = self.ask("en 1> ", p.en[:cut].strip())
        en2 = None if en1 is None else self.ask("en 2> ", p.en[cut:].strip())
        if en2 is None:
            self.say("cancelled")
            return
        self.apply(review.split(self.store, p.sid, at, (en1, en2)))

    def do_retranslate(self) -> None:
        self.say("translating …", "dim")
        self.apply(review.retranslate(self.store, self.current().sid))

    def do_undo(self) -> None:
        self.apply(review.undo(self.store))

    def do_goto(self) -> None:
        answer = self.ask(f"go to (1–{len(self.order)})> ")
        if answer is None or not answer.strip():
            return
        if not answer.strip().isdigit() or not 1 <= int(answer) <= len(self.order):
            self.say(f"not a number from 1 to {len(self.order)}")
            return
        self.k = int(answer) - 1


def _echo(key: str) -> str:
    return key if len(key) == 1 and key.isprintable() else f"<{key}>"


def _split_offset(zh: str, answer: str) -> int | None:
    if answer.isdigit():
        return int(answer)
    i = zh.find(answer)
    return None if i < 0 else i + len(answer)


def _ruler(chunk: str, start: int = 0, width: int | None = None) -> str:
    """Offsets every 5 characters, placed under `chunk` (which begins at offset `start`).

    Columns count display cells, so the marks line up under double-width Chinese.
    """
    out = ""
    for i in range(-start % 5, len(chunk) + 1, 5):
        col, mark = cell_len(chunk[:i]), str(start + i)
        if col >= len(out) and (width is None or col + len(mark) <= width):
            out = out.ljust(col) + mark
    return out


def _ruled(zh: str, width: int) -> list[tuple[str, str]]:
    """The Chinese cut into lines of at most `width` cells, each with its offset ruler."""
    width = max(width, 12)
    out, start = [], 0
    while start < len(zh):
        end = start + 1
        while end < len(zh) and cell_len(zh[start : end + 1]) <= width:
            end += 1
        out.append((zh[start:end], _ruler(zh[start:end], start, width)))
        start = end
    return out


def _around(zh: str, at: int, n: int = 8) -> str:
    """`…before | after…`: up to `n` characters either side of a split point."""
    n = max(n, 2)
    before = ("…" if at > n else "") + zh[max(0, at - n) : at]
    return before + " | " + zh[at : at + n] + ("…" if at + n < len(zh) else "")


def _default_split(zh: str, hints: list[int]) -> int:
    """The split point offered first: a sentence end nearest the middle, else any punctuation."""
    ends = [h for h in hints if zh[h - 1] in "。！？；…"]
    pool = ends or hints
    return min(pool, key=lambda h: abs(h - len(zh) / 2)) if pool else len(zh) // 2


def _place(doc: list[Pair], i: int) -> str:
    """`block b/B, sentence s/S`: where pair `i` sits in its article and its block."""
    p = doc[i]
    blocks = list(dict.fromkeys(q.block for q in doc if q.article == p.article))
    in_block = [q.sid for q in doc if q.block == p.block]
    return (
        f"block {blocks.index(p.block) + 1}/{len(blocks)}, "
        f"sentence {in_block.index(p.sid) + 1}/{len(in_block)}"
    )


def _pinyin(zh: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(zh, style=Style.TONE))


def _glossary() -> tuple[Glossary | None, str]:
    """The glossary for the `term:` lines, or None and why (a broken user glossary)."""
    try:
        return default_glossary(), ""
    except BilingualError as exc:
        return None, f"(glossary not loaded: {exc.message})"


def review_terms(glossary: Glossary | None, pair: Pair) -> list[tuple[str, str]]:
    """(term, approved English) of each distinct glossary term of the pair's Chinese."""
    if glossary is None:
        return []
    terms = analyse(pair.zh, pair.kind, glossary).terms
    return list(dict.fromkeys((m.entry.zh, m.entry.en) for m in terms))
