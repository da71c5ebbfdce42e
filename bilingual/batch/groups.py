"""Which pages make which edition: SOURCE arguments (files, folders, globs) → page files →
groups, one edition each.

`file` (the default) makes an edition of each page; `dir` one of each folder's pages; `date`
one of each day's pages. A page's date is the first date in its file name (2024-03-05,
2024_03_05, 20240305 or 2024年3月5日), else the first date in the first lines of its text,
where a masthead prints it (text pages only: a PDF's or an image's text is not read just to
group it); a page with neither goes to the edition named `undated`.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest.pages import TEXT_SUFFIXES

GROUPINGS = ("file", "dir", "date")
PAGE_SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
MASTHEAD_CHARS = 400  # how far into a text page a masthead date is looked for
UNDATED = "undated"

_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_CHINESE_DATE = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(1[0-2]|0?[1-9])\s*月\s*(3[01]|[12]\d|0?[1-9])\s*日"
)


@dataclass(frozen=True)
class Group:
    """One edition to make: its directory name and its pages in order."""

    name: str
    sources: tuple[Path, ...]


def expand(sources: Iterable[str | Path], skip: Path | None = None) -> list[Path]:
    """Page files named by `sources`: files as given, folders' page files (recursively, by
    suffix, hidden ones left out), glob patterns expanded; each file once, in order. Files
    under `skip` (the output directory) are left out, so a rerun never reads its own output."""
    found: list[Path] = []
    for source in map(str, sources):
        path = Path(source)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in PAGE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found.append(path)
        elif glob.has_magic(source):
            found += sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        else:
            raise InputError(f"No such file or folder: {source}", "Check the path.")
    skip = skip.resolve() if skip else None
    unique = {p.resolve(): p for p in found if not (skip and p.resolve().is_relative_to(skip))}
    if not unique:
        raise InputError(
            f"No page files in {', '.join(map(str, sources))}",
            f"Pages are {', '.join(PAGE_SUFFIXES)} files.",
        )
    return list(unique.values())


def page_date(path: Path) -> str | None:
    """The page's date as YYYY-MM-DD (see the module docstring), or None."""
    match = _NAME_DATE.search(path.name) or _CHINESE_DATE.search(path.name)
    if match is None and path.suffix.lower() in TEXT_SUFFIXES:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                match = _CHINESE_DATE.search(handle.read(MASTHEAD_CHARS))
        except OSError:
            return None  # ingest reports the unreadable page
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def group(pages: Sequence[Path], by: str = "file") -> list[Group]:
    """Pages → editions, in the order their first pages came; edition names are unique."""
    if by not in GROUPINGS:
        raise InputError(f"Unknown grouping '{by}'", f"Choose one of: {', '.join(GROUPINGS)}.")
    groups: dict[str, list[Path]] = {}
    for page in pages:
        if by == "file":
            key = page.stem
        elif by == "dir":
            key = page.parent.resolve().name or "pages"
        else:
            key = page_date(page) or UNDATED
        groups.setdefault(key, []).append(page)
    if by == "file":
        return _unique_files(groups)
    return [Group(name, tuple(paths)) for name, paths in groups.items()]


def _unique_files(groups: dict[str, list[Path]]) -> list[Group]:
    """One group per page; pages sharing a stem (a.txt, a.pdf, x/a.txt) get their folder and
    suffix added to the name until the names differ."""
    out = []
    for stem, paths in groups.items():
        for path in paths:
            name = stem
            if len(paths) > 1:
                name = f"{path.parent.name}-{stem}" if path.parent.name else stem
                name += path.suffix.replace(".", "-")
            out.append(Group(name, (path,)))
    names = [g.name for g in out]
    return [
        g if names.count(g.name) == 1 else Group(f"{g.name}-{i}", g.sources)
        for i, g in enumerate(out, 1)
    ]
