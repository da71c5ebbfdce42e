"""Lint glossary files: problems a person should fix before the glossary is trusted.

Each check is a function in `CHECKS` taking the rows of one layer (the shipped directory is
one layer, however many files it has) and yielding Problems. Codes:

- `duplicate`   the same zh twice in one layer with different English
- `empty`       a required field is empty (shipped: zh en pinyin category source; others: zh en)
- `pinyin`      the pinyin is not a reading of the characters (pypinyin heteronyms; a syllable
                written without its tone is accepted as the neutral tone)
- `whitespace`  leading/trailing or doubled spaces, or any space inside the Chinese
- `shadowed`    a Chinese surface that can never match as its own term (another entry or
                variant takes it)
- `status`      a status other than approved / provisional
- `script`      zh without Chinese characters, en with Chinese characters, or half-width
                punctuation inside zh (ingested text has full-width punctuation)
- `source`      an internal research note in `source` or `note` (an index id, a tool's trail,
                a working file): a reader-facing source names a document and year, or a URL
- `not-term`    a line of the shipped `not-terms.txt` that holds no term (it guards nothing)
                or that is itself a term or variant (it would hide nothing, or the term)
- `cells`       a row with more (non-empty) cells than the header: they belong to no field

House rules, for the project's own shipped files (`lint_files(..., house=True)`, which
`scripts/glossary_pinyin.py check` runs; a user's `glossary lint` does not):

- `format`      a BOM, CR line endings, a header other than the eight columns in order, a row
                without eight fields, or a field starting with a double quote
- `category`    a category outside `CATEGORIES`
- `house`       a house rendering (source "house rendering") that is not provisional
- `short`       a term with fewer than two Han characters
- `repeated`    a Chinese form (term or variant) given twice across the shipped files
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..textutil import HAN
from .files import NOT_TERMS_FILE, numbered_rows, read_rows, read_tsv
from .glossary import COLUMNS, STATUSES, Entry, Glossary, Row, entry_from_fields, skeleton
from .matcher import match
from .names import pinyin_of

SHIPPED_REQUIRED = ("zh", "en", "pinyin", "category", "source")
CATEGORIES = frozenset(
    [
        "party",
        "state",
        "title",
        "admin",
        "slogan",
        "epidemic",
        "civilisation",
        "governance",
        "military",
        "economy",
        "law",
        "media",
        "place",
        "discipline",
        "rural",
        "statistics",
        "hkmt",
        "foreign",
        "ecology",
        "social",
        "health",
        "education",
        "science",
        "culture",
        "history",
        "person",
    ]
)
OTHER_REQUIRED = ("zh", "en")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code}: {self.message}"

    def to_json(self) -> dict:
        return {
            "path": str(self.path),
            "line": self.line,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True)
class LayerRow:
    path: Path
    row: Row
    entry: Entry


Check = Callable[[list[LayerRow], bool], Iterator[Problem]]


def _problem(item: LayerRow, code: str, message: str) -> Problem:
    return Problem(item.path, item.row.line, code, message)


def check_duplicates(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    first: dict[str, LayerRow] = {}
    for item in rows:
        zh = item.entry.zh
        if zh in first and first[zh].entry.en != item.entry.en:
            before = first[zh]
            yield _problem(
                item,
                "duplicate",
                f"{zh} → {item.entry.en!r}, but {before.path.name}:{before.row.line} "
                f"has {before.entry.en!r}",
            )
        first.setdefault(zh, item)


def check_empty(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    required = SHIPPED_REQUIRED if shipped else OTHER_REQUIRED
    for item in rows:
        empty = [c for c in required if not (item.row.fields.get(c) or "").strip()]
        if empty:
            yield _problem(item, "empty", f"{item.entry.zh or '(no zh)'}: empty {', '.join(empty)}")


def check_whitespace(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    for item in rows:
        for column, value in item.row.fields.items():
            if value != value.strip() or "  " in value:
                yield _problem(item, "whitespace", f"{column} {value!r}: stray spaces")
            elif column == "zh" and re.search(r"[\s\u3000]", value):
                yield _problem(item, "whitespace", f"zh {value!r}: space inside Chinese")


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    marked = pinyin(char, style=Style.TONE, heteronym=True)[0]
    plain = pinyin(char, style=Style.NORMAL, heteronym=True, v_to_u=True)[0]
    return frozenset(unicodedata.normalize("NFC", r.lower()) for r in marked + plain)


def _squash(pinyin: str) -> str:
    text = unicodedata.normalize("NFC", pinyin.lower().replace("v", "ü"))
    return re.sub(r"[\W_]+", "", text)


def pinyin_agrees(zh: str, pinyin: str) -> bool:
    """Whether `pinyin` (any spacing, tone marks or neutral tone) is a reading of `zh`."""
    target = _squash(pinyin)
    positions = {0}
    for char in zh:
        if HAN.match(char):
            options = _readings(char)
        elif char.isalnum():
            options = frozenset({char.lower(), ""})
        else:
            continue
        positions = {p + len(r) for p in positions for r in options if target.startswith(r, p)}
        if not positions:
            return False
    return len(target) in positions


def check_pinyin(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    for item in rows:
        entry = item.entry
        if entry.zh and entry.pinyin and not pinyin_agrees(entry.zh, entry.pinyin):
            yield _problem(
                item, "pinyin", f"{entry.zh}: {entry.pinyin!r} (pypinyin: {pinyin_of(entry.zh)})"
            )


def check_status(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    for item in rows:
        if item.entry.status not in STATUSES:
            yield _problem(item, "status", f"{item.entry.zh}: status {item.entry.status!r}")


def check_script(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    for item in rows:
        zh, en = item.entry.zh, item.entry.en
        if zh and not HAN.search(zh):
            yield _problem(item, "script", f"{zh!r}: no Chinese characters in zh")
        if HAN.search(en):
            yield _problem(item, "script", f"{zh}: Chinese characters in en {en!r}")
        if re.search(r"[,;:!?()]", zh):
            yield _problem(item, "script", f"{zh}: half-width punctuation in zh never matches")


def check_shadowed(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    glossary = Glossary.from_entries(item.entry for item in rows if item.entry.zh)
    for item in rows:
        entry = item.entry
        if not entry.zh or glossary.entries.get(entry.zh) is not entry:
            continue  # overridden duplicate: reported by check_duplicates
        for surface in (entry.zh, *entry.zh_variants):
            matches = match(surface, glossary)
            own = len(matches) == 1 and matches[0].entry.zh == entry.zh
            if not own:
                taken = ", ".join(m.surface for m in matches if m.entry.zh != entry.zh)
                yield _problem(
                    item, "shadowed", f"{surface} ({entry.zh}) can never match: {taken} wins"
                )


# Traces of research tools and working files that must not reach readers (TBX, `glossary show`):
# "code-index-file:5571…", "(repo not resolved by index)", "github:owner/repo/path.rst",
# "political-terms.tsv", "seed-page body" (the working sample), a search tool's verb, a to-do
# marker.
INTERNAL_NOTE = re.compile(
    r"code-index|not resolved|\bgithub:|political-terms\.tsv|\bseed-page\b|"
    r"\b(?:find_string|find_files|find_repos|read_file)\b|\b(?:TODO|FIXME|XXX)\b",
    re.IGNORECASE,
)


def check_source(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    for item in rows:
        for column in ("source", "note"):
            value = item.row.fields.get(column) or ""
            if found := INTERNAL_NOTE.search(value):
                yield _problem(
                    item,
                    "source",
                    f"{item.entry.zh}: {column} holds an internal note ({found.group(0)!r}); "
                    "cite a document and year, or a URL",
                )


def check_cells(rows: list[LayerRow], shipped: bool) -> Iterator[Problem]:
    for item in rows:
        extra = [c for c in item.row.extra if c.strip()]
        if extra:
            shown = ", ".join(repr(c) for c in extra)
            yield _problem(
                item, "cells", f"{item.entry.zh or '(no zh)'}: cells past the header: {shown}"
            )


def check_house(rows: list[LayerRow]) -> Iterator[Problem]:
    """The shipped files' house rules on each row (see the module docstring)."""
    seen: dict[str, LayerRow] = {}
    for item in rows:
        entry, fields = item.entry, item.row.fields
        if any(v.startswith('"') for v in fields.values()):
            yield _problem(item, "format", f"{entry.zh}: a field starts with a double quote")
        if entry.category not in CATEGORIES:
            yield _problem(item, "category", f"{entry.zh}: unknown category {entry.category!r}")
        if entry.source == "house rendering" and entry.status != "provisional":
            yield _problem(item, "house", f"{entry.zh}: a house rendering must be provisional")
        if len(HAN.findall(entry.zh)) < 2:
            yield _problem(item, "short", f"{entry.zh}: fewer than two Han characters")
        for form in (entry.zh, *entry.variants):
            if form in seen:
                first = seen[form]
                where = f"{first.path.name}:{first.row.line}"
                yield _problem(item, "repeated", f"{form!r} is already in {where}")
            seen.setdefault(form, item)


