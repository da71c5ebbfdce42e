"""The edits the CLI makes to one glossary file: add, edit, remove, import.

The shipped glossary is never edited: changes go to the user's file or a file named with
`--file`, written atomically in that file's own format.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import GlossaryError
from ..paths import link_problem, resolved
from ..textutil import HAN
from .files import export_text, format_of, numbered_rows, read_any, shipped_dir, write_text
from .glossary import STATUSES, Entry, Row


def _writable(path: Path) -> None:
    """Refuse to edit the shipped glossary: edits go to a user file or `--file`."""
    target = resolved(path)
    if target is None:
        raise GlossaryError(
            link_problem(path) or f"Cannot follow {path}", "Fix the link, or name another file."
        )
    if target.parent == shipped_dir().resolve():
        raise GlossaryError(
            f"{path} is part of the shipped glossary, which the CLI never changes",
            "Edit your own glossary (the default) or name another file with --file.",
        )


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise GlossaryError(f"Unknown status {status!r}", f"Use one of: {', '.join(STATUSES)}.")


def _load_for_edit(path: Path) -> list[Entry]:
    _writable(path)
    return [replace(e, layer="") for e in read_any(path)] if path.exists() else []


def _save(path: Path, entries: list[Entry]) -> None:
    write_text(path, export_text(entries, format_of(path)))


def entry_problem(entry: Entry) -> tuple[str, str] | None:
    """(what is wrong, what to do) with a term to be added or imported, or None."""
    if not entry.zh or not entry.en:
        return "A term needs both Chinese and English", "Give ZH and EN."
    if entry.status not in STATUSES:
        return f"Unknown status {entry.status!r}", f"Use one of: {', '.join(STATUSES)}."
    if not HAN.search(entry.zh):
        return f"{entry.zh!r} has no Chinese characters", "Give the Chinese first."
    return None


def add_entry(path: Path, entry: Entry) -> None:
    """Add a new term to a glossary file (creating it). Refuses a term already in the file."""
    entries = _load_for_edit(path)
    if any(e.zh == entry.zh for e in entries):
        raise GlossaryError(
            f"{entry.zh} is already in {path}", "Use `bilingual glossary edit` to change it."
        )
    problem = entry_problem(entry)
    if problem:
        raise GlossaryError(*problem)
    _save(path, [*entries, replace(entry, layer="")])


def edit_entry(path: Path, zh: str, base: Entry | None = None, **changes: str) -> Entry:
    """Change fields of a term in a glossary file.

    A term that is not in the file but is in a lower layer (`base`, e.g. the shipped
    glossary) is copied into the file with the changes: an override, not an edit in place.
    """
    entries = _load_for_edit(path)
    changes = {k: v for k, v in changes.items() if v is not None}
    _check_status(changes.get("status", "approved"))
    for index, entry in enumerate(entries):
        if entry.zh == zh:
            entries[index] = replace(entry, **changes)
            _save(path, entries)
            return entries[index]
    if base is None:
        raise GlossaryError(f"{zh} is not in the glossary", "Add it with `bilingual glossary add`.")
    new = replace(base, layer="", **changes)
    _save(path, [*entries, new])
    return new


def remove_entry(path: Path, zh: str) -> None:
    """Remove a term from a glossary file."""
    entries = _load_for_edit(path)
    kept = [e for e in entries if e.zh != zh]
    if len(kept) == len(entries):
        raise GlossaryError(
            f"{zh} is not in {path}",
            "Only terms of your own glossary (or --file) can be removed; "
            "override a shipped term with `bilingual glossary edit`.",
        )
    _save(path, kept)


def _import_problems(path: Path, rows: list[tuple[int, Row, Entry]]) -> list[str]:
    """`path:line: what` for every row that `glossary add` would refuse or that has cells
    past the header."""
    problems = []
    for line, row, entry in rows:
        extra = [c for c in row.extra if c.strip()]
        problem = entry_problem(entry)
        if extra:
            cells = f"{len(extra)} cells" if len(extra) > 1 else "a cell"
            problems.append(f"{path}:{line}: {cells} past the header's last column")
        elif problem:
            problems.append(f"{path}:{line}: {problem[0]}")
    return problems


def import_entries(source: Path, target: Path) -> tuple[int, int, int]:
    """Merge a TSV/CSV/TBX file into a glossary file: (added, updated, unchanged).

    Every row is checked first; a row that `glossary add` would refuse, or that has more
    cells than the header, refuses the whole import (nothing is written)."""
    rows = numbered_rows(source)
    problems = _import_problems(source, rows)
    if problems:
        count = f"{len(problems)} rows" if len(problems) > 1 else "1 row"
        raise GlossaryError(
            f"{count} cannot be imported (first: {problems[0]})",
            "Fix them (`bilingual glossary --glossary FILE lint` lists them), then import again.",
        )
    incoming = [entry for _, _, entry in rows]  # every one has zh and en (checked above)
    entries = _load_for_edit(target)
    index = {e.zh: i for i, e in enumerate(entries)}
    added = updated = unchanged = 0
    for entry in incoming:
        entry = replace(entry, layer="")
        if entry.zh not in index:
            index[entry.zh] = len(entries)
            entries.append(entry)
            added += 1
        elif entries[index[entry.zh]] != entry:
            entries[index[entry.zh]] = entry
            updated += 1
        else:
            unchanged += 1
    _save(target, entries)
    return added, updated, unchanged
