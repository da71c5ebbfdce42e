"""Review operations: approve, edit, merge, split, re-translate, undo, history."""

from __future__ import annotations

import sqlite3

import pytest
from review_support import ALIGNED, make_edition, sid_of

from bilingual import review, review_moves
from bilingual.cuts import suggest_en_split
from bilingual.document import Flag, Signature, text_hash
from bilingual.errors import ReviewError
from bilingual.store import EditionStore
from bilingual.translate import OneResult

FLAG = Flag("term-miss", "村民 → villagers")


@pytest.fixture
def store(tmp_path):
    make_edition(tmp_path / "ed")
    with EditionStore(tmp_path / "ed") as s:
        yield s


def snapshot(store: EditionStore) -> list[tuple]:
    """Everything review may change: pairs in order, with their full stored rows."""
    return [
        (p.sid, p.block, tuple(sorted((k, str(v)) for k, v in store.raw_pair(p.sid).items())))
        for p in store.pairs()
    ]


def test_approve_sets_status_clears_flags_and_logs_them(store):
    sid = sid_of(store, "村民很高兴。")
    with store.transaction():
        store.update_pair(sid, flags=[FLAG])
    change = review.approve(store, [sid])
    pair = store.pair(sid)
    assert (pair.status, list(pair.flags)) == ("approved", [])
    (row,) = store.history()
    assert row["id"] == change.history_id
    assert (row["action"], row["target"]) == ("approve", sid)
    assert row["after"]["cleared"] == {sid: [FLAG.to_json()]}
    assert row["before"]["pairs"][0]["status"] == "machine"


def test_approve_many_is_one_change(store):
    ids = [p.sid for p in store.pairs()[:3]]
    review.approve(store, ids)
    assert [p.status for p in store.pairs()[:4]] == ["approved"] * 3 + ["machine"]
    assert len(store.history()) == 1
    review.undo(store)
    assert {p.status for p in store.pairs()} == {"machine"}


@pytest.mark.parametrize(
    ("op", "message"),
    [
        (lambda s: review.approve(s, ["nope"]), "No sentence nope in this edition"),
        (lambda s: review.approve(s, []), "No ids to approve"),
        (lambda s: review.edit(s, sid_of(s, "甲乙。"), "   "), "Empty English for"),
        (lambda s: review.split(s, sid_of(s, "甲乙。"), 0), "Cannot split"),
        (lambda s: review.split(s, sid_of(s, "甲乙。"), 3), "its Chinese has 3 characters"),
        (lambda s: review.split(s, sid_of(s, "甲乙。"), 1, en_at=-1), "English of s\\w+ at -1"),
        (lambda s: review.split(s, sid_of(s, "甲乙。"), 1, en_at=9), "it has 8 characters"),
        (lambda s: review.undo(s), "Nothing to undo"),
    ],
)
def test_refusals_are_one_line_review_errors(store, op, message):
    with pytest.raises(ReviewError, match=message) as info:
        op(store)
    assert "\n" not in info.value.message
    assert store.history() == []


def test_approve_refuses_a_pair_without_english(tmp_path):
    make_edition(tmp_path / "ed", english={})
    with EditionStore(tmp_path / "ed") as store:
        sid = store.pairs()[0].sid
        with pytest.raises(ReviewError, match="has no English"):
            review.approve(store, [sid])


def test_edit_sets_english_status_and_clears_flags(store):
    sid = sid_of(store, "大家都来看。")
    with store.transaction():
        store.update_pair(sid, flags=[FLAG])
    review.edit(store, sid, "  Everyone  came\nto look. ")
    pair = store.pair(sid)
    assert (pair.en, pair.status, list(pair.flags)) == ("Everyone came to look.", "edited", [])
    assert store.history()[-1]["after"]["cleared"] == [FLAG.to_json()]


@pytest.mark.parametrize("reverse", [False, True])
def test_merge_joins_adjacent_sentences_in_order(store, reverse):
    a, b = sid_of(store, "村里修了新路。"), sid_of(store, "村民很高兴。")
    change = review.merge(store, *((b, a) if reverse else (a, b)))
    merged = store.pair(change.focus)
    assert merged.zh == "村里修了新路。村民很高兴。"
    assert merged.en == "The village built a new road. The villagers are very happy."
    assert merged.sid == "s" + text_hash(merged.zh)
    assert merged.status == "machine"
    assert [p.zh for p in store.pairs()][1:3] == [merged.zh, "大家都来看。"]
    assert (change.removed, change.added) == ([a, b], [merged.sid])


