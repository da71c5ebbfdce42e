"""Benchmark: how close `bilingual translate` comes to a raw CTranslate2 `translate_batch`.

Builds a Transformer-base-shaped Argos package (6+6 layers, d_model 512, FFN 2048, 8 heads,
~8k vocabulary, int8) with random weights the same way the tests build their tiny model, then
over the same ~2,000 sentences (seed page sentences, clauses recombined, realistic duplicates)
times:
  (a) one raw `translate_batch` call on all pre-tokenised sentences (model already loaded),
  (b) `bilingual translate` as a whole process (fresh cache dir: start-up, model load, store),
  (c) a sentence-at-a-time loop of `translate_batch` (what a per-sentence API costs).
Random weights never emit </s>, so every output runs to `--max-decoding-length`: the cap is
the same in all three. Goal: (b)/(a) ≤ 1.05.

`--engine ct2` does (a) and (b) for a CTranslate2 model of NLLB's shape (the same Transformer
base, language tokens in and a target prefix out, built by tests/tinyct2.py): the ct2 engine
runs the Argos engine's code with another tokenizer adapter, so the goal is the same.

`--engine llm` measures the llm engine's own cost per sentence against the tests' fixture
server (tests/llm_server.py, which answers at once): (b) `bilingual translate --engine llm`
as a whole process, against (a) the same HTTP requests (recorded from (b)) sent by a bare
`http.client` loop with the same parallelism. (b) − (a), per sentence, is what the engine
adds to a real model's time: prompts, parsing, checks, the store and the cache.

Run: uv run python bench/translate.py [--sentences 2000] [--sweep] [--engine argos|ct2|llm]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from tinymodel import build_package  # noqa: E402

SEED = ROOT / "samples" / "seed-page.txt"


def make_sentences(n: int, seed: int = 7) -> list[str]:
    """Seed-page sentences, new sentences recombined from its clauses, and repeats (about one in ten)."""
    text = "".join(SEED.read_text(encoding="utf-8").split())
    base = [s for s in re.findall(r"[^。！？]+[。！？]", text) if len(s) > 4]
    clauses = [c for s in base for c in re.split(r"[，；]", s.rstrip("。！？")) if len(c) > 3]
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        r = rng.random()
        if r < 0.08 and out:
            out.append(rng.choice(out))  # the same sentence again (datelines, slogans, quotes)
        elif r < 0.12:
            out.append(rng.choice(base))
        else:
            parts = rng.sample(clauses, rng.randint(2, 3))
            sentence = "，".join(parts) + "。"
            out.append(re.sub(r"\d+", lambda _: str(rng.randint(2, 500)), sentence))
    return out


def build(work: Path) -> Path:
    started = time.perf_counter()
    archive = build_package(
        work,
        name="translate-zh_en-bench",
        vocab_size=8000,
        model_vocab=8000,
        quantization="int8",
        eos_bias=0.0,
        extra_text=SEED.read_text(encoding="utf-8"),
        layers=6,
        d_model=512,
        ffn=2048,
        heads=8,
    )
    print(f"built {archive.name} ({archive.stat().st_size / 1e6:.0f} MB) in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    return archive


def make_edition(directory: Path, sentences: list[str]) -> None:
    from bilingual.document import assign_ids
    from bilingual.store import EditionStore

    blocks = [
        ("paragraph", "".join(sentences[i : i + 5]), sentences[i : i + 5])
        for i in range(0, len(sentences), 5)
    ]
    with EditionStore(directory, create=True) as store:
        store.save_edition(assign_ids([blocks], "bench"))


def translator(model_dir: Path, inter: int = 0, intra: int = 0):
    """A Translator like the argos engine's (same threads unless given)."""
    import ctranslate2

    from bilingual.mt.argos import threads

    if not inter:
        inter, intra = threads()

    return ctranslate2.Translator(
        str(model_dir),
        device="cpu",
        compute_type="int8",
        inter_threads=inter,
        intra_threads=intra or os.cpu_count() or 1,
    )


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def sweep(model_dir: Path, tokens: list[list[str]], beam: int, length: int) -> None:
    """Compare thread layouts and batch shapes on a subset (what argos.py's defaults rest on);
    two interleaved rounds, best of each, since other processes share the machine."""
    subset = tokens[:300]
    configs = [
        (1, 0, "tokens", 2048),
        (1, 0, "examples", 32),
        (2, 1, "tokens", 2048),
        (2, 1, "examples", 16),
        (2, 1, "examples", 32),
        (2, 1, "examples", 64),
    ]
    translators = {
        (inter, intra): translator(model_dir, inter, intra) for inter, intra, *_ in configs
    }
    best: dict[tuple, float] = {}
    for _ in range(2):
        for inter, intra, kind, size in configs:
            t = translators[(inter, intra)]
            seconds = timed(
                lambda t=t, kind=kind, size=size: t.translate_batch(
                    subset,
                    max_batch_size=size,
                    batch_type=kind,
                    beam_size=beam,
                    max_decoding_length=length,
                )
            )
            key = (inter, intra, kind, size)
            best[key] = min(best.get(key, seconds), seconds)
    for (inter, intra, kind, size), seconds in best.items():
        print(
            f"  sweep inter={inter} intra={intra or os.cpu_count()} {kind}={size}: {seconds:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--max-decoding-length", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=2, help="Runs of (a) and (b); best kept.")
    parser.add_argument("--sweep", action="store_true", help="Also compare batch/thread settings.")
    parser.add_argument("--only-sweep", action="store_true", help="Skip (a), (b) and (c).")
    parser.add_argument("--workdir", type=Path, help="Keep files here (default: a temp dir).")
    parser.add_argument("--engine", choices=("argos", "ct2", "llm"), default="argos")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="bilingual-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        ARGOS_PACKAGES_DIR=str(work / "argos"),
        BILINGUAL_CACHE_DIR=str(work / "cache"),
        BILINGUAL_GLOSSARY_DIR=str(work / "no-glossary"),  # raw MT sees no markers either
        XDG_DATA_HOME=str(work / "data"),
    )
    (work / "no-glossary").mkdir(exist_ok=True)
    if args.engine != "argos":
        return {"ct2": bench_ct2, "llm": bench_llm}[args.engine](args, work)
    from bilingual.mt.argos import BATCH_SIZE, BATCH_TYPE, threads
    from bilingual.mt.models import install_file, load_package

    info = install_file(build(work))
    sentences = make_sentences(args.sentences)
    print(f"{len(sentences)} sentences, {len(set(sentences))} distinct, beam {args.beam_size}, "
          f"max_decoding_length {args.max_decoding_length}, {os.cpu_count()} cores, "
          f"threads (inter, intra) {threads()}, batches of {BATCH_SIZE} {BATCH_TYPE}")  # fmt: skip
    tokenizer = load_package(info).tokenizer
    tokens = [tokenizer.encode(s) for s in sentences]
    print(f"mean source length {sum(map(len, tokens)) / len(tokens):.1f} tokens")
    t = translator(info.path / "model")
    t.translate_batch(tokens[:8], beam_size=args.beam_size, max_decoding_length=4)  # warm up
    decode = {"beam_size": args.beam_size, "max_decoding_length": args.max_decoding_length}
    if args.only_sweep:
        sweep(info.path / "model", tokens, args.beam_size, args.max_decoding_length)
        return

    edition_sid = 0

    def run_cli() -> dict:
        nonlocal edition_sid
        edition_sid += 1
        edition = work / f"edition-{edition_sid}"
        make_edition(edition, sentences)
        env = os.environ | {"BILINGUAL_CACHE_DIR": str(work / f"cache-{edition_sid}")}
        command = [sys.executable, "-m", "bilingual", "translate", "-e", str(edition), "--json",
                   "--beam-size", str(args.beam_size),
                   "--max-decoding-length", str(args.max_decoding_length)]  # fmt: skip
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        return json.loads(proc.stdout) | {"wall": time.perf_counter() - started}

    # Other processes share the machine: alternate (a) and (b) and keep each one's best time.
    a_times, b_runs = [], []
    for _ in range(args.repeat):
        a_times.append(
            timed(
                lambda: t.translate_batch(
                    tokens, max_batch_size=BATCH_SIZE, batch_type=BATCH_TYPE, **decode
                )
            )
        )
        b_runs.append(run_cli())
    a = min(a_times)
    best = min(b_runs, key=lambda r: r["wall"])
    b = best["wall"]
    a_list = ", ".join(f"{x:.1f}" for x in a_times)
    b_list = ", ".join(f"{r['wall']:.1f}" for r in b_runs)
    print(f"(a) raw translate_batch, all sentences:   {a:8.2f} s  (runs: {a_list})")
    print(f"(b) bilingual translate, whole process:   {b:8.2f} s  (runs: {b_list}; translated "
          f"{best['translated']} distinct, engine {best['engine']}, "
          f"in-process {best['seconds']:.2f} s)")  # fmt: skip

    c = timed(lambda: [t.translate_batch([x], **decode) for x in tokens])
    print(f"(c) one sentence at a time:               {c:8.2f} s")
    print(f"(b)/(a) = {b / a:.3f}   (goal ≤ 1.05)")
    print(f"(c)/(b) = {c / b:.2f}")
    if args.sweep:
        sweep(info.path / "model", tokens, args.beam_size, args.max_decoding_length)


