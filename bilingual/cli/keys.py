"""Single keypresses from a terminal, and a one-line editor with readline conventions.

Plain output only (carriage return, backspace, spaces), so it works on a dumb terminal and
in a pseudo-terminal driven by tests. Keys are returned as the typed character, or a name
for the others: `ENTER`, `ESC`, `BACKSPACE`, `DELETE`, `LEFT`, `RIGHT`, `UP`, `DOWN`,
`HOME`, `END`, `TAB`, and `C-a` … `C-z` for control characters.
"""

from __future__ import annotations

import codecs
import os
import select
import sys
import termios
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.cells import cell_len

_ESCAPES = {
    "[A": "UP", "[B": "DOWN", "[C": "RIGHT", "[D": "LEFT", "[H": "HOME", "[F": "END",
    "OA": "UP", "OB": "DOWN", "OC": "RIGHT", "OD": "LEFT", "OH": "HOME", "OF": "END",
    "[1~": "HOME", "[7~": "HOME", "[4~": "END", "[8~": "END", "[3~": "DELETE",
}  # fmt: skip
_CONTROLS = {"\r": "ENTER", "\n": "ENTER", "\t": "TAB", "\x7f": "BACKSPACE", "\x08": "BACKSPACE"}
ESC_WAIT = 0.05  # seconds to wait for the rest of an escape sequence before it is a lone Esc


class Terminal:
    """The terminal in key-at-a-time mode for a whole session: no echo, no line buffering.

    Signals stay on (Ctrl-C interrupts) and output processing stays on (`\\n` is a newline),
    except while a line is edited (`keys_only`).
    """

    def __init__(self, fd: int | None = None, out: TextIO | None = None) -> None:
        self.fd = sys.stdin.fileno() if fd is None else fd
        self.out = out or sys.stdout
        self._saved: list | None = None
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def __enter__(self) -> Terminal:
        self._saved = termios.tcgetattr(self.fd)
        self._raw()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def _raw(self) -> None:
        assert self._saved is not None
        mode = termios.tcgetattr(self.fd)
        mode[0] &= ~(termios.IXON | termios.ICRNL)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.IEXTEN)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)

    @contextmanager
    def keys_only(self) -> Iterator[None]:
        """Ctrl-C (and Ctrl-Z, Ctrl-\\) arrive as keys, not signals, inside the block.

        The line editor cancels on Ctrl-C. As a signal, a Ctrl-C typed while the line was being
        redrawn (anywhere outside the read) would escape the editor and end the session.
        """
        if self._saved is None:
            yield
            return
        before = termios.tcgetattr(self.fd)
        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~termios.ISIG
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)
        try:
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSANOW, before)

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Give the terminal back in its original mode (to run $EDITOR)."""
        if self._saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        try:
            yield
        finally:
            if self._saved is not None:
                self._raw()

    def write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def _read_char(self) -> str:
        while True:
            byte = os.read(self.fd, 1)
            if not byte:
                raise EOFError
            char = self._decoder.decode(byte)
            if char:
                return char

    def _ready(self) -> bool:
        return bool(select.select([self.fd], [], [], ESC_WAIT)[0])

    def read_key(self) -> str:
        """Block until one key is pressed; return it (see the module doc for names)."""
        char = self._read_char()
        if char != "\x1b":
            return decode_char(char)
        if not self._ready():
            return "ESC"
        seq = self._read_char()
        if seq in "[O":
            while True:
                nxt = self._read_char()
                seq += nxt
                if "\x40" <= nxt <= "\x7e" or not self._ready():
                    break
        return _ESCAPES.get(seq, "ESC")


def decode_char(char: str) -> str:
    """A typed character as a key name (`ENTER`, `C-u` …) or itself if printable."""
    if char in _CONTROLS:
        return _CONTROLS[char]
    if len(char) == 1 and ord(char) < 32:
        return "C-" + chr(ord(char) + 96)
    return char


class LineEditor:
    """The state of a one-line edit: text, cursor and kill buffer; keys in, result out.

    `feed(key)` returns "done" (Enter), "cancel" (Esc, Ctrl-G, Ctrl-C) or None to go on.
    Readline keys: Ctrl-A/E or Home/End, Ctrl-B/F or Left/Right, Backspace/Ctrl-H,
    Delete/Ctrl-D, Ctrl-U kill to start, Ctrl-K kill to end, Ctrl-W kill word back,
    Ctrl-Y yank.
    """

    def __init__(self, text: str = "") -> None:
        self.chars = list(text)
        self.pos = len(self.chars)
        self.killed = ""

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def feed(self, key: str) -> str | None:
        c, p = self.chars, self.pos
        if key == "ENTER":
            return "done"
        if key in ("ESC", "C-g", "C-c"):
            return "cancel"
        if key in ("C-a", "HOME"):
            self.pos = 0
        elif key in ("C-e", "END"):
            self.pos = len(c)
        elif key in ("C-b", "LEFT"):
            self.pos = max(0, p - 1)
        elif key in ("C-f", "RIGHT"):
            self.pos = min(len(c), p + 1)
        elif key == "BACKSPACE" and p > 0:
            del c[p - 1]
            self.pos = p - 1
        elif key in ("DELETE", "C-d") and p < len(c):
            del c[p]
        elif key == "C-u":
            self.killed, self.chars, self.pos = "".join(c[:p]), c[p:], 0
        elif key == "C-k":
            self.killed, self.chars = "".join(c[p:]), c[:p]
        elif key == "C-w":
            start = p
            while start > 0 and c[start - 1] == " ":
                start -= 1
            while start > 0 and c[start - 1] != " ":
                start -= 1
            self.killed, self.chars, self.pos = "".join(c[start:p]), c[:start] + c[p:], start
        elif key == "C-y":
            self.chars[p:p] = list(self.killed)
            self.pos = p + len(self.killed)
        elif len(key) == 1 and key.isprintable():
            c.insert(p, key)
            self.pos = p + 1
        return None


def read_line(term: Terminal, prompt: str, initial: str = "", width: int = 80) -> str | None:
    """Edit one line in place, prefilled with `initial`; the text on Enter, None on Esc or
    Ctrl-C (read as a key: see `Terminal.keys_only`)."""
    with term.keys_only():
        return _edit(term, LineEditor(initial), prompt, width)


def _edit(term: Terminal, editor: LineEditor, prompt: str, width: int) -> str | None:
    """Redraw the line (scrolled to keep the cursor in view) after every key, until done."""
    drawn = 0
    offset = 0
    room = max(10, width - cell_len(prompt) - 2)
    while True:
        text, pos = editor.chars, editor.pos
        offset = min(offset, pos)
        while cell_len("".join(text[offset:pos])) > room - 1:
            offset += 1
        view = ""
        for ch in text[offset:]:
            if cell_len(view + ch) > room:
                break
            view += ch
        pad = max(0, drawn - cell_len(view))
        back = cell_len(view) + pad - cell_len("".join(text[offset:pos]))
        term.write("\r" + prompt + view + " " * pad + "\b" * back)
        drawn = cell_len(view)
        result = editor.feed(term.read_key())
        if result is not None:
            term.write("\r" + prompt + view + " " * pad + "\n")
            return editor.text if result == "done" else None
