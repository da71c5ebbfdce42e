"""`bilingual export`: sentence pairs as JSONL or TSV (formats in bilingual/render/export.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from . import app
from .common import EDITION_HELP


@app.command("export")
def export_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    fmt: str = typer.Option(
        "jsonl", "--format", "-f", help="jsonl, tsv, tmx (or any registered format)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here instead of stdout."
    ),
) -> None:
    """Export an edition's sentence pairs in document order.

    Example: bilingual export -e output/seed-page --format jsonl -o seed.jsonl
    """
    from ..render.export import export, save
    from ..store import EditionStore

    with EditionStore(edition) as store:
        text = export(store, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        save(text, output)
        typer.echo(f"Wrote {output}", err=True)
