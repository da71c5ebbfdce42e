"""The pages the PDF and OCR tests print: the sample page's articles, and stories of our own."""

from __future__ import annotations

import json

from conftest import GOLDEN
from newspaper import Page, Story


def seed_stories() -> list[Story]:
    """The sample page's articles as the golden edition holds them (its end-of-page lead
    printed where it belongs: as the first paragraphs of its story)."""
    data = json.loads((GOLDEN / "seed-page.json").read_text(encoding="utf-8"))
    out = []
    for article in data["articles"]:
        blocks = [
            ("paragraph" if b["kind"] == "lead" else b["kind"], b["text"])
            for b in article["blocks"]
        ]
        out.append(Story(blocks))
    return out


def seed_page() -> Page:
    """Seven articles in three rows: two wide stories, a narrow one beside the pull quotes
    and another, then a wide story with a long title beside a short one."""
    s = seed_stories()
    for story, (span, columns) in zip(
        s, [(3, 3), (3, 3), (2, 2), (2, 1), (2, 2), (4, 4), (2, 2)], strict=True
    ):
        story.span, story.columns = span, columns
    return Page([[s[0], s[1]], [s[2], s[3], s[4]], [s[5], s[6]]])


# Stories of our own (written for these tests): a title over three lines, a two-part
# title, a byline with the reporter's title, a dateline from an agency, section heads that
# wrap, a jump line, Latin text and numbers.
OWN = [
    Story(
        [
            ("title", "春耕备耕全面展开 农业生产开局良好"),
            ("subtitle", "——记者走访河南省多个产粮大县"),
            ("byline", "本报记者 王晓东"),
            ("dateline", "本报郑州3月12日电"),
            (
                "paragraph",
                "三月以来，河南省各地抓住有利天气，组织农民开展春耕备耕。记者在周口市看到，田间地头到处是忙碌的身影。",
            ),
            (
                "paragraph",
                "当地农业农村局局长张建华介绍，全市已备足化肥12.5万吨、种子3.2万吨，能够满足春播需要。今年全市计划种植小麦830万亩，比上年增加2.6%。",
            ),
            ("heading", "科技助力农民增收致富的新路子越走越宽"),
            (
                "paragraph",
                "在商水县的一处智慧农场，无人机正在进行植保作业。农场负责人李明说，采用GPS导航和物联网技术后，每亩地节省成本约60元，农民的收入明显提高。",
            ),
            (
                "paragraph",
                "据了解，河南省今年将继续加大对粮食生产的支持力度，完善农业社会化服务体系，推动农业生产提质增效。",
            ),
        ],
        span=4,
        columns=3,
        jump="（下转第二版）",
    ),
    Story(
        [
            ("title", "城乡居民医保财政补助标准再提高"),
            ("dateline", "新华社北京3月12日电（记者 刘洋）"),
            (
                "paragraph",
                "国家医保局、财政部日前联合发布通知，2021年城乡居民基本医疗保险人均财政补助标准新增30元，达到每人每年不低于580元。",
            ),
            (
                "paragraph",
                "通知要求，各地要做好基本医疗保障工作，确保参保人员应保尽保，稳步提高门诊保障水平。",
            ),
        ],
        span=2,
        columns=1,
    ),
]
