"""QA checks on constructed pairs, the length-ratio band, and run_qa's flag bookkeeping."""

from __future__ import annotations

import pytest
from review_support import make_edition, sid_of

from bilingual import qa, review
from bilingual.document import Flag
from bilingual.store import EditionStore
from bilingual.terms.glossary import Entry, Glossary

ZH = "村民们都很高兴地参加了活动。"  # 14 characters
OK = "The villagers were all happy to take part in the event."


@pytest.mark.parametrize(
    ("check", "en", "expected"),
    [
        ("empty", "", "no English (untranslated)"),
        ("empty", "   ", "no English (untranslated)"),
        ("empty", " … ", "no words in the English: '…'"),
        ("empty", OK, None),
        ("chinese-in-english", "The 村民 were happy to 参加.", "Chinese left in the English: 村民、参加"),
        ("chinese-in-english", ZH, f"Chinese left in the English: {ZH[:11]}…"),
        ("chinese-in-english", "The villagers (cūnmín) were happy.", None),
        ("chinese-in-english", "a 一 b 二 c 三 d 四 e 五 f 六 g 七 h 一",
         "Chinese left in the English: 一、二、三、四、五 (+2 more)"),
        ("chinese-in-english", "x " + "抗" * 20, "Chinese left in the English: " + "抗" * 11 + "…"),
        ("odd", "the the the the villagers", "'the' repeated 4 times in a row"),
        ("odd", "very very very happy villagers", None),
        ("odd", "of the people of the people of the people", "'of the people' repeated 3 times in a row"),
        ("odd", "they had had enough, had had enough", None),
        ("odd", "The ⁇ villagers", "1 unknown-token marker(s) '⁇' in the English"),
        ("odd", "The <unk> villagers <unk>", "2 unknown-token marker(s) '<unk>' in the English"),
        ("odd", OK, None),
    ],
)  # fmt: skip
def test_single_checks(check, en, expected):
    flags = qa.CHECKS[check].func(ZH, en, qa.Context())
    assert [f.detail for f in flags] == ([expected] if expected else [])
    assert all(f.code == check for f in flags)


def _pairs(ratios: list[float], zh: str = ZH) -> list[tuple[str, str]]:
    return [(zh, "x" * round(r * len(zh))) for r in ratios]


def test_ratio_band_is_robust_to_the_outliers_it_finds():
    typical = [2.6, 2.8, 3.0, 3.0, 3.1, 3.2, 3.3, 3.5, 2.9, 3.4]
    (low, high), median = qa.ratio_band(_pairs([*typical, 0.2, 30.0]))
    assert median == pytest.approx(3.05, abs=0.1)
    assert 1.0 < low < 1.6 and 6.0 < high < 6.3  # the ln 2 floor: half to twice the median
    ctx = qa.Context(band=(low, high), median=median)
    for ratio, word in ((0.2, "short"), (30.0, "long")):
        ((zh, en),) = _pairs([ratio])
        (flag,) = qa.check_length_ratio(zh, en, ctx)
        assert flag.code == "length-ratio" and f"suspiciously {word}" in flag.detail
    assert qa.check_length_ratio(*_pairs([3.0])[0], ctx) == []


def test_ratio_band_widens_for_a_noisy_edition_but_keeps_hard_limits():
    noisy = [1.2, 1.8, 2.5, 3.0, 4.0, 5.5, 7.0, 9.0, 2.0, 6.0]
    (low, high), _ = qa.ratio_band(_pairs(noisy))
    assert (low, high) == (qa.HARD_LOW, qa.HARD_HIGH)


def test_ratio_band_falls_back_for_small_editions_and_ignores_short_chinese():
    assert qa.ratio_band(_pairs([3.0] * 7)) == (qa.FALLBACK_BAND, None)
    assert qa.ratio_band(_pairs([3.0] * 20, zh="村民高兴")) == (qa.FALLBACK_BAND, None)
    ctx = qa.Context(band=(2.0, 4.0))
    assert qa.check_length_ratio("村民高兴", "x" * 100, ctx) == []


# A tiny real glossary: one term, missing from the English of the sentence that holds it.
GLOSSARY = Glossary.from_entries([Entry("大家", "everybody")])
NO_TERMS = Glossary()
TERM = Flag("term-miss", "大家 → everybody")
NUMBER = Flag("number-mismatch", "3 missing")
ARTICLES = [
    [("title", "乡村振兴", ["乡村振兴"]),
     ("paragraph", "村里修了新路。村民很高兴。大家都来看3次。",
      ["村里修了新路。", "村民很高兴。", "大家都来看3次。"])],
    [("paragraph", "甲乙。丙丁。", ["甲乙。", "丙丁。"])],
]  # fmt: skip