@pytest.mark.parametrize(
    ("first", "second", "why"),
    [
        ("村里修了新路。", "大家都来看。", "not adjacent"),
        ("大家都来看。", "甲乙。", "different blocks"),
        ("乡村振兴", "村里修了新路。", "different blocks"),
    ],
)
def test_merge_refuses_non_neighbours(store, first, second, why):
    before = snapshot(store)
    with pytest.raises(ReviewError, match=why):
        review.merge(store, sid_of(store, first), sid_of(store, second))
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [(("machine", "machine"), "machine"), (("approved", "machine"), "edited"),
     (("machine", "edited"), "edited")],
)  # fmt: skip
def test_merge_status_follows_the_parts(store, statuses, expected):
    a, b = sid_of(store, "甲乙。"), sid_of(store, "丙丁。")
    with store.transaction():
        store.update_pair(a, status=statuses[0], en="A 甲 and B.", flags=[FLAG])
        store.update_pair(b, status=statuses[1])
    pair = store.pair(review.merge(store, a, b).focus)
    assert pair.status == expected
    # a reviewed result has no open flags; a machine one is re-checked
    codes = [f.code for f in pair.flags]
    assert codes == ([] if expected == "edited" else ["chinese-in-english"])


def test_merge_id_gets_a_suffix_when_the_content_id_is_taken(tmp_path):
    articles = [
        [("paragraph", "甲。乙。", ["甲。", "乙。"])],
        [("paragraph", "甲。乙。", ["甲。乙。"])],
    ]
    make_edition(tmp_path / "ed", articles, {"甲。": "A.", "乙。": "B.", "甲。乙。": "AB."})
    with EditionStore(tmp_path / "ed") as store:
        change = review.merge(store, sid_of(store, "甲。"), sid_of(store, "乙。"))
        assert change.focus == "s" + text_hash("甲。乙。") + "-2"
        assert [p.en for p in store.pairs()] == ["A. B.", "AB."]


def test_merge_then_undo_restores_everything(store):
    before = snapshot(store)
    review.merge(store, sid_of(store, "村民很高兴。"), sid_of(store, "大家都来看。"))
    assert snapshot(store) != before
    change = review.undo(store)
    assert snapshot(store) == before
    assert change.focus == sid_of(store, "村民很高兴。")
    assert [r["undone"] for r in store.history()] == [1, 0]


def test_split_cuts_chinese_and_english_at_matching_points(store):
    merged = review.merge(store, sid_of(store, "村里修了新路。"), sid_of(store, "村民很高兴。"))
    change = review.split(store, merged.focus, 7)
    parts = [store.pair(s) for s in change.added]
    assert [p.zh for p in parts] == ["村里修了新路。", "村民很高兴。"]
    assert [p.en for p in parts] == [
        "The village built a new road.",
        "The villagers are very happy.",
    ]
    assert [p.sid for p in parts] == ["s" + text_hash(p.zh) for p in parts]
    assert [p.status for p in parts] == ["machine", "machine"]


def test_split_takes_given_english_and_undo_restores(store):
    sid = sid_of(store, "甲乙。")
    before = snapshot(store)
    change = review.split(store, sid, 1, ("A", "and B."))
    assert [(store.pair(s).zh, store.pair(s).en) for s in change.added] == [
        ("甲", "A"),
        ("乙。", "and B."),
    ]
    review.undo(store)
    assert snapshot(store) == before


def test_split_then_merge_round_trip(store):
    sid = sid_of(store, "村民很高兴。")
    original = store.pair(sid)
    parts = review.split(store, sid, 2).added
    assert len(store.pairs()) == 7
    again = store.pair(review.merge(store, *parts).focus)
    assert (again.sid, again.zh, again.en) == (original.sid, original.zh, original.en)


@pytest.mark.parametrize(
    ("zh", "en", "at", "first"),
    [
        ("村里修了新路。村民很高兴。", "The village built a road. People are happy.", 7,
         "The village built a road. "),
        ("村里修了新路，村民很高兴。", "The village built a road, and people are happy.", 7,
         "The village built a road, "),
        ("甲乙丙丁", "one two three four", 2, "one two "),
        ("甲乙", "", 1, ""),
        ("甲乙丙丁", "abcdefgh", 1, "ab"),
    ],
)  # fmt: skip
def test_suggest_en_split(zh, en, at, first):
    assert en[: suggest_en_split(zh, en, at)] == first


def test_undo_works_across_sessions(tmp_path):
    directory = make_edition(tmp_path / "ed")
    with EditionStore(directory) as s1:
        sid = sid_of(s1, "甲乙。")
        review.edit(s1, sid, "Jia and Yi.")
        review.approve(s1, [sid])
    with EditionStore(directory) as s2:
        assert review.undo(s2).focus == sid
        assert (s2.pair(sid).status, s2.pair(sid).en) == ("edited", "Jia and Yi.")
    with EditionStore(directory) as s3:
        review.undo(s3)
        assert (s3.pair(sid).status, s3.pair(sid).en) == ("machine", "A and B.")
        with pytest.raises(ReviewError, match="Nothing to undo"):
            review.undo(s3)
        assert [r["action"] for r in review.history(s3)] == ["edit", "approve", "undo", "undo"]


