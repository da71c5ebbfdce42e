"""`bilingual translate` / `export` and `translate_edition`: the real Argos path with a tiny
model, the content-keyed cache, resumability, reviewed pairs, the glossary and no network."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mt_support import SEED, make_edition, run_cli, seed_sentences

from bilingual.store import EditionStore
from bilingual.terms.files import default_glossary
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match
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
    # 组织部 as a term: not inside 组织部门 (departments) or 组织部长 (its head)
    holding = len({s for s in sentences if any(m.entry.zh == "组织部" for m in match(s, old))})
    assert 0 < holding < len({s for s in sentences if "组织部" in s})
    with EditionStore(edition) as store:
        translate_edition(store, engine_name="fake", glossary=old)
        report = translate_edition(store, engine_name="fake", glossary=new)
        assert report.translated == report.redone_for_glossary == holding
        assert report.cached == len(set(sentences)) - holding
        en = [p.en for p in store.pairs() if any(m.entry.zh == "组织部" for m in match(p.zh, new))]
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


def test_tm_exact_matches_come_before_the_engine_labelled_tm(tmp_path, capsys):
    from bilingual.review import edit

    sentences = seed_sentences(3)
    first = make_edition(tmp_path / "day1", sentences[:2])
    with EditionStore(first) as store:
        translate_edition(store, engine_name="fake")
        edit(store, store.pairs()[1].sid, "A translator's English.")  # into the memory
    later = make_edition(tmp_path / "day2", sentences[1:])
    report, _ = translate_json(capsys, later, "--engine", "fake", "--tm")
    assert (report["from_tm"], report["translated"], report["sentences"]) == (1, 1, 2)
    code, out, _ = run_cli(capsys, "export", "-e", later)
    rows = [json.loads(line) for line in out.splitlines()]
    assert (rows[0]["en"], rows[0]["status"], rows[0]["origin"]) == (
        "A translator's English.", "machine", "tm"
    )  # fmt: skip
    assert rows[0]["signature"].startswith("tm memory") and rows[1]["origin"] == "fake"
    report, _ = translate_json(capsys, later, "--engine", "fake", "--tm")  # nothing left
    assert (report["from_tm"], report["translated"], report["sentences"]) == (0, 0, 0)
    code, out, _ = run_cli(capsys, "translate", "-e", later, "--engine", "fake", "--beam-size", "2")
    assert code == 0 and "translation memory" not in out  # a TM pair is no engine's to redo
    with EditionStore(later) as store:
        assert store.pairs()[0].en == "A translator's English."


def test_export_tsv_and_unknown_format(tmp_path, capsys):
    edition = make_edition(tmp_path / "x", seed_sentences(3))
    out_file = tmp_path / "x.tsv"
    assert run_cli(capsys, "export", "-e", edition, "--format", "tsv", "-o", out_file)[0] == 0
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == JSONL_KEYS  # the same columns as JSONL
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


def _shortest_first(sentences: list[str]) -> list[str]:
    """Distinct sentences in the order a run translates them (shortest first, stable)."""
    return sorted(dict.fromkeys(sentences), key=len)


def test_sigkill_loses_at_most_the_chunk_in_flight(tmp_path):
    """The fake engine (one worker) killed mid-run: what is in the edition is whole chunks in
    the order they were translated, and the next run does only the rest."""
    sentences = seed_sentences(40)
    edition = make_edition(tmp_path / "k", sentences)
    env = os.environ | {"BILINGUAL_FAKE_DELAY": "0.05"}
    command = [sys.executable, "-m", "bilingual", "translate", "-e", str(edition)]
    command += ["--engine", "fake"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _machine_count(edition) < 10 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with EditionStore(edition) as store:
        done = [p.zh for p in store.pairs() if p.status == "machine"]
        assert 10 <= len(done) < 40
        order = _shortest_first(sentences)
        assert set(done) == set(order[: len(set(done))])  # a prefix: whole chunks, in order
        report = translate_edition(store, engine_name="fake")
        assert report.translated + report.cached == 40 - len(done)
        assert report.up_to_date == len(done)
        assert {p.status for p in store.pairs()} == {"machine"}


@pytest.fixture
def slow_model(tmp_path, capsys) -> None:
    """A real model slow enough for a run of several seconds: random weights that never end a
    sentence (each output runs to the length rule's cap) in a wider network than the tiny one."""
    from tinymodel import build_package

    archive = build_package(
        tmp_path / "slow", name="translate-zh_en-slow", eos_bias=0.0, d_model=256, ffn=1024
    )
    assert run_cli(capsys, "models", "install", archive)[0] == 0


SLOW_SENTENCES = 240


def _slow_run(tmp_path: Path) -> tuple[Path, subprocess.Popen]:
    """`bilingual translate` with the slow model in its own process group, once it has
    committed its first chunk."""
    base = seed_sentences()
    sentences = [
        f"{base[i % len(base)].rstrip('。！？')}，第{i}次。" for i in range(SLOW_SENTENCES)
    ]
    edition = make_edition(tmp_path / "slow-edition", sentences)
    command = [sys.executable, "-m", "bilingual", "translate", "-e", str(edition)]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while _machine_count(edition) == 0 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    return edition, proc


def _left_to_do(edition: Path) -> tuple[int, int]:
    """(pairs already translated, pairs still pending) as a new run sees them, found by a run
    asked to stop before its first chunk (so it translates nothing)."""
    from bilingual.chunks import StopRequest

    stop = StopRequest()
    stop.request()
    with EditionStore(edition) as store:
        report = translate_edition(store, engine_name="argos", stop=stop)
    assert report.translated == 0
    return report.up_to_date, report.pending


def test_ctrl_c_on_a_real_model_keeps_finished_chunks(tmp_path, slow_model):
    """SIGINT to the process group mid-run (what Ctrl-C in a terminal sends): the run stops
    (chunks still decoding after the grace are abandoned, their threads ending with the
    process), exit 130, one line saying what it kept, all of it in the edition; the next run
    has only the rest to do."""
    edition, proc = _slow_run(tmp_path)
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    kept = _machine_count(edition)
    assert proc.returncode == 130, err
    assert 0 < kept < SLOW_SENTENCES
    assert err.splitlines()[-1] == (
        f"Interrupted: kept {kept} of {SLOW_SENTENCES} sentences; run the same command to continue."
    )
    assert "Traceback" not in err
    assert _left_to_do(edition) == (kept, SLOW_SENTENCES - kept)


def test_sigkill_on_a_real_model_keeps_committed_chunks(tmp_path, slow_model):
    """SIGKILL mid-run: every chunk committed before it stays, whole (English, signature,
    status), and the next run has only the rest to do."""
    edition, proc = _slow_run(tmp_path)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    with EditionStore(edition) as store:
        done = [p for p in store.pairs() if p.status == "machine"]
    assert 0 < len(done) < SLOW_SENTENCES
    assert all(p.en and p.signature.startswith("argos translate-zh_en-slow") for p in done)
    assert _left_to_do(edition) == (len(done), SLOW_SENTENCES - len(done))


def test_progress_counts_sentences_with_an_eta(tmp_path):
    """progress(done, total, eta) after every chunk: pairs (duplicates too), up to the total."""
    sentences = seed_sentences()
    edition = make_edition(tmp_path / "p", [*sentences, *sentences[:5]])
    calls: list[tuple[int, int, float | None]] = []
    with EditionStore(edition) as store:
        report = translate_edition(
            store, engine_name="fake", progress=lambda *args: calls.append(args)
        )
    total = len(sentences) + 5
    assert report.sentences == report.pending == total
    assert len(calls) >= 4  # chunks grow from a handful: progress moves more than once
    assert [c[1] for c in calls] == [total] * len(calls)
    done = [c[0] for c in calls]
    assert done == sorted(done) and done[-1] == total
    assert all(eta is None or eta >= 0 for *_, eta in calls)
    assert calls[-1][2] == 0.0


@pytest.fixture
def after_first_chunk(monkeypatch):
    """Make the fake engine call `then()` once, after its first chunk (set `then` on the
    returned object); records the chunks it was given."""
    from bilingual.mt import fake

    original = fake.FakeEngine.translate
    hook = SimpleNamespace(then=lambda: None, chunks=[])

    def translate(self, texts):
        out = original(self, texts)
        hook.chunks.append(list(texts))
        if len(hook.chunks) == 1:
            hook.then()
        return out

    monkeypatch.setattr(fake.FakeEngine, "translate", translate)
    return hook


def test_a_stop_request_keeps_every_finished_chunk(tmp_path, after_first_chunk):
    """A stop (what Ctrl-C asks) ends the run between chunks; the next run does the rest."""
    from bilingual.chunks import StopRequest

    sentences = seed_sentences()
    edition = make_edition(tmp_path / "s", sentences)
    stop = StopRequest()
    after_first_chunk.then = stop.request
    with EditionStore(edition) as store:
        first = translate_edition(store, engine_name="fake", stop=stop)
        kept = [p for p in store.pairs() if p.status == "machine"]
        assert first.interrupted and len(after_first_chunk.chunks) == 1
        assert 0 < first.sentences == len(kept) == len(after_first_chunk.chunks[0])
        assert (first.kept, first.wanted) == (len(kept), len(sentences))
        second = translate_edition(store, engine_name="fake")
        assert not second.interrupted
        assert (second.translated, second.cached, second.up_to_date) == (
            len(sentences) - len(kept),
            0,
            len(kept),
        )


def test_ctrl_c_in_translate_says_what_it_kept(tmp_path, capsys, after_first_chunk):
    """A real SIGINT to the process during a run: the chunk in flight is finished and kept,
    the CLI says how many sentences it kept and exits with 130 (QA is left for the next run)."""
    sentences = seed_sentences()
    edition = make_edition(tmp_path / "c", sentences)
    after_first_chunk.then = lambda: os.kill(os.getpid(), signal.SIGINT)
    handler = signal.getsignal(signal.SIGINT)  # SIG_IGN when pytest runs as a background job
    code, out, err = run_cli(capsys, "translate", "-e", edition, "--engine", "fake")
    with EditionStore(edition) as store:
        kept = sum(p.status == "machine" for p in store.pairs())
    assert code == 130 and 0 < kept < len(sentences)
    assert err == (
        f"Interrupted: kept {kept} of {len(sentences)} sentences; "
        "run the same command to continue.\n"
    )
    assert out.startswith(f"Translated {kept} and reused 0 cached sentences with fake")
    assert signal.getsignal(signal.SIGINT) is handler  # put back


def test_a_too_long_sentence_is_translated_in_pieces_and_flagged(tmp_path):
    """A pair longer than MAX_MT_CHARS (ingest never makes one; merges and imports can): the
    engine sees pieces cut at clause marks, none longer than the cap, and the pair gets
    their English joined and a `too-long` flag with its length."""
    from bilingual.document import assign_ids
    from bilingual.ingest.sentences import cap_length
    from bilingual.mt import fake
    from bilingual.pending import MAX_MT_CHARS

    clause = "组织部深入基层开展调研，为社区工作者送去慰问金"
    long = "，".join([clause] * 60) + "。"  # 1,440 characters, no sentence end inside
    edition = assign_ids([[("paragraph", long, [long]), ("paragraph", "短句。", ["短句。"])]], "l")
    seen: list[str] = []
    original = fake.FakeEngine.translate

    def spy(self, texts):
        seen.extend(texts)
        return original(self, texts)

    with EditionStore(tmp_path / "l", create=True) as store:
        store.save_edition(edition)
        fake.FakeEngine.translate = spy
        try:
            report = translate_edition(store, engine_name="fake")
        finally:
            fake.FakeEngine.translate = original
        pair = next(p for p in store.pairs() if p.zh == long)
    assert report.sentences == 2 and "短句。" in seen
    pieces = [re.sub(r"ZZ\d+ZZ", "组织部", t) for t in seen if t != "短句。"]  # markers undone
    assert len(pieces) > 1 and all(len(t) <= MAX_MT_CHARS for t in pieces)
    assert all(t.endswith(("，", "。")) for t in pieces)  # cut after clause marks
    count = pair.en.count("EN[")  # identical pieces are translated once, used each time
    assert count == len(cap_length(long, MAX_MT_CHARS)) >= len(pieces)
    assert pair.flags[0].to_json() == {
        "code": "too-long",
        "detail": f"1,440 characters; translated in {count} pieces",
    }
    assert pair.en.count("Organization Department") == 60  # every piece's term restored
    assert not [f for f in pair.flags if f.code == "term-miss"]


def test_a_run_stopped_inside_a_too_long_sentence_keeps_its_pieces(tmp_path, after_first_chunk):
    """The pieces are cached one by one: the next run translates only the ones left."""
    from bilingual.chunks import StopRequest
    from bilingual.document import assign_ids

    long = "，".join(f"第{i}个社区的工作者坚守岗位" for i in range(200)) + "。"
    edition = assign_ids([[("paragraph", long, [long])]], "m")
    stop = StopRequest()
    after_first_chunk.then = stop.request
    with EditionStore(tmp_path / "m", create=True) as store:
        store.save_edition(edition)
        first = translate_edition(store, engine_name="fake", stop=stop)
        assert first.interrupted and first.sentences == 0 and first.translated > 0
        assert store.pairs()[0].status == "untranslated"
        second = translate_edition(store, engine_name="fake")
        assert second.cached == first.translated and second.sentences == 1
        assert store.pairs()[0].status == "machine"


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


JSONL_KEYS = ["article", "block", "kind", "id", "zh", "en", "status", "flags", "signature",
              "origin"]  # fmt: skip


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
    assert {r["origin"] for r in rows} == {"fake"}  # approving keeps the engine's origin


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

    from bilingual.mt import EngineOptions, create, decoding_length

    name = "translate-zh_en-prefixed"
    archive = build_package(tmp_path / "m", name=name, target_prefix="__en__")
    assert run_cli(capsys, "models", "install", archive)[0] == 0
    engine = create("argos", EngineOptions(model=name))
    texts = seed_sentences(6)
    out = engine.translate(texts)
    tokens = engine.tokenize(texts)

    # each sentence under its own cap (+1 for the prefix token), whatever it is batched with
    def decode(prefix: str | None) -> list:
        return [
            engine.translator.translate_batch(
                [t], target_prefix=[[prefix]] if prefix else None, beam_size=4,
                max_decoding_length=decoding_length(len(t)) + 1, replace_unknowns=True,
            )[0]
            for t in tokens
        ]  # fmt: skip

    forced = decode("__en__")
    assert all(r.hypotheses[0][0] == "__en__" for r in forced)
    detok = engine.package.tokenizer.decode
    assert out == [detok(r.hypotheses[0][1:]).strip() for r in forced]
    free = decode(None)
    assert out != [detok(r.hypotheses[0]).strip() for r in free]  # the prefix matters


def test_a_sentences_english_does_not_depend_on_its_batch(tmp_path, capsys):
    """The decoding cap is each sentence's own (sub-batches share one cap), so a sentence
    translated alone, with its page or in another order comes out the same (the random tiny
    model never ends a sentence: every output runs to its cap)."""
    from tinymodel import build_package

    from bilingual.mt import EngineOptions, create

    archive = build_package(tmp_path / "m", name="translate-zh_en-batching")
    assert run_cli(capsys, "models", "install", archive)[0] == 0
    engine = create("argos", EngineOptions(model="translate-zh_en-batching"))
    texts = seed_sentences(24)
    together = engine.translate(texts)
    assert together == [engine.translate([t])[0] for t in texts]
    assert engine.translate(texts[::-1]) == together[::-1]


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
