"""`bilingual qa`: recompute the QA flags of an edition and list the open ones by type."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EDITION_HELP, glossary_option, load_layers, print_json
from .typer_app import app


@app.command("qa")
def qa_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="Exit non-zero (code 9) while any unreviewed pair has a flag (flags on reviewed "
        "pairs are listed, not counted).",
    ),
    glossary: list[Path] = glossary_option(),
) -> None:
    """Check every pair and list open flags: a term, name or number missing (each
    occurrence), empty, length-ratio outlier, Chinese left in the English, degenerate output.

    Open flags are those of unreviewed pairs (the review queue). Approved and edited pairs
    are checked too: their flags are listed apart, shown in the reviewer and the page, and
    never put back in the queue or counted by --strict.

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
        reviewed = len(report.reviewed)
        typer.echo(
            f"QA: {report.pairs} pairs checked, {report.total} open "
            f"flag{'s' * (report.total != 1)}, {reviewed} on reviewed pairs."
        )
        for code, n in report.counts.items():
            typer.echo(f"  {code:<20} {n}")
        for f in report.open:
            typer.echo(f"{f['id']}  article {f['article']}  {f['code']}: {f['detail']}")
        for f in report.reviewed:
            typer.echo(
                f"{f['id']}  article {f['article']}  ({f['status']})  {f['code']}: {f['detail']}"
            )
        for note in report.skipped:
            typer.echo(f"Note: {note}.")
    if strict and report.total:
        raise QAFailed(
            f"{report.total} open QA flag{'s' * (report.total != 1)}",
            f"Review them with `bilingual review -e {edition} --filter flagged`.",
        )
