"""Translation-memory search on 100,000 pairs: the FTS5 search beside a brute-force scan.

Run: uv run python bench/tm.py [--pairs 100000] [--queries 300]
Builds a memory of synthetic Party-press sentences (the shipped glossary's terms joined by
common words, so bigrams recur as in real text) in a temporary file, then times
`TranslationMemory.search` (exact + fuzzy ≥ 75 %) for three kinds of query — a stored
sentence, a stored sentence with about a tenth of its characters changed, and an unseen
sentence — beside rapidfuzz scanning all 100,000 sentences in memory (the exhaustive answer).
Prints the build time, search times (median, 95th percentile), their ratio to the scan, and
the recall: how often the search's best match is as good as the scan's. Goal: ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bilingual.terms.files import load_glossary
from bilingual.tm import TranslationMemory, _row, normalize

GLUE = [  # function words and the commonest verbs of the genre
    "的", "了", "和", "在", "是", "要", "把", "对", "为", "与", "将", "等", "并", "以", "及",
    "坚持", "推进", "加强", "全面", "深入", "进一步", "认真", "积极", "扎实", "切实", "不断",
    "持续", "工作", "建设", "发展", "问题", "群众", "干部", "我们", "他们", "今年", "同时", "已经",
]  # fmt: skip
ENDS = "。。。！；"


def sentences(count: int, rng: random.Random) -> list[str]:
    terms = [e.zh for e in load_glossary(user=False).entries.values() if 2 <= len(e.zh) <= 8]
    weights = [1 / (i + 1) for i in range(len(terms))]  # Zipf-like: a few terms everywhere
    rng.shuffle(terms)
    out: set[str] = set()
    while len(out) < count:
        parts = []
        for _ in range(rng.randint(3, 10)):
            parts.append(rng.choices(terms, weights)[0] if rng.random() < 0.5 else rng.choice(GLUE))
            if rng.random() < 0.2:
                parts.append("，")
        out.add("".join(parts).strip("，") + rng.choice(ENDS))
    return sorted(out)


def mutate(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(max(1, len(chars) // 10)):
        chars[rng.randrange(len(chars))] = rng.choice("新老大小多少上下")
    return "".join(chars)


def timed(fn, queries: list[str]) -> tuple[list[float], list]:
    times, results = [], []
    for q in queries:
        start = time.perf_counter()
        results.append(fn(q))
        times.append((time.perf_counter() - start) * 1000)
    return times, results


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(14)
    texts = sentences(args.pairs + args.queries // 3, rng)
    stored, unseen = texts[: args.pairs], texts[args.pairs :]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with TranslationMemory(Path(tmp) / "tm.sqlite") as tm:
            tm.add(
                _row(zh, f"English {i}", f"bench-{i % 50}", "2024-01-01", "human")
                for i, zh in enumerate(stored)
            )
            build = time.perf_counter() - started
            print(f"memory: {len(tm):,} pairs built in {build:.1f} s")
            n = args.queries // 3
            picked = rng.sample(stored, 2 * n)
            kinds = {
                "stored sentence (exact)": picked[:n],
                "stored, 10% changed (fuzzy)": [mutate(t, rng) for t in picked[n:]],
                "unseen sentence": unseen[:n],
            }
            keys = [normalize(t) for t in stored]

            def scan(query: str) -> list:
                return process.extract(
                    normalize(query), keys, scorer=Levenshtein.normalized_similarity,
                    score_cutoff=0.75, limit=5,
                )  # fmt: skip

            print(f"{'query':<30} {'search ms (median / p95)':>26} {'scan ms':>9} "
                  f"{'ratio':>6} {'best found':>10}")  # fmt: skip
            for label, queries in kinds.items():
                search_ms, found = timed(tm.search, queries)
                scan_ms, truth = timed(scan, queries)
                same = sum(
                    (f[0].similarity if f else 0) >= (int(100 * t[0][1]) if t else 0)
                    for f, t in zip(found, truth, strict=True)
                )
                med, scan_med = statistics.median(search_ms), statistics.median(scan_ms)
                print(f"{label:<30} {med:>12.1f} / {p95(search_ms):>8.1f} {scan_med:>12.1f} "
                      f"{scan_med / med:>5.1f}× {same:>5}/{len(queries)}")  # fmt: skip
    print("goal: search ≤ 100 ms on 100,000 pairs (measured on a shared machine)")


if __name__ == "__main__":
    main()
