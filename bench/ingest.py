"""Ingest throughput on a large synthetic page set (goal: ≥ 5 MB/s).

Builds pages by re-wrapping the seed page's paragraphs at several column widths (with
justification spaces, split numbers, headlines and datelines), then times reflow +
structure + sentence splitting (`parse_text`, one process) and, separately, the whole
`ingest` into a SQLite edition (pages parsed in worker processes, one per core). Run: `uv run python bench/ingest.py [--mb 20]`.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pagemaker import body, page  # noqa: E402

from bilingual.ingest import block_sentences, ingest, parse_text  # noqa: E402


def make_pages(megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    blocks = parse_text((ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8"))
    paragraphs = [t for a in blocks for k, t in a if k in ("paragraph", "quote", "lead")]
    titles = [t for a in blocks for k, t in a if k == "title"]
    pages, size = [], 0
    while size < megabytes * 1_000_000:
        width = rng.choice([11, 13, 15, 17, 20])
        parts: list = []
        for _ in range(rng.randint(3, 6)):
            title = rng.choice(titles)
            parts.append([title[: len(title) // 2], title[len(title) // 2 :]])
            first = "本报讯（记者 张三）" + rng.choice(paragraphs)
            parts.append(body(first, width))
            for _ in range(rng.randint(3, 8)):
                parts.append(body(rng.choice(paragraphs), width))
        text = page(*parts)
        pages.append(text)
        size += len(text.encode("utf-8"))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the page set in MB")
    args = parser.parse_args()
    pages = make_pages(args.mb)
    size = sum(len(p.encode("utf-8")) for p in pages) / 1_000_000
    start = time.perf_counter()
    sentences = 0
    for text in pages:
        for article in parse_text(text):
            for kind, block in article:
                sentences += len(block_sentences(kind, block))
    parse_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, text in enumerate(pages):
            path = Path(tmp) / f"page{i}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(path)
        sub = sum(f.stat().st_size for f in files) / 1_000_000
        start = time.perf_counter()
        ingest(files, Path(tmp) / "edition")
        whole_s = time.perf_counter() - start
    print(f"pages: {len(pages)}, {size:.1f} MB, {sentences} sentences")
    print(f"parse (reflow+structure+sentences): {parse_s:.2f} s = {size / parse_s:.1f} MB/s")
    print(
        f"whole ingest (read files, parse, ids, SQLite, articles.md; {len(files)} pages, "
        f"{sub:.1f} MB): {whole_s:.2f} s = {sub / whole_s:.1f} MB/s"
    )
    for what, rate in (("parse", size / parse_s), ("whole ingest", sub / whole_s)):
        print(f"goal >= 5 MB/s, {what}: {'met' if rate >= 5 else 'NOT met'} ({rate:.1f})")


if __name__ == "__main__":
    main()
