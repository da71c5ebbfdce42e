"""Edition metadata from the page itself: its title and its date.

A newspaper page names itself in a masthead or folio line: the paper's name, the date, the
weekday, the page number (`人民日报 2020年3月1日 星期日 第5版`). Such a line, among the first
blocks of the page, gives the title (the paper's name and the date) and the date. Without
one the title is the page's first headline, and the date stays unknown: the day a file was
ingested is not the day the page was printed. A line only counts as a masthead when nothing
but those parts is left in it, so a sentence that mentions a date never becomes one.

`--title` / `--date` (ingest, build, render) override what the page says; both are kept in
the edition's meta (`title`, `date`), beside what the page gave (`page_title`, `page_date`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING

from ..document import Edition
from ..errors import InputError

if TYPE_CHECKING:
    from ..store import EditionStore

# How many blocks from the top of the page a masthead may stand in.
MASTHEAD_BLOCKS = 6
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_ARABIC_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHINESE_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_PAPER = re.compile(r"(?<![本])[\u4e00-\u9fff]{1,10}(?:日报|晚报|时报|报)")
# Everything else a masthead line may hold: weekday, page number, edition labels, separators.
_REST = re.compile(
    r"星期[一二三四五六日天]|周[一二三四五六日]|第\s*[\d一二三四五六七八九十]+\s*版|"
    r"[A-Z]?\d{1,2}\s*版|农历\S{0,10}|[\s·•|｜/／—\-－,，、()（）:：]"
)
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    date: str = ""  # ISO 8601 (YYYY-MM-DD), "" when the page gives none


def _chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 三十一 → 31."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def find_date(text: str) -> tuple[str, str] | None:
    """(the date as written, ISO date) of the first full date in `text`, if a real one."""
    if m := _ARABIC_DATE.search(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _CHINESE_DATE.search(text):
        year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
        month, day = _chinese_number(m.group(2)), _chinese_number(m.group(3))
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return m.group(0), f"{year:04d}-{month:02d}-{day:02d}"


def masthead(text: str) -> tuple[str, str, str] | None:
    """(paper name, date as written, ISO date) when `text` is a masthead or folio line: a
    full date and nothing else but a paper's name, a weekday, a page number, separators."""
    found = find_date(text)
    if found is None:
        return None
    written, iso = found
    rest = text.replace(written, " ", 1)
    paper = _PAPER.search(rest)
    if paper:
        rest = rest.replace(paper.group(0), " ", 1)
    if _REST.sub("", rest):
        return None
    return (paper.group(0) if paper else ""), written, iso


def page_meta(edition: Edition) -> PageMeta:
    """The title and date the page gives (module docstring)."""
    blocks = [b for a in edition.articles for b in a.blocks][:MASTHEAD_BLOCKS]
    for block in blocks:
        if found := masthead(block.text):
            paper, written, iso = found
            return PageMeta(f"{paper} {written}" if paper else "", iso)
    return PageMeta("", "")


def first_headline(edition: Edition) -> str:
    """The page's first headline (the first article's title), or ""."""
    for article in edition.articles:
        for block in article.blocks:
            if block.kind == "title":
                return block.text
    return ""


def check_date(text: str) -> str:
    """A `--date` value as given, if it is a real YYYY-MM-DD, YYYY-MM or YYYY (what EPUB's
    dc:date takes); else an InputError."""
    text = text.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        Date.fromisoformat((text + "-01-01")[:10])  # a real month and day
    except ValueError:
        raise InputError(
            f"Unknown date {text!r}", "Give the page's date as YYYY-MM-DD (or YYYY-MM, YYYY)."
        ) from None
    return text


def check_title(text: str) -> str:
    """A `--title` value, stripped; an empty one is refused."""
    if not text.strip():
        raise InputError("Empty --title", "Give the edition's title, or leave the option out.")
    return " ".join(text.split())


def overrides(title: str | None = None, date: str | None = None) -> dict[str, str]:
    """The meta rows of `--title` / `--date` (checked; None: left out)."""
    values = {}
    if title is not None:
        values["title"] = check_title(title)
    if date is not None:
        values["date"] = check_date(date)
    return values


def save_overrides(store: EditionStore, title: str | None = None, date: str | None = None) -> None:
    """Keep `--title` / `--date` in the edition's meta (checked first; None: unchanged)."""
    values = overrides(title, date)
    if values:
        with store.transaction():
            for key, value in values.items():
                store.set_meta(key, value)


def page_meta_rows(edition: Edition) -> dict[str, str]:
    """The meta rows of what the page says (title, date), kept at every ingest."""
    page = page_meta(edition)
    return {"page_title": page.title or first_headline(edition), "page_date": page.date}


def edition_title_and_date(store: EditionStore, edition: Edition) -> tuple[str, str]:
    """The title and date readers see: `--title`/`--date`, else the page's, else the
    edition's name and no date. (A store from before page meta gets it from its text.)"""
    page = PageMeta(store.get_meta("page_title"), store.get_meta("page_date"))
    if not store.get_meta("page_title"):
        found = page_meta(edition)
        page = PageMeta(found.title or first_headline(edition), found.date)
    title = store.get_meta("title") or page.title or edition.name
    return title, store.get_meta("date") or page.date
