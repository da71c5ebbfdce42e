"""Ingest throughput, measured as the whole command (goal: ≥ 5 MB/s end to end).

Runs `bilingual ingest` as a user would — a new process that reads the files, parses them,
writes edition.sqlite and articles.md — on:
- one long page: the seed page repeated (3,000 times by default: 51 MB in one file),
- distinct pages in one file: seed pages each with its Han characters remapped by a
  permutation of its own (300 by default), so every page has its own headlines and words,
- many pages: pages built by re-wrapping the seed page's paragraphs at several column
  widths (with justification spaces, split numbers, headlines and datelines), one file each,
and `bilingual show --json` on the long page's edition. Wall seconds and the peak memory of
each process are printed, with MB/s.

Python runs with its bytecode cache on (in a temporary folder, PYTHONPYCACHEPREFIX), as an
installed tool does: with PYTHONDONTWRITEBYTECODE set, every run would compile the modules
it imports again (0.2 s and more a run).

`--base DIR` runs the same commands with another checkout of the project (its `bilingual`
package first on PYTHONPATH) in turn with this one, and prints this/base ratios: a change
is measured side by side in one run, so the machine's load mostly cancels out. The
editions both make of each input must be the same (articles.md byte for byte, and every row
of the store but its time stamps): the bench fails if they are not.

Printed pages (`--pages`, needs Debian's chromium; OCR needs the `ocr` extra): the test
newspaper of tests/newspaper.py printed to a 2-page PDF and a PNG of its first page;
pages per second reading the PDF's text layer, and by OCR the PNG and a photo-like copy
(turned 2.5°, blurred, unevenly lit), with their character accuracy. `--pages` measures
only those.

Run: `uv run python bench/ingest.py [--copies 3000] [--mb 20] [--runs 1] [--base DIR]`
or `uv run python bench/ingest.py --pages [--pdf-runs 10]`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pagemaker import body, page  # noqa: E402

from bilingual.ingest import parse_text  # noqa: E402

SEED = ROOT / "samples" / "seed-page.txt"
GOAL = 5.0  # MB/s, end to end


def make_pages(megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    blocks = parse_text(SEED.read_text(encoding="utf-8"))
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


def distinct_pages(copies: int, seed: int = 11) -> str:
    """Seed pages, each with its own vocabulary (shared by its headlines and bodies)."""
    rng = random.Random(seed)
    text = SEED.read_text(encoding="utf-8")
    han = sorted({c for c in text if "\u4e00" <= c <= "\u9fff"})
    pool = [chr(c) for c in range(0x4E00, 0x9FA5)]
    pages = []
    for _ in range(copies):
        table = str.maketrans(dict(zip(han, rng.sample(pool, len(han)), strict=True)))
        pages.append(text.translate(table))
    return "".join(pages)


def run(checkout: Path, args: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """(wall seconds, peak MB, stdout bytes, CPU seconds) of `bilingual ARGS` run from
    `checkout`; CPU seconds (user + system, worker processes included) move less than wall
    seconds on a busy machine."""
    env = dict(os.environ, PYTHONPATH=str(checkout), PYTHONPYCACHEPREFIX=str(cwd / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bilingual", *args], cwd=cwd, env=env, stdout=out
        )
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this one process
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if proc.returncode:
            sys.exit(f"bilingual {' '.join(args)} failed (exit {proc.returncode})")
        size = out.tell()
    return wall, usage.ru_maxrss / 1024, size, usage.ru_utime + usage.ru_stime


def measure(
    checkout: Path, long_page: Path, distinct: Path, pages: list[Path], work: Path
) -> tuple[dict, dict[str, str]]:
    """The figures for one checkout, and a digest of each edition it made (made afresh)."""
    # the same paths every time (articles.md names its edition), deleted once digested
    eds = {k: work / "editions" / k for k in ("long", "distinct", "pages")}
    figures = {
        "ingest long page": run(checkout, ["ingest", str(long_page), "-e", str(eds["long"])], work),
        "show --json": run(checkout, ["show", "-e", str(eds["long"]), "--json"], work),
        "ingest distinct": run(
            checkout, ["ingest", str(distinct), "-e", str(eds["distinct"])], work
        ),
        "ingest many pages": run(
            checkout, ["ingest", *map(str, pages), "-e", str(eds["pages"])], work
        ),
    }
    return figures, {k: edition_digest(d) for k, d in eds.items()}


# Every row of every table of the store but the time stamps (when it was ingested), and
# its schema.
_ROWS = (
    "SELECT key, value FROM meta WHERE key != 'ingested' ORDER BY key",
    "SELECT id, pos FROM articles ORDER BY id",
    "SELECT id, article_id, pos, kind, text, page, box FROM blocks ORDER BY id",
    "SELECT n, file, number, width, height, unit FROM pages ORDER BY n",
    "SELECT id, block_id, pos, zh FROM sentences ORDER BY id",
    "SELECT sid, zh, en, mt, status, signature, flags, score FROM pairs ORDER BY sid",
    "SELECT action, target, before, after, undone FROM history ORDER BY id",
    "PRAGMA user_version",
    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
)


def edition_digest(directory: Path) -> str:
    """A hash of an edition's articles.md and of its store's rows (`_ROWS`), after which
    the edition is deleted (the long page's is over 100 MB)."""
    digest = hashlib.sha256((directory / "articles.md").read_bytes())
    conn = sqlite3.connect(directory / "edition.sqlite")
    try:
        for query in _ROWS:
            digest.update(query.encode())
            for row in conn.execute(query):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    shutil.rmtree(directory)
    return digest.hexdigest()


def printed_pages(pdf_runs: int) -> None:
    """Pages per second for PDF (text layer) and OCR'd PNG, and OCR accuracy."""
    from newspaper import ARGS, CHROMIUM, Page, accuracy, photo_like, render
    from newspaper_pages import OWN, seed_page
    from playwright.sync_api import sync_playwright

    from bilingual.ingest.pages import parse_pages

    pages = [seed_page(), Page([OWN])]
    with tempfile.TemporaryDirectory() as tmp:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            paths = render(pages, Path(tmp) / "page", browser)
            browser.close()
        start = time.perf_counter()
        for _ in range(pdf_runs):
            parse_pages(paths["pdf"], "pdf")
        pdf_s = time.perf_counter() - start
        print(
            f"PDF text layer: {2 * pdf_runs} pages in {pdf_s:.2f} s = {2 * pdf_runs / pdf_s:.1f} pages/s"
        )
        try:
            import rapidocr_onnxruntime  # noqa: F401
        except ImportError:
            print("OCR: skipped (install the ocr extra)")
            return
        from PIL import Image

        from bilingual.ingest.ocr import engine

        engine("the bench")  # load the models before timing
        expected = [s.expected() for s in pages[0].stories()]
        photo = Path(tmp) / "photo.jpg"
        photo_like(Image.open(paths["png"]), 2.5).save(photo, quality=85)
        for name, path in (("PNG", paths["png"]), ("photo-like JPEG", photo)):
            start = time.perf_counter()
            articles = parse_pages(path, "image")
            seconds = time.perf_counter() - start
            print(
                f"OCR {name} ({Image.open(path).size[0]}x{Image.open(path).size[1]} px): "
                f"1 page in {seconds:.1f} s = {1 / seconds:.3f} pages/s, "
                f"character accuracy {accuracy(expected, articles):.4f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3000, help="seed pages in the long page")
    parser.add_argument(
        "--distinct", type=int, default=300, help="pages with their own words in one file"
    )
    parser.add_argument("--mb", type=float, default=20.0, help="size of the many-page set, MB")
    parser.add_argument("--runs", type=int, default=1, help="runs of each (the median is kept)")
    parser.add_argument("--base", type=Path, help="another checkout to compare with")
    parser.add_argument("--pages", action="store_true", help="time PDF and OCR'd pages instead")
    parser.add_argument("--pdf-runs", type=int, default=10, help="times to read the PDF")
    args = parser.parse_args()
    if args.pages:
        printed_pages(args.pdf_runs)
        return
    checkouts = [ROOT] + ([args.base.resolve()] if args.base else [])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        long_page = work / "long.txt"
        long_page.write_text(SEED.read_text(encoding="utf-8") * args.copies, encoding="utf-8")
        distinct = work / "distinct.txt"
        distinct.write_text(distinct_pages(args.distinct), encoding="utf-8")
        pages = []
        for i, text in enumerate(make_pages(args.mb)):
            pages.append(work / f"page{i}.txt")
            pages[-1].write_text(text, encoding="utf-8")
        sizes = {
            "ingest long page": long_page.stat().st_size / 1e6,
            "show --json": long_page.stat().st_size / 1e6,
            "ingest distinct": distinct.stat().st_size / 1e6,
            "ingest many pages": sum(p.stat().st_size for p in pages) / 1e6,
        }
        for checkout in checkouts:  # its modules compiled into the bytecode cache
            run(checkout, ["ingest", str(SEED), "-e", str(work / "warm-up")], work)
            shutil.rmtree(work / "warm-up")
        results: dict[Path, list[dict]] = {c: [] for c in checkouts}
        digests: set[tuple] = set()
        for _ in range(args.runs):
            for checkout in checkouts:  # in turn, so both see the same machine
                figures, made = measure(checkout, long_page, distinct, pages, work)
                results[checkout].append(figures)
                digests.add(tuple(sorted(made.items())))
    print(
        f"long page: {args.copies} seed pages, {sizes['ingest long page']:.1f} MB; "
        f"distinct: {args.distinct} pages, {sizes['ingest distinct']:.1f} MB; "
        f"many pages: {len(pages)} files, {sizes['ingest many pages']:.1f} MB; "
        f"median of {args.runs} run(s); wall seconds, peak memory of the process"
    )
    medians = {
        c: {k: [statistics.median(r[k][i] for r in runs) for i in range(4)] for k in sizes}
        for c, runs in results.items()
    }
    for checkout in checkouts:
        print(f"{checkout}:")
        for what, (wall, peak, out, cpu) in medians[checkout].items():
            rate = f"{sizes[what] / wall:5.1f} MB/s" if what.startswith("ingest") else " " * 10
            extra = f", {out / 1e6:.0f} MB of JSON" if what == "show --json" else ""
            print(
                f"  {what:18} {wall:7.2f} s  {rate}  cpu {cpu:6.2f} s  peak {peak:5.0f} MB{extra}"
            )
    if args.base:
        this, base = medians[ROOT], medians[args.base.resolve()]
        print("this/base:")
        for what in sizes:
            print(
                f"  {what:18} wall {this[what][0] / base[what][0]:.2f}, "
                f"cpu {this[what][3] / base[what][3]:.2f}, "
                f"peak {this[what][1] / base[what][1]:.2f}"
            )
    if len(digests) > 1:
        sys.exit("FAILED: the editions differ between checkouts or runs")
    print(
        f"editions the same in every run{' and checkout' * bool(args.base)} "
        "(articles.md, and the store's rows but time stamps)"
    )
    for what in ("ingest long page", "ingest distinct", "ingest many pages"):
        rate = sizes[what] / medians[ROOT][what][0]
        print(f"goal >= {GOAL} MB/s, {what}: {'met' if rate >= GOAL else 'NOT met'} ({rate:.1f})")
    show = medians[ROOT]["show --json"][0]
    print(f"goal: show --json in a few seconds at most: {show:.1f} s")


if __name__ == "__main__":
    main()
