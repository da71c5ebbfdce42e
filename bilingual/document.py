"""The records every stage shares: the edition tree, sentence pairs, flags and signatures.

The edition is Edition → Article → Block → Sentence (built by ingest, plain dataclasses). Ids
are derived from content so that re-ingesting an edited source keeps the translations and
reviews of unchanged sentences (they are keyed by sentence id). `Pair`, `Flag` and
`Signature` are frozen: a stage that changes one makes a new one (`dataclasses.replace`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice

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

# Flags raised by the source at ingest (an OCR'd line read with low confidence). QA and
# translation do not decide them, so they stay on a pair until a reviewer approves or
# edits it, and a new ingest of a page replaces them.
SOURCE_FLAGS = ("ocr-uncertain",)


def source_flags(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """The flags among `flags` that the source raised (kept through translation)."""
    return tuple(f for f in flags if f.from_source)


def text_hash(text: str, length: int = 10) -> str:
    """A short, stable hex digest of a text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@dataclass
class Sentence:
    id: str
    zh: str
    # flags the source raised at ingest (`ocr-uncertain`), stored on the sentence's pair
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class Page:
    """A source page: a PDF page (unit `pt`, origin top left) or an image (unit `px`)."""

    file: str
    number: int  # 1-based page number inside the file
    width: float
    height: float
    unit: str

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "page": self.number,
            "width": round(self.width, 1),
            "height": round(self.height, 1),
            "unit": self.unit,
        }


@dataclass
class Origin:
    """Where a parsed block was printed, and the flags of its sentences (in order)."""

    page: Page
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in the page's unit
    flags: list[tuple[Flag, ...]] = field(default_factory=list)


@dataclass
class Block:
    id: str
    kind: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    page: int | None = None  # 1-based index into Edition.pages
    box: tuple[float, float, float, float] | None = None

    def to_json(self) -> dict:
        """A block in `show --json`; its `page` and `box` only when known."""
        out: dict = {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "sentences": [{"id": s.id, "zh": s.zh} for s in self.sentences],
        }
        if self.page is not None:
            out["page"] = self.page
            out["box"] = [round(v, 1) for v in self.box or ()]
        return out


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
    pages: list[Page] = field(default_factory=list)  # PDF and image pages it was read from

    def sentences(self) -> list[Sentence]:
        return [s for a in self.articles for b in a.blocks for s in b.sentences]

    def to_json(self) -> dict:
        """The `show --json` shape; `pages`, and a block's `page` and `box`, only when known."""
        out: dict = {"name": self.name, "articles": [_article_json(a) for a in self.articles]}
        if self.pages:
            out["pages"] = [p.to_json() for p in self.pages]
        return out


def _article_json(article: Article) -> dict:
    return {"id": article.id, "blocks": [b.to_json() for b in article.blocks]}


ParsedBlock = tuple[str, str, list[str]] | tuple[str, str, list[str], Origin | None]


def assign_ids(articles: list[list[ParsedBlock]], name: str) -> Edition:
    """Build an Edition from (kind, text, sentences[, origin]) blocks grouped by article.

    Sentence ids are `s` + hash of the Chinese text; a repeated sentence gets `-2`, `-3`
    in document order. Block ids are `b` + hash of kind and text, numbered the same way.
    Blocks read from a PDF or an image carry their origin: the page (collected, in order,
    into `Edition.pages`), the box, and the flags of their sentences.
    """
    # ingest's every sentence: all ids made at once (a SHA-1 each, in comprehensions)
    sha1 = hashlib.sha1
    flat = [block for blocks in articles for block in blocks]
    zhs = [zh for block in flat for zh in block[2]]
    bids = ["b" + sha1(f"{b[0]}\t{b[1]}".encode()).hexdigest()[:8] for b in flat]
    sids = ["s" + sha1(zh.encode()).hexdigest()[:10] for zh in zhs]
    seen: dict[str, int] = {}
    for ids in (bids, sids):  # repeats numbered -2, -3 … in order (one test when none)
        if len(set(ids)) < len(ids):
            for k, i in enumerate(ids):
                n = seen[i] = seen.get(i, 0) + 1
                ids[k] = f"{i}-{n}" if n > 1 else i
    block_ids, sentences = iter(bids), map(Sentence, sids, zhs)
    edition = Edition(name=name)
    page_numbers: dict[Page, int] = {}
    for number, blocks in enumerate(articles, start=1):
        article = Article(id=number)
        for kind, text, texts, *rest in blocks:
            block = Block(next(block_ids), kind, text, list(islice(sentences, len(texts))))
            if rest and rest[0] is not None:  # its origin
                block.page = page_numbers.setdefault(rest[0].page, len(page_numbers) + 1)
                block.box = rest[0].box
                for sentence, flags in zip(block.sentences, rest[0].flags, strict=False):
                    sentence.flags = tuple(flags)
            article.blocks.append(block)
        edition.articles.append(article)
    edition.pages = list(page_numbers)
    return edition


# -- sentence pairs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something a reader or reviewer should look at: a code (`term-miss`) and a detail."""

    code: str
    detail: str = ""

    @property
    def from_source(self) -> bool:
        """Raised by the source at ingest (`SOURCE_FLAGS`), not by translation or QA."""
        return self.code in SOURCE_FLAGS

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
    source: dict | None = None  # file, page and box of its block, when read from a page

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED

    def to_json(self) -> dict:
        """The `export --format jsonl` / `review list --json` shape (`source` only when known)."""
        out = {
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
        if self.source:
            out["source"] = self.source
        return out


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
    "ct2": "machine translation (CTranslate2)",
    "llm": "LLM translation",
}
# Engines whose origin names the model they ran (`ct2:opus-mt-zh-en`, `llm:qwen2.5:7b`).
MODEL_LABELS = {"ct2": "machine translation (CTranslate2, {})", "llm": "LLM translation ({})"}


def origin(pair: Pair) -> str:
    """Who made a pair's English: "" (none yet), `human` (a reviewer edited it), `aligned`
    (an existing human translation paired by `align`), `tm` (a translation-memory match), or
    the engine that made it (`argos`, `gloss` …, and with the model for `ct2:NAME` and
    `llm:NAME`), read from the pair's signature. An approved pair keeps its engine's origin:
    approving accepts the English as it is.

    The one place this is decided: exports, the rendered page and the reviewer all ask here.
    """
    if not pair.en.strip():
        return ""
    if pair.status == EDITED:
        return HUMAN
    signature = Signature.parse(pair.signature)
    if (engine := signature.engine) == "align":
        return ALIGNED
    if engine in MODEL_LABELS and signature.model:
        return f"{engine}:{signature.model}"
    return engine or HUMAN  # English without a signature was typed or imported by a person


def origin_label(value: str) -> str:
    """An origin for people: `aligned` → "human translation (aligned)", `ct2:opus-mt` →
    "machine translation (CTranslate2, opus-mt)"."""
    if not value:
        return "no English yet"
    engine, _, model = value.partition(":")
    if model and engine in MODEL_LABELS:
        return MODEL_LABELS[engine].format(model)
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
