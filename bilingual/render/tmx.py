"""TMX 1.4b export: one translation unit per translated sentence pair, for CAT tools (OmegaT).

By default every pair with English is written except unreviewed word glosses (a literal
CC-CEDICT gloss is no translation to remember); `statuses` writes exactly the pairs with
those review statuses instead. Each `tu` carries the sentence id as `tuid`, the review status as `<prop type="x-status">`,
one `<prop type="x-flag">` per QA flag and the translation signature; the Chinese is
`zh-CN` (TMX wants a language-region code) and the English `en`. Sentences without English
are left out: a translation memory entry needs a target.
"""

from __future__ import annotations

from collections.abc import Collection

from lxml import etree

from ..document import Pair, Signature
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


def write_tmx(store: EditionStore, statuses: Collection[str] | None = None) -> str:
    """The edition's translated pairs as a TMX 1.4b document: those with a status in
    `statuses`, or by default all but unreviewed word glosses."""
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
    for pair in store.pairs():
        if not pair.en.strip():
            continue
        left_out = is_word_gloss(pair) if statuses is None else pair.status not in statuses
        if left_out:
            continue
        tu = etree.SubElement(body, "tu", tuid=pair.sid)
        _prop(tu, "x-status", pair.status)
        for flag in pair.flags:
            _prop(tu, "x-flag", str(flag))
        if pair.signature:
            _prop(tu, "x-signature", pair.signature)
        _prop(tu, "x-kind", pair.kind)
        for lang, text in ((SRC_LANG, pair.zh), (TGT_LANG, pair.en)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            etree.SubElement(tuv, "seg").text = _clean(text)
    text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + text
