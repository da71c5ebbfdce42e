"""`bilingual align`: pair an existing English translation with its Chinese original."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EDITION_HELP, default_edition_dir, print_json, progress_bar
from .typer_app import app


@app.command("align")
def align_cli(
    zh_file: Path = typer.Argument(..., help="The Chinese text.", show_default=False),
    en_file: Path = typer.Argument(..., help="Its English translation.", show_default=False),
    edition: Path | None = typer.Option(
        None, "--edition", "-e", help=EDITION_HELP + " Default: output/<stem of ZH_FILE>."
    ),
    presegmented: bool = typer.Option(
        False, "--presegmented", help="Both files hold one sentence per line."
    ),
    mt: Path | None = typer.Option(
        None,
        "--mt",
        help="A machine translation of the Chinese, one line per Chinese sentence, "
        "used as a bridge.",
    ),
    no_model: bool = typer.Option(
        False, "--no-model", help="Do not translate the Chinese with an installed Argos model."
    ),
    beads: bool = typer.Option(
        False,
        "--beads",
        help="Print the alignment, one bead a line: [zh ids]:[en ids] (0-based), a tab, "
        "the score, e.g. [7,8]:[7]<TAB>0.83. Nothing is written.",
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Force the text encoding of the input files."
    ),
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Print a JSON object: edition, bridge, zh, en (sentence counts), beads (a count), "
        "alignment (with --beads: a list of zh, en id lists and score; else null), pairs, "
        "flagged, kept, notices.",
    ),
) -> None:
    """Align an English translation to its Chinese original, sentence by sentence (n:m).

    Signals, all offline: length, CC-CEDICT and glossary words, numbers and names.

    Bridge: --mt FILE, else the installed Argos zh→en model, else none (dictionary alone).

    Pairs go into the edition as `machine`, ready for `review` and `render`. On a terminal
    a progress bar shows how far the alignment is.

    Flags: `low-confidence` (bead score below 0.2), `no-english`, `extra-english`.

    Example: bilingual align page.zh.txt page.en.txt -e output/page
    """
    from ..align.edition import align_files

    with progress_bar("Aligning") as progress:
        result = align_files(
            zh_file,
            en_file,
            None if beads else (edition or default_edition_dir(zh_file)),
            presegmented=presegmented,
            mt_path=mt,
            use_model=not no_model,
            encoding=encoding,
            progress=progress,
        )
    for notice in result.notices:
        typer.echo(notice, err=True)
    if as_json:
        print_json(result.to_json(beads))
        return
    if beads:
        for bead in result.beads:
            typer.echo(str(bead))
        return
    typer.echo(
        f"Aligned {len(result.zh)} Chinese and {len(result.en)} English sentences into "
        f"{len(result.beads)} beads ({result.bridge} bridge): {result.pairs} pairs in "
        f"{result.edition_dir}, {result.flagged} flagged"
        + (f", {result.kept} reviewed pairs kept" if result.kept else "")
        + "."
    )
