"""terms.senses: a short term with a sense in each of two fields takes the one its sentence
signals (through `terms.matcher.match`, the shipped glossary)."""

from __future__ import annotations

import pytest

from bilingual.terms.analysis import analyse
from bilingual.terms.glossary import Entry, Glossary, Match
from bilingual.terms.matcher import match
from bilingual.terms.protect import check, protect, restore
from bilingual.terms.senses import SENSES, by_context


def rendering(text: str, term: str, glossary: Glossary) -> str:
    (en,) = [m.entry.en for m in match(text, glossary) if m.surface == term]
    return en


@pytest.mark.parametrize(
    ("text", "term", "en"),
    [
        # courts
        ("此案一审公开开庭审理", "一审", "first-instance trial"),
        ("该案二审维持原判", "二审", "second-instance trial"),
        ("被告人不服，提出上诉，二审法院驳回", "二审", "second-instance trial"),
        ("一审判决后", "一审判决", "first-instance judgment"),  # compound entries stay
        ("终审判决", "终审判决", "final judgment"),
        # legislatures
        ("法律草案提请常委会会议一审", "一审", "first reading"),
        ("反有组织犯罪法草案提请二审", "二审", "second reading"),  # 犯罪 is further than 提请
        ("草案三审稿", "三审稿", "third draft"),
        ("草案提请三审", "三审", "third reading"),
        ("草案二审稿", "二审稿", "second draft"),
        # no cue: the entry's own rendering
        ("一审", "一审", "first reading"),
        ("二审", "二审", "second-instance trial"),
        # schools and delegations
        ("北京大学校长表示", "校长", "president"),
        ("他曾任中学校长", "校长", "principal"),
        ("访华团团长表示", "团长", "head of the delegation"),
        ("该部队团长", "团长", "regiment commander"),
        ("代表团团长", "代表团团长", "head of the delegation"),
    ],
)
def test_a_term_takes_the_sense_its_sentence_signals(real_glossary, text, term, en) -> None:
    assert rendering(text, term, real_glossary) == en


def test_the_cue_counts_only_in_its_own_sentence() -> None:
    entry = Entry("一审", "first reading", category="state")
    text = "法院开庭。草案一审"  # 法院 is in the sentence before
    (m,) = by_context(text, [Match(7, 9, entry, "一审")])
    assert m.entry.en == "first reading"
    (m,) = by_context("草案。法院一审", [Match(5, 7, entry, "一审")])
    assert m.entry.en == "first-instance trial"
    assert "in this context" in m.entry.note


def test_every_sense_term_is_a_glossary_entry_with_one_of_its_renderings(real_glossary) -> None:
    for zh, senses in SENSES.items():
        entry = real_glossary.get(zh)
        assert entry is not None, zh
        assert entry.en in [s.en for s in senses], zh
        assert all(len(cue) > 1 for s in senses for cue in s.cues), zh


def test_the_sense_is_what_translate_protects_and_checks(real_glossary: Glossary) -> None:
    analysis = analyse("该案一审宣告无罪。", "body", real_glossary)
    en = restore("In this case the ZZ1ZZ acquitted him.", protect(analysis))
    assert en == "In this case the first-instance trial acquitted him."
    assert check(analysis, en) == []
    flags = check(analysis, "In this case the first reading acquitted him.")
    assert [f.detail for f in flags] == ["一审 → first-instance trial"]
