"""The CSV and TBX glossary formats (`terms.files` registers them by name beside TSV).

TBX is written in the TBX-Basic dialect, in one of two forms with the same content:
`tbx` is TBX-Basic 2008 (ISO 30042:2008, root `<martif type="TBX-Basic">` without a
namespace, `termEntry/langSet/tig`), the form OmegaT, translate-toolkit and most CAT tools
in use read; `tbx3` is TBX v3 (ISO 30042:2019, `<tbx>` in its namespace, DCA style,
`conceptEntry/langSec/termSec`). One entry per term: a language section for zh and one for
en, the category as `descrip type="subjectField"`, the note and source as `note` /
`admin type="source"`, the pinyin as a note on the Chinese term, Chinese variants as
admitted terms, and the status as the English term's administrativeStatus (approved =
preferred, provisional = admitted). The reader takes both forms; it refuses a DOCTYPE with
an internal subset and any entity (no DTD is ever loaded, and an entity's text never
becomes a term).

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
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import GlossaryError
from ..textutil import xml_safe
from .glossary import COLUMNS, Entry, Row, entry_from_fields

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"
PINYIN_NOTE = "pinyin: "


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


@dataclass(frozen=True)
class TbxForm:
    """The element names and root of one TBX form; the content model is the same in both."""

    root: str
    header: str
    entry: str
    lang_sec: str
    term_sec: str
    namespace: str = ""
    root_attrs: tuple[tuple[str, str], ...] = ()
    doctype: str = ""


TBX_2008 = TbxForm(
    "martif",
    "martifHeader",
    "termEntry",
    "langSet",
    "tig",
    doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
)
TBX_V3 = TbxForm(
    "tbx",
    "tbxHeader",
    "conceptEntry",
    "langSec",
    "termSec",
    namespace=TBX_NS,
    root_attrs=(("style", "dca"),),
)
# Names the XCS file of TBX-Basic 2008, as its instances do (the dialect's data categories).
TBX_BASIC_XCS = "TBXBasicXCSV02.xcs"


def tbx_text(entries: Iterable[Entry]) -> str:
    """The entries as a TBX-Basic 2008 (`martif`) document: the form CAT tools read."""
    return tbx_document(entries, TBX_2008)


def tbx3_text(entries: Iterable[Entry]) -> str:
    """The entries as a TBX-Basic document in TBX v3 form (ISO 30042:2019, DCA)."""
    return tbx_document(entries, TBX_V3)


def tbx_document(entries: Iterable[Entry], form: TbxForm) -> str:
    """The entries as a TBX-Basic document in `form`."""
    from lxml import etree

    def sub(parent, tag: str, text: str = "", **attrs: str):
        name = f"{{{form.namespace}}}{tag}" if form.namespace else tag
        element = etree.SubElement(parent, name, attrs)
        if text:
            element.text = xml_safe(text)  # control characters are not XML
        return element

    attrs = {"type": "TBX-Basic", **dict(form.root_attrs), XML_LANG: "en"}
    if form.namespace:
        root = etree.Element(f"{{{form.namespace}}}{form.root}", attrs, nsmap={None: TBX_NS})
    else:
        root = etree.Element(form.root, attrs)
    header = sub(root, form.header)
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", "bilingual glossary")
    sub(sub(file_desc, "sourceDesc"), "p", "Exported by bilingual (zh → en political glossary).")
    if not form.namespace:
        sub(sub(header, "encodingDesc"), "p", TBX_BASIC_XCS, type="XCSURI")
    body = sub(sub(root, "text"), "body")
    number = 0
    for number, entry in enumerate(entries, start=1):
        concept = sub(body, form.entry, id=f"c{number}")
        if entry.category:
            sub(concept, "descrip", entry.category, type="subjectField")
        if entry.source:
            sub(concept, "admin", entry.source, type="source")
        if entry.note:
            sub(concept, "note", entry.note)
        zh_sec = sub(concept, form.lang_sec, **{XML_LANG: "zh"})
        term_sec = sub(zh_sec, form.term_sec)
        sub(term_sec, "term", entry.zh)
        sub(term_sec, "termNote", PREFERRED, type="administrativeStatus")
        if entry.pinyin:
            sub(term_sec, "note", PINYIN_NOTE + entry.pinyin)
        for variant in entry.zh_variants:
            variant_sec = sub(zh_sec, form.term_sec)
            sub(variant_sec, "term", variant)
            sub(variant_sec, "termNote", ADMITTED, type="administrativeStatus")
        en_sec = sub(concept, form.lang_sec, **{XML_LANG: "en"})
        status = PREFERRED if entry.status == "approved" else ADMITTED
        en_term = sub(en_sec, form.term_sec)
        sub(en_term, "term", entry.en)
        sub(en_term, "termNote", status, type="administrativeStatus")
        for alternative in entry.en_alternatives:
            alt_sec = sub(en_sec, form.term_sec)
            sub(alt_sec, "term", alternative)
            sub(alt_sec, "termNote", "deprecatedTerm-admn-sts", type="administrativeStatus")
    if not number:
        raise GlossaryError("No terms to export: a TBX body needs at least one", "Add terms first.")
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return head + (form.doctype + "\n" if form.doctype else "") + text


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
