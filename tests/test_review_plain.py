"""The line reviewer (`review --plain`, dumb terminals), driven in a real pseudo-terminal
(pexpect); its keys and line editor."""

from __future__ import annotations

import os
import signal
import sys

import pexpect
import pytest
from review_support import make_edition, sid_of

from bilingual.cli.keys import LineEditor, Terminal, decode_char, read_line
from bilingual.cli.review_ui import default_split, ruled
from bilingual.document import Flag
from bilingual.review_session import Session
from bilingual.store import EditionStore

CTRL_U, CTRL_A, ESC, CTRL_C = "\x15", "\x01", "\x1b", "\x03"


def spawn(directory, *args: str, env: dict | None = None) -> pexpect.spawn:
    environ = dict(os.environ, TERM="dumb", NO_COLOR="1", COLUMNS="200", LINES="50")
    environ.update(env or {})
    return pexpect.spawn(
        sys.executable,
        ["-m", "bilingual", "review", "--plain", "-e", str(directory), *args],
        env=environ,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 200),
    )


def screen(child: pexpect.spawn, position: str, status: str = "unreviewed") -> None:
    """Wait for the screen of pair `position` (like "2/6") and its key prompt."""
    child.expect_exact(f"[{position}] status: {status}")
    child.expect_exact("key> ")


def edit(child: pexpect.spawn, text: str) -> None:
    child.send("e")
    child.expect_exact("en> ")
    child.send(CTRL_U)
    child.send(text)
    child.send("\r")
    child.expect_exact("saved: edited")


def finish(child: pexpect.spawn) -> None:
    child.send("q")
    child.expect_exact("bye")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.fixture
def edition(tmp_path):
    return make_edition(tmp_path / "ed")


def test_approve_edit_undo_edit_quit(edition):
    child = spawn(edition)
    screen(child, "1/6")
    child.send("a")
    child.expect_exact("saved: approved 1 pair")
    screen(child, "2/6")
    edit(child, "The village paved a new road.")
    screen(child, "3/6")
    child.send("u")
    child.expect_exact("saved: undid")
    child.expect_exact("[2/6] status: unreviewed")  # back on the pair the undo restored
    child.expect_exact("en: The village built a new road.")
    child.expect_exact("key> ")
    edit(child, "A new road was built in the village.")
    screen(child, "3/6")
    finish(child)
    with EditionStore(edition) as store:
        title, road = (
            store.pair(sid_of(store, "乡村振兴")),
            store.pair(sid_of(store, "村里修了新路。")),
        )
        assert (title.status, title.en) == ("approved", "Rural revitalisation")
        assert (road.status, road.en) == ("edited", "A new road was built in the village.")
        log = [(r["action"], r["undone"]) for r in store.history()]
        assert log == [("approve", 0), ("edit", 1), ("undo", 0), ("edit", 0)]


def test_the_status_line_says_who_made_the_english(edition):
    with EditionStore(edition) as store, store.transaction():
        store.update_pair(
            sid_of(store, "乡村振兴"), signature="llm qwen2.5:7b prompt=1-ab12cd | glossary=0"
        )
    child = spawn(edition)
    child.expect_exact("[1/6] status: unreviewed · LLM translation (qwen2.5:7b)")
    child.expect_exact("key> ")
    finish(child)


def test_sigkill_right_after_an_approve_keeps_it(edition):
    child = spawn(edition)
    screen(child, "1/6")
    child.send("n")
    screen(child, "2/6")
    child.send("a")
    child.expect_exact("saved: approved 1 pair")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert child.signalstatus == signal.SIGKILL
    with EditionStore(edition) as store:
        assert store.pair(sid_of(store, "村里修了新路。")).status == "approved"
        assert [r["action"] for r in store.history()] == ["approve"]


