"""Benchmark: start-up of `bilingual --help` and `bilingual show -e ED` (goal ≤ 0.3 s each),
and a `build` with nothing to do (goal: well under 1 s of our own work beyond start-up).

Times each command as a whole process, interleaved round by round (the machine is shared:
each command's best and median are printed), both through `uv run` (what the README tells
people to type) and from the virtual environment's own script. Then runs `show` once under
`python -X importtime` and prints the total import time and the slowest top-level imports,
which is where start-up goes. The no-op `build` (the sample, built once before timing, with
the gloss engine and `--epubcheck never`) is printed with its time beyond `--help`'s.

Run: uv run python bench/startup.py [--runs 7]
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
GOAL = 0.3


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def import_times(command: list[str]) -> list[tuple[int, int, str]]:
    """(self µs, cumulative µs, module) per import of `command` run with -X importtime."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *command], capture_output=True, text=True, check=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[12:].split("|")
        rows.append((int(own), int(cumulative), name[1:].rstrip()))  # indented: nested
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bilingual-startup-"))
    edition = work / "seed"
    script = str(Path(sys.executable).parent / "bilingual")
    subprocess.run(
        [script, "ingest", str(ROOT / "samples" / "seed-page.txt"), "-e", str(edition)],
        check=True,
        capture_output=True,
    )
    build = [script, "build", str(ROOT / "samples" / "seed-page.txt"), "-e", str(work / "built")]
    build += ["--engine", "gloss", "--epubcheck", "never"]
    subprocess.run(build, check=True, capture_output=True)  # the build that leaves nothing to do
    uv = shutil.which("uv")
    commands = {
        "bilingual --help": [script, "--help"],
        "bilingual show -e ED": [script, "show", "-e", str(edition)],
        "bilingual build (nothing to do)": build,
    }
    if uv:
        commands["uv run bilingual --help"] = [uv, "run", "--project", str(ROOT), "bilingual", "--help"]  # fmt: skip
        commands["uv run bilingual show -e ED"] = [uv, "run", "--project", str(ROOT), "bilingual", "show", "-e", str(edition)]  # fmt: skip
    for command in commands.values():
        wall(command)  # warm the file cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(wall(command))
    print(f"{os.cpu_count()} cores, a shared machine; {args.runs} runs each, interleaved")
    for name, runs in times.items():
        best, median = min(runs), statistics.median(runs)
        goal = "" if "build" in name else f"  (goal ≤ {GOAL} s: median/goal {median / GOAL:.2f})"
        print(f"  {name:32s} best {best:.3f} s  median {median:.3f} s{goal}")

    beyond = statistics.median(times["bilingual build (nothing to do)"]) - statistics.median(
        times["bilingual --help"]
    )
    print(f"  no-op build beyond --help (median): {beyond:.3f} s")

    rows = import_times(["-m", "bilingual", "show", "-e", str(edition)])
    top = [r for r in rows if not r[2].startswith(" ")]  # imported by the script itself
    total = sum(r[1] for r in top)
    print(f"\nimports of `show` (python -X importtime): {total / 1e6:.3f} s in all; slowest:")
    for _own, cumulative, name in sorted(top, key=lambda r: -r[1])[:10]:
        print(f"  {cumulative / 1e3:7.1f} ms  {name.strip()}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
