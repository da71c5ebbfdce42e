"""Benchmark: how close `bilingual translate` comes to raw CTranslate2, at the defaults first.

For each model (a Transformer-base-shaped one: 6+6 layers, d_model 512, FFN 2048, 8 heads,
~8k vocabulary, int8, random weights built like tests/tinymodel.py; and, on request, the
tests' tiny one) and each decoding setting (by default only the CLI's defaults, beam 4 / max
256; add short caps with --settings), over the same sentences (seed-page sentences, clauses
recombined, about one in twelve repeated; with the base model 600 by default at caps up to 64,
a few real pages' worth, so that fixed costs weigh what they weigh on a real run, and 150 at
longer caps, where this random model decodes every sentence to its cap, so that the whole
`--settings 4:256,4:24,1:24 --models base,tiny` takes minutes; `beam:max:N` sets N for one
setting; 2,000 with the tiny model), it times side by side in one run:
  (a) raw CTranslate2, model already loaded, on exactly what the engine is given: every
      pair's text with its glossary terms, names and numbers protected by the engine's own
      placeholders, tokenised by the package's tokenizer (repeats included: the cache is
      bilingual's to win), the package's target prefix, the same decoding options and
      length rule (`mt.decoding_length` of each sub-batch's longest source), length-sorted
      sub-batches (--raw-batch, default `argos.BATCH_SIZE`), each asynchronous, in the
      engine's thread layout, no `replace_unknowns` (the engine only re-decodes sentences
      with `<unk>`);
  (a+) the same as a whole process (bench/raw_process.py): Python start, import ctranslate2
      and sentencepiece, load the model, tokenise exactly the texts (a) tokenises, translate
      as (a) does, detokenise, write the English to a file. (b)/(a) is the wrapper against
      decoding alone, the issue's goal; (b)/(a+) is the command against the least a process
      doing the same job can cost: with the tiny model decoding takes a tenth of a second,
      so (b)/(a) there mostly measures our fixed costs (start-up, glossary, analysis, QA)
      and no process could reach 1.05 of it, while (b)/(a+) says what a user waits for
      beyond raw CTranslate2 doing the same job;
  (b) `bilingual translate` as a whole process (start-up, model load, store, fresh cache,
      the QA run after it), with its bytecode written by an untimed run first, as an
      install compiles it (without, start-up compiles ~150 modules: ~2 s a run);
  (o) with `--before SRC` (an unpacked older tree, e.g. `git archive main | tar -x -C SRC`):
      the same command run from that code, for before/after figures in the same run; the CPU
      time of (b) and (o) is printed too (steadier than wall time on a busy machine), and
      their editions' pairs are compared: the same pairs, statuses and signatures, or the
      bench stops; the pairs whose English (and so flags) differ are counted. They need not
      be none: chunks are cut by measured time, and CTranslate2's numerics depend a little on
      the batch a sentence is decoded in, which on these random models flips a near-tie now
      and then (two runs of the same code differ so too).
Arms alternate, each arm's best of --repeat is kept. (a)'s sub-batch size is --raw-batch:
at long decodes (beam 4, max 256 on this random model, which never ends a sentence) batches
of 32 measured several times slower per sentence than batches of 4–8 on the 2-core machine,
so there pass the size that is fastest for raw CTranslate2 before reading (b)/(a).
Goal: (b)/(a) ≤ 1.05 at every setting, ≤ 1.0 where deduplication helps.

`--engine ct2|llm` runs bench/engines.py (the ct2 engine against raw CTranslate2, the llm
engine's overhead per sentence).

Run: uv run python bench/translate.py [--engine argos|ct2|llm] [--before SRC] [--base-sentences 600]
     [--long-sentences 150] [--raw-batch 8] [--models base,tiny] [--sentences 2000]
     [--settings 4:256,4:24,1:24:1000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from tinymodel import build_package  # noqa: E402

SEED = ROOT / "samples" / "seed-page.txt"
MODELS = {
    "tiny": {"name": "translate-zh_en-tiny"},  # exactly the tests' model
    "base": {
        "name": "translate-zh_en-base",
        "vocab_size": 8000,
        "model_vocab": 8000,
        "quantization": "int8",
        "eos_bias": 0.0,
        "extra_text": SEED.read_text(encoding="utf-8"),
        "layers": 6,
        "d_model": 512,
        "ffn": 2048,
        "heads": 8,
    },
}


def make_sentences(n: int, seed: int = 7) -> list[str]:
    """Seed-page sentences, new sentences recombined from its clauses, and repeats (about one in twelve)."""
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


def make_edition(directory: Path, sentences: list[str]) -> None:
    from bilingual.document import assign_ids
    from bilingual.store import EditionStore

    blocks = [
        ("paragraph", "".join(sentences[i : i + 5]), sentences[i : i + 5])
        for i in range(0, len(sentences), 5)
    ]
    with EditionStore(directory, create=True) as store:
        store.save_edition(assign_ids([blocks], "bench"))


def translator(model_dir: Path, batches: int):
    """A Translator laid out as the argos engine lays it out for `batches` sub-batches."""
    import ctranslate2

    from bilingual.mt.argos import threads

    inter, intra = threads(batches)
    return ctranslate2.Translator(
        str(model_dir), device="cpu", compute_type="auto", inter_threads=inter,
        intra_threads=intra,
    )  # fmt: skip


def engine_input(edition: Path) -> tuple[list[str], list[list[str]], str]:
    """What `bilingual translate` gives CTranslate2 for `edition`: each pair's text protected
    with the engine's placeholders (a repeated sentence once per pair), those texts tokenised,
    and the package's target prefix ('' when none)."""
    from bilingual.mt import EngineOptions
    from bilingual.mt.argos import ArgosEngine
    from bilingual.pending import pending
    from bilingual.store import EditionStore
    from bilingual.terms.files import default_glossary
    from bilingual.terms.protect import protect

    glossary = default_glossary()
    engine = ArgosEngine(EngineOptions(glossary=glossary))
    signature = engine.signature()
    with EditionStore(edition) as store:
        todo = pending(store, glossary, signature, signature.with_glossary(glossary.hash))
    texts = [protect(u.analysis, engine.placeholders).text for u in todo.units for _ in u.sids]
    return texts, engine.tokenize(texts), engine.package.target_prefix or ""


