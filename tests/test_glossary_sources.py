"""What an `approved` entry of the shipped glossary must cite (glossary/README.md, "source"):
a named document, an organisation's own English name, a standard, or a page on the site of an
official publisher. A news agency's usage remembered, or a copy of a text on a site that did not
publish it, leaves the entry `provisional`."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from bilingual.terms.files import read_rows

# A news agency's usage alone (no document, no page) does not approve a rendering: a random
# sample of such approvals found only half of them in an official English text (round 5).
NEWS_ONLY = re.compile(
    r"^(?:Xinhua|China Daily|People's Daily|CGTN)(?: English)?(?: \([\d, -]+\))?$"
)

# Hosts that publish official English: government and Party sites (any *.gov.cn, *.gov.hk …),
# the state media and their regional papers, the official document and theory sites, the
# missions abroad, and Wikisource's scans of the official editions. A page elsewhere (a
# language-learning site, a foreign paper's reprint, an aggregator or a mirror) may carry the
# same words, but a reader cannot tell the copy is faithful, so it does not approve.
OFFICIAL_HOSTS = (
    "gov.cn", "gov.hk", "gov.mo", "hshfy.sh.cn", "people.cn", "people.com.cn", "news.cn",
    "xinhuanet.com", "chinadaily.com.cn", "chinadailyhk.com", "chinadaily.pressreader.com",
    "china.org.cn", "china.com.cn", "chinagate.cn", "cgtn.com", "ecns.cn", "globaltimes.cn",
    "shine.cn", "shanghaidaily.com", "qstheory.cn", "theorychina.org.cn", "theorychina.org", "cri.cn",
    "chinamil.com.cn", "bjreview.com", "chinatoday.com.cn", "gmw.cn", "cssn.cn", "xuexi.cn",
    "cctv.com", "southcn.com", "cqnews.net", "dahe.cn", "anhuinews.com", "gansudaily.com.cn",
    "qianlong.com", "ycwb.com", "eastday.com", "stdaily.com", "pdnews.cn", "yunnangateway.com",
    "chinaservicesinfo.com", "wikisource.org", "china-embassy.org", "chineseembassy.org",
    "chineseconsulate.org", "humanrights.cn", "chinahumanrights.org", "chinaxinjiang.cn",
    "tibet.cn", "tibetol.cn", "ccdi.gov.cn", "womenofchina.cn", "acftu.org", "cdpf.org.cn",
    "taiwan.cn", "china-pictorial.com.cn", "chinadiplomacy.org.cn", "celap.cn", "cpifa.org",
    "ciftis.org", "china-ceec.org", "hongkong-eu.org",
)  # fmt: skip
HOST = re.compile(r"https?://([^/\s;]+)")


def news_only(source: str) -> bool:
    parts = [part.strip() for part in source.split(";")]
    return "http" not in source and all(NEWS_ONLY.match(part) for part in parts)


def official(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == known or host.endswith("." + known) for known in OFFICIAL_HOSTS)


def copied_only(source: str) -> bool:
    """The source gives pages, and none of them is on an official publisher's site."""
    hosts = HOST.findall(source)
    return bool(hosts) and not any(official(host) for host in hosts)


def approved_where(rule) -> list[str]:
    return [
        f"{path.name}:{row.line}: {row.fields['zh']}: {row.fields['source']}"
        for path in sorted((ROOT / "glossary").glob("*.tsv"))
        for row in read_rows(path)
        if row.fields["status"] == "approved" and rule(row.fields["source"])
    ]


def test_approved_entries_cite_more_than_a_news_agency() -> None:
    assert approved_where(news_only) == []


def test_approved_entries_cite_a_page_of_an_official_publisher() -> None:
    assert approved_where(copied_only) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Xinhua English (2018-2024)", True),
        ("China Daily (2018-2024); Xinhua English", True),
        ("Xinhua English (2019-2024); http://www.news.cn/english/2024/x.htm", False),
        ("Report to the 20th CPC National Congress (English, 2022); Xinhua English", False),
        ("Xinhua, recommendations for the 15th Five-Year Plan (2025)", False),
    ],
)
def test_the_news_only_rule_can_fail(source: str, expected: bool) -> None:
    assert news_only(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("SCIO (English, 2024); http://english.scio.gov.cn/pressroom/x.html", False),
        ("Government Work Report (2024); https://en.wikisource.org./wiki/Page:x", False),
        ("Xinhua (2024); https://english.news.cn/x.htm; https://www.example.com/copy", False),
        ("MFA press conference (2023), as copied by https://51haodu.com/x", True),
        ("Xinhua (2024) as reprinted by https://www.pakistantoday.com.pk/x", True),
        ("a look-alike host: https://notgov.cn.example.com/x", True),
        ("CPC Constitution (English, 2022)", False),  # a named document, no page
    ],
)
def test_the_official_publisher_rule_can_fail(source: str, expected: bool) -> None:
    assert copied_only(source) is expected


# Renderings that follow the body's own, most recent official English (issue 12, round fid7):
# the rendering and the page it was read on.
@pytest.mark.parametrize(
    ("zh", "en", "url"),
    [
        ("一网统管", "One Network Administration", "english.shanghai.gov.cn"),
        ("枫桥经验", "Fengqiao model", "en.people.cn/n3/2023/1106"),
        ("新时代枫桥经验", "Fengqiao model in the new era", "en.people.cn/n3/2023/1106"),
        ("坚持和发展新时代“枫桥经验”", "uphold and develop the Fengqiao model in the new era",
         "en.people.cn/n3/2023/1106"),
        ("群众工作", "mass work", "china-embassy.org"),
    ],
)  # fmt: skip
def test_renderings_follow_the_bodys_own_english(real_glossary, zh: str, en: str, url: str) -> None:
    entry = real_glossary.entries[zh]
    assert (entry.en, entry.status) == (en, "approved")
    assert url in entry.source
