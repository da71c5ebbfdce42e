"""Ingest: page files → an Edition in the edition store (plus an editable articles.md)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..bulk import no_gc
from ..document import Edition, assign_ids
from ..errors import EditionError, InputError, os_advice
from ..paths import same_file
from .markdown import MarkupWarning
from .pages import page_format, parse_pages
from .readers import read_source
from .sentences import MAX_SENTENCE, split_sentences

SENTENCE_KINDS = {"paragraph", "lead", "quote"}
MAX_PARAGRAPH = 1500  # characters; newspaper paragraphs are a few hundred at most


@dataclass
class IngestResult:
    edition: Edition
    articles: int
    blocks: int
    sentences: int
    kept: int  # sentences whose translation or review survived from an earlier ingest
    warnings: list[MarkupWarning] = field(default_factory=list)
    directory: Path | None = None

    def to_json(self) -> dict:
        """The `ingest --json` shape."""
        return {
            "edition": str(self.directory),
            "articles": self.articles,
            "blocks": self.blocks,
            "sentences": self.sentences,
            "kept": self.kept,
            "markdown": str(self.directory / "articles.md") if self.directory else "",
            "warnings": [w.to_json() for w in self.warnings],
        }


def parse_text(
    text: str, fmt: str = "txt", warnings: list[MarkupWarning] | None = None
) -> list[list[tuple[str, str]]]:
    """Turn a page's text into articles of (kind, text) blocks; Markdown markup the reader
    does not understand is added to `warnings` (when given)."""
    if fmt == "md":
        from .markdown import parse_markdown

        return parse_markdown(text, warnings)
    from .reflow import reflow
    from .structure import classify, clean, group_articles

    blocks = [clean(b) for b in classify(reflow(text))]
    blocks = [b for b in blocks if b.text]
    return [[(b.kind, b.text) for b in article] for article in group_articles(blocks)]


def block_sentences(kind: str, text: str) -> list[str]:
    """Body blocks are split into sentences; headlines, bylines etc. are one unit each, unless
    longer than a sentence may be."""
    return split_sentences(text) if kind in SENTENCE_KINDS or len(text) > MAX_SENTENCE else [text]


def split_block(kind: str, text: str) -> list[tuple[str, str, list[str]]]:
    """(kind, text, sentences) of a block; a body block longer than MAX_PARAGRAPH (text with
    no line breaks, say) becomes several paragraphs of whole sentences."""
    sentences = block_sentences(kind, text)
    if kind not in SENTENCE_KINDS or len(text) <= MAX_PARAGRAPH:
        return [(kind, text, sentences)]
    out: list[tuple[str, str, list[str]]] = []
    chunk: list[str] = []
    size = 0
    for sentence in sentences:
        if chunk and size + len(sentence) > MAX_PARAGRAPH:
            out.append((kind, "".join(chunk), chunk))
            chunk, size = [], 0
        chunk.append(sentence)
        size += len(sentence)
    if chunk:
        out.append((kind, "".join(chunk), chunk))
    return out


Parsed = list[list[tuple[str, str, list[str]]]]
# progress(stage, done, total): bytes of sources read so far, or a stage without a total (0)
Progress = Callable[[str, int, int], None]

# Many pages are parsed in worker processes, one file each, when there is enough text to
# pay for starting them (pages are independent until ids are assigned in page order).
PARALLEL_BYTES = 2_000_000


def parse_file(path: Path, encoding: str | None = None) -> tuple[Parsed, list[MarkupWarning]]:
    """One source file → articles of (kind, text, sentences), and its markup warnings; PDF
    and image pages add each block's origin (`pages.py`)."""
    page = page_format(Path(path))
    if page:
        return parse_pages(Path(path), page), []
    with no_gc():
        text, fmt = read_source(path, encoding)
        warnings: list[MarkupWarning] = []
        articles = parse_text(text, fmt, warnings)
        parsed = [[b for k, t in article for b in split_block(k, t)] for article in articles]
    return parsed, [replace(w, path=str(path)) for w in warnings]


