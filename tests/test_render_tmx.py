"""TMX 1.4b export: well-formed, valid against the TMX 1.4b structure, one tu per pair."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from lxml import etree
from render_support import ENGLISH, FLAGS, NAME, SIGNATURE, build_store
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.document import text_hash
from bilingual.render.export import WRITERS, export

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The structural part of the TMX 1.4b DTD (LISA OSCAR) that this export uses; inline markup
# inside <seg> is not produced, so seg is text only here.
TMX14_DTD = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header (note|prop|ude)*>
<!ATTLIST header
    creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
    segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED
    adminlang CDATA #REQUIRED srclang CDATA #REQUIRED datatype CDATA #REQUIRED
    o-encoding CDATA #IMPLIED creationdate CDATA #IMPLIED creationid CDATA #IMPLIED
    changedate CDATA #IMPLIED changeid CDATA #IMPLIED>
<!ELEMENT ude (map+)>
<!ELEMENT map EMPTY>
<!ELEMENT note (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED xml:lang CDATA #IMPLIED o-encoding CDATA #IMPLIED>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu tuid CDATA #IMPLIED o-encoding CDATA #IMPLIED datatype CDATA #IMPLIED
    usagecount CDATA #IMPLIED lastusagedate CDATA #IMPLIED creationtool CDATA #IMPLIED
    creationtoolversion CDATA #IMPLIED creationdate CDATA #IMPLIED creationid CDATA #IMPLIED
    changedate CDATA #IMPLIED segtype (block|paragraph|sentence|phrase) #IMPLIED
    changeid CDATA #IMPLIED o-tmf CDATA #IMPLIED srclang CDATA #IMPLIED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED o-encoding CDATA #IMPLIED datatype CDATA #IMPLIED
    usagecount CDATA #IMPLIED lastusagedate CDATA #IMPLIED creationtool CDATA #IMPLIED
    creationtoolversion CDATA #IMPLIED creationdate CDATA #IMPLIED creationid CDATA #IMPLIED
    changedate CDATA #IMPLIED changeid CDATA #IMPLIED o-tmf CDATA #IMPLIED>
<!ELEMENT seg (#PCDATA)>
"""


@pytest.fixture
def tmx(tmp_path: Path) -> str:
    with build_store(tmp_path / NAME) as store:
        return export(store, "tmx")


def parse(text: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(text.encode("utf-8"), parser)


def test_registered_for_export() -> None:
    assert WRITERS["tmx"] == "bilingual.render.tmx:write_tmx"


def test_well_formed_and_valid_against_the_tmx14_structure(tmx: str) -> None:
    assert tmx.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    )
    root = parse(tmx)
    dtd = etree.DTD(io.StringIO(TMX14_DTD))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_header(tmx: str) -> None:
    header = parse(tmx).find("header")
    assert header.get("srclang") == "zh-CN"
    assert header.get("adminlang") == "en"
    assert header.get("segtype") == "sentence"
    assert header.get("datatype") == "plaintext"
    assert header.get("o-tmf") and header.get("creationtool") == "bilingual"
    # OmegaT logs these and parses the date as yyyyMMdd'T'HHmmss'Z'.
    assert re.fullmatch(r"\d+(\.\d+)*\S*", header.get("creationtoolversion"))
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate"))


def test_one_unit_per_translated_pair(tmx: str) -> None:
    units = parse(tmx).findall("body/tu")
    assert [tu.get("tuid") for tu in units] == ["s" + text_hash(zh) for zh in ENGLISH]
    for tu in units:
        zh, en = tu.findall("tuv")
        assert (zh.get(XML_LANG), en.get(XML_LANG)) == ("zh-CN", "en")
        assert ENGLISH[zh.findtext("seg")] == en.findtext("seg")


def test_status_flags_and_signature_are_props(tmx: str) -> None:
    units = {tu.get("tuid"): tu for tu in parse(tmx).findall("body/tu")}

    def props(zh: str, kind: str) -> list[str]:
        return [p.text for p in units["s" + text_hash(zh)].findall(f"prop[@type='{kind}']")]

    assert props("旦正措", "x-status") == ["approved"]
    assert props("网格化管理深入社区。", "x-status") == ["machine"]
    detail = FLAGS["网格化管理深入社区。"][0].detail
    assert props("网格化管理深入社区。", "x-flag") == [f"term-miss: {detail}"]
    assert props("旦正措", "x-flag") == []
    assert props("旦正措", "x-signature") == [SIGNATURE]
    assert props("旦正措", "x-origin") == ["fake"]


def test_markup_in_text_stays_text(tmx: str) -> None:
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;西安市。" in tmx
    segs = [s.text for s in parse(tmx).iter("seg")]
    assert "<script>window.pwned=2</script>Xi'an City." in segs


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    with build_store(tmp_path / NAME) as store:
        sid = store.pairs()[0].sid
        with store.transaction():
            store.update_pair(sid, en="bad\x0bchar")
        text = export(store, "tmx")
    assert "badchar" in text
    parse(text)


def test_export_command_writes_tmx(tmp_path: Path) -> None:
    with build_store(tmp_path / NAME) as store:
        directory = store.directory
    out = tmp_path / "seed.tmx"
    result = CliRunner().invoke(
        app, ["export", "-e", str(directory), "--format", "tmx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(parse(out.read_text(encoding="utf-8")).findall("body/tu")) == len(ENGLISH)
