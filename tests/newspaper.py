"""Newspaper pages for the PDF and OCR tests: articles laid out in HTML/CSS, printed by
Debian's headless Chromium (playwright, no browser download) to PDF and PNG.

A page is rows of stories on a grid of columns: each story has its headline block
(title, subtitle, byline) across its width and its body flowing through CSS columns, with
section heads, a dateline in bold at the start of its first paragraph, pull quotes in
larger type with their attributions, and jump lines. The stories' blocks are the expected
structure: `expected()` gives what ingest must find, kind for kind and text for text.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
BODY_PX = 15

CSS = """
@page { margin: 0 }
* { box-sizing: border-box }
body { margin: 0; padding: 30px; width: %(width)dpx; background: #fff; color: #111;
       font: %(body)dpx/1.6 "Noto Serif CJK SC", serif; text-align: justify }
.row { display: flex; gap: 26px; margin-bottom: 34px; align-items: flex-start }
.story { border-top: 2px solid #222; padding-top: 10px }
h1 { font: bold 34px/1.25 "Noto Sans CJK SC", sans-serif; margin: 0 0 8px; text-align: center }
.subtitle { font: 19px/1.4 "Noto Sans CJK SC", sans-serif; margin: 0 0 6px; text-align: center }
.byline { font-size: 14px; margin: 0 0 10px; text-align: center }
.cols { column-gap: 24px }
.cols p { margin: 0; text-indent: 2em }
h3 { font: bold 17.5px/1.4 "Noto Sans CJK SC", sans-serif; margin: 8px 0 6px; break-after: avoid }
.quote { font: 18.5px/1.6 "Noto Sans CJK SC", sans-serif; margin: 0 0 6px }
.attribution { text-align: right; margin: 0 0 16px }
.jump { text-align: right; margin: 0; font-size: 14px }
.page { break-after: page }
"""


@dataclass
class Story:
    """One article: its blocks (kind, text) in edition order, and how wide it is set."""

    blocks: list[tuple[str, str]]
    span: int = 2  # grid columns of the page it takes
    columns: int = 2  # body columns inside it
    jump: str = ""  # a jump line printed at its end, e.g. （下转第二版）

    def expected(self) -> list[tuple[str, str]]:
        return list(self.blocks)


@dataclass
class Page:
    rows: list[list[Story]] = field(default_factory=list)

    def stories(self) -> list[Story]:
        return [s for row in self.rows for s in row]


GRID = 6
COLUMN_PX = 230
GAP_PX = 26


# how each kind is printed: in the headline block over the story, or in its columns
HEAD = {
    "title": "<h1>{}</h1>",
    "subtitle": '<p class="subtitle">{}</p>',
    "byline": '<p class="byline">{}</p>',
}
COLUMN = {
    "heading": "<h3>{}</h3>",
    "quote": '<p class="quote">{}</p>',
    "attribution": '<p class="attribution">{}</p>',
}


def _story_html(story: Story) -> str:
    out, body = [], []
    width = story.span * COLUMN_PX + (story.span - 1) * GAP_PX
    dateline = ""  # printed in bold at the start of the next paragraph
    for kind, text in story.blocks:
        t = html.escape(text)
        if kind in HEAD:
            out.append(HEAD[kind].format(t))
        elif kind in COLUMN:
            body.append(COLUMN[kind].format(t))
        elif kind == "dateline":
            dateline = f"<b>{t}</b>"
        else:
            body.append(f"<p>{dateline}{t}</p>")
            dateline = ""
    if story.jump:
        body.append(f'<p class="jump">{html.escape(story.jump)}</p>')
    cols = f"column-count: {story.columns}" if story.columns > 1 else ""
    return (
        f'<section class="story" style="width: {width}px">{"".join(out)}'
        f'<div class="cols" style="{cols}">{"".join(body)}</div></section>'
    )


def page_html(pages: list[Page]) -> str:
    width = GRID * COLUMN_PX + (GRID - 1) * GAP_PX
    css = CSS % {"width": width + 60, "body": BODY_PX}
    sheets = []
    for page in pages:
        rows = "".join(
            '<div class="row">' + "".join(_story_html(s) for s in row) + "</div>"
            for row in page.rows
        )
        sheets.append(f'<div class="page">{rows}</div>')
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>{''.join(sheets)}</body></html>"
    )


def expected(pages: list[Page]) -> list[list[tuple[str, str]]]:
    return [s.expected() for p in pages for s in p.stories()]


def accuracy(expected: list[list[tuple[str, str]]], articles) -> float:
    """Character accuracy: 1 - edit distance / length, over the page's text in order."""
    from rapidfuzz.distance import Levenshtein

    ref = "".join(text for article in expected for _, text in article)
    hyp = "".join(block[1] for article in articles for block in article)
    return 1 - Levenshtein.distance(ref, hyp) / len(ref)


def photo_like(image, angle: float):
    """A phone photo of a printed page: turned by `angle` degrees, a little blurred, lit
    unevenly (the far corner at about half the light)."""
    import math

    import numpy as np
    from PIL import Image, ImageFilter

    turned = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=235)
    blurred = turned.filter(ImageFilter.GaussianBlur(1.2))
    pixels = np.asarray(blurred, dtype=np.float32)
    h, w = pixels.shape
    yy, xx = np.mgrid[0:h, 0:w]
    light = 0.55 + 0.45 * (1 - np.hypot(xx / w, yy / h) / math.sqrt(2))
    return Image.fromarray(np.clip(pixels * light, 0, 255).astype(np.uint8))


