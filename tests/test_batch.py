"""`bilingual batch` on local workers: grouping, cross-edition deduplication, the index,
resume after a stop, a bad page among good ones, --json. (Ray: tests/test_batch_ray.py.)"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import pairs_of, write_pages
from mt_support import run_cli

from bilingual.batch import BatchOptions, run_batch
from bilingual.batch.groups import expand, group, page_date
from bilingual.errors import InputError, ModelError
from bilingual.pipeline import BuildOptions
from bilingual.store import default_cache_dir

FAKE = BatchOptions(build=BuildOptions(engine="fake", formats=("html",)), workers=2)


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translation cache of the test's own: these tests count what it holds."""
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize(
    ("name", "text", "date"),
    [
        ("2024-03-05-p1.txt", "", "2024-03-05"),
        ("rmrb_2024_03_05.pdf", "", "2024-03-05"),
        ("rmrb20240305-04.png", "", "2024-03-05"),
        ("人民日报2024年3月5日.txt", "", "2024-03-05"),
        ("page4.txt", "人民日报　2024年3月5日　星期二\n\n标题", "2024-03-05"),
        ("page4.txt", "标题\n\n本报讯 没有日期。", None),
        ("scan-2024.png", "", None),
        ("20241399.txt", "", None),  # no 13th month
        ("2024-03-05.txt", "1999年1月1日", "2024-03-05"),  # the file name comes first
    ],
)
def test_page_date(tmp_path: Path, name: str, text: str, date: str | None) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert page_date(path) == date


def test_grouping_by_file_dir_and_date(tmp_path: Path) -> None:
    write_pages(tmp_path / "a", days=2, per_day=2)
    write_pages(tmp_path / "b", days=1)
    (tmp_path / "b" / "undated.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    (tmp_path / "b" / "notes.json").write_text("{}", encoding="utf-8")  # not a page
    pages = expand([tmp_path / "a", str(tmp_path / "b" / "*.txt")])
    assert len(pages) == 6
    by_file = group(pages, "file")
    assert len({g.name for g in by_file}) == 6  # the two 2024-03-01-p1 pages get their folder
    assert {g.name for g in by_file if "2024-03-01-p1" in g.name} == {
        "a-2024-03-01-p1-txt",
        "b-2024-03-01-p1-txt",
    }
    assert [(g.name, len(g.sources)) for g in group(pages, "dir")] == [("a", 4), ("b", 2)]
    assert [(g.name, len(g.sources)) for g in group(pages, "date")] == [
        ("2024-03-01", 3),
        ("2024-03-02", 2),
        ("undated", 1),
    ]


def test_sources_that_name_nothing_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file or folder"):
        expand([tmp_path / "missing"])
    with pytest.raises(InputError, match="No page files"):
        expand([str(tmp_path / "*.txt")])


def test_each_distinct_sentence_is_translated_once_and_a_rerun_only_does_what_is_new(
    tmp_path: Path,
) -> None:
    write_pages(tmp_path / "pages", days=3)
    out = tmp_path / "out"
    report = run_batch([tmp_path / "pages"], out, FAKE)
    assert [e.state for e in report.editions] == ["done"] * 3
    every = [p for e in report.editions for p in pairs_of(e.directory)]
    distinct = {p.zh for p in every}
    assert len(every) > len(distinct)  # the pages share sentences
    assert report.translated == len(distinct)
    assert {p.status for p in every} == {"machine"}
    assert all(p.en.startswith("EN[") for p in every)
    with sqlite3.connect(default_cache_dir() / "translations.sqlite") as db:
        assert db.execute("SELECT count(*) FROM tm").fetchone()[0] == len(distinct)
    html = [e.paths[0] for e in report.editions]
    assert all(p.suffix == ".html" and p.is_file() for p in html)
    index = (out / "index.html").read_text(encoding="utf-8")
    for edition in report.editions:
        assert f'href="{edition.name}/{edition.name}.html"' in index
        assert f"{edition.stats.pairs}/{edition.stats.pairs}" in index
    assert "<script" not in index and "http" not in index.split("</head>")[1]
    stamps = [p.stat().st_mtime_ns for p in html]

    again = run_batch([tmp_path / "pages"], out, FAKE)
    assert (again.translated, again.cached) == (0, 0)
    assert [e.state for e in again.editions] == ["done"] * 3
    assert not any(e.ingested for e in again.editions)  # the stores are newer than the pages
    assert [p.stat().st_mtime_ns for p in html] == stamps  # nothing changed: not re-rendered

    write_pages(tmp_path / "pages", days=4)  # days 1-3 rewritten as they were, and day 4
    more = run_batch([tmp_path / "pages"], out, FAKE)
    assert [e.state for e in more.editions] == ["done"] * 4
    # day 4's masthead and its own paragraph are new; its other sentences are in the cache
    assert more.translated == 2
    assert more.cached == len({p.zh for p in pairs_of(more.editions[3].directory)}) - 2


def test_a_bad_page_is_reported_and_the_others_are_done(tmp_path: Path, capsys) -> None:
    write_pages(tmp_path / "pages", days=2)
    (tmp_path / "pages" / "broken.txt").write_bytes(b"\x00\x01\x02\x03 binary")
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        capsys, "batch", tmp_path / "pages", "--out", out, "--engine", "fake", "--json"
    )
    assert code == 1
    data = json.loads(stdout)
    states = {e["name"]: (e["state"], e["error"]) for e in data["editions"]}
    assert states["broken"][0] == "failed"
    assert "binary file" in states["broken"][1]
    assert states["2024-03-01-p1"] == ("done", "") and states["2024-03-02-p1"] == ("done", "")
    assert data["totals"]["failed"] == 1 and data["totals"]["done"] == 2
    assert data["totals"]["translated_pairs"] == data["totals"]["pairs"] > 0
    assert err.startswith("Failed: broken: ") and "binary file" in err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "failed: " in index and "binary file" in index


