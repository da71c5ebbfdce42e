"""Glossary files: TSV rows, the format registry (TSV, CSV, TBX), the layers and loading.

Layers, later overriding earlier: the shipped `glossary/*.tsv`, the user's TSV under the
platformdirs user data dir (so `XDG_DATA_HOME` moves it), then any extra files. TSV is the
native format (UTF-8, a header row naming at least `zh` and `en`; blank lines and lines
starting with `#` are skipped); CSV and TBX read and write through `terms.formats`.
The shipped `not-terms.txt` lists contexts that hold no term (see `Glossary`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import GlossaryError, os_advice
from ..paths import link_problem
from ..textutil import write_text_atomic
from .formats import csv_rows, csv_text, read_csv, read_tbx, tbx3_text, tbx_entries, tbx_text
from .glossary import COLUMNS, Entry, Glossary, Row, entry_from_fields

USER_FILE = "glossary.tsv"
NOT_TERMS_FILE = "not-terms.txt"


def read_rows(path: Path) -> list[Row]:
    """Read a glossary TSV into raw rows. Raises GlossaryError on a missing `zh`/`en` header."""
    header, lines = _table(path)
    return [
        Row(number, dict(zip(header, cells, strict=False)), tuple(cells[len(header) :]))
        for number, cells in lines
    ]


def _table(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A glossary TSV's header (lower case) and its other rows, each (1-based line number,
    cells padded to the header's length); blank and `#` lines are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GlossaryError(f"Glossary file {path} not found", "Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(
            f"Cannot read glossary file {path} ({exc})", "Save it as UTF-8 text."
        ) from None
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        kept = line.lstrip()
        if not kept or kept[0] == "#":
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip().lower() for c in cells]
            if "zh" not in header or "en" not in header:
                raise GlossaryError(
                    f"{path}:{number}: the header row has no zh and en columns",
                    "Start the file with a tab-separated header: zh, en, pinyin, category …",
                )
            continue
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        rows.append((number, cells))
    return header or [], rows


def read_tsv(path: Path, layer: str = "") -> list[Entry]:
    """The entries of one TSV file, in file order (rows without a zh are skipped); no `Row`
    is made (every translate loads the glossary: ~12,000 rows)."""
    header, lines = _table(path)
    layer = layer or str(path)
    entries = [
        entry_from_fields(dict(zip(header, cells, strict=False)), layer) for _, cells in lines
    ]
    return [e for e in entries if e.zh]


def _clean(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value)


def tsv_text(entries: Iterable[Entry]) -> str:
    """Entries as glossary TSV text: header row, `|`-joined variants, no tabs inside fields."""
    lines = ["\t".join(COLUMNS)]
    for entry in entries:
        row = entry.to_row()
        lines.append("\t".join(_clean(row[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def write_text(path: Path, text: str) -> None:
    """Write a glossary file atomically (temp file, then rename), creating its folder."""
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise GlossaryError(
            f"Cannot write {path} ({exc.strerror or exc})",
            os_advice(exc, "Check the path and its permissions."),
        ) from None


def write_tsv(path: Path, entries: Iterable[Entry]) -> None:
    """Write entries as a glossary TSV, atomically."""
    write_text(path, tsv_text(entries))


# --- layers ----------------------------------------------------------------------------------


def shipped_dir() -> Path:
    """The shipped glossary directory: $BILINGUAL_GLOSSARY_DIR, the wheel's copy, or the repo's."""
    override = os.environ.get("BILINGUAL_GLOSSARY_DIR")
    if override:
        return Path(override)
    package = Path(__file__).resolve().parent.parent
    wheel = package / "_glossary"
    return wheel if wheel.is_dir() else package.parent / "glossary"


def user_glossary_path() -> Path:
    """The user's glossary TSV (platformdirs user data dir; XDG_DATA_HOME moves it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("bilingual")) / USER_FILE


def layer_files(extra: Sequence[Path] = (), user: bool = True) -> list[tuple[str, Path]]:
    """(label, path) of every existing layer file, in override order."""
    files: list[tuple[str, Path]] = []
    directory = shipped_dir()
    if directory.is_dir():
        files += [(f"shipped/{p.name}", p) for p in sorted(directory.glob("*.tsv"))]
    if user:
        path = user_glossary_path()
        if path.is_file():
            files.append(("user", path))
    for path in extra:
        check_file(Path(path), "Check the --glossary path.")
        files.append((str(path), Path(path)))
    return files