# -- the ct2 and llm engines ----------------------------------------------------------------


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

    from bilingual.mt.argos import BATCH_SIZE, BATCH_TYPE
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
    sentences = make_sentences(args.sentences)
    tokenizer = Ct2Tokenizer(model)
    tokens = [tokenizer.encode(s) for s in sentences]
    prefix = [[model.spec.target_token]] * len(tokens)
    print(f"{len(sentences)} sentences, mean source length "
          f"{sum(map(len, tokens)) / len(tokens):.1f} tokens")  # fmt: skip
    t = translator(model.model_dir)
    decode = {"beam_size": args.beam_size, "max_decoding_length": args.max_decoding_length}
    t.translate_batch(tokens[:8], target_prefix=prefix[:8], **decode)  # warm up
    a, best = side_by_side(
        lambda: t.translate_batch(
            tokens, target_prefix=prefix, max_batch_size=BATCH_SIZE, batch_type=BATCH_TYPE,
            **decode,
        ),
        lambda: cli_translate(
            work, sentences, "--engine", "ct2", "--model", model.name,
            "--beam-size", str(args.beam_size),
            "--max-decoding-length", str(args.max_decoding_length),
        ),
        args.repeat,
    )  # fmt: skip
    b = best["wall"]
    print(f"(a) raw translate_batch, all sentences:   {a:8.2f} s")
    print(f"(b) bilingual translate --engine ct2:     {b:8.2f} s  (translated "
          f"{best['translated']} distinct, in-process {best['seconds']:.2f} s)")  # fmt: skip
    print(f"(b)/(a) = {b / a:.3f}   (goal ≤ 1.05)")


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


if __name__ == "__main__":
    main()
