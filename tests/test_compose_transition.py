"""terms.compose_transition through terms.matcher.match: an ecology term + 转型 is "{x}
transition" (低碳转型), entries hold the others read (能源转型, 绿色低碳转型), and the terms whose
转型 was not read stay apart."""

from __future__ import annotations

import pytest
from compose_support import assert_one_span, assert_restored, found

from bilingual.terms.glossary import Glossary


@pytest.mark.parametrize(
    ("text", "surface", "en", "layer"),
    [
        ("推进低碳转型", "低碳转型", "low-carbon transition", "composed"),
        # entries (SCIO 2024, Xinhua 2024, the Government Work Report 2025)
        ("推动能源转型", "能源转型", "energy transition", "shipped/ecology.tsv"),
        ("加快绿色低碳转型", "绿色低碳转型", "green and low-carbon transition",
         "shipped/ecology.tsv"),
        ("推动绿色转型", "绿色转型", "green transition", "shipped/economy.tsv"),
        ("加快数字化转型", "数字化转型", "digital transformation",
         "shipped/science-education.tsv"),
    ],
)  # fmt: skip
def test_transition(real_glossary: Glossary, text: str, surface: str, en: str, layer: str) -> None:
    assert any(m[:2] == (surface, en) for m in found(text, real_glossary))
    if layer == "composed":
        assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes: a sector or a city (transformation of …: not read), a longer entry.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推进制造业转型", [("推进", "advance"), ("制造业", "manufacturing")]),
        ("推动传统产业转型", [("传统产业", "traditional industries")]),
        ("资源型城市转型", [("资源型城市", "resource-based cities")]),
        ("推动传统产业转型升级", [("传统产业转型升级",
                                   "transformation and upgrading of traditional industries")]),
        ("低碳转型升级", [("低碳", "low-carbon"), ("转型升级", "transformation and upgrading")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected


def test_a_transition_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    assert_restored(real_glossary, "推进低碳转型。", "低碳转型", "low-carbon transition")


def test_glossary_match_json_shows_the_term_and_the_head_as_one_span() -> None:
    assert_one_span("低碳转型", "low-carbon transition")
