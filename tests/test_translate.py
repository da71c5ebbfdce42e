"""`bilingual translate` / `export` and `translate_edition`: the real Argos path with a tiny
model, the content-keyed cache, resumability, reviewed pairs, the glossary and no network."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mt_support import SEED, make_edition, run_cli, seed_sentences

from bilingual.store import EditionStore
from bilingual.terms.files import default_glossary
from bilingual.terms.glossary import Entry, Glossary
from bilingual.translate import translate_edition, translate_one

REQUIRED = {"translated": int, "cached": int, "engine": str, "seconds": float}


@pytest.fixture(autouse=True)
def fresh_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path / "cache"))
    glossary_dir = tmp_path / "glossary"
    glossary_dir.mkdir()
    (glossary_dir / "terms.tsv").write_text("zh\ten\n组织部\tOrganization Department\n")
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(glossary_dir))


@pytest.fixture
def installed(tiny_argosmodel, capsys) -> None:
    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0


def translate_json(capsys, edition: Path, *extra: object) -> tuple[dict, str]:
    code, out, err = run_cli(capsys, "translate", "-e", edition, "--json", *extra)
    assert code == 0, err
    report = json.loads(out)
    for key, kind in REQUIRED.items():
        assert isinstance(report[key], kind), key
    return report, err


def test_real_model_translates_seed_offline_and_caches(tmp_path, capsys, installed, no_network):
    edition = make_edition(tmp_path / "seed", seed_sentences())
    first, err = translate_json(capsys, edition)
    assert (first["translated"], first["cached"], first["engine"]) == (68, 0, "argos")
    assert err == ""  # a model is installed: no notice
    assert first["signature"].startswith("argos translate-zh_en-tiny v0.1 beam=4 maxlen=256")
    again, _ = translate_json(capsys, edition)
    assert (again["translated"], again["cached"]) == (0, 0)
    pairs = EditionStore(edition).pairs()
    assert {p.status for p in pairs} == {"machine"}
    assert all(p.en and p.en == p.mt for p in pairs)
    assert no_network == []  # translate never even tried to open a socket


def test_changing_beam_size_retranslates(tmp_path, capsys, installed):
    edition = make_edition(tmp_path / "e", seed_sentences(12))
    assert translate_json(capsys, edition)[0]["translated"] == 12
    report, _ = translate_json(capsys, edition, "--beam-size", "2")
    assert (report["translated"], report["cached"]) == (12, 0)
    # Back to the first options: everything comes from the cache.
    report, _ = translate_json(capsys, edition)
    assert (report["translated"], report["cached"]) == (0, 12)


def test_editions_sharing_sentences_share_the_cache(tmp_path, capsys, installed):
    sentences = seed_sentences(20)
    a = make_edition(tmp_path / "a", sentences[:14])
    b = make_edition(tmp_path / "b", sentences[6:])
    assert translate_json(capsys, a)[0]["translated"] == 14
    report, _ = translate_json(capsys, b)
    assert (report["translated"], report["cached"]) == (6, 8)
    en_a = {p.zh: p.en for p in EditionStore(a).pairs()}
    assert all(en_a.get(p.zh, p.en) == p.en for p in EditionStore(b).pairs())


def test_duplicates_translated_once(tmp_path):
    sentences = seed_sentences(5)
    edition = make_edition(tmp_path / "d", [*sentences, *sentences[1:3]])
    with EditionStore(edition) as store:
        report = translate_edition(store, engine_name="fake")
        assert (report.translated, report.sentences) == (5, 7)


def test_gloss_is_default_without_model_and_labelled(tmp_path, capsys, no_network):
    edition = make_edition(
        tmp_path / "g", ["组织部深入基层，2月13日送去慰问金。", "干部群众同心协力。"]
    )
    report, err = translate_json(capsys, edition)
    assert report["engine"] == "gloss" and report["label"] == "word gloss"
    assert err.count("\n") == 1 and err.startswith("No zh→en translation model is installed")
    assert "bilingual models install --download zh en" in err
    code, out, _ = run_cli(capsys, "export", "-e", edition, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert "(word gloss, not MT)" in rows[0]["signature"]
    assert all(
        {"code": "word-gloss", "detail": "literal CC-CEDICT word gloss, not a translation"}
        in r["flags"]
        for r in rows
    )
    # The glossary term comes out in its approved rendering, the number as is.
    assert rows[0]["en"].startswith("Organization Department") and "13" in rows[0]["en"]
    assert not [f for f in rows[0]["flags"] if f["code"] == "term-miss"]
    assert no_network == []


def test_reviewed_pairs_are_never_overwritten(tmp_path):
    edition = make_edition(tmp_path / "r", seed_sentences(6))
    with EditionStore(edition) as store:
        translate_edition(store, engine_name="fake")
        first, second, third = store.pairs()[:3]
        with store.transaction():
            store.update_pair(first.sid, en="Edited by hand.", status="edited")
            store.update_pair(second.sid, status="approved")
            # English from elsewhere (an aligned translation), not from an MT engine
            store.update_pair(third.sid, en="Aligned.", signature="align v1")
        report = translate_edition(store, engine_name="fake", beam_size=1)
        assert (report.translated, report.kept_reviewed, report.sentences) == (3, 2, 3)
        after = {p.sid: p for p in store.pairs()}
        assert (after[third.sid].en, after[third.sid].signature) == ("Aligned.", "align v1")
        assert (after[first.sid].en, after[first.sid].status) == ("Edited by hand.", "edited")
        assert (after[second.sid].signature, after[second.sid].status) == (
            second.signature,
            "approved",
        )


def test_glossary_edit_redoes_only_sentences_with_the_term(tmp_path):
    sentences = seed_sentences()
    edition = make_edition(tmp_path / "t", sentences)
    old = Glossary.from_entries(
        [Entry("组织部", "Organization Department"), Entry("党员", "Party member")]
    )
    new = Glossary.from_entries(
        [Entry("组织部", "Department of Organization"), Entry("党员", "Party member")]
    )
    holding = len({s for s in sentences if "组织部" in s})
    assert 0 < holding < len(sentences)
    with EditionStore(edition) as store:
        translate_edition(store, engine_name="fake", glossary=old)
        report = translate_edition(store, engine_name="fake", glossary=new)
        assert report.translated == report.redone_for_glossary == holding
        assert report.cached == len(set(sentences)) - holding
        en = [p.en for p in store.pairs() if "组织部" in p.zh]
        assert all("Department of Organization" in e for e in en)
        assert all(p.signature.endswith(new.hash) for p in store.pairs())
        assert not [f for p in store.pairs() for f in p.flags if f.code == "term-miss"]


def test_translate_one_returns_fields_without_writing(tmp_path):
    edition = make_edition(tmp_path / "o", seed_sentences(3))
    with EditionStore(edition) as store:
        sid = store.pairs()[1].sid
        result = translate_one(store, sid, engine_name="fake")
        assert result.en.startswith("EN[") and str(result.signature).startswith("fake v1")
        assert store.pair(sid).status == "untranslated"


def test_export_tsv_and_unknown_format(tmp_path, capsys):
    edition = make_edition(tmp_path / "x", seed_sentences(3))
    out_file = tmp_path / "x.tsv"
    assert run_cli(capsys, "export", "-e", edition, "--format", "tsv", "-o", out_file)[0] == 0
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "article",
        "block",
        "kind",
        "id",
        "zh",
        "en",
        "status",
        "flags",
        "signature",
    ]
    assert len(lines) == 4 and lines[1].split("\t")[6] == "untranslated"
    code, _, err = run_cli(capsys, "export", "-e", edition, "--format", "xml")
    assert code == 8 and err.startswith(
        "Error: Unknown export format 'xml'. Choose one of: jsonl, "
    )
    assert err.count("\n") == 1 and "tsv" in err


def test_unknown_engine_and_missing_model(tmp_path, capsys):
    edition = make_edition(tmp_path / "u", seed_sentences(2))
    code, _, err = run_cli(capsys, "translate", "-e", edition, "--engine", "deepl")
    assert code == 4 and err.startswith("Error: Unknown translation engine 'deepl'.")
    code, _, err = run_cli(capsys, "translate", "-e", edition, "--engine", "argos")
    assert code == 4 and err.startswith("Error: No zh→en translation model is installed.")
    assert err.count("\n") == 1


def _machine_count(edition: Path) -> int:
    conn = sqlite3.connect(edition / "edition.sqlite", timeout=10)
    try:
        return conn.execute("SELECT count(*) FROM pairs WHERE status = 'machine'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def test_sigkill_loses_at_most_the_batch_in_flight(tmp_path, monkeypatch):
    edition = make_edition(tmp_path / "k", seed_sentences(40))
    env = os.environ | {"BILINGUAL_MT_BATCH": "5", "BILINGUAL_FAKE_DELAY": "0.3"}
    command = [
        sys.executable,
        "-m",
        "bilingual",
        "translate",
        "-e",
        str(edition),
        "--engine",
        "fake",
    ]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _machine_count(edition) < 10 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = _machine_count(edition)
    assert 10 <= done < 40 and done % 5 == 0  # whole batches only
    with EditionStore(edition) as store:
        report = translate_edition(store, engine_name="fake")
        assert report.translated + report.cached == 40 - done
        assert report.translated == 40 - done - report.cached  # cache may be one batch ahead
        assert {p.status for p in store.pairs()} == {"machine"}


CREDITS = [
    ("dateline", "本报讯（葛新爱 王飞）", "王飞说，社区工作已全面展开。", "Wang Fei"),
    ("attribution", "——杭州市文明办副主任 康志友", "康志友强调，要从小事入手。", "Kang Zhiyou"),
    ("byline", "旦正措", "旦正措在村里走访了三天。", "Danzhengcuo"),
]


@pytest.mark.parametrize(
    ("kind", "credit", "sentence", "english"), CREDITS, ids=[c[0] for c in CREDITS]
)
def test_credited_names_are_protected_in_the_whole_article(
    tmp_path, kind, credit, sentence, english
):
    """A name from a byline/dateline/attribution is protected in the article's other blocks,
    and only in that article (the same sentence elsewhere is not touched)."""
    from bilingual.document import assign_ids

    first = [
        ("title", "标题", ["标题"]),
        (kind, credit, [credit]),
        ("paragraph", sentence, [sentence]),
    ]
    second = [("title", "另一篇", ["另一篇"]), ("paragraph", sentence + "一", [sentence + "一"])]
    edition = assign_ids([first, second], "credits")
    with EditionStore(tmp_path / "c", create=True) as store:
        store.save_edition(edition)
        translate_edition(store, engine_name="fake")
        en = {p.zh: p.en for p in store.pairs()}
        # The fake engine keeps only ASCII: the name's English can only come from protection.
        assert english in en[sentence]
        assert english not in en[sentence + "一"]
        sid = next(p.sid for p in store.pairs() if p.zh == sentence)
        assert english in translate_one(store, sid, engine_name="fake").en


JSONL_KEYS = ["article", "block", "kind", "id", "zh", "en", "status", "flags", "signature"]


def test_export_jsonl_rows_in_document_order(tmp_path, capsys):
    sentences = seed_sentences(6)
    edition = make_edition(tmp_path / "j", sentences)
    with EditionStore(edition) as store:
        translate_edition(store, engine_name="fake")
        with store.transaction():
            store.update_pair(store.pairs()[2].sid, status="approved")
    code, out, _ = run_cli(capsys, "export", "-e", edition)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [list(r) for r in rows] == [JSONL_KEYS] * len(sentences)
    assert [r["zh"] for r in rows] == sentences
    assert [r["status"] for r in rows] == ["machine"] * 2 + ["approved"] + ["machine"] * 3
    assert [r["kind"] for r in rows[:2]] == ["title", "paragraph"]
    assert all(r["signature"].startswith("fake v1") and r["en"].startswith("EN[") for r in rows)
    assert all(isinstance(r["flags"], list) for r in rows)


@pytest.mark.parametrize("target", ["missing-dir/out.jsonl", "."])
def test_export_to_unwritable_path_is_one_line(tmp_path, capsys, target):
    edition = make_edition(tmp_path / "w", seed_sentences(2))
    code, out, err = run_cli(capsys, "export", "-e", edition, "-o", tmp_path / target)
    assert (code, out, err.count("\n")) == (8, "", 1)
    assert err.startswith(f"Error: Cannot write {tmp_path / target} (")
    assert err.endswith("Choose a file in an existing, writable directory with -o.\n")


def test_target_prefix_is_forced_and_stripped(tmp_path, capsys):
    """A package whose metadata has `target_prefix` decodes after that token, which never
    reaches the English."""
    from tinymodel import build_package

    from bilingual.mt import EngineOptions, argos, create

    name = "translate-zh_en-prefixed"
    archive = build_package(tmp_path / "m", name=name, target_prefix="__en__")
    assert run_cli(capsys, "models", "install", archive)[0] == 0
    engine = create("argos", EngineOptions(model=name))
    texts = seed_sentences(6)
    out = engine.translate(texts)
    tokens = engine.tokenize(texts)
    decode = {"beam_size": 4, "max_decoding_length": 256, "replace_unknowns": True}
    decode |= {"max_batch_size": argos.BATCH_SIZE, "batch_type": argos.BATCH_TYPE}
    forced = engine.translator.translate_batch(tokens, target_prefix=[["__en__"]] * 6, **decode)
    assert all(r.hypotheses[0][0] == "__en__" for r in forced)
    detok = engine.package.tokenizer.decode
    assert out == [detok(r.hypotheses[0][1:]).strip() for r in forced]
    free = engine.translator.translate_batch(tokens, **decode)
    assert out != [detok(r.hypotheses[0]).strip() for r in free]  # the prefix matters


@pytest.mark.parametrize(
    ("cores", "env", "expected"),
    [(1, "", (1, 1)), (2, "", (2, 1)), (8, "", (4, 2)), (16, "", (4, 4)), (8, "1", (1, 8))],
)
def test_threads_fill_the_cores(monkeypatch, cores, env, expected):
    """(inter_threads, intra_threads): up to four replicas, never more threads than cores."""
    from bilingual.mt import argos

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setenv("BILINGUAL_INTER_THREADS", env)
    assert argos.threads() == expected


def test_build_never_opens_a_socket(tmp_path, capsys, installed, no_network, monkeypatch):
    """The whole of `build` (ingest, argos translate, HTML and EPUB) with sockets blocked."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "build", SEED, "-e", tmp_path / "b")
    assert code == 0, err
    assert "with argos (machine translation)" in out
    assert (tmp_path / "b" / "b.html").is_file() and (tmp_path / "b" / "b.epub").is_file()
    assert no_network == []


def test_ocr_doubts_survive_translation_qa_and_retranslation(tmp_path):
    from bilingual.document import Flag, Origin, Page, assign_ids
    from bilingual.qa import run_qa
    from bilingual.review import retranslate, select

    doubt = Flag("ocr-uncertain", "OCR confidence 0.52: 蒙城县岳坊镇")
    origin = Origin(Page("p.png", 1, 800, 1000, "px"), (0, 0, 100, 20), flags=[(doubt,), ()])
    sentences = ["蒙城县岳坊镇党委书记介绍。", "全镇党员包保群众。"]
    edition = assign_ids([[("paragraph", "".join(sentences), sentences, origin)]], "ocr")
    with EditionStore(tmp_path / "ocr", create=True) as store:
        store.save_edition(edition)
        sid = store.pairs()[0].sid
        assert [p.sid for p in select(store, "flagged")] == [sid]
        translate_edition(store, engine_name="fake")
        run_qa(store, default_glossary())
        assert doubt in store.pair(sid).flags
        retranslate(store, sid)
        assert doubt in store.pair(sid).flags and store.pair(sid).status == "machine"
