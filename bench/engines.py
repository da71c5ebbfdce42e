"""Benchmark: the ct2 and llm engines against their raw costs, side by side in one run.

`ct2`: (a) raw CTranslate2 on a CTranslate2 model of NLLB's shape (the same Transformer base
as bench/translate.py's, language tokens in and a target prefix out, built by
tests/tinyct2.py), model loaded, length-sorted sub-batches with the engine's length rule and
target prefix, against (b) `bilingual translate --engine ct2` as a whole process. The ct2
engine runs the Argos engine's code with another tokenizer adapter, so the goal is the same:
(b)/(a) ≤ 1.05. The glossary is emptied for both arms (the raw arm sees no markers).

`llm`: the llm engine's own cost per sentence against the tests' fixture server
(tests/llm_server.py, which answers at once): (b) `bilingual translate --engine llm` as a
whole process, against (a) the same HTTP requests (recorded from (b)) sent by a bare
`http.client` loop with the same parallelism. (b) − (a), per sentence, is what the engine
adds to a real model's time: prompts, parsing, checks, the store and the cache.

Run: uv run python bench/engines.py ct2|llm [--base-sentences 300] [--sentences 800]
     [--settings 4:256,4:24,1:24] [--repeat 2]
Figures on a shared machine vary: runs alternate (a), (b) and each arm's best is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from translate import ROOT, make_edition, make_sentences, raw, timed, translator

sys.path.insert(0, str(ROOT / "tests"))


def cli_translate(work: Path, sentences: list[str], *options: str) -> dict:
    """`bilingual translate --json OPTIONS` on a fresh edition and cache; its report + wall."""
    run = len(list(work.glob("edition-*"))) + 1
    edition = work / f"edition-{run}"
    make_edition(edition, sentences)
    env = os.environ | {"BILINGUAL_CACHE_DIR": str(work / f"cache-{run}")}
    command = [sys.executable, "-m", "bilingual", "translate", "-e", str(edition), "--json",
               *options]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return json.loads(proc.stdout) | {"wall": time.perf_counter() - started}


def side_by_side(raw, cli, repeat: int) -> tuple[float, dict]:
    """Alternate (a) and (b) `repeat` times (others share the machine); the best of each."""
    a_times, b_runs = [], []
    for _ in range(repeat):
        a_times.append(timed(raw))
        b_runs.append(cli())
    best = min(b_runs, key=lambda r: r["wall"])
    a_list = ", ".join(f"{x:.2f}" for x in a_times)
    b_list = ", ".join(f"{r['wall']:.2f}" for r in b_runs)
    print(f"(a) runs: {a_list} s;  (b) runs: {b_list} s")
    return min(a_times), best


def bench_ct2(args: argparse.Namespace, work: Path) -> None:
    from tinyct2 import build_ct2_model

    from bilingual.mt.argos import BATCH_SIZE
    from bilingual.mt.ct2 import Ct2Tokenizer
    from bilingual.mt.ct2_models import find, install_dir

    os.environ["BILINGUAL_MODELS_DIR"] = str(work / "models")
    started = time.perf_counter()
    folder = build_ct2_model(
        work / "source", "nllb", name="nllb-bench", vocab_size=8000, model_vocab=8000,
        quantization="int8", eos_bias=0.0, layers=6, d_model=512, ffn=2048, heads=8,
    )  # fmt: skip
    install_dir(folder)
    model = find("nllb-bench")
    print(
        f"built and installed {model.name} ({model.kind}) in {time.perf_counter() - started:.1f} s"
    )
    sentences = make_sentences(args.base_sentences)
    tokenizer = Ct2Tokenizer(model)
    tokens = [tokenizer.encode(s) for s in sentences]
    prefix = model.spec.target_token
    print(f"{len(sentences)} sentences, mean source length "
          f"{sum(map(len, tokens)) / len(tokens):.1f} tokens")  # fmt: skip
    t = translator(model.model_dir, -(-len(tokens) // BATCH_SIZE))
    t.translate_batch(tokens[:8], target_prefix=[[prefix]] * 8, max_decoding_length=4)  # warm up
    for beam, cap in (tuple(map(int, s.split(":"))) for s in args.settings.split(",")):
        a, best = side_by_side(
            lambda beam=beam, cap=cap: raw(t, tokens, prefix, beam, cap, BATCH_SIZE),
            lambda beam=beam, cap=cap: cli_translate(
                work, sentences, "--engine", "ct2", "--model", model.name,
                "--beam-size", str(beam), "--max-decoding-length", str(cap),
            ),
            args.repeat,
        )  # fmt: skip
        b = best["wall"]
        print(f"  beam {beam} max {cap:3d}: (a) raw {a:6.2f} s  (b) bilingual --engine ct2 "
              f"{b:6.2f} s (translated {best['translated']} distinct, in-process "
              f"{best['seconds']:.2f} s)  (b)/(a) = {b / a:.3f}   (goal ≤ 1.05)")  # fmt: skip


def bench_llm(args: argparse.Namespace, work: Path) -> None:
    import http.client
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    from llm_server import FakeLLM

    parallel = 2
    sentences = make_sentences(min(args.sentences, 800))
    server = FakeLLM()
    parts = urlsplit(server.url)
    recorded: list[list[bytes]] = []

    def cli() -> dict:
        server.requests.clear()
        report = cli_translate(
            work, sentences, "--engine", "llm", "--llm-url", server.url, "--llm-model", "bench",
            "--llm-parallel", str(parallel),
        )  # fmt: skip
        recorded.append([json.dumps(r.body).encode("utf-8") for r in server.requests])
        return report | {"requests": len(server.requests)}

    local = threading.local()

    def post(body: bytes) -> None:
        conn = getattr(local, "conn", None) or http.client.HTTPConnection(
            parts.hostname, parts.port
        )
        local.conn = conn
        conn.request("POST", f"{parts.path}/chat/completions", body,
                     {"Content-Type": "application/json"})  # fmt: skip
        conn.getresponse().read()

    def raw() -> None:
        bodies = recorded[-1]
        with ThreadPoolExecutor(parallel) as pool:
            list(pool.map(post, bodies))

    cli()  # (a) replays what (b) sent: record it once first
    try:
        a, best = side_by_side(raw, cli, args.repeat)
    finally:
        server.close()
    b, n = best["wall"], len(sentences)
    print(f"{n} sentences ({len(set(sentences))} distinct) in {best['requests']} requests, "
          f"{parallel} at a time, fixture server answering at once")  # fmt: skip
    print(f"(a) the same requests, bare http.client:  {a:8.2f} s")
    print(f"(b) bilingual translate --engine llm:     {b:8.2f} s  (in-process "
          f"{best['seconds']:.2f} s)")  # fmt: skip
    print(f"overhead per sentence: {(b - a) / n * 1000:.1f} ms whole process, "
          f"{(best['seconds'] - a) / n * 1000:.1f} ms in-process")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engine", choices=("ct2", "llm"))
    parser.add_argument("--base-sentences", type=int, default=300, help="ct2: sentences.")
    parser.add_argument("--sentences", type=int, default=800, help="llm: sentences.")
    parser.add_argument("--settings", default="4:256,4:24,1:24", help="ct2: beam:max pairs.")
    parser.add_argument("--repeat", type=int, default=2, help="Runs of each arm; best kept.")
    parser.add_argument("--workdir", type=Path, help="Keep files here (default: a temp dir).")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bilingual-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "no-glossary").mkdir(exist_ok=True)
    os.environ.update(
        BILINGUAL_GLOSSARY_DIR=str(work / "no-glossary"),  # raw MT sees no markers either
        XDG_DATA_HOME=str(work / "data"),
    )
    {"ct2": bench_ct2, "llm": bench_llm}[args.engine](args, work)


if __name__ == "__main__":
    main()
