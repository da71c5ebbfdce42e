"""Edition metadata from the page: the title (paper and date, or first headline) and date,
and the --title / --date overrides of ingest, build and render."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.document import assign_ids
from bilingual.errors import InputError
from bilingual.ingest import ingest
from bilingual.ingest.meta import check_date, masthead, page_meta
from bilingual.render import render_edition
from bilingual.store import EditionStore
from bilingual.terms.glossary import Glossary

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("人民日报 2020年3月1日 星期日", ("人民日报", "2020年3月1日", "2020-03-01")),
        (
            "2020年2月26日 星期三 第5版 中国组织人事报",
            ("中国组织人事报", "2020年2月26日", "2020-02-26"),
        ),
        ("2020年 3月 1日", ("", "2020年 3月 1日", "2020-03-01")),
        (
            "学习时报｜二〇二〇年三月十一日｜A3版",
            ("学习时报", "二〇二〇年三月十一日", "2020-03-11"),
        ),
        (
            "中国青年报 2019年12月31日 农历腊月初六 周二",
            ("中国青年报", "2019年12月31日", "2019-12-31"),
        ),
        # not a masthead: a sentence around the date, no full date, an impossible date
        ("2020年3月1日，全市召开防疫工作会议。", None),
        ("本报讯 2020年3月1日", None),
        ("2020年之初，疫情暴发。", None),
        ("3月1日 星期日", None),
        ("人民日报 2020年13月1日", None),
    ],
)
def test_masthead_lines(line: str, expected) -> None:
    assert masthead(line) == expected


def edition(*blocks: tuple[str, str]):
    return assign_ids([[(kind, text, [text]) for kind, text in blocks]], "page")


@pytest.mark.parametrize(
    ("blocks", "title", "date"),
    [
        (
            [("title", "人民日报 2020年3月1日 星期日"), ("title", "春风化雨")],
            "人民日报 2020年3月1日",
            "2020-03-01",
        ),
        ([("dateline", "2020年3月1日 星期日"), ("title", "春风化雨")], "", "2020-03-01"),
        ([("title", "春风化雨"), ("paragraph", "2020年3月1日，会议召开。")], "", ""),
    ],
)
def test_page_meta(blocks, title: str, date: str) -> None:
    meta = page_meta(edition(*blocks))
    assert (meta.title, meta.date) == (title, date)


@pytest.mark.parametrize("value", ["2020-03-01", "2020-03", "2020"])
def test_good_dates(value: str) -> None:
    assert check_date(value) == value


@pytest.mark.parametrize("value", ["2020-13-01", "2020-02-30", "1 March 2020", "20200301", ""])
def test_bad_dates(value: str) -> None:
    with pytest.raises(InputError, match="Unknown date"):
        check_date(value)


def opf_meta(epub: Path) -> tuple[str, str | None]:
    with zipfile.ZipFile(epub) as z:
        opf = etree.fromstring(z.read("OEBPS/content.opf"))
    meta = opf.find("opf:metadata", OPF)
    return meta.findtext("dc:title", namespaces=OPF), meta.findtext("dc:date", namespaces=OPF)


PAGE = "人民日报\n2020年3月1日 星期日\n\n春风化雨润民心\n\n基层干部走村入户，宣传防疫知识。\n"


def test_ingest_keeps_the_page_meta_and_render_overrides_it(tmp_path: Path) -> None:
    page = tmp_path / "page-0301.txt"
    page.write_text(PAGE, encoding="utf-8")
    ed = tmp_path / "ed"
    ingest([page], ed)
    with EditionStore(ed) as store:
        assert (store.get_meta("page_title"), store.get_meta("page_date")) in [
            ("人民日报 2020年3月1日", "2020-03-01"),  # the masthead as one block
            ("春风化雨润民心", "2020-03-01"),  # the paper's name a block of its own
        ]
        (epub,) = render_edition(store, formats=("epub",), glossary=Glossary())
        title, date = opf_meta(epub)
        assert date == "2020-03-01" and "page-0301" not in title
        (epub,) = render_edition(
            store, formats=("epub",), glossary=Glossary(), title="Renmin Ribao", date="2020-03-02"
        )
        assert opf_meta(epub) == ("Renmin Ribao", "2020-03-02")
    with EditionStore(ed) as store:  # kept for the next render
        (epub,) = render_edition(store, formats=("epub",), glossary=Glossary())
        assert opf_meta(epub) == ("Renmin Ribao", "2020-03-02")


def test_ingest_into_an_existing_store_replaces_the_page_meta(tmp_path: Path) -> None:
    """A new store gets its meta rows as it is written; an existing one in the same ingest
    as its new structure: what the new page says, and --title when given."""
    dated, undated = tmp_path / "dated.txt", tmp_path / "undated.txt"
    dated.write_text(PAGE, encoding="utf-8")
    undated.write_text("乡村振兴开新局\n\n基层干部走村入户。\n", encoding="utf-8")
    ed = tmp_path / "ed"
    ingest([dated], ed, date="2020-03-02")
    with EditionStore(ed) as store:
        assert (store.get_meta("page_date"), store.get_meta("date")) == ("2020-03-01", "2020-03-02")
    ingest([undated], ed, title="Another page")
    with EditionStore(ed) as store:
        meta = {k: store.get_meta(k) for k in ("page_title", "page_date", "title", "date")}
    assert meta == {
        "page_title": "乡村振兴开新局",
        "page_date": "",
        "title": "Another page",
        "date": "2020-03-02",  # an override stays until another is given
    }


def test_the_commands_take_title_and_date(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("春风化雨润民心\n\n基层干部走村入户。\n", encoding="utf-8")
    ed = tmp_path / "ed"
    runner = CliRunner()
    result = runner.invoke(
        app, ["ingest", str(page), "-e", str(ed), "--title", "A page", "--date", "2021-07-01"]
    )
    assert result.exit_code == 0, result.output
    with EditionStore(ed) as store:
        assert (store.get_meta("title"), store.get_meta("date")) == ("A page", "2021-07-01")
        assert store.get_meta("page_title") == "春风化雨润民心"
    result = runner.invoke(app, ["render", "-e", str(ed), "--format", "epub", "--date", "July 1"])
    assert isinstance(result.exception, InputError)
    assert result.exception.message == (
        "Unknown date 'July 1'. Give the page's date as YYYY-MM-DD (or YYYY-MM, YYYY)."
    )
    result = runner.invoke(app, ["ingest", str(page), "-e", str(tmp_path / "e2"), "--date", "x"])
    assert isinstance(result.exception, InputError) and not (tmp_path / "e2").exists()