def test_escape_cancels_and_cursor_keys_edit_in_place(edition):
    child = spawn(edition)
    screen(child, "1/6")
    child.send("e")
    child.expect_exact("en> ")
    child.send("XYZ")
    child.send(ESC)
    child.expect_exact("cancelled")
    screen(child, "1/6")
    child.send("e")
    child.expect_exact("en> ")
    child.send(CTRL_A + "The " + "\x1b[F" + "\x7f" + "m" + "\x1b[D" + "\x1b[D" + "\x1b[3~" + "\r")
    child.expect_exact("saved: edited")
    screen(child, "2/6")
    finish(child)
    with EditionStore(edition) as store:
        assert store.pair(sid_of(store, "乡村振兴")).en == "The Rural revitalisatim"


def test_merge_split_goto_in_the_reviewer(edition):
    child = spawn(edition, "--filter", "all")
    screen(child, "1/6")
    child.send("g")
    child.expect_exact("go to (1–6)> ")
    child.send("3\r")
    screen(child, "3/6")
    child.send("p")
    screen(child, "2/6")
    child.send("m")
    child.expect_exact("saved: merged")
    screen(child, "2/5")
    child.send("s")
    child.expect_exact("split at (1–12, or the text that ends part 1)> 7")
    child.send("\r")
    child.expect_exact("en 1> The village built a new road.")
    child.send("\r")
    child.expect_exact("en 2> The villagers are very happy.")
    child.send("\r")
    child.expect_exact("saved: split")
    screen(child, "2/6")
    finish(child)
    with EditionStore(edition) as store:
        texts = [(p.zh, p.en, p.status) for p in store.pairs()][1:3]
        assert texts == [
            ("村里修了新路。", "The village built a new road.", "machine"),
            ("村民很高兴。", "The villagers are very happy.", "machine"),
        ]


def test_edit_in_external_editor(edition, tmp_path):
    script = tmp_path / "fake-editor"
    script.write_text('#!/bin/sh\nprintf "Revitalising\\nthe countryside\\n# ignored\\n" > "$1"\n')
    script.chmod(0o755)
    child = spawn(edition, env={"EDITOR": str(script), "VISUAL": ""})
    screen(child, "1/6")
    child.send("E")
    child.expect_exact("saved: edited")
    finish(child)
    with EditionStore(edition) as store:
        assert store.pair(sid_of(store, "乡村振兴")).en == "Revitalising the countryside"


def test_nothing_to_review_says_so(edition):
    with EditionStore(edition) as store:
        from bilingual.review import approve

        approve(store, [p.sid for p in store.pairs()])
    child = spawn(edition)
    child.expect_exact("Nothing to review: no pair matches --filter unreviewed (6 pairs in all).")
    child.expect(pexpect.EOF)
    assert "bilingual qa" not in child.before
    child = spawn(edition, "--filter", "flagged")
    child.expect_exact("no pair matches --filter flagged (6 pairs in all).\r\n")
    child.expect_exact(f"Flags are as of the last check: `bilingual qa -e {edition}` refreshes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize(
    ("text", "keys", "expected", "result"),
    [
        ("hello", ["C-u", "h", "i", "ENTER"], "hi", "done"),
        ("hello", ["LEFT", "LEFT", "C-u"], "lo", None),
        ("hello", ["C-a", "X"], "Xhello", None),
        ("hello", ["HOME", "C-e", "!"], "hello!", None),
        ("hello", ["LEFT", "LEFT", "BACKSPACE"], "helo", None),
        ("hello", ["C-a", "DELETE", "C-d"], "llo", None),
        ("hello world", ["C-w"], "hello ", None),
        ("hello world", ["C-a", "C-f", "C-k", "C-y", "C-y"], "hello worldello world", None),
        ("hello", ["C-b", "RIGHT", "RIGHT", "s"], "hellos", None),
        ("hello", ["BACKSPACE", "ESC"], "hell", "cancel"),
        ("", ["BACKSPACE", "DELETE", "村", "民"], "村民", None),
    ],
)
def test_line_editor_keys(text, keys, expected, result):
    editor = LineEditor(text)
    results = [editor.feed(k) for k in keys]
    assert editor.text == expected
    assert results[-1] == result
    assert all(r is None for r in results[:-1])


