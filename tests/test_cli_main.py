"""main(): how the console entry point ends a run (Ctrl-C, library errors, bugs)."""

from __future__ import annotations

import sys

import pytest
import typer

import bilingual.cli as cli
from bilingual.errors import EditionError


def _app_raising(exc: BaseException) -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)

    @app.command()
    def work() -> None:
        raise exc

    @app.command()
    def other() -> None:  # two commands, so `work` is a subcommand as in the real app
        pass

    return app


@pytest.mark.parametrize(
    ("exc", "code", "stderr"),
    [
        (KeyboardInterrupt(), 130, "Interrupted.\n"),
        (
            EditionError("No edition at x", "Create one."),
            3,
            "Error: No edition at x. Create one.\n",
        ),
        (ValueError("boom"), 70, "Error: internal error (ValueError: boom). "),
    ],
    ids=["ctrl-c", "library-error", "bug"],
)
def test_main_ends_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    exc: BaseException,
    code: int,
    stderr: str,
) -> None:
    monkeypatch.setattr(cli, "app", _app_raising(exc))
    monkeypatch.setattr(sys, "argv", ["bilingual", "work"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == code
    err = capsys.readouterr().err
    assert err.startswith(stderr)
    assert err.count("\n") == 1
