"""The HTML edition: golden file, escaping, pairing, layouts, pinyin, terms, CLI."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from mt_support import run_cli
from render_support import (
    ENGLISH,
    NAME,
    SIGNATURE,
    build_store,
    check_golden,
    glossary,
)
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.document import Flag, Signature, assign_ids, text_hash
from bilingual.errors import RenderError
from bilingual.render import render_edition
from bilingual.render.markup import Piece, en_pieces, pieces_html, tip
from bilingual.render.ruby import annotate, join_syllables, split_words
from bilingual.render.view import build_view
from bilingual.store import EditionStore
from bilingual.terms.glossary import Entry


@pytest.fixture
def store(tmp_path: Path):
    with build_store(tmp_path / NAME) as s:
        yield s


def render(store, **options) -> tuple[str, lxml_html.HtmlElement]:
    (path,) = render_edition(store, formats=("html",), glossary=glossary(), **options)
    text = path.read_text(encoding="utf-8")
    return text, lxml_html.fromstring(text)


def test_matches_golden(store, regen_golden: bool) -> None:
    text, _ = render(store)
    check_golden(f"{NAME}.html", text, regen_golden)


def test_written_into_the_edition_directory(store) -> None:
    (path,) = render_edition(store, formats=("html",), glossary=glossary())
    assert path == store.directory / f"{NAME}.html"


def test_every_sentence_is_paired_and_tagged_with_its_language(store) -> None:
    _, doc = render(store)
    zh = doc.xpath('//*[contains(@class, "zh") and @data-sid]')
    en = doc.xpath('//*[contains(@class, "en") and @data-sid]')
    assert len(zh) == len(en) == 13
    assert [e.get("data-sid") for e in zh] == [e.get("data-sid") for e in en]
    assert {e.get("lang") for e in zh} == {"zh-Hans"}
    assert {e.get("lang") for e in en} == {"en"}


def test_data_is_escaped_and_only_our_script_runs(store) -> None:
    text, doc = render(store)
    assert "<script>window.pwned" not in text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text  # source text
    assert "&lt;script&gt;window.pwned=2&lt;/script&gt;" in text  # English
    assert "&lt;script&gt;window.pwned=3&lt;/script&gt;" in text  # glossary note
    scripts = doc.xpath("//script")
    assert len(scripts) == 1
    csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_self_contained(store) -> None:
    text, doc = render(store)
    assert not doc.xpath("//link|//img|//iframe|//*[@src]")
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text.replace("http-equiv", ""))
    assert "@import" not in text and "url(" not in text


@pytest.mark.parametrize(("layout", "checked"), [("side-by-side", True), ("interleaved", False)])
def test_layout_sets_the_column_toggle(store, layout: str, checked: bool) -> None:
    _, doc = render(store, layout=layout)
    assert doc.get("data-layout") == layout
    assert (doc.get_element_by_id("t-side").get("checked") is not None) is checked


def test_pinyin_ruby_and_toggle(store) -> None:
    _, doc = render(store)
    assert doc.get_element_by_id("t-pinyin").get("checked") is not None
    readings = doc.xpath('//*[@class="zh"]//ruby/rt/text()')
    assert {"xīnzhōu", "shìwěi", "wǎnggéhuà guǎnlǐ"} <= set(readings)
    assert not doc.xpath('//*[contains(@class, "en")]//ruby')


def test_pinyin_none_leaves_no_ruby_and_no_toggle(store) -> None:
    text, doc = render(store, pinyin="none")
    assert "<ruby>" not in text
    assert not doc.xpath('//*[@id="t-pinyin"]')


def test_glossary_terms_on_both_sides_with_tooltips(store) -> None:
    _, doc = render(store)
    sid = "s" + text_hash("网格化管理深入社区。")
    zh_terms = doc.xpath(f'//*[@data-sid="{sid}" and @class="zh"]//*[@class="term"]')
    en_terms = doc.xpath(f'//*[@data-sid="{sid}" and contains(@class, "en")]//*[@class="term"]')
    assert [t.text_content() for t in zh_terms] == ["网格化管理wǎnggéhuà guǎnlǐ"]
    assert [t.text_content() for t in en_terms] == ["Grid-based management"]
    tip_text = "grid-based management · wǎnggéhuà guǎnlǐ — Also 'grid management'."
    assert zh_terms[0].get("data-tip") == en_terms[0].get("data-tip") == tip_text


def test_flags_mark_the_sentence_and_show_on_hover(store) -> None:
    _, doc = render(store)
    (flagged,) = doc.xpath('//*[contains(@class, "flagged")]')
    assert flagged.get("data-flags") == "term-miss"
    assert flagged.get("title") == "term-miss: 网格化管理 → grid-based <management>"


def test_untranslated_sentence_has_an_empty_partner(store) -> None:
    _, doc = render(store)
    (missing,) = doc.xpath('//*[contains(@class, "missing")]')
    assert missing.text_content() == "—"


def test_masthead_names_engine_model_and_counts(store) -> None:
    text, _ = render(store)
    assert "English: fake engine (for tests) (model v1), 12 sentences." in text
    assert "13 sentences: 1 approved, 0 edited, 11 not reviewed, 1 untranslated." in text
    assert "word-by-word gloss" not in text


def test_gloss_engine_is_called_a_word_gloss(store) -> None:
    with store.transaction():
        for pair in store.pairs():
            store.update_pair(
                pair.sid,
                signature="gloss cc-cedict 1.2 rules=1 (word gloss, not MT) | glossary=0",
                flags=[Flag("word-gloss", "literal gloss")],
            )
    text, doc = render(store)
    assert "English: word gloss (model cc-cedict 1.2)" in text
    assert "word-by-word gloss from CC-CEDICT" in text
    # An edition-wide note does not mark every sentence.
    assert not doc.xpath('//*[contains(@class, "flagged")]')


def test_a_mixed_edition_says_how_much_is_a_gloss_and_marks_it(store) -> None:
    """Two gloss sentences among machine ones: the notice counts them (not "the English is a
    gloss"), and each sentence whose English came from elsewhere than most carries a note."""
    pairs = [p for p in store.pairs() if p.en]
    gloss_sig = "gloss cc-cedict 1.2 rules=1 (word gloss, not MT) | glossary=0"
    with store.transaction():
        for pair in pairs[:2]:
            store.update_pair(pair.sid, signature=gloss_sig, flags=[Flag("word-gloss", "x")])
        store.update_pair(pairs[2].sid, status="edited")
    text, doc = render(store)
    assert "2 of the 12 English sentences are a literal word-by-word gloss" in text
    assert "The English is a literal word-by-word gloss" not in text
    assert (
        "English: fake engine (for tests) (model v1), 9 sentences; word gloss (model "
        "cc-cedict 1.2), 2 sentences; edited by a reviewer, 1 sentence." in text
    )
    cells = {c.get("data-sid"): c for c in doc.xpath('//*[contains(@class, "en")][@data-sid]')}
    assert [cells[p.sid].get("data-note") for p in pairs[:4]] == [
        "word gloss", "word gloss", "edited", None
    ]  # fmt: skip
    assert [cells[p.sid].get("data-origin") for p in pairs[:4]] == [
        "gloss", "gloss", "human", "fake"
    ]  # fmt: skip


def test_an_edition_from_one_engine_needs_no_notes(store) -> None:
    _, doc = render(store)
    origins = doc.xpath('//*[contains(@class, "en")]/@data-origin')
    assert set(origins) == {"fake"} and len(origins) == 12
    assert not doc.xpath("//*[@data-note]")


def test_table_of_contents_links_every_article(store) -> None:
    _, doc = render(store)
    links = doc.xpath('//nav[@class="toc"]//a/@href')
    assert links == ["#a1", "#a2"]
    assert all(doc.get_element_by_id(h[1:]) is not None for h in links)
    assert ENGLISH["增信心暖人心聚民心"] in doc.xpath('//nav[@class="toc"]')[0].text_content()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"formats": ("pdf",)}, "Unknown format 'pdf'. Choose one of: html, epub."),
        ({"layout": "columns"}, "Unknown layout 'columns'"),
        ({"pinyin": "numbers"}, "Unknown pinyin option 'numbers'"),
    ],
)
def test_bad_options_are_one_line_errors(store, options: dict, message: str) -> None:
    with pytest.raises(RenderError, match=re.escape(message)):
        render_edition(store, glossary=glossary(), **options)


