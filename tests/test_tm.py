"""The translation memory: grams, similarity, exact and fuzzy search, review operations kept
in step, TMX round trips (ours and another CAT tool's), and the `tm` commands."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from review_support import make_edition, run, sid_of

from bilingual import review
from bilingual.errors import InputError
from bilingual.store import EditionStore
from bilingual.tm import TranslationMemory, _row, grams, similarity


@pytest.fixture
def tm(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        yield memory


def user_tm() -> TranslationMemory:
    """The memory review operations write to (the test's own, see conftest)."""
    return TranslationMemory(Path(os.environ["BILINGUAL_TM"]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("村民很高兴。", ["村民", "民很", "很高", "高兴"]),
        ("2020年GDP增长3.5%", ["2020", "年", "gdp", "增长", "3.5"]),
        ("２０２０年 全面 小康", ["2020", "年全", "全面", "面小", "小康"]),  # NFKC, no spaces
        ("“乡村”振兴", ["乡村", "振兴"]),
        ("。，！", []),
    ],
)
def test_grams(text, expected):
    assert grams(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "percent"),
    [
        ("村里修了新路。", "村里修了新路。", 100),
        ("村里修了新路。", "村里 修了新路。", 100),  # layout spaces mean nothing
        ("村里修了新路。", "村里修了旧路。", 85),  # one of seven characters
        ("村里修了新路。", "镇里修了旧路。", 71),
        ("村里修了新路。", "大家都来看。", 14),  # only the full stop in common
    ],
)
def test_similarity_is_one_minus_edit_distance_over_the_longer(a, b, percent):
    assert similarity(a, b) == percent


def add(tm: TranslationMemory, *units: tuple[str, str, str, str]) -> None:
    tm.add(_row(zh, en, edition, date, "human") for zh, en, edition, date in units)


def test_search_exact_and_fuzzy_with_where_and_when(tm):
    add(
        tm,
        ("党的二十大胜利召开。", "The 20th CPC National Congress opened.", "day-1", "2022-10-16"),
        ("党的二十大胜利闭幕。", "The 20th CPC National Congress closed.", "day-7", "2022-10-22"),
        ("今天天气很好。", "The weather is fine today.", "day-7", "2022-10-22"),
    )
    found = tm.search("党的二十大胜利召开。")
    assert [(m.similarity, m.en, m.edition, m.date) for m in found] == [
        (100, "The 20th CPC National Congress opened.", "day-1", "2022-10-16"),
        (80, "The 20th CPC National Congress closed.", "day-7", "2022-10-22"),
    ]
    assert [m.similarity for m in tm.search("党的二十大胜利召开。", minimum=90)] == [100]
    assert tm.search("国务院常务会议。") == []
    assert tm.exact("党的二十大 胜利召开。").edition == "day-1"  # normalised
    assert tm.exact("党的二十大胜利") is None


def test_the_same_pair_from_two_editions_is_shown_once_from_the_newest(tm):
    add(tm, ("村民很高兴。", "The villagers are happy.", "old", "2020-01-01"),
        ("村民很高兴。", "The villagers are happy.", "new", "2021-01-01"),
        ("村民很高兴。", "The villagers are glad.", "other", "2019-01-01"))  # fmt: skip
    found = tm.search("村民很高兴。")
    assert [(m.en, m.edition) for m in found] == [
        ("The villagers are happy.", "new"), ("The villagers are glad.", "other")
    ]  # fmt: skip
    assert len(tm) == 3
    add(tm, ("村民很高兴。", "The villagers are happy.", "new", "2021-01-01"))  # already there
    assert len(tm) == 3


def test_a_fuzzy_match_is_found_among_many_units(tm):
    """Candidates come from the query's rarest grams: common ones match everything."""
    add(
        tm,
        *((f"坚持推进工作建设第{i}号。", f"Unit {i}.", "bulk", "2020-01-01") for i in range(500)),
    )
    add(tm, ("坚持推进乡村振兴工作建设。", "Rural revitalisation goes on.", "target", "2021-01-01"))
    found = tm.search("坚持推进乡村振兴工作。")
    assert found[0].edition == "target" and found[0].similarity == 84


def test_review_operations_keep_the_memory_in_step(tmp_path):
    edition = make_edition(tmp_path / "ed")
    with EditionStore(edition) as store:
        road, happy = sid_of(store, "村里修了新路。"), sid_of(store, "村民很高兴。")
        with store.transaction():
            store.set_meta("date", "2024-05-01")
        review.approve(store, [road])
        review.edit(store, happy, "The villagers are delighted.")
        with user_tm() as tm:
            assert [(m.en, m.edition, m.date, m.origin) for m in tm.search("村里修了新路。")] == [
                ("The village built a new road.", "ed", "2024-05-01", "human")  # no signature
            ]
            assert tm.exact("村民很高兴。").en == "The villagers are delighted."
        review.edit(store, happy, "The villagers rejoice.")  # replaces, never piles up
        review.undo(store)
        review.undo(store)  # the edit undone: the pair is machine English again
        merged = review.merge(store, road, happy)  # a reviewed part makes it edited
        with user_tm() as tm:
            assert tm.exact("村民很高兴。") is None
            assert tm.exact("村里修了新路。") is None  # merged away
            assert tm.exact("村里修了新路。村民很高兴。").en == (
                "The village built a new road. The villagers are very happy."
            )
            assert len(tm) == 1
        review.undo(store)
        with user_tm() as tm:
            assert tm.exact("村里修了新路。").en == "The village built a new road."
            assert tm.exact("村里修了新路。村民很高兴。") is None
        assert merged.note == ""