def check_file(path: Path, todo: str = "Check the path.") -> None:
    """Raise a GlossaryError unless `path` is an existing file (not a directory or a link
    that cannot be followed)."""
    problem = link_problem(path)
    if problem is None and path.is_dir():
        problem, todo = f"{path} is a directory", "Give a glossary file (TSV, CSV or TBX) in it."
    elif problem is None and not path.is_file():
        problem = f"Glossary file {path} not found"
    if problem:
        raise GlossaryError(problem, todo)


def read_not_terms(path: Path) -> frozenset[str]:
    """The not-terms of a `not-terms.txt` (first tab-separated field of each line; `#`
    comments and blank lines skipped); empty when the file is missing."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"Cannot read {path} ({exc})", "Save it as UTF-8 text.") from None
    fields = (line.split("\t", 1)[0].strip() for line in lines if not line.startswith("#"))
    return frozenset(f for f in fields if f)


def default_glossary() -> Glossary:
    """The shipped glossary and the user's (the default of every stage; a command given
    `--glossary` files loads its own). Loaded again only when a layer file changed, so a
    long review session sees the user's edits and repeated calls cost a few `stat`s."""
    stamp = []
    for path in [p for _, p in layer_files()] + [shipped_dir() / NOT_TERMS_FILE]:
        info = path.stat() if path.exists() else None
        stamp.append((str(path), info.st_mtime_ns if info else 0, info.st_size if info else -1))
    return _load_default(tuple(stamp))


@lru_cache(maxsize=4)
def _load_default(stamp: tuple) -> Glossary:
    return load_glossary()


def load_glossary(extra: Sequence[Path] = (), user: bool = True) -> Glossary:
    """Load and layer the shipped glossary, the user's TSV and `extra` files."""
    glossary = Glossary(not_terms=read_not_terms(shipped_dir() / NOT_TERMS_FILE))
    for label, path in layer_files(extra, user):
        glossary.sources[label] = path
        for entry in read_any(path, layer=label):
            glossary.entries[entry.zh] = entry
    return glossary


# --- formats ---------------------------------------------------------------------------------

READERS: dict[str, Callable[[Path, str], list[Entry]]] = {
    "tsv": read_tsv,
    "csv": read_csv,
    "tbx": read_tbx,
}
WRITERS: dict[str, Callable[[Iterable[Entry]], str]] = {
    "tsv": tsv_text,
    "csv": csv_text,
    "tbx": tbx_text,  # TBX-Basic 2008 (martif): what CAT tools read
    "tbx3": tbx3_text,  # TBX v3 (ISO 30042:2019)
}
SUFFIXES = {".tsv": "tsv", ".txt": "tsv", ".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}


def format_of(path: Path) -> str:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        raise GlossaryError(
            f"Unknown glossary format for {path.name}", "Use a .tsv, .csv or .tbx file."
        ) from None


def read_any(path: Path, layer: str = "") -> list[Entry]:
    """Entries of a TSV, CSV or TBX file (chosen by suffix)."""
    check_file(path)
    return READERS[format_of(path)](path, layer)


def numbered_rows(path: Path) -> list[tuple[int, Row, Entry]]:
    """(line, raw row, entry) of every row of a TSV, CSV or TBX file (TBX: its term entries)."""
    check_file(path)
    fmt = format_of(path)
    if fmt == "tbx":
        return [(line, Row(line, e.to_row()), e) for line, e in tbx_entries(path)]
    rows = read_rows(path) if fmt == "tsv" else csv_rows(path)
    return [(r.line, r, entry_from_fields(r.fields, str(path))) for r in rows]


def export_text(entries: Iterable[Entry], fmt: str) -> str:
    """The entries in a registered format (tsv, csv, tbx, tbx3)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise GlossaryError(
            f"Unknown export format {fmt!r}", f"Use one of: {', '.join(WRITERS)}."
        ) from None
    return writer(entries)