@pytest.mark.parametrize(
    "op",
    [
        lambda s: review.approve(s, [sid_of(s, "甲乙。")]),
        lambda s: review.edit(s, sid_of(s, "甲乙。"), "Changed."),
        lambda s: review.merge(s, sid_of(s, "甲乙。"), sid_of(s, "丙丁。")),
        lambda s: review.split(s, sid_of(s, "甲乙。"), 1),
    ],
)
def test_change_and_history_row_share_one_transaction(store, monkeypatch, op):
    before = snapshot(store)

    def failing_log(*args, **kwargs):
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(store, "log", failing_log)
    with pytest.raises(sqlite3.OperationalError):
        op(store)
    assert snapshot(store) == before
    assert store.history() == []


def test_undo_marks_and_logs_in_one_transaction(store, monkeypatch):
    review.approve(store, [sid_of(store, "甲乙。")])
    monkeypatch.setattr(store, "log", lambda *a: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        review.undo(store)
    assert store.pair(sid_of(store, "甲乙。")).status == "approved"
    assert [r["undone"] for r in store.history()] == [0]


def test_retranslate_writes_and_logs_the_translator_result(store, monkeypatch):
    sid = sid_of(store, "丙丁。")
    review.approve(store, [sid])
    calls = []

    def fake_translate_one(s, wanted):
        calls.append(wanted)
        en = "Bing and Ding."
        return OneResult(wanted, en, en, Signature.parse("fake"), (FLAG,))

    monkeypatch.setattr(review, "translate_one", fake_translate_one)
    review.retranslate(store, sid)
    pair = store.pair(sid)
    assert calls == [sid]
    assert (pair.en, pair.mt, pair.status, pair.signature) == (
        "Bing and Ding.", "Bing and Ding.", "machine", "fake"
    )  # fmt: skip
    assert list(pair.flags) == [FLAG]
    review.undo(store)
    assert (store.pair(sid).en, store.pair(sid).status) == ("C and D.", "approved")


@pytest.mark.parametrize(
    ("filter_", "article", "expected"),
    [
        ("all", None, ["乡村振兴", "村里修了新路。", "村民很高兴。", "大家都来看。", "甲乙。", "丙丁。"]),
        ("unreviewed", None, ["乡村振兴", "村里修了新路。", "大家都来看。", "甲乙。"]),
        ("flagged", None, ["甲乙。"]),
        ("all", 2, ["甲乙。", "丙丁。"]),
        ("unreviewed", 2, ["甲乙。"]),
    ],
)  # fmt: skip
def test_select_filters(store, filter_, article, expected):
    review.approve(store, [sid_of(store, "村民很高兴。")])
    review.edit(store, sid_of(store, "丙丁。"), "Bing Ding.")
    with store.transaction():
        store.update_pair(sid_of(store, "甲乙。"), flags=[FLAG])
    assert [p.zh for p in review.select(store, filter_, article)] == expected


@pytest.mark.parametrize(("filter_", "article"), [("bogus", None), ("all", 9)])
def test_select_refuses_unknown_filter_or_article(store, filter_, article):
    with pytest.raises(ReviewError):
        review.select(store, filter_, article)


def test_undo_skips_a_merge_whose_block_was_reingested(tmp_path):
    directory = make_edition(tmp_path / "ed")
    with EditionStore(directory) as store:
        review.approve(store, [sid_of(store, "乡村振兴")])
        review.merge(store, sid_of(store, "甲乙。"), sid_of(store, "丙丁。"))
        make_edition(directory)  # re-ingest the original structure over the merge
        before = snapshot(store)
        with pytest.raises(
            ReviewError, match=r"Cannot undo #2 merge s\w+,s\w+: its block has changed"
        ):
            review.undo(store)
        assert snapshot(store) == before
        assert store.load_edition().sentences()  # structure still loads
        assert review.undo(store).message == f"undid #1 approve {sid_of(store, '乡村振兴')}"
        assert store.pair(sid_of(store, "乡村振兴")).status == "machine"


GLOSS = Flag("word-gloss", "literal CC-CEDICT word gloss, not a translation")


def test_merge_and_split_keep_flags_qa_cannot_decide(store):
    """An engine's word-gloss label survives merge and split (once); QA's own codes are redone."""
    a, b = sid_of(store, "甲乙。"), sid_of(store, "丙丁。")
    with store.transaction():
        store.update_pair(a, flags=[GLOSS, Flag("odd", "stale")])
        store.update_pair(b, flags=[GLOSS])
    merged = review.merge(store, a, b).focus
    assert list(store.pair(merged).flags) == [GLOSS]
    parts = review.split(store, merged, 3, ("A and B.", "C 丙 and D.")).added
    assert [list(store.pair(s).flags) for s in parts] == [
        [GLOSS],
        [Flag("chinese-in-english", "Chinese left in the English: 丙"), GLOSS],
    ]
    review.approve(store, parts[:1])
    assert list(store.pair(parts[0]).flags) == []


def test_split_at_an_english_offset(store):
    sid = sid_of(store, "村民很高兴。")
    parts = review.split(store, sid, 2, en_at=13).added
    assert [store.pair(s).en for s in parts] == ["The villagers", "are very happy."]


# -- one side only: English moved between neighbours ---------------------------------------


@pytest.fixture
def aligned(tmp_path):
    make_edition(tmp_path / "al", english=ALIGNED)
    with EditionStore(tmp_path / "al") as s:
        yield s


def english(store: EditionStore) -> list[str]:
    return [p.en for p in store.pairs()]


@pytest.mark.parametrize(
    ("zh", "to", "at", "expected"),
    [
        # the last sentence of the pair goes to the start of the next pair
        ("村里修了新路。", "next", None,
         ["The village built a new road.", "The villagers are very happy. Everyone came to see it."]),
        # the first sentence goes to the end of the previous pair
        ("村民很高兴。", "prev", None,
         ["The village built a new road. The villagers are very happy. Everyone came to see it.", ""]),
        # a cut inside a sentence, by offset
        ("村民很高兴。", "next", 13, ["Everyone came", "to see it."]),
        ("村里修了新路。", "prev", 17, ["Rural revitalisation The village built", "a new road. The villagers are very happy."]),
    ],
)  # fmt: skip
def test_move_en_moves_english_only(aligned, zh, to, at, expected):
    sid = sid_of(aligned, zh)
    chinese = [p.zh for p in aligned.pairs()]
    change = review_moves.move_en(aligned, sid, to, at)
    i = chinese.index(zh)
    pair_en = english(aligned)[i - 1 : i + 1] if to == "prev" else english(aligned)[i : i + 2]
    assert pair_en == expected
    assert [p.zh for p in aligned.pairs()] == chinese  # the Chinese stays where it is
    assert aligned.history()[-1]["action"] == "move-en" and change.action == "move-en"


def test_move_en_to_the_next_then_undo_restores_everything(aligned):
    before = snapshot(aligned)
    road, happy, everyone = (
        sid_of(aligned, z) for z in ("村里修了新路。", "村民很高兴。", "大家都来看。")
    )
    review_moves.move_en(aligned, road, "next")
    review_moves.move_en(aligned, happy, "next", 0)  # all of it: a merge of the English side
    assert english(aligned)[1:4] == [
        "The village built a new road.", "",
        "The villagers are very happy. Everyone came to see it.",
    ]  # fmt: skip
    assert aligned.pair(happy).status == "untranslated"
    assert [f.code for f in aligned.pair(happy).flags] == ["empty"]
    assert aligned.pair(everyone).status == "machine"
    review.undo(aligned)
    review.undo(aligned)
    assert snapshot(aligned) == before


GLOSS = Flag("word-gloss", "not a translation")  # a flag QA cannot decide: kept


def test_move_en_status_and_flags(aligned):
    """A reviewed pair becomes edited (a person changed its English); the aligner's verdicts
    on the old English (no counterpart, low score) are dropped, QA's are re-checked."""
    road, happy = sid_of(aligned, "村里修了新路。"), sid_of(aligned, "村民很高兴。")
    with aligned.transaction():
        aligned.update_pair(road, status="approved")
        aligned.update_pair(happy, flags=[Flag("low-confidence", "score 0.20"), GLOSS])
    review_moves.move_en(aligned, road, "next")
    assert (aligned.pair(road).status, aligned.pair(happy).status) == ("edited", "machine")
    assert list(aligned.pair(happy).flags) == [GLOSS]


@pytest.mark.parametrize(
    ("zh", "to", "at", "message"),
    [
        ("乡村振兴", "prev", None, "it is the first pair of its article"),
        ("大家都来看。", "next", None, "it is the last pair of its article"),
        ("甲乙。", "prev", None, "it is the first pair of its article"),  # not across articles
        ("大家都来看。", "prev", None, "has no English to move"),
        ("村民很高兴。", "next", 99, "it has 24 characters"),
        ("村民很高兴。", "next", 24, "Nothing to move"),
        ("村民很高兴。", "up", None, "Unknown direction"),
    ],
)
def test_move_en_refusals_change_nothing(aligned, zh, to, at, message):
    before = snapshot(aligned)
    with pytest.raises(ReviewError, match=message):
        review_moves.move_en(aligned, sid_of(aligned, zh), to, at)
    assert snapshot(aligned) == before and aligned.history() == []
