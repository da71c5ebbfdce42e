"""terms.compose_groups through terms.matcher.match: a body set up for a task (领导小组, 领导小组
办公室, 指挥部), its level, and the look-alikes that must stay apart."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


RR = "leading group for rural revitalization"


# Composed: (sentence, the composed span, its English); the patterns read in the official names
# of the module's table (Central Leading Group for Party Building, Office of the Leading Group
# for the Military Parade, State Flood Control and Drought Relief Headquarters).
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        ("县里成立乡村振兴领导小组", "乡村振兴领导小组", RR),
        # 工作 dropped, as 中央党的建设工作领导小组 → Central Leading Group for Party Building
        ("调整乡村振兴工作领导小组成员", "乡村振兴工作领导小组", RR),
        ("党的建设工作领导小组", "党的建设工作领导小组", "leading group for Party building"),
        ("县委成立全面从严治党领导小组", "全面从严治党领导小组",
         "leading group for full and rigorous Party self-governance"),
        ("乡村振兴领导小组办公室", "乡村振兴领导小组办公室", f"office of the {RR}"),
        # a level before the task, also where the entry 县乡村 straddles the level and the task
        ("省乡村振兴领导小组", "省乡村振兴领导小组", f"provincial {RR}"),
        ("县乡村振兴领导小组", "县乡村振兴领导小组", f"county {RR}"),
        ("县乡村振兴领导小组办公室", "县乡村振兴领导小组办公室", f"office of the county {RR}"),
        # a level before the glossary's whole body
        ("市疫情防控指挥部", "市疫情防控指挥部",
         "municipal epidemic prevention and control headquarters"),
        ("省防汛抗旱指挥部", "省防汛抗旱指挥部",
         "provincial flood control and drought relief headquarters"),
        # a task + 指挥部 (the entry 防汛抗旱指挥部's pattern)
        ("成立森林防火指挥部", "森林防火指挥部", "forest fire prevention headquarters"),
        # the level-organ rule on a whole group entry ("on", not "for": the entry's own)
        ("县统战工作领导小组", "县统战工作领导小组", "county leading group on united front work"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


GROUP = ("领导小组", "leading group")


# Look-alikes: (sentence, what is matched), none composed by this pass.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the glossary's own whole wins
        ("中央农村工作领导小组", [("中央农村工作领导小组", "Central Rural Work Leading Group")]),
        # no one official pattern: 专班, 联席会议, 办公室 after a task
        ("城市更新工作专班", [("城市更新工作", "urban renewal work")]),
        ("建立耕地保护联席会议", [("耕地保护", "farmland protection"),
                                  ("联席会议", "joint meeting")]),
        ("河长制办公室", [("河长制", "river chief system")]),
        # people, a slogan, a list in the English: no task
        ("干部领导小组", [("干部", "official"), GROUP]),
        ("全面深化改革领导小组", [("全面深化改革", "deepening reform comprehensively"), GROUP]),
        ("三农工作领导小组", [
            ("三农工作", "work related to agriculture, rural areas and rural people"), GROUP]),
        # 指挥 + 部署 (command and deploy): no headquarters
        ("统一指挥部署", [("部署", "arrange")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    matches = match(text, real_glossary)
    assert [(m.surface, m.entry.en) for m in matches] == expected
    assert not any(m.entry.note.endswith("(task-body)") for m in matches)


def test_a_composed_span_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    zh = "县乡村振兴领导小组召开会议。"
    analysis = analyse(zh, "paragraph", real_glossary)
    p = protect(analysis)
    (slot,) = [s for s in p.slots if s.kind == "term" and "乡村振兴" in s.zh]
    assert slot.zh == "县乡村振兴领导小组"
    others = " ".join(s.marker for s in p.slots if s is not slot)
    en, lost = restore(f"The {slot.marker} held {others}.", p, report=True)
    assert f"county {RR}" in en
    assert lost == [] and not [f for f in check(analysis, en, lost) if "乡村振兴" in f.detail]
    en, lost = restore(f"The group held {others}.", p, report=True)
    assert slot in lost and [f for f in check(analysis, en, lost) if "乡村振兴" in f.detail]


def test_glossary_match_json_shows_the_group_as_one_span() -> None:
    result = CliRunner().invoke(app, ["glossary", "match", "县乡村振兴领导小组", "--json"])
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 0, "end": 9, "zh": "县乡村振兴领导小组", "en": f"county {RR}",
         "layer": "composed"}
    ]  # fmt: skip
