"""How protected spans are spelled for MT: one source token each where the model allows it.

`protect` replaces each glossary term, name and number of a sentence with a marker, and
`restore` puts the approved English where the marker comes out. Two spellings:

- a single upper-case Latin letter (`Q`, `X`, …) that the model's vocabulary holds on both
  sides and that its tokenizer keeps as one piece between Chinese characters. The engine
  chooses them per model (`Placeholders.letters`, best first): one token per span, where
  `ZZ1ZZ` costs three to five, and a stray Latin letter is what NMT models copy;
- `ZZ<n>ZZ` (n = the slot number): for engines without a vocabulary (the fake engine, an
  LLM), and for the slots past the letters a model offers or a sentence leaves free.

A sentence never uses a letter that occurs in its own text (in either case), so a Latin word
copied from the source is never taken for a marker. `find` is tolerant: a run of marker
letters (`XQ`, two slots side by side), a marker glued to the word before it (`theX`), a
plural or possessive after it (`Xs`, `X's`), and a lone lower-case marker letter are found;
a letter inside a word (`Xinhua`, `McDonald`) is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

ZZ = "ZZ{}ZZ"
# Rare letters in English first. Never A or I (English words), O (reads as a zero) or Z (the
# `ZZ<n>ZZ` markers are made of it).
LETTER_ORDER = "QXJKVWYFBGPMUHCDLNRSTE"


@dataclass(frozen=True)
class Placeholders:
    """The single-letter markers a model offers, best first ("": `ZZ<n>ZZ` only)."""

    letters: str = ""

    def spell(self, text: str, count: int) -> list[str]:
        """Markers for the `count` protected spans of `text`, in order."""
        used = set(text.upper())
        free = [c for c in self.letters if c not in used]
        return [free[i] if i < len(free) else ZZ.format(i + 1) for i in range(count)]


def letters_pattern(letters: str) -> re.Pattern[str]:
    """Runs of the given marker letters as `restore` looks for them (see the module
    docstring); group 1 is the run."""
    upper = re.escape(letters)
    lower = re.escape(letters.lower())
    return re.compile(
        rf"(?<![A-Z0-9])([{upper}]+)(?=(?:e?s|['’]s?)?(?![A-Za-z0-9]))"
        rf"|(?<![A-Za-z0-9])([{lower}])(?![A-Za-z0-9])"
    )


def choose_letters(in_vocabulary: Collection[str], one_piece: Callable[[str], bool]) -> str:
    """The marker letters of a model: in LETTER_ORDER, those `in_vocabulary` (source and
    target) for which `one_piece(letter)` says its tokenizer keeps them as one piece."""
    return "".join(c for c in LETTER_ORDER if c in in_vocabulary and one_piece(c))
