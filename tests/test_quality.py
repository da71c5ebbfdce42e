"""`bilingual eval`: chrF++/BLEU against a line-per-sentence file or an aligned edition, glossary
term accuracy per occurrence, flagged share, origins; refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from align_texts import EN, MT, ZH
from mt_support import run_cli
from sacrebleu.metrics import BLEU, CHRF

from bilingual.document import Flag, Pair, assign_ids, origin
from bilingual.quality import regroup, term_counts
from bilingual.store import EditionStore
from bilingual.terms.glossary import Entry, Glossary

GLOSSARY = Glossary.from_entries(
    [
        Entry("国家统计局", "National Bureau of Statistics", "", "", "", "test"),
        Entry("高标准农田", "high-standard farmland", "", "", "", "test"),
        Entry("中国共产党", "Communist Party of China (CPC)", "", "", "", "test"),
    ]
)


@pytest.fixture(autouse=True)
def glossary_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "glossary"
    directory.mkdir()
    rows = "".join(f"{e.zh}\t{e.en}\n" for e in GLOSSARY.entries.values())
    (directory / "terms.tsv").write_text("zh\ten\n" + rows, encoding="utf-8")
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(directory))


def edition(directory: Path, english: list[str], signature: str = "fake v1") -> Path:
    """The aligner test text, one paragraph per sentence, with the given English."""
    blocks = [("paragraph", zh, [zh]) for zh in ZH]
    with EditionStore(directory, create=True) as store:
        store.save_edition(assign_ids([blocks], directory.name))
        with store.transaction():
            for pair, en in zip(store.pairs(), english, strict=True):
                store.update_pair(pair.sid, en=en, status="machine", signature=signature)
    return directory


def scores(hypotheses: list[str], references: list[str]) -> tuple[float, float]:
    refs = [references]
    return (
        round(CHRF(word_order=2).corpus_score(hypotheses, refs).score, 2),
        round(BLEU().corpus_score(hypotheses, refs).score, 2),
    )


def test_against_a_line_per_sentence_file(tmp_path, capsys):
    ed = edition(tmp_path / "ed", MT)
    with EditionStore(ed) as store, store.transaction():
        store.update_pair(store.pairs()[0].sid, flags=[Flag("term-miss", "x")])
    reference = tmp_path / "ref.txt"
    lines = MT[:5] + [line.replace(" the ", " a ") for line in MT[5:]]
    reference.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "eval", "-e", ed, "--ref", reference, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["chrf++"], report["bleu"]) == scores(MT, lines)
    assert 50 < report["chrf++"] < 100
    assert (report["sentences"], report["segments"]) == (14, 14)
    # 国家统计局 once (its rendering is in MT[1]), 高标准农田 once (MT[5]).
    assert report["terms"] == {"occurrences": 2, "rendered": 2}
    assert report["term_accuracy"] == 1.0
    assert report["flagged"] == {"pairs": 1, "share": round(1 / 14, 4)}
    assert report["origins"] == {"fake": 14}
    assert report["metrics"]["chrf++"].startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:2|")
    code, out, _ = run_cli(capsys, "eval", "-e", ed, "--ref", reference)
    assert code == 0
    assert out.splitlines()[0] == f"Scored 14 sentences (14 segments) against file {reference}:"
    assert "  glossary terms rendered as approved: 2 of 2 occurrences (100.0%)" in out
    assert "  flagged pairs: 1 of 14 (7.1%)" in out and "  English from: fake 14" in out


def test_identical_english_scores_100(tmp_path, capsys):
    ed = edition(tmp_path / "ed", MT)
    reference = tmp_path / "ref.txt"
    reference.write_text("\n".join(MT), encoding="utf-8")
    report = json.loads(run_cli(capsys, "eval", "-e", ed, "--ref", reference, "--json")[1])
    assert (report["chrf++"], report["bleu"]) == (100.0, 100.0)


def test_against_an_edition_made_by_align(tmp_path, capsys):
    """The aligned reference groups the Chinese n:m (sentences 8 and 9 are one bead, 10 has
    no English): segments end where both editions' boundaries meet."""
    ours = edition(tmp_path / "ours", MT)
    (tmp_path / "zh.txt").write_text("\n".join(ZH) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(EN) + "\n", encoding="utf-8")
    ref = tmp_path / "ref"
    code, _, err = run_cli(capsys, "align", tmp_path / "zh.txt", tmp_path / "en.txt", "-e", ref,
                           "--presegmented")  # fmt: skip
    assert code == 0, err
    with EditionStore(ref) as store:
        ref_pairs = store.pairs()
    assert len(ref_pairs) == 13 and {origin(p) for p in ref_pairs if p.en} == {"aligned"}
    code, out, err = run_cli(capsys, "eval", "-e", ours, "--ref", ref, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["sentences"], report["segments"]) == (14, 13)
    hyps = [*MT[:8], f"{MT[8]} {MT[9]}", *MT[10:]]
    assert (report["chrf++"], report["bleu"]) == scores(hyps, [p.en for p in ref_pairs])


