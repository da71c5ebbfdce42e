"""Interchange files read back into an edition: an edited XLIFF as review operations.

Each change goes through `review.edit` / `review.approve`, so it has its history row and
`bilingual review undo` reverts it like a change made in the reviewer. A unit must be one
of this edition's sentences: same id and same Chinese source (a CAT tool may resegment, so
the segments of a unit are joined first). Units that are not are refused, one reason each;
the others are still read in, so one stray unit does not hold up a day's work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .document import APPROVED
from .errors import InputError
from .render.xliff import read_units
from .review import approve, edit
from .store import EditionStore

# How many refused units are listed one by one before a count of the rest.
MAX_LISTED = 20


@dataclass
class ImportResult:
    """What an import did: counts, and (line, unit id, reason) of each refused unit."""

    edited: int = 0
    approved: int = 0
    unchanged: int = 0
    refused: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self, source: Path) -> str:
        counts = f"{self.edited} edited, {self.approved} approved, {self.unchanged} unchanged"
        return f"Imported {source}: {counts}, {len(self.refused)} refused."

    def refused_lines(self) -> list[str]:
        """`FILE line N: unit ID: reason`, the first MAX_LISTED, then how many more."""
        lines = [f"line {line}: unit {uid}: {why}" for line, uid, why in self.refused]
        if len(lines) > MAX_LISTED:
            lines = [*lines[:MAX_LISTED], f"… and {len(lines) - MAX_LISTED} more refused units"]
        return lines


def import_xliff(store: EditionStore, path: Path) -> ImportResult:
    """Apply the units of an edited XLIFF to the edition's pairs (see the module doc).

    Raises InputError when no unit at all belongs to the edition (the file of another
    edition, say): nothing is changed then.
    """
    units = read_units(Path(path))
    result = ImportResult()
    plan: list[tuple[str, str | None]] = []  # (sid, new English or None to approve)
    seen: set[str] = set()
    for unit in units:
        pair = store.pair(unit.id)
        if unit.id in seen:
            why = "appears twice in the file"
        elif pair is None:
            why = f"no such sentence in edition {store.name}"
        elif unit.source != pair.zh:
            why = f"its source is not the sentence's Chinese ({_short(pair.zh)})"
        else:
            why = ""
        seen.add(unit.id)
        if why:
            result.refused.append((unit.line, unit.id, why))
            continue
        assert pair is not None
        target = " ".join((unit.target or "").split())
        if target and target != pair.en:
            plan.append((pair.sid, target))
        elif target and unit.state == "final" and pair.status != APPROVED:
            plan.append((pair.sid, None))
        else:
            result.unchanged += 1
    if units and len(result.refused) == len(units):
        first = result.refused[0]
        raise InputError(
            f"None of the {len(units)} units of {path} belong to edition {store.name} "
            f"(first, line {first[0]}: unit {first[1]}: {first[2]})",
            "Import the file into the edition it was exported from.",
        )
    for sid, english in plan:
        if english is None:
            approve(store, [sid])
            result.approved += 1
        else:
            edit(store, sid, english)
            result.edited += 1
    return result


def _short(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
