"""`bilingual eval`: score an edition's English against a reference translation."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EDITION_HELP, glossary_option, load_layers, print_json
from .typer_app import app


@app.command("eval")
def eval_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    ref: Path = typer.Option(
        ...,
        "--ref",
        help="The reference: a UTF-8 file with one English line per sentence, in order, or an "
        "edition made with `bilingual align` from the same Chinese.",
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    glossary: list[Path] = glossary_option(),
) -> None:
    """Score an edition's English against a reference: chrF++ and BLEU (sacrebleu), glossary
    term accuracy (share of term occurrences rendered as approved) and flagged pairs.

    Run it on editions of the same pages made with different engines to compare them.

    Example: bilingual eval -e output/seed-page --ref seed-page.en.txt --json
    """
    from ..quality import evaluate
    from ..store import EditionStore
    from ..terms.files import default_glossary

    with EditionStore(edition) as store:
        report = evaluate(store, ref, load_layers(glossary) or default_glossary())
    if as_json:
        print_json(report.to_json())
        return
    accuracy = report.term_accuracy
    terms = (
        f"{report.terms_rendered} of {report.term_occurrences} occurrences ({accuracy:.1%})"
        if accuracy is not None
        else "no glossary terms in the Chinese"
    )
    origins = ", ".join(f"{origin} {n}" for origin, n in report.origins.items())
    typer.echo(
        f"Scored {report.sentences} sentences ({report.segments} segments) against {report.reference}:\n"
        f"  chrF++  {report.chrf:6.2f}\n"
        f"  BLEU    {report.bleu:6.2f}\n"
        f"  glossary terms rendered as approved: {terms}\n"
        f"  flagged pairs: {report.flagged} of {report.sentences} ({report.flagged_share:.1%})\n"
        f"  English from: {origins}"
    )
