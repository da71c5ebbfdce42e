"""The command line. Each command group lives in its own module and registers itself on `app`
(typer_app.py); a run loads only the module of its command.

Commands only parse options, call one library function and print; library code raises
`BilingualError`s, which `main()` turns into one line and an exit code.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from ..errors import BilingualError, Interrupted
from . import params
from .typer_app import app as _app

params.install()  # option values converted without pydantic (~0.2 s of CPU a run)

# The command modules and the commands each registers on `app` (the modules they import
# register theirs too). Keep this sorted; tests/test_cli_lazy.py checks it.
COMMANDS = {
    "align_cmd": ("align",),
    "batch_cmd": ("batch",),
    "build_cmd": ("build",),
    "eval_cmd": ("eval",),
    "export_cmd": ("export", "import"),
    "glossary_cmd": ("glossary",),
    "ingest_cmd": ("ingest", "show"),
    "models_cmd": ("models",),
    "qa_cmd": ("qa",),
    "render_cmd": ("render",),
    "review_cmd": ("review",),
    "romanize_cmd": ("romanize",),
    "tm_cmd": ("tm",),
    "translate_cmd": ("translate",),
}


def load_commands(argv: list[str] | None = None) -> typer.Typer:
    """The app with the command module `argv` names loaded (a run imports only its own
    command's code: ~0.03 s of start-up less), or with all of them (help, an unknown
    command, no `argv`)."""
    wanted = argv[0] if argv else None
    modules = [m for m, names in COMMANDS.items() if wanted in names] or list(COMMANDS)
    for module in modules:
        importlib.import_module(f"{__name__}.{module}")
    return _app


def __getattr__(name: str) -> object:
    """`bilingual.cli.app`: the app with every command (tests, the reference docs)."""
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console entry point: run the app, turning every known error into one line."""
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
    try:
        # standalone_mode=False: errors come back to us instead of a boxed message
        code = load_commands(sys.argv[1:])(standalone_mode=False)
    except BilingualError as exc:
        if debug:
            raise
        prefix = "" if isinstance(exc, Interrupted) else "Error: "
        print(f"{prefix}{exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:  # usage: missing argument, unknown option, bad value
        ctx = getattr(exc, "ctx", None)
        if ctx is not None and exc.format_message() == ctx.get_help():
            typer.echo(ctx.get_help())  # a group run without a command: its help, as click's
            sys.exit(0)
        where = ctx.command_path if ctx is not None else "bilingual"
        message = exc.format_message().strip().rstrip(".")
        print(f"Error: {message}. See `{where} --help`.", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug: still one line unless --debug
        if debug or os.environ.get("BILINGUAL_DEBUG"):
            raise
        print(
            f"Error: internal error ({type(exc).__name__}: {exc}). "
            "Re-run with --debug and report it.",
            file=sys.stderr,
        )
        sys.exit(70)
    if code == 130:  # typer turns Ctrl-C into Exit(130)
        print("Interrupted.", file=sys.stderr)
    if isinstance(code, int) and code:
        sys.exit(code)  # a command's typer.Exit(code)