# -- pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("青海省玉树州委组织部", ["青海省", "玉树州", "委", "组织", "部"]),
        ("疫情防控", ["疫情", "防控"]),
        ("党", ["党"]),
    ],
)
def test_longest_match_words(text: str, words: list[str]) -> None:
    assert split_words(text) == words


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("西安市", [("西安市", "xī'ānshì")]),
        ("银行", [("银行", "yínháng")]),
        ("200余万元", [("200", ""), ("余", "yú"), ("万", "wàn"), ("元", "yuán")]),
        ("“疫”", [("“", ""), ("疫", "yì"), ("”", "")]),
        # polyphones read in the sentence, words cut the better way (not 为生|产|力)
        ("转化为生产力", [("转化", "zhuǎnhuà"), ("为", "wéi"), ("生产力", "shēngchǎnlì")]),
        ("以人民为中心", [("以", "yǐ"), ("人民", "rénmín"), ("为", "wéi"), ("中心", "zhōngxīn")]),
        (
            "以新思想为指导",
            [("以", "yǐ"), ("新思想", "xīnsīxiǎng"), ("为", "wéi"), ("指导", "zhǐdǎo")],
        ),
        ("为了人民", [("为了", "wèile"), ("人民", "rénmín")]),
    ],
)
def test_annotate(text: str, pieces: list[tuple[str, str]]) -> None:
    assert annotate(text) == pieces


