"""Ingest: page files → an Edition in the edition store (plus an editable articles.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..document import Edition, assign_ids
from ..errors import EditionError
from .readers import read_source
from .sentences import split_sentences

SENTENCE_KINDS = {"paragraph", "lead", "quote"}


@dataclass
class IngestResult:
    edition: Edition
    articles: int
    blocks: int
    sentences: int
    kept: int  # sentences whose translation or review survived from an earlier ingest


def parse_text(text: str, fmt: str = "txt") -> list[list[tuple[str, str]]]:
    """Turn a page's text into articles of (kind, text) blocks."""
    if fmt == "md":
        from .markdown import parse_markdown

        return parse_markdown(text)
    from .reflow import reflow
    from .structure import classify, clean, group_articles

    blocks = [clean(b) for b in classify(reflow(text))]
    blocks = [b for b in blocks if b.text]
    return [[(b.kind, b.text) for b in article] for article in group_articles(blocks)]


def block_sentences(kind: str, text: str) -> list[str]:
    """Body blocks are split into sentences; headlines, bylines etc. are one unit each."""
    return split_sentences(text) if kind in SENTENCE_KINDS else [text]


Parsed = list[list[tuple[str, str, list[str]]]]

# Many pages are parsed in worker processes, one file each, when there is enough text to
# pay for starting them (pages are independent until ids are assigned in page order).
PARALLEL_BYTES = 2_000_000


def parse_file(path: Path, encoding: str | None = None) -> Parsed:
    """One source file → articles of (kind, text, sentences); PDF and image pages add each
    block's origin (`pages.py`)."""
    from .pages import page_format, parse_pages

    page = page_format(Path(path))
    if page:
        return parse_pages(Path(path), page)
    text, fmt = read_source(path, encoding)
    return [
        [(k, t, block_sentences(k, t)) for k, t in article] for article in parse_text(text, fmt)
    ]


def build_edition(sources: list[Path], name: str, encoding: str | None = None) -> Edition:
    workers = min(os.cpu_count() or 1, len(sources), 8)
    size = sum(p.stat().st_size for p in sources if p.is_file())
    if workers > 1 and size >= PARALLEL_BYTES:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            parsed = list(pool.map(parse_file, sources, [encoding] * len(sources), chunksize=4))
    else:
        parsed = [parse_file(path, encoding) for path in sources]
    return assign_ids([article for page in parsed for article in page], name)


def ingest(sources: list[Path], edition_dir: Path, encoding: str | None = None) -> IngestResult:
    """Read sources into the edition at `edition_dir`, keeping earlier translations."""
    from ..store import EditionStore
    from .markdown import write_markdown

    sources = [Path(s) for s in sources]
    edition_dir = Path(edition_dir)
    reingest = len(sources) == 1 and sources[0].resolve() == (edition_dir / "articles.md").resolve()
    if edition_dir.exists() and not edition_dir.is_dir():
        raise EditionError(
            f"{edition_dir} is a file, not an edition directory", "Choose another -e."
        )
    name = edition_dir.name
    edition = build_edition(sources, name, encoding)
    if not edition.articles:
        raise EditionError(f"No text found in {', '.join(map(str, sources))}", "Check the file.")
    with EditionStore(edition_dir, create=True) as store:
        old = store.touched_ids()
        store.save_edition(
            edition, source=", ".join(str(s) for s in sources) if not reingest else ""
        )
        kept = sum(1 for s in edition.sentences() if s.id in old)
    write_markdown(edition, edition_dir / "articles.md")
    return IngestResult(
        edition=edition,
        articles=len(edition.articles),
        blocks=sum(len(a.blocks) for a in edition.articles),
        sentences=len(edition.sentences()),
        kept=kept,
    )