def _pair(zh: str, en: str, sid: str = "s1") -> Pair:
    return Pair(sid, 1, "b1", "paragraph", zh, en)


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("国家统计局发布数据。", "The National Bureau of Statistics released data.", (1, 1)),
        ("国家统计局发布数据。", "The statistics office released data.", (1, 0)),
        ("国家统计局和国家统计局。", "The National Bureau of Statistics, twice.", (2, 1)),
        ("国家统计局和国家统计局。",
         "The National Bureau of Statistics and the national bureau of statistics.", (2, 2)),
        ("建设高标准农田。", "Building high standard farmlands.", (1, 1)),  # hyphen, plural
        ("中国共产党领导。", "The CPC leads.", (1, 1)),  # the acronym form
        ("中国共产党领导。", "", (1, 0)),  # untranslated
        ("今天天气很好。", "The weather is fine.", (0, 0)),
    ],
)  # fmt: skip
def test_term_occurrences_and_renderings(zh: str, en: str, expected: tuple[int, int]) -> None:
    assert term_counts([_pair(zh, en)], GLOSSARY) == expected


def test_regroup_follows_the_chinese_whatever_the_grouping() -> None:
    ours = [_pair("甲。", "A."), _pair("乙。", "B."), _pair("丙丁。", "CD.")]
    theirs = [_pair("甲。乙。", "a b"), _pair("丙", "c"), _pair(" 丁。", "d")]
    assert regroup(ours, theirs) == [("A. B.", "a b"), ("CD.", "c d")]


@pytest.mark.parametrize(
    ("theirs", "message"),
    [
        (["甲。", "乙！"], "The reference edition's Chinese differs from this edition's at "
                          "sentence s2 ('乙。' against '乙!')"),
        (["甲。"], "The reference edition's Chinese ends before this edition's"),
        (["甲。", "乙。", "丙。"], "This edition's Chinese ends before the reference edition's"),
    ],
)  # fmt: skip
def test_regroup_refuses_other_chinese(theirs: list[str], message: str) -> None:
    from bilingual.errors import InputError

    ours = [_pair("甲。", "A.", "s1"), _pair("乙。", "B.", "s2")]
    with pytest.raises(InputError) as caught:
        regroup(ours, [_pair(zh, "x") for zh in theirs])
    assert caught.value.what == message


def test_wrong_line_count_and_missing_file_are_one_line(tmp_path, capsys):
    ed = edition(tmp_path / "ed", MT)
    short = tmp_path / "short.txt"
    short.write_text("One line.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "eval", "-e", ed, "--ref", short)
    assert (code, out) == (2, "")
    assert err == (
        "Error: The reference short.txt has 1 lines but the edition has 14 sentences. Give one "
        "English line per sentence, in order (`bilingual export --format tsv` lists them), or "
        "an edition made with `bilingual align`.\n"
    )
    code, _, err = run_cli(capsys, "eval", "-e", ed, "--ref", tmp_path / "nope.txt")
    assert (code, err) == (
        2,
        f"Error: No such reference file: {tmp_path / 'nope.txt'}. Check the path.\n",
    )
