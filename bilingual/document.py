"""The records every stage shares: the edition tree, sentence pairs, flags and signatures.

The edition is Edition → Article → Block → Sentence (built by ingest, plain dataclasses). Ids
are derived from content so that re-ingesting an edited source keeps the translations and
reviews of unchanged sentences (they are keyed by sentence id). `Pair`, `Flag` and
`Signature` are frozen: a stage that changes one makes a new one (`dataclasses.replace`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KINDS = (
    "title",
    "subtitle",
    "byline",
    "dateline",
    "heading",
    "paragraph",
    "lead",
    "quote",
    "attribution",
)

# A pair's review status. A person's word (edited, approved) is final: no machine stage
# changes a reviewed pair.
UNTRANSLATED, MACHINE, EDITED, APPROVED = "untranslated", "machine", "edited", "approved"
STATUSES = (UNTRANSLATED, MACHINE, EDITED, APPROVED)
REVIEWED = frozenset({EDITED, APPROVED})


def text_hash(text: str, length: int = 10) -> str:
    """A short, stable hex digest of a text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@dataclass
class Sentence:
    id: str
    zh: str


@dataclass
class Block:
    id: str
    kind: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Article:
    id: int
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The article's title, or the start of its first block when it has none."""
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        if not self.blocks:
            return ""
        text = self.blocks[0].text
        return text if len(text) <= 20 else text[:20] + "…"


@dataclass
class Edition:
    name: str
    articles: list[Article] = field(default_factory=list)

    def sentences(self) -> list[Sentence]:
        return [s for a in self.articles for b in a.blocks for s in b.sentences]

    def to_json(self) -> dict:
        """The `show --json` shape."""
        return {
            "name": self.name,
            "articles": [
                {
                    "id": a.id,
                    "blocks": [
                        {
                            "id": b.id,
                            "kind": b.kind,
                            "text": b.text,
                            "sentences": [{"id": s.id, "zh": s.zh} for s in b.sentences],
                        }
                        for b in a.blocks
                    ],
                }
                for a in self.articles
            ],
        }


def assign_ids(articles: list[list[tuple[str, str, list[str]]]], name: str) -> Edition:
    """Build an Edition from (kind, text, sentences) blocks grouped by article.

    Sentence ids are `s` + hash of the Chinese text; a repeated sentence gets `-2`, `-3`
    in document order. Block ids are `b` + hash of kind and text, numbered the same way.
    """
    seen_s: Counter[str] = Counter()
    seen_b: Counter[str] = Counter()
    edition = Edition(name=name)
    for number, blocks in enumerate(articles, start=1):
        article = Article(id=number)
        for kind, text, sentences in blocks:
            bid = "b" + text_hash(kind + "\t" + text, 8)
            seen_b[bid] += 1
            if seen_b[bid] > 1:
                bid += f"-{seen_b[bid]}"
            block = Block(id=bid, kind=kind, text=text)
            for zh in sentences:
                sid = "s" + text_hash(zh)
                seen_s[sid] += 1
                if seen_s[sid] > 1:
                    sid += f"-{seen_s[sid]}"
                block.sentences.append(Sentence(id=sid, zh=zh))
            article.blocks.append(block)
        edition.articles.append(article)
    return edition


# -- sentence pairs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something a reader or reviewer should look at: a code (`term-miss`) and a detail."""

    code: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.detail}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Flag:
        return cls(str(data.get("code", "")), str(data.get("detail", "")))

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code


def flags_json(flags: Iterable[Flag]) -> list[dict[str, str]]:
    """Flags as the stored / exported JSON list."""
    return [f.to_json() for f in flags]


def flags_from_json(data: Iterable[Mapping[str, object]]) -> tuple[Flag, ...]:
    return tuple(Flag.from_json(d) for d in data)


@dataclass(frozen=True)
class Pair:
    """One sentence pair in document order, with where it sits and its review state."""

    sid: str
    article: int
    block: str
    kind: str
    zh: str
    en: str = ""
    mt: str = ""
    status: str = UNTRANSLATED
    signature: str = ""
    flags: tuple[Flag, ...] = ()
    score: float | None = None

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED

    def to_json(self) -> dict:
        """The `export --format jsonl` / `review list --json` shape."""
        return {
            "article": self.article,
            "block": self.block,
            "kind": self.kind,
            "id": self.sid,
            "zh": self.zh,
            "en": self.en,
            "status": self.status,
            "flags": flags_json(self.flags),
            "signature": self.signature,
            "origin": origin(self),
        }


# -- who made the English --------------------------------------------------------------------

