"""Glossary files in and out (TSV, CSV, TBX) and the edits the CLI makes to one file.

Formats register in `READERS` / `WRITERS` by name. TBX is written as TBX v3 (ISO 30042:2019)
in the TBX-Basic dialect, DCA style — the dialect CAT tools (Trados, memoQ, Xbench) import:
one `conceptEntry` per term, a `langSec` for zh and one for en, the category as
`descrip type="subjectField"`, the note and source as `note` / `admin type="source"`, the
pinyin as a note on the Chinese term, Chinese variants as admitted terms, and the status as
the English term's administrativeStatus (approved = preferred, provisional = admitted).
The reader also takes TBX v2 / TBX-Basic 2008 (`martif`, `termEntry`, `langSet`, `tig`);
it refuses a DOCTYPE with an internal subset and any entity (no DTD is ever loaded, and an
entity's text never becomes a term).

CSV is written for spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return is written with `'` before it, as spreadsheet users expect (so it is not run
as a formula); a cell that starts with `'` gets another. Reading takes one such `'` off
again, so a glossary goes through export and import unchanged.

Import checks every row as `glossary add` checks a term (Chinese and English both there,
Chinese characters in zh, a known status) and refuses a row with more cells than the
header; nothing is written while any row is refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .errors import GlossaryError
from .glossary import (
    COLUMNS,
    HAN,
    STATUSES,
    Entry,
    Row,
    check_file,
    entry_from_fields,
    read_rows,
    read_tsv,
    shipped_dir,
    tsv_text,
    write_text,
)
from .paths import link_problem, resolved

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"
PINYIN_NOTE = "pinyin: "
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --- CSV ---------------------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(path: Path) -> list[Row]:
    """The rows of a CSV file with a header row naming at least zh and en, with the line
    each starts on, formula guards (`'`) taken off and cells past the header kept apart."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"Cannot read {path} ({exc})", "Save it as UTF-8 CSV.") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "zh" not in fields or "en" not in fields:
        raise GlossaryError(
            f"{path}: the header row has no zh and en columns", "Add a header row: zh,en,…"
        )
    reader.fieldnames = fields
    rows = []
    line = reader.line_num + 1
    for record in reader:
        extra = tuple(record.pop(None, None) or ())  # DictReader's key for extra cells
        cells = {k: _unguard(v or "") for k, v in record.items()}
        rows.append(Row(line, cells, extra))
        line = reader.line_num + 1
    return rows


def read_csv(path: Path, layer: str = "") -> list[Entry]:
    """Entries of a CSV file with a header row naming at least zh and en."""
    entries = [entry_from_fields(row.fields, layer or str(path)) for row in csv_rows(path)]
    return [e for e in entries if e.zh]


