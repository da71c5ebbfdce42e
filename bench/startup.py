"""Benchmark: start-up of `bilingual --help` and `bilingual show -e ED` (goal ≤ 0.3 s each;
`translate --help` too, which, unlike the top-level help, parses options),
and a `build` with nothing to do (goal: well under 1 s of our own work beyond start-up).

Times each command as a whole process, interleaved round by round (the machine is shared:
each command's best and median are printed), both through `uv run` (what the README tells
people to type) and from the virtual environment's own script. Then runs `show` once under
`python -X importtime` and prints the total import time and the slowest top-level imports,
which is where start-up goes. The no-op `build` (the sample, built once before timing, with
the gloss engine and `--epubcheck never`) is printed with its time beyond `--help`'s.

`--base DIR` runs the same commands with another checkout of the project (its `bilingual`
package first on PYTHONPATH) in turn with this one, and prints this/base ratios of the
median wall and CPU seconds (CPU moves less on a busy machine).

Run: uv run python bench/startup.py [--runs 7] [--base DIR]
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


def wall(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run of `command`."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode:
        sys.exit(f"{' '.join(command)} failed (exit {proc.returncode})")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


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
    parser.add_argument("--base", type=Path, help="another checkout to compare with")
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
        "bilingual translate --help": [script, "translate", "--help"],
        "bilingual show -e ED": [script, "show", "-e", str(edition)],
        "bilingual build (nothing to do)": build,
    }
    if uv:
        commands["uv run bilingual --help"] = [uv, "run", "--project", str(ROOT), "bilingual", "--help"]  # fmt: skip
        commands["uv run bilingual show -e ED"] = [uv, "run", "--project", str(ROOT), "bilingual", "show", "-e", str(edition)]  # fmt: skip
    envs = {"": None}
    if args.base:
        envs["base "] = dict(os.environ, PYTHONPATH=str(args.base.resolve()))
    runs = {(b, name): command for b in envs for name, command in commands.items()}
    if args.base:  # the base its own built edition: a build by the other checkout's code
        # (another signature) would make every timed build a real one
        own = [*build[:4], str(work / "built-base"), *build[5:]]
        subprocess.run(own, check=True, capture_output=True, env=envs["base "])
        runs["base ", "bilingual build (nothing to do)"] = own
    for (b, _name), command in runs.items():
        wall(command, envs[b])  # warm the file cache (and compile the base's bytecode)
    times: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in runs}
    for _ in range(args.runs):
        for (b, name), command in runs.items():  # in turn, so both see the same machine
            times[b, name].append(wall(command, envs[b]))
    print(f"{os.cpu_count()} cores, a shared machine; {args.runs} runs each, interleaved")
    median = {
        key: [statistics.median(t[i] for t in ts) for i in (0, 1)] for key, ts in times.items()
    }
    for (b, name), ts in times.items():
        best = min(t[0] for t in ts)
        wall_s, cpu_s = median[b, name]
        goal = "" if "build" in name else f"  (goal ≤ {GOAL} s: median/goal {wall_s / GOAL:.2f})"
        print(f"  {b}{name:32s} best {best:.3f} s  median {wall_s:.3f} s  cpu {cpu_s:.3f} s{goal}")
    beyond = median["", "bilingual build (nothing to do)"][0] - median["", "bilingual --help"][0]
    print(f"  no-op build beyond --help (median): {beyond:.3f} s")
    if args.base:
        print("this/base (medians):")
        for name in commands:
            this, base = median["", name], median["base ", name]
            print(f"  {name:32s} wall {this[0] / base[0]:.2f}, cpu {this[1] / base[1]:.2f}")

    rows = import_times(["-m", "bilingual", "show", "-e", str(edition)])
    top = [r for r in rows if not r[2].startswith(" ")]  # imported by the script itself
    total = sum(r[1] for r in top)
    print(f"\nimports of `show` (python -X importtime): {total / 1e6:.3f} s in all; slowest:")
    for _own, cumulative, name in sorted(top, key=lambda r: -r[1])[:10]:
        print(f"  {cumulative / 1e3:7.1f} ms  {name.strip()}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
