"""terms.compose_stats through terms.matcher.match: per capita and annual averages, bracketed
qualifiers after an indicator, totals and intensities; and the look-alikes left apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, bool]]:
    matches = match(text, glossary)
    for m in matches:
        assert text[m.start : m.end] == m.surface
    return [(m.surface, m.entry.en, m.entry.layer == "composed") for m in matches]


# Composed: (sentence, the composed span, its English). The pattern of each group is named in
# the module docstring with its source (NBS communiqués and releases, Xinhua, Xi 2015).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # per capita + an amount (NBS: per capita disposable income, per capita wage income)
        ("人均收入增长5%", "人均收入", "per capita income"),
        ("全省人均财政收入", "人均财政收入", "per capita fiscal revenue"),
        ("人均粮食产量超过480公斤", "人均粮食产量", "per capita grain output"),
        ("人均耕地面积少", "人均耕地", "per capita cultivated land"),
        ("人均碳排放", "人均碳排放", "per capita carbon emissions"),
        ("人均水资源不足", "人均水资源", "per capita water resources"),
        # an indicator noun that is no term (Xinhua: per capita floor space)
        ("居民人均住房面积增加", "人均住房面积", "per capita floor space"),
        # average annual (NBS: 年均增长 average annual growth)
        ("年均粮食产量", "年均粮食产量", "average annual grain output"),
        ("年均税收", "年均税收", "average annual tax revenue"),
        # a bracketed qualifier after a statistics term, one span (NBS wording)
        ("全年地区生产总值（按可比价格计算）增长5.2%", "地区生产总值（按可比价格计算）",
         "gross regional product (at comparable prices)"),
        ("增加值（按不变价格计算）", "增加值（按不变价格计算）", "value added (at constant prices)"),
        ("社会消费品零售总额（现价）", "社会消费品零售总额（现价）",
         "total retail sales of consumer goods (at current prices)"),
        ("全国居民人均可支配收入（扣除价格因素）增长5%", "全国居民人均可支配收入（扣除价格因素）",
         "nationwide per capita disposable income (after deducting price factors)"),
        ("民间投资（不含农户）增长3%", "民间投资（不含农户）",
         "private investment (excluding rural households)"),
        ("基础设施投资（不含电力、热力、燃气及水生产和供应业）增长",
         "基础设施投资（不含电力、热力、燃气及水生产和供应业）",
         "infrastructure investment (excluding electric power, heat power, gas and water)"),
        ("一般公共预算收入（含税收收入）", "一般公共预算收入（含税收收入）",
         "general public budget revenue (including tax revenue)"),
        # a trailing acronym is dropped: one bracket after the indicator
        ("国内生产总值（按可比价格计算）", "国内生产总值（按可比价格计算）",
         "gross domestic product (at comparable prices)"),
        # … after a composed indicator too
        ("人均国内生产总值（按可比价格计算）", "人均国内生产总值（按可比价格计算）",
         "per capita GDP (at comparable prices)"),
        # totals and intensities (Xi 2015; report to the 20th Congress: dual control over …)
        ("严格控制能耗总量和强度", "能耗总量和强度", "total amount and intensity of energy consumption"),
        ("推动用水总量和强度双控", "用水总量和强度双控",
         "dual control over the total amount and intensity of water consumption"),
        ("实施建设用地总量和强度控制", "建设用地总量和强度控制",
         "control over the total amount and intensity of construction land"),
        ("能源消费总量和强度调控", "能源消费总量和强度调控",
         "regulation of the total amount and intensity of energy consumption"),
        ("碳排放总量和强度", "碳排放总量和强度", "total amount and intensity of carbon emissions"),
        ("实行用水总量和强度“双控”", "用水总量和强度“双控”",
         "dual control over the total amount and intensity of water consumption"),
        # total + an amount (NBS: total energy consumption)
        ("碳排放总量稳中有降", "碳排放总量", "total carbon emissions"),
        ("能耗总量下降", "能耗总量", "total energy consumption"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, True) in found(text, real_glossary)


# Look-alikes and doubtful cases: (sentence, what is matched, composed or not).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rate, a total or a verb is no amount a per capita is of
        ("人均增长率", [("人均", "per capita", False), ("增长率", "growth rate", False)]),
        ("人均社会消费品零售总额", [("人均", "per capita", False),
                                ("社会消费品零售总额", "total retail sales of consumer goods", False)]),
        ("人均增收", [("人均", "per capita", False), ("增收", "increase incomes", False)]),
        # the glossary's whole entry wins where the English is irregular
        ("人均预期寿命", [("人均预期寿命", "average life expectancy", False)]),
        # 户均, 亩均, 日均: no one official pattern, left to the MT
        ("户均增收", [("增收", "increase incomes", False)]),
        ("亩均税收", [("税收", "tax revenue", False)]),
        ("日均客流量", [("客流量", "passenger flow", False)]),
        # 住房面积 is an indicator after 人均 only
        ("年均住房面积", [("住房", "housing", False)]),
        # a bracket that is no qualifier: an abbreviation, a person, an unknown noun
        ("国内生产总值（GDP）", [("国内生产总值", "gross domestic product (GDP)", False)]),
        ("固定资产投资（不含干部）", [("固定资产投资", "fixed-asset investment", False),
                                 ("干部", "official", False)]),
        ("固定资产投资（不含房地产开发）", [("固定资产投资", "fixed-asset investment", False),
                                      ("房地产", "real estate", False)]),
        # a term that is no statistic takes no qualifier
        ("乡村振兴（含脱贫攻坚）", [("乡村振兴", "rural revitalization", False),
                               ("脱贫攻坚", "fight against poverty", False)]),
        # 总量 after no amount, or with nothing before it
        ("人口总量", [("人口", "population", False), ("总量", "total volume", False)]),
        ("控制总量和强度", [("总量", "total volume", False)]),
        # 强度 alone is left to entries (carbon intensity drops the noun)
        ("碳排放强度", [("碳排放强度", "carbon intensity", False)]),
        # the glossary's own entries win over the rule
        ("固定资产投资（不含农户）", [("固定资产投资（不含农户）",
                                 "fixed-asset investment (excluding rural households)", False)]),
        ("能耗总量和强度双控", [("能耗总量和强度双控",
                             "dual control of total energy consumption and energy intensity", False)]),
        ("能源消费总量增长", [("能源消费总量", "total energy consumption", False)]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert found(text, real_glossary) == expected


def test_glossary_match_json_shows_the_qualified_span() -> None:
    text = "民间投资（不含农户）增长3%"
    result = CliRunner().invoke(app, ["glossary", "match", text, "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 10, "zh": "民间投资（不含农户）",
         "en": "private investment (excluding rural households)", "layer": "composed"}
    ]  # fmt: skip


def test_composed_span_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    text = "全市人均住房面积达到35平方米，地区生产总值（按可比价格计算）增长5%。"
    protected = protect(analyse(text, "paragraph", real_glossary))
    by_zh = {slot.zh: slot for slot in protected.slots}
    assert by_zh["人均住房面积"].en == "per capita floor space"
    qualified = by_zh["地区生产总值（按可比价格计算）"]
    assert qualified.en == "gross regional product (at comparable prices)"
    assert "人均住房面积" not in protected.text and "按可比价格计算" not in protected.text
    floor = by_zh["人均住房面积"]
    others = " ".join(s.marker for s in protected.slots if s not in (floor, qualified))
    english = f"{others}: the {floor.marker} reached 35 square meters; {qualified.marker} grew."
    restored, lost = restore(english, protected, report=True)
    assert "the per capita floor space reached" in restored
    assert "gross regional product (at comparable prices) grew" in restored
    assert lost == []
