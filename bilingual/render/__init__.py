"""Render an edition for readers: a registry of output formats, each imported lazily.

A format module exposes `write(view, directory, layout) -> Path`; `render_edition` builds the
shared view (pinyin, glossary terms) once and hands it to each requested format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ..errors import RenderError, os_advice
from ..store import EditionStore
from ..terms.files import default_glossary
from ..terms.glossary import Glossary
from ..textutil import atomic_write

FORMATS: dict[str, str] = {
    "html": "bilingual.render.html",
    "epub": "bilingual.render.epub",
}
LAYOUTS = ("side-by-side", "interleaved")
PINYIN = ("ruby", "none")


def register(name: str, module: str) -> None:
    """Add an output format: `module` must define `write(view, directory, layout) -> Path`."""
    FORMATS[name] = module


def write_atomically(target: Path, write: Callable[[Path], object]) -> Path:
    """`textutil.atomic_write`, with an OSError (a directory in the way, no space) as a
    one-line RenderError: a reader never sees half a file, a failure keeps the old one."""
    try:
        return atomic_write(target, write)
    except OSError as exc:
        raise RenderError(
            f"Cannot write {target} ({exc.strerror or exc})",
            os_advice(exc, "Free that path or choose a writable edition directory."),
        ) from None


def _check(value: str, allowed: tuple[str, ...] | list[str], what: str) -> None:
    if value not in allowed:
        raise RenderError(f"Unknown {what} '{value}'", f"Choose one of: {', '.join(allowed)}.")


def check_options(formats: tuple[str, ...] | list[str], layout: str, pinyin: str) -> None:
    """Raise a RenderError for an unknown format, layout or pinyin option (or no format):
    `build` checks before it ingests and translates, not after."""
    if not formats:
        raise RenderError("No output format given", f"Choose from: {', '.join(FORMATS)}.")
    for name in formats:
        _check(name, list(FORMATS), "format")
    _check(layout, LAYOUTS, "layout")
    _check(pinyin, PINYIN, "pinyin option")


def render_edition(
    store: EditionStore,
    formats: tuple[str, ...] | list[str] = ("html", "epub"),
    layout: str = "side-by-side",
    pinyin: str = "ruby",
    glossary: Glossary | None = None,
    directory: Path | None = None,
    title: str | None = None,
    date: str | None = None,
) -> list[Path]:
    """Write each format to `directory` (default: the edition's own) and return the paths.

    `glossary` defaults to the layered glossary (shipped + user); pass one to pin it (tests).
    `title` / `date` replace the edition's (and are kept in its meta for the next render).
    """
    check_options(formats, layout, pinyin)
    from ..ingest.meta import save_overrides
    from .view import build_view

    save_overrides(store, title, date)
    view = build_view(
        store,
        glossary=default_glossary() if glossary is None else glossary,
        ruby=pinyin == "ruby",
    )
    if not view.articles:
        raise RenderError(
            f"Edition {store.directory} has no articles",
            "Ingest a page first with `bilingual ingest`.",
        )
    out = Path(directory) if directory else store.directory
    make_out(out)
    return [importlib.import_module(FORMATS[name]).write(view, out, layout) for name in formats]


def make_out(out: Path, advice: str = "Choose a writable directory.") -> None:
    """Create the output folder `out`, or raise a RenderError that says why and what to do."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(
            f"Cannot create {out} ({exc.strerror or exc})", os_advice(exc, advice)
        ) from None
