"""The batch's index page: one self-contained HTML file (CSS inline, nothing fetched) linking
every edition, with its translation progress and review status, and any error."""

from __future__ import annotations

import os
from pathlib import Path

from ..render import write_atomically
from ..render.templates import environment

INDEX = "index.html"


def edition_row(result, out: Path) -> dict:
    """What the index shows of one `EditionResult`."""
    stats = result.stats
    html = next((p for p in result.paths if p.suffix == ".html"), None)
    done = stats.translated if stats else 0
    total = stats.pairs if stats else 0
    return {
        "name": result.name,
        "href": Path(os.path.relpath(html, out)).as_posix() if html else "",
        "pages": len(result.sources),
        "pairs": total,
        "translated": done,
        "percent": round(100 * done / total) if total else 0,
        "approved": stats.approved if stats else 0,
        "edited": stats.edited if stats else 0,
        "flagged": stats.flagged if stats else 0,
        "state": result.state,
        "error": result.error,
    }


def write_index(results: list, out: Path, title: str) -> Path:
    """Write `out/index.html` atomically and return its path."""
    rows = [edition_row(r, out) for r in results]
    totals = {
        "editions": len(rows),
        "pairs": sum(r["pairs"] for r in rows),
        "translated": sum(r["translated"] for r in rows),
        "reviewed": sum(r["approved"] + r["edited"] for r in rows),
        "failed": sum(r["state"] == "failed" for r in rows),
    }
    page = (
        environment()
        .get_template("batch-index.html.j2")
        .render(title=title, rows=rows, totals=totals)
    )
    return write_atomically(out / INDEX, lambda tmp: tmp.write_text(page, encoding="utf-8"))
