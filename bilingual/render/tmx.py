"""TMX 1.4b export: one translation unit per translated sentence pair, for CAT tools (OmegaT).

By default every pair with English is written except unreviewed word glosses (a literal
CC-CEDICT gloss is no translation to remember); `statuses` writes exactly the pairs with
those review statuses instead. Each `tu` carries the sentence id as `tuid`, the review
status as `<prop type="x-status">`, who made the English as `<prop type="x-origin">`
(`aligned` for a human translation, `ct2:NAME` and `llm:NAME` with the model),
one `<prop type="x-flag">` per QA flag and the translation signature; the Chinese is
`zh-CN` (TMX wants a language-region code) and the English `en`. Sentences without English
are left out: a translation memory entry needs a target. `read_tmx` reads TMX back (ours and
other CAT tools'), for the translation memory's import.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..document import Pair, Signature, origin
from ..errors import InputError
from ..store import EditionStore
from ..textutil import build_time
from ..textutil import xml_safe as _clean  # lxml refuses XML-invalid characters

SRC_LANG = "zh-CN"
TGT_LANG = "en"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bilingual")
    except PackageNotFoundError:
        return "0"


def _stamp() -> str:
    """TMX date format, UTC; SOURCE_DATE_EPOCH makes it reproducible."""
    return build_time().strftime("%Y%m%dT%H%M%SZ")


def is_word_gloss(pair: Pair) -> bool:
    """Whether the pair's English is the CC-CEDICT word gloss no person has reviewed."""
    return not pair.reviewed and Signature.parse(pair.signature).engine == "gloss"


def _prop(parent: etree._Element, kind: str, text: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = _clean(text)


@dataclass(frozen=True)
class TmxUnit:
    """One translation unit: Chinese, English, an optional id and `(type, text)` props."""

    zh: str
    en: str
    tuid: str = ""
    props: tuple[tuple[str, str], ...] = ()
    created: str = ""  # TMX date, YYYYMMDDThhmmssZ


def write_tmx(store: EditionStore, statuses: Collection[str] | None = None) -> str:
    """The edition's translated pairs as a TMX 1.4b document: those with a status in
    `statuses`, or by default all but unreviewed word glosses."""
    return tmx_document(
        TmxUnit(
            pair.zh,
            pair.en,
            pair.sid,
            (
                ("x-status", pair.status),
                ("x-origin", origin(pair)),
                *(("x-flag", str(flag)) for flag in pair.flags),
                *((("x-signature", pair.signature),) if pair.signature else ()),
                ("x-kind", pair.kind),
            ),
        )
        for pair in store.pairs()
        if pair.en.strip()
        and not (is_word_gloss(pair) if statuses is None else pair.status not in statuses)
    )


def tmx_document(units: Iterable[TmxUnit]) -> str:
    """Units as a TMX 1.4b document (the edition export and the translation memory's)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "bilingual",
            "creationtoolversion": _version(),
            "segtype": "sentence",
            "o-tmf": "bilingual",
            "adminlang": "en",
            "srclang": SRC_LANG,
            "datatype": "plaintext",
            "creationdate": _stamp(),
        },
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = (
            etree.SubElement(body, "tu", tuid=unit.tuid)
            if unit.tuid
            else etree.SubElement(body, "tu")
        )
        if unit.created:
            tu.set("creationdate", unit.created)
        for kind, text in unit.props:
            _prop(tu, kind, text)
        for lang, text in ((SRC_LANG, unit.zh), (TGT_LANG, unit.en)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = _clean(text)
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + text


# Inline elements of a TMX segment that hold the original file's codes, not text.
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def _seg_text(seg: etree._Element) -> str:
    """A segment's text: its own and its `hi`/`sub` children's, without native codes."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _lang(tuv: etree._Element) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()  # `lang`: TMX 1.1


def read_tmx(path: Path) -> Iterator[TmxUnit]:
    """The Chinese–English units of a TMX file (1.1–1.4; other CAT tools' too): per `tu`,
    its first Chinese (`zh*`) and first English (`en*`) variant; units lacking either are
    skipped. DTDs and entities are never loaded."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError as exc:
        raise InputError(f"Cannot read {path} ({exc})", "Check the path.") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"{path} is not well-formed XML ({exc})", "Give a TMX file from a CAT tool."
        ) from None
    if etree.QName(root).localname != "tmx":
        raise InputError(
            f"{path} is not a TMX file (its root is <{root.tag}>)", "Give a .tmx file."
        )
    for tu in root.iter("tu"):
        segs: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            lang, seg = _lang(tuv)[:2], tuv.find("seg")
            if lang in ("zh", "en") and lang not in segs and seg is not None:
                segs[lang] = _seg_text(seg)
        if segs.get("zh") and segs.get("en"):
            props = tuple((p.get("type", ""), (p.text or "").strip()) for p in tu.findall("prop"))
            created = tu.get("changedate") or tu.get("creationdate") or ""
            yield TmxUnit(segs["zh"], segs["en"], tu.get("tuid", ""), props, created)
