"""A real terminal for full-screen tests: a pexpect child whose output drives a pyte screen,
and waits on what the screen shows (never fixed sleeps: Textual draws asynchronously, and a
loaded machine draws late)."""

from __future__ import annotations

import os
import sys
import time

import pexpect
import pyte

WAIT = 60.0  # seconds: generous, for a machine under load; a pass returns as soon as it can


class Screen:
    """`bilingual ARGS…` in a pseudo-terminal of `rows`×`cols`, read into a pyte screen."""

    def __init__(self, *args: str, rows: int = 24, cols: int = 80, env: dict | None = None):
        environ = dict(os.environ, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        environ.pop("NO_COLOR", None)
        environ.update(env or {})
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            sys.executable, ["-m", "bilingual", *args], env=environ, dimensions=(rows, cols)
        )
        self.ended = False

    def text(self) -> str:
        """What the screen shows, a line per row. A wide character's second cell holds ""
        (pyte's own `display` fails on one left half-overwritten, which redraws make)."""
        buffer, columns = self.screen.buffer, self.screen.columns
        return "\n".join(
            "".join(buffer[y][x].data for x in range(columns)).rstrip()
            for y in range(self.screen.lines)
        )

    def _pump(self, timeout: float) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            self.ended = True
            return
        self.stream.feed(data)

    def wait(self, *texts: str, gone: tuple[str, ...] = (), timeout: float = WAIT) -> str:
        """Wait until every one of `texts` is on the screen and none of `gone` is; the screen."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.text()
            if all(t in shown for t in texts) and not any(t in shown for t in gone):
                return shown
            if self.ended or time.monotonic() > deadline:
                raise AssertionError(
                    f"waited for {texts} (and not {gone}); the screen shows:\n{shown}"
                )
            self._pump(0.2)

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def press(self, keys: str, *then: str, gone: tuple[str, ...] = ()) -> str:
        """Send `keys` and wait for the screen to show `then`."""
        self.send(keys)
        return self.wait(*then, gone=gone)

    def finish(self) -> str:
        """Quit with `q`; what the program printed after leaving the full screen."""
        self.send("q")
        out = b""
        while True:
            try:
                out += self.child.read_nonblocking(65536, timeout=WAIT)
            except pexpect.EOF:
                break
        self.child.close()
        assert self.child.exitstatus == 0, out
        return out.decode("utf-8", "replace")

    def kill(self) -> None:
        self.child.close(force=True)
