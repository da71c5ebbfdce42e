"""`assign_ids` gives the ids the original (Counter-based) version gave, on varied input."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from bilingual.document import (
    Article,
    Block,
    Edition,
    Flag,
    Origin,
    Page,
    Sentence,
    assign_ids,
    text_hash,
)


def _original(articles, name: str) -> Edition:
    """assign_ids as it was before it was made cheaper (the reference)."""
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
                flags = origin.flags[k] if origin and k < len(origin.flags) else ()
                block.sentences.append(Sentence(id=sid, zh=zh, flags=tuple(flags)))
            article.blocks.append(block)
        edition.articles.append(article)
    edition.pages = list(page_numbers)
    return edition


SENTENCES = [
    "中国共产党第二十次全国代表大会。",
    "会议指出，",
    "一",
    "",
    "ＡＩ与“两个确立”",
    "新华社北京电",
]
KINDS = ["title", "paragraph", "byline", "quote"]
PAGES = [Page("a.pdf", 1, 595.0, 842.0, "pt"), Page("a.pdf", 2, 595.0, 842.0, "pt"),
         Page("b.png", 1, 1200, 1800, "px")]  # fmt: skip
UNCERTAIN = (Flag("ocr-uncertain", "0.41"),)


def _articles(seed: int) -> list[list]:
    """Articles of random blocks: repeated sentences and blocks (the -2, -3 ids), blocks with
    and without an origin, origins with fewer flags than sentences."""
    rng = random.Random(seed)
    articles = []
    for _ in range(rng.randint(0, 6)):
        blocks = []
        for _ in range(rng.randint(0, 8)):
            kind = rng.choice(KINDS)
            sentences = [rng.choice(SENTENCES) for _ in range(rng.randint(0, 4))]
            text = "".join(sentences) if rng.random() < 0.8 else rng.choice(SENTENCES)
            if rng.random() < 0.5:
                blocks.append((kind, text, sentences))
                continue
            flags = [rng.choice([(), UNCERTAIN]) for _ in range(rng.randint(0, len(sentences)))]
            box = (rng.uniform(0, 100), 1.0, 300.0, rng.uniform(100, 800))
            blocks.append((kind, text, sentences, Origin(rng.choice(PAGES), box, flags)))
        articles.append(blocks)
    return articles


@pytest.mark.parametrize("seed", range(40))
def test_same_ids_as_the_original(seed: int) -> None:
    articles = _articles(seed)
    assert assign_ids(articles, "ed") == _original(articles, "ed")


def test_repeats_are_numbered_in_document_order() -> None:
    articles = [
        [("paragraph", "一。一。", ["一。", "一。"])],
        [("paragraph", "一。一。", ["一。"])],
    ]
    edition = assign_ids(articles, "ed")
    ids = [s.id for s in edition.sentences()]
    first = "s" + text_hash("一。")
    assert ids == [first, f"{first}-2", f"{first}-3"]
    assert [b.id for a in edition.articles for b in a.blocks][1].endswith("-2")
