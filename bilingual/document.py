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