def test_an_unwritable_memory_leaves_a_note_and_the_review_saved(tmp_path, monkeypatch):
    edition = make_edition(tmp_path / "ed")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("BILINGUAL_TM", str(blocker / "tm.sqlite"))  # its folder is a file
    with EditionStore(edition) as store:
        sid = sid_of(store, "甲乙。")
        change = review.approve(store, [sid])
        assert change.note.startswith("not added to the translation memory: Cannot open")
        assert store.pair(sid).status == "approved"


# -- TMX ------------------------------------------------------------------------------------


def test_tmx_round_trip_keeps_text_edition_date_and_origin(tm, tmp_path):
    add(tm, ("村民很高兴。", "The villagers are happy.", "day-1", "2024-05-01"),
        ("甲乙 & <丙>。", "A & <B>.", "day-2", "2024-05-02"))  # fmt: skip
    path = tmp_path / "out.tmx"
    assert tm.export_tmx(path) == 2
    with TranslationMemory(tmp_path / "other.sqlite") as other:
        assert other.import_tmx(path) == (2, 0)
        assert other.import_tmx(path) == (0, 2)  # importing twice adds nothing
        assert [
            (u["zh"], u["en"], u["edition"], u["date"], u["origin"]) for u in other.store.units()
        ] == [
            ("村民很高兴。", "The villagers are happy.", "day-1", "2024-05-01", "human"),
            ("甲乙 & <丙>。", "A & <B>.", "day-2", "2024-05-02", "human"),
        ]


OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<tmx version="1.1">
<header creationtool="OtherCAT" srclang="ZH-CN" segtype="sentence" adminlang="EN-US"
  datatype="plaintext" o-tmf="x" creationtoolversion="1"/>
<body>
<tu creationdate="20230315T101500Z">
  <tuv lang="ZH-CN"><seg>村里<bpt i="1">&lt;b&gt;</bpt>修了<ept i="1">&lt;/b&gt;</ept>新路。</seg></tuv>
  <tuv lang="EN-US"><seg>The village <hi>built</hi> a new road.<ph>&lt;br/&gt;</ph></seg></tuv>
</tu>
<tu><tuv xml:lang="zh-TW"><seg>大家都來看。</seg></tuv><tuv xml:lang="en-GB"><seg>All came &secret;.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>没有英文。</seg></tuv><tuv xml:lang="fr"><seg>Pas d'anglais.</seg></tuv></tu>
</body>
</tmx>
"""


def test_tmx_from_another_tool_codes_dropped_entities_never_loaded(tm, tmp_path):
    path = tmp_path / "other.tmx"
    path.write_text(OTHER_TOOL, encoding="utf-8")
    assert tm.import_tmx(path) == (2, 0)  # the French-only unit is no Chinese–English pair
    units = [(u["zh"], u["en"], u["edition"], u["date"]) for u in tm.store.units()]
    assert units == [
        ("村里修了新路。", "The village built a new road.", "other", "2023-03-15"),
        ("大家都來看。", "All came .", "other", ""),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<tmx><body>", "is not well-formed XML"),
        ("<xliff/>", "is not a TMX file (its root is <xliff>)"),
        ('<tmx version="1.4"><body/></tmx>', "holds no Chinese–English units"),
    ],
)
def test_bad_tmx_is_one_input_error(tm, tmp_path, content, message):
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        tm.import_tmx(path)
    assert len(tm) == 0


# -- the commands ---------------------------------------------------------------------------


def test_tm_commands_search_import_export_add(tmp_path):
    edition = make_edition(tmp_path / "ed")
    with EditionStore(edition) as store, store.transaction():  # reviewed before the memory
        store.update_pair(sid_of(store, "甲乙。"), status="approved")
        store.set_meta("date", "2024-05-01")
    assert (
        run("tm", "add", "-e", str(edition))
        == "Added 1 reviewed pair of ed to the translation memory.\n"
    )
    assert run("tm", "search", "甲乙。") == "100%  甲乙。 → A and B.  (ed, 2024-05-01)\n"
    data = json.loads(run("tm", "search", "甲乙丙丁。", "--json", "--min", "50"))
    assert [(m["similarity"], m["en"], m["edition"]) for m in data] == [(60, "A and B.", "ed")]
    assert run("tm", "search", "国务院。") == "No match of 75% or more in 1 translation unit.\n"
    path = tmp_path / "all.tmx"
    assert run("tm", "export", str(path)) == f"Wrote 1 translation unit to {path}.\n"
    assert run("tm", "import", str(path)) == "Imported 0 units (1 already in the memory).\n"
    out = run("tm", "import", str(tmp_path / "missing.tmx"), code=2)
    assert out.startswith("Error: Cannot read") and "\n" not in out
