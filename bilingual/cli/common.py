"""Options and helpers shared by the command modules."""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import Interrupted

if TYPE_CHECKING:
    from ..chunks import StopRequest

EDITION_HELP = "Edition directory (holds edition.sqlite)."

EditionOpt = typer.Option(..., "--edition", "-e", help=EDITION_HELP, show_default=False)
# `ingest` and `build`: page files in, an edition directory that may not exist yet.
SourcesArg = typer.Argument(
    ...,
    help="Page files: .txt, .md, .html, .pdf, or page images (.png, .jpg, .tif; OCR).",
    show_default=False,
)
NewEditionOpt = typer.Option(
    None, "--edition", "-e", help=EDITION_HELP + " Default: output/<stem of first source>."
)


def engine_options() -> dict:
    """The engine choice options `translate` and `batch` share (fresh objects per command)."""
    from ..mt import DEFAULT_BEAM_SIZE, DEFAULT_MAX_DECODING_LENGTH, length_rule

    return {
        "engine": typer.Option("auto", "--engine", help=ENGINE_HELP),
        "model": typer.Option(None, "--model", help="Installed model name (argos, ct2)."),
        "beam_size": typer.Option(
            DEFAULT_BEAM_SIZE, "--beam-size", min=1, help="Beam size (argos, ct2)."
        ),
        "max_decoding_length": typer.Option(
            DEFAULT_MAX_DECODING_LENGTH,
            "--max-decoding-length",
            min=1,
            help=f"Longest output in tokens (argos, ct2); each sentence also stops at "
            f"{length_rule()} (x: its source tokens, rounded up to a multiple of 8).",
        ),
    }


def print_json(data: object) -> None:
    """Print data as UTF-8 JSON on stdout (Chinese kept readable)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def stderr_progress(wanted: bool = True) -> Iterator[Callable[..., None] | None]:
    """A progress display on stderr for the block, when stderr is a terminal (never in a pipe
    or a log); yields the library's callback `(stage, done, total[, eta])` (total 0: no bar;
    eta: seconds left, when the library knows), or None."""
    if not (wanted and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), _eta_column())
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        task = bar.add_task("Starting", total=None, eta=None)
        shown = ["Starting"]

        def update(stage: str, done: int, total: int, eta: float | None = None) -> None:
            bar.update(task, description=stage, completed=done, total=total or None, eta=eta)
            if stage != shown[-1]:  # every stage is drawn at least once, however short
                shown.append(stage)
                bar.refresh()

        yield update


def _eta_column():
    """A rich column: the library's ETA when it gives one, else rich's own estimate."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Eta(ProgressColumn):
        def render(self, task) -> Text:
            eta = task.fields.get("eta")
            eta = task.time_remaining if eta is None else eta
            if eta is None or not task.total:
                return Text("")
            minutes, seconds = divmod(round(eta), 60)
            return Text(f"ETA {minutes}:{seconds:02d}", style="progress.remaining")

    return Eta()


@contextmanager
def interruptible() -> Iterator[StopRequest]:
    """Ctrl-C during a chunked run (translate) asks it to stop within a second or so,
    keeping every finished chunk; a second Ctrl-C, or one elsewhere, interrupts at once
    (`chunks.StopRequest`). Python's own handler is back after the block."""
    from ..chunks import StopRequest

    stop = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers can only be set from the main thread
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: stop.interrupt())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted(kept: int, wanted: int) -> Interrupted:
    """The one line a cleanly stopped translation ends with (exit code 130)."""
    return Interrupted(
        f"Interrupted: kept {kept:,} of {wanted:,} sentences; run the same command to continue"
    )


def default_edition_dir(first_source: Path) -> Path:
    """`output/<stem>` for a file; the directory itself for an edition's articles.md."""
    if first_source.name == "articles.md" and (first_source.parent / "edition.sqlite").exists():
        return first_source.parent
    return Path("output") / first_source.stem


GLOSSARY_HELP = (
    "Extra glossary file (TSV/CSV/TBX) layered over the shipped glossary and yours; repeatable."
)


def glossary_option():
    return typer.Option([], "--glossary", "-g", help=GLOSSARY_HELP)


def load_layers(files: list[Path]):
    """The layered glossary with extra files, or None (the library loads the default)."""
    if not files:
        return None
    from ..terms.files import load_glossary

    return load_glossary(extra=files)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[..., None] | None]:
    """A rich progress bar (with ETA) on stderr when it is a terminal, for a library call's
    `progress(done, total[, eta])` callback; None otherwise, so pipes and logs stay clean."""
    with stderr_progress() as update:
        if update is None:
            yield None
            return

        def advance(done: int, total: int, eta: float | None = None) -> None:
            update(label, done, total, eta)

        yield advance


# -- the engines' options, shared by `translate`, `build` and `batch` ---------------------------------

ENGINE_HELP = (
    "auto (the config file's [translate] engine; else an installed CTranslate2 model; else an "
    "Argos model; else the word gloss), argos, ct2, llm, gloss."
)
LlmUrlOpt = typer.Option(
    None,
    "--llm-url",
    help="llm: base URL of an OpenAI-compatible chat-completions endpoint (default "
    "http://127.0.0.1:11434/v1, Ollama's). Offline promise: only this machine and private "
    "networks are accepted unless --allow-remote.",
    show_default=False,
)
LlmModelOpt = typer.Option(
    None, "--llm-model", help="llm: model name (e.g. qwen2.5:7b-instruct).", show_default=False
)
LlmKeyOpt = typer.Option(
    None,
    "--llm-api-key-env",
    metavar="VAR",
    help="llm: environment variable holding an API key (default BILINGUAL_LLM_API_KEY); the "
    "key is never stored.",
    show_default=False,
)
LlmParallelOpt = typer.Option(
    None, "--llm-parallel", min=1, help="llm: requests at once (default 2).", show_default=False
)
LlmTimeoutOpt = typer.Option(
    None, "--llm-timeout", min=1, help="llm: seconds to wait for an answer (default 120).",
    show_default=False,
)  # fmt: skip
AllowRemoteOpt = typer.Option(
    False,
    "--allow-remote",
    help="llm: allow an endpoint outside this machine and private networks (the sentences "
    "then leave your network).",
)


def llm_settings(
    url: str | None,
    model: str | None,
    key_env: str | None,
    parallel: int | None,
    timeout: float | None,
    allow_remote: bool,
):
    """The llm flags given (None when not): the config file fills the rest."""
    from ..mt.llm_settings import LLMSettings

    return LLMSettings(
        url=url,
        model=model,
        api_key_env=key_env,
        parallel=parallel,
        timeout=timeout,
        allow_remote=True if allow_remote else None,
    )
