"""terms.compose_missions through terms.matcher.match: [sender] + 驻 + place + mission or head
of mission, a mission to an organization, and a sender's delegation compose into one term;
other uses of 驻 and unsure places do not."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, bool]]:
    """(surface, English, whether composed) of each match."""
    return [(m.surface, m.entry.en, m.entry.layer == "composed") for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English). Patterns: MFA of Kazakhstan ("The
# Chinese Embassy in Kazakhstan"), Kazinform ("Chinese Ambassador to Kazakhstan"), China News
# Service ("the Chinese Consulate General in Almaty"), un.china-mission.gov.cn ("Permanent
# Mission of the People's Republic of China to the United Nations", "the Chinese Delegation").
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("中国驻哈萨克斯坦大使馆举办招待会", "中国驻哈萨克斯坦大使馆", "Chinese Embassy in Kazakhstan"),
        ("我国驻美国使馆提醒", "我国驻美国使馆", "Chinese Embassy in the United States"),
        ("驻哈萨克斯坦大使馆", "驻哈萨克斯坦大使馆", "Embassy in Kazakhstan"),
        ("美国驻华大使馆", "美国驻华大使馆", "Embassy of the United States in China"),
        ("中国驻日内瓦总领事馆", "中国驻日内瓦总领事馆", "Chinese Consulate General in Geneva"),
        ("中国驻哈萨克斯坦大使表示", "中国驻哈萨克斯坦大使", "Chinese ambassador to Kazakhstan"),
        ("新任驻美国大使抵达", "驻美国大使", "ambassador to the United States"),
        ("中国驻美国大使馆参赞", "中国驻美国大使馆参赞",
         "counselor of the Chinese Embassy in the United States"),
        ("中国常驻世界贸易组织代表团", "中国常驻世界贸易组织代表团",
         "Permanent Mission of China to the World Trade Organization"),
        ("中国常驻东盟代表团", "中国常驻东盟代表团", "Permanent Mission of China to ASEAN"),
        ("驻联合国代表团", "驻联合国代表团", "Mission to the United Nations"),
        # delegations
        ("中国代表团出席会议", "中国代表团", "Chinese delegation"),
        ("哈萨克斯坦代表团访华", "哈萨克斯坦代表团", "delegation of Kazakhstan"),
        ("越南共产党代表团", "越南共产党代表团", "delegation of the Communist Party of Vietnam"),
        ("政府代表团", "政府代表团", "government delegation"),
        ("议会代表团", "议会代表团", "parliamentary delegation"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, True) in found(text, real_glossary)


# Not composed: (sentence, the surfaces matched, none of them a mission).
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("驻村工作队", ["驻村工作队"]),  # an entry: village-based work team
        ("部队驻地", ["部队"]),  # 驻地: no place, no mission
        ("长期驻守边疆", []),
        ("派驻联合国代表团", ["联合国", "代表团"]),  # 驻 inside 派驻
        ("驻上海大使馆", ["上海", "大使馆"]),  # an embassy is in a country
        ("驻哈萨克斯坦代表团", ["哈萨克斯坦", "代表团"]),  # a mission to a country: unsure
        ("中国驻哈萨克斯坦代表处", ["中国", "哈萨克斯坦"]),  # 代表处: refused
        ("日本驻华大使", ["日本", "驻华大使"]),  # the entry 驻华大使 stays
        ("国会代表团", ["国会代表团"]),  # an entry: congressional delegation
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, surfaces: list[str]) -> None:
    matches = match(text, real_glossary)
    assert [m.surface for m in matches] == surfaces
    assert not any(m.entry.note.endswith("(mission)") for m in matches)


def test_glossary_match_json_shows_the_mission(real_glossary: Glossary) -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "中国驻哈萨克斯坦大使馆", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 11, "zh": "中国驻哈萨克斯坦大使馆", "en": "Chinese Embassy in Kazakhstan",
         "layer": "composed"}
    ]  # fmt: skip


def test_a_mission_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    analysis = analyse("中国常驻世界贸易组织代表团在日内瓦举行招待会。", "body", real_glossary)
    protected = protect(analysis)
    assert protected.text.startswith("ZZ1ZZ在")
    en = restore("ZZ1ZZ held a reception in ZZ2ZZ.", protected)
    assert en.startswith(
        "Permanent Mission of China to the World Trade Organization held a reception"
    )
    assert not [f for f in check(analysis, en) if f.code == "term-miss"]
    dropped = check(analysis, "China's mission held a reception in Geneva.")
    assert [f.detail for f in dropped if f.code == "term-miss"] == [
        "中国常驻世界贸易组织代表团 → Permanent Mission of China to the World Trade Organization"
    ]
