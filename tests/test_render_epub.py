"""The EPUB 3 edition: golden content, OCF zip rules, metadata, e-reader-safe markup, and
EPUBCheck 5 with no errors and no warnings."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from mt_support import SEED, run_cli
from render_support import NAME, build_store, check_golden, glossary

from bilingual.document import assign_ids
from bilingual.render import render_edition
from bilingual.render.epub import check_epub, report_lines
from bilingual.store import EditionStore

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
BLOCK_TAGS = {f"{XHTML}{t}" for t in ("p", "h1", "h2", "h3", "li")}
needs_java = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="EPUBCheck needs Java (.ci/run installs default-jre-headless)",
)


@pytest.fixture
def epub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1583049600")  # 2020-03-01T08:00:00Z
    with build_store(tmp_path / NAME) as store:
        (path,) = render_edition(store, formats=("epub",), glossary=glossary())
    return path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize(
    "name", ["content.opf", "nav.xhtml", "title.xhtml", "article-0001.xhtml", "article-0002.xhtml"]
)
def test_content_matches_golden(epub: Path, name: str, regen_golden: bool) -> None:
    text = members(epub)[f"OEBPS/{name}"].decode("utf-8")
    check_golden(f"epub/{name}", text, regen_golden)


def test_zip_layout_follows_ocf(epub: Path) -> None:
    with zipfile.ZipFile(epub) as z:
        first = z.infolist()[0]
        names = z.namelist()
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED and not first.extra
    assert members(epub)["mimetype"] == b"application/epub+zip"
    assert "META-INF/container.xml" in names and "OEBPS/nav.xhtml" in names
    assert sorted(n for n in names if n.startswith("OEBPS/article-")) == [
        "OEBPS/article-0001.xhtml",
        "OEBPS/article-0002.xhtml",
    ]


def test_same_edition_gives_the_same_bytes(epub: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1583049600")
    with build_store(tmp_path / "again" / NAME) as store:
        (again,) = render_edition(store, formats=("epub",), glossary=glossary())
    assert again.read_bytes() == epub.read_bytes()


def test_metadata(epub: Path) -> None:
    opf = etree.fromstring(members(epub)["OEBPS/content.opf"])
    meta = opf.find("opf:metadata", OPF)
    assert [e.text for e in meta.findall("dc:language", OPF)] == ["zh-Hans", "en"]
    assert meta.findtext("dc:identifier", namespaces=OPF).startswith("urn:uuid:")
    # the page's first headline, not the file name; a page without a date has no dc:date
    assert meta.findtext("dc:title", namespaces=OPF) == "战“疫”路上，组工干部勇向前"
    assert meta.find("dc:date", OPF) is None
    assert meta.findtext("dc:source", namespaces=OPF) == "seed-page.txt"
    assert meta.findtext("dc:contributor", namespaces=OPF) == "fake engine (for tests) (v1)"
    modified = meta.xpath('opf:meta[@property="dcterms:modified"]/text()', namespaces=OPF)
    assert modified == ["2020-03-01T08:00:00Z"]


def test_identifier_is_stable_and_follows_the_text(tmp_path: Path) -> None:
    from bilingual.render.view import edition_identifier

    one = edition_identifier(NAME, ["第一句。"])
    assert one == edition_identifier(NAME, ["第一句。"])
    assert one != edition_identifier(NAME, ["第二句。"])
    assert one != edition_identifier("other", ["第一句。"])


def test_articles_are_interleaved_safe_xhtml(epub: Path) -> None:
    files = members(epub)
    for name in ("OEBPS/article-0001.xhtml", "OEBPS/article-0002.xhtml"):
        doc = etree.fromstring(files[name])
        assert not list(doc.iter(f"{XHTML}script", f"{XHTML}table"))
        notes = {p for a in doc.iter(f"{XHTML}aside") for p in a.iter()}
        blocks = [e for e in doc.iter() if e.tag in BLOCK_TAGS and e not in notes]
        assert blocks and all(e.get(XML_LANG) in ("zh-Hans", "en") for e in blocks)
        sids = [e.get("data-sid") for e in blocks if e.get("data-sid")]
        assert sids[0::2] == sids[1::2]  # zh then its en, pair after pair
    text = files["OEBPS/article-0001.xhtml"].decode()
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text
    assert "<rp>(</rp><rt>xīnzhōu</rt><rp>)</rp>" in text
    assert "font-family" in files["OEBPS/style.css"].decode()
    assert "Noto Serif CJK SC" in files["OEBPS/style.css"].decode()


EPUB_NS = "{http://www.idpf.org/2007/ops}type"


def test_glossary_notes_are_epub_footnotes(epub: Path) -> None:
    """The tooltips of the HTML become footnotes e-readers open as pop-ups: every term
    links to an aside of its article that says what the term is."""
    doc = etree.fromstring(members(epub)["OEBPS/article-0001.xhtml"])
    refs = [a for a in doc.iter(f"{XHTML}a") if a.get(EPUB_NS) == "noteref"]
    asides = {a.get("id"): a for a in doc.iter(f"{XHTML}aside")}
    assert len(refs) >= 8 and all(a.get(EPUB_NS) == "footnote" for a in asides.values())
    assert {r.get("href")[1:] for r in refs} == set(asides)  # each note used, each ref resolves
    texts = {"".join(a.itertext()).strip() for a in asides.values()}
    assert "组织部: Organization Department · zǔzhībù" in texts
    assert "网格化管理: grid-based management · wǎnggéhuà guǎnlǐ — Also 'grid management'." in texts
    assert "旦正措: Danzhengcuo — person name" in texts
    assert b"data-tip" not in members(epub)["OEBPS/article-0001.xhtml"]
    # a term on both sides of a pair, or twice, has one note
    organization = [r for r in refs if r.get("href") == refs[0].get("href")]
    assert len(organization) >= 2


def test_pinyin_none_leaves_out_ruby(tmp_path: Path) -> None:
    with build_store(tmp_path / NAME) as store:
        (path,) = render_edition(store, formats=("epub",), pinyin="none", glossary=glossary())
    assert all(b"<ruby>" not in data for data in members(path).values())


@pytest.mark.parametrize(
    ("message", "lines"),
    [
        (
            {
                "severity": "ERROR",
                "ID": "RSC-005",
                "message": "bad",
                "locations": [{"path": "OEBPS/a.xhtml", "line": 7, "column": 3}],
            },
            ["OEBPS/a.xhtml:7: ERROR RSC-005: bad"],
        ),
        (
            {
                "severity": "WARNING",
                "ID": "OPF-053",
                "message": "date",
                "locations": [{"path": "OEBPS/content.opf", "line": -1, "column": -1}],
            },
            ["OEBPS/content.opf: WARNING OPF-053: date"],
        ),
        ({"severity": "USAGE", "ID": "ACC-1", "message": "fyi", "locations": []}, []),
        (
            {"severity": "FATAL", "ID": "PKG-1", "message": "zip", "locations": []},
            ["(epub): FATAL PKG-1: zip"],
        ),
    ],
)
def test_report_lines(message: dict, lines: list[str]) -> None:
    assert report_lines({"messages": [message]}) == lines


@needs_java
def test_epubcheck_reports_no_errors_and_no_warnings(epub: Path) -> None:
    problems = check_epub(epub)
    assert problems == [], "\n".join(problems)


@needs_java
def test_epubcheck_problems_become_file_line_messages(epub: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "OEBPS/article-0001.xhtml":
                data = data.replace(b"</section>", b"<table><td>x</td></table></section>")
            dst.writestr(info, data)
    problems = check_epub(broken)
    assert problems and all(p.startswith("OEBPS/article-0001.xhtml:") for p in problems), problems


@needs_java
def test_a_mixed_edition_says_so_and_passes_epubcheck(tmp_path: Path) -> None:
    """A sentence from the word gloss among machine translations: the title page counts the
    gloss sentences, the sentence carries its origin and a note, and the book is valid."""
    with build_store(tmp_path / NAME) as store:
        pair = next(p for p in store.pairs() if p.en)
        with store.transaction():
            store.update_pair(pair.sid, signature="gloss cc-cedict 1.2 rules=1 | glossary=0")
        (path,) = render_edition(store, formats=("epub",), glossary=glossary())
    files = members(path)
    title = files["OEBPS/title.xhtml"].decode("utf-8")
    assert "1 of the 12 English sentences are a literal word-by-word gloss" in title
    article = etree.fromstring(files["OEBPS/article-0001.xhtml"])
    (cell,) = article.xpath(f'//*[@data-sid="{pair.sid}"][@data-origin]')
    assert (cell.get("data-origin"), cell.get("data-note")) == ("gloss", "word gloss")
    assert check_epub(path) == []


def test_control_characters_do_not_break_the_xhtml(tmp_path: Path) -> None:
    with build_store(tmp_path / NAME) as store:
        sid = store.pairs()[0].sid
        with store.transaction():
            store.update_pair(sid, en="bad\x0bchar\x00")
        (path,) = render_edition(store, formats=("epub",), glossary=glossary())
    text = members(path)["OEBPS/article-0001.xhtml"]
    etree.fromstring(text)
    assert b"badchar" in text


def test_an_empty_edition_is_a_one_line_error(tmp_path: Path) -> None:
    from bilingual.errors import RenderError
    from bilingual.store import EditionStore

    with (
        EditionStore(tmp_path / "empty", create=True) as store,
        pytest.raises(RenderError, match="has no articles"),
    ):
        render_edition(store, glossary=glossary())


@needs_java
def test_the_seed_edition_passes_epubcheck(tmp_path: Path, capsys) -> None:
    """The real sample page end to end (ingest, word gloss, render), not only the mini edition."""
    out = tmp_path / "seed"
    code, stdout, _ = run_cli(capsys, "build", SEED, "-e", out, "--format", "epub")
    assert code == 0
    epub = out / "seed.epub"
    assert stdout.splitlines()[-1] == str(epub)
    articles = [n for n in members(epub) if n.startswith("OEBPS/article-")]
    assert len(articles) == int(re.search(r"(\d+) articles", stdout).group(1)) >= 5
    problems = check_epub(epub)
    assert problems == [], "\n".join(problems)


def test_markup_from_the_data_is_text_in_every_epub_file(epub: Path) -> None:
    found = []
    for name, data in members(epub).items():
        if not name.endswith(".xhtml"):
            continue
        doc = etree.fromstring(data)
        assert not list(doc.iter(f"{XHTML}script")), name
        found.extend(v for e in doc.iter() for v in e.attrib.values())
        etree.strip_elements(doc, f"{XHTML}rt", f"{XHTML}rp", with_tail=False)
        found.append("".join(doc.itertext()))
    text = "\n".join(found)
    assert "<script>window.pwned=1</script>西安市。" in text  # source text
    assert "<script>window.pwned=2</script>Xi'an City." in text  # English
    assert "front line · yīxiàn — <script>window.pwned=3</script>" in text  # glossary note


def test_control_characters_in_titles_and_metadata_are_dropped(tmp_path: Path) -> None:
    blocks = [[("title", "标题\x0b一", ["标题\x0b一"]), ("paragraph", "第一句。", ["第一句。"])]]
    with EditionStore(tmp_path / "cc", create=True) as store:
        store.save_edition(assign_ids(blocks, "cc"), source="page\x01.txt")
        with store.transaction():
            store.set_meta("title", "Bad\x01title")
        (path,) = render_edition(store, formats=("epub",), glossary=glossary())
    files = members(path)
    for name, data in files.items():
        if name.endswith((".xhtml", ".opf")):
            etree.fromstring(data)  # well-formed
    assert "<dc:title>Badtitle</dc:title>" in files["OEBPS/content.opf"].decode()
    assert ">标题一<" in files["OEBPS/nav.xhtml"].decode()
