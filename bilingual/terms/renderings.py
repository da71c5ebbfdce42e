"""Find a glossary rendering in English as `check` counts it: tolerant of plurals,
possessives, hyphen/space and quote styles, and a leading article (`english_pattern`).

Each distinct rendering's pattern costs about half a millisecond to compile, and a sentence's
check looks for every rendering its Chinese holds, so `rendering_spans` first asks whether the
words the pattern cannot do without are in the English at all (`_required`): in English
without the few characters that match an ASCII letter under IGNORECASE (`_FOLDS`), a
pattern matches only where each of its words, lower-cased, stands as written (less a final y
that may turn into "ies"), most of them at the start of an English word, so a rendering
whose words are not all there is absent, and its pattern is neither compiled nor run.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")
# The only characters an ASCII letter or digit matches under IGNORECASE besides its own two
# cases (İ ı: i, ſ: s, K: k), found by trying every code point; none lowers to ASCII either.
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def _tokens(rendering: str) -> tuple[str, list[str]]:
    """(the pattern's optional leading article, the rendering's tokens after it): words of
    ASCII letters and digits, and single other characters."""
    tokens = re.findall(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]", rendering)
    if tokens and tokens[0].lower() in ("the", "a", "an") and len(tokens) > 1:
        return r"(?:(?:the|a|an)\s+)?", tokens[1:]
    return "", tokens


def _y_plural(token: str) -> bool:
    """Whether a word's final y may be written "ies" (policy → policies, not day → daies)."""
    return len(token) > 2 and token[-1] in "yY" and token[-2].lower() not in "aeiou"


@lru_cache(maxsize=20000)
def _required(form: str) -> tuple[tuple[str, bool], ...]:
    """What `english_pattern(form)` cannot match without (in English without `_FOLDS`):
    (word, whether it starts a word there) for each of its ASCII words, lower-cased (a
    y-plural word without its y). A word that comes first or after a space or dash in the
    pattern starts an English word (what stands before it is no letter or digit); one after
    other punctuation may not. Other characters are left out: they are optional, or may
    match ASCII letters under IGNORECASE (ſ, K)."""
    _, tokens = _tokens(form)
    required = []
    for i, token in enumerate(tokens):
        if token.isascii() and token[0].isalnum():
            starts = i == 0 or tokens[i - 1][0].isalnum() or tokens[i - 1] in "-‐–—"
            required.append(((token[:-1] if _y_plural(token) else token).lower(), starts))
    return tuple(required)


def _absent(form: str, lowered: str, words: str) -> bool:
    """Whether `form` surely cannot match the English (without `_FOLDS`) whose lower case is
    `lowered` (`words`: its runs of letters and digits, each after a space)."""
    return any(
        (" " + word not in words) if starts else (word not in lowered)
        for word, starts in _required(form)
    )


@lru_cache(maxsize=20000)
def english_pattern(rendering: str) -> re.Pattern[str]:
    """A case-insensitive regex for a rendering that tolerates plurals, possessives,
    hyphen/space and quote-style differences, and an optional leading article."""
    lead, tokens = _tokens(rendering)
    sep = r"(?:\s|-|‐|–|—)+"  # alternations, not [classes]: 2/3 of the compile time
    parts: list[str] = []
    previous = ""
    for token in tokens:
        if token[0].isalnum():
            if previous == "word":
                parts.append(sep)
            if _y_plural(token):
                word = re.escape(token[:-1]) + "(?:y|ies)"
            elif token.isalpha():
                word = re.escape(token) + "(?:s|es)?"
            else:
                word = re.escape(token)
            parts.append(word + r"(?:'s?|’s?)?")
            previous = "word"
        elif token in "-‐–—":
            parts.append(sep)
            previous = "dash"
        else:
            parts.append(r"\s*(?:" + re.escape(token) + r"|\"|'|“|”|‘|’)?\s*")
            previous = "punct"
    body = "".join(parts)
    return re.compile(rf"(?<![A-Za-z0-9]){lead}{body}(?![A-Za-z0-9])", re.IGNORECASE)


def _forms(rendering: str) -> list[str]:
    """A rendering and what stands for it: without a trailing parenthesis, and an acronym in
    it on its own ("Communist Party of China (CPC)": also "Communist Party of China", "CPC")."""
    forms = [rendering]
    if m := re.fullmatch(r"(.+?)\s*[(（]([^()（）]+)[)）]", rendering.strip()):
        forms.append(m.group(1))
        if re.fullmatch(r"[A-Z][A-Z0-9-]+", m.group(2)):
            forms.append(m.group(2))
    return forms


def has_rendering(en: str, rendering: str) -> bool:
    """Whether `en` contains `rendering` (case-insensitive, plural/possessive tolerant).

    A trailing parenthesis is optional, and an acronym in it counts on its own:
    "Communist Party of China (CPC)" is found as itself, as "Communist Party of China" or
    as "CPC".
    """
    return any(
        _verbatim(en, form) or english_pattern(form).search(en) for form in _forms(rendering)
    )


def rendering_spans(en: str, rendering: str) -> list[tuple[int, int]]:
    """Where `rendering` (any of its forms, longest first) stands in `en`, non-overlapping."""
    found: list[tuple[int, int]] = []
    plain, lowered, words = _english(en)
    for form in _longest_first(rendering):
        if plain and _absent(form, lowered, words):
            continue  # spare compiling and running its pattern
        for m in english_pattern(form).finditer(en):
            if all(m.end() <= a or m.start() >= b for a, b in found):
                found.append(m.span())
    return sorted(found)


@lru_cache(maxsize=256)
def _english(en: str) -> tuple[bool, str, str]:
    """(whether `en` has no `_FOLDS` character, its lower case and its runs of letters and
    digits each after a space, both "" if not): what `_absent` asks, once per English, not
    once per rendering a sentence's check looks for."""
    if _FOLDS.search(en) is not None:
        return False, "", ""
    lowered = en.lower()
    return True, lowered, " " + " ".join(_WORD.findall(lowered))


@lru_cache(maxsize=20000)
def _longest_first(rendering: str) -> tuple[str, ...]:
    """`_forms(rendering)`, longest first."""
    return tuple(sorted(_forms(rendering), key=len, reverse=True))


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _verbatim(en: str, form: str) -> bool:
    """Whether an ASCII `form` stands in `en` as written (any case, not inside a word): the
    usual case after `restore`, answered without compiling the tolerant pattern (a match
    here is always one of `english_pattern`'s)."""
    if not form.isascii() or not form:
        return False
    lowered, target = en.lower(), form.lower()
    if len(lowered) != len(en):  # a character whose lower case is longer: leave it to regex
        return False
    start = lowered.find(target)
    while start >= 0:
        end = start + len(target)
        before = en[start - 1] if start else " "
        after = en[end] if end < len(en) else " "
        if not _ascii_alnum(before) and not _ascii_alnum(after):
            return True
        start = lowered.find(target, start + 1)
    return False