def check_file_format(path: Path) -> list[Problem]:
    """A shipped TSV's layout: no BOM or CR, the eight columns in order, eight fields a row."""
    raw = path.read_bytes()
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(path, 1, "format", "BOM at the start of the file"))
    if b"\r" in raw:
        problems.append(Problem(path, 1, "format", "CR line endings"))
    lines = raw.decode("utf-8", "replace").lstrip("\ufeff").replace("\r", "").split("\n")
    if lines[0].split("\t") != list(COLUMNS):
        problems.append(Problem(path, 1, "format", f"the header must be {'|'.join(COLUMNS)}"))
    for number, line in enumerate(lines[1:], start=2):
        if line and not line.startswith("#") and len(line.split("\t")) != len(COLUMNS):
            fields = len(line.split("\t"))
            problems.append(Problem(path, number, "format", f"{fields} fields, not 8"))
    return problems


CHECKS: dict[str, Check] = {
    "duplicate": check_duplicates,
    "empty": check_empty,
    "whitespace": check_whitespace,
    "pinyin": check_pinyin,
    "status": check_status,
    "script": check_script,
    "shadowed": check_shadowed,
    "source": check_source,
    "cells": check_cells,
}


def _rows(path: Path) -> list[Row]:
    """Raw rows of a TSV or CSV file; for TBX, rows rebuilt from its term entries (at the
    line each starts on)."""
    if path.suffix.lower() in (".tsv", ".txt"):
        return read_rows(path)
    return [row for _, row, _ in numbered_rows(path)]


