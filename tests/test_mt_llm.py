"""`--engine llm` against a real HTTP server on 127.0.0.1 (tests/llm_server.py): translation in
context with the glossary as instructions, malformed answers, wrong counts, refusals,
timeouts, the offline promise, parallel requests, the config file, resumable runs."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest
from llm_server import FakeLLM, english
from mt_support import make_edition, own_dirs, run_cli, seed_sentences

from bilingual.document import origin
from bilingual.errors import ModelError, NetworkError
from bilingual.mt.llm_client import Client, TransientError, check_endpoint
from bilingual.mt.llm_prompt import prompt_id
from bilingual.mt.llm_settings import LLMSettings
from bilingual.store import EditionStore
from bilingual.translate import translate_edition, translate_one

TERMS = "组织部\tOrganization Department\n疫情防控\tepidemic prevention and control\n"


@pytest.fixture(autouse=True)
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own_dirs(tmp_path, monkeypatch, TERMS)


@pytest.fixture
def server():
    fake = FakeLLM()
    yield fake
    fake.close()


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return make_edition(tmp_path / "ed", seed_sentences(10))


def llm(server: FakeLLM, *extra: object) -> list[object]:
    return ["--engine", "llm", "--llm-url", server.url, "--llm-model", "tiny-chat", *extra]


def translate(capsys, edition: Path, server: FakeLLM, *extra: object) -> tuple[int, str, str]:
    return run_cli(capsys, "translate", "-e", edition, "--json", *llm(server, *extra))


def pairs(edition: Path):
    with EditionStore(edition) as store:
        return store.pairs()


def test_translates_in_context_with_the_glossary_as_instructions(edition, server, capsys):
    code, out, err = translate(capsys, edition, server, "--llm-parallel", "1")
    assert code == 0, err
    report = json.loads(out)
    assert (report["engine"], report["translated"], report["sentences"]) == ("llm", 10, 10)
    assert report["signature"].startswith(f"llm tiny-chat prompt={prompt_id()} | glossary=")
    done = pairs(edition)
    assert {p.status for p in done} == {"machine"} and {origin(p) for p in done} == {
        "llm:tiny-chat"
    }
    # Each request: consecutive sentences of one article, at most 8, numbered from 1.
    sent = [list(r.sentences.values()) for r in server.requests]
    assert [zh for group in sent for zh in group] == [p.zh for p in done]
    assert [len(g) for g in sent] == [8, 2]
    first = server.requests[0]
    assert first.body["model"] == "tiny-chat" and first.body["temperature"] == 0
    assert first.body["messages"][0]["role"] == "system"
    assert "one translation per number" in first.body["messages"][0]["content"]
    assert "Article title: " not in first.user  # the title is the first sentence itself
    assert server.requests[1].user.startswith(f"Article title: {done[0].zh}\n")
    assert f"Context before (do not translate):\n{done[6].zh}\n{done[7].zh}\n" in (
        server.requests[1].user
    )
    # Terms and names stated where the request holds them, and only there.
    for request in server.requests:
        text = "".join(request.sentences.values())
        assert ('- render 组织部 as "Organization Department"' in request.user) == (
            "组织部" in text
        )
    for pair in done:  # the server followed the instructions: no term was missed
        assert pair.en in answers(server, pair.zh)
        assert not any(f.code in ("term-miss", "name-miss") for f in pair.flags)
    # Nothing pending: a second run asks nothing.
    again = json.loads(translate(capsys, edition, server)[1])
    assert (again["translated"], len(server.requests)) == (0, 2)


def test_a_missed_term_is_flagged_as_for_any_engine(edition, server, capsys):
    # the requests whose terminology holds 组织部 get answers without that rendering
    server.forget = "组织部"
    server.rule = lambda r: "forget-term" if "组织部" in r.renderings else None
    assert translate(capsys, edition, server)[0] == 0
    missed = [p for p in pairs(edition) if any(f.code == "term-miss" for f in p.flags)]
    assert missed and all("组织部" in p.zh for p in missed)


# -- misbehaving servers ----------------------------------------------------------------------

# (plan for the first requests, requests expected, how many of the 10 end without English and
# with which flag)
MISBEHAVIOUR = [
    ("numbered", ["numbered"], 2, 0, None),
    ("fenced", ["fenced"], 2, 0, None),
    ("malformed-then-fixed", ["malformed"], 3, 0, None),
    ("fewer-twice", ["fewer", "fewer"], 1 + 1 + 8 + 1, 0, None),
    ("more-then-fixed", ["more"], 3, 0, None),
    ("empty-then-fixed", ["empty"], 3, 0, None),
    ("refused-group", ["refuse"], 1 + 8 + 1, 0, None),
    ("refusal-field", ["refusal-field"], 1 + 8 + 1, 0, None),
    ("server-error", ["http500"], 1 + 8 + 1, 0, None),
    ("dropped", ["drop"], 1 + 8 + 1, 0, None),
    ("malformed-everywhere", ["malformed"] * 14, 2 + 8 + 2 + 2, 10, "llm-malformed"),
]


@pytest.mark.parametrize(
    ("case", "plan", "requests", "failed", "code"), MISBEHAVIOUR, ids=[m[0] for m in MISBEHAVIOUR]
)
def test_misbehaving_answers(case, plan, requests, failed, code, edition, server, capsys):
    """Retry once with what was wrong, then sentence by sentence, then flag; flagged
    sentences have no English, are not cached, and the next run asks for them again."""
    server.plan = list(plan)
    code_, _, err = translate(capsys, edition, server, "--llm-parallel", "1")
    assert code_ == 0, err
    assert len(server.requests) == requests
    done = pairs(edition)
    empty = [p for p in done if not p.en]
    assert len(empty) == failed
    assert all(p.status == "untranslated" and code in {f.code for f in p.flags} for p in empty)
    assert all(p.en in answers(server, p.zh) for p in done if p.en)
    if case == "malformed-then-fixed":  # the retry showed the model its answer and the problem
        retry = server.requests[1].body["messages"]
        assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
        assert retry[2]["content"].startswith("Sure!")
        assert "neither a JSON object nor a numbered list" in retry[3]["content"]
    if failed:
        (flag,) = (f for f in empty[0].flags if f.code == code)
        assert flag.detail == (
            "the model answered: 'Sure! These sentences are about the work of Party organizations.'"
        )
        again = json.loads(translate(capsys, edition, server)[1])
        assert (again["translated"], again["cached"]) == (10, 0)
        assert all(p.en for p in pairs(edition))


def answers(server: FakeLLM, zh: str) -> set[str]:
    """What the server answers for `zh` in each request that asked for it."""
    return {english(zh, r.renderings) for r in server.requests if zh in r.sentences.values()}


def test_one_refused_sentence_is_flagged_and_the_rest_translated(edition, server, capsys):
    target = seed_sentences(10)[3]
    server.rule = lambda r: "refuse" if target in r.sentences.values() else None
    assert translate(capsys, edition, server)[0] == 0
    refused = [p for p in pairs(edition) if not p.en]
    assert [p.zh for p in refused] == [target]
    flags = {f.code: f.detail for f in refused[0].flags}
    assert set(flags) == {"llm-refused", "empty"}  # QA adds that it has no English
    assert flags["llm-refused"].startswith("the model answered: \"I'm sorry, but I can't")
    assert sum(1 for p in pairs(edition) if p.en) == 9


def test_a_slow_group_is_asked_sentence_by_sentence(edition, server, capsys):
    server.plan, server.slow_seconds = ["slow"], 2.0
    started = time.perf_counter()
    code, _, err = translate(capsys, edition, server, "--llm-timeout", "1", "--llm-parallel", "1")
    assert code == 0, err
    assert time.perf_counter() - started < 10
    assert all(p.en for p in pairs(edition)) and len(server.requests) == 1 + 8 + 1


def test_a_dead_endpoint_stops_the_run_and_keeps_what_was_done(edition, server, capsys):
    """After the first 8 sentences every request fails: three failures in a row end the run
    with one line; the first group is saved; the next run asks only for the rest."""
    server.rule = lambda r: "http500" if len(server.requests) > 1 else None
    code, out, err = translate(capsys, edition, server, "--llm-parallel", "1")
    assert (code, out) == (5, "")
    assert err == (
        f"Error: The LLM endpoint at {server.url} failed 3 requests in a row. Check the model "
        "server (or raise --llm-timeout) and run again: what was translated is saved.\n"
    )
    assert sum(1 for p in pairs(edition) if p.status == "machine") == 8
    server.rule, asked = None, len(server.requests)
    report = json.loads(translate(capsys, edition, server)[1])
    assert (report["translated"], len(server.requests) - asked) == (2, 1)


def test_parallel_requests_up_to_the_limit(tmp_path, server, capsys):
    """Twelve sentences of one article, two per request: three requests at a time (a barrier
    in the server holds them until three have arrived), never more."""
    (tmp_path / "config.toml").write_text("[llm]\nsentences_per_request = 2\n")
    edition = make_edition(tmp_path / "p", seed_sentences(12))
    server.barrier = threading.Barrier(3)
    code, _, err = translate(capsys, edition, server, "--llm-parallel", "3")
    assert code == 0, err
    assert (len(server.requests), server.max_in_flight) == (6, 3)
    assert all(p.en for p in pairs(edition))


def test_progress_moves_as_chunks_of_requests_finish(tmp_path, server):
    """The first chunk is one round of requests (parallel × sentences per request), committed
    and reported before the next; later chunks grow with the measured rate."""
    (tmp_path / "config.toml").write_text("[llm]\nsentences_per_request = 2\nparallel = 2\n")
    edition = make_edition(tmp_path / "g", seed_sentences(10))
    seen: list[tuple[int, int]] = []
    settings = LLMSettings(url=server.url, model="tiny-chat")
    with EditionStore(edition) as store:
        translate_edition(
            store, "llm", llm=settings, progress=lambda d, t, eta: seen.append((d, t))
        )
    assert seen[:2] == [(0, 10), (4, 10)] and seen[-1] == (10, 10)
    assert [d for d, _ in seen] == sorted({d for d, _ in seen})


# -- keys, addresses, config ------------------------------------------------------------------


def test_the_api_key_comes_from_the_environment_and_is_never_stored(
    edition, server, capsys, monkeypatch, tmp_path
):
    server.api_key = "sk-test-secret"
    monkeypatch.delenv("BILINGUAL_LLM_API_KEY", raising=False)
    code, _, err = translate(capsys, edition, server)
    assert code == 4
    assert err.startswith(f"Error: The LLM endpoint at {server.url} refused the request (HTTP 401")
    assert err.endswith("Set BILINGUAL_LLM_API_KEY to a valid API key.\n")
    monkeypatch.setenv("MY_KEY", "sk-test-secret")
    code, _, err = translate(capsys, edition, server, "--llm-api-key-env", "MY_KEY")
    assert code == 0, err
    assert server.requests[-1].headers["Authorization"] == "Bearer sk-test-secret"
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"sk-test-secret" not in stored


@pytest.mark.parametrize(
    ("url", "resolves_to", "allowed"),
    [
        ("http://127.0.0.1:11434/v1", None, True),
        ("http://[::1]:8080/v1", None, True),
        ("http://localhost:11434/v1", ["127.0.0.1", "::1"], True),
        ("http://10.1.2.3:8000/v1", None, True),
        ("http://192.168.1.20/v1", None, True),
        ("http://172.16.0.9/v1", None, True),
        ("https://[fd00::5]/v1", None, True),
        ("http://gpu-box.lan:8000/v1", ["192.168.1.7"], True),
        ("http://8.8.8.8/v1", None, False),
        ("http://100.64.0.1/v1", None, False),  # shared address space is not private
        ("https://api.example.com/v1", ["203.0.113.7"], False),
        ("http://mixed.example/v1", ["10.0.0.1", "203.0.113.7"], False),  # every address counts
    ],
)
def test_only_this_machine_and_private_networks(url, resolves_to, allowed, monkeypatch):
    looked_up: list[str] = []

    def resolve(host, port, *args, **kwargs):
        looked_up.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in resolves_to]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    if allowed:
        check_endpoint(url)
    else:
        with pytest.raises(NetworkError) as caught:
            check_endpoint(url)
        assert "it is neither this machine nor a private network" in caught.value.what
        assert (
            caught.value.todo
            == "Run the model locally, or pass --allow-remote to send the text there."
        )
    check_endpoint(url, allow_remote=True)  # the user's explicit choice
    assert bool(looked_up) == (resolves_to is not None)  # an address needs no lookup


def test_a_public_endpoint_is_refused_before_any_connection(edition, capsys, no_network):
    code, out, err = run_cli(capsys, "translate", "-e", edition, "--engine", "llm",
                             "--llm-url", "http://203.0.113.7/v1", "--llm-model", "m")  # fmt: skip
    assert (code, out) == (5, "")
    assert err == (
        "Error: Refusing to send sentences to 203.0.113.7 (203.0.113.7): it is neither this "
        "machine nor a private network, and translation stays offline. Run the model locally, "
        "or pass --allow-remote to send the text there.\n"
    )
    assert no_network == []  # not even a name lookup
    assert all(p.status == "untranslated" for p in pairs(edition))


def test_nothing_listening_and_no_model_are_one_line(edition, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    code, _, err = run_cli(capsys, "translate", "-e", edition, "--engine", "llm", "--llm-url", url,
                           "--llm-model", "m")  # fmt: skip
    assert (code, err) == (5, f"Error: Cannot reach the LLM endpoint at {url} (connection refused). "
                              "Start the model server (e.g. `ollama serve`) or check --llm-url.\n")  # fmt: skip
    code, _, err = run_cli(capsys, "translate", "-e", edition, "--engine", "llm")
    assert code == 4 and err.startswith("Error: No LLM model is named. Give one with --llm-model")


def test_the_config_file_makes_build_need_no_flags(tmp_path, server, capsys, monkeypatch):
    (tmp_path / "config.toml").write_text(
        f'[translate]\nengine = "llm"\n\n[llm]\nurl = "{server.url}"\nmodel = "cfg-model"\n'
        "parallel = 1\n",
        encoding="utf-8",
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "组织部门带头抗击疫情\n\n" + "".join(seed_sentences(5)[1:]) + "\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "build", page, "--format", "html")
    assert code == 0, err
    assert "with llm (LLM translation)" in out
    assert server.requests and {r.body["model"] for r in server.requests} == {"cfg-model"}
    html = (tmp_path / "output" / "page" / "page.html").read_text(encoding="utf-8")
    assert "English: LLM translation (model cfg-model)" in html
    # A flag wins over the file.
    edition = make_edition(tmp_path / "e2", seed_sentences(2))
    assert run_cli(capsys, "translate", "-e", edition, "--llm-model", "flag-model")[0] == 0
    assert server.requests[-1].body["model"] == "flag-model"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[llm]\nmodle = 'x'\n", "Unknown setting 'modle' in [llm] of the config file {path}. "
                                 "Known settings: url, model, api_key_env, parallel, timeout, "
                                 "allow_remote, sentences_per_request.\n"),
        ("[llm]\nparallel = 'two'\n", "The setting 'parallel' in [llm] of the config file {path} "
                                      "has the wrong type (str). Give a whole number.\n"),
        ("[engine]\nx = 1\n", "Unknown table [engine] in the config file {path}. Known tables: "
                              "[translate], [llm].\n"),
        ("[llm\n", "The config file {path} is not valid TOML ("),
    ],
)  # fmt: skip
def test_a_bad_config_file_is_one_line(text, message, tmp_path, edition, capsys):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli(capsys, "translate", "-e", edition)
    assert (code, out, err.count("\n")) == (10, "", 1)
    assert err.startswith("Error: " + message.format(path=path).rstrip("\n").rstrip("("))


# -- the client and the reviewer ---------------------------------------------------------------


def test_abort_ends_a_request_in_flight_at_once(server):
    server.plan, server.slow_seconds = ["slow"], 5.0
    client = Client(server.url, "m", "", 30.0, False, "K")
    outcome: list[object] = []

    def ask() -> None:
        try:
            client.chat([{"role": "user", "content": "hi"}])
        except TransientError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=ask)
    started = time.perf_counter()
    worker.start()
    while not server.requests:
        time.sleep(0.01)
    client.abort()
    worker.join(timeout=3)
    assert not worker.is_alive() and time.perf_counter() - started < 3
    assert isinstance(outcome[0], TransientError)


@pytest.mark.parametrize(
    ("plan", "kept"),
    [
        (["slow", "slow"], 0),  # the first requests hang: nothing is written
        (["ok", "ok", "slow"], 4),  # the first chunk (two requests of two) is kept
    ],
)
def test_ctrl_c_does_not_wait_for_a_slow_model(tmp_path, edition, server, plan, kept):
    """SIGINT while requests hang: the run ends at once (exit 130, how many were kept), not at
    the 60 s timeout; finished chunks are kept, the one in flight is given up."""
    import os
    import signal
    import subprocess
    import sys

    (tmp_path / "config.toml").write_text("[llm]\nsentences_per_request = 2\nparallel = 1\n")
    server.plan, server.slow_seconds = plan, 30.0
    command = [sys.executable, "-m", "bilingual", "translate", "-e", str(edition),
               *map(str, llm(server, "--llm-timeout", "60"))]  # fmt: skip
    proc = subprocess.Popen(command, env=os.environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(server.requests) < len(plan) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # the last request is hanging now
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert time.monotonic() - started < 10
    assert proc.returncode == 130
    assert err.decode() == (
        f"Interrupted: kept {kept} of 10 sentences; run the same command to continue.\n"
    )
    assert sum(1 for p in pairs(edition) if p.status == "machine") == kept


def test_retranslate_one_sentence_with_its_article(edition, server):
    settings = LLMSettings(url=server.url, model="tiny-chat")
    with EditionStore(edition) as store:
        target = store.pairs()[4]
        result = translate_one(store, target.sid, engine_name="llm", llm=settings)
    assert result.en in answers(server, target.zh)
    (request,) = server.requests
    assert list(request.sentences.values()) == [target.zh]
    assert request.user.startswith("Article title: ")


def test_unusable_settings_are_model_errors(edition, server):
    with EditionStore(edition) as store, pytest.raises(ModelError) as caught:
        translate_edition(store, "llm", llm=LLMSettings(url="ftp://x/v1", model="m"))
    assert caught.value.what == "The LLM URL 'ftp://x/v1' is not an http:// or https:// URL"
