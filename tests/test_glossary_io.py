"""Glossary files that must not slip through: rows past the header, rows `add` would refuse,
TBX with DTDs or entities, formula cells in CSV exports, a directory given as the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from glossary_support import shipped_fixture  # noqa: F401
from mt_support import run_cli

from bilingual.terms.files import read_tsv
from bilingual.terms.formats import csv_text, read_csv
from bilingual.terms.glossary import Entry
from bilingual.terms.lint import lint_files

MINE = "zh\ten\n党费\tParty dues\n"  # what the target file holds before each refused import
FIX = "Fix them (`bilingual glossary --glossary FILE lint` lists them), then import again."

# (file name, content, the error after "Error: " with {p} for the file's path)
REFUSED_IMPORTS = [
    (
        "extra.tsv",
        "zh\ten\n网格\tgrid\tmore\n",
        "1 row cannot be imported (first: {p}:2: a cell past the header's last column)",
    ),
    (
        "extra.csv",
        "zh,en\n网格,grid\n网格化,grid-based,x,y\n",
        "1 row cannot be imported (first: {p}:3: 2 cells past the header's last column)",
    ),
    (
        "no-en.tsv",
        "zh\ten\tcategory\n网格\t\tadmin\n测试\t\tx\n",
        "2 rows cannot be imported (first: {p}:2: A term needs both Chinese and English)",
    ),
    (
        "no-en.csv",
        'zh,en\n网格,grid\n"空的",\n',
        "1 row cannot be imported (first: {p}:3: A term needs both Chinese and English)",
    ),
    (
        "status.tsv",
        "zh\ten\tstatus\n网格\tgrid\tmaybe\n",
        "1 row cannot be imported (first: {p}:2: Unknown status 'maybe')",
    ),
    (
        "latin.tsv",
        "zh\ten\nABC\tgrid\n",
        "1 row cannot be imported (first: {p}:2: 'ABC' has no Chinese characters)",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "error"), REFUSED_IMPORTS, ids=[r[0] for r in REFUSED_IMPORTS]
)
def test_import_refuses_what_add_refuses(
    capsys, shipped: Path, tmp_path: Path, name: str, content: str, error: str
) -> None:
    source, target = tmp_path / name, tmp_path / "mine.tsv"
    source.write_text(content, encoding="utf-8")
    target.write_text(MINE, encoding="utf-8")
    assert run_cli(capsys, "glossary", "import", source, "-f", target) == (
        6,
        "",
        f"Error: {error.format(p=source)}. {FIX}\n",
    )
    assert target.read_text(encoding="utf-8") == MINE


def test_trailing_empty_cells_are_no_problem(capsys, shipped: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "trailing.tsv", tmp_path / "mine.tsv"
    source.write_text("zh\ten\n网格\tgrid\t\t\n", encoding="utf-8")
    assert run_cli(capsys, "glossary", "import", source, "-f", target)[0] == 0
    assert [(e.zh, e.en) for e in read_tsv(target)] == [("网格", "grid")]


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("g.tsv", "zh\ten\n网格\tgrid\n网格化\tgrid-based\textra\n", 3),
        ("g.csv", 'zh,en\n"网格","grid\nlines"\n网格化,grid-based,extra\n', 4),
    ],
)
def test_lint_reports_cells_past_the_header(tmp_path: Path, name: str, content: str, line: int):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    problems = [str(p) for p in lint_files([(str(path), path)])]
    assert f"{path}:{line}: cells: 网格化: cells past the header: 'extra'" in problems


TBX_BODY = (
    '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"><text><body>'
    '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>网格{zh}</term></termSec>'
    '</langSec><langSec xml:lang="en"><termSec><term>{en}grid</term></termSec></langSec>'
    "</conceptEntry></body></text></tbx>"
)
TBX_REFUSED = [
    (
        "internal-entity",
        '<!DOCTYPE tbx [<!ENTITY i "内部">]>',
        {"zh": "&i;"},
        "uses the entity &i;",
    ),
    (
        "external-entity",
        '<!DOCTYPE tbx [<!ENTITY e SYSTEM "file:///etc/hostname">]>',
        {"en": "&e;"},
        "uses the entity &e;",
    ),
    (
        "parameter-entity",
        '<!DOCTYPE tbx [<!ENTITY % p SYSTEM "file:///etc/hostname">]>',
        {},
        "uses a DTD of its own",
    ),
    ("element-declaration", "<!DOCTYPE tbx [<!ELEMENT tbx ANY>]>", {}, "uses a DTD of its own"),
]


@pytest.mark.parametrize(
    ("doctype", "terms", "what"), [c[1:] for c in TBX_REFUSED], ids=[c[0] for c in TBX_REFUSED]
)
def test_tbx_with_a_dtd_or_entities_is_refused(
    capsys, shipped: Path, tmp_path: Path, doctype: str, terms: dict, what: str
) -> None:
    source, target = tmp_path / "evil.tbx", tmp_path / "mine.tsv"
    body = TBX_BODY.format(**{"zh": "", "en": ""} | terms)
    source.write_text(f'<?xml version="1.0"?>\n{doctype}\n{body}', encoding="utf-8")
    assert run_cli(capsys, "glossary", "import", source, "-f", target) == (
        6,
        "",
        f"Error: {source} {what}: DTDs and entities are not read (their text could be "
        "anything, even another file's). Remove the DOCTYPE's [ … ] part and the entities, "
        "or export the TBX again.\n",
    )
    assert not target.exists()


def test_tbx_naming_an_external_dtd_is_read(capsys, shipped: Path, tmp_path: Path) -> None:
    """TBX v2 files name their DTD; it is never loaded, and the terms are read."""
    source, target = tmp_path / "v2.tbx", tmp_path / "mine.tsv"
    body = TBX_BODY.format(zh="", en="")
    source.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "TBXcoreStructV02.dtd">\n{body}',
        encoding="utf-8",
    )
    assert run_cli(capsys, "glossary", "import", source, "-f", target)[0] == 0
    assert [(e.zh, e.en) for e in read_tsv(target)] == [("网格", "grid")]


FORMULAS = ["=1+1", "+86 10", "-5 degrees", "@home", "'quoted", "'=x", "plain"]


def test_csv_export_guards_formula_cells_and_round_trips(
    capsys, shipped: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "mine.tsv"
    rows = [f"词{i}\t{en}" for i, en in enumerate(FORMULAS)]
    mine.write_text("zh\ten\n" + "\n".join(rows) + "\n", encoding="utf-8")
    entries = read_tsv(mine)
    text = csv_text(entries)
    cells = [line.split(",")[1] for line in text.splitlines()[1:]]
    assert cells == [
        "'=1+1",
        "'+86 10",
        "'-5 degrees",
        "'@home",
        "''quoted",
        "''=x",
        "plain",
    ]
    exported = tmp_path / "all.csv"
    exported.write_text(text, encoding="utf-8")
    assert [e.en for e in read_csv(exported)] == FORMULAS
    copy = tmp_path / "copy.tsv"
    assert run_cli(capsys, "glossary", "import", exported, "-f", copy)[0] == 0
    assert [e.to_row() for e in read_tsv(copy)] == [e.to_row() for e in entries]


def test_a_spreadsheet_guard_is_taken_off_on_import(tmp_path: Path) -> None:
    path = tmp_path / "from-a-spreadsheet.csv"
    path.write_text("zh,en\n公式,'=SUM(A1)\n引号,'quoted\n", encoding="utf-8")
    assert [e.en for e in read_csv(path)] == ["=SUM(A1)", "'quoted"]


def test_a_cell_starting_with_a_tab_or_return_is_guarded() -> None:
    """(Glossary fields are stripped when read, so these only come from code.)"""
    text = csv_text([Entry("制表", "\tindented"), Entry("回车", "\rreturn")])
    assert "'\tindented" in text and "'\rreturn" in text


@pytest.mark.parametrize(
    "command",
    [
        ["glossary", "add", "网格", "grid", "-f", "{d}"],
        ["glossary", "import", "{source}", "-f", "{d}"],
        ["glossary", "edit", "网格", "--en", "grid", "-f", "{d}"],
        ["glossary", "remove", "网格", "-f", "{d}"],
    ],
    ids=["add", "import", "edit", "remove"],
)
def test_a_directory_as_the_file_says_so(capsys, shipped: Path, tmp_path: Path, command) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    source = tmp_path / "in.tsv"
    source.write_text("zh\ten\n网格\tgrid\n", encoding="utf-8")
    args = [a.format(d=folder, source=source) for a in command]
    assert run_cli(capsys, *args) == (
        6,
        "",
        f"Error: {folder} is a directory. Give a glossary file (TSV, CSV or TBX) in it.\n",
    )