def raw(t, tokens: list[list[str]], prefix: str, beam: int, cap: int, size: int) -> None:
    """Arm (a): every sentence, length-sorted sub-batches of `size` and of one length-rule cap
    each, as the engine decodes them."""
    from bilingual.mt import decoding_length

    order = sorted(tokens, key=len)
    futures = []
    groups = [list(g) for _, g in groupby(order, key=lambda x: decoding_length(len(x), cap))]
    for batch in (g[s : s + size] for g in groups for s in range(0, len(g), size)):
        cap_here = decoding_length(len(batch[-1]), cap) + bool(prefix)
        futures += t.translate_batch(
            batch, target_prefix=[[prefix]] * len(batch) if prefix else None,
            max_batch_size=len(batch), beam_size=beam, max_decoding_length=cap_here,
            asynchronous=True,
        )  # fmt: skip
    for future in futures:
        future.result()


@dataclass
class Input:
    """One model's edition of `count` sentences, what (a) and (a+) are given, and (a)'s
    translator, laid out for that many sub-batches."""

    sentences: list[str]
    tokens: list[list[str]]
    prefix: str
    translator: object
    raw_command: list[str]

    @classmethod
    def make(cls, work: Path, model: str, info, count: int, raw_batch: int) -> Input:
        from bilingual.mt import LENGTH_EXTRA, LENGTH_RATIO, LENGTH_STEP
        from bilingual.mt.argos import threads
        from bilingual.mt.models import load_package

        sentences = make_sentences(count)
        name = f"{model}-{count}"
        make_edition(work / f"input-{name}", sentences)
        texts, tokens, prefix = engine_input(work / f"input-{name}")
        (work / f"raw-in-{name}.txt").write_text("".join(t + "\n" for t in texts), "utf-8")
        plain = [load_package(info).tokenizer.encode(s) for s in sentences]
        print(f"  {count} sentences ({len(set(sentences))} distinct), mean "
              f"{sum(map(len, tokens)) / len(tokens):.1f} source tokens as protected "
              f"({sum(map(len, plain)) / len(plain):.1f} unprotected)")  # fmt: skip
        batches = -(-len(tokens) // raw_batch)
        t = translator(info.path / "model", batches)
        t.translate_batch(tokens[:8], beam_size=1, max_decoding_length=4)  # warm up
        command = [sys.executable, str(ROOT / "bench" / "raw_process.py"),
                   str(info.path / "model"), str(info.path / "sentencepiece.model"),
                   str(work / f"raw-in-{name}.txt"), str(work / f"raw-out-{name}.txt"),
                   "--batch", str(raw_batch), "--prefix", prefix,
                   "--threads", ",".join(map(str, threads(batches))),
                   "--rule", f"{LENGTH_RATIO},{LENGTH_EXTRA},{LENGTH_STEP}"]  # fmt: skip
        return cls(sentences, tokens, prefix, t, command)


RUNS = itertools.count(1)


def cli(work: Path, sentences: list[str], beam: int, cap: int, source: Path | None) -> dict:
    """Arm (b), or (o) with `source`: `bilingual translate` on a fresh edition and cache, run
    from `work` (so that `python -m` finds the package of `source`, not the one in the
    current directory)."""
    run = next(RUNS)
    edition = work / f"edition-{run}"
    make_edition(edition, sentences)
    env = os.environ | {"BILINGUAL_CACHE_DIR": str(work / f"cache-{run}")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tool has its bytecode
    if source:
        env["PYTHONPATH"] = str(source.resolve())
    command = [sys.executable, "-m", "bilingual", "translate", "-e", str(edition),
               "--json", "--beam-size", str(beam), "--max-decoding-length", str(cap)]  # fmt: skip
    cpu = children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=work)
    wall = time.perf_counter() - started
    return json.loads(proc.stdout) | {"wall": wall, "cpu": children_cpu() - cpu, "edition": edition}


def children_cpu() -> float:
    """User + system CPU seconds of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stored(edition: Path) -> list[tuple]:
    """What a translated edition holds: each pair's id, status, signature, English, flags."""
    from bilingual.store import EditionStore

    with EditionStore(edition) as store:
        return [(p.sid, p.status, p.signature, p.en, p.mt, p.flags) for p in store.pairs()]


def english_changed(after: dict, before: dict) -> int:
    """The pairs whose English or flags (b) and (o) stored differently; stops the bench when
    the pairs, statuses or signatures differ (see the docstring)."""
    new, old = stored(after["edition"]), stored(before["edition"])

    def work(pair: tuple) -> tuple:  # id, status, signature without the glossary's hash: an
        return (*pair[:2], pair[2].split(" | glossary=")[0])  # older tree ships another glossary

    if [work(n) for n in new] != [work(o) for o in old]:
        diff = next((n, o) for n, o in zip(new, old, strict=False) if work(n) != work(o))
        raise SystemExit(f"(b) and (o) stored different pairs, e.g. {diff}")
    return sum(n[3:] != o[3:] for n, o in zip(new, old, strict=True))  # English, MT, flags


def raw_process(command: list[str], beam: int, cap: int) -> float:
    """Arm (a+): bench/raw_process.py (`command`, less the decoding options) as a process."""
    started = time.perf_counter()
    subprocess.run([*command, "--beam", str(beam), "--cap", str(cap)], check=True)
    return time.perf_counter() - started


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base-sentences", type=int, default=600, help="With the base model, max ≤ 64."
    )
    parser.add_argument(
        "--long-sentences", type=int, default=150, help="With the base model, max > 64."
    )
    parser.add_argument("--sentences", type=int, default=2000, help="With the tiny model.")
    parser.add_argument("--models", default="base", help="base, tiny or both (base,tiny).")
    parser.add_argument(
        "--settings", default="4:256", help="beam:max[:sentences] (4:256,4:24,1:24:1000)."
    )
    parser.add_argument("--repeat", type=int, default=2, help="Runs of each arm; best kept.")
    parser.add_argument(
        "--raw-batch", type=int, help="Sub-batch size of (a) (default: argos.BATCH_SIZE)."
    )
    parser.add_argument("--before", type=Path, help="An older source tree to time as (o).")
    parser.add_argument("--workdir", type=Path, help="Keep files here (default: a temp dir).")
    parser.add_argument(
        "--engine", choices=("argos", "ct2", "llm"), default="argos",
        help="ct2 or llm: the engines' benches (bench/engines.py, which see).",
    )  # fmt: skip
    args = parser.parse_args()
    if args.engine != "argos":
        import engines

        sys.argv = [sys.argv[0], args.engine, *(a for a in sys.argv[1:] if a not in (
            "--engine", args.engine, f"--engine={args.engine}"))]  # fmt: skip
        return engines.main()

    from bilingual.mt.argos import BATCH_SIZE
    from bilingual.mt.models import install_file

    work = (args.workdir or Path(tempfile.mkdtemp(prefix="bilingual-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_DATA_HOME"] = str(work / "data")  # the shipped glossary, no user layer
    settings = [(*map(int, s.split(":")), 0)[:3] for s in args.settings.split(",")]
    raw_batch = args.raw_batch or BATCH_SIZE
    print(f"{os.cpu_count()} cores; a shared machine: figures are each arm's best of "
          f"{args.repeat}, arms alternating; (a) in sub-batches of {raw_batch}")  # fmt: skip
    for model in args.models.split(","):
        os.environ["ARGOS_PACKAGES_DIR"] = str(work / f"argos-{model}")
        started = time.perf_counter()
        info = install_file(build_package(work / f"build-{model}", **MODELS[model]))
        print(f"\n{model}: built in {time.perf_counter() - started:.1f} s")
        inputs: dict[int, Input] = {}
        for beam, cap, count in settings:
            if model == "tiny":
                count = count or args.sentences
            else:
                count = count or (args.long_sentences if cap > 64 else args.base_sentences)
            if count not in inputs:
                inputs[count] = Input.make(work, model, info, count, raw_batch)
                if len(inputs) == 1:  # untimed: writes the bytecode, as installs do
                    for source in [None, args.before] if args.before else [None]:
                        cli(work, inputs[count].sentences[:16], 1, 8, source)
            x = inputs[count]
            a, ap, b, o, b_cpu, o_cpu, changed = [], [], [], [], [], [], []
            for _ in range(args.repeat):
                a.append(timed(raw, x.translator, x.tokens, x.prefix, beam, cap, raw_batch))
                ap.append(raw_process(x.raw_command, beam, cap))
                after = cli(work, x.sentences, beam, cap, None)
                b.append(after["wall"])
                b_cpu.append(after["cpu"])
                if args.before:
                    before = cli(work, x.sentences, beam, cap, args.before)
                    o.append(before["wall"])
                    o_cpu.append(before["cpu"])
                    changed.append(english_changed(after, before))
            line = (f"  {count:5d} sentences, beam {beam} max {cap:3d}: (a) raw {min(a):6.2f} s"
                    f"  (a+) raw process {min(ap):6.2f} s  (b) bilingual {min(b):6.2f} s  "
                    f"(b)/(a) = {min(b) / min(a):.3f}  (b)/(a+) = {min(b) / min(ap):.3f}")  # fmt: skip
            if o:
                line += (f"  (o) before {min(o):6.2f} s  (o)/(a) = {min(o) / min(a):.3f}  "
                         f"(o)/(a+) = {min(o) / min(ap):.3f}  (b)/(o) = {min(b) / min(o):.3f}  "
                         f"CPU (b) {min(b_cpu):.2f} s (o) {min(o_cpu):.2f} s = "
                         f"{min(b_cpu) / min(o_cpu):.3f}; English differs on "
                         f"{'/'.join(map(str, changed))} of {count} pairs")  # fmt: skip
            print(
                line
                + f"   [all runs: a {fmt(a)}  a+ {fmt(ap)}  b {fmt(b)}"
                + (f"  o {fmt(o)}" if o else "")
                + "]",
                flush=True,
            )
    print(
        "\ngoal: (b)/(a) ≤ 1.05 at every setting, ≤ 1.0 where deduplication helps; (b)/(a+) "
        "is the whole command against a whole raw CTranslate2 process (see the docstring)"
    )


def fmt(times: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in times)


if __name__ == "__main__":
    main()