@pytest.mark.parametrize(
    ("syllables", "word"),
    [(["xī", "ān"], "xī'ān"), (["tiān", "ān", "mén"], "tiān'ānmén"), (["ài"], "ài")],
)
def test_join_syllables(syllables: list[str], word: str) -> None:
    assert join_syllables(syllables) == word


TERM = Entry("组织部", "Organization Department", "zǔzhībù", note="n")
LINE = Entry("一线", "front line", "yīxiàn")


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("The organization department met.", ["organization department"]),
        (
            "Two Organization Departments and the front line's mood.",
            ["Organization Departments", "front line's"],
        ),
        ("A frontline worker.", []),  # not inside another word
        ("", []),
    ],
)
def test_english_side_highlights_the_approved_rendering(text: str, terms: list[str]) -> None:
    pieces = en_pieces(text, [TERM, LINE])
    assert "".join(p.text for p in pieces) == text
    assert [p.text for p in pieces if p.term is not None] == terms


def _r(text: str, reading: str) -> str:
    base = f'<span class="rb">{text}</span>' if len(text) > 1 else text  # one box per word
    return f"<ruby>{base}<rt>{reading}</rt></ruby>"


@pytest.mark.parametrize(
    ("pieces", "breaks", "markup"),
    [
        (  # a break before each word with pinyin, never after an opening quote
            [
                Piece("战", "zhàn"),
                Piece("“"),
                Piece("疫", "yì"),
                Piece("”"),
                Piece("路上", "lùshàng"),
            ],
            True,
            f"{_r('战', 'zhàn')}“{_r('疫', 'yì')}”<wbr>{_r('路上', 'lùshàng')}",
        ),
        (  # before a term's span, not inside it; none at the start
            [Piece("一线", "yīxiàn", LINE), Piece("党费", "dǎngfèi")],
            True,
            '<span class="term" tabindex="0" data-tip="front line · yīxiàn">'
            f"{_r('一线', 'yīxiàn')}</span><wbr>{_r('党费', 'dǎngfèi')}",
        ),
        ([Piece("200"), Piece("余", "yú")], True, f"200<wbr>{_r('余', 'yú')}"),
        ([Piece("200"), Piece("余", "yú")], False, f"200{_r('余', 'yú')}"),
        ([Piece("（"), Piece("Front line"), Piece("）")], True, "（Front line）"),
    ],
)
def test_line_breaks_between_words(pieces: list[Piece], breaks: bool, markup: str) -> None:
    assert pieces_html(pieces, breaks=breaks) == markup


def test_tooltip_text() -> None:
    assert tip(TERM) == "Organization Department · zǔzhībù — n"
    assert tip(LINE) == "front line · yīxiàn"


