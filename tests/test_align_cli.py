"""`bilingual align`: bead output, segmentation paths, the MT bridge file, the edition."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from align_texts import EN, EN_PAGE, GOLD, MT, UNRELATED_EN, ZH, ZH_PAGE
from typer.testing import CliRunner

from bilingual.align import Bead
from bilingual.align.edition import _pair_fields
from bilingual.cli import app
from bilingual.document import Flag
from bilingual.errors import InputError
from bilingual.store import EditionStore

runner = CliRunner()
BEAD_LINE = re.compile(r"^\[([0-9,]*)\]:\[([0-9,]*)\]\t(0\.\d\d|1\.00)$")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


def parse_beads(output: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = []
    for line in output.splitlines():
        m = BEAD_LINE.match(line)
        assert m, f"not a bead line: {line!r}"
        zh, en = (tuple(int(x) for x in g.split(",") if x) for g in m.groups()[:2])
        beads.append((zh, en))
    return beads


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "zh": ("\n".join(ZH) + "\n"),
        "en": ("\n".join(EN) + "\n"),
        "mt": ("\n".join(MT) + "\n"),
        "zh_page": ZH_PAGE,
        "en_page": EN_PAGE,
        "unrelated": "\n".join(UNRELATED_EN) + "\n",
    }
    out = {}
    for name, text in paths.items():
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("bridge", [False, True], ids=["dictionary", "mt-file"])
def test_beads_presegmented(files: dict[str, Path], bridge: bool) -> None:
    extra = ["--mt", str(files["mt"])] if bridge else ["--no-model"]
    out = run("align", str(files["zh"]), str(files["en"]), "--presegmented", "--beads", *extra)
    assert parse_beads(out) == GOLD
    assert "[10]:[]\t0.00" in out.splitlines()


def test_beads_from_running_text(files: dict[str, Path]) -> None:
    """Without --presegmented both sides are segmented: ingest for Chinese, rules for English."""
    out = run("align", str(files["zh_page"]), str(files["en_page"]), "--beads", "--no-model")
    assert parse_beads(out) == GOLD


def test_progress_bar_on_a_terminal_only(files: dict[str, Path], tmp_path: Path) -> None:
    """On a real terminal (pty) a progress bar is drawn on stderr; in a pipe nothing is."""
    import pexpect

    args = ["align", str(files["zh"]), str(files["en"]), "--presegmented", "--no-model"]
    child = pexpect.spawn(
        sys.executable, ["-m", "bilingual", *args, "--beads"], encoding="utf-8", timeout=60
    )
    screen = child.read()
    child.close()
    assert child.exitstatus == 0
    assert "Aligning" in screen and "━" in screen
    assert [m.group(0) for m in re.finditer(r"\[[0-9,]*\]:\[[0-9,]*\]", screen)] == [
        f"[{','.join(map(str, z))}]:[{','.join(map(str, e))}]" for z, e in GOLD
    ]
    piped = subprocess.run(
        [sys.executable, "-m", "bilingual", *args, "--beads"], capture_output=True, text=True
    )
    assert piped.returncode == 0
    assert piped.stderr == "Aligning from the dictionary alone (model use turned off).\n"
    assert parse_beads(piped.stdout) == GOLD


def test_help_shows_the_bead_format() -> None:
    """Rich markup must not eat the brackets of the format."""
    text = " ".join(runner.invoke(app, ["align", "--help"]).stdout.replace("│", " ").split())
    assert "[zh ids]:[en ids] (0-based)" in text and "[7,8]:[7]" in text
    assert "Example: bilingual align" in text


def test_mt_file_with_wrong_line_count(files: dict[str, Path], tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("\n".join(MT[:5]), encoding="utf-8")
    result = runner.invoke(
        app, ["align", str(files["zh"]), str(files["en"]), "--presegmented", "--mt", str(short)]
    )
    assert isinstance(result.exception, InputError)
    assert "has 5 lines for 14 Chinese sentences" in result.exception.message


@pytest.mark.parametrize(
    ("zh", "en", "message"),
    [
        ("en", "zh", "en.txt has hardly any Chinese"),
        ("zh", "zh", "zh.txt looks like Chinese, not English"),
    ],
)
def test_files_in_the_wrong_language(
    files: dict[str, Path], zh: str, en: str, message: str
) -> None:
    result = runner.invoke(app, ["align", str(files[zh]), str(files[en]), "--beads"])
    assert isinstance(result.exception, InputError)
    assert message in result.exception.message


def test_unrelated_english_scores_low(
    files: dict[str, Path], capsys: pytest.CaptureFixture, tmp_path: Path
) -> None:
    """A wrong English file must not look like a fair alignment: most beads flagged, a notice."""
    from mt_support import run_cli

    base = ["align", files["zh"], files["unrelated"], "--presegmented", "--no-model"]
    code, _out, err = run_cli(capsys, *base, "-e", tmp_path / "ed")
    assert code == 0 and "Most beads score low" in err
    with EditionStore(tmp_path / "ed") as store:
        flags = [[f.code for f in p.flags] for p in store.pairs()]
    assert sum("low-confidence" in f for f in flags) > len(flags) / 2
    code, _out, err = run_cli(capsys, *base[:2], files["en"], *base[3:], "--beads")
    assert code == 0 and "Most beads score low" not in err


def test_error_is_one_line_with_exit_code(files: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "bilingual", "align", str(missing), str(files["en"]), "--beads"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == InputError.exit_code
    assert proc.stderr.startswith("Error: ") and proc.stderr.count("\n") == 1
    assert proc.stdout == ""


@pytest.mark.parametrize(("zh", "en"), [(1, 20_000), (20_000, 1)])
@pytest.mark.parametrize("presegmented", [True, False], ids=["presegmented", "running"])
def test_lopsided_files_are_refused(
    capsys: pytest.CaptureFixture, tmp_path: Path, zh: int, en: int, presegmented: bool
) -> None:
    """1 vs 20,000 sentences (either way): one line and exit 2, and no edition is made."""
    from mt_support import run_cli

    zh_file, en_file = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh_file.write_text("\n".join((ZH * zh)[:zh]) + "\n", encoding="utf-8")
    en_file.write_text("\n".join((EN * en)[:en]) + "\n", encoding="utf-8")
    args = ["align", zh_file, en_file, "--no-model", "-e", tmp_path / "ed"]
    code, out, err = run_cli(capsys, *args, *(["--presegmented"] if presegmented else []))
    assert code == InputError.exit_code and out == ""
    counts = f"has {zh:,} sentence{'s' * (zh > 1)} and {en_file} {en:,} sentence{'s' * (en > 1)}"
    assert (
        err == f"Error: {zh_file} {counts}: more than 5 to 1, too lopsided to be a text and "
        "its translation. Check that the files belong together, or cut the longer one to the "
        "translated part.\n"
    )
    assert not (tmp_path / "ed").exists()


def test_edition_is_written(files: dict[str, Path], tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    args = [str(files["zh"]), str(files["en"]), "--presegmented", "--no-model"]
    out = run("align", *args, "-e", str(edition))
    assert out.startswith("Aligned 14 Chinese and 13 English sentences into 13 beads")
    with EditionStore(edition) as store:
        pairs = store.pairs()
        history = store.history()
    assert len(pairs) == 13
    assert [p.zh for p in pairs][8] == ZH[8] + ZH[9]
    assert pairs[6].en == f"{EN[6]} {EN[7]}"
    assert {p.signature for p in pairs} == {"align dictionary"}
    omitted = pairs[9]
    assert (omitted.zh, omitted.en, omitted.status) == (ZH[10], "", "untranslated")
    assert list(omitted.flags) == [Flag("no-english", "no English counterpart found")]
    assert all(p.status == "machine" and p.score is not None for i, p in enumerate(pairs) if i != 9)
    assert history[-1]["action"] == "align"


def test_aligned_pairs_are_labelled_a_human_translation(
    files: dict[str, Path], tmp_path: Path
) -> None:
    """The export rows, the TMX and the page say who made the English: a person, not MT."""
    edition = tmp_path / "ed"
    run(
        "align",
        str(files["zh"]),
        str(files["en"]),
        "--presegmented",
        "--no-model",
        "-e",
        str(edition),
    )
    rows = [json.loads(line) for line in run("export", "-e", str(edition)).splitlines()]
    assert {r["origin"] for r in rows if r["en"]} == {"aligned"}
    tsv = run("export", "-e", str(edition), "--format", "tsv").splitlines()
    assert tsv[0].endswith("\tsignature\torigin") and tsv[1].endswith("\taligned")
    assert '<prop type="x-origin">aligned</prop>' in run("export", "-e", str(edition), "-f", "tmx")
    run("render", "-e", str(edition), "--format", "html")
    page = next(edition.glob("*.html")).read_text(encoding="utf-8")
    assert "English: human translation (aligned), 12 sentences." in page
    assert "12 not reviewed" in page and "machine" not in page.lower()


def test_realign_keeps_reviewed_pairs(files: dict[str, Path], tmp_path: Path) -> None:
    edition = tmp_path / "ed"
    args = ["align", str(files["zh"]), str(files["en"]), "--presegmented", "--no-model"]
    args += ["-e", str(edition)]
    run(*args)
    with EditionStore(edition) as store:
        sid = store.pairs()[0].sid
        with store.transaction():
            store.update_pair(sid, en="Reviewed.", status="approved")
    assert "1 reviewed pairs kept" in run(*args)
    with EditionStore(edition) as store:
        assert (store.pair(sid).en, store.pair(sid).status) == ("Reviewed.", "approved")


def test_pair_fields_policy() -> None:
    """0:1 English joins the previous pair (or the first), low scores and 1:0 are flagged."""
    en = ["E0", "E1", "E2", "E3"]
    beads = [
        Bead((), (0,), 0.0),
        Bead((0,), (1,), 0.9),
        Bead((), (2,), 0.0),
        Bead((1,), (), 0.0),
        Bead((2,), (3,), 0.1),
    ]
    fields = _pair_fields(beads, en, "mt-file")
    assert [f["en"] for f in fields] == ["E0 E1 E2", "", "E3"]
    assert [f["status"] for f in fields] == ["machine", "untranslated", "machine"]
    assert [[flag.code for flag in f["flags"]] for f in fields] == [
        ["extra-english", "extra-english"],
        ["no-english"],
        ["low-confidence"],
    ]
    assert fields[2]["flags"][0].detail == "score 0.10"
    assert str(fields[0]["signature"]) == "align mt-file"


def test_installed_argos_model_is_the_bridge(
    files: dict[str, Path],
    tiny_argosmodel: Path,
    capsys: pytest.CaptureFixture,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without --mt an installed zh→en model translates the Chinese (tiny nonsense model:
    the point is the path, not the quality); --no-model goes back to the dictionary."""
    from mt_support import run_cli

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))  # this test's own
    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0
    base = ["align", files["zh"], files["en"], "--presegmented"]
    code, out, err = run_cli(capsys, *base, "--beads")
    assert code == 0 and "dictionary alone" not in err
    assert len(parse_beads(out)) > 0
    code, out, err = run_cli(capsys, *base, "--beads", "--no-model")
    assert code == 0 and "Aligning from the dictionary alone" in err
    assert parse_beads(out) == GOLD


def test_utf16_inputs_without_bom(files: dict[str, Path], tmp_path: Path) -> None:
    """UTF-16 files without a byte order mark align like their UTF-8 originals."""
    expected = run("align", str(files["zh"]), str(files["en"]), "--presegmented", "--beads")
    for name, encoding in (("zh", "utf-16-le"), ("en", "utf-16-be")):
        text = files[name].read_text(encoding="utf-8")
        files[name] = tmp_path / f"{name}16.txt"
        files[name].write_bytes(text.encode(encoding))
    beads = run("align", str(files["zh"]), str(files["en"]), "--presegmented", "--beads")
    assert beads == expected and parse_beads(beads)
