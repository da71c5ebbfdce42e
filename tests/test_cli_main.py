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
    monkeypatch.setattr(cli, "load_commands", lambda argv: _app_raising(exc))
    monkeypatch.setattr(sys, "argv", ["bilingual", "work"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == code
    err = capsys.readouterr().err
    # one line of message (click echoes a bare newline after ^C, as a shell would)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(stderr.strip())


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        (
            ["review", "approve", "-e", "x"],
            "Error: Missing argument 'ids'. See `bilingual review approve --help`.\n",
        ),
        (["ingest", "--bogus"], "Error: No such option: --bogus. See `bilingual ingest --help`.\n"),
    ],
)
def test_usage_errors_are_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv, stderr
) -> None:
    monkeypatch.setattr(sys, "argv", ["bilingual", *argv])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 2
    assert capsys.readouterr().err == stderr


@pytest.mark.parametrize("argv", [[], ["glossary"]], ids=["app", "group"])
def test_a_group_without_a_command_prints_its_help(
    argv: list[str], monkeypatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bilingual` or `bilingual glossary` alone shows the usage and commands (it printed
    nothing: main() runs click outside standalone mode, which leaves the help to the caller)."""
    monkeypatch.setattr(sys, "argv", ["bilingual", *argv])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out = capsys.readouterr()
    assert exit_info.value.code == 0
    assert out.out.startswith(f"Usage: bilingual {' '.join(argv)}".rstrip() + " [OPTIONS] COMMAND")
    assert "Commands:" in out.out
    assert out.err == ""
