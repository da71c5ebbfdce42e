"""The jinja2 environment shared by the HTML and EPUB writers (autoescape always on)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .markup import Piece, pieces_html, tip
from .view import xml_safe

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: object) -> object:
    """Every `{{ … }}` output loses XML-invalid characters (titles, metadata, notes too),
    so no field of the edition or the glossary can make the EPUB ill-formed."""
    if isinstance(value, Markup):
        return Markup(xml_safe(value))
    return xml_safe(value) if isinstance(value, str) else value


@cache
def environment(rp: bool = False) -> jinja2.Environment:
    """Templates with `inline` (pieces → escaped inline markup).

    `rp=True` is the EPUB flavour: ruby fallbacks, no tab stops and no `<wbr>`.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
    )

    def inline(pieces: list[Piece], notes: dict[str, str] | None = None) -> Markup:
        # pieces_html escapes every text it emits; see markup.py.
        return Markup(pieces_html(pieces, rp=rp, focusable=not rp, breaks=not rp, notes=notes))

    env.filters["inline"] = inline
    env.globals["tip"] = tip
    return env


def read(name: str) -> str:
    """A static template file's text (CSS, JS)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")
