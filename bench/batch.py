"""Benchmark: `bilingual batch` sentences per second with 1 and 2 local workers and with a
local Ray instance (2 actors), over the same pages and the same model; and the overhead of
the Ray path against local workers (goal: within 15 % on one machine).

The model is bench/translate.py's Transformer-base-shaped Argos package (random int8
weights: outputs run to the length cap, the same in all runs).
The pages hold bench/translate.py's sentences (seed-page clauses recombined, realistic
repeats), a few dozen to a page. Every run is a whole `bilingual batch --json` process on a
fresh cache and output folder; the rate is distinct sentences translated per second of the
chunked translation (`translate_seconds`), so Ray's start-up (about 20 s here) and the
ingest/render pool are reported apart, as whole-run seconds. Local workers are CTranslate2
replicas in the driver (`BILINGUAL_INTER_THREADS`); Ray workers are single-threaded actors.

Run: uv run --all-extras python bench/batch.py [--sentences 600] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT.parent / "tests")]

from tinymodel import build_package  # noqa: E402  (tests/tinymodel.py)
from translate import MODELS, make_sentences  # noqa: E402  (bench/translate.py)


def write_pages(folder: Path, sentences: list[str], per_page: int) -> int:
    """Pages of `per_page` sentences, five to a paragraph; returns the page count."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = [sentences[i : i + per_page] for i in range(0, len(sentences), per_page)]
    for number, page in enumerate(pages, 1):
        paragraphs = ["".join(page[i : i + 5]) for i in range(0, len(page), 5)]
        text = f"标题第{number}版\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"page-{number:03d}.txt").write_text(text, encoding="utf-8")
    return len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--per-page", type=int, default=40)
    parser.add_argument("--beam-size", type=int, default=2)
    parser.add_argument("--max-decoding-length", type=int, default=24)
    parser.add_argument(
        "--repeat", type=int, default=2, help="Rounds of the three runs; best kept."
    )
    parser.add_argument("--workdir", type=Path, help="Keep files here (default: a temp dir).")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="bilingual-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        ARGOS_PACKAGES_DIR=str(work / "argos"),
        XDG_DATA_HOME=str(work / "data"),
        RAY_ENABLE_UV_RUN_RUNTIME_ENV="0",
    )
    from bilingual.mt.models import install_file

    install_file(build_package(work / "build", **MODELS["base"]))
    sentences = make_sentences(args.sentences)
    pages = write_pages(work / "pages", sentences, args.per_page)
    print(f"{pages} pages, {len(sentences)} sentences ({len(set(sentences))} distinct), "
          f"beam {args.beam_size}, max_decoding_length {args.max_decoding_length}, "
          f"{os.cpu_count()} cores")  # fmt: skip

    # One worker is one core: the process is pinned to it (the engine would otherwise give
    # its one replica every core's thread).
    runs = {
        "local, 1 worker": (["--workers", "1"], {"BILINGUAL_INTER_THREADS": "1", "PIN": "0"}),
        "local, 2 workers": (["--workers", "2"], {"BILINGUAL_INTER_THREADS": "2"}),
        "ray local, 2 actors": (["--workers", "2", "--ray"], {}),
        # No model: what the driver alone (analyse, protect, restore, check, write the cache
        # and the stores) can keep up with, the ceiling for any number of Ray nodes.
        "driver alone (fake)": (["--workers", "2", "--engine", "fake"], {}),
    }
    counter = 0

    def run(options: list[str], env: dict) -> dict:
        nonlocal counter
        counter += 1
        out = work / f"out-{counter}"
        core = env.get("PIN")
        pin = ["taskset", "-c", core] if core and shutil.which("taskset") else []
        command = [*pin, sys.executable, "-m", "bilingual", "batch", str(work / "pages"),
                   "--out", str(out), "--engine", "argos", "--json",
                   "--beam-size", str(args.beam_size),
                   "--max-decoding-length", str(args.max_decoding_length), *options]  # fmt: skip
        env = os.environ | env | {"BILINGUAL_CACHE_DIR": str(work / f"cache-{counter}")}
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=env)
        if proc.returncode:
            sys.exit(f"{' '.join(command)} failed:\n{proc.stderr}")
        return json.loads(proc.stdout)["totals"] | {"wall": time.perf_counter() - started}

    # Other processes share the machine: alternate the runs, keep each one's best rate.
    results: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, (options, env) in runs.items():
            results[name].append(run(options, env))
    best = {name: max(rs, key=lambda r: r["sentences_per_second"]) for name, rs in results.items()}
    for name, r in best.items():
        rates = ", ".join(f"{x['sentences_per_second']:.1f}" for x in results[name])
        print(f"{name:22} {r['sentences_per_second']:7.2f} sentences/s  (runs: {rates}; "
              f"{r['translated']} distinct in {r['translate_seconds']:.1f} s; whole run "
              f"{r['wall']:.1f} s)")  # fmt: skip
    one, two, ray, driver = (best[n]["sentences_per_second"] for n in runs)
    print(f"2 workers / 1 worker          = {two / one:.2f}")
    print(f"Ray overhead vs 2 local workers = {100 * (two / ray - 1):+.1f} %  (goal ≤ 15 %)")
    print(f"per-core rate (1 worker)      = {one:.2f} sentences/s")
    print(f"driver ceiling / per-core rate = {driver / one:.0f} cores' worth")


if __name__ == "__main__":
    main()
