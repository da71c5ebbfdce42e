"""`bilingual render`: HTML and EPUB from an edition."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EDITION_HELP, glossary_option, load_layers, print_json
from .typer_app import app

FormatOpt = typer.Option(
    "html,epub", "--format", "-f", help="Comma-separated output formats: html, epub."
)
LayoutOpt = typer.Option(
    "side-by-side", "--layout", help="HTML layout: side-by-side or interleaved."
)
PinyinOpt = typer.Option("ruby", "--pinyin", help="Pinyin over the Chinese: ruby or none.")
TitleOpt = typer.Option(
    None,
    "--title",
    help="The edition's title, instead of the page's (its paper and date, or first headline). "
    "Kept in the edition.",
    show_default=False,
)
DateOpt = typer.Option(
    None,
    "--date",
    help="The page's date, YYYY-MM-DD (the EPUB's dc:date), when the page does not give it or "
    "gives it wrong. Kept in the edition.",
    show_default=False,
)


def _formats(value: str) -> list[str]:
    return [f.strip() for f in value.split(",") if f.strip()]


@app.command("render")
def render_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    fmt: str = FormatOpt,
    layout: str = LayoutOpt,
    pinyin: str = PinyinOpt,
    glossary: list[Path] = glossary_option(),
    title: str | None = TitleOpt,
    date: str | None = DateOpt,
    as_json: bool = typer.Option(
        False,
        "--json",
        help='Print a JSON object: edition, files (format → path), e.g. {"files": {"html": …}}.',
    ),
) -> None:
    """Write the bilingual edition as a self-contained HTML page and an EPUB 3 book.

    Files go into the edition directory as <name>.html and <name>.epub; their paths are printed.

    Example: bilingual render -e output/seed-page --format html --title "人民日报 2020年3月1日" --date 2020-03-01
    """
    from ..render import render_edition
    from ..store import EditionStore

    with EditionStore(edition) as store:
        paths = render_edition(
            store,
            formats=_formats(fmt),
            layout=layout,
            pinyin=pinyin,
            glossary=load_layers(glossary),
            title=title,
            date=date,
        )
    if as_json:
        files = dict(zip(_formats(fmt), map(str, paths), strict=True))
        print_json({"edition": str(edition), "files": files})
        return
    for path in paths:
        typer.echo(str(path))
