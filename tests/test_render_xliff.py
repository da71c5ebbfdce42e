"""XLIFF 2.1 export (valid against the OASIS core schema), status filters, and `import`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from lxml import etree
from render_support import ENGLISH, FLAGS, NAME, build_store, glossary
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.document import text_hash
from bilingual.errors import BilingualError, InputError, RenderError
from bilingual.interchange import import_xliff
from bilingual.render.export import export, parse_statuses
from bilingual.render.xliff import NS, write_xliff
from bilingual.review import history, undo
from bilingual.store import EditionStore

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "xliff-2.1"
CORE_XSD = SCHEMAS / "xliff_core_2.0.xsd"
X = {"x": NS}
GLOSS = "gloss cc-cedict 1.2 rules=6 (word gloss, not MT) | glossary=0000"


def sid(zh: str) -> str:
    return "s" + text_hash(zh)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(CORE_XSD)))


@pytest.fixture
def store(tmp_path: Path):
    with build_store(tmp_path / NAME) as store:
        yield store


def xliff(store: EditionStore, statuses: set[str] | None = None) -> etree._Element:
    return etree.fromstring(write_xliff(store, statuses, glossary=glossary()).encode())


def units(root: etree._Element) -> dict[str, etree._Element]:
    return {u.get("id"): u for u in root.iterfind(".//x:unit", X)}


def test_the_vendored_schema_is_the_oasis_one() -> None:
    expected = {
        CORE_XSD: "5686d2dbe9dac95e34d1b06a805e1e0f4999db5d5a67dc8bb8514c780592a84d",
        SCHEMAS / "informativeCopiesOf3rdPartySchemas/w3c/xml.xsd": (
            "61960fb3131e38022caad5360e2f33a3382578ab3c80cd58bd74320ede61b20c"
        ),
    }
    for path, digest in expected.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path


def test_valid_xliff_21(store, schema) -> None:
    root = xliff(store)
    assert schema.validate(root), schema.error_log.filter_from_errors()
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "zh-CN", "en")
    # a filter that leaves nothing still gives a valid file
    assert schema.validate(xliff(store, {"edited"}))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('state="final"', 'state="approved"'),
        (' version="2.1"', ""),  # version is required
        ("<source>", "<source><b>x</b>"),
        ('type="bilingual:title"', 'type="title"'),  # a user-defined value needs a prefix
    ],
)
def test_the_schema_check_can_fail(store, schema, old: str, new: str) -> None:
    text = write_xliff(store, glossary=glossary())
    assert old in text
    assert not schema.validate(etree.fromstring(text.replace(old, new, 1).encode()))


def test_one_unit_per_sentence_in_article_groups(store) -> None:
    root = xliff(store)
    groups = root.findall("x:file/x:group", X)
    assert [g.get("id") for g in groups] == ["a1", "a2"]
    found = units(root)
    assert len(found) == 13 and list(found) == [p.sid for p in store.pairs()]
    title = found[sid("战“疫”路上，组工干部勇向前")]
    assert title.get("type") == "bilingual:title"
    assert title.findtext("x:segment/x:source", namespaces=X) == "战“疫”路上，组工干部勇向前"
    assert (
        title.findtext("x:segment/x:target", namespaces=X) == ENGLISH["战“疫”路上，组工干部勇向前"]
    )


@pytest.mark.parametrize(
    ("zh", "state", "sub_state", "has_target"),
    [
        ("旦正措", "final", "bilingual:approved", True),
        ("网格化管理深入社区。", "translated", "bilingual:machine", True),
        ("党员干部冲在一线。", "initial", "bilingual:untranslated", False),
    ],
)
def test_state_follows_the_review_status(store, zh, state, sub_state, has_target) -> None:
    segment = units(xliff(store))[sid(zh)].find("x:segment", X)
    assert (segment.get("state"), segment.get("subState")) == (state, sub_state)
    assert (segment.find("x:target", X) is not None) is has_target


def test_an_edited_pair_is_reviewed(store) -> None:
    from bilingual.review import edit

    edit(store, sid("旦正措"), "Dan Zhengcuo")
    segment = units(xliff(store))[sid("旦正措")].find("x:segment", X)
    assert (segment.get("state"), segment.findtext("x:target", namespaces=X)) == (
        "reviewed",
        "Dan Zhengcuo",
    )


def test_notes_give_origin_flags_and_terms(store) -> None:
    unit = units(xliff(store))[sid("网格化管理深入社区。")]
    notes = [(n.get("category"), n.text) for n in unit.iterfind("x:notes/x:note", X)]
    assert notes == [
        ("origin", "fake engine (for tests) (v1)"),
        ("flag", str(FLAGS["网格化管理深入社区。"][0])),
        ("term", "网格化管理 → grid-based management"),
    ]
    approved = units(xliff(store))[sid("旦正措")]
    assert approved.findtext("x:notes/x:note[@category='origin']", namespaces=X) == (
        "fake engine (for tests) (v1), approved by a reviewer"
    )


def test_a_word_gloss_is_a_note_not_a_target(store) -> None:
    road = sid("网格化管理深入社区。")
    with store.transaction():
        store.update_pair(road, signature=GLOSS)
    unit = units(xliff(store))[road]
    assert unit.find("x:segment/x:target", X) is None
    assert unit.find("x:segment", X).get("state") == "initial"
    gloss = unit.findtext("x:notes/x:note[@category='word-gloss']", namespaces=X)
    assert gloss == ENGLISH["网格化管理深入社区。"]


def test_markup_and_control_characters_stay_text(store) -> None:
    with store.transaction():
        store.update_pair(sid("旦正措"), en="Dan\x0bZhengcuo <b>")
    text = write_xliff(store, glossary=glossary())
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;西安市。" in text
    assert units(etree.fromstring(text.encode()))[sid("旦正措")].findtext(
        "x:segment/x:target", namespaces=X
    ) == ("DanZhengcuo <b>")


# --- --status filters and the TMX default ---------------------------------------------------


def test_status_filter_for_every_format(store) -> None:
    keep = parse_statuses("approved, edited")
    assert keep == {"approved", "edited"}
    assert list(units(xliff(store, keep))) == [sid("旦正措")]
    tmx = etree.fromstring(export(store, "tmx", keep).encode())
    assert [tu.get("tuid") for tu in tmx.iter("tu")] == [sid("旦正措")]
    rows = [json.loads(line)["id"] for line in export(store, "jsonl", keep).splitlines()]
    assert rows == [sid("旦正措")]
    assert len(export(store, "tsv", {"untranslated"}).splitlines()) == 2  # header + 1


@pytest.mark.parametrize("text", ["approved,done", "Approved"])
def test_an_unknown_status_is_refused(text: str) -> None:
    with pytest.raises(RenderError, match="Unknown review status"):
        parse_statuses(text)


def test_tmx_leaves_out_unreviewed_word_glosses_by_default(store) -> None:
    road, danzheng = sid("网格化管理深入社区。"), sid("旦正措")
    with store.transaction():
        store.update_pair(road, signature=GLOSS)
        store.update_pair(danzheng, signature=GLOSS)  # approved: a person vouched for it

    def tuids(statuses: set[str] | None = None) -> list[str]:
        return [
            tu.get("tuid")
            for tu in etree.fromstring(export(store, "tmx", statuses).encode()).iter("tu")
        ]

    default = tuids()
    assert danzheng in default and road not in default
    assert len(default) == len(ENGLISH) - 1
    assert road in tuids({"machine"})  # asked for by status: there


# --- import ----------------------------------------------------------------------------------


def edited_file(store: EditionStore, tmp_path: Path, change) -> Path:
    root = xliff(store)
    change(units(root))
    path = tmp_path / "edited.xlf"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def set_target(unit: etree._Element, text: str, state: str = "reviewed") -> None:
    segment = unit.find("x:segment", X)
    target = segment.find("x:target", X)
    if target is None:
        target = etree.SubElement(segment, f"{{{NS}}}target")
    target.text = text
    segment.set("state", state)


def test_import_applies_edits_and_approvals_with_history(store, tmp_path) -> None:
    road, lead, party = (
        sid("网格化管理深入社区。"),
        sid("疫情就是命令，防控就是责任。"),
        sid("党员干部冲在一线。"),
    )

    def change(found):
        set_target(found[road], "  Grid management reaches   the communities. ")
        found[lead].find("x:segment", X).set("state", "final")
        set_target(found[party], "Party members are on the front line.", "translated")

    result = import_xliff(store, edited_file(store, tmp_path, change))
    assert (result.edited, result.approved, result.unchanged, result.refused) == (2, 1, 10, [])
    assert store.pair(road).en == "Grid management reaches the communities."
    assert store.pair(road).status == "edited" and store.pair(road).flags == ()
    assert store.pair(lead).status == "approved"
    assert store.pair(party).status == "edited"
    assert [h["action"] for h in history(store)] == ["approve", "edit", "edit"]
    undo(store)
    undo(store)
    assert store.pair(road).en == ENGLISH["网格化管理深入社区。"]
    assert store.pair(road).status == "machine"
    # importing the same file twice changes nothing more
    again = import_xliff(store, tmp_path / "edited.xlf")
    assert (again.edited, again.approved) == (2, 0)


def test_import_refuses_units_of_other_sentences(store, tmp_path) -> None:
    road = sid("网格化管理深入社区。")

    def change(found):
        set_target(found[road], "Grid management.")
        found[sid("旦正措")].set("id", "s0000000000")
        found[sid("关怀关爱在一线")].find("x:segment/x:source", X).text = "关怀在一线"

    result = import_xliff(store, edited_file(store, tmp_path, change))
    assert result.edited == 1 and store.pair(road).en == "Grid management."
    reasons = [(uid, why) for _, uid, why in result.refused]
    assert reasons == [
        ("s0000000000", f"no such sentence in edition {NAME}"),
        (sid("关怀关爱在一线"), "its source is not the sentence's Chinese (关怀关爱在一线)"),
    ]
    assert all(line > 1 for line, _, _ in result.refused)


def test_the_file_of_another_edition_changes_nothing(store, tmp_path) -> None:
    other = tmp_path / "other.xlf"
    other.write_text(
        f'<xliff xmlns="{NS}" version="2.1" srcLang="zh-CN"><file id="f"><unit id="s1">'
        "<segment><source>别的句子。</source><target>Another.</target></segment>"
        "</unit></file></xliff>",
        encoding="utf-8",
    )
    before = store.pairs()
    with pytest.raises(InputError, match="None of the 1 units"):
        import_xliff(store, other)
    assert store.pairs() == before and history(store) == []


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("<xliff", "not well-formed"),
        ('<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>', "not an XLIFF 2"),
        (f'<!DOCTYPE x [<!ENTITY e "x">]><xliff xmlns="{NS}" version="2.1"/>', "DTD"),
    ],
)
def test_bad_files_are_one_line_errors(store, tmp_path, content: str, match: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        import_xliff(store, path)


# --- the commands ----------------------------------------------------------------------------

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    if isinstance(result.exception, BilingualError):
        return result.exception.exit_code, f"Error: {result.exception.message}"
    return result.exit_code, result.stderr + result.stdout  # refused lines, then the summary


def test_export_and_import_commands(store, tmp_path) -> None:
    directory = str(store.directory)
    out = tmp_path / "seed.xlf"
    code, text = invoke("export", "-e", directory, "--format", "xliff", "-o", str(out))
    assert code == 0 and text == f"Wrote {out}\n"
    root = etree.parse(str(out)).getroot()
    set_target(units(root)[sid("旦正措")], "Dan Zhengcuo")
    units(root)[sid("旦正措")].set("id", "s0000000000")
    set_target(units(root)[sid("网格化管理深入社区。")], "Grid management.")
    out.write_bytes(etree.tostring(root))
    code, text = invoke("import", "-e", directory, str(out))
    assert code == 1
    lines = text.splitlines()
    assert lines[0].endswith(f"unit s0000000000: no such sentence in edition {NAME}")
    assert lines[-1] == f"Imported {out}: 1 edited, 0 approved, 11 unchanged, 1 refused."
    code, text = invoke("export", "-e", directory, "--format", "tmx", "--status", "edited")
    assert code == 0 and text.count("<tu ") == 1
    code, text = invoke("export", "-e", directory, "--status", "done")
    assert code != 0 and text.startswith("Error: Unknown review status 'done'")
