"""XLIFF 2.1 export and reading: one `<unit>` per sentence, for translators' CAT tools.

The file holds one `<group>` per article and, in it, one `<unit>` per sentence in document
order: the unit id is the sentence id, its `type` the block kind (`bilingual:title`), and
its one `<segment>` the Chinese source and, when there is English, the target. The segment's
`state` follows the review status (untranslated → initial, machine → translated, edited →
reviewed, approved → final) and its `subState` keeps the exact status (`bilingual:edited`).
A word gloss is not a translation: its unit stays `initial`, with no target, and the gloss
goes in a note as a reading aid. Unit notes say who made the English (`origin`), each open
QA flag (`flag`) and each glossary term of the sentence with its approved English (`term`).

`read_units` reads an edited file back (any XLIFF 2.x, safely: no DTD, no entities) as
(id, source, target, state) per unit; `bilingual.interchange` applies them as edits.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from ..document import APPROVED, EDITED, MACHINE, UNTRANSLATED, Pair, Signature
from ..document import origin as made_by
from ..errors import InputError
from ..store import EditionStore
from ..terms.analysis import analyse
from ..terms.files import default_glossary
from ..terms.glossary import Glossary
from ..textutil import xml_safe
from .tmx import is_word_gloss
from .view import origin_label

NS = "urn:oasis:names:tc:xliff:document:2.0"
VERSION = "2.1"
SRC_LANG, TGT_LANG = "zh-CN", "en"
STATES = {UNTRANSLATED: "initial", MACHINE: "translated", EDITED: "reviewed", APPROVED: "final"}
SUB_STATE = "bilingual:"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def origin(pair: Pair) -> str:
    """Who made the pair's English, for people: the engine and model, or a person."""
    if not pair.en.strip():
        return "not translated yet"
    signature = Signature.parse(pair.signature)
    # the engine's origin (`ct2:NAME` …), also for a pair a reviewer edited since
    made = origin_label(made_by(replace(pair, status=MACHINE))) if signature.engine else "unknown"
    if signature.model_label:
        made += f" ({signature.model_label})"
    if pair.status == EDITED:
        return f"edited by a reviewer (first: {made})"
    if pair.status == APPROVED:
        return f"{made}, approved by a reviewer"
    return made


def _sub(parent: etree._Element, tag: str, text: str = "", **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    if text:
        element.text = xml_safe(text)  # lxml refuses XML-invalid characters
    return element


def _notes(pair: Pair, glossary: Glossary) -> Iterator[tuple[str, str]]:
    """(category, text) of the unit's notes."""
    yield "origin", origin(pair)
    if is_word_gloss(pair) and pair.en.strip():
        yield "word-gloss", pair.en
    for flag in pair.flags:
        if flag.code != "word-gloss":  # the word-gloss note says so already
            yield "flag", str(flag)
    terms = analyse(pair.zh, pair.kind, glossary).terms
    for entry in {m.entry.zh: m.entry for m in terms}.values():
        yield "term", f"{entry.zh} → {entry.en}"


def write_xliff(
    store: EditionStore,
    statuses: Collection[str] | None = None,
    glossary: Glossary | None = None,
) -> str:
    """The edition's pairs (those with a status in `statuses`, default all) as XLIFF 2.1."""
    glossary = default_glossary() if glossary is None else glossary
    root = etree.Element(
        f"{{{NS}}}xliff",
        {"version": VERSION, "srcLang": SRC_LANG, "trgLang": TGT_LANG},
        nsmap={None: NS},
    )
    file = _sub(root, "file", id="f1", original=store.name)
    groups: dict[int, etree._Element] = {}
    for pair in store.pairs():
        if statuses is not None and pair.status not in statuses:
            continue
        if pair.article not in groups:
            groups[pair.article] = _sub(file, "group", id=f"a{pair.article}")
        unit = _sub(groups[pair.article], "unit", id=pair.sid, type=f"bilingual:{pair.kind}")
        notes = _sub(unit, "notes")
        for category, text in _notes(pair, glossary):
            _sub(notes, "note", text, category=category)
        target = "" if is_word_gloss(pair) else pair.en.strip()
        state = STATES.get(pair.status, "initial") if target else "initial"
        segment = _sub(unit, "segment", state=state, subState=SUB_STATE + pair.status)
        _sub(segment, "source", pair.zh)
        if target:
            _sub(segment, "target", target)
    if not groups:  # a file needs a unit or a group: no pair has the statuses asked for
        _sub(file, "group", id="empty")
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text


@dataclass(frozen=True)
class Unit:
    """One unit of an XLIFF file as read back: its segments joined."""

    id: str
    source: str
    target: str | None  # None: no target at all
    state: str
    line: int


def _text(element: etree._Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def read_units(path: Path) -> list[Unit]:
    """The units of an XLIFF 2.x file; a DTD, entities or another format are refused."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.parse(str(path), parser)
    except OSError as exc:
        raise InputError(f"Cannot read {path} ({exc})", "Check the path.") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is not well-formed XML ({exc})", "Check the file.") from None
    if tree.docinfo.internalDTD is not None or next(tree.iter(etree.Entity), None) is not None:
        raise InputError(
            f"{path} declares a DTD or uses entities, which are not read",
            "Export the XLIFF again without a DOCTYPE.",
        )
    root = tree.getroot()
    if root.tag != f"{{{NS}}}xliff" or not (root.get("version") or "").startswith("2."):
        found = f"{root.get('version')}" if root.get("version") else "no version"
        raise InputError(
            f"{path} is not an XLIFF 2 file (root {etree.QName(root).localname}, {found})",
            "Give the XLIFF 2.1 file `bilingual export --format xliff` wrote, edited.",
        )
    units = []
    for unit in root.iter(f"{{{NS}}}unit"):
        segments = unit.findall(f"{{{NS}}}segment")
        targets = [s.find(f"{{{NS}}}target") for s in segments]
        has_target = any(t is not None for t in targets)
        states = {s.get("state", "initial") for s in segments}
        units.append(
            Unit(
                id=unit.get("id", ""),
                source="".join(_text(s.find(f"{{{NS}}}source")) for s in segments),
                target=" ".join(_text(t).strip() for t in targets if t is not None)
                if has_target
                else None,
                # a unit is as far along as its least advanced segment
                state=min(states, key=list(STATES.values()).index, default="initial")
                if states <= set(STATES.values())
                else "initial",
                line=unit.sourceline or 0,
            )
        )
    return units
