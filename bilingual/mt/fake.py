"""A deterministic fake engine for logic tests: no model, instant, output derived from input.

`BILINGUAL_FAKE_DELAY` (seconds per sentence) slows it down so tests can stop or kill a run
mid-way.
"""

from __future__ import annotations

import os
import time

from ..document import Signature, text_hash
from . import EngineBase, EngineOptions


class FakeEngine(EngineBase):
    """Renders each sentence as `EN[<hash>] <the text with placeholders kept>`."""

    name = "fake"
    label = "fake translation"
    flag = None

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        self.calls: list[list[str]] = []

    def signature(self) -> Signature:
        o = self.options
        return Signature(
            "fake",
            "v1",
            options=(("beam", str(o.beam_size)), ("maxlen", str(o.max_decoding_length))),
        )

    def translate(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        delay = float(os.environ.get("BILINGUAL_FAKE_DELAY", "0") or 0)
        if delay:
            time.sleep(delay * len(texts))
        return [f"EN[{text_hash(t, 6)}] {_keep_ascii(t)}".rstrip() for t in texts]


def _keep_ascii(text: str) -> str:
    """Keep the Latin/digit/placeholder parts of the source so term restoring can be tested."""
    return " ".join("".join(c if c.isascii() else " " for c in text).split())
