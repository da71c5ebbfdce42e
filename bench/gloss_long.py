"""Benchmark: the word gloss is linear in the text length (a 5 MB sentence in seconds, not
minutes).

Glosses one "sentence" made of the seed page's text repeated (no sentence ends removed, so
glossary terms, names and numbers recur throughout) at growing sizes, with the shipped
glossary, and prints the seconds and the seconds per MB at each size: linear means the last
column stays flat (before the fix it grew with the size: quadratic). The engines never see
such a sentence (`translate` cuts it into pieces first); the gloss must still cope with one.

Run: uv run python bench/gloss_long.py [--sizes 0.05,0.5,5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.05,0.5,5", help="Text sizes in MB (UTF-8).")
    args = parser.parse_args()

    from bilingual.mt import EngineOptions
    from bilingual.mt.gloss import GlossEngine
    from bilingual.terms.files import default_glossary

    seed = "".join((ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8").split())
    engine = GlossEngine(EngineOptions(None, 1, 1, default_glossary()))
    engine.prepare(1)
    engine.gloss(seed)  # warm: dictionary and glossary loaded
    print("MB      seconds   s/MB")
    for mb in map(float, args.sizes.split(",")):
        size = int(mb * 1e6 / 3)  # CJK characters are 3 bytes in UTF-8
        text = (seed * (size // len(seed) + 1))[:size]
        started = time.perf_counter()
        engine.gloss(text)
        seconds = time.perf_counter() - started
        print(f"{mb:<7} {seconds:8.2f} {seconds / mb:7.2f}", flush=True)


if __name__ == "__main__":
    main()
