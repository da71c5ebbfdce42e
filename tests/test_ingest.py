"""Ingest end to end: the seed page (golden file), the CLI, re-ingest and articles.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN, SEED

from bilingual.ingest import ingest
from bilingual.store import EditionStore

CLI = [sys.executable, "-m", "bilingual"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, check=False)


@pytest.fixture(scope="module")
def seed_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("seed") / "seed-page"
    ingest([SEED], directory)
    return directory


def test_seed_matches_golden(seed_edition: Path, regen_golden: bool) -> None:
    result = run("show", "-e", str(seed_edition), "--json")
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / "seed-page.json"
    if regen_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(golden.read_text(encoding="utf-8"))


def test_seed_structure_as_the_issue_states(seed_edition: Path) -> None:
    with EditionStore(seed_edition) as store:
        doc = store.load_edition()
    blocks = [b for a in doc.articles for b in a.blocks]

    def texts(kind: str) -> list[str]:
        return [b.text for b in blocks if b.kind == kind]

    assert [a.blocks[0].text for a in doc.articles if a.blocks[0].kind == "title"] == [
        "战“疫”路上，组工干部勇向前",
        "增信心暖人心聚民心",
        "安徽蒙城：9761个党建网格疫情防控全覆盖",
        "江苏盐城：“小网格”发挥抗“疫”大作用",
        "福建省泉州市鲤城区推进移风易俗助力打赢疫情防控阻击战",
        "湖南永州江华县漫画公益广告助力抗“疫”宣传",
    ]
    assert len(texts("subtitle")) == 2
    assert texts("byline") == ["旦正措", "思瑜"]
    assert texts("dateline") == [
        "本报讯（葛新爱 王飞 王少峰）",
        "本报讯（盐文）",
        "本报讯（闽文）",
        "本报讯（陈天涯）",
    ]
    assert len(texts("heading")) == 7
    assert "关怀关爱在一线 让“流血流汗者”觉暖心" in texts("heading")
    assert len(texts("quote")) >= 2 and len(texts("attribution")) == 2
    assert texts("attribution")[0] == "——杭州市委宣传部部务会议成员、市文明办副主任 康志友"
    # the body printed after the wrong headline goes to its own article
    first, second = doc.articles[0], doc.articles[1]
    assert any("玉树" in b.text for b in first.blocks if b.kind == "paragraph")
    assert not any("忻州" in b.text for b in first.blocks if b.kind == "paragraph")
    # the lead printed at the end of the page belongs to the 忻州 article
    assert [b.kind for b in second.blocks[:5]] == ["title", "subtitle", "byline", "lead", "lead"]
    assert doc.articles[-1].blocks[-1].kind == "paragraph"
    spaced = [
        s.zh
        for b in blocks
        if b.kind in ("paragraph", "lead", "quote")
        for s in b.sentences
        if " " in s.zh
    ]
    assert spaced == []
    zh = [s.zh for s in doc.sentences()]
    assert any("付的30万元党费，用于慰问抗“疫”一线的党员。" in s for s in zh)
    assert any(s.startswith("2月13日，市委组织部") for s in zh)


def test_cli_ingest_default_edition_dir_and_show_tree(tmp_path: Path) -> None:
    result = run("ingest", str(SEED), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ingested 7 articles" in result.stdout
    assert (tmp_path / "output" / "seed-page" / "edition.sqlite").exists()
    assert (tmp_path / "output" / "seed-page" / "articles.md").exists()
    tree = run("show", "-e", "output/seed-page", cwd=tmp_path)
    assert tree.returncode == 0
    assert "├── Article 1: 战“疫”路上，组工干部勇向前" in tree.stdout
    assert "dateline    本报讯（盐文）" in tree.stdout


def test_show_json_shape(seed_edition: Path) -> None:
    data = json.loads(run("show", "-e", str(seed_edition), "--json").stdout)
    assert set(data) == {"name", "articles"}
    for article in data["articles"]:
        assert set(article) == {"id", "blocks"} and isinstance(article["id"], int)
        for block in article["blocks"]:
            assert set(block) == {"id", "kind", "text", "sentences"}
            for s in block["sentences"]:
                assert set(s) == {"id", "zh"}


def test_reingest_edited_articles_md_keeps_unchanged_translations(tmp_path: Path) -> None:
    directory = tmp_path / "ed"
    ingest([SEED], directory)
    with EditionStore(directory) as store:
        pairs = [p for p in store.pairs() if p.kind == "paragraph" and p.zh.count("。") == 1]
        keep, change = pairs[0], pairs[1]
        with store.transaction():
            store.update_pair(keep.sid, en="kept translation", status="approved")
            store.update_pair(change.sid, en="old translation", status="machine")
    md = directory / "articles.md"
    text = md.read_text(encoding="utf-8")
    assert change.zh in text
    # a person fixes a typo in one sentence and turns a paragraph into a quote
    text = text.replace(change.zh, change.zh.replace("。", "！"), 1)
    md.write_text(text, encoding="utf-8")
    result = run("ingest", str(md), "-e", str(directory))
    assert result.returncode == 0, result.stderr
    assert "(1 translations kept)" in result.stdout
    with EditionStore(directory) as store:
        again = {p.sid: p for p in store.pairs()}
    assert again[keep.sid].en == "kept translation"
    assert again[keep.sid].status == "approved"
    assert change.sid not in again


def test_markdown_round_trip_is_stable(seed_edition: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    ingest([seed_edition / "articles.md"], copy)
    with EditionStore(seed_edition) as a, EditionStore(copy) as b:
        assert a.load_edition().to_json()["articles"] == b.load_edition().to_json()["articles"]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "Error: No such file:"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "blank.txt", b"\n \n\t\n"), "is empty"),
        (lambda d: _write(d / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 20), "binary"),
        (lambda d: _write(d / "bad.txt", "正文".encode() + b"\xff\xff\xff"), "Cannot decode"),
    ],
)
def test_bad_input_one_line_error(tmp_path: Path, setup, message: str) -> None:
    path = setup(tmp_path)
    result = run("ingest", str(path), "-e", str(tmp_path / "ed"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert message in result.stderr and result.stderr.startswith("Error: ")


def test_unwritable_edition_dir_and_existing_data_kept(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("ingest", str(SEED), "-e", str(blocker / "ed"))
    assert result.returncode == 3 and result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    # a failing re-ingest leaves the saved edition as it was
    directory = tmp_path / "ed"
    ingest([SEED], directory)
    before = run("show", "-e", str(directory), "--json").stdout
    bad = _write(tmp_path / "empty.txt", b"")
    assert run("ingest", str(bad), "-e", str(directory)).returncode == 2
    assert run("show", "-e", str(directory), "--json").stdout == before


def test_show_on_missing_edition_is_one_line(tmp_path: Path) -> None:
    result = run("show", "-e", str(tmp_path / "nothing"))
    assert result.returncode == 3
    assert result.stderr.startswith("Error: No edition at") and "Traceback" not in result.stderr


def test_ingest_several_sources_into_one_edition(tmp_path: Path) -> None:
    other = _write(tmp_path / "b.md", "# 第二篇\n\n正文第一句。正文第二句。\n".encode())
    result = ingest([SEED, other], tmp_path / "ed")
    assert result.articles == 8
    assert result.edition.articles[-1].blocks[1].text == "正文第一句。正文第二句。"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_store_refuses_a_file_as_edition_and_an_empty_store(tmp_path: Path) -> None:
    afile = _write(tmp_path / "afile", b"x")
    result = run("show", "-e", str(afile))
    assert result.returncode == 3
    assert (
        result.stderr
        == f"Error: {afile} is a file, not an edition directory. Give the directory with -e.\n"
    )
    (tmp_path / "ed").mkdir()
    _write(tmp_path / "ed" / "edition.sqlite", b"")
    result = run("show", "-e", str(tmp_path / "ed"))
    assert result.returncode == 3 and "is empty (0 bytes)" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(
            lambda t: "\n".join(line for line in t.split("\n") if line.strip()), id="single-spaced"
        ),
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
    ],
)
def test_seed_layout_variants_give_the_same_edition(
    seed_edition: Path, tmp_path: Path, variant
) -> None:
    page = _write(tmp_path / "seed-page.txt", variant(SEED.read_text(encoding="utf-8")).encode())
    ingest([page], tmp_path / "ed")
    with EditionStore(seed_edition) as a, EditionStore(tmp_path / "ed") as b:
        assert b.load_edition().to_json()["articles"] == a.load_edition().to_json()["articles"]


def test_parallel_parse_gives_the_serial_edition_and_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bilingual.ingest as ingest_module
    from bilingual.errors import InputError

    pages = [_write(tmp_path / f"p{i}.txt", SEED.read_bytes()) for i in range(3)]
    serial = ingest_module.build_edition(pages, "x")
    monkeypatch.setattr(ingest_module, "PARALLEL_BYTES", 0)
    assert ingest_module.build_edition(pages, "x").to_json() == serial.to_json()
    bad = _write(tmp_path / "bad.txt", b"\x00\x01\x02" * 10)
    with pytest.raises(InputError, match="looks like a binary file"):
        ingest_module.build_edition([*pages, bad], "x")


@pytest.mark.parametrize("ending", ["。", "（完）"], ids=["sentence-end", "no-sentence-end"])
def test_one_long_line_is_body_in_paragraphs_and_sentences(
    seed_edition: Path, tmp_path: Path, ending: str
) -> None:
    """Text with no line breaks (a 300 kB line here) is paragraphs of sentences, never a
    title of one sentence, and every character of it is kept."""
    from bilingual.ingest import MAX_PARAGRAPH
    from bilingual.ingest.sentences import MAX_SENTENCE

    with EditionStore(seed_edition) as store:
        paragraphs = [p.zh for p in store.pairs() if p.kind == "paragraph"]
    text = "".join(paragraphs * 100)[:100_000] + ending
    page = _write(tmp_path / "line.txt", text.encode())
    result = ingest([page], tmp_path / "ed")
    blocks = [b for a in result.edition.articles for b in a.blocks]
    assert {b.kind for b in blocks} == {"paragraph"}
    assert len(blocks) > 60 and max(len(b.text) for b in blocks) <= MAX_PARAGRAPH
    sentences = [s.zh for s in result.edition.sentences()]
    assert len(sentences) > 1000 and max(map(len, sentences)) <= MAX_SENTENCE
    assert "".join(sentences) == text


def test_new_store_is_in_wal_mode_with_nothing_left_beside_it(tmp_path: Path) -> None:
    import sqlite3

    ingest([SEED], tmp_path / "ed")
    assert sorted(p.name for p in (tmp_path / "ed").iterdir()) == ["articles.md", "edition.sqlite"]
    with sqlite3.connect(tmp_path / "ed" / "edition.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    "articles",
    [[], [[]], [[("title", "标题", ["标题"])], [("paragraph", "一。二。", ["一。", "二。"])]]],
    ids=["no-articles", "article-without-blocks", "two-articles"],
)
def test_show_json_pieces_are_the_edition_json(articles) -> None:
    from bilingual.document import assign_ids
    from bilingual.show import json_pieces

    edition = assign_ids(articles, "名")
    assert json.loads("".join(json_pieces(edition))) == edition.to_json()


def test_progress_on_a_terminal_and_not_in_a_pipe(tmp_path: Path) -> None:
    """On a real terminal (a pty) ingest shows its stages on stderr; piped, it prints none."""
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "bilingual", "ingest", str(SEED), "-e", str(tmp_path / "tty")],
        encoding="utf-8",
        timeout=60,
        dimensions=(24, 120),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    screen = child.before
    for stage in ("Reading", "Saving 7 articles to edition.sqlite", "Writing articles.md"):
        assert stage in screen
    assert "Ingested 7 articles, 53 blocks, 94 sentences" in screen
    piped = run("ingest", str(SEED), "-e", str(tmp_path / "pipe"))
    assert piped.returncode == 0 and piped.stderr == ""
