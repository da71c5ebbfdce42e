"""`bilingual export` (pairs as JSONL, TSV, TMX or XLIFF) and `bilingual import` (an edited
XLIFF back as review edits); formats in bilingual/render/export.py."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import EDITION_HELP
from .typer_app import app


@app.command("export")
def export_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    fmt: str = typer.Option(
        "jsonl", "--format", "-f", help="jsonl, tsv, tmx, xliff (or any registered format)."
    ),
    status: str = typer.Option(
        "",
        "--status",
        help="Only pairs with these review statuses, comma-separated (untranslated, machine, "
        "edited, approved). Default: every pair; for tmx every pair with English but "
        "unreviewed word glosses.",
        show_default=False,
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write here instead of stdout."
    ),
) -> None:
    """Export an edition's sentence pairs in document order.

    tmx is TMX 1.4b for translation memories (OmegaT: put it in tm/auto/); xliff is XLIFF
    2.1, one unit per sentence with its review state and notes (origin, flags, glossary
    terms): edit it in a CAT tool and read it back with `bilingual import`.

    Example: bilingual export -e output/seed-page --format tmx --status approved,edited -o seed.tmx
    """
    from ..render.export import export, parse_statuses, save
    from ..store import EditionStore

    statuses = parse_statuses(status)
    with EditionStore(edition) as store:
        text = export(store, fmt, statuses)
    if output is None:
        sys.stdout.write(text)
    else:
        save(text, output)
        typer.echo(f"Wrote {output}", err=True)


@app.command("import")
def import_cli(
    source: Path = typer.Argument(..., help="An XLIFF 2 file exported from this edition."),
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
) -> None:
    """Read an edited XLIFF back into the edition as review edits.

    A unit whose target differs from the pair's English is an edit (status edited, in the
    history: `bilingual review undo` takes it back); an unchanged target whose state is
    final approves the pair. Units that are not this edition's sentences (another id, or
    another Chinese source) are refused, one line each; the others are still read in.

    Example: bilingual import -e output/seed-page seed-edited.xlf
    """
    from ..interchange import import_xliff
    from ..store import EditionStore

    with EditionStore(edition) as store:
        result = import_xliff(store, source)
    for line in result.refused_lines():
        typer.echo(line, err=True)
    typer.echo(result.summary(source))
    if result.refused:
        raise typer.Exit(1)
