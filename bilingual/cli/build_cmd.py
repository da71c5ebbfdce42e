"""`bilingual build`: ingest + translate + QA + render + EPUB check in one go
(`bilingual.pipeline.build`)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from . import app
from .common import (
    NewEditionOpt,
    SourcesArg,
    default_edition_dir,
    glossary_option,
    progress_bar,
)
from .render_cmd import DateOpt, FormatOpt, LayoutOpt, PinyinOpt, TitleOpt, _formats


@app.command("build")
def build_cli(
    sources: list[Path] = SourcesArg,
    edition: Path | None = NewEditionOpt,
    engine: str = typer.Option(
        "auto",
        "--engine",
        help="auto (argos if a zh→en model is installed, else the gloss engine), argos, gloss.",
    ),
    fmt: str = FormatOpt,
    layout: str = LayoutOpt,
    pinyin: str = PinyinOpt,
    glossary: list[Path] = glossary_option(),
    title: str | None = TitleOpt,
    date: str | None = DateOpt,
    epubcheck: str = typer.Option(
        "auto",
        "--epubcheck",
        help="Check the EPUB with EPUBCheck: auto (when Java and EPUBCheck are installed, "
        "else skipped with a note), always (missing EPUBCheck is an error), never.",
    ),
) -> None:
    """Ingest, translate, check and render in one go: page files in, bilingual HTML and EPUB out.

    Offline. Without an installed zh→en model the English is a word gloss, and it says so.
    QA flags every pair that needs a look; the EPUB is checked with EPUBCheck when it can run.

    Example: bilingual build samples/seed-page.txt
    """
    from ..pipeline import BuildOptions, build

    options = BuildOptions(
        engine=engine,
        formats=tuple(_formats(fmt)),
        layout=layout,
        pinyin=pinyin,
        glossary_files=tuple(glossary),
        epubcheck=epubcheck,
        title=title,
        date=date,
    )
    directory = edition or default_edition_dir(sources[0])
    with progress_bar("Translating") as progress:
        report = build(sources, directory, options, progress)
    for warning in report.ingested.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    if report.translated.notice:
        print(report.translated.notice, file=sys.stderr)
    if report.epubcheck:
        print(f"EPUBCheck: {report.epubcheck}.", file=sys.stderr)
    ingested, translated = report.ingested, report.translated
    typer.echo(
        f"Built {directory}: {ingested.articles} articles, {ingested.sentences} sentences; "
        f"translated {translated.translated}, reused {translated.cached} with "
        f"{translated.engine} ({translated.label})."
    )
    for path in report.paths:
        typer.echo(str(path))
