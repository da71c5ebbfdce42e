"""`bilingual tm`: the translation memory across editions — search, import, export, add."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EDITION_HELP, print_json
from .typer_app import app

tm_app = typer.Typer(no_args_is_help=True, rich_markup_mode="rich")
app.add_typer(
    tm_app,
    name="tm",
    help="The translation memory: every approved or edited pair of every edition, found "
    "again by its Chinese (exact and fuzzy matches).\n\nExample: bilingual tm search 村民很高兴。",
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


@tm_app.command("search")
def search_cli(
    text: str = typer.Argument(..., help="The Chinese to look for.", show_default=False),
    minimum: int = typer.Option(
        75, "--min", min=1, max=100, help="Lowest similarity to show, in per cent."
    ),
    limit: int = typer.Option(5, "--limit", min=1, help="At most this many matches."),
    as_json: bool = typer.Option(False, "--json", help="Print the matches as JSON."),
) -> None:
    """Exact and fuzzy matches for a Chinese sentence: similarity, English, and the edition
    and date each came from. Similarity is 100 × (1 − edit distance / longer length).

    Example: bilingual tm search 党的二十大胜利召开。 --min 60
    """
    from ..tm import TranslationMemory

    with TranslationMemory() as tm:
        matches = tm.search(text, minimum, limit)
        units = len(tm) if not matches else 0
    if as_json:
        print_json([m.to_json() for m in matches])
        return
    if not matches:
        typer.echo(f"No match of {minimum}% or more in {_plural(units, 'translation unit')}.")
    for m in matches:
        where = ", ".join(x for x in (m.edition, m.date) if x)
        typer.echo(f"{m.similarity}%  {m.zh} → {m.en}" + (f"  ({where})" if where else ""))


@tm_app.command("import")
def import_cli(
    path: Path = typer.Argument(..., metavar="FILE.tmx", help="A TMX file.", show_default=False),
) -> None:
    """Add the Chinese–English units of a TMX file (from OmegaT or another CAT tool, or
    `tm export`); units already in the memory are skipped.

    Example: bilingual tm import project-memory.tmx
    """
    from ..tm import TranslationMemory

    with TranslationMemory() as tm:
        added, known = tm.import_tmx(path)
    typer.echo(f"Imported {_plural(added, 'unit')} ({known} already in the memory).")


@tm_app.command("export")
def export_cli(
    path: Path = typer.Argument(
        ..., metavar="FILE.tmx", help="Where to write.", show_default=False
    ),
) -> None:
    """Write the whole memory as TMX 1.4b (edition, date and origin as properties), for
    other CAT tools or another machine's `tm import`.

    Example: bilingual tm export my-memory.tmx
    """
    from ..tm import TranslationMemory

    with TranslationMemory() as tm:
        count = tm.export_tmx(path)
    typer.echo(f"Wrote {_plural(count, 'translation unit')} to {path}.")


@tm_app.command("add")
def add_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
) -> None:
    """Add an edition's approved and edited pairs (the reviewer adds them as you go; this is
    for editions reviewed before, or imported).

    Example: bilingual tm add -e output/seed-page
    """
    from ..store import EditionStore
    from ..tm import TranslationMemory

    with EditionStore(edition) as store, TranslationMemory() as tm:
        stored, _ = tm.remember(store, [p.sid for p in store.pairs()])
        name = store.name
    typer.echo(f"Added {_plural(stored, 'reviewed pair')} of {name} to the translation memory.")
