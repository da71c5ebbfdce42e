"""`bilingual glossary …` and `bilingual romanize`, through the typer app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from glossary_support import SHIPPED_TSV, shipped_fixture  # noqa: F401
from lxml import etree
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.errors import GlossaryError
from bilingual.terms.files import read_tsv, user_glossary_path
from bilingual.terms.formats import TBX_NS

runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, result.output
    return result.stdout


def user_rows() -> list[tuple[str, str]]:
    return [(e.zh, e.en) for e in read_tsv(user_glossary_path())]


@pytest.fixture(autouse=True)
def shipped_unchanged(shipped: Path):
    """Every test: the shipped files are never changed by the CLI."""
    yield
    assert (shipped / "terms.tsv").read_text(encoding="utf-8") == SHIPPED_TSV


def test_list_plain_and_by_category() -> None:
    lines = run("glossary", "list").splitlines()
    assert len(lines) == 13
    assert "网格化管理\tgrid-based management\tgovernance" in lines
    slogans = run("glossary", "list", "--category", "slogan").splitlines()
    assert [line.split("\t")[0] for line in slogans] == ["不忘初心、牢记使命", "四个意识"]


def test_list_json_shape() -> None:
    data = json.loads(run("glossary", "list", "--json", "-c", "party-membership"))
    assert set(data[0]) == {"zh", "en", "pinyin", "category", "note", "source", "variants",
                            "status", "layer"}  # fmt: skip
    assert {d["zh"] for d in data} == {"党费", "火线入党", "党员", "预备党员"}
    assert data[0]["layer"] == "shipped/terms.tsv"


@pytest.mark.parametrize(
    ("query", "first"),
    [("网格", "网格化"), ("organization", "组织部"), ("huoxian", "火线入党"), ("dǎng fèi", "党费")],
)
def test_search(query: str, first: str) -> None:
    assert run("glossary", "search", query).splitlines()[0].split("\t")[0] == first
    assert json.loads(run("glossary", "search", query, "--json"))[0]["zh"] == first


def test_search_without_hits_exits_1() -> None:
    assert run("glossary", "search", "zzzz", code=1) == ""


def test_show() -> None:
    out = run("glossary", "show", "网格化管理")
    assert "en:        grid-based management" in out
    assert "variants:  网格管理" in out
    assert json.loads(run("glossary", "show", "Party member", "--json"))["zh"] == "党员"
    with pytest.raises(GlossaryError, match="not in the glossary"):
        run("glossary", "show", "没有")


def test_add_goes_to_the_user_glossary_with_generated_pinyin() -> None:
    out = run("glossary", "add", "火线提拔", "promoted on the front line", "-c", "cadre",
              "--source", "People's Daily", "--note", "n")  # fmt: skip
    assert out == f"Added 火线提拔 → promoted on the front line to {user_glossary_path()}.\n"
    (entry,) = read_tsv(user_glossary_path())
    assert (entry.pinyin, entry.category, entry.source, entry.note) == (
        "huǒ xiàn tí bá", "cadre", "People's Daily", "n")  # fmt: skip
    assert json.loads(run("glossary", "show", "火线提拔", "--json"))["layer"] == "user"


def test_add_refuses_duplicates_bad_status_and_missing_chinese() -> None:
    run("glossary", "add", "新词", "new word")
    with pytest.raises(GlossaryError, match="already in"):
        run("glossary", "add", "新词", "other")
    with pytest.raises(GlossaryError, match="Unknown status"):
        run("glossary", "add", "另词", "x", "--status", "maybe")
    with pytest.raises(GlossaryError, match="no Chinese"):
        run("glossary", "add", "abc", "x")


def test_add_to_another_file(tmp_path: Path) -> None:
    target = tmp_path / "house.tsv"
    run("glossary", "add", "新词", "new word", "--file", str(target))
    assert [e.zh for e in read_tsv(target)] == ["新词"]
    assert not user_glossary_path().exists()
    assert "新词" in run("glossary", "--glossary", str(target), "list")
    assert "新词" not in run("glossary", "list")


def test_edit_user_term_and_override_shipped_term() -> None:
    run("glossary", "add", "新词", "new word")
    run("glossary", "edit", "新词", "--en", "neologism", "--note", "edited")
    out = run("glossary", "edit", "居委会", "--en", "neighborhood committee")
    assert out == f"Saved 居委会 → neighborhood committee in {user_glossary_path()}.\n"
    assert user_rows() == [("新词", "neologism"), ("居委会", "neighborhood committee")]
    shown = json.loads(run("glossary", "show", "居委会", "--json"))
    assert (shown["en"], shown["layer"], shown["pinyin"]) == (
        "neighborhood committee", "user", "jū wěi huì")  # fmt: skip
    with pytest.raises(GlossaryError, match="not in the glossary"):
        run("glossary", "edit", "没有", "--en", "x")


def test_remove() -> None:
    run("glossary", "add", "新词", "new word")
    assert run("glossary", "remove", "新词").startswith("Removed 新词")
    assert user_rows() == []
    with pytest.raises(GlossaryError, match="override a shipped term"):
        run("glossary", "remove", "党费")


def test_the_shipped_files_are_refused_as_a_target(shipped: Path) -> None:
    with pytest.raises(GlossaryError, match="shipped glossary"):
        run("glossary", "add", "新词", "x", "--file", str(shipped / "terms.tsv"))


@pytest.mark.parametrize("fmt", ["tsv", "csv", "tbx", "tbx3"])
def test_export_then_import_round_trips(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt.rstrip('3')}"  # both TBX forms are .tbx files
    run("glossary", "export", "--format", fmt, "-o", str(out))
    target = tmp_path / "copy.tsv"
    message = run("glossary", "import", str(out), "--file", str(target))
    assert message.endswith(": 13 added, 0 updated, 0 unchanged.\n")
    assert run("glossary", "import", str(out), "--file", str(target)).endswith(
        ": 0 added, 0 updated, 13 unchanged.\n"
    )
    exported = [e.to_row() for e in read_tsv(target)]
    assert exported == [e.to_row() for e in read_tsv(tmp_path / "shipped" / "terms.tsv")]


def test_export_to_stdout_and_tbx_parses() -> None:
    assert run("glossary", "export").splitlines()[0].startswith("zh\ten\tpinyin")
    root = etree.fromstring(run("glossary", "export", "--format", "tbx").encode())
    assert root.tag == "martif" and len(root.findall(".//termEntry")) == 13
    root = etree.fromstring(run("glossary", "export", "--format", "tbx3").encode())
    assert len(root.findall(f".//{{{TBX_NS}}}conceptEntry")) == 13
    with pytest.raises(GlossaryError, match="Unknown export format"):
        run("glossary", "export", "--format", "docx")


def test_import_into_the_user_glossary_updates(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("zh,en\n党费,Party dues\n新词,new word\n", encoding="utf-8")
    assert run("glossary", "import", str(source)).endswith(": 2 added, 0 updated, 0 unchanged.\n")
    source.write_text("zh,en\n党费,membership dues\n", encoding="utf-8")
    assert run("glossary", "import", str(source)).endswith(": 0 added, 1 updated, 0 unchanged.\n")
    assert user_rows() == [("党费", "membership dues"), ("新词", "new word")]


def test_lint_clean_and_dirty(tmp_path: Path) -> None:
    assert run("glossary", "lint") == ""
    bad = tmp_path / "bad.tsv"
    bad.write_text("zh\ten\n党费\tdues\n党费\tfees \n", encoding="utf-8")
    out = run("glossary", "--glossary", str(bad), "lint", code=1)
    assert out.splitlines() == [
        f"{bad}:3: duplicate: 党费 → 'fees', but bad.tsv:2 has 'dues'",
        f"{bad}:3: whitespace: en 'fees ': stray spaces",
    ]
    data = json.loads(run("glossary", "--glossary", str(bad), "lint", "--json", code=1))
    assert [d["code"] for d in data] == ["duplicate", "whitespace"]


def test_stats_counts_by_category_and_layer() -> None:
    run("glossary", "add", "新词", "new word", "-c", "slogan")
    out = run("glossary", "stats")
    assert out.startswith("14 entries\nby category:\n")
    assert "       3  slogan\n" in out
    assert "      13  shipped/terms.tsv\n       1  user\n" in out
    data = json.loads(run("glossary", "stats", "--json"))
    assert data["entries"] == 14 and data["layer"]["user"] == 1


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (["葛新爱", "欧阳少峰"], ["葛新爱\tGe Xin'ai", "欧阳少峰\tOuyang Shaofeng"]),
        (["--kind", "place", "忻州市", "西安市"], ["忻州市\tXinzhou City", "西安市\tXi'an City"]),
        (["-k", "text", "网格化"], ["网格化\twǎnggé huà"]),
    ],
)
def test_romanize(args: list[str], lines: list[str]) -> None:
    assert run("romanize", *args).splitlines() == lines


COMMANDS = ["list", "search", "show", "add", "edit", "remove", "import", "export", "lint", "stats"]


@pytest.mark.parametrize(
    "command", [["glossary"], ["romanize"]] + [["glossary", c] for c in COMMANDS]
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    assert "Example:" in run(*command, "--help")


def test_errors_are_one_line_with_the_glossary_exit_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bilingual", "glossary", "show", "没有这个词"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 6
    assert result.stderr == (
        "Error: 没有这个词 is not in the glossary. Try `bilingual glossary search`.\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "export", "-o", "{blocker}/out.tsv"],
        ["glossary", "add", "新词", "new word", "-f", "{blocker}/mine.tsv"],
        ["glossary", "import", "{source}", "-f", "{blocker}/mine.csv"],
    ],
)
def test_unwritable_targets_are_glossary_errors(tmp_path: Path, args: list[str]) -> None:
    blocker = tmp_path / "a-file"  # a file where a folder should be: fails even for root
    blocker.write_text("x")
    source = tmp_path / "in.tsv"
    source.write_text("zh\ten\n党费\tdues\n", encoding="utf-8")
    args = [a.format(blocker=blocker, source=source) for a in args]
    with pytest.raises(GlossaryError, match=r"^Cannot write .*a-file"):
        run(*args)


def test_real_shipped_files_are_never_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the repository's own glossary/: edits land in the user file (XDG_DATA_HOME) and a
    --glossary file layers on top; no shipped byte changes."""
    import hashlib

    from bilingual.terms.files import shipped_dir

    monkeypatch.delenv("BILINGUAL_GLOSSARY_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    files = sorted(shipped_dir().iterdir())
    before = {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in files}
    run("glossary", "edit", "党费", "--en", "Party dues")
    run("glossary", "add", "新词", "new word")
    run("glossary", "import", str(tmp_path / "xdg" / "bilingual" / "glossary.tsv"))
    for target in ["party.tsv", "brand-new.tsv", "not-terms.txt"]:
        with pytest.raises(GlossaryError, match="shipped glossary"):
            run("glossary", "add", "又一词", "x", "-f", str(shipped_dir() / target))
    after = {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in shipped_dir().iterdir()}
    assert after == before
    assert user_glossary_path() == tmp_path / "xdg" / "bilingual" / "glossary.tsv"
    assert user_rows() == [("党费", "Party dues"), ("新词", "new word")]
    extra = tmp_path / "house.csv"
    extra.write_text("zh,en\n党费,membership fees\n", encoding="utf-8")
    shown = json.loads(run("glossary", "--glossary", str(extra), "show", "党费", "--json"))
    assert (shown["en"], shown["layer"]) == ("membership fees", str(extra))
    assert json.loads(run("glossary", "show", "党费", "--json"))["layer"] == "user"
