"""Helpers for the translation tests: run the CLI in-process, block the network, make editions."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from bilingual.document import assign_ids
from bilingual.store import EditionStore

SEED = Path(__file__).resolve().parent.parent / "samples" / "seed-page.txt"


def run_cli(capsys: pytest.CaptureFixture, *args: object) -> tuple[int, str, str]:
    """Run `bilingual ARGS` through `main()` (errors become one line); (exit code, out, err)."""
    from bilingual.cli import main

    capsys.readouterr()
    saved = sys.argv
    sys.argv = ["bilingual", *map(str, args)]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Make every socket connection (and name lookup) fail; records the attempts."""
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled by the no_network fixture")

    def refuse_lookup(host, *args, **kwargs):
        attempts.append(host)
        raise socket.gaierror("network disabled by the no_network fixture")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    return attempts


def own_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terms: str) -> None:
    """A test's own models, cache and config, and a glossary of just `terms` (a TSV body)."""
    for var, name in (
        ("BILINGUAL_MODELS_DIR", "models"),
        ("ARGOS_PACKAGES_DIR", "argos"),
        ("BILINGUAL_CACHE_DIR", "cache"),
        ("BILINGUAL_CONFIG", "config.toml"),
    ):
        monkeypatch.setenv(var, str(tmp_path / name))
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.tsv").write_text("zh\ten\n" + terms, encoding="utf-8")
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(glossary))


def seed_sentences(limit: int | None = None) -> list[str]:
    """Sentences of the seed page (a crude split: this is test data, not the ingest code)."""
    import re

    text = "".join(SEED.read_text(encoding="utf-8").split())
    sentences = [s for s in re.findall(r"[^。！？]+[。！？]?", text) if s.strip()]
    return sentences[:limit] if limit else sentences


def make_edition(directory: Path, sentences: list[str], name: str = "") -> Path:
    """An edition with one article: a title block, then paragraphs of up to four sentences."""
    blocks = [("title", sentences[0], [sentences[0]])]
    for i in range(1, len(sentences), 4):
        chunk = sentences[i : i + 4]
        blocks.append(("paragraph", "".join(chunk), chunk))
    edition = assign_ids([blocks], name or directory.name)
    with EditionStore(directory, create=True) as store:
        store.save_edition(edition)
    return directory
