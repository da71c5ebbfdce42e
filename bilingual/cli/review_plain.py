"""The line reviewer (`review --plain`, and dumb terminals): one pair per screen, single keys,
every change saved when made.

Line-based (rich for the text, plain prompts), so it scrolls like a shell session and works on
dumb terminals and with screen readers. Each screen ends with a `[k/N] status: …` line, the
pair, and the `key> ` prompt. A change is a `bilingual.review` call whose transaction has
committed before the screen prints `saved:`; `q` only leaves. Same keys as the full-screen
reviewer (`review_ui.KEYS`).
"""

from __future__ import annotations

import shutil

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .. import review
from ..cuts import split_point_candidates, suggest_en_split
from ..document import Pair
from ..errors import BilingualError
from ..review_session import Session, made_by, pinyin, status_label
from .keys import Terminal, read_line
from .review_ui import (
    HELP,
    KEYS,
    SharedActions,
    around,
    default_split,
    edit_externally,
    ruled,
    split_offset,
)


class PlainReviewer(SharedActions):
    """Prints the current pair, reads a key, runs its action on the session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.pinyin = False
        self.console = Console(highlight=False, soft_wrap=False)

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
        s = self.session
        p = s.current()
        before, after = s.neighbours(p)
        self.console.rule(style="dim")
        self.say(f"{s.place(p)} · {p.sid} · filter: {s.filter}", style="dim")
        if before:
            self._context("‹", before)
        self.console.print(
            f"[bold]{escape(s.position)}[/bold] status: {status_label(p)} · {made_by(p)}",
            markup=True,
        )
        self.line("zh:", p.zh, "bold")
        if self.pinyin:
            self.line("py:", pinyin(p.zh), "cyan")
        self.line("en:", p.en or "(no English)", "green" if p.en else "red")
        for f in p.flags:
            self.line("flag:", str(f), "yellow")
        found = s.found(p)
        for zh, en in found.terms:
            self.line("term:", f"{zh} → {en}", "magenta")
        for zh, en in found.names:
            self.line("name:", f"{zh} → {en}", "magenta")
        for m in s.matches(p):
            self.line(f"tm {m.similarity}%:", f"{m.zh} → {m.en} ({m.edition}, {m.date})", "blue")
        if after:
            self._context("›", after)

    def _context(self, mark: str, p: Pair) -> None:
        text = f"  {mark} {p.zh} | {p.en}"
        self.console.print(escape(text), style="dim", no_wrap=True, overflow="ellipsis")

    # -- loop -----------------------------------------------------------------
    def run(self) -> None:
        with Terminal() as term:
            self.term = term
            for note in (self.session.glossary_note, self.session.tm_note):
                if note:
                    self.say(f"({note})", "dim")
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
        action = KEYS.get(key)
        if action is None:
            self.say(f"unknown key {_echo(key)}; ? for help")
            return
        try:
            getattr(self, f"do_{action}")()
        except BilingualError as exc:
            self.say(f"Error: {exc.message}", "red")

    def ask(self, prompt: str, initial: str = "") -> str | None:
        return read_line(self.term, prompt, initial, self.width)

    def apply(self, change: review.Change, advance: bool = False) -> None:
        for text in self.session.apply(change, advance):
            self.say(text)

    def moved(self, step: int) -> None:
        if why := self.session.move(step):
            self.say(why)

    # -- actions (review_ui.KEYS) ----------------------------------------------
    def do_next(self) -> None:
        self.moved(1)

    def do_prev(self) -> None:
        self.moved(-1)

    def do_pinyin(self) -> None:
        self.pinyin = not self.pinyin

    def do_help(self) -> None:
        self.say(HELP)

    def do_edit(self, initial: str | None = None) -> None:
        p = self.session.current()
        self._save_edit(p, self.ask("en> ", p.en if initial is None else initial))

    def do_external(self) -> None:
        p = self.session.current()
        text, why = edit_externally(p.en, p.zh, self.term.suspended)
        if text is None:
            self.say(why)
        else:
            self._save_edit(p, text)

    def do_use_tm(self) -> None:
        matches = self.session.matches(self.session.current())
        if not matches:
            self.say("no translation-memory match of 75% or more")
            return
        self.say(f"tm {matches[0].similarity}%: {matches[0].zh}")
        self.do_edit(matches[0].en)

    def do_split(self) -> None:
        p = self.session.current()
        if len(p.zh) < 2:
            self.say("too short to split")
            return
        for text, marks in ruled(p.zh, self.width - 3):
            self.say("  " + text)
            self.say("  " + marks, "dim")
        hints = split_point_candidates(p.zh)
        if hints:
            self.say("  after punctuation:", "dim")
            for h in hints:
                self.say(f"  {h:>5}  {around(p.zh, h, (self.width - 14) // 4)}", "dim")
        answer = self.ask(
            f"split at (1–{len(p.zh) - 1}, or the text that ends part 1)> ",
            str(default_split(p.zh, hints)),
        )
        if answer is None or not answer.strip():
            self.say("cancelled")
            return
        at = split_offset(p.zh, answer.strip())
        if at is None:
            self.say(f"not an offset or a part of the Chinese: {answer.strip()!r}")
            return
        if not 0 < at < len(p.zh):
            self.say(f"offset must be 1–{len(p.zh) - 1}")
            return
        self.line("  1:", p.zh[:at])
        self.line("  2:", p.zh[at:])
        cut = suggest_en_split(p.zh, p.en, at)
        en1 = self.ask("en 1> ", p.en[:cut].strip())
        en2 = None if en1 is None else self.ask("en 2> ", p.en[cut:].strip())
        if en2 is None:
            self.say("cancelled")
            return
        self.apply(review.split(self.session.store, p.sid, at, (en1, en2)))

    def do_retranslate(self) -> None:
        self.say("translating …", "dim")
        self.apply(review.retranslate(self.session.store, self.session.current().sid))

    def do_goto(self) -> None:
        n = len(self.session.order)
        answer = self.ask(f"go to (1–{n})> ")
        if answer is None or not answer.strip():
            return
        if not answer.strip().isdigit() or not 1 <= int(answer) <= n:
            self.say(f"not a number from 1 to {n}")
            return
        self.session.go(int(answer) - 1)


def _echo(key: str) -> str:
    return key if len(key) == 1 and key.isprintable() else f"<{key}>"
