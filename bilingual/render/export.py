"""Export sentence pairs as data: a name → writer registry (jsonl, tsv, tmx, xliff).

A writer is `writer(store: EditionStore, statuses: set[str] | None) -> str`, named as
"module:function" so it imports only when used; `statuses` keeps the pairs with those
review statuses (None: the format's default). Add a format with one line in `WRITERS` (or
`register()`).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from ..document import STATUSES, Pair
from ..errors import RenderError, os_advice
from ..store import EditionStore

WRITERS: dict[str, str] = {
    "jsonl": "bilingual.render.export:write_jsonl",
    "tsv": "bilingual.render.export:write_tsv",
    "tmx": "bilingual.render.tmx:write_tmx",
    "xliff": "bilingual.render.xliff:write_xliff",
}

TSV_COLUMNS = (
    "article", "block", "kind", "id", "zh", "en", "status", "flags", "signature", "origin"
)  # fmt: skip


def register(name: str, target: str) -> None:
    """Add an export format: `target` is "module:function", the function
    `(store, statuses) -> str`."""
    WRITERS[name] = target


def parse_statuses(text: str) -> set[str] | None:
    """`approved,edited` → {"approved", "edited"}; "" → None (the format's default)."""
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(names - set(STATUSES))
    if unknown:
        raise RenderError(
            f"Unknown review status {', '.join(map(repr, unknown))}",
            f"Give a comma-separated list of: {', '.join(STATUSES)}.",
        )
    return names or None


def export(store: EditionStore, fmt: str, statuses: set[str] | None = None) -> str:
    """The edition's pairs in format `fmt`, only those with a status in `statuses` when given."""
    if fmt not in WRITERS:
        raise RenderError(
            f"Unknown export format '{fmt}'", f"Choose one of: {', '.join(sorted(WRITERS))}."
        )
    module, _, function = WRITERS[fmt].partition(":")
    return getattr(importlib.import_module(module), function)(store, statuses)


def selected(store: EditionStore, statuses: set[str] | None) -> list[Pair]:
    """The edition's pairs in document order, only those with a status in `statuses`."""
    return [p for p in store.pairs() if statuses is None or p.status in statuses]


def save(text: str, path: Path) -> None:
    """Write an export to `path`; an unwritable path is a one-line error, not a traceback."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RenderError(
            f"Cannot write {path} ({exc.strerror or exc})",
            os_advice(exc, "Choose a file in an existing, writable directory with -o."),
        ) from None


def write_jsonl(store: EditionStore, statuses: set[str] | None = None) -> str:
    """One JSON object per sentence, in document order (`Pair.to_json()`); default all."""
    pairs = selected(store, statuses)
    return "".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in pairs)


def _cell(value: object) -> str:
    if isinstance(value, list):
        value = "; ".join(f"{f.get('code', '')}: {f.get('detail', '')}" for f in value)
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def write_tsv(store: EditionStore, statuses: set[str] | None = None) -> str:
    """A header row, then one tab-separated row per sentence (default all); flags as
    `code: detail; …`."""
    rows = ["\t".join(TSV_COLUMNS)]
    for pair in selected(store, statuses):
        data = pair.to_json()
        rows.append("\t".join(_cell(data[c]) for c in TSV_COLUMNS))
    return "\n".join(rows) + "\n"
