"""The typer app the command modules register their commands on (`bilingual.cli` loads them)."""

from __future__ import annotations

import typer


def _group() -> None:
    """Nothing to do before a command. Its being there keeps the app a group of commands
    when a run has loaded only one command module (typer makes an app of one command
    that command itself, which would read the command's name as its first argument)."""


app = typer.Typer(
    name="bilingual",
    help="Turn Chinese newspaper pages into bilingual Chinese–English editions, offline.\n\n"
    "Example: bilingual build samples/seed-page.txt",
    callback=_group,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help (click's): rich's renderer costs about 0.6 s of imports on every --help.
    rich_markup_mode=None,
)