def build_edition(
    sources: list[Path],
    name: str,
    encoding: str | None = None,
    warnings: list[MarkupWarning] | None = None,
    progress: Progress | None = None,
) -> Edition:
    """Parse the sources (in worker processes when there is enough text) into one Edition;
    markup warnings go to `warnings` when given, progress by bytes read to `progress`."""
    workers = min(os.cpu_count() or 1, len(sources), 8)
    sizes = [p.stat().st_size if p.is_file() else 0 for p in sources]
    total = sum(sizes)
    done = 0
    parsed = []
    if progress:
        progress("Reading", 0, total)
    with contextlib.ExitStack() as stack:
        if workers > 1 and total >= PARALLEL_BYTES:
            from concurrent.futures import ProcessPoolExecutor

            pool = stack.enter_context(ProcessPoolExecutor(workers))
            results = pool.map(parse_file, sources, [encoding] * len(sources), chunksize=4)
        else:
            results = (parse_file(path, encoding) for path in sources)
        for size, result in zip(sizes, results, strict=True):  # each file parsed as it comes
            parsed.append(result)
            done += size
            if progress:
                progress("Reading", done, total)
    if warnings is not None:
        warnings.extend(w for _, page_warnings in parsed for w in page_warnings)
    return assign_ids([article for page, _ in parsed for article in page], name)


def ingest(
    sources: list[Path],
    edition_dir: Path,
    encoding: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    title: str | None = None,
    date: str | None = None,
) -> IngestResult:
    """Read sources into the edition at `edition_dir`, keeping earlier translations.

    Markup in a Markdown source that the reader does not understand is returned as warnings,
    or, with `strict`, refused before anything is saved. `progress` hears of each stage.
    The page's title and date are kept in the edition's meta; `title` / `date` override
    them (`ingest.meta`)."""
    from ..store import check_edition_dir
    from .meta import check_date, check_title

    if title is not None:
        check_title(title)  # refused before the parse, not after
    if date is not None:
        check_date(date)

    sources = [Path(s) for s in sources]
    edition_dir = Path(edition_dir)
    reingest = len(sources) == 1 and same_file(sources[0], edition_dir / "articles.md")
    check_edition_dir(edition_dir)  # before the parse, which can take a while
    with no_gc():
        return _ingest(sources, edition_dir, encoding, strict, reingest, progress, title, date)


def _ingest(
    sources: list[Path],
    edition_dir: Path,
    encoding: str | None,
    strict: bool,
    reingest: bool,
    progress: Progress | None,
    title: str | None,
    date: str | None,
) -> IngestResult:
    from ..store import DB_NAME, EditionStore, create_store
    from .markdown import write_markdown
    from .meta import overrides, page_meta_rows

    report = progress or (lambda stage, done, total: None)
    name = edition_dir.name
    warnings: list[MarkupWarning] = []
    edition = build_edition(sources, name, encoding, warnings, progress)
    if strict and warnings:
        raise InputError(
            f"{len(warnings)} markup problem{'s' * (len(warnings) > 1)} (first: {warnings[0]})",
            "Fix the Markdown, or ingest without --strict to read it with warnings.",
        )
    if not edition.articles:
        raise EditionError(f"No text found in {', '.join(map(str, sources))}", "Check the file.")
    source = ", ".join(str(s) for s in sources) if not reingest else ""
    report(f"Saving {len(edition.articles)} articles to {DB_NAME}", 0, 0)
    kept = 0
    meta = page_meta_rows(edition) | overrides(title, date)
    if (edition_dir / DB_NAME).exists():
        with EditionStore(edition_dir, create=True) as store:
            old = store.touched_ids()
            store.save_edition(edition, source=source)
            kept = sum(1 for s in edition.sentences() if s.id in old)
            with store.transaction():
                for key, value in meta.items():
                    store.set_meta(key, value)
    else:
        create_store(edition_dir, edition, source, meta)
    report("Writing articles.md", 0, 0)
    try:
        write_markdown(edition, edition_dir / "articles.md")
    except OSError as exc:
        raise EditionError(
            f"Saved the edition, but cannot write {edition_dir / 'articles.md'} "
            f"({exc.strerror or exc})",
            os_advice(exc, "Check the edition directory, then ingest again."),
        ) from None
    return IngestResult(
        edition=edition,
        articles=len(edition.articles),
        blocks=sum(len(a.blocks) for a in edition.articles),
        sentences=len(edition.sentences()),
        kept=kept,
        warnings=warnings,
        directory=edition_dir,
    )