@pytest.mark.parametrize(
    ("typed", "key"),
    [("a", "a"), ("\r", "ENTER"), ("\x15", "C-u"), ("\x7f", "BACKSPACE"), ("\x08", "BACKSPACE"),
     ("\x01", "C-a"), ("\x1b", "ESC"), ("\x1b[D", "LEFT"), ("\x1bOC", "RIGHT"),
     ("\x1b[3~", "DELETE"), ("\x1b[1~", "HOME"), ("\x1b[F", "END"), ("村", "村")],
)  # fmt: skip
def test_read_key_decodes_what_a_terminal_sends(typed, key):
    master, slave = os.openpty()
    try:
        with Terminal(fd=slave) as term:  # key-at-a-time mode, as in the reviewer
            os.write(master, typed.encode())
            assert term.read_key() == key
    finally:
        os.close(master)
        os.close(slave)


class TypesWhileDrawing:
    """A terminal output that types `keys` the first time the editor draws its line."""

    def __init__(self, master: int, keys: bytes) -> None:
        self.master, self.keys = master, keys

    def write(self, text: str) -> None:
        if self.keys:
            os.write(self.master, self.keys)
            self.keys = b""

    def flush(self) -> None:
        pass


def test_ctrl_c_during_a_redraw_cancels_the_line_not_the_session():
    """Ctrl-C typed while the editor draws is a key: as a signal it would escape the editor
    (or, with no process to take it, be swallowed and block the read)."""

    def timeout(*_):
        raise TimeoutError("Ctrl-C was taken as a signal: the read blocked")

    master, slave = os.openpty()
    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(10)  # fail instead of hanging
    try:
        with Terminal(fd=slave, out=TypesWhileDrawing(master, b"abc\x03")) as term:
            assert read_line(term, "en> ", "x") is None
            term.out = TypesWhileDrawing(master, b"ok\r")
            assert read_line(term, "en> ") == "ok"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.close(master)
        os.close(slave)


def test_decode_char_names_control_characters():
    assert [decode_char(c) for c in "\n\t\x07"] == ["ENTER", "TAB", "C-g"]


def test_screen_shows_flags_glossary_terms_and_neighbours(edition):
    from bilingual.terms.files import user_glossary_path

    path = user_glossary_path()  # under the test's own XDG_DATA_HOME, inherited by the child
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("zh\ten\n村民\tvillagers of the test\n", encoding="utf-8")
    with EditionStore(edition) as store, store.transaction():
        flag = Flag("length-ratio", "English suspiciously short")
        store.update_pair(sid_of(store, "村民很高兴。"), flags=[flag])
    child = spawn(edition, "--filter", "flagged")
    child.expect_exact("article 1 «乡村振兴» · paragraph · ")
    child.expect_exact("  ‹ 村里修了新路。 | The village built a new road.")
    child.expect_exact("[1/1] status: unreviewed")
    child.expect_exact("zh: 村民很高兴。")
    child.expect_exact("en: The villagers are very happy.")
    child.expect_exact("flag: length-ratio: English suspiciously short")
    child.expect_exact("term: 村民 → villagers of the test")
    child.expect_exact("  › 大家都来看。 | Everyone came to see it.")
    child.expect_exact("key> ")
    child.send("y")
    child.expect_exact("py: cūn mín hěn gāo xìng")
    child.send("n")
    child.expect_exact("end of the list (1 pair); q quits")
    finish(child)


def test_retranslate_then_undo(edition):
    with EditionStore(edition) as store:
        sid = sid_of(store, "甲乙。")
        with store.transaction():
            store.update_pair(sid, en="Wrong.")
    child = spawn(edition, "--article", "2", env={"EDITOR": "/nonexistent/editor", "VISUAL": ""})
    screen(child, "1/2")
    child.send("E")
    child.expect_exact("cannot run '/nonexistent/editor'")
    screen(child, "1/2")
    child.send("r")
    child.expect_exact(f"saved: re-translated {sid}")
    screen(child, "1/2")
    with EditionStore(edition) as store:
        pair = store.pair(sid)
        assert pair.en not in ("Wrong.", "") and pair.signature
        assert [r["action"] for r in store.history()] == ["retranslate"]
    child.send("u")
    child.expect_exact("saved: undid #1 retranslate")
    finish(child)
    with EditionStore(edition) as store:
        assert store.pair(sid).en == "Wrong."


