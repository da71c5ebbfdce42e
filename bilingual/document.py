"""The edition model: Edition → Article → Block → Sentence, plain dataclasses.

Ids are derived from content so that re-ingesting an edited source keeps the
translations and reviews of unchanged sentences (they are keyed by sentence id).
"""

from __future__ import annotations

import hashlib
from collections import Counter
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

STATUSES = ("untranslated", "machine", "edited", "approved")

# Flags raised by the source at ingest (an OCR'd line read with low confidence). QA and
# translation do not decide them, so they stay on a pair until a reviewer approves or
# edits it, and a new ingest of a page replaces them.
SOURCE_FLAGS = ("ocr-uncertain",)


def source_flags(flags: list[dict]) -> list[dict]:
    """The flags among `flags` that the source raised (kept through translation)."""
    return [f for f in flags if f.get("code") in SOURCE_FLAGS]


def text_hash(text: str, length: int = 10) -> str:
    """A short, stable hex digest of a text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@dataclass
class Sentence:
    id: str
    zh: str
    # flags the source raised at ingest (`ocr-uncertain`), stored on the sentence's pair
    flags: list[dict] = field(default_factory=list)


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
    flags: list[list[dict]] = field(default_factory=list)


@dataclass
class Block:
    id: str
    kind: str
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    page: int | None = None  # 1-based index into Edition.pages
    box: tuple[float, float, float, float] | None = None


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
    blocks = []
    for b in article.blocks:
        block = {
            "id": b.id,
            "kind": b.kind,
            "text": b.text,
            "sentences": [{"id": s.id, "zh": s.zh} for s in b.sentences],
        }
        if b.page is not None:
            block["page"] = b.page
            block["box"] = [round(v, 1) for v in b.box or ()]
        blocks.append(block)
    return {"id": article.id, "blocks": blocks}


ParsedBlock = tuple[str, str, list[str]] | tuple[str, str, list[str], Origin | None]


def assign_ids(articles: list[list[ParsedBlock]], name: str) -> Edition:
    """Build an Edition from (kind, text, sentences[, origin]) blocks grouped by article.

    Sentence ids are `s` + hash of the Chinese text; a repeated sentence gets `-2`, `-3`
    in document order. Block ids are `b` + hash of kind and text, numbered the same way.
    Blocks read from a PDF or an image carry their origin: the page (collected, in order,
    into `Edition.pages`), the box, and the flags of their sentences.
    """
    seen_s: Counter[str] = Counter()
    seen_b: Counter[str] = Counter()
    edition = Edition(name=name)
    page_numbers: dict[Page, int] = {}
    for number, blocks in enumerate(articles, start=1):
        article = Article(id=number)
        for kind, text, sentences, *rest in blocks:
            origin = rest[0] if rest else None
            bid = "b" + text_hash(kind + "\t" + text, 8)
            seen_b[bid] += 1
            if seen_b[bid] > 1:
                bid += f"-{seen_b[bid]}"
            block = Block(id=bid, kind=kind, text=text)
            if origin is not None:
                block.page = page_numbers.setdefault(origin.page, len(page_numbers) + 1)
                block.box = origin.box
            for k, zh in enumerate(sentences):
                sid = "s" + text_hash(zh)
                seen_s[sid] += 1
                if seen_s[sid] > 1:
                    sid += f"-{seen_s[sid]}"
                flags = origin.flags[k] if origin and k < len(origin.flags) else []
                block.sentences.append(Sentence(id=sid, zh=zh, flags=list(flags)))
            article.blocks.append(block)
        edition.articles.append(article)
    edition.pages = list(page_numbers)
    return edition
