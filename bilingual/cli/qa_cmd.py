"""`bilingual qa`: recompute the QA flags of an edition and list the open ones by type."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .common import EDITION_HELP, glossary_option, load_layers, print_json


@app.command("qa")
def qa_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    strict: bool = typer.Option(
        False, "--strict", help="Exit non-zero (code 9) while any flag is open."
    ),
    glossary: list[Path] = glossary_option(),
) -> None:
    """Check every unreviewed pair and list open flags: term missing, number changed,
    empty, length-ratio outlier, Chinese left in the English, degenerate output.

    Flags close when a reviewer approves or edits the pair.

    Example: bilingual qa -e output/seed-page --strict
    """
    from ..errors import QAFailed
    from ..qa import run_qa
    from ..store import EditionStore
    from ..terms.files import default_glossary

    with EditionStore(edition) as store:
        report = run_qa(store, load_layers(glossary) or default_glossary())
    if as_json:
        print_json(report.to_json())
    else:
        typer.echo(
            f"QA: {report.pairs} pairs, {report.checked} checked (unreviewed), "
            f"{report.total} open flag{'s' * (report.total != 1)}."
        )
        for code, n in report.counts.items():
            typer.echo(f"  {code:<20} {n}")
        for f in report.open:
            typer.echo(f"{f['id']}  article {f['article']}  {f['code']}: {f['detail']}")
        for note in report.skipped:
            typer.echo(f"Note: {note}.")
    if strict and report.total:
        raise QAFailed(
            f"{report.total} open QA flag{'s' * (report.total != 1)}",
            f"Review them with `bilingual review -e {edition} --filter flagged`.",
        )
