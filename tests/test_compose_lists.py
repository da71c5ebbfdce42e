"""terms.compose_lists through terms.matcher.match: runs of formulas listed with 、, and the
look-alikes that must stay apart; a composed list through protect → restore → check."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilingual.cli import app
from bilingual.terms.analysis import analyse
from bilingual.terms.compose_lists import is_item
from bilingual.terms.glossary import Entry, Glossary
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore


def found(text: str, glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(m.surface, m.entry.en, m.entry.layer) for m in match(text, glossary)]


# Composed: (sentence, the composed span, its English). The pattern: Xinhua 2016-03-03 and
# Keywords to Understand China 2018 (module docstring): each item's own English, "A, B and C".
@pytest.mark.parametrize(
    ("text", "surface", "en"),
    [
        # each item quoted on its own: the quotes stay, item by item
        ("牢固树立“四个意识”、“四个自信”、“两个维护”。", "“四个意识”、“四个自信”、“两个维护”",
         '"Four Consciousnesses", "Four-Sphere Confidence" and "Two Upholds"'),
        ("“两个确立”、“两个维护”", "“两个确立”、“两个维护”", '"Two Establishes" and "Two Upholds"'),
        # the last pair joined by 和 / 与 / 及
        ("把“四个意识”、“四个自信”和“两个维护”落到实处", "“四个意识”、“四个自信”和“两个维护”",
         '"Four Consciousnesses", "Four-Sphere Confidence" and "Two Upholds"'),
        ("加强政治建设、作风建设和纪律建设，", "政治建设、作风建设和纪律建设",
         "political building, improving conduct and strengthening discipline"),
        # a run quoted as one is quoted whole
        ("“四个意识、四个自信”是", "“四个意识、四个自信”",
         '"Four Consciousnesses and Four-Sphere Confidence"'),
        # unquoted slogans
        ("增强四个意识、四个自信、两个维护的自觉", "四个意识、四个自信、两个维护",
         "Four Consciousnesses, Four-Sphere Confidence and Two Upholds"),
        # an entry that is an enumeration, extended by a further item (a serial comma: the
        # entry's English holds "and")
        ("坚持以案为鉴、以案促改、以案促治", "以案为鉴、以案促改、以案促治",
         "drawing lessons from cases and promoting reform through them, and improving "
         "governance through cases"),
    ],
)  # fmt: skip
def test_composed(real_glossary: Glossary, text: str, surface: str, en: str) -> None:
    assert (surface, en, "composed") in found(text, real_glossary)


# Look-alikes: (sentence, what is matched).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb before the next item: each slogan is an object of its own verb
        ("增强“四个意识”、坚定“四个自信”、做到“两个维护”",
         [("四个意识", "Four Consciousnesses"), ("四个自信", "Four-Sphere Confidence"),
          ("两个维护", "Two Upholds")]),
        # an item that is no term: the partial list stays apart
        ("政治建设、思想建设、组织建设", [("政治建设", "political building")]),
        # mixed kinds (a slogan and a rural term; Party and discipline terms)
        ("四个意识、乡村振兴", [("四个意识", "Four Consciousnesses"),
                               ("乡村振兴", "rural revitalization")]),
        ("全面从严治党、党风廉政建设",
         [("全面从严治党", "full and rigorous Party self-governance"),
          ("党风廉政建设", "improving Party conduct and building integrity")]),
        # people, places, organs (organs have the coordinated rule), laws' titles
        ("党员、干部和群众", [("党员", "Party member"), ("干部", "official"),
                             ("群众", "the people")]),
        ("北京、上海", [("北京", "Beijing"), ("上海", "Shanghai")]),
        ("监察法、公务员法", [("监察法", "Supervision Law"), ("公务员法", "Civil Servant Law")]),
        # a head after the last item may be every item's
        ("“四个意识”、“四个自信”、“两个维护”工作",
         [("四个意识", "Four Consciousnesses"), ("四个自信", "Four-Sphere Confidence"),
          ("两个维护", "Two Upholds")]),
        ("耕地保护、粮食安全工作", [("耕地保护", "farmland protection"),
                                    ("粮食安全", "food security")]),
        # two terms joined by 和 or 与 alone; terms of other categories (problems, concepts)
        ("作风建设与纪律建设", [("作风建设", "improving conduct"),
                               ("纪律建设", "strengthening discipline")]),
        ("企业招工难、就业难并存", [("招工难", "difficulty in recruitment"),
                                   ("就业难", "difficulty in finding employment")]),
        # an item repeated; a comma (a new clause), not the enumeration comma
        ("四个意识、四个意识", [("四个意识", "Four Consciousnesses")] * 2),
        ("四个意识，四个自信", [("四个意识", "Four Consciousnesses"),
                               ("四个自信", "Four-Sphere Confidence")]),
        # quotation marks that do not pair with the items
        ("四个意识”、四个自信", [("四个意识", "Four Consciousnesses"),
                                ("四个自信", "Four-Sphere Confidence")]),
    ],
)  # fmt: skip
def test_not_composed(real_glossary: Glossary, text: str, expected: list) -> None:
    assert [(zh, en) for zh, en, _ in found(text, real_glossary)] == expected
    assert all(layer != "composed" for *_, layer in found(text, real_glossary))


@pytest.mark.parametrize(
    ("entry", "item"),
    [
        (Entry("四个意识", "Four Consciousnesses", category="slogan"), True),
        (Entry("政治建设", "political building", category="party"), True),
        (Entry("深化改革", "deepen reform", category="party"), False),  # a verb phrase
        (Entry("组织部", "organization department", category="party"), False),  # an organ
        (Entry("公务员法", "Civil Servant Law", category="law"), False),  # a title
        (Entry("北京", "Beijing", category="place"), False),
        (Entry("领导干部", "leading officials", category="party"), False),  # people
    ],
)
def test_is_item(entry: Entry, item: bool) -> None:
    assert is_item(entry) is item


def test_a_composed_list_says_what_it_is_made_of(real_glossary: Glossary) -> None:
    (m,) = match("“两个确立”、“两个维护”", real_glossary)
    assert (m.entry.note, m.entry.category) == ("两个确立 、 两个维护 (enumerated)", "slogan")


def test_a_composed_list_goes_through_protect_and_restore(real_glossary: Glossary) -> None:
    zh = "全党要增强“四个意识”、“四个自信”、“两个维护”。"
    analysis = analyse(zh, "paragraph", real_glossary)
    p = protect(analysis)
    (slot,) = [s for s in p.slots if s.kind == "term"]
    assert slot.zh == "“四个意识”、“四个自信”、“两个维护”"
    en, lost = restore(f"The whole Party must strengthen {slot.marker}.", p, report=True)
    assert en == (
        'The whole Party must strengthen "Four Consciousnesses", "Four-Sphere Confidence" and '
        '"Two Upholds".'
    )
    assert lost == [] and check(analysis, en, lost) == []
    en, lost = restore("The whole Party must strengthen.", p, report=True)
    assert lost == [slot] and check(analysis, en, lost)


def test_glossary_match_json_shows_the_list_as_one_span() -> None:
    result = CliRunner().invoke(
        app, ["glossary", "match", "做到“两个确立”、“两个维护”。", "--json"]
    )
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)
    assert shown["matches"] == [
        {"start": 2, "end": 15, "zh": "“两个确立”、“两个维护”",
         "en": '"Two Establishes" and "Two Upholds"', "layer": "composed"}
    ]  # fmt: skip