# A pair's origin names who made its English; the review status says whether a person has
# checked it. `machine` status means "not reviewed yet", whoever made the English.
HUMAN, ALIGNED, TM = "human", "aligned", "tm"
ORIGIN_LABELS = {
    HUMAN: "human (a reviewer's English)",
    ALIGNED: "human translation (aligned)",
    TM: "translation memory",
    "gloss": "word gloss (not a translation)",
    "argos": "machine translation (Argos)",
    "fake": "fake engine (for tests)",
}


def origin(pair: Pair) -> str:
    """Who made a pair's English: "" (none yet), `human` (a reviewer edited it), `aligned`
    (an existing human translation paired by `align`), `tm` (a translation-memory match), or
    the engine that made it (`argos`, `gloss` …), read from the pair's signature.

    The one place this is decided: exports, the rendered page and the reviewer all ask here.
    """
    if not pair.en.strip():
        return ""
    if pair.status == EDITED:
        return HUMAN
    engine = Signature.parse(pair.signature).engine
    if engine == "align":
        return ALIGNED
    return engine or HUMAN  # English without a signature was typed or imported by a person


def origin_label(value: str) -> str:
    """An origin for people: `aligned` → "human translation (aligned)"."""
    if not value:
        return "no English yet"
    return ORIGIN_LABELS.get(value, f"machine translation ({value})")


# -- signatures -----------------------------------------------------------------------------

_OPTION = re.compile(r"^[A-Za-z_][\w-]*=\S*$")
GLOSSARY_SEP = " | glossary="


@dataclass(frozen=True)
class Signature:
    """Everything that decides a translation: engine, model and version, decoding options,
    the glossary's hash and (for prompted engines) the prompt version.

    `str()` is the stored form, `parse()` reads it back (`parse(str(s)) == s`):
    `argos translate-zh_en v1.9 beam=4 maxlen=256 | glossary=ab12`,
    `gloss cc-cedict 1.2 rules=6 (word gloss, not MT) | glossary=…`. The version is kept as
    the engine writes it (`v1.9`, `1.2`). `parse` also reads the older `engine:model` form
    that `align` used to write. The part without the glossary is an engine's identity (the
    cache key holds it, and the sentence's own terms instead of the whole glossary's hash).
    """

    engine: str
    model: str = ""
    version: str = ""
    options: tuple[tuple[str, str], ...] = ()
    glossary: str = ""
    prompt: str = ""
    note: str = ""  # a remark for people, e.g. "word gloss, not MT"

    def __str__(self) -> str:
        parts = [self.engine, self.model, self.version]
        parts += [f"{k}={v}" for k, v in self.options]
        if self.prompt:
            parts.append(f"prompt={self.prompt}")
        if self.note:
            parts.append(f"({self.note})")
        head = " ".join(p for p in parts if p)
        return head + (GLOSSARY_SEP + self.glossary if self.glossary else "")

    @property
    def identity(self) -> Signature:
        """The engine's part: this signature without the glossary hash."""
        return Signature(
            self.engine, self.model, self.version, self.options, "", self.prompt, self.note
        )

    def with_glossary(self, glossary_hash: str) -> Signature:
        return Signature(
            self.engine,
            self.model,
            self.version,
            self.options,
            glossary_hash,
            self.prompt,
            self.note,
        )

    @property
    def model_label(self) -> str:
        """`translate-zh_en v1.9`: the model and its version, for people."""
        return " ".join(p for p in (self.model, self.version) if p)

    @classmethod
    def parse(cls, text: str) -> Signature:
        """A stored signature string back as a Signature (the empty string gives engine "")."""
        head, _, glossary = text.partition(GLOSSARY_SEP)
        note = ""
        if m := re.search(r"\s*\(([^)]*)\)\s*$", head):
            note, head = m.group(1), head[: m.start()]
        if " " not in head.strip() and ":" in head:  # the old `align:bridge` form
            head = head.replace(":", " ")
        tokens = head.split()
        if not tokens:
            return cls("")
        words = [t for t in tokens[1:] if not _OPTION.match(t)]
        options = [tuple(t.split("=", 1)) for t in tokens[1:] if _OPTION.match(t)]
        prompt = next((v for k, v in options if k == "prompt"), "")
        options = [(k, v) for k, v in options if k != "prompt"]
        return cls(
            engine=tokens[0],
            model=words[0] if words else "",
            version=" ".join(words[1:]),
            options=tuple(options),  # type: ignore[arg-type]
            glossary=glossary.strip(),
            prompt=prompt,
            note=note,
        )
