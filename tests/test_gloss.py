"""The CC-CEDICT word gloss: sense cleaning, choice between readings, and whole sentences."""

from __future__ import annotations

import pytest

from bilingual.mt import EngineOptions
from bilingual.mt.gloss import GlossEngine, best_sense, clean_sense
from bilingual.terms.glossary import Entry, Glossary


@pytest.mark.parametrize(
    ("sense", "expected"),
    [
        ("to take the lead; to be the first", ("take the lead", 0)),
        ("(bound form) bull's-eye; target", ("bull's-eye", 1)),
        ("CL:個|个[ge4]", ("", 9)),
        ("variant of 瞭|了[liao3]", ("", 9)),
        ("surname Qin", ("Qin", 2)),
        (
            "Xinzhou prefecture-level city in Shanxi 山西[Shan1 xi1]",
            ("Xinzhou prefecture-level city in Shanxi", 0),
        ),
        ("date, day of the month", ("date", 0)),
        ("(completed action marker)", ("", 9)),
    ],
)
def test_clean_sense(sense, expected):
    assert clean_sense(sense) == expected


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        # a common reading beats a proper one; its surname sense is dropped
        ([("Wang2", ["surname Wang"]), ("wang2", ["king or monarch"])], "king or monarch"),
        # a reading that is only a bound form gives way to a free one
        ([("yao1", ["(bound form) to demand"]), ("yao4", ["to want; to need"])], "want"),
        # only proper readings: the surname is the bare name
        ([("Qin2", ["surname Qin", "Qin dynasty"])], "Qin"),
        ([("Zhong1", ["China"]), ("zhong1", ["CL:個|个[ge4]"])], "China"),
        ([("xx", ["CL:個|个[ge4]"])], ""),
    ],
)
def test_best_sense(entries, expected):
    assert best_sense(entries) == expected


GLOSSARY = Glossary.from_entries([Entry("组织部", "Organization Department")])


@pytest.mark.parametrize(
    ("zh", "expected"),
    [
        ("干部带头。", "cadre take the lead."),
        ("组织部深入基层", "Organization Department penetrate deeply basic level"),
        (
            "2 月 13日，拨付 200余万元",
            "2 month 13 day, appropriate sum of money 200 odd ten thousand yuan",
        ),
        ("《人民日报》记者报道：“好！”", "“People's Daily” press report: “good!”"),
        ("使用GDP和ZZ1ZZ数据……", "use GDP and ZZ1ZZ data..."),
    ],
)
def test_gloss_sentences(zh, expected):
    assert GlossEngine(EngineOptions(glossary=GLOSSARY)).gloss(zh) == expected


def test_signature_and_label_say_it_is_a_gloss():
    engine = GlossEngine(EngineOptions())
    assert engine.label == "word gloss"
    assert "word gloss, not MT" in str(engine.signature())
    assert not any("\u4e00" <= c <= "\u9fff" for c in engine.translate(["旦正措同志说"])[0])


def test_placeholders_glued_to_chinese_punctuation_stay_separate_words() -> None:
    from bilingual.mt.gloss import LATIN

    assert LATIN.match("ZZ1ZZ,ZZ2ZZ").group() == "ZZ1ZZ"
    assert LATIN.match("14,000户").group() == "14,000"
    assert LATIN.match("10:30开会").group() == "10:30"


def test_usage_notes_with_commas_never_reach_the_gloss() -> None:
    from bilingual.mt.gloss import clean_sense

    note = '(typically used in a structure such as 從...入手|从...入手 + {noun} + 入手: "to begin with {noun}", "to take {noun} as the starting point")'
    assert clean_sense(note) == ("", 9)
    assert clean_sense("to start (a job); to begin")[0] == "start"
