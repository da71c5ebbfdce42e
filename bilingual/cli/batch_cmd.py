"""`bilingual batch`: many pages → many editions and an index (`bilingual.batch.run_batch`)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from typer.core import TyperCommand

from .common import engine_options, glossary_option, interrupted, interruptible, print_json
from .render_cmd import LayoutOpt, PinyinOpt, _formats
from .typer_app import app

ENGINE = engine_options()
LOCAL = "local"  # what a bare --ray means: start a local Ray instance
# What may follow --ray as its ADDRESS; anything else (a page folder) is left to SOURCE.
ADDRESS = re.compile(r"(ray://.+|auto|local|[\w.-]+:\d+)")


class OptionalRayAddress(TyperCommand):
    """`--ray` takes an optional value, which typer cannot declare: a bare `--ray` (followed
    by an option, a page, or nothing) becomes `--ray=local` before click parses."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        out = []
        for i, arg in enumerate(args):
            following = args[i + 1] if i + 1 < len(args) else ""
            if arg == "--ray" and not ADDRESS.fullmatch(following):
                arg = f"--ray={LOCAL}"
            out.append(arg)
        return super().parse_args(ctx, out)


@contextmanager
def batch_progress(wanted: bool) -> Iterator[Callable | None]:
    """One rich line on stderr (a terminal only): stage, editions, sentences, rate, ETA."""
    if not (wanted and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[line]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("Starting", total=None, line="")

        def update(status) -> None:
            eta = (
                ""
                if status.eta is None
                else f", ETA {int(status.eta // 60)}:{round(status.eta % 60):02d}"
            )
            line = (
                f"editions {status.pages_done}/{status.pages}, sentences "
                f"{status.sentences_done}/{status.sentences}, {status.per_second:.1f}/s{eta}"
            )
            total = status.sentences if status.stage == "Translating" else status.pages
            done = status.sentences_done if status.stage == "Translating" else status.pages_done
            bar.update(
                task, description=status.stage, completed=done, total=total or None, line=line
            )

        yield update


@app.command("batch", cls=OptionalRayAddress)
def batch_cli(
    sources: list[str] = typer.Argument(
        ...,
        help="Page files, folders of pages (read recursively) or glob patterns "
        "(.txt, .md, .html, .pdf, page images).",
        show_default=False,
    ),
    out: Path = typer.Option(
        ..., "--out", "-o", help="Folder for the editions and index.html.", show_default=False
    ),
    by: str = typer.Option(
        "file",
        "--group",
        help="One edition per: file (each page), dir (a folder's pages) or date (a day's "
        "pages; the date in the file name, else the masthead date of a text page).",
    ),
    engine: str = ENGINE["engine"],
    model: str | None = ENGINE["model"],
    beam_size: int = ENGINE["beam_size"],
    max_decoding_length: int = ENGINE["max_decoding_length"],
    workers: int = typer.Option(
        0,
        "--workers",
        "-j",
        min=0,
        help="Local processes for reading and rendering pages, and Ray actors with --ray "
        "(0: the core count; with --ray, the cluster's CPUs).",
    ),
    ray: str | None = typer.Option(
        None,
        "--ray",
        metavar="[ADDRESS]",
        help="Translate on a Ray cluster at ADDRESS (e.g. ray://head:10001), or on a local "
        "Ray when no address follows. Needs the cluster extra: bilingual[cluster].",
    ),
    ship: str = typer.Option(
        "bytes",
        "--ship",
        help="With --ray, how actors get the model: bytes (sent through Ray's object store) "
        "or path (read from the same Argos package folder, shared by the nodes).",
    ),
    fmt: str = typer.Option(
        "html", "--format", "-f", help="Comma-separated output formats: html, epub."
    ),
    layout: str = LayoutOpt,
    pinyin: str = PinyinOpt,
    glossary: list[Path] = glossary_option(),
    as_json: bool = typer.Option(
        False, "--json", help="Print per-edition results and totals as JSON."
    ),
) -> None:
    """Turn a run of pages into editions at once: all cores, or a Ray cluster, for translation.

    Each distinct sentence of all the pages is translated once. Ctrl-C stops cleanly; run the
    same command again to continue. A page that fails is reported and the others go on.
    OUT/index.html links every edition with its progress and review status.

    Example: bilingual batch pages/2024-03/ --out archive --group date --ray
    """
    from ..batch import BatchOptions, run_batch
    from ..pipeline import BuildOptions

    options = BatchOptions(
        group=by,
        build=BuildOptions(
            engine=engine,
            model=model,
            beam_size=beam_size,
            max_decoding_length=max_decoding_length,
            formats=tuple(_formats(fmt)),
            layout=layout,
            pinyin=pinyin,
            glossary_files=tuple(glossary),
        ),
        workers=workers,
        ray=ray is not None,
        ray_address=None if ray in (None, LOCAL) else ray,
        ship=ship,
    )
    with interruptible() as stop, batch_progress(not as_json) as progress:
        report = run_batch(sources, out, options, progress, stop)
    if report.notice:
        print(report.notice, file=sys.stderr)
    if as_json:
        print_json(report.to_json())
    else:
        done = sum(e.state == "done" for e in report.editions)
        typer.echo(
            f"{done} of {len(report.editions)} editions done in {out}; translated "
            f"{report.translated} distinct sentences, reused {report.cached} with {report.engine}."
        )
        typer.echo(str(report.index))
    for edition in report.failed:
        print(f"Failed: {edition.name}: {edition.error}", file=sys.stderr)
    if report.interrupted:
        raise interrupted(report.translated, report.translated + report.pending)
    if report.failed:
        raise typer.Exit(1)
