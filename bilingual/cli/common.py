"""Options and helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

EDITION_HELP = "Edition directory (holds edition.sqlite)."

EditionOpt = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False)
# `ingest` and `build`: page files in, an edition directory that may not exist yet.
SourcesArg = typer.Argument(
    ...,
    help="Page files: .txt, .md, .html, .pdf, or page images (.png, .jpg, .tif; OCR).",
    show_default=False,
)
NewEditionOpt = typer.Option(
    None, "--edition", "-e", help=EDITION_HELP + " Default: output/<stem of first source>."
)


def print_json(data: object) -> None:
    """Print data as UTF-8 JSON on stdout (Chinese kept readable)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def stderr_progress(wanted: bool = True) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress display on stderr for the block, when stderr is a terminal (never in a pipe
    or a log); yields the library's callback `(stage, done, total)` (total 0: no bar), or None."""
    if not (wanted and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("Starting", total=None)
        shown = ["Starting"]

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)
            if stage != shown[-1]:  # every stage is drawn at least once, however short
                shown.append(stage)
                bar.refresh()

        yield update


def default_edition_dir(first_source: Path) -> Path:
    """`output/<stem>` for a file; the directory itself for an edition's articles.md."""
    if first_source.name == "articles.md" and (first_source.parent / "edition.sqlite").exists():
        return first_source.parent
    return Path("output") / first_source.stem


GLOSSARY_HELP = (
    "Extra glossary file (TSV/CSV/TBX) layered over the shipped glossary and yours; repeatable."
)


def glossary_option():
    return typer.Option([], "--glossary", "-g", help=GLOSSARY_HELP)


def load_layers(files: list[Path]):
    """The layered glossary with extra files, or None (the library loads the default)."""
    if not files:
        return None
    from ..terms.files import load_glossary

    return load_glossary(extra=files)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar (with ETA) on stderr when it is a terminal, for a library call's
    `progress(done, total)` callback; None otherwise, so pipes and logs stay clean."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
