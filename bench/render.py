"""Render a synthetic 1,000-article edition to HTML and EPUB and print the seconds.

Goal (issue 5): HTML + EPUB in <= 10 s on the 2-core dev machine. Articles are built from
the seed page's sentences with a per-article variation, so ids and texts are unique; the
English is a fixed fake. Run: `uv run python bench/render.py [ARTICLES] [--check]`
(`--check` also runs EPUBCheck on the result, which takes a while).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bilingual.document import assign_ids
from bilingual.ingest.sentences import split_sentences
from bilingual.render import default_glossary, html
from bilingual.render import epub as epub_format
from bilingual.render.view import build_view
from bilingual.store import EditionStore

ROOT = Path(__file__).resolve().parent.parent
SIGNATURE = "fake v1 beam=4 maxlen=256 | glossary=bench"


def seed_sentences() -> list[str]:
    text = (ROOT / "samples" / "seed-page.txt").read_text(encoding="utf-8")
    joined = "".join(line.strip() for line in text.splitlines())
    return [s for s in split_sentences(joined) if len(s) >= 8]


def synthetic(articles: int) -> list[list[tuple[str, str, list[str]]]]:
    pool = seed_sentences()
    out = []
    for n in range(articles):
        pick = [pool[(n * 7 + i) % len(pool)] for i in range(10)]
        pick = [f"{s[:-1]}（第{n + 1}篇）{s[-1]}" for s in pick]
        title = f"第{n + 1}篇：{pool[n % len(pool)][:12]}"
        out.append(
            [
                ("title", title, [title]),
                ("byline", "本报记者 思瑜", ["本报记者 思瑜"]),
                ("lead", pick[0], pick[:1]),
                ("paragraph", "".join(pick[1:5]), pick[1:5]),
                ("heading", "关怀关爱在一线", ["关怀关爱在一线"]),
                ("paragraph", "".join(pick[5:10]), pick[5:10]),
            ]
        )
    return out


def main() -> None:
    count = int(next((a for a in sys.argv[1:] if a.isdigit()), 1000))
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        edition = assign_ids(synthetic(count), "bench")
        store = EditionStore(Path(tmp) / "bench", create=True)
        store.save_edition(edition, source="synthetic")
        with store.transaction():
            for i, s in enumerate(edition.sentences()):
                en = f"Fake English sentence number {i} about the front line and Party members."
                store.update_pair(s.id, en=en, mt=en, status="machine", signature=SIGNATURE)
        sentences = len(edition.sentences())
        print(f"{count} articles, {sentences} sentences")

        started = time.perf_counter()
        glossary = default_glossary()
        t_glossary = time.perf_counter() - started
        t0 = time.perf_counter()
        view = build_view(store, glossary=glossary, ruby=True)
        t_view = time.perf_counter() - t0
        t0 = time.perf_counter()
        html_path = html.write(view, store.directory, "side-by-side")
        t_html = time.perf_counter() - t0
        t0 = time.perf_counter()
        epub_path = epub_format.write(view, store.directory, "side-by-side")
        t_epub = time.perf_counter() - t0
        total = time.perf_counter() - started
        print(f"glossary load             {t_glossary:6.2f} s ({len(glossary or [])} terms)")
        print(f"view (segment, pinyin)    {t_view:6.2f} s")
        print(f"HTML write                {t_html:6.2f} s  {html_path.stat().st_size / 1e6:.1f} MB")
        print(f"EPUB write                {t_epub:6.2f} s  {epub_path.stat().st_size / 1e6:.1f} MB")
        print(f"total (HTML + EPUB)       {total:6.2f} s  (goal <= 10 s)")
        if "--check" in sys.argv:
            t0 = time.perf_counter()
            problems = epub_format.check_epub(epub_path)
            print(
                f"EPUBCheck                 {time.perf_counter() - t0:6.2f} s, {len(problems)} problems"
            )
            print("\n".join(problems[:20]))
        store.close()


if __name__ == "__main__":
    main()
