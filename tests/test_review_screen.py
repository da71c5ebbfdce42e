"""The full-screen reviewer in a real pseudo-terminal: pexpect runs `bilingual review`, pyte
keeps the screen, and every step waits for what the screen shows (tests/screen_support.py).

Position, filter, resume, editing (Ctrl-U, Enter, Esc), undo, merge/split/go to, one-side
moves, translation-memory insert, a narrow terminal, help, and a SIGKILL after a change.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from review_support import ALIGNED, make_edition, sid_of
from screen_support import Screen

from bilingual import qa
from bilingual.store import EditionStore
from bilingual.tm import TranslationMemory, _row

CTRL_U, ESC = "\x15", "\x1b"
KEY_BAR = "a approve  e edit"


@pytest.fixture
def edition(tmp_path):
    return make_edition(tmp_path / "ed")


def review(edition: Path, *args: str, rows: int = 24, cols: int = 80, env=None) -> Screen:
    screen = Screen("review", "-e", str(edition), *args, rows=rows, cols=cols, env=env)
    screen.wait(KEY_BAR)
    return screen


def pairs(edition: Path) -> list[tuple[str, str, str]]:
    with EditionStore(edition) as store:
        return [(p.zh, p.en, p.status) for p in store.pairs()]


def test_position_filter_approve_edit_undo(edition):
    s = review(edition)
    shown = s.wait("[1/6]  filter: unreviewed", "乡村振兴", "Rural revitalisation", "q quit")
    assert "› 村里修了新路。 | The village built a new road." in shown  # the neighbour
    s.press("a", "[2/6]", "saved: approved 1 pair")
    s.press("e", "Enter saves · Esc cancels · Ctrl-U clears")
    s.send(CTRL_U)
    s.press("The village paved a new road.", "The village paved a new road.")
    s.press("\r", "[3/6]", "saved: edited")
    s.press("u", "saved: undid", "[2/6]", "The village built a new road.")
    assert s.finish().endswith("bye — every change is saved.\r\n")
    assert pairs(edition)[:2] == [
        ("乡村振兴", "Rural revitalisation", "approved"),
        ("村里修了新路。", "The village built a new road.", "machine"),
    ]


def test_escape_cancels_and_ctrl_u_clears_everything_before_the_cursor(edition):
    long = "A very long English sentence that wraps over more than one row of the editor " * 2
    with EditionStore(edition) as store, store.transaction():
        store.update_pair(sid_of(store, "乡村振兴"), en=long.strip())
    s = review(edition)
    s.press("e", "Enter saves")
    s.press("XYZ", "XYZ")
    s.press(ESC, "cancelled", gone=("Enter saves",))
    assert pairs(edition)[0][1] == long.strip()
    s.press("e", "Enter saves")
    s.send(CTRL_U)  # clears all of it, not only the last wrapped row
    s.wait("Enter saves", gone=("wraps over",))
    s.press("Revitalising the countryside", "Revitalising the countryside")
    s.press("\r", "saved: edited", "[2/6]")
    s.finish()
    assert pairs(edition)[0][1:] == ("Revitalising the countryside", "edited")


def test_resume_where_the_reviewer_left_off_unless_from_start(edition):
    s = review(edition)
    s.press("n", "[2/6]")
    s.press("n", "[3/6]")
    s.finish()
    s = Screen("review", "-e", str(edition))
    s.wait("[3/6]", "村民很高兴。", "resumed where you left off ([3/6])")
    s.press("a", "[4/6]", "saved: approved")
    s.finish()
    s = Screen("review", "-e", str(edition))  # the approved pair has left the view
    s.wait("[3/5]", "大家都来看。")
    s.finish()
    s = Screen("review", "-e", str(edition), "--from-start")
    s.wait("[1/5]", "乡村振兴", gone=("resumed",))
    s.finish()


NUMBERS = [
    [("paragraph", "2020年村里修了新路。村民很高兴。", ["2020年村里修了新路。", "村民很高兴。"])]
]


def test_flagged_filter_shows_what_is_wrong_terms_and_neighbours(tmp_path, monkeypatch):
    from bilingual.terms.files import default_glossary, user_glossary_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # this test's alone
    path = user_glossary_path()  # inherited by the child
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("zh\ten\n村民\tvillagers of the test\n", encoding="utf-8")
    english = {"2020年村里修了新路。": "In 2021 the village built a road.",
               "村民很高兴。": "The villagers are happy."}  # fmt: skip
    edition = make_edition(tmp_path / "ed", NUMBERS, english)
    with EditionStore(edition) as store:
        qa.run_qa(store, default_glossary())
    s = review(edition, "--filter", "flagged")
    shown = s.wait("[1/2]  filter: flagged", "⚑ number-mismatch: 2020 missing")
    assert "2020 → 2020" not in shown
    s.press("n", "[2/2]", "⚑ term-miss: 村民 → villagers of the test",
            "glossary: 村民 → villagers of the test", "‹ 2020年村里修了新路。")  # fmt: skip
    s.press("y", "cūn mín hěn gāo xìng")
    s.press("n", "end of the list (2 pairs); q quits")
    s.finish()


def test_go_to_merge_and_split(edition):
    s = review(edition, "--filter", "all")
    s.press("g", "Go to (1–6)")
    s.press("3\r", "[3/6]", "村民很高兴。")
    s.press("p", "[2/6]")
    s.press("m", "saved: merged", "[2/5]", "村里修了新路。村民很高兴。")
    s.press("s", "Split at (1–12", "7  村里修了新路。 | 村民很高兴。")
    s.press("\r", "English of part 1: 村里修了新路。")
    s.press("\r", "English of part 2: 村民很高兴。")
    s.press("\r", "saved: split", "[2/6]")
    s.finish()
    assert pairs(edition)[1:3] == [
        ("村里修了新路。", "The village built a new road.", "machine"),
        ("村民很高兴。", "The villagers are very happy.", "machine"),
    ]


def test_one_side_moves_the_english_and_undo_takes_it_back(tmp_path):
    edition = make_edition(tmp_path / "ed", english=ALIGNED)
    s = review(edition, "--filter", "all", cols=120)
    s.press("n", "[2/6]")
    s.press(">", "saved: moved 5 English words",
            "› 村民很高兴。 | The villagers are very happy. Everyone came to see it.")  # fmt: skip
    s.press("n", "[3/6]", "The villagers are very happy. Everyone came to see it.")
    s.press(">", "saved: moved 5 English words", "[3/6]")  # the last sentence on again
    s.press("n", "[4/6]", "Everyone came to see it.")
    # …and back: its only sentence to the previous pair, which the screen then shows
    s.press("<", "saved: moved 5 English words", "[3/6]")
    s.press("u", "saved: undid")
    s.press("u", "saved: undid")
    s.finish()
    assert [en for _, en, _ in pairs(edition)][1:4] == [
        "The village built a new road.",
        "The villagers are very happy. Everyone came to see it.",
        "",
    ]


def test_translation_memory_match_is_shown_and_inserted_with_t(edition):
    with TranslationMemory(Path(os.environ["BILINGUAL_TM"])) as tm:
        tm.add([_row("村里修了条新路。", "The village has built a new road.", "day-1",
                     "2024-05-01", "human")])  # fmt: skip
    s = review(edition, cols=120)
    s.press("n", "[2/6]", "t TM 87%  村里修了条新路。 → The village has built a new road.",
            "(day-1, 2024-05-01)")  # fmt: skip
    s.press("t", "From the translation memory (87%, day-1)")
    s.press("\r", "saved: edited", "[3/6]")
    s.finish()
    assert pairs(edition)[1][1:] == ("The village has built a new road.", "edited")
    with TranslationMemory(Path(os.environ["BILINGUAL_TM"])) as tm:  # and in turn remembered
        assert tm.exact("村里修了新路。").en == "The village has built a new road."


@pytest.mark.parametrize(("rows", "cols"), [(24, 80), (16, 50)])
def test_a_small_terminal_keeps_position_filter_pair_and_keys(edition, rows, cols):
    s = review(edition, rows=rows, cols=cols)
    shown = s.wait("[1/6]  filter: unreviewed", "乡村振兴", "Rural revitalisation", "a approve")
    assert ("2 ·  村里修了新路。" in shown) == (cols >= 70)  # the list only where it fits
    assert all(len(line) <= cols for line in shown.splitlines())
    s.press("a", "[2/6]", "saved: approved")
    s.finish()


def test_help_lists_the_keys_and_any_key_closes_it(edition):
    s = review(edition)
    s.press("?", "move the last English sentence to the next pair", "t      use the best")
    s.press("x", "[1/6]", gone=("any key closes this",))
    s.finish()


def test_sigkill_right_after_a_change_keeps_it(edition):
    s = review(edition)
    s.press("a", "saved: approved 1 pair")
    s.child.kill(signal.SIGKILL)
    s.kill()
    with EditionStore(edition) as store:
        assert store.pair(sid_of(store, "乡村振兴")).status == "approved"
        assert [r["action"] for r in store.history()] == ["approve"]


def test_external_editor_and_retranslate(edition, tmp_path):
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\nprintf "Revitalising\\nthe countryside\\n# ignored\\n" > "$1"\n')
    script.chmod(0o755)
    s = review(edition, env={"EDITOR": str(script), "VISUAL": ""})
    s.press("E", "saved: edited", "[2/6]")
    s.press("r", "saved: re-translated", "[2/6]")
    s.finish()
    with EditionStore(edition) as store:
        assert store.pair(sid_of(store, "乡村振兴")).en == "Revitalising the countryside"
        assert [r["action"] for r in store.history()] == ["edit", "retranslate"]
