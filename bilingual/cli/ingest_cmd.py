"""`bilingual ingest` and `bilingual show`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import (
    EDITION_HELP,
    NewEditionOpt,
    SourcesArg,
    default_edition_dir,
    print_json,
    stderr_progress,
)
from .render_cmd import DateOpt, TitleOpt
from .typer_app import app


@app.command("ingest")
def ingest_cli(
    sources: list[Path] = SourcesArg,
    edition: Path | None = NewEditionOpt,
    encoding: str | None = typer.Option(
        None, "--encoding", help="Force a text encoding (utf-8, gb18030, big5, utf-16 …)."
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="Refuse Markdown with markup the reader does not understand, instead of warning.",
    ),
    title: str | None = TitleOpt,
    date: str | None = DateOpt,
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Print a JSON object: edition, articles, blocks, sentences, kept, markdown (the "
        "articles.md path), warnings (a list of path, line, message).",
    ),
) -> None:
    r"""Read page files into an edition: reflow, clean spaces, find structure, split sentences.

    A PDF is read from its text layer (columns, reading order, type sizes); a page image,
    or a PDF page without text, by offline OCR (needs the ocr extra). Each block remembers
    its page and box. Also writes EDITION/articles.md, which you may edit and feed back to
    fix grouping or kinds.

    Markdown the reader does not understand is never read as text, but warned about on stderr.

    (An unclosed `<!--` or `[byline`, an unknown tag like `[sidebar]`, an empty `# `.)

    Each warning is `FILE:LINE: what was done instead`; with --strict the ingest is refused.

    On a terminal, progress (reading, saving) is shown on stderr while it works.

    Example: bilingual ingest samples/seed-page.txt -e output/seed

    Example: bilingual ingest page-01.pdf page-02.pdf -e output/paper
    """
    from ..ingest import ingest

    directory = edition or default_edition_dir(sources[0])
    with stderr_progress(not as_json) as progress:
        result = ingest(
            sources,
            directory,
            encoding=encoding,
            strict=strict,
            progress=progress,
            title=title,
            date=date,
        )
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    if as_json:
        print_json(result.to_json())
        return
    typer.echo(
        f"Ingested {result.articles} articles, {result.blocks} blocks, "
        f"{result.sentences} sentences into {directory} "
        f"({result.kept} translations kept)."
    )
    typer.echo(f"Structure to check or fix: {directory / 'articles.md'}")


@app.command("show")
def show_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the structure as JSON."),
) -> None:
    """Print an edition's structure as a tree (or JSON).

    Example: bilingual show -e output/seed-page --json
    """
    from ..show import json_pieces, render_tree
    from ..store import EditionStore

    with EditionStore(edition) as store:
        doc = store.load_edition()
    if as_json:
        sys.stdout.writelines(json_pieces(doc))
    else:
        typer.echo(render_tree(doc))