def test_ray_without_ray_says_how_to_install_it(tmp_path: Path, monkeypatch, capsys) -> None:
    write_pages(tmp_path / "pages", days=1)
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray → ImportError
    code, _, err = run_cli(
        capsys, "batch", tmp_path / "pages", "--out", tmp_path / "out", "--engine", "fake", "--ray"
    )
    assert code == ModelError.exit_code
    assert err.strip() == (
        "Error: --ray needs Ray, which is not installed. Install the cluster extra: "
        "`uv pip install 'bilingual[cluster]'` (or pip)."
    )


def _cached_rows() -> int:
    path = default_cache_dir() / "translations.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=1) as db:
            return db.execute("SELECT count(*) FROM tm").fetchone()[0]
    except sqlite3.OperationalError:  # the table is not there yet
        return 0


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_stopped_run_resumes_where_it_stopped(
    tmp_path: Path, how: signal.Signals, request: pytest.FixtureRequest
) -> None:
    days = 10
    write_pages(tmp_path / "pages", days=days)
    out = tmp_path / "out"
    env = os.environ | {"BILINGUAL_FAKE_DELAY": "0.15"}  # seconds a sentence
    args = [sys.executable, "-m", "bilingual", "batch", str(tmp_path / "pages")]
    args += ["--out", str(out), "--engine", "fake", "--workers", "1", "--json"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    request.addfinalizer(proc.kill)
    deadline = time.monotonic() + 60
    while _cached_rows() < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(how)
    stdout, stderr = proc.communicate(timeout=60)
    kept = _cached_rows()
    total = days + 1 + 1 + 2 + days  # mastheads, title, dateline, shared and own paragraphs
    if how == signal.SIGINT:
        assert proc.returncode == 130, stderr
        assert f"Interrupted: kept {kept} of {total} sentences; run the same command" in (
            stderr.decode()
        )
        data = json.loads(stdout)
        assert data["totals"]["interrupted"] is True
        assert data["totals"]["translated"] == kept
        # what was translated is in the stores too, not only in the cache
        assert 0 < data["totals"]["translated_pairs"] < data["totals"]["pairs"]
        assert "interrupted" in {e["state"] for e in data["editions"]}
        assert (out / "index.html").is_file()
    else:
        assert proc.returncode == -signal.SIGKILL
    assert 3 <= kept < total

    again = subprocess.run(args, env=os.environ, capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert data["totals"]["translated"] == total - kept  # nothing translated twice
    assert data["totals"]["done"] == days
    assert data["totals"]["translated_pairs"] == data["totals"]["pairs"]