@pytest.mark.parametrize(
    ("signature", "engine", "model"),
    [
        (
            "argos translate-zh_en v1.9 beam=4 maxlen=256 | glossary=ab",
            "argos",
            "translate-zh_en v1.9",
        ),
        (
            "gloss cc-cedict 1.2 rules=3 (word gloss, not MT) | glossary=ab",
            "gloss",
            "cc-cedict 1.2",
        ),
        ("gloss:cedict:x=1", "gloss", "cedict"),
        ("", "", ""),
    ],
)
def test_parse_signature(signature: str, engine: str, model: str) -> None:
    parsed = Signature.parse(signature)
    assert (parsed.engine, parsed.model_label) == (engine, model)


# -- CLI ------------------------------------------------------------------------------------


def test_render_command_prints_the_paths(store) -> None:
    result = CliRunner().invoke(
        app, ["render", "-e", str(store.directory), "--format", "html,epub", "--pinyin", "none"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        str(store.directory / f"{NAME}.html"),
        str(store.directory / f"{NAME}.epub"),
    ]


def test_render_command_without_edition_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", "-e", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "No edition at" in str(result.exception)


def test_build_without_a_model_runs_on_the_gloss_engine_and_says_so(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "samples" / "seed-page.txt"
    out = tmp_path / "seed"
    result = CliRunner().invoke(app, ["build", str(seed), "-e", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "word gloss" in result.stderr
    lines = result.stdout.splitlines()
    assert re.match(rf"Built {re.escape(str(out))}: \d+ articles, \d+ sentences; ", lines[0])
    assert "with gloss" in lines[0]
    assert lines[1:] == [str(out / "seed.html")]
    assert "word-by-word gloss from CC-CEDICT" in (out / "seed.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "in_the_way", "message"),
    [
        (["--format", ""], None, "Error: No output format given. Choose from: html, epub.\n"),
        (["--format", " , "], None, "Error: No output format given. Choose from: html, epub.\n"),
        (
            ["--format", "html"],
            f"{NAME}.html",
            "Error: Cannot write {dir}/seed-mini.html (Is a directory). "
            "Free that path or choose a writable edition directory.\n",
        ),
        (
            ["--format", "epub"],
            f"{NAME}.epub",
            "Error: Cannot write {dir}/seed-mini.epub (Is a directory). "
            "Free that path or choose a writable edition directory.\n",
        ),
    ],
)
def test_render_problems_are_one_line_errors(
    store, capsys, args: list[str], in_the_way: str | None, message: str
) -> None:
    if in_the_way:
        (store.directory / in_the_way).mkdir()
    code, out, err = run_cli(capsys, "render", "-e", store.directory, *args)
    assert (code, out, err) == (8, "", message.format(dir=store.directory))
    if in_the_way:  # nothing moved into the directory in the way, no temporary file left
        assert list((store.directory / in_the_way).iterdir()) == []
    assert [p.name for p in store.directory.iterdir() if p.name.endswith(".tmp")] == []


def test_an_untitled_article_is_listed_by_its_opening_words(tmp_path: Path) -> None:
    quote = "“不忘初心、牢记使命。”"
    english = (
        "“Stay true to our founding mission and keep it firmly in mind, always and everywhere.”"
    )
    edition = assign_ids([[("quote", quote, [quote])]], "untitled")
    with EditionStore(tmp_path / "untitled", create=True) as s:
        s.save_edition(edition)
        with s.transaction():
            s.update_pair(edition.sentences()[0].id, en=english, signature=SIGNATURE)
        (article,) = build_view(s).articles
    assert article.title_zh.startswith("“不忘初心")
    assert article.title_en == "“Stay true to our founding mission and keep it firmly in …"


def test_build_checks_render_options_before_it_ingests(tmp_path: Path, capsys) -> None:
    seed = Path(__file__).resolve().parent.parent / "samples" / "seed-page.txt"
    out = tmp_path / "seed"
    code, _, err = run_cli(capsys, "build", seed, "-e", out, "--layout", "columns")
    assert code == 8
    assert err == "Error: Unknown layout 'columns'. Choose one of: side-by-side, interleaved.\n"
    assert not out.exists()


@pytest.mark.parametrize(
    ("title", "lang"), [("人民日报 2020-03-01", "zh-Hans"), ("Seed page", "en"), ("", "zh-Hans")]
)
def test_masthead_language_follows_the_title(store, title: str, lang: str) -> None:
    with store.transaction():
        store.set_meta("title", title)  # "" falls back to the page's first headline
    _, doc = render(store)
    assert doc.xpath('//header[@class="masthead"]/h1/@lang') == [lang]
