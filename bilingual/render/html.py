"""The self-contained HTML edition: one file, CSS and a tiny script inline, nothing fetched.

Side-by-side and interleaved share one markup: each sentence is a zh cell and an en cell
with the same `data-sid` in a CSS grid; a checkbox (`#t-side`) picks one or two columns, so
the reader can switch without JavaScript, and narrow screens always get one column.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from markupsafe import Markup

from . import write_atomically
from .templates import environment, read
from .view import EditionView


def render_html(view: EditionView, layout: str = "side-by-side") -> str:
    """The page as a string."""
    script = read("partner.js")
    # The CSP allows only this script (by hash): injected markup could not run code.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return (
        environment()
        .get_template("page.html.j2")
        .render(
            view=view,
            layout=layout,
            script=Markup(script),
            script_hash=f"sha256-{digest}",
        )
    )


def write(view: EditionView, directory: Path, layout: str) -> Path:
    """Write `<directory>/<name>.html`."""
    page = render_html(view, layout)
    return write_atomically(
        directory / f"{view.name}.html", lambda tmp: tmp.write_text(page, encoding="utf-8")
    )
