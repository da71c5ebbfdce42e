"""Ingest throughput on a large synthetic page set (goal: ≥ 5 MB/s), and printed pages.

Builds pages by re-wrapping the seed page's paragraphs at several column widths (with
justification spaces, split numbers, headlines and datelines), then times reflow +
structure + sentence splitting (`parse_text`, one process) and, separately, the whole
`ingest` into a SQLite edition (pages parsed in worker processes, one per core).

Printed pages (`--pages`, needs Debian's chromium; OCR needs the `ocr` extra): the test
newspaper of tests/newspaper.py printed to a 2-page PDF and a PNG of its first page;
pages per second reading the PDF's text layer, and by OCR the PNG and a photo-like copy
(turned 2.5°, blurred, unevenly lit), with their character accuracy.
Run: `uv run python bench/ingest.py [--mb 20] [--pages] [--pdf-runs 10]`.
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
    parser.add_argument("--mb", type=float, default=20.0, help="size of the page set in MB")
    parser.add_argument("--pages", action="store_true", help="also time PDF and OCR'd pages")
    parser.add_argument("--pdf-runs", type=int, default=10, help="times to read the PDF")
    args = parser.parse_args()
    if args.pages:
        printed_pages(args.pdf_runs)
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
