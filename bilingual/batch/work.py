"""What a batch's local worker processes do to one edition: ingest its pages, or run QA and
render it and count its pairs for the index.

Each function takes and returns plain data (paths, strings, dicts), so it crosses a process
boundary cheaply; a `BilingualError` comes back as its one-line message in the result, so
one bad page is reported and never stops the pool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..document import APPROVED, EDITED, MACHINE, REVIEWED, UNTRANSLATED
from ..errors import BilingualError
from ..pipeline import BuildOptions
from ..store import DB_NAME, EditionStore


@dataclass
class Stats:
    """An edition's pairs by review status, for the index and `--json`."""

    pairs: int = 0
    machine: int = 0
    edited: int = 0
    approved: int = 0
    untranslated: int = 0
    flagged: int = 0  # unreviewed pairs with an open flag

    @property
    def translated(self) -> int:
        return self.pairs - self.untranslated

    def to_json(self) -> dict:
        return {**self.__dict__, "translated": self.translated}


@dataclass
class Outcome:
    """What a worker did to one edition; `error` is the one-line message of a failure."""

    directory: Path
    error: str = ""
    skipped: bool = False  # nothing to do (ingest: the store is newer than the pages)
    articles: int = 0
    sentences: int = 0
    paths: list[Path] = field(default_factory=list)
    stats: Stats | None = None


def up_to_date(directory: Path, sources: tuple[Path, ...]) -> bool:
    """Whether the edition's store is newer than every page: a rerun need not read them."""
    store = directory / DB_NAME
    try:
        built = store.stat().st_mtime_ns
        return all(p.stat().st_mtime_ns <= built for p in sources)
    except OSError:
        return False


def ingest_pages(directory: Path, sources: tuple[Path, ...], encoding: str | None) -> Outcome:
    """Ingest the pages into the edition at `directory`, unless it is already up to date."""
    from ..ingest import ingest

    if up_to_date(directory, sources):
        return Outcome(directory, skipped=True)
    try:
        result = ingest(list(sources), directory, encoding=encoding)
    except BilingualError as exc:
        return Outcome(directory, error=exc.message)
    return Outcome(directory, articles=result.articles, sentences=result.sentences)


def stats(store: EditionStore) -> Stats:
    """Count the edition's pairs by status, and the unreviewed ones flagged."""
    counts = Stats()
    for pair in store.pairs():
        counts.pairs += 1
        if pair.status in (MACHINE, EDITED, APPROVED, UNTRANSLATED):
            setattr(counts, pair.status, getattr(counts, pair.status) + 1)
        if pair.flags and pair.status not in REVIEWED:
            counts.flagged += 1
    return counts


def finish(directory: Path, options: BuildOptions, changed: bool) -> Outcome:
    """QA and render the edition when its translation `changed` or a format is missing; count
    its pairs either way (the index shows every edition)."""
    from ..qa import run_qa
    from ..render import render_edition
    from ..terms.files import default_glossary, load_glossary

    try:
        with EditionStore(directory) as store:
            wanted = [directory / f"{store.name}.{fmt}" for fmt in options.formats]
            paths = [p for p in wanted if p.exists()]
            if changed or len(paths) < len(wanted):
                files = options.glossary_files
                glossary = load_glossary(extra=files) if files else default_glossary()
                run_qa(store, glossary)
                paths = render_edition(
                    store, options.formats, options.layout, options.pinyin, glossary
                )
            return Outcome(directory, paths=paths, stats=stats(store))
    except BilingualError as exc:
        return Outcome(directory, error=exc.message)
