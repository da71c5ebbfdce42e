"""The HTML edition in a real browser: Debian's headless Chromium driven by playwright
(never `playwright install`). One browser launch for the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import NAME, build_store, glossary

from bilingual.document import assign_ids
from bilingual.render import render_edition
from bilingual.store import EditionStore

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = [375, 1280]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    with build_store(tmp_path_factory.mktemp("browser") / NAME) as store:
        (path,) = render_edition(store, formats=("html",), glossary=glossary())
    return path.as_uri()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def loaded(request, browser, page_url: str):
    """A page at the given width, with a record of every non-local request it made."""
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    external: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(page_url)
    page.wait_for_load_state("load")
    yield page, external
    context.close()


def test_no_horizontal_overflow(loaded) -> None:
    page, _ = loaded
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_every_sentence_has_a_partner(loaded) -> None:
    page, _ = loaded
    unpaired = page.evaluate(
        """() => [...document.querySelectorAll('.zh[data-sid]')]
            .map(e => e.dataset.sid)
            .filter(sid => !document.querySelector(`.en[data-sid="${sid}"]`))"""
    )
    assert page.locator(".zh[data-sid]").count() == 13
    assert unpaired == []


def test_columns_follow_the_width(loaded) -> None:
    page, _ = loaded
    width = page.viewport_size["width"]
    sid = page.locator(".k-lead .zh").get_attribute("data-sid")
    zh = page.locator(f'.zh[data-sid="{sid}"]').bounding_box()
    en = page.locator(f'.en[data-sid="{sid}"]').bounding_box()
    if width > 600:  # side by side: same row
        assert en["x"] > zh["x"] + zh["width"] and abs(en["y"] - zh["y"]) < 2
    else:  # interleaved: en under its zh
        assert en["y"] >= zh["y"] + zh["height"] - 1 and abs(en["x"] - zh["x"]) < 2


def test_ruby_present_and_the_toggle_hides_it(loaded) -> None:
    page, _ = loaded
    rt = page.locator(".zh rt").first
    assert page.locator(".zh ruby").count() > 20
    assert rt.is_visible()
    page.click('label[for="t-pinyin"]')
    assert not rt.is_visible()
    page.click('label[for="t-pinyin"]')
    assert rt.is_visible()


def test_a_lead_is_not_bold(loaded) -> None:
    page, _ = loaded
    weights = page.evaluate(
        "[...document.querySelectorAll('.k-lead > *')].map(e => getComputedStyle(e).fontWeight)"
    )
    assert weights and all(int(w) <= 400 for w in weights), weights


def test_hovering_a_sentence_highlights_its_partner(loaded) -> None:
    page, _ = loaded
    zh = page.locator(".k-lead .zh")
    zh.hover()
    sid = zh.get_attribute("data-sid")
    assert "hl" in page.locator(f'.en[data-sid="{sid}"]').get_attribute("class").split()


def test_scripts_in_data_are_inert_and_nothing_is_fetched(loaded) -> None:
    page, external = loaded
    terms = page.locator(".term")
    for i in range(terms.count()):  # open every tooltip, the note with <script> among them
        terms.nth(i).focus()
    assert page.evaluate("typeof window.pwned") == "undefined"
    tooltip = page.locator(".term[data-tip*='pwned']").first
    tooltip.focus()
    after = page.evaluate("el => getComputedStyle(el, '::after').content", tooltip.element_handle())
    assert "<script>window.pwned=3</script>" in after
    assert external == []


# Long runs of two- to four-character words (from the seed page): where Chromium, left to
# itself, breaks a line inside a word and its pinyin (文|明 under wénm|íng).
WORDY = [
    "要从群众身边小事入手，关注人们日常生活中的不良行为习惯，通过项目化、制度化、常态化的工作，"
    "打造文明就餐、文明交通、文明旅游、文明交往的品牌载体，形成人人共同遵循的社会文明新风尚。",
    "青海省玉树州委组织部迅速投入抗“疫”一线，把党的强大政治优势、组织优势和密切联系群众优势"
    "转化为疫情防控的工作优势，充分发挥党组织的引领作用，彰显党的组工干部临危不惧、忠诚担当、"
    "率先垂范的文明形象。",
    "2020年是本轮全国文明城市创建工作的收官之年，也是国家卫生城市复审之年，全市上下要坚持以"
    "习近平新时代中国特色社会主义思想为指导，立足新起点、把握新要求。",
]
SPLIT_WORDS = """() => [...document.querySelectorAll('.zh ruby')]
    .filter(r => new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1)
    .map(r => r.textContent)"""
# A line that starts with closing punctuation (a break was allowed where it must not be).
CLOSING_AT_LINE_START = """() => {
  const bad = [];
  for (const p of document.querySelectorAll('.zh')) {
    const left = p.getBoundingClientRect().left;
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode()); ) {
      if (n.parentElement.closest('rt')) continue;
      [...n.data].forEach((ch, i) => {
        if (!'，。、；：？！）”》'.includes(ch)) return;
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        if (Math.abs(r.getBoundingClientRect().left - left) < 2) bad.push(n.data);
      });
    }
  }
  return bad;
}"""

# How far (in em) each line but a paragraph's last stops short of the right edge: breaks
# between words keep lines full (without them Chromium breaks only at punctuation).
LINE_GAPS = """() => {
  const gaps = [];
  for (const p of document.querySelectorAll('.zh')) {
    const box = p.getBoundingClientRect(), em = parseFloat(getComputedStyle(p).fontSize);
    const right = new Map();
    const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode()); ) {
      if (n.parentElement.closest('rt')) continue;
      const r = document.createRange(); r.selectNodeContents(n);
      for (const b of r.getClientRects()) {
        const line = Math.round(b.bottom);
        right.set(line, Math.max(right.get(line) || 0, b.right));
      }
    }
    const lines = [...right.entries()].sort((a, b) => a[0] - b[0]).slice(0, -1);
    lines.forEach(([, r]) => gaps.push((box.right - r) / em));
  }
  return gaps.sort((a, b) => a - b);
}"""


@pytest.fixture(scope="module")
def wordy_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    blocks = [("paragraph", text, [s + "。" for s in text.split("。") if s]) for text in WORDY]
    with EditionStore(tmp_path_factory.mktemp("wordy") / "wordy", create=True) as store:
        store.save_edition(assign_ids([blocks], "wordy"))
        (path,) = render_edition(store, formats=("html",), glossary=glossary())
    return path.as_uri()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_word_and_its_pinyin_stay_on_one_line(browser, wordy_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(wordy_url)
    assert page.locator(".zh ruby").count() > 100
    assert page.evaluate(SPLIT_WORDS) == []
    assert page.evaluate(CLOSING_AT_LINE_START) == []
    gaps = page.evaluate(LINE_GAPS)
    assert len(gaps) >= 6 and gaps[len(gaps) // 2] < 2, gaps  # the median line is full
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    context.close()


# Words whose pinyin is wider than their characters (众志成城 under zhòngzhìchéngchéng): a
# ruby base lets Chromium push the characters apart ("冲 锋"); one base box per word keeps
# them together and spreads the reading over the word.
WIDE_READINGS = "全体党员冲锋在前，众志成城，壮大力量。"
# For each ruby whose base has several characters: (base, widest step from one character's
# centre to the next, minus 1 em, in em): 0 when the characters sit side by side.
GLYPH_SPREAD = """() => [...document.querySelectorAll('.zh ruby')].flatMap(r => {
  const walk = document.createTreeWalker(r, NodeFilter.SHOW_TEXT);
  let base = null;
  for (let n; (n = walk.nextNode()); ) if (!n.parentElement.closest('rt, rp')) { base = n; break; }
  if (!base || base.data.length < 2) return [];
  const centres = [...base.data].map((_, i) => {
    const g = document.createRange(); g.setStart(base, i); g.setEnd(base, i + 1);
    const b = g.getBoundingClientRect(); return (b.left + b.right) / 2;
  });
  const em = parseFloat(getComputedStyle(base.parentElement).fontSize);
  const steps = centres.slice(1).map((c, i) => (c - centres[i]) / em - 1);
  const rt = r.querySelector('rt').getBoundingClientRect();
  const box = base.parentElement.getBoundingClientRect();
  return [[base.data, Math.max(...steps), rt.width / box.width]];
})"""


@pytest.fixture(scope="module")
def wide_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The HTML page and the EPUB's article (unzipped, with its style sheet) of one sentence."""
    import zipfile

    directory = tmp_path_factory.mktemp("wide")
    blocks = [("paragraph", WIDE_READINGS, [WIDE_READINGS])]
    with EditionStore(directory / "wide", create=True) as store:
        store.save_edition(assign_ids([blocks], "wide"))
        html, epub = render_edition(store, formats=("html", "epub"), glossary=glossary())
    with zipfile.ZipFile(epub) as z:
        z.extractall(directory / "book")
    article = directory / "book" / "OEBPS" / "article-0001.xhtml"
    return {"html": html.as_uri(), "epub": article.as_uri()}


