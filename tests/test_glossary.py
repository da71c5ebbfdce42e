"""Glossary loading, layering, matching, hashing, file formats and lint."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from glossary_support import HEADER, shipped_fixture  # noqa: F401
from lxml import etree

from bilingual.errors import GlossaryError
from bilingual.terms.analysis import analyse
from bilingual.terms.files import (
    export_text,
    layer_files,
    load_glossary,
    read_any,
    read_tsv,
    user_glossary_path,
    write_tsv,
)
from bilingual.terms.formats import TBX_NS, XML_LANG, read_csv, read_tbx
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.lint import lint_files, lint_layers, pinyin_agrees
from bilingual.terms.matcher import match
from bilingual.terms.search import search, stats


def tsv(path: Path, *rows: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


# --- layers ------------------------------------------------------------------------------------


def test_layers_override_in_order(shipped: Path, tmp_path: Path) -> None:
    tsv(user_glossary_path(), "居委会\tneighborhood committee\tjū wěi huì\tgrassroots\t\tme\t\t")
    extra = tsv(tmp_path / "extra.tsv", "党费\tParty dues\tdǎng fèi\tx\t\tme\t\t")
    glossary = load_glossary(extra=[extra])
    assert glossary.entries["居委会"].en == "neighborhood committee"
    assert glossary.entries["居委会"].layer == "user"
    assert glossary.entries["党费"].en == "Party dues"
    assert glossary.entries["党费"].layer == str(extra)
    assert glossary.entries["网格化"].layer == "shipped/terms.tsv"
    assert [label for label, _ in layer_files([extra])] == ["shipped/terms.tsv", "user", str(extra)]


def test_user_layer_can_be_left_out(shipped: Path) -> None:
    tsv(user_glossary_path(), "居委会\tneighborhood committee\t\t\t\t\t\t")
    assert load_glossary(user=False).entries["居委会"].en == "residents committee"


def test_user_glossary_follows_xdg_data_home(shipped: Path, tmp_path: Path) -> None:
    assert user_glossary_path() == tmp_path / "data" / "bilingual" / "glossary.tsv"


def test_missing_extra_file_is_an_error(shipped: Path, tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="not found"):
        load_glossary(extra=[tmp_path / "nope.tsv"])


def test_shipped_dir_defaults_to_repo_glossary(monkeypatch: pytest.MonkeyPatch) -> None:
    from bilingual.terms.files import shipped_dir

    monkeypatch.delenv("BILINGUAL_GLOSSARY_DIR", raising=False)
    assert shipped_dir() == ROOT / "glossary"


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("借助网格化管理加强社区治理", ["网格化管理"]),
        ("借助网格化加强", ["网格化"]),
        ("忻州市委组织部拨付党费", ["忻州", "市委组织部", "党费"]),
        ("忻州市的党员", ["忻州市", "党员"]),
        ("市委组织部", ["市委组织部"]),
        ("吸收为预备党员和党员", ["预备党员", "党员"]),
        ("不忘初心，牢记使命主题教育", ["不忘初心，牢记使命"]),
        ("网格管理", ["网格管理"]),
        ("没有任何术语", []),
        ("", []),
    ],
)
def test_match_is_longest_leftmost(shipped: Path, text: str, expected: list[str]) -> None:
    matches = match(text, load_glossary())
    assert [m.surface for m in matches] == expected
    for m in matches:
        assert text[m.start : m.end] == m.surface


def test_place_yields_its_generic_to_a_following_term(shipped: Path) -> None:
    first, second = match("忻州市委组织部", load_glossary())
    assert (first.surface, first.entry.zh, first.entry.en) == ("忻州", "忻州", "Xinzhou")
    assert second.entry.en == "Municipal Party Committee Organization Department"


def test_variant_match_points_at_its_entry(shipped: Path) -> None:
    (found,) = match("网格管理", load_glossary())
    assert found.entry.zh == "网格化管理" and found.surface == "网格管理"


def test_hash_is_stable_and_changes_with_a_rendering(shipped: Path) -> None:
    a, b = load_glossary(), load_glossary()
    assert a.hash == b.hash and len(a.hash) == 16
    tsv(user_glossary_path(), "党费\tParty dues\t\t\t\t\t\t")
    assert load_glossary().hash != a.hash


def test_terms_key_changes_only_for_sentences_with_the_changed_term(shipped: Path) -> None:
    sentences = ["拨付党费", "借助网格化管理", "没有术语", "网格化和党费"]
    before = load_glossary()
    tsv(user_glossary_path(), "党费\tParty dues\t\t\t\t\t\t")
    after = load_glossary()
    changed = [
        s
        for s in sentences
        if analyse(s, "paragraph", before).terms_key != analyse(s, "paragraph", after).terms_key
    ]
    assert changed == ["拨付党费", "网格化和党费"]
    assert analyse("没有术语", "paragraph", before).terms_key == ""


def test_a_new_longer_term_changes_the_key_where_it_matches() -> None:
    small = Glossary.from_entries([Entry("网格化", "grid-based")])
    big = Glossary.from_entries([Entry("网格化", "grid-based"), Entry("网格化管理", "grid mgmt")])
    assert (
        analyse("网格化管理", "paragraph", small).terms_key
        != analyse("网格化管理", "paragraph", big).terms_key
    )
    assert (
        analyse("网格化加强", "paragraph", small).terms_key
        == analyse("网格化加强", "paragraph", big).terms_key
    )


NOT_TERMS = Glossary(
    entries={
        e.zh: e for e in [Entry("民生", "wellbeing"), Entry("市长", "mayor"), Entry("城市", "c")]
    },
    not_terms=frozenset({"民生活", "市长效", "城市"}),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("改善民生", ["民生"]),
        ("人民生活水平", []),  # 民生活 claims 民生
        ("市长说", ["市长"]),
        ("建立市长效机制", []),
        ("城市长效", ["城市"]),  # a term of the same surface beats the not-term
        ("民生活动民生", ["民生"]),
    ],
)
def test_not_terms_claim_their_characters(text: str, expected: list[str]) -> None:
    assert [m.surface for m in NOT_TERMS.find(text)] == expected


def test_not_terms_load_from_the_shipped_dir_and_change_the_hash(shipped: Path) -> None:
    before = load_glossary()
    assert [m.surface for m in before.find("年轻人党费")] == ["党费"]
    (shipped / "not-terms.txt").write_text("# comment\n人党费\tnot 党费 here\n\n")
    after = load_glossary()
    assert after.not_terms == {"人党费"} and after.find("年轻人党费") == []
    assert after.hash != before.hash and analyse("年轻人党费", "paragraph", after).terms_key == ""


def test_lint_checks_not_terms(tmp_path: Path) -> None:
    a = tsv(tmp_path / "a.tsv", GOOD)
    (tmp_path / "not-terms.txt").write_text("人党费\n党费\n无关\n", encoding="utf-8")
    problems = lint_files([("shipped/a.tsv", a)])
    assert [(p.line, p.code, p.message) for p in problems] == [
        (2, "not-term", "党费 is a term"),
        (3, "not-term", "无关 holds no term"),
    ]


# --- files -------------------------------------------------------------------------------------


def _sample_entries() -> list[Entry]:
    return [
        Entry("网格化管理", "grid-based management", "wǎng gé huà guǎn lǐ", "governance",
              'note with "quotes", commas', "src", ("网格管理",), "approved"),
        Entry("火线入党", "join the Party on the front line", "huǒ xiàn rù dǎng", "party",
              "", "src", (), "provisional"),
        Entry("居委会", "residents committee", "jū wěi huì", "grassroots", "", "",
              ("neighborhood committee",), "approved"),
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx", "tbx3"])
def test_formats_round_trip(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"g.{fmt.rstrip('3')}"  # both TBX forms are .tbx files
    path.write_text(export_text(_sample_entries(), fmt), encoding="utf-8")
    back = [e.to_row() for e in read_any(path)]
    assert back == [e.to_row() for e in _sample_entries()]


def test_write_tsv_round_trips_and_strips_tabs(tmp_path: Path) -> None:
    entries = [Entry("党费", "Party\tdues", note="line\nbreak")]
    write_tsv(tmp_path / "g.tsv", entries)
    (back,) = read_tsv(tmp_path / "g.tsv")
    assert (back.en, back.note) == ("Party dues", "line break")


def test_tbx3_is_tbx_v3_basic(tmp_path: Path) -> None:
    root = etree.fromstring(export_text(_sample_entries(), "tbx3").encode())
    ns = {"t": TBX_NS}
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.get(XML_LANG) == "en"
    concepts = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert len(concepts) == 3 and len({c.get("id") for c in concepts}) == 3
    first = concepts[0]
    assert [s.get(XML_LANG) for s in first.findall("t:langSec", ns)] == ["zh", "en"]
    assert first.find("t:descrip[@type='subjectField']", ns).text == "governance"
    assert first.findtext("t:langSec/t:termSec/t:term", namespaces=ns) == "网格化管理"
    # auxiliary info comes before the language sections, as the TBX core structure requires
    kinds = [etree.QName(c).localname for c in first]
    assert kinds.index("langSec") > max(kinds.index("descrip"), kinds.index("note"))


def test_tbx_is_tbx_basic_2008_martif(tmp_path: Path) -> None:
    text = export_text(_sample_entries(), "tbx")
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n<martif '
    )
    root = etree.fromstring(text.encode())
    assert root.tag == "martif" and root.nsmap == {}  # OmegaT refuses a namespaced martif
    assert (root.get("type"), root.get(XML_LANG)) == ("TBX-Basic", "en")
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == 3 and len({e.get("id") for e in entries}) == 3
    first = entries[0]
    assert [s.get(XML_LANG) for s in first.findall("langSet")] == ["zh", "en"]
    assert first.findtext("descrip[@type='subjectField']") == "governance"
    terms = [t.text for t in first.findall("langSet/tig/term")]
    assert terms == ["网格化管理", "网格管理", "grid-based management"]
    last = entries[2].findall("langSet")[1]  # 居委会: an English alternative, deprecated
    assert [t.text for t in last.findall("tig/term")] == [
        "residents committee",
        "neighborhood committee",
    ]
    statuses = [n.text for n in last.findall("tig/termNote[@type='administrativeStatus']")]
    assert statuses == ["preferredTerm-admn-sts", "deprecatedTerm-admn-sts"]


def test_reads_tbx_v2_martif(tmp_path: Path) -> None:
    path = tmp_path / "old.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="t1"><descrip type="subjectField">party</descrip>'
        '<langSet xml:lang="zh-CN"><tig><term>党费</term></tig></langSet>'
        '<langSet xml:lang="en-US"><tig><term>Party membership dues</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    (entry,) = read_tbx(path)
    assert (entry.zh, entry.en, entry.category) == ("党费", "Party membership dues", "party")


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("no-header.tsv", "党费\tParty dues\n", "header"),
        ("no-header.csv", "党费,Party dues\n", "header"),
        ("bad.tbx", "<tbx><text>", "not well-formed"),
        ("empty.tbx", f'<tbx xmlns="{TBX_NS}"><text><body/></text></tbx>', "no zh–en"),
        ("g.json", "{}", "Unknown glossary format"),
    ],
)
def test_bad_files_raise_glossary_error(
    tmp_path: Path, name: str, content: str, match: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=match):
        read_any(path)


def test_csv_reader_accepts_header_case_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("\ufeffZH,EN,Category\n党费,Party dues,party\n", encoding="utf-8")
    (entry,) = read_csv(path)
    assert (entry.zh, entry.en, entry.category, entry.status) == (
        "党费",
        "Party dues",
        "party",
        "approved",
    )


# --- queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("网格化", "网格化"),
        ("网格管理", "网格化管理"),
        ("grid-based management", "网格化管理"),
        ("GRID", "网格化"),
        ("wanggehua", "网格化"),
        ("wǎng gé huà guǎn", "网格化管理"),
        ("wang3 ge2 hua4", "网格化"),
        ("neighborhood", None),
        ("huoxian rudang", "火线入党"),
    ],
)
def test_search(shipped: Path, query: str, first: str | None) -> None:
    hits = search(load_glossary(), query)
    assert (hits[0].zh if hits else None) == first


def test_stats_counts_by_category_and_layer(shipped: Path) -> None:
    tsv(user_glossary_path(), "新词\tnew word\t\tnovel\t\t\t\t")
    counts = stats(load_glossary())
    assert counts["category"]["party-membership"] == 4
    assert counts["layer"] == {"shipped/terms.tsv": 13, "user": 1}
    assert counts["status"]["provisional"] == 1


# --- lint --------------------------------------------------------------------------------------

GOOD = "党费\tParty membership dues\tdǎng fèi\tparty\t\tsrc\t\tapproved"


@pytest.mark.parametrize(
    ("rows", "codes"),
    [
        ([GOOD], []),
        ([GOOD, "党费\tParty dues\tdǎng fèi\tparty\t\tsrc\t\t"], ["duplicate"]),
        ([GOOD, GOOD], []),
        (["党费\tParty membership dues\t\tparty\t\t\t\t"], ["empty"]),
        (["党费\tParty membership dues\tdǎng fēi\tparty\t\tsrc\t\t"], ["pinyin"]),
        (["党费\tParty membership dues\tdang fei\tparty\t\tsrc\t\t"], []),
        (["党费\tParty membership dues\tdǎngfèi\tparty\t\tsrc\t\t"], []),
        (["四个意识\tFour Consciousnesses\tsì ge yì shí\tslogan\t\tsrc\t\t"], []),
        (["党费\tParty membership dues \tdǎng fèi\tparty\t\tsrc\t\t"], ["whitespace"]),
        (["党 费\tParty membership dues\tdǎng fèi\tparty\t\tsrc\t\t"], ["whitespace"]),
        (["党费\tParty  dues\tdǎng fèi\tparty\t\tsrc\t\t"], ["whitespace"]),
        (["党费\tParty membership dues\tdǎng fèi\tparty\t\tsrc\t\tmaybe"], ["status"]),
        (["党费\t党费\tdǎng fèi\tparty\t\tsrc\t\t"], ["script"]),
        (["党费,会费\tdues\tdǎng fèi huì fèi\tparty\t\tsrc\t\t"], ["script"]),
        (
            [GOOD, "会费\tmembership dues\thuì fèi\tparty\t\tsrc\t党费\t"],
            ["shadowed"],
        ),
        (
            [
                "网格化管理\tgrid-based management\twǎng gé huà guǎn lǐ\tg\t\tsrc\t网格管理\t",
                "网格管理\tgrid management\twǎng gé guǎn lǐ\tg\t\tsrc\t\t",
            ],
            ["shadowed"],
        ),
        # internal research notes are refused in source and note; documents and URLs pass
        (
            ["党费\tParty dues\tdǎng fèi\tparty\t\tcode-index-file:557 (TS glossary)\t\t"],
            ["source"],
        ),
        (
            ["党费\tParty dues\tdǎng fèi\tparty\t\tXinhua; repo not resolved by index\t\t"],
            ["source"],
        ),
        (["党费\tParty dues\tdǎng fèi\tparty\t\tgithub:me115/read/x.rst\t\t"], ["source"]),
        (["党费\tParty dues\tdǎng fèi\tparty\tseen via find_string\tsrc\t\t"], ["source"]),
        (["党费\tParty dues\tdǎng fèi\tparty\t\treference: political-terms.tsv\t\t"], ["source"]),
        (["党费\tParty dues\tdǎng fèi\tparty\tTODO check\tsrc\t\t"], ["source"]),
        (["党费\tParty dues\tdǎng fèi\tparty\tseed-page body\tsrc\t\t"], ["source"]),
        (["党费\tParty dues\tdǎng fèi\tparty\t\tCPC Constitution (English, 2022)\t\t"], []),
        (["党费\tParty dues\tdǎng fèi\tparty\t\thttps://github.com/x/y/blob/main/a.md\t\t"], []),
    ],
)
def test_lint_codes(tmp_path: Path, rows: list[str], codes: list[str]) -> None:
    path = tsv(tmp_path / "g.tsv", *rows)
    problems = lint_layers([("shipped", [path])])
    assert [p.code for p in problems] == codes
    for problem in problems:
        assert str(problem).startswith(f"{path}:")


def test_lint_treats_shipped_files_as_one_layer(tmp_path: Path) -> None:
    a = tsv(tmp_path / "a.tsv", GOOD)
    b = tsv(tmp_path / "b.tsv", "党费\tParty dues\tdǎng fèi\tparty\t\tsrc\t\t")
    user = tsv(tmp_path / "user.tsv", "党费\tdues\t\t\t\t\t\t")
    problems = lint_files([("shipped/a.tsv", a), ("shipped/b.tsv", b), ("user", user)])
    assert [(p.path.name, p.code) for p in problems] == [("b.tsv", "duplicate")]


@pytest.mark.parametrize(
    ("zh", "pinyin", "ok"),
    [
        ("网格化管理", "wǎng gé huà guǎn lǐ", True),
        ("网格化管理", "wǎnggéhuà guǎnlǐ", True),
        ("网格化管理", "wang ge hua guan li", True),
        ("网格化管理", "wǎng gé huà guǎn", False),
        ("西安", "xī'ān", True),
        ("长征", "cháng zhēng", True),
        ("长征", "zhǎng zhēng", True),  # a heteronym reading: the characters allow it
        ("长征", "chǎng zhēng", False),
        ("“四个一”", "sì gè yī", True),
        ("5G基站", "5G jī zhàn", True),
        ("女", "nǚ", True),
        ("女", "nv", True),
    ],
)
def test_pinyin_agrees(zh: str, pinyin: str, ok: bool) -> None:
    assert pinyin_agrees(zh, pinyin) is ok


SHIPPED_FILES = sorted((ROOT / "glossary").glob("*.tsv"))


@pytest.mark.skipif(not SHIPPED_FILES, reason="the shipped glossary data is not in glossary/ yet")
def test_shipped_glossary_is_lint_clean_and_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BILINGUAL_GLOSSARY_DIR", raising=False)
    files = [(f"shipped/{p.name}", p) for p in SHIPPED_FILES]
    problems = lint_files(files)
    assert [str(p) for p in problems] == []
    assert len(load_glossary(user=False)) >= 7000
