"""terms.compose_modifiers through terms.matcher.match: a scoping modifier before a term (省级
自然保护区, 跨区域生态保护补偿), and the look-alikes that must stay apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.compose_modifiers import MODIFIERS, takes_modifier
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English); sources in the module's table.
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # a modifier that is an entry of its own (省级, 县级)
        ("建设省级自然保护区", "省级自然保护区", "provincial-level nature reserve"),
        ("创建省级示范区", "省级示范区", "provincial-level demonstration zone"),
        ("省级高新区", "省级高新区", "provincial-level high-tech zone"),
        ("建设县级重点实验室", "县级重点实验室", "county-level key laboratory"),
        # a modifier that is plain text (国家级, 跨区域)
        ("创建国家级高新技术产业开发区", "国家级高新技术产业开发区",
         "national-level high-tech industrial development zone"),
        ("申报国家级非物质文化遗产", "国家级非物质文化遗产",
         "national-level intangible cultural heritage"),
        ("设立国家级新区", "国家级新区", "national-level new area"),
        ("推进跨区域生态保护补偿", "跨区域生态保护补偿",
         "cross-regional compensation for ecological conservation"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the modifier ends a longer word (横跨 straddle)
        ("横跨区域生态保护补偿", [("生态保护补偿", "compensation for ecological conservation")]),
        # an organ after a level; people; an administrative unit
        ("省级统计局", [("省级", "provincial-level"), ("统计局", "statistics bureau")]),
        ("县级党员", [("县级", "county-level"), ("党员", "Party member")]),
        ("县级县城", [("县级", "county-level"), ("县城", "county seat")]),
        ("国家级贫困县", [("贫困县", "impoverished county")]),
        # a proper name; a term the glossary has whole
        ("省级监察法", [("省级", "provincial-level"), ("监察法", "Supervision Law")]),
        ("国家级经济技术开发区",
         [("国家级经济技术开发区", "national economic and technological development zone")]),
        ("跨省通办", [("跨省通办", "inter-provincial handling of government services")]),
        # modifiers left out (module docstring): 跨省, 全过程, 常态化
        ("推进跨省生态保护补偿", [("推进", "advance"),
                                  ("生态保护补偿", "compensation for ecological conservation")]),
        ("全过程生态保护补偿", [("生态保护补偿", "compensation for ecological conservation")]),
        # a rank before a head takes no "for": the head rule refuses it
        ("县级以上", [("县级", "county-level")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected
    assert all(layer != "composed" for *_, layer in found(text, real_glossary))


@pytest.mark.parametrize(
    ("entry", "ok"),
    [
        (Entry("自然保护区", "nature reserve", category="ecology"), True),
        (Entry("新区", "new area", category="admin"), True),  # a zone
        (Entry("全省", "the whole province", category="admin"), False),
        (Entry("统计局", "statistics bureau", category="state"), False),  # an organ
        (Entry("强化", "strengthen", category="governance"), False),  # a verb
        (Entry("北京", "Beijing", category="place"), False),
        (Entry("领导干部", "leading officials", category="party"), False),  # people
    ],
)
def test_takes_modifier(entry: Entry, ok: bool) -> None:
    assert takes_modifier(entry) is ok


def test_every_modifier_composes_with_a_term_of_any_glossary() -> None:
    glossary = Glossary(entries={"湿地": Entry("湿地", "wetland", category="ecology")})
    for zh, en in MODIFIERS.items():
        assert found(f"建设{zh}湿地", glossary) == [(f"{zh}湿地", f"{en} wetland", "composed")]


def test_a_scoped_term_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    analysis = analyse("建设国家级新区。", "paragraph", real_glossary)
    p = protect(analysis)
    (slot,) = [s for s in p.slots if s.kind == "term" and "新区" in s.zh]
    assert (slot.zh, slot.en) == ("国家级新区", "national-level new area")
    en, lost = restore(f"Build a {slot.marker}.", p, report=True)
    assert en == "Build a national-level new area." and lost == []
    assert not [f for f in check(analysis, en, lost) if "新区" in f.detail]
    en, lost = restore("Build a new zone.", p, report=True)
    assert slot in lost and [f for f in check(analysis, en, lost) if "新区" in f.detail]


def test_glossary_match_json_shows_the_scope_and_the_term_as_one_span() -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "建设省级自然保护区", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 2, "end": 9, "zh": "省级自然保护区", "en": "provincial-level nature reserve",
         "layer": "composed"}
    ]  # fmt: skip
