"""`bilingual batch --ray` on a real local Ray instance (2 CPUs, started once for the module:
`ray.init` takes about 20 s on the 2-core machine) with the tiny real Argos model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from batch_support import pairs_of, write_pages
from mt_support import run_cli

from bilingual.batch import BatchOptions, run_batch
from bilingual.pipeline import BuildOptions

# As `cluster.py` does before importing Ray: no `uv run` environment for each worker.
os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
ray = pytest.importorskip("ray")  # the `cluster` extra; .ci/run installs every extra

ARGOS = BuildOptions(engine="argos", formats=("html",))


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture
def installed(tiny_argosmodel, capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))  # this test's own
    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0


def english(report) -> dict[str, str]:
    return {p.sid + e.name: p.en for e in report.editions for p in pairs_of(e.directory)}


def test_ray_actors_translate_what_local_workers_do(
    local_ray, installed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pages(tmp_path / "pages", days=3)
    local = run_batch([tmp_path / "pages"], tmp_path / "local", BatchOptions(build=ARGOS))
    monkeypatch.setenv("BILINGUAL_CACHE_DIR", str(tmp_path / "cache-ray"))  # translate again
    options = BatchOptions(build=ARGOS, ray=True, workers=2)  # ship: bytes
    remote = run_batch([tmp_path / "pages"], tmp_path / "ray", options)
    assert remote.translated == local.translated > 0
    assert [e.state for e in remote.editions] == ["done"] * 3
    assert english(remote) == english(local)
    signatures = {p.signature for e in remote.editions for p in pairs_of(e.directory)}
    assert len(signatures) == 1 and signatures.pop().startswith("argos translate-zh_en-tiny v0.1")
    # the actors are gone: both CPUs are free again, and Ray (the test's) still runs
    assert ray.available_resources().get("CPU") == 2


def test_ray_from_the_cli_with_the_model_read_from_the_shared_folder(
    local_ray, installed, tmp_path: Path, capsys
) -> None:
    write_pages(tmp_path / "pages", days=2)
    (tmp_path / "pages" / "broken.txt").write_bytes(b"\x00\x01 binary")
    out = tmp_path / "out"
    code, stdout, err = run_cli(
        capsys, "batch", tmp_path / "pages", "--out", out, "--engine", "argos", "--ray",
        "--ship", "path", "--workers", "2", "--json",
    )  # fmt: skip
    assert code == 1, err
    data = json.loads(stdout)
    assert data["totals"]["done"] == 2 and data["totals"]["failed"] == 1
    assert data["totals"]["translated_pairs"] == data["totals"]["pairs"] > 0
    assert data["totals"]["engine"] == "argos"
    assert "Failed: broken:" in err
    assert (out / "index.html").is_file()
