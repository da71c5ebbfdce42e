"""`bilingual render` (HTML and EPUB from an edition) and `bilingual build` (ingest +
translate + render in one go)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from . import app
from .common import EDITION_HELP, default_edition_dir, glossary_option, load_layers

FormatOpt = typer.Option(
    "html,epub", "--format", "-f", help="Comma-separated output formats: html, epub."
)
LayoutOpt = typer.Option(
    "side-by-side", "--layout", help="HTML layout: side-by-side or interleaved."
)
PinyinOpt = typer.Option("ruby", "--pinyin", help="Pinyin over the Chinese: ruby or none.")


def _formats(value: str) -> list[str]:
    return [f.strip() for f in value.split(",") if f.strip()]


@app.command("render")
def render_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    fmt: str = FormatOpt,
    layout: str = LayoutOpt,
    pinyin: str = PinyinOpt,
    glossary: list[Path] = glossary_option(),
) -> None:
    """Write the bilingual edition as a self-contained HTML page and an EPUB 3 book.

    Files go into the edition directory as <name>.html and <name>.epub; their paths are printed.

    Example: bilingual render -e output/seed-page --format html --layout interleaved
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
        )
    for path in paths:
        typer.echo(str(path))


@app.command("build")
def build_cli(
    sources: list[Path] = typer.Argument(
        ...,
        help="Page files: .txt, .md, .html, .pdf, or page images (.png, .jpg, .tif; OCR).",
        show_default=False,
    ),
    edition: Path | None = typer.Option(
        None, "--edition", "-e", help=EDITION_HELP + " Default: output/<stem of first source>."
    ),
    engine: str = typer.Option(
        "auto",
        "--engine",
        help="auto (argos if a zh→en model is installed, else the gloss engine), argos, gloss.",
    ),
    fmt: str = FormatOpt,
    layout: str = LayoutOpt,
    pinyin: str = PinyinOpt,
    glossary: list[Path] = glossary_option(),
) -> None:
    """Ingest, translate and render in one go: page files in, bilingual HTML and EPUB out.

    Offline. Without an installed zh→en model the English is a word gloss, and it says so.

    Example: bilingual build samples/seed-page.txt
    """
    from ..ingest import ingest
    from ..render import check_options, render_edition
    from ..store import EditionStore
    from ..translate import translate_edition
    from .translate_cmd import _progress

    formats = _formats(fmt)
    check_options(formats, layout, pinyin)
    directory = edition or default_edition_dir(sources[0])
    layers = load_layers(glossary)
    result = ingest(sources, directory, encoding=None)
    with EditionStore(directory) as store:
        with _progress(True) as progress:
            report = translate_edition(
                store, engine_name=engine, progress=progress, glossary=layers
            )
        if report.notice:
            print(report.notice, file=sys.stderr)
        paths = render_edition(
            store, formats=formats, layout=layout, pinyin=pinyin, glossary=layers
        )
    typer.echo(
        f"Built {directory}: {result.articles} articles, {result.sentences} sentences; "
        f"translated {report.translated}, reused {report.cached} with {report.engine} ({report.label})."
    )
    for path in paths:
        typer.echo(str(path))
