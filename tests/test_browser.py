"""The HTML edition in a real browser: Debian's headless Chromium driven by playwright
(never `playwright install`). One browser launch for the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import NAME, build_store, glossary

from bilingual.render import render_edition

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
