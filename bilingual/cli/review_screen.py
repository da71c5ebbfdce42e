"""The full-screen reviewer (Textual): the pair list, the current pair large, what it holds,
translation-memory matches, the neighbours, and a key bar — one screen, single keys.

Layout, top to bottom: a bar with `[k/N]`, the filter in force and where the pair sits; the
list of pairs in view (status and flag marks; hidden below 70 columns) beside the current
pair — Chinese, pinyin (`y`), English (edited in place with `e`), flags, glossary terms and
names, the best translation-memory matches (`t` takes the first), the neighbours; then the
message line and the key bar. Every key calls the same `bilingual.review` operation as the
scripted commands, saved (with its history row) before the screen says `saved:`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from .. import review
from ..cuts import split_point_candidates, suggest_en_split
from ..document import APPROVED, EDITED, MACHINE, Pair
from ..errors import BilingualError
from ..review_session import Session, made_by, pinyin, status_label
from .review_ui import (
    HELP,
    KEY_BAR,
    KEYS,
    SharedActions,
    around,
    default_split,
    edit_externally,
    ruled,
    split_offset,
)

MARKS = {APPROVED: "✓", EDITED: "✎", MACHINE: "·"}  # anything else (no English): ○
NARROW = 70  # columns below which the pair list is hidden
# Textual's names for the keys the reviewers share by name
KEY_NAMES = {"right": "RIGHT", "left": "LEFT", "up": "UP", "down": "DOWN"}


class EnglishEditor(TextArea):
    """The inline editor: Enter saves, Esc cancels, Ctrl-U clears back to the start (the
    whole text, not one wrapped row), like the line reviewer's."""

    BINDINGS: ClassVar = [Binding("ctrl+u", "clear_to_start", "clear", show=False)]

    class Done(Message):
        def __init__(self, text: str | None) -> None:
            self.text = text
            super().__init__()

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.post_message(self.Done(self.text if event.key == "enter" else None))
            return
        await super()._on_key(event)

    def action_clear_to_start(self) -> None:
        self.delete((0, 0), self.cursor_location)


class HelpScreen(ModalScreen[None]):
    """The keys; any key closes it."""

    def compose(self) -> ComposeResult:
        yield Static(escape(HELP + "\n\n(any key closes this)"), id="help")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss()


