"""`bilingual translate`: machine-translate an edition's pending sentences."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import typer

from .common import (
    EDITION_HELP,
    AllowRemoteOpt,
    LlmKeyOpt,
    LlmModelOpt,
    LlmParallelOpt,
    LlmTimeoutOpt,
    LlmUrlOpt,
    engine_options,
    glossary_option,
    interrupted,
    interruptible,
    llm_settings,
    load_layers,
    print_json,
    progress_bar,
)
from .typer_app import app

ENGINE = engine_options()


@app.command("translate")
def translate_cli(
    edition: Path = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False),
    engine: str = ENGINE["engine"],
    model: str | None = ENGINE["model"],
    beam_size: int = ENGINE["beam_size"],
    max_decoding_length: int = ENGINE["max_decoding_length"],
    as_json: bool = typer.Option(False, "--json", help="Print a JSON report."),
    glossary: list[Path] = glossary_option(),
    tm: bool = typer.Option(
        False, "--tm", help="Take exact (100%) translation-memory matches before any engine."
    ),
    llm_url: str | None = LlmUrlOpt,
    llm_model: str | None = LlmModelOpt,
    llm_key_env: str | None = LlmKeyOpt,
    llm_parallel: int | None = LlmParallelOpt,
    llm_timeout: float | None = LlmTimeoutOpt,
    allow_remote: bool = AllowRemoteOpt,
) -> None:
    """Machine-translate an edition's pending sentences, offline.

    Cached results are reused; sentences you edited or approved are never changed.

    On a terminal a progress bar counts sentences and shows the time left.

    Safe to interrupt: run it again to continue. Results are saved every few seconds; Ctrl-C
    stops within a second or two (exit code 130), keeping every finished sentence, and says
    how many are kept.

    With --tm, sentences the translation memory holds exactly (an earlier edition's reviewed
    English) are taken from it first, labelled as TM.

    argos and ct2 run installed models (see `bilingual models`).

    llm asks a local LLM (Ollama, llama.cpp's server, vLLM, LM Studio) article by article,
    with the glossary as binding instructions; it only talks to this machine or a private
    network unless --allow-remote. Its settings may live in the config file: the [llm]
    table of ~/.config/bilingual/config.toml (or $BILINGUAL_CONFIG).

    Example: bilingual translate -e output/seed-page --tm --json

    Example: bilingual translate -e output/seed-page --engine llm --llm-model qwen2.5:7b-instruct
    """
    from ..qa import run_qa
    from ..store import EditionStore
    from ..terms.files import default_glossary
    from ..translate import translate_edition

    layers = load_layers(glossary) or default_glossary()
    bar = nullcontext() if as_json else progress_bar("Translating")
    with interruptible() as stop, EditionStore(edition) as store, bar as progress:
        report = translate_edition(
            store,
            engine_name=engine,
            model=model,
            beam_size=beam_size,
            max_decoding_length=max_decoding_length,
            progress=progress,
            glossary=layers,
            stop=stop,
            tm=tm,
            llm=llm_settings(
                llm_url, llm_model, llm_key_env, llm_parallel, llm_timeout, allow_remote
            ),
        )
        if report.sentences and not report.interrupted:
            # the checks that need the whole edition (length-ratio band, Chinese left, odd
            # output), so `review --filter flagged` sees every flag without a `qa` run
            run_qa(store, layers)
    if report.notice:
        print(report.notice, file=sys.stderr)
    if as_json:
        data = report.to_json()
        print_json(
            {k: data[k] for k in ("translated", "cached", "engine", "seconds")}
            | {k: v for k, v in data.items() if k not in ("notice",)}
        )
    else:
        typer.echo(
            f"Translated {report.translated} and reused {report.cached} cached sentences "
            f"with {report.engine} ({report.label}) in {report.seconds:.1f} s."
        )
        if report.from_tm:
            typer.echo(
                f"Took {report.from_tm} sentences from the translation memory (exact matches)."
            )
        if report.kept_reviewed:
            typer.echo(f"Kept {report.kept_reviewed} edited or approved sentences as they are.")
        if report.unanswered:
            typer.echo(
                f"{report.unanswered} sentences got no English (flagged; see `bilingual review "
                "list --filter flagged`); run the same command to ask again."
            )
    if report.interrupted:
        raise interrupted(report.kept, report.wanted)
