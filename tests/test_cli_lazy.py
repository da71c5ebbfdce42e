"""A run loads only its command's module; `bilingual.cli.COMMANDS` names what each registers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main

from bilingual.cli import COMMANDS, app

# In a fresh interpreter: the command names the app has after loading one command's module.
LOADED = """
import json, sys, typer.main
from bilingual.cli import load_commands
group = typer.main.get_command(load_commands(sys.argv[1:]))
print(json.dumps({"commands": sorted(group.commands),
                  "modules": sorted(m for m in sys.modules if m.startswith("bilingual.cli."))}))
"""


def _loaded(argv: list[str]) -> dict:
    run = subprocess.run(
        [sys.executable, "-c", LOADED, *argv], capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


def test_the_table_names_every_command() -> None:
    every = set(typer.main.get_command(app).commands)
    assert {name for names in COMMANDS.values() for name in names} == every


@pytest.mark.parametrize(
    ("module", "name"), [(m, n) for m, names in COMMANDS.items() for n in names]
)
def test_a_command_loads_its_module_only(module: str, name: str) -> None:
    loaded = _loaded([name, "--help"])
    assert name in loaded["commands"]
    others = {f"bilingual.cli.{m}" for m in COMMANDS} - {f"bilingual.cli.{module}"}
    # a module may import another's shared options (render's), never the whole set
    assert len(others & set(loaded["modules"])) <= 1


@pytest.mark.parametrize("argv", [[], ["--help"], ["no-such-command"], ["-x", "show"]])
def test_help_and_unknown_commands_load_all(argv: list[str]) -> None:
    assert set(_loaded(argv)["commands"]) == set(typer.main.get_command(app).commands)


def test_one_command_loaded_is_still_a_command_of_the_group() -> None:
    """With one module loaded the app stays a group: `bilingual romanize X` romanizes X
    (typer would otherwise make `romanize` the app and read "romanize" as its text)."""
    run = subprocess.run(
        [sys.executable, "-m", "bilingual", "romanize", "习近平"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout == "习近平\tXi Jinping\n"