@pytest.fixture
def store(tmp_path):
    english = {"乡村振兴": "Rural revitalisation", "村里修了新路。": "",
               "村民很高兴。": "The 村民 are happy.", "大家都来看3次。": "Everyone came to see it.",
               "甲乙。": "", "丙丁。": "C and D."}  # fmt: skip
    make_edition(tmp_path / "ed", ARTICLES, english=english)
    with EditionStore(tmp_path / "ed") as s:
        yield s


def test_run_qa_flags_unreviewed_pairs_and_stores_the_flags(store):
    review.approve(store, [sid_of(store, "丙丁。")])
    report = qa.run_qa(store, GLOSSARY)
    assert report.counts == {
        "chinese-in-english": 1,
        "empty": 2,
        "number-mismatch": 1,
        "term-miss": 1,
    }
    assert (report.pairs, report.checked, report.total, report.skipped) == (6, 6, 5, [])
    stored = {p.zh: [f.code for f in p.flags] for p in store.pairs()}
    assert stored == {
        "乡村振兴": [], "村里修了新路。": ["empty"], "村民很高兴。": ["chinese-in-english"],
        "大家都来看3次。": ["term-miss", "number-mismatch"], "甲乙。": ["empty"], "丙丁。": [],
    }  # fmt: skip
    assert {f["id"] for f in report.open} == {p.sid for p in store.pairs() if p.flags}
    assert report.to_json()["open"] == 5


def test_run_qa_replaces_stale_flags_and_keeps_codes_it_does_not_compute(store):
    sid = sid_of(store, "大家都来看3次。")
    engine_flag = Flag("word-gloss", "literal word gloss")
    stale = [Flag("odd", "old"), TERM, engine_flag]
    with store.transaction():
        store.update_pair(sid, en="Everybody came to see it 3 times.", flags=stale)
    qa.run_qa(store, GLOSSARY)
    assert list(store.pair(sid).flags) == [engine_flag]


def test_flags_clear_when_the_reviewer_approves_or_fixes(store):
    with store.transaction():  # its number comes through: no number-mismatch
        store.update_pair(sid_of(store, "大家都来看3次。"), en="Everyone came to see it 3 times.")
    assert qa.run_qa(store, NO_TERMS).total == 3
    review.edit(store, sid_of(store, "村民很高兴。"), "The villagers are happy.")
    review.edit(store, sid_of(store, "村里修了新路。"), "The village built a new road.")
    assert qa.run_qa(store, NO_TERMS).counts == {"empty": 1}
    review.split(store, sid_of(store, "甲乙。"), 1, ("A", "and B."))  # parts stay unreviewed
    report = qa.run_qa(store, NO_TERMS)
    assert (report.total, report.checked, report.reviewed) == (0, 7, [])


GLOSS = Flag("word-gloss", "literal CC-CEDICT word gloss, not a translation")


@pytest.mark.parametrize(
    ("en", "old", "expected"),
    [
        (OK, [GLOSS, GLOSS], [GLOSS]),
        (OK, [Flag("odd", "stale"), TERM], []),
        ("The 村民.", [GLOSS], [Flag("chinese-in-english", "Chinese left in the English: 村民"), GLOSS]),
    ],
)  # fmt: skip
def test_recheck_redoes_qa_codes_and_keeps_the_others_once(en, old, expected):
    ctx = qa.Context(glossary=NO_TERMS)
    assert qa.recheck(ZH, en, old, ctx) == expected


def test_reviewed_pairs_are_checked_but_not_queued(store):
    """A reviewer who deletes a term gets the flag too; the pair stays out of the queue."""
    sid = sid_of(store, "大家都来看3次。")
    review.edit(store, sid, "Everyone came to see it 3 times.")  # 大家 → everybody deleted
    report = qa.run_qa(store, GLOSSARY)
    assert [(f["id"], f["code"], f["status"]) for f in report.reviewed] == [
        (sid, "term-miss", "edited")
    ]
    assert sid not in {f["id"] for f in report.open}
    assert store.pair(sid).flags == (TERM,)
    assert sid not in [p.sid for p in review.select(store, "flagged")]
    assert sid in [p.sid for p in review.select(store, "all")]
    review.approve(store, [sid])  # approving clears it; the next QA run finds it again
    assert store.pair(sid).flags == ()
    assert qa.run_qa(store, GLOSSARY).reviewed[0]["status"] == "approved"


def test_an_unverified_name_is_queued_until_a_reviewer_approves_it(tmp_path):
    articles = [[("paragraph", "买买提·艾力表示。", ["买买提·艾力表示。"])]]
    make_edition(tmp_path / "names", articles, english={"买买提·艾力表示。": "Maimaiti Aili said."})
    with EditionStore(tmp_path / "names") as s:
        report = qa.run_qa(s, NO_TERMS)
        assert [(f["code"], f["detail"]) for f in report.open] == [
            ("name-unverified", "买买提·艾力 → Maimaiti Aili")
        ]
        review.approve(s, [sid_of(s, "买买提·艾力表示。")])
        assert qa.run_qa(s, NO_TERMS).reviewed == []  # the reviewer verified it
