"""Options and helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

EDITION_HELP = "Edition directory (holds edition.sqlite)."

EditionOpt = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False)
# `ingest` and `build`: page files in, an edition directory that may not exist yet.
SourcesArg = typer.Argument(..., help="Page files: .txt, .md or .html.", show_default=False)
NewEditionOpt = typer.Option(
    None, "--edition", "-e", help=EDITION_HELP + " Default: output/<stem of first source>."
)


def print_json(data: object) -> None:
    """Print data as UTF-8 JSON on stdout (Chinese kept readable)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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


class progress_bar:
    """A rich progress bar on a terminal; a no-op callback otherwise."""

    def __init__(self, wanted: bool) -> None:
        self.enabled = wanted and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.start()
        task = self.bar.add_task("Translating", total=None)

        def update(done: int, total: int) -> None:
            self.bar.update(task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
