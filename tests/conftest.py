"""Shared fixtures. Golden files are rewritten with `pytest --regen-golden`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilingual.terms.files import NOT_TERMS_FILE, read_not_terms, read_tsv
from bilingual.terms.glossary import Glossary

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = ROOT / "samples" / "seed-page.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (review the diff before committing).",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def real_glossary() -> Glossary:
    """The repository's glossary/ data (whatever BILINGUAL_GLOSSARY_DIR says), not-terms too."""
    directory = ROOT / "glossary"
    entries = {e.zh: e for path in sorted(directory.glob("*.tsv")) for e in read_tsv(path)}
    return Glossary(entries=entries, not_terms=read_not_terms(directory / NOT_TERMS_FILE))


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never touch the real user data, cache or Argos directories from a test."""
    base = tmp_path_factory.getbasetemp() / "userdirs"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
        ("BILINGUAL_CACHE_DIR", "cache/bilingual"),
        ("ARGOS_PACKAGES_DIR", "argos-packages"),
        ("BILINGUAL_MODELS_DIR", "models"),
    ):
        if var not in os.environ or not os.environ[var].startswith(str(base)):
            monkeypatch.setenv(var, str(base / sub))
    # each test its own translation memory: review operations write to it
    monkeypatch.setenv("BILINGUAL_TM", str(tmp_path_factory.mktemp("tm") / "tm.sqlite"))


# Translation fixtures: `no_network` makes socket connects and name lookups fail
# (tests/mt_support.py); `tiny_argosmodel` is the tiny real Argos package (tests/tinymodel.py),
# built once per session; `tiny_ct2_models` one tiny CTranslate2 folder per kind (opus-mt, nllb,
# m2m100; tests/tinyct2.py); `printed` is the test newspaper printed to PDF and PNG by
# headless Chromium (tests/newspaper.py), once per session.
from mt_support import no_network  # noqa: E402, F401
from newspaper import printed  # noqa: E402, F401
from tinyct2 import tiny_ct2_models  # noqa: E402, F401
from tinymodel import tiny_argosmodel  # noqa: E402, F401
