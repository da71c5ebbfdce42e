"""terms.matcher.match: variants through punctuation, word boundaries, composition; and
`bilingual glossary match`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import InputError
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match, match_report, read_texts


def found(text: str, glossary: Glossary) -> list[tuple[str, str]]:
    matches = match(text, glossary)
    for m in matches:
        assert text[m.start : m.end] == m.surface
    return [(m.surface, m.entry.en) for m in matches]


# Short terms whose characters stand across a word boundary: no match (the shipped glossary,
# with no not-term for these contexts).
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("集团委员会召开会议", "团委"),
        ("本市委托第三方评估", "市委"),
        ("城市长期规划", "市长"),
        ("我国卫健事业", "国卫"),
        ("在例行记者会上表示", "记者"),
        ("下院副议长率团访华", "议长"),
        ("坚定奉行一个中国政策", "中国"),
        ("省委常委会召开会议", "省委常委"),  # a member is not the committee
        ("县委常委会工作报告", "县委常委"),
        ("建立市长效机制", "市长"),
    ],
)
def test_no_match_inside_a_word(real_glossary: Glossary, text: str, absent: str) -> None:
    assert absent not in [m.surface for m in match(text, real_glossary)]


@pytest.mark.parametrize(
    ("text", "glossary", "expected"),
    [
        ("上海合作组织峰会", [Entry("上海", "Shanghai")], []),
        ("集团委员会", [Entry("团委", "Youth League committee")], []),
        ("集团委员会", [Entry("团委", "Youth League committee"), Entry("委员会", "committee")],
         [("委员会", "committee")]),  # the rejected term leaves room for a shorter one
        ("发展和平等互利的关系", [Entry("平等互利", "equality and mutual benefit")],
         [("平等互利", "equality and mutual benefit")]),  # 和平|等 or 和|平等: either cut
        ("北京市委书记", [Entry("市委书记", "secretary of the municipal Party committee")],
         [("市委书记", "secretary of the municipal Party committee")]),  # claims the generic
        ("忻州市的党员", [Entry("忻州", "Xinzhou", category="place")],
         [("忻州", "Xinzhou")]),  # a place ends before its generic
        ("乡镇党委书记和县直部门负责同志", [Entry("县直部门", "county-level departments")],
         [("县直部门", "county-level departments")]),  # 和县 is He County, and no word here
    ],
)  # fmt: skip
def test_boundaries_on_small_glossaries(text, glossary, expected) -> None:
    assert found(text, Glossary.from_entries(glossary)) == expected


# True matches that must survive the boundary rule (the shipped glossary).
@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("市长表示", "市长"),
        ("关注民生", "民生"),
        ("世界上只有一个中国", "中国"),
        ("同以习近平同志为核心的党中央保持高度一致", "以习近平同志为核心的党中央"),
        ("传承发展中医", "中医"),
        ("疫情期间，玉树州委组织部将", "玉树州委组织部"),
        ("推进全面从严治党向纵深发展", "全面从严治党"),
        ("巩固拓展脱贫攻坚成果", "巩固拓展脱贫攻坚成果"),
        ("坚持“两个毫不动摇”", "两个毫不动摇"),
        ("忻州市委组织部拨付党费", "党费"),
    ],
)
def test_true_matches_survive(real_glossary: Glossary, text: str, term: str) -> None:
    assert term in [m.surface for m in match(text, real_glossary)]


@pytest.mark.parametrize(
    ("text", "surface", "entry"),
    [
        ("编制“十四五”规划", "“十四五”规划", "十四五规划"),
        ("编制十四五规划", "十四五规划", "十四五规划"),
        ("做到以案为鉴、以案促改", "以案为鉴、以案促改", "以案为鉴、以案促改"),
        ("做到以案为鉴，以案促改", "以案为鉴，以案促改", "以案为鉴、以案促改"),
        ("“不忘初心、牢记使命”主题教育", "“不忘初心、牢记使命”主题教育",
         "“不忘初心、牢记使命”主题教育"),
        ("贯彻“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针",
         "“一国两制”、“港人治港”、“澳人治澳”、高度自治", "一国两制、港人治港、澳人治澳、高度自治"),
        ("反对“四风”", "四风", "四风"),  # quotation marks around a term stay in the text
        ("学习中纪委通报", "中纪委", "中央纪委"),  # a listed variant spelling
    ],
)  # fmt: skip
def test_variants_through_quotation_marks_and_commas(real_glossary, text, surface, entry) -> None:
    (m,) = [m for m in match(text, real_glossary) if m.entry.zh == entry]
    assert m.surface == surface


def test_a_comma_that_no_entry_holds_still_separates(real_glossary: Glossary) -> None:
    glossary = Glossary.from_entries([Entry("发展改革", "development and reform")])
    assert found("促进发展，改革开放", glossary) == []


@pytest.mark.parametrize(
    ("text", "en"),
    [
        ("县人大常委会", "standing committee of the county people's congress"),
        ("市纪委监委", "municipal commission for discipline inspection and supervisory commission"),
        ("县政协", "county CPPCC committee"),
        ("县法院", "county court"),
        ("县检察院检察长", "chief procurator of the county procuratorate"),
        ("省统计局", "provincial statistics bureau"),
        ("省委常委会", "standing committee of the provincial Party committee"),
        ("区委组织部", "organization department of the district Party committee"),
        ("组织部部长", "head of the organization department"),
        ("区委组织部部长", "head of the organization department of the district Party committee"),
        ("商务部部长", "Minister of Commerce"),
        ("商务部副部长", "vice minister of commerce"),
        ("外交部副部长", "vice foreign minister"),  # the glossary's own compound entry wins
        ("省委政法委书记",
         "secretary of the political and legal affairs commission of the provincial Party committee"),
    ],
)  # fmt: skip
def test_composition_of_levels_bodies_and_posts(
    real_glossary: Glossary, text: str, en: str
) -> None:
    assert found(text, real_glossary) == [(text, en)]


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("县委县政府", ["县委", "县政府"]),  # two bodies side by side, each with its own level
        ("本市法院", ["法院"]),  # 本市 is "this city": a word, so no level prefix
        ("党委纪委", ["党委", "纪委"]),  # a Party committee of no level names no body
    ],
)
def test_no_composition_where_the_parts_are_not_one_body(real_glossary, text, surfaces) -> None:
    assert [m.surface for m in match(text, real_glossary)] == surfaces


# A level and an organ compose even where a shorter term straddles them (市民 citizen,
# 县城 county seat): the unit competes over its whole span (longest covering wins).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区民政局", [("区民政局", "district civil affairs bureau")]),
        ("县民族宗教事务局", [("县民族宗教事务局", "county ethnic and religious affairs bureau")]),
        ("县民宗局局长",
         [("县民宗局局长", "director of the county ethnic and religious affairs bureau")]),
        ("县城管局", [("县城管局", "county urban management bureau")]),  # not 县城
        ("广大市民", [("市民", "citizen")]),
        ("市民群众", [("市民", "citizen"), ("群众", "the people")]),
        ("市民航拍了大桥", [("市民", "citizen"), ("航拍", "aerial photo")]),  # 民航 is no organ
        ("全市民政系统", [("全市", "the whole city"), ("民政", "civil affairs")]),
        ("市人大代表", [("市人大代表", "deputy to the municipal people's congress")]),
    ],
)  # fmt: skip
def test_a_level_and_organ_win_over_a_term_straddling_them(real_glossary, text, expected) -> None:
    assert found(text, real_glossary) == expected


def _without_whole_entries(glossary: Glossary) -> Glossary:
    """The glossary less its level + organ entries entered whole only to beat 市民."""
    kept = [e for e in glossary.entries.values() if "entered whole" not in e.note]
    return Glossary(entries={e.zh: e for e in kept}, not_terms=glossary.not_terms)


def test_entries_entered_whole_against_a_straddling_term_now_compose(real_glossary) -> None:
    whole = [e for e in real_glossary.entries.values() if "entered whole" in e.note]
    assert len(whole) >= 8  # 市民政局, 市民宗局, 市民族宗教事务局, 市民防办 …
    composed = _without_whole_entries(real_glossary)
    for entry in whole:
        assert found(entry.zh, composed) == [(entry.zh, entry.en)]
        (m,) = match(entry.zh, composed)
        assert m.entry.layer == "composed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市民宗委", [("市民宗委", "municipal ethnic and religious affairs commission")]),
        ("北京市民政局", [("北京市", "Beijing Municipality"), ("民政局", "civil affairs bureau")]),
        ("鲤城区文明委", [("鲤城区", "Licheng District"),
                          ("文明委", "commission for guiding cultural and ethical progress")]),
    ],
)  # fmt: skip
def test_a_unit_does_not_cut_the_place_before_it(real_glossary, text, expected) -> None:
    """Without the whole entries; a place keeps its generic (a whole 市民政局 takes it)."""
    assert found(text, _without_whole_entries(real_glossary)) == expected


def test_composed_entries_say_what_they_are_made_of(real_glossary: Glossary) -> None:
    (m,) = match("县人大常委会", real_glossary)
    assert m.entry.layer == "composed" and m.entry.note == "县 + 人大常委会 (level-organ)"


def test_every_not_term_still_claims_its_characters(real_glossary: Glossary) -> None:
    """not-terms.txt is kept as an override: whatever the segmenter says, a listed context
    holds no term (alone or in a sentence)."""
    assert len(real_glossary.not_terms) > 100
    for context in real_glossary.not_terms:
        assert match(context, real_glossary) == [], context
        assert match(f"，{context}。", real_glossary) == [], context


# --- glossary match ------------------------------------------------------------------------

runner = CliRunner()
SMALL = "zh\ten\tpinyin\tcategory\n团委\tYouth League committee\t\tparty\n十四五规划\t14th Five-Year Plan\t\teconomy\n"


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "shipped"
    directory.mkdir()
    (directory / "terms.tsv").write_text(SMALL, encoding="utf-8")
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(directory))
    return tmp_path


def test_glossary_match_json_is_one_object_per_text(small: Path) -> None:
    lines = small / "texts.txt"
    lines.write_text("团委书记\n\n集团委员会\n", encoding="utf-8")
    result = runner.invoke(
        app, ["glossary", "match", "编制“十四五”规划", "--file", str(lines), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"text": "编制“十四五”规划", "matches": [
            {"start": 2, "end": 9, "zh": "十四五规划", "en": "14th Five-Year Plan",
             "layer": "shipped/terms.tsv"}]},
        {"text": "团委书记", "matches": [
            {"start": 0, "end": 2, "zh": "团委", "en": "Youth League committee",
             "layer": "shipped/terms.tsv"}]},
        {"text": "集团委员会", "matches": []},
    ]  # fmt: skip


def test_glossary_match_text_output(small: Path) -> None:
    result = runner.invoke(app, ["glossary", "match", "团委书记", "集团委员会"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "团委书记",
        "  0-2\t团委\tYouth League committee\tshipped/terms.tsv",
        "集团委员会",
        "  (no glossary term)",
    ]


def test_glossary_match_refuses_no_text_and_a_missing_file(small: Path) -> None:
    result = runner.invoke(app, ["glossary", "match"])
    assert isinstance(result.exception, InputError)
    assert result.exception.message == "No text to match. Give one or more texts, or --file FILE."
    with pytest.raises(InputError, match="not found"):
        read_texts([], small / "nope.txt")


def test_match_report_is_what_analyse_protects(real_glossary: Glossary) -> None:
    from bilingual.terms.analysis import analyse

    text = "县人大常委会听取“十四五”规划执行情况"
    (report,) = match_report([text], real_glossary)
    terms = analyse(text, "paragraph", real_glossary).terms
    assert [(m["start"], m["end"], m["en"]) for m in report["matches"]] == [
        (t.start, t.end, t.entry.en) for t in terms
    ]
    protected = [s for s in analyse(text, "paragraph", real_glossary).protected if s.kind == "term"]
    assert [(s.start, s.end) for s in protected] == [(t.start, t.end) for t in terms]