class ReviewApp(SharedActions, App[None]):
    """One review session on screen."""

    CSS_PATH = "review_screen.tcss"
    TITLE = "bilingual review"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.show_pinyin = False
        self.listed: list[str] = []  # the view the pair list was built from
        self._then: Callable[[str | None], None] | None = None
        self._split_text = ""

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="top")
        with Horizontal(id="body"):
            yield OptionList(id="pairs")
            with VerticalScroll(id="main"):
                yield Static(id="prev", classes="dim")
                yield Static(id="status", classes="dim")
                yield Static(id="zh")
                yield Static(id="py")
                yield Static(id="split")
                yield Static(id="prompt")
                yield EnglishEditor(id="editor", soft_wrap=True, compact=True)
                yield Static(id="en")
                yield Static(id="flags")
                yield Static(id="terms")
                yield Static(id="tm")
                yield Static(id="next", classes="dim")
        yield Static(id="msg")
        yield Static(KEY_BAR, id="keys")

    def on_mount(self) -> None:
        pairs = self.query_one("#pairs", OptionList)
        pairs.can_focus = False
        for hidden in ("#editor", "#prompt", "#split", "#py"):
            self.query_one(hidden).display = False
        notes = [n for n in (self.session.glossary_note, self.session.tm_note) if n]
        if self.session.k:
            notes.insert(0, f"resumed where you left off ({self.session.position}); "
                            "--from-start begins at 1")  # fmt: skip
        self.say("; ".join(notes) or "? for help, q to quit")
        self.draw()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#pairs").display = event.size.width >= NARROW

    # -- drawing ---------------------------------------------------------------
    def say(self, text: str) -> None:
        self.query_one("#msg", Static).update(Text(text, no_wrap=True, overflow="ellipsis"))

    def draw(self) -> None:
        """Show the current pair, its place in the view and what it holds."""
        s = self.session
        p = s.current()
        filt = s.filter + (f", article {s.article}" if s.article is not None else "")
        top = f"{s.position}  filter: {filt} · {s.store.name} · {s.place(p)}"
        self.query_one("#top", Static).update(Text(top, no_wrap=True, overflow="ellipsis"))
        self._draw_list()
        before, after = s.neighbours(p)
        self._set("#prev", f"‹ {before.zh} | {before.en}" if before else "‹ (start)", wrap=False)
        self._set("#next", f"› {after.zh} | {after.en}" if after else "› (end)", wrap=False)
        self._set("#status", f"{status_label(p)} · English: {made_by(p)} · {p.sid}")
        self._set("#zh", p.zh)
        py = self.query_one("#py", Static)
        py.display = self.show_pinyin
        if self.show_pinyin:
            py.update(Text(pinyin(p.zh)))
        self._set("#en", p.en or "(no English)")
        self._set("#flags", "\n".join(f"⚑ {f}" for f in p.flags))
        found = s.found(p)
        lines = [f"glossary: {zh} → {en}" for zh, en in found.terms]
        lines += [f"name: {zh} → {en}" for zh, en in found.names]
        self._set("#terms", "\n".join(lines))
        self.matches = s.matches(p)
        tm = [f"{'t ' if i == 0 else '  '}TM {m.similarity}%  {m.zh} → {m.en}  ({m.edition}, "
              f"{m.date})" for i, m in enumerate(self.matches)]  # fmt: skip
        self._set("#tm", "\n".join(tm))

    def _set(self, selector: str, text: str, wrap: bool = True) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text)
        widget.update(Text(text, no_wrap=not wrap, overflow="ellipsis" if not wrap else "fold"))

    def _draw_list(self) -> None:
        """The pairs in view with their marks; the current one marked ▶ (not by colour
        alone), rebuilt only when the view or a status changed."""
        s = self.session
        pairs = self.query_one("#pairs", OptionList)
        if self.listed != s.order or self._stale:
            self._marked = -1
            pairs.set_options(Option(self._item(k, p), id=p.sid) for k, p in enumerate(s.pairs()))
            self.listed, self._stale = list(s.order), False
        if self._marked != s.k:
            items = s.pairs()
            if 0 <= self._marked < len(items):
                pairs.replace_option_prompt_at_index(
                    self._marked, self._item(self._marked, items[self._marked])
                )
            pairs.replace_option_prompt_at_index(s.k, self._item(s.k, items[s.k], current=True))
            self._marked = s.k
        pairs.highlighted = s.k
        pairs.scroll_to_highlight()

    _stale, _marked = True, -1

    @staticmethod
    def _item(k: int, p: Pair, current: bool = False) -> Text:
        marks = ("▶" if current else " ") + MARKS.get(p.status, "○") + ("⚑" if p.flags else " ")
        return Text(f"{k + 1:>3}{marks} {p.zh}", no_wrap=True, overflow="ellipsis")

    # -- keys ------------------------------------------------------------------
    def on_key(self, event: events.Key) -> None:
        if self._then is not None:  # the editor is open: its keys are its own
            return
        key = event.character if event.is_printable else KEY_NAMES.get(event.key, event.key)
        action = KEYS.get(key or "")
        if action is None:
            return
        event.stop()
        try:
            getattr(self, f"do_{action}")()
        except BilingualError as exc:
            self.say(f"Error: {exc.message}")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in self.session.order:
            self.session.go(self.session.order.index(event.option.id))
            self.draw()

    def apply(self, change: review.Change, advance: bool = False) -> None:
        said = self.session.apply(change, advance)
        self._stale = True  # statuses changed: rebuild the list's marks
        self.say(" · ".join(said))
        self.draw()

    def ask(self, prompt: str, initial: str, then: Callable[[str | None], None]) -> None:
        """Open the editor with `initial`, under `prompt`; `then(text or None)` on Enter/Esc."""
        self._then = then
        label = self.query_one("#prompt", Static)
        label.update(Text(prompt))
        label.display = True
        editor = self.query_one("#editor", EnglishEditor)
        editor.load_text(initial)
        editor.move_cursor(editor.document.end)
        editor.display = True
        self.query_one("#en").display = False
        editor.focus()

    def on_english_editor_done(self, message: EnglishEditor.Done) -> None:
        then, self._then = self._then, None
        for closing in ("#editor", "#prompt", "#split"):
            self.query_one(closing).display = False
        self.query_one("#en").display = True
        self.set_focus(None)
        if then is None:
            return
        try:
            then(message.text)
        except BilingualError as exc:
            self.say(f"Error: {exc.message}")
        self.draw()

    # -- actions (review_ui.KEYS) ----------------------------------------------
    def do_quit(self) -> None:
        self.exit()

    def do_next(self) -> None:
        self.say(self.session.move(1))
        self.draw()

    def do_prev(self) -> None:
        self.say(self.session.move(-1))
        self.draw()

    def do_pinyin(self) -> None:
        self.show_pinyin = not self.show_pinyin
        self.draw()

    def do_help(self) -> None:
        self.push_screen(HelpScreen())

    def do_edit(self, initial: str | None = None, prompt: str = "") -> None:
        p = self.session.current()
        help_ = "Enter saves · Esc cancels · Ctrl-U clears"
        self.ask(f"{prompt or 'English'} — {help_}", p.en if initial is None else initial,
                 lambda text: self._save_edit(p, text))  # fmt: skip

    def do_external(self) -> None:
        p = self.session.current()
        text, why = edit_externally(p.en, p.zh, self.suspend)
        if text is None:
            self.say(why)
        else:
            self._save_edit(p, text)
        self.refresh()

    def do_use_tm(self) -> None:
        if not self.matches:
            self.say("no translation-memory match of 75% or more")
            return
        best = self.matches[0]
        self.do_edit(best.en, f"From the translation memory ({best.similarity}%, {best.edition})")

    def do_retranslate(self) -> None:
        self.say("translating …")
        s = self.session
        self.call_after_refresh(lambda: self._guarded(
            lambda: self.apply(review.retranslate(s.store, s.current().sid))))  # fmt: skip

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except BilingualError as exc:
            self.say(f"Error: {exc.message}")

    def do_goto(self) -> None:
        n = len(self.session.order)

        def go(answer: str | None) -> None:
            answer = (answer or "").strip()
            if not answer:
                return
            if not answer.isdigit() or not 1 <= int(answer) <= n:
                self.say(f"not a number from 1 to {n}")
                return
            self.session.go(int(answer) - 1)
            self.say("")

        self.ask(f"Go to (1–{n}) — Enter goes · Esc cancels", "", go)

    def do_split(self) -> None:
        p = self.session.current()
        if len(p.zh) < 2:
            self.say("too short to split")
            return
        width = max(20, self.query_one("#main").size.width - 2)
        hints = split_point_candidates(p.zh)
        lines = [f"{text}\n{marks}" for text, marks in ruled(p.zh, width)]
        lines += [f"{h:>4}  {around(p.zh, h, (width - 12) // 4)}" for h in hints[:6]]
        panel = self.query_one("#split", Static)
        panel.update(Text("\n".join(lines)))
        panel.display = True

        def at_point(answer: str | None) -> None:
            at = split_offset(p.zh, (answer or "").strip()) if answer and answer.strip() else None
            if answer is None or not answer.strip():
                self.say("cancelled")
            elif at is None or not 0 < at < len(p.zh):
                self.say(f"not an offset from 1 to {len(p.zh) - 1} or a part of the Chinese")
            else:
                cut = suggest_en_split(p.zh, p.en, at)
                self.call_after_refresh(self._ask_halves, p, at, cut)

        self.ask(f"Split at (1–{len(p.zh) - 1}, or the text that ends part 1) — Enter · Esc",
                 str(default_split(p.zh, hints)), at_point)  # fmt: skip

    def _ask_halves(self, p: Pair, at: int, cut: int) -> None:
        def second(first: str | None) -> None:
            if first is None:
                self.say("cancelled")
                return
            self.call_after_refresh(
                self.ask, f"English of part 2: {p.zh[at:]}", p.en[cut:].strip(),
                lambda text: self._split(p, at, first, text),
            )  # fmt: skip

        self.ask(f"English of part 1: {p.zh[:at]}", p.en[:cut].strip(), second)

    def _split(self, p: Pair, at: int, first: str, text: str | None) -> None:
        if text is None:
            self.say("cancelled")
            return
        self.apply(review.split(self.session.store, p.sid, at, (first, text)))