def lint_layers(layers: list[tuple[str, list[Path]]]) -> list[Problem]:
    """Problems of each layer: (label, files); a label starting "shipped" gets strict checks."""
    problems: list[Problem] = []
    for label, paths in layers:
        rows: list[LayerRow] = []
        for path in paths:
            rows += [LayerRow(path, r, entry_from_fields(r.fields, label)) for r in _rows(path)]
        shipped = label.startswith("shipped")
        for check in CHECKS.values():
            problems += check(rows, shipped)
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.code))


def check_not_terms(path: Path, glossary: Glossary) -> list[Problem]:
    """Lines of a not-terms file that guard no term of `glossary`, or that are terms."""
    if not path.is_file():
        return []
    surfaces = {s for e in glossary.entries.values() for s in (e.zh, *e.zh_variants)}
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        surface = line.split("\t", 1)[0].strip()
        if not surface or line.startswith("#"):
            continue
        if surface in surfaces:
            problems.append(Problem(path, number, "not-term", f"{surface} is a term"))
        elif not glossary.find(skeleton(surface)[0]):
            problems.append(Problem(path, number, "not-term", f"{surface} holds no term"))
    return problems


def lint_files(files: list[tuple[str, Path]], house: bool = False) -> list[Problem]:
    """Lint `layer_files()` output: the shipped files together as one layer, others alone,
    and the shipped not-terms against the shipped terms; with `house`, the house rules."""
    shipped = [p for label, p in files if label.startswith("shipped")]
    layers: list[tuple[str, list[Path]]] = [("shipped", shipped)] if shipped else []
    layers += [(label, [p]) for label, p in files if not label.startswith("shipped")]
    problems = lint_layers(layers)
    if shipped:
        terms = Glossary.from_entries(e for p in shipped for e in read_tsv(p))
        problems += check_not_terms(shipped[0].parent / NOT_TERMS_FILE, terms)
        if house:
            rows = [LayerRow(p, r, entry_from_fields(r.fields, "shipped")) for p in shipped
                    for r in read_rows(p)]  # fmt: skip
            problems += list(check_house(rows))
            problems += [p for path in shipped for p in check_file_format(path)]
    return problems
