"""The typer app. Each command group lives in its own module and registers itself on `app`.

Commands only parse options, call one library function and print; library code raises
`BilingualError`s, which `main()` turns into one line and an exit code.
"""

from __future__ import annotations

import os
import sys

import typer

from ..errors import BilingualError, Interrupted
from . import params

params.install()  # option values converted without pydantic (~0.2 s of CPU a run)

app = typer.Typer(
    name="bilingual",
    help="Turn Chinese newspaper pages into bilingual Chinese–English editions, offline.\n\n"
    "Example: bilingual build samples/seed-page.txt",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help (click's): rich's renderer costs about 0.6 s of imports on every --help.
    rich_markup_mode=None,
)

# Command modules register their commands on import. Keep this list sorted.
from . import (  # noqa: E402
    align_cmd,  # noqa: F401
    batch_cmd,  # noqa: F401
    build_cmd,  # noqa: F401
    eval_cmd,  # noqa: F401
    export_cmd,  # noqa: F401
    glossary_cmd,  # noqa: F401
    ingest_cmd,  # noqa: F401
    models_cmd,  # noqa: F401
    qa_cmd,  # noqa: F401
    render_cmd,  # noqa: F401
    review_cmd,  # noqa: F401
    romanize_cmd,  # noqa: F401
    tm_cmd,  # noqa: F401
    translate_cmd,  # noqa: F401
)


def main() -> None:
    """Console entry point: run the app, turning every known error into one line."""
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
    try:
        code = app(standalone_mode=False)  # errors come back to us instead of a boxed message
    except BilingualError as exc:
        if debug:
            raise
        prefix = "" if isinstance(exc, Interrupted) else "Error: "
        print(f"{prefix}{exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:  # usage: missing argument, unknown option, bad value
        ctx = getattr(exc, "ctx", None)
        if ctx is not None and exc.format_message() == ctx.get_help():
            sys.exit(0)  # a group run without a command: typer has shown its help
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
