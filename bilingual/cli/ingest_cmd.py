"""`bilingual ingest` and `bilingual show`."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .common import EDITION_HELP, default_edition_dir, print_json


@app.command("ingest")
def ingest_cli(
    sources: list[Path] = typer.Argument(
        ...,
        help="Page files: .txt, .md, .html, .pdf, or page images (.png, .jpg, .tif; OCR).",
        show_default=False,
    ),
    edition: Path | None = typer.Option(
        None, "--edition", "-e", help=EDITION_HELP + " Default: output/<stem of first source>."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Force a text encoding (utf-8, gb18030, big5, utf-16 …)."
    ),
) -> None:
    """Read page files into an edition: reflow, clean spaces, find structure, split sentences.

    A PDF is read from its text layer (columns, reading order, type sizes); a page image,
    or a PDF page without text, by offline OCR (needs the ocr extra). Each block remembers
    its page and box. Also writes EDITION/articles.md, which you may edit and feed back to
    fix grouping or kinds.

    Example: bilingual ingest page-01.pdf page-02.pdf -e output/paper
    """
    from ..ingest import ingest

    directory = edition or default_edition_dir(sources[0])
    result = ingest(sources, directory, encoding=encoding)
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
    from ..ingest.tree import render_tree
    from ..store import EditionStore

    with EditionStore(edition) as store:
        doc = store.load_edition()
    if as_json:
        print_json(doc.to_json())
    else:
        typer.echo(render_tree(doc))
