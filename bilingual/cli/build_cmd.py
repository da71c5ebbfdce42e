"""`bilingual build`: ingest + translate + QA + render + EPUB check in one go
(`bilingual.pipeline.build`)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import (
    AllowRemoteOpt,
    LlmKeyOpt,
    LlmModelOpt,
    LlmParallelOpt,
    LlmTimeoutOpt,
    LlmUrlOpt,
    NewEditionOpt,
    SourcesArg,
    default_edition_dir,
    engine_options,
    glossary_option,
    interrupted,
    interruptible,
    llm_settings,
    print_json,
    stderr_progress,
)
from .render_cmd import DateOpt, FormatOpt, LayoutOpt, PinyinOpt, TitleOpt, _formats
from .typer_app import app

ENGINE = engine_options()


@app.command("build")
def build_cli(
    sources: list[Path] = SourcesArg,
    edition: Path | None = NewEditionOpt,
    engine: str = ENGINE["engine"],
    model: str | None = ENGINE["model"],
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
    llm_url: str | None = LlmUrlOpt,
    llm_model: str | None = LlmModelOpt,
    llm_key_env: str | None = LlmKeyOpt,
    llm_parallel: int | None = LlmParallelOpt,
    llm_timeout: float | None = LlmTimeoutOpt,
    allow_remote: bool = AllowRemoteOpt,
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Print a JSON object: edition, nothing_to_do, interrupted, ingest (as `ingest "
        "--json`), translate (as `translate --json`), qa (pairs, checked, open, counts), render "
        "(paths, epubcheck), paths.",
    ),
) -> None:
    """Ingest, translate, check and render in one go: page files in, bilingual HTML and EPUB out.

    Offline. Without an installed zh→en model the English is a word gloss, and it says so.
    The config file (~/.config/bilingual/config.toml) may name the engine and its settings
    (`engine = "llm"` in [translate], the [llm] table), so build needs no flags.
    QA flags every pair that needs a look; the EPUB is checked with EPUBCheck when it can run.

    When nothing changed since the last build (sources, options, glossary, models, the
    edition), it says "nothing to do" and leaves the files as they are.

    On a terminal, progress (reading, translating with the time left, rendering) is shown on
    stderr. Safe to interrupt: run it again to continue.

    Example: bilingual build samples/seed-page.txt
    """
    from ..pipeline import BuildOptions, build

    options = BuildOptions(
        engine=engine,
        model=model,
        llm=llm_settings(llm_url, llm_model, llm_key_env, llm_parallel, llm_timeout, allow_remote),
        formats=tuple(_formats(fmt)),
        layout=layout,
        pinyin=pinyin,
        glossary_files=tuple(glossary),
        epubcheck=epubcheck,
        title=title,
        date=date,
    )
    directory = edition or default_edition_dir(sources[0])
    with interruptible() as stop, stderr_progress(not as_json) as progress:
        report = build(sources, directory, options, progress, stop)
    for warning in report.ingested.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    if report.translated.notice and not report.nothing_to_do:
        print(report.translated.notice, file=sys.stderr)
    if report.epubcheck and not report.nothing_to_do:
        print(f"EPUBCheck: {report.epubcheck}.", file=sys.stderr)
    translated = report.translated
    if as_json:
        print_json(report.to_json())
    elif report.nothing_to_do:
        typer.echo(
            f"Nothing to do: {directory} is up to date ({report.ingested.articles} articles, "
            f"{report.ingested.sentences} sentences, {translated.up_to_date} translated "
            f"with {translated.engine}; no change since the last build)."
        )
    elif not translated.interrupted:
        typer.echo(
            f"Built {directory}: {report.ingested.articles} articles, "
            f"{report.ingested.sentences} sentences; {_translation(translated)} with "
            f"{translated.engine} ({translated.label})."
        )
    if translated.interrupted:
        raise interrupted(translated.kept, translated.wanted)
    if not as_json:
        for path in report.paths:
            typer.echo(str(path))


def _translation(report) -> str:
    """What translate did, in words: only the counts that are not zero."""
    parts = []
    if report.translated:
        parts.append(f"translated {report.translated}")
    if report.cached:
        parts.append(f"reused {report.cached} cached")
    if report.up_to_date:
        parts.append(f"{report.up_to_date} already translated")
    return ", ".join(parts) or "nothing to translate"
