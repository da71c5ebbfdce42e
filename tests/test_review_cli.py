"""Scripted `bilingual review …` commands and `bilingual qa`: output, exit codes, -e placement."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from review_support import make_edition, run, sid_of
from typer.testing import CliRunner

from bilingual import review
from bilingual.cli import app
from bilingual.document import text_hash
from bilingual.store import EditionStore

runner = CliRunner()


@pytest.fixture
def ed(tmp_path):
    return str(make_edition(tmp_path / "ed"))


def ids(ed: str, *texts: str) -> list[str]:
    with EditionStore(ed) as store:
        return [sid_of(store, t) for t in texts]


def state(ed: str) -> list[tuple[str, str, str]]:
    with EditionStore(ed) as store:
        return [(p.zh, p.en, p.status) for p in store.pairs()]


def test_list_text_and_json(ed):
    (road,) = ids(ed, "村里修了新路。")
    lines = run("review", "list", "-e", ed).splitlines()
    assert len(lines) == 6
    assert lines[1] == (
        f"[2/6] {road}  machine      human    article 1  paragraph 村里修了新路。 | The village built a new road."
    )
    run("review", "approve", "-e", ed, road)
    data = json.loads(
        run("review", "list", "-e", ed, "--filter", "all", "--article", "1", "--json")
    )
    assert [(d["k"], d["status"]) for d in data] == [
        (1, "machine"), (2, "approved"), (3, "machine"), (4, "machine")
    ]  # fmt: skip
    assert set(data[0]) == {"k", "article", "block", "kind", "id", "zh", "en", "status",
                            "flags", "signature", "origin"}  # fmt: skip
    assert len(run("review", "list", "-e", ed).splitlines()) == 5


def test_list_shows_who_made_the_english(ed):
    road, happy = ids(ed, "村里修了新路。", "村民很高兴。")
    with EditionStore(ed) as store, store.transaction():
        store.update_pair(road, signature="ct2 opus-mt-zh-en 3f2a9c01 kind=opus-mt")
    run("review", "edit", "-e", ed, happy, "--en", "The villagers are glad.")
    lines = run("review", "list", "-e", ed, "--filter", "all").splitlines()
    assert lines[1].startswith(f"[2/6] {road}  machine      ct2:opus-mt-zh-en article 1  ")
    assert lines[2].startswith(f"[3/6] {happy}  edited       human    article 1  ")


@pytest.mark.parametrize("before", [True, False])
def test_edition_option_before_or_after_the_subcommand(ed, before):
    a, b = ids(ed, "甲乙。", "丙丁。")
    args = (
        ["review", "-e", ed, "approve", a, b] if before else ["review", "approve", "-e", ed, a, b]
    )
    assert run(*args) == "Saved: approved 2 pairs.\n"
    assert [s for _, _, s in state(ed)][-2:] == ["approved", "approved"]


def test_edit_merge_split_undo_history(ed):
    a, b = ids(ed, "村民很高兴。", "大家都来看。")
    assert run("review", "edit", a, "--en", "The villagers are delighted.", "-e", ed) == (
        f"Saved: edited {a}.\n"
    )
    merged = "s" + text_hash("村民很高兴。大家都来看。")
    assert run("review", "-e", ed, "merge", a, b).splitlines() == [
        f"Saved: merged {a} + {b} → {merged}.",
        f"{merged}: 村民很高兴。大家都来看。 | The villagers are delighted. Everyone came to see it.",
    ]
    assert state(ed)[2] == ("村民很高兴。大家都来看。",
                            "The villagers are delighted. Everyone came to see it.", "edited")  # fmt: skip
    out = run("review", "split", merged, "--at", "6", "-e", ed).splitlines()
    assert out[1:] == [
        f"{a}: 村民很高兴。 | The villagers are delighted.",
        f"{b}: 大家都来看。 | Everyone came to see it.",
    ]
    assert run("review", "undo", "-e", ed) == f"Saved: undid #3 split {merged}.\n"
    assert run("review", "undo", "-e", ed) == f"Saved: undid #2 merge {a},{b}.\n"
    assert state(ed)[2:4] == [
        ("村民很高兴。", "The villagers are delighted.", "edited"),
        ("大家都来看。", "Everyone came to see it.", "machine"),
    ]
    lines = run("review", "history", "-e", ed).splitlines()
    assert [line.split()[0] for line in lines] == ["#1", "#2", "#3", "#4", "#5"]
    assert "The villagers are very happy.' → 'The villagers are delighted.'" in lines[0]
    assert lines[1].endswith("(undone)") and lines[4].endswith("reverted #2")
    data = json.loads(run("review", "history", "-e", ed, "--json"))
    assert [(r["action"], r["undone"]) for r in data] == [
        ("edit", 0), ("merge", 1), ("split", 1), ("undo", 0), ("undo", 0)
    ]  # fmt: skip
    assert data[1]["before"]["block"]["sentences"][1] == [a, "村民很高兴。"]


def test_split_with_an_english_offset(ed):
    (sid,) = ids(ed, "甲乙。")
    run("review", "split", sid, "--at", "1", "--en-at", "1", "-e", ed)
    assert state(ed)[4:6] == [("甲", "A", "machine"), ("乙。", "and B.", "machine")]


def test_every_change_command_has_json(ed):
    a, b = ids(ed, "村民很高兴。", "大家都来看。")
    data = json.loads(run("review", "approve", a, "-e", ed, "--json"))
    assert (data["action"], data["message"], data["history_id"]) == (
        "approve",
        "approved 1 pair",
        1,
    )
    assert [(p["id"], p["status"]) for p in data["pairs"]] == [(a, "approved")]
    data = json.loads(run("review", "edit", b, "--en", "All came.", "-e", ed, "--json"))
    assert [(p["en"], p["status"], p["origin"]) for p in data["pairs"]] == [
        ("All came.", "edited", "human")
    ]
    data = json.loads(run("review", "merge", a, b, "-e", ed, "--json"))
    assert (data["removed"], [p["zh"] for p in data["pairs"]]) == (
        [a, b],
        ["村民很高兴。大家都来看。"],
    )
    data = json.loads(
        run("review", "split", data["added"][0], "--at", "6", "--en-at", "30", "-e", ed, "--json")
    )
    assert [p["en"] for p in data["pairs"]] == ["The villagers are very happy.", "All came."]
    data = json.loads(run("review", "undo", "-e", ed, "--json"))
    assert (data["action"], data["message"]) == (
        "undo",
        "undid #4 split s" + text_hash("村民很高兴。大家都来看。"),
    )
    assert [p["zh"] for p in data["pairs"]] == ["村民很高兴。大家都来看。"]


def test_move_en_moves_one_sentence_or_all_and_undoes(tmp_path):
    english = {"村里修了新路。": "The village built a new road. The villagers are very happy.",
               "村民很高兴。": "Everyone came to see it."}  # fmt: skip
    ed = str(make_edition(tmp_path / "ed", english=english))
    road, happy, everyone = ids(ed, "村里修了新路。", "村民很高兴。", "大家都来看。")
    assert run("review", "move-en", road, "--to", "next", "-e", ed).splitlines() == [
        f"Saved: moved 5 English words from {road} to {happy}.",
        f"{road}: 村里修了新路。 | The village built a new road.",
        f"{happy}: 村民很高兴。 | The villagers are very happy. Everyone came to see it.",
    ]
    data = json.loads(run("review", "move-en", happy, "--to", "next", "--all", "-e", ed, "--json"))
    assert [(p["id"], p["en"]) for p in data["pairs"]] == [
        (happy, ""),
        (everyone, "The villagers are very happy. Everyone came to see it."),
    ]
    data = json.loads(
        run("review", "move-en", everyone, "--to", "prev", "--at", "30", "-e", ed, "--json")
    )
    assert [p["en"] for p in data["pairs"]] == [
        "The villagers are very happy.",
        "Everyone came to see it.",
    ]
    for _ in range(3):
        run("review", "undo", "-e", ed)
    assert [e for _, e, _ in state(ed)][1:4] == [
        english["村里修了新路。"],
        english["村民很高兴。"],
        "",
    ]
    out = run("review", "move-en", road, "--to", "up", "-e", ed, code=2)
    assert "Invalid value for '--to'" in out or out == ""


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["review", "undo"], 7, "Error: Nothing to undo."),
        (["review", "approve", "s0000"], 7, "Error: No sentence s0000 in this edition."),
        (["review", "merge", "@村里修了新路。", "@大家都来看。"], 7, "not adjacent"),
        (["review", "split", "@甲乙。", "--at", "3"], 7, "Give an offset from 1 to 2."),
        (["review", "split", "@甲乙。", "--at", "1", "--en-at", "99"], 7, "from 0 to 8, or leave"),
        (["review", "split", "@甲乙。", "--at", "1", "--en-at", "-1"], 7, "at -1: it has 8"),
        (["review", "merge", "@甲乙。", "s0000"], 7, "Error: No sentence s0000 in this edition."),
        (["review", "edit", "@甲乙。", "--en", " "], 7, "Error: Empty English for"),
        (["review", "move-en", "@乡村振兴", "--to", "prev"], 7, "it is the first pair of its"),
        (["review", "move-en", "s0000", "--to", "next"], 7, "Error: No sentence s0000 in"),
    ],
)
def test_errors_are_one_line_with_exit_codes(ed, args, code, message):
    with EditionStore(ed) as store:
        args = [sid_of(store, a[1:]) if a.startswith("@") else a for a in args]
    out = run(*args, "-e", ed, code=code)
    assert message in out and "\n" not in out
    assert run("review", "history", "-e", ed) == "No review changes yet.\n"


def test_missing_edition_is_a_usage_error():
    result = runner.invoke(app, ["review", "list"])
    assert result.exit_code == 2
    assert "Invalid value for '--edition' / '-e': missing" in result.output


def test_qa_counts_lists_and_strict(tmp_path):
    ed = str(make_edition(tmp_path / "ed", english={"乡村振兴": "Rural revitalisation"}))
    terms = tmp_path / "terms.tsv"  # a layer whose rendering the English lacks
    terms.write_text("zh\ten\n乡村振兴\tX\n", encoding="utf-8")
    out = run("qa", "-e", ed, "-g", str(terms)).splitlines()
    assert out[:3] == ["QA: 6 pairs checked, 6 open flags, 0 on reviewed pairs.",
                       "  empty                5", "  term-miss            1"]  # fmt: skip
    assert re.fullmatch(r"s\w+  article 1  empty: no English \(untranslated\)", out[3])
    data = json.loads(run("qa", "-e", ed, "--json", "-g", str(terms)))
    assert (data["open"], data["counts"], data["skipped"]) == (6, {"empty": 5, "term-miss": 1}, [])
    assert run("qa", "-e", ed, "--strict", "-g", str(terms), code=9).endswith(
        f"Error: 6 open QA flags. Review them with `bilingual review -e {ed} --filter flagged`."
    )
    with EditionStore(ed) as store:
        for p in store.pairs():
            run("review", "edit", p.sid, "--en", "Fixed.", "-e", ed)
    # Reviewed pairs are checked too: their flags are listed, but never fail --strict.
    out = run("qa", "-e", ed, "--strict", "-g", str(terms)).splitlines()
    # (the shipped glossary's terms in the other sentences, 村民 → villager, add term-misses)
    head = re.fullmatch(r"QA: 6 pairs checked, 0 open flags, (\d+) on reviewed pairs\.", out[0])
    assert head and int(head.group(1)) >= 2
    listed = out[1 : 1 + int(head.group(1))]
    assert any(re.fullmatch(r"s\w+  article 1  \(edited\)  length-ratio: .*", x) for x in listed)
    assert any(
        re.fullmatch(r"s\w+  article 1  \(edited\)  term-miss: 乡村振兴 → X", x) for x in listed
    )
    assert [p.sid for p in review.select(EditionStore(ed), "flagged")] == []


def bilingual(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bilingual", *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip


def test_the_real_entry_point_prints_one_line_and_exits_with_the_code(ed):
    done = bilingual("review", "undo", "-e", ed)
    assert (done.returncode, done.stdout, done.stderr) == (7, "", "Error: Nothing to undo.\n")
    done = bilingual("review", "-e", ed)  # interactive, but stdin is not a terminal
    assert done.returncode == 7
    assert done.stderr.startswith("Error: The interactive reviewer needs a terminal.")
    done = bilingual("qa", "-e", str(ed) + "-missing", "--strict")
    assert (done.returncode, done.stderr.count("\n")) == (3, 1)