def csv_text(entries: Iterable[Entry]) -> str:
    """Entries as CSV for spreadsheets: formula-like cells guarded with `'` (module doc)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({k: _guard(v) for k, v in entry.to_row().items()})
    return out.getvalue()


def _guard(value: str) -> str:
    return "'" + value if value.startswith((*FORMULA_STARTS, "'")) else value


def _unguard(value: str) -> str:
    guarded = value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "'"))
    return value[1:] if guarded else value


# --- TBX ---------------------------------------------------------------------------------------


def tbx_text(entries: Iterable[Entry]) -> str:
    """The entries as a TBX-Basic (TBX v3, DCA) document."""
    from lxml import etree

    def sub(parent, tag: str, text: str = "", **attrs: str):
        element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
        if text:
            element.text = XML_INVALID.sub("", text)  # control characters are not XML
        return element

    root = etree.Element(
        f"{{{TBX_NS}}}tbx",
        {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"},
        nsmap={None: TBX_NS},
    )
    header = sub(root, "tbxHeader")
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", "bilingual glossary")
    sub(sub(file_desc, "sourceDesc"), "p", "Exported by bilingual (zh → en political glossary).")
    body = sub(sub(root, "text"), "body")
    number = 0
    for number, entry in enumerate(entries, start=1):
        concept = sub(body, "conceptEntry", id=f"c{number}")
        if entry.category:
            sub(concept, "descrip", entry.category, type="subjectField")
        if entry.source:
            sub(concept, "admin", entry.source, type="source")
        if entry.note:
            sub(concept, "note", entry.note)
        zh_sec = sub(concept, "langSec", **{XML_LANG: "zh"})
        term_sec = sub(zh_sec, "termSec")
        sub(term_sec, "term", entry.zh)
        sub(term_sec, "termNote", PREFERRED, type="administrativeStatus")
        if entry.pinyin:
            sub(term_sec, "note", PINYIN_NOTE + entry.pinyin)
        for variant in entry.zh_variants:
            variant_sec = sub(zh_sec, "termSec")
            sub(variant_sec, "term", variant)
            sub(variant_sec, "termNote", ADMITTED, type="administrativeStatus")
        en_sec = sub(concept, "langSec", **{XML_LANG: "en"})
        status = PREFERRED if entry.status == "approved" else ADMITTED
        en_term = sub(en_sec, "termSec")
        sub(en_term, "term", entry.en)
        sub(en_term, "termNote", status, type="administrativeStatus")
        for alternative in entry.en_alternatives:
            alt_sec = sub(en_sec, "termSec")
            sub(alt_sec, "term", alternative)
            sub(alt_sec, "termNote", "deprecatedTerm-admn-sts", type="administrativeStatus")
    if not number:
        raise GlossaryError("No terms to export: a TBX body needs at least one", "Add terms first.")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _local(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, *names: str) -> list:
    return [c for c in element if _local(c) in names]


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def read_tbx(path: Path, layer: str = "") -> list[Entry]:
    """Entries of a TBX file (v3 TBX-Basic/Core, or v2 martif); zh and en language sections."""
    return [entry for _, entry in tbx_entries(path, layer)]


def tbx_entries(path: Path, layer: str = "") -> list[tuple[int, Entry]]:
    """(line, entry) of each zh–en term entry of a TBX file; DTDs and entities refused."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False
    )
    try:
        tree = etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise GlossaryError(f"{path} is not well-formed TBX ({exc})", "Check the file.") from None
    entity = next(tree.iter(etree.Entity), None)
    # a DOCTYPE naming an external DTD (TBX v2 files have one) is fine: it is never loaded;
    # one with declarations of its own ([ <!ENTITY …> ]) is refused
    dtd = tree.docinfo.internalDTD
    declares = dtd is not None and (any(dtd.iterelements()) or any(dtd.iterentities()))
    if declares or entity is not None:
        what = f"the entity {entity.text}" if entity is not None else "a DTD of its own"
        raise GlossaryError(
            f"{path} uses {what}: DTDs and entities are not read (their text could be "
            "anything, even another file's)",
            "Remove the DOCTYPE's [ … ] part and the entities, or export the TBX again.",
        )
    entries: list[tuple[int, Entry]] = []
    for concept in tree.iter():
        if _local(concept) not in ("conceptEntry", "termEntry"):
            continue
        fields: dict[str, str] = {}
        notes: list[str] = []
        for child in concept:
            kind = _local(child)
            if kind == "descrip" and child.get("type") == "subjectField":
                fields["category"] = _text(child)
            elif kind == "admin" and child.get("type") == "source":
                fields["source"] = _text(child)
            elif kind == "note":
                notes.append(_text(child))
        fields["note"] = " ".join(notes)
        zh_terms: list[str] = []
        en_terms: list[tuple[str, str]] = []
        for lang_sec in _children(concept, "langSec", "langSet"):
            lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").lower()
            for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
                term = next((t for t in term_sec.iter() if _local(t) == "term"), None)
                if term is None or not _text(term):
                    continue
                status = ""
                for extra in term_sec.iter():
                    if _local(extra) == "termNote" and extra.get("type") == "administrativeStatus":
                        status = _text(extra)
                    elif _local(extra) == "note" and _text(extra).startswith(PINYIN_NOTE):
                        fields["pinyin"] = _text(extra)[len(PINYIN_NOTE) :]
                if lang.startswith("zh"):
                    zh_terms.append(_text(term))
                elif lang.startswith("en"):
                    en_terms.append((_text(term), status))
        if not zh_terms or not en_terms:
            continue
        fields["zh"] = zh_terms[0]
        (en, status), others = en_terms[0], en_terms[1:]
        fields["en"] = en
        fields["status"] = "provisional" if status == ADMITTED else "approved"
        fields["variants"] = "|".join(zh_terms[1:] + [t for t, _ in others])
        entries.append((concept.sourceline or 0, entry_from_fields(fields, layer or str(path))))
    if not entries:
        raise GlossaryError(f"{path} holds no zh–en term entries", "Check the TBX languages.")
    return entries


# --- registry ----------------------------------------------------------------------------------

READERS: dict[str, Callable[[Path, str], list[Entry]]] = {
    "tsv": read_tsv,
    "csv": read_csv,
    "tbx": read_tbx,
}
WRITERS: dict[str, Callable[[Iterable[Entry]], str]] = {
    "tsv": tsv_text,
    "csv": csv_text,
    "tbx": tbx_text,
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


def export_text(entries: Iterable[Entry], fmt: str) -> str:
    """The entries in a registered format (tsv, csv, tbx)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise GlossaryError(
            f"Unknown export format {fmt!r}", f"Use one of: {', '.join(WRITERS)}."
        ) from None
    return writer(entries)


# --- edits to one file ---------------------------------------------------------------------------


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


def numbered_rows(path: Path) -> list[tuple[int, Row, Entry]]:
    """(line, raw row, entry) of every row of a TSV, CSV or TBX file (TBX: its term entries)."""
    check_file(path)
    fmt = format_of(path)
    if fmt == "tbx":
        return [(line, Row(line, e.to_row()), e) for line, e in tbx_entries(path)]
    rows = read_rows(path) if fmt == "tsv" else csv_rows(path)
    return [(r.line, r, entry_from_fields(r.fields, str(path))) for r in rows]


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