LONG = "疫情就是命令，防控就是责任。青海省玉树州委组织部迅速投入抗“疫”一线，把党的强大政治优势转化为工作优势。"


def test_split_of_a_long_sentence_in_a_narrow_terminal(tmp_path):
    """The ruler wraps with the Chinese, points are listed with context, a sentence end is offered."""
    articles = [[("paragraph", LONG, [LONG])]]
    english = {
        LONG: "Epidemic is an order, control a duty. Qinghai's organisers went to the front line."
    }
    edition = make_edition(tmp_path / "ed", articles, english)
    child = spawn(edition, env={"COLUMNS": "40"})
    screen(child, "1/1")
    child.send("s")
    child.expect_exact("  疫情就是命令，防控就是责任。青海省玉\r\n")  # 36 cells: fits 40 - 3
    child.expect_exact("  0         5         10        15\r\n")
    child.expect_exact("  树州委组织部迅速投入抗“疫”一线，把党\r\n")
    child.expect_exact("      20        25       30       35\r\n")  # “ ” are one cell wide
    child.expect_exact("  after punctuation:")
    child.expect_exact("     14  …控就是责任。 | 青海省玉树州…\r\n")
    child.expect_exact("split at (1–51, or the text that ends part 1)> 14")  # not the comma at 7
    child.send("\r")
    child.expect_exact("en 1> ic is an order, control a duty.")  # scrolled to the cursor
    child.send(CTRL_C)  # cancels the line, not the session
    child.expect_exact("cancelled")
    screen(child, "1/1")
    finish(child)
    with EditionStore(edition) as store:
        assert [p.zh for p in store.pairs()] == [LONG] and store.history() == []


@pytest.mark.parametrize("width", [12, 20, 37, 80])
def test_ruled_lines_fit_and_marks_sit_under_their_offset(width):
    from rich.cells import cell_len

    lines = ruled(LONG, width)
    assert "".join(text for text, _ in lines) == LONG
    start = 0
    for text, ruler in lines:
        assert cell_len(text) <= width and len(ruler) <= width
        for mark in ruler.split():
            col = ruler.index(mark)
            assert cell_len(text[: int(mark) - start]) == col
        start += len(text)


@pytest.mark.parametrize(
    ("zh", "expected"),
    [("甲乙，丙丁。戊己，庚辛。", 6), ("甲乙，丙丁，戊己，庚辛。", 6), ("甲乙丙丁", 2),
     ("甲，乙丙丁戊己庚辛。", 2)],
)  # fmt: skip
def test_default_split_prefers_a_sentence_end_near_the_middle(zh, expected):
    from bilingual.cuts import split_point_candidates

    assert default_split(zh, split_point_candidates(zh)) == expected


def test_place_counts_blocks_in_the_article_and_sentences_in_the_block(edition):
    with EditionStore(edition) as store:
        session = Session(store, "all")
        doc = session.doc
        assert [session.place(doc[i]) for i in (0, 2, 4)] == [
            "article 1 «乡村振兴» · title · block 1/2, sentence 1/1",
            "article 1 «乡村振兴» · paragraph · block 2/2, sentence 2/3",
            "article 2 «甲乙。丙丁。» · paragraph · block 1/1, sentence 1/2",
        ]


def test_long_lines_wrap_under_their_text_not_under_the_label():
    import io

    from rich.console import Console

    from bilingual.cli.review_plain import PlainReviewer

    reviewer = PlainReviewer.__new__(PlainReviewer)  # only the console is needed to print
    out = io.StringIO()
    reviewer.console = Console(file=out, width=24, color_system=None)
    reviewer.line("zh:", "疫情就是命令，防控就是责任。")
    reviewer.line("en:", "The epidemic is a [bold]command[/]")
    assert [line.rstrip() for line in out.getvalue().splitlines()] == [
        "zh: 疫情就是命令，防控就",
        "    是责任。",
        "en: The epidemic is a",
        "    [bold]command[/]",
    ]
