"""terms.compose_groups through terms.matcher.match: a body set up for a task (领导小组, 领导小组
办公室, 指挥部), its level, and the look-alikes that must stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_one_span, assert_restored

from bilingual.terms.glossary import Glossary
from bilingual.terms.matcher import match


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
    assert_restored(
        real_glossary, "县乡村振兴领导小组召开会议。", "县乡村振兴领导小组", f"county {RR}"
    )


def test_glossary_match_json_shows_it_as_one_span() -> None:
    assert_one_span("县乡村振兴领导小组", f"county {RR}")