def render(pages: list[Page], out: Path, browser, pdf: bool = True, png: bool = True) -> dict:
    """Print the pages to `out`.pdf (one PDF page per Page) and `out`.png (the first page,
    at twice the CSS pixel size, as a 200 dpi scan would give). Returns the paths."""
    html_path = out.with_suffix(".html")
    html_path.write_text(page_html(pages), encoding="utf-8")
    width = GRID * COLUMN_PX + (GRID - 1) * GAP_PX + 60
    context = browser.new_context(viewport={"width": width, "height": 1000}, device_scale_factor=2)
    page = context.new_page()
    page.emulate_media(media="print")  # measure the pages as they will be printed
    page.goto(html_path.as_uri())
    page.evaluate("document.fonts.ready")
    paths: dict = {}
    heights = page.evaluate(
        "[...document.querySelectorAll('.page')].map(p => Math.ceil(p.getBoundingClientRect().height))"
    )
    if pdf:
        tallest = max(heights)
        paths["pdf"] = out.with_suffix(".pdf")
        page.pdf(path=str(paths["pdf"]), width=f"{width}px", height=f"{tallest + 40}px")
    if png:  # one PNG a page: `png` the first, `pngs` all
        tops = page.evaluate(
            "[...document.querySelectorAll('.page')].map(p => p.getBoundingClientRect().top)"
        )
        paths["pngs"] = []
        for n, (top, height) in enumerate(zip(tops, heights, strict=True), start=1):
            path = out.with_name(f"{out.name}-{n}.png")
            clip = {"x": 0, "y": max(0, top - 20), "width": width, "height": height + 50}
            page.screenshot(path=str(path), full_page=True, clip=clip)
            paths["pngs"].append(path)
        paths["png"] = paths["pngs"][0]
    context.close()
    out.with_suffix(".json").write_text(
        json.dumps(expected(pages), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return paths


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The test newspaper printed once per run: two pages (the sample page's articles, then
    stories of our own) as `pdf`, each page as a PNG (`pngs`; `png` the first), and the
    structure they hold (`expected`; `first`, `second` for one page)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from newspaper_pages import OWN, seed_page
    from playwright.sync_api import sync_playwright

    pages = [seed_page(), Page([OWN])]
    out = tmp_path_factory.mktemp("newspaper") / "page"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        paths = render(pages, out, browser)
        browser.close()
    return {
        **paths,
        "expected": expected(pages),
        "first": expected(pages[:1]),
        "second": expected(pages[1:]),
    }
