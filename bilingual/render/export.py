"""Export sentence pairs as data: a name → writer registry (jsonl, tsv; tmx plugs in here).

A writer is `writer(store: EditionStore) -> str`, named as "module:function" so it imports
only when used. Add a format with one line in `WRITERS` (or `register()`).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from ..errors import RenderError, os_advice
from ..store import EditionStore

WRITERS: dict[str, str] = {
    "jsonl": "bilingual.render.export:write_jsonl",
    "tsv": "bilingual.render.export:write_tsv",
    "tmx": "bilingual.render.tmx:write_tmx",
}

TSV_COLUMNS = ("article", "block", "kind", "id", "zh", "en", "status", "flags", "signature")


def register(name: str, target: str) -> None:
    """Add an export format: `target` is "module:function", the function `(store) -> str`."""
    WRITERS[name] = target


def export(store: EditionStore, fmt: str) -> str:
    """The edition's pairs in format `fmt`."""
    if fmt not in WRITERS:
        raise RenderError(
            f"Unknown export format '{fmt}'", f"Choose one of: {', '.join(sorted(WRITERS))}."
        )
    module, _, function = WRITERS[fmt].partition(":")
    return getattr(importlib.import_module(module), function)(store)


def save(text: str, path: Path) -> None:
    """Write an export to `path`; an unwritable path is a one-line error, not a traceback."""
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise RenderError(
            f"Cannot write {path} ({exc.strerror or exc})",
            os_advice(exc, "Choose a file in an existing, writable directory with -o."),
        ) from None


def write_jsonl(store: EditionStore) -> str:
    """One JSON object per sentence, in document order (`Pair.to_json()`)."""
    return "".join(json.dumps(p.to_json(), ensure_ascii=False) + "\n" for p in store.pairs())


def _cell(value: object) -> str:
    if isinstance(value, list):
        value = "; ".join(f"{f.get('code', '')}: {f.get('detail', '')}" for f in value)
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def write_tsv(store: EditionStore) -> str:
    """A header row, then one tab-separated row per sentence; flags as `code: detail; …`."""
    rows = ["\t".join(TSV_COLUMNS)]
    for pair in store.pairs():
        data = pair.to_json()
        rows.append("\t".join(_cell(data[c]) for c in TSV_COLUMNS))
    return "\n".join(rows) + "\n"