@pytest.mark.parametrize("fmt", ["html", "epub"])
@pytest.mark.parametrize("width", WIDTHS)
def test_wide_pinyin_keeps_a_words_characters_together(browser, wide_pages, fmt, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(wide_pages[fmt])
    spread = page.evaluate(GLYPH_SPREAD)
    context.close()
    words = {base: (step, ratio) for base, step, ratio in spread}
    assert {"冲锋", "众志成城"} <= set(words), words
    assert words["众志成城"][1] > 1.05  # the reading is wider than the word: the case at hand
    assert all(abs(step) < 0.02 for step, _ in words.values()), words


# Where the reader's edition breaks at a glance: wider than the screen, pinyin not over its
# characters, a lead set in bold. Checked on a screenshot's page at phone and desktop width.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll('.zh, .en, h1')]
    .filter(e => e.getBoundingClientRect().right > width + 1).length;
  const misplaced = [...document.querySelectorAll('ruby')].filter(r => {
    const rt = r.querySelector('rt').getBoundingClientRect();
    const base = (r.querySelector('.rb') || r).getBoundingClientRect();
    return rt.bottom > base.top + base.height / 2;
  }).length;
  const bold = [...document.querySelectorAll('.k-lead .zh, .k-lead .en')]
    .filter(e => parseInt(getComputedStyle(e).fontWeight) > 400).length;
  return {over, misplaced, bold, rubies: document.querySelectorAll('ruby').length};
}"""


@pytest.fixture(scope="module")
def reader_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The mini edition's HTML page and its EPUB's first article, unzipped."""
    import zipfile

    directory = tmp_path_factory.mktemp("screens")
    with build_store(directory / NAME) as store:
        html, epub = render_edition(store, formats=("html", "epub"), glossary=glossary())
    with zipfile.ZipFile(epub) as z:
        z.extractall(directory / "book")
    return {"html": html.as_uri(), "epub": (directory / "book/OEBPS/article-0001.xhtml").as_uri()}


@pytest.mark.parametrize("fmt", ["html", "epub"])
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_lay_out(browser, reader_pages, tmp_path: Path, fmt: str, width: int) -> None:
    import struct

    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(reader_pages[fmt])
    shot = tmp_path / f"{fmt}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    layout = page.evaluate(LAYOUT)
    context.close()
    # a full-page shot is as wide as the page's content (PNG: size in the IHDR chunk)
    shot_width, shot_height = struct.unpack(">II", shot.read_bytes()[16:24])
    assert shot_width == width and shot_height > 800
    assert layout["rubies"] > 20 and layout == {**layout, "over": 0, "misplaced": 0, "bold": 0}
