"""bench/glossary_coverage.py: its loader and scoring on tiny in-test texts and glossaries.

The figure itself is the bench's output, not a test: here only the logic that produces it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from bilingual.terms.glossary import Entry, Glossary

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "glossary_coverage.py"
HELDOUT = SCRIPT.parent / "coverage-heldout"
_spec = importlib.util.spec_from_file_location("glossary_coverage", SCRIPT)
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up while the class is built
_spec.loader.exec_module(bench)

TINY = Glossary.from_entries(
    [
        Entry("全面从严治党", "full and rigorous Party self-governance"),
        Entry("两个维护", "Two Upholds"),
        Entry(
            "以习近平同志为核心的党中央", "the CPC Central Committee with Xi Jinping at its core"
        ),
        Entry("纪检监察", "discipline inspection and supervision"),
        Entry("市长", "mayor"),
        Entry("城市建设", "urban development"),
        Entry("十四五规划", "14th Five-Year Plan"),
    ]
)


def _score(text: str, terms: list[str]):
    """Scored with the character-level `Glossary.find` (no boundaries, no variants), so the
    scoring cases stay put whatever the matcher learns."""
    spans = [bench.Span(m.start, m.end, m.surface, m.entry.en) for m in TINY.find(text)]
    return bench.score(bench.Paragraph("p.txt", text, tuple(terms)), spans)


@pytest.mark.parametrize(
    ("text", "term", "status"),
    [
        ("编制“十四五”规划。", "“十四五”规划", "covered"),  # through the quotation marks
        ("城市长期规划。", "城市", "missed"),  # 市长 inside 城市长期 is no match
        ("城市建设加快。", "城市", "covered"),
    ],
)
def test_the_bench_scores_what_translate_protects(text: str, term: str, status: str) -> None:
    spans = bench.protected_matcher(TINY)(text)
    (result,) = bench.score(bench.Paragraph("p.txt", text, (term,)), spans).terms
    assert result.status == status


@pytest.mark.parametrize(
    ("text", "term", "status"),
    [
        ("坚持全面从严治党。", "全面从严治党", "covered"),  # the match is the term
        ("做到“两个维护”。", "“两个维护”", "covered"),  # edge quotation marks are no content
        ("同以习近平同志为核心的党中央保持一致。", "党中央", "covered"),  # a longer entry holds it
        ("城市长期规划，城市建设加快。", "城市", "covered"),  # the second occurrence is held
        ("纪检监察机关要带头。", "纪检监察机关", "partial"),  # a match over part of it
        ("城市长期规划。", "城市", "partial"),  # a match crossing its end (市长)
        ("编制“十四五”规划。", "“十四五”规划", "missed"),  # inner quotation marks are content
        ("以案为鉴、以案促改。", "以案为鉴、以案促改", "missed"),
    ],
)
def test_a_term_is_covered_only_inside_one_match(text: str, term: str, status: str) -> None:
    (result,) = _score(text, [term]).terms
    assert result.status == status
    assert bool(result.touching) == (status == "partial")


def test_partial_terms_keep_the_matches_that_touch_them() -> None:
    (result,) = _score("纪检监察机关要带头。", ["纪检监察机关"]).terms
    assert [(s.start, s.end, s.zh, s.en) for s in result.touching] == [
        (0, 4, "纪检监察", "discipline inspection and supervision")
    ]


@pytest.mark.parametrize(
    ("text", "terms", "stray"),
    [
        ("城市长期发展，坚持全面从严治党。", ["全面从严治党"], ["市长"]),
        ("全面从严治党，全面从严治党。", ["全面从严治党"], []),  # every occurrence is claimed
        ("纪检监察机关。", ["纪检监察机关"], []),  # a partial match is near a term
        ("坚持全面从严治党。", [], ["全面从严治党"]),
    ],
)
def test_matches_near_no_expected_term_are_listed(text: str, terms, stray) -> None:
    assert [s.zh for s in _score(text, terms).stray] == stray


def test_totals_and_text_report() -> None:
    result = _score(
        "坚持全面从严治党，做到“两个维护”，纪检监察机关以案为鉴、以案促改。",
        ["全面从严治党", "“两个维护”", "纪检监察机关", "以案为鉴、以案促改"],
    )
    assert result.covered == 2
    assert bench.totals([result]) == (2, 4, 50.0)
    report = bench.report_text([result], "header")
    assert report.splitlines()[:5] == [
        "header",
        "",
        "p.txt    2/4",
        "    missed:  以案为鉴、以案促改",
        "    partial: 纪检监察机关 (纪检监察)",
    ]
    assert "coverage: 2/4 = 50.0 %  (goal ≥ 95 %)" in report.splitlines()
    assert "partial (matched in part, not counted): 1" in report.splitlines()


def _write_bench(folder: Path, texts: dict[str, str], rows: str) -> Path:
    for name, text in texts.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    (folder / "expected.tsv").write_text(rows, encoding="utf-8")
    return folder


def test_loader_pairs_texts_with_their_terms(tmp_path: Path) -> None:
    folder = _write_bench(
        tmp_path,
        {"02-b.txt": "做到“两个维护”。", "01-a.txt": "坚持全面从严治党。"},
        "file\tterm\n02-b.txt\t“两个维护”\n01-a.txt\t全面从严治党\n01-a.txt\t从严治党\n",
    )
    assert bench.load_benchmark(folder) == [
        bench.Paragraph("01-a.txt", "坚持全面从严治党。", ("全面从严治党", "从严治党")),
        bench.Paragraph("02-b.txt", "做到“两个维护”。", ("“两个维护”",)),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("file\tterm\n01-a.txt\t党中央\n", "01-a.txt does not contain 党中央"),
        ("file\tterm\n01-a.txt\t全面从严治党\n09-x.txt\t党中央\n", "names missing files"),
        ("file\tterm\n", "01-a.txt has no expected terms"),
        ("term\tfile\n01-a.txt\t全面从严治党\n", "has no file<TAB>term header"),
        ("file\tterm\n01-a.txt\t“”\n", "expected.tsv:2 is not a file<TAB>term row"),
    ],
)
def test_loader_refuses_an_inconsistent_benchmark(tmp_path: Path, rows: str, message: str) -> None:
    folder = _write_bench(tmp_path, {"01-a.txt": "坚持全面从严治党。"}, rows)
    with pytest.raises(bench.BenchmarkError, match=re.escape(message)):
        bench.load_benchmark(folder)


@pytest.mark.parametrize("folder", [bench.BENCH_DIR, HELDOUT], ids=["first", "heldout"])
def test_the_shipped_benchmark_keeps_its_stated_shape(folder: Path) -> None:
    """READMEs: ≥ 10 paragraphs of 250–500 Han characters, 15–40 terms each, each in its text."""
    paragraphs = bench.load_benchmark(folder)
    assert len(paragraphs) >= 10
    for paragraph in paragraphs:
        han = len(re.findall(r"[\u4e00-\u9fff]", paragraph.text))
        assert 250 <= han <= 500, paragraph.name
        assert 15 <= len(paragraph.expected) <= 40, paragraph.name
        assert len(set(paragraph.expected)) == len(paragraph.expected), paragraph.name


def test_main_scores_the_glossary_of_a_given_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "tiny.tsv").write_text(
        "zh\ten\n全面从严治党\tfull and rigorous Party self-governance\n", encoding="utf-8"
    )
    assert bench.main(["--json", "--glossary", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["glossary_entries"] == 1
    assert report["matcher"] == "bilingual.terms.matcher.match"
    held = [p for p in report["paragraphs"] if p["covered"]]
    assert held and all(p["covered"] == 1 for p in held)
    assert report["covered"] == len(held)
    assert report["expected"] == sum(p["expected"] for p in report["paragraphs"])


def test_main_scores_the_set_it_is_given(tmp_path: Path, capsys) -> None:
    glossary, folder = tmp_path / "glossary", tmp_path / "set"
    glossary.mkdir()
    folder.mkdir()
    (glossary / "tiny.tsv").write_text(
        "zh\ten\n全面从严治党\tfull and rigorous Party self-governance\n", encoding="utf-8"
    )
    _write_bench(
        folder,
        {"01-a.txt": "坚持全面从严治党。", "02-b.txt": "做到“两个维护”。"},
        "file\tterm\n01-a.txt\t全面从严治党\n02-b.txt\t“两个维护”\n",
    )
    args = ["--set", str(folder), "--glossary", str(glossary)]
    assert bench.main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["set"], report["covered"], report["expected"]) == (str(folder), 1, 2)
    assert [(p["file"], p["missed"]) for p in report["paragraphs"]] == [
        ("01-a.txt", []),
        ("02-b.txt", ["“两个维护”"]),
    ]
    assert bench.main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"set: {folder} · glossary: 1 entries")
    assert "coverage: 1/2 = 50.0 %  (goal ≥ 95 %)" in lines


@pytest.mark.parametrize(
    ("folder", "name"),
    [(bench.BENCH_DIR, "bench/coverage"), (HELDOUT, "bench/coverage-heldout")],
)
def test_a_set_inside_the_repository_is_named_from_its_root(folder: Path, name: str) -> None:
    assert bench.shown(folder) == name


def test_main_reports_a_missing_set_in_one_line(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere"
    assert bench.main(["--set", str(missing)]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"Error: {missing} is not a directory. Pass the folder of a coverage set (--set DIR).\n"
    )


def test_main_reports_a_bad_glossary_folder_in_one_line(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere"
    assert bench.main(["--glossary", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: {missing} is not a directory. Pass the folder of the TSVs.\n"
