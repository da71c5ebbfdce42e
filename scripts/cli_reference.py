"""Generate docs/cli.md from the commands' --help (generated — don't edit docs/cli.md).

Run: `uv run python scripts/cli_reference.py` (or `--check` to fail when it is stale).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"


def reference() -> str:
    os.environ.update({"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"})
    import typer.main
    from typer.testing import CliRunner

    from bilingual.cli import app

    runner = CliRunner()
    root = typer.main.get_command(app)
    names: list[list[str]] = []

    def walk(prefix: list[str], command) -> None:
        names.append(prefix)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk([*prefix, name], sub)

    walk([], root)
    parts = [
        "# Command reference",
        "",
        "Generated from `--help` by `scripts/cli_reference.py` — don't edit by hand.",
        "",
    ]
    for path in names:
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
        title = " ".join(["bilingual", *path])
        text = "\n".join(line.rstrip() for line in result.output.splitlines()).strip("\n")
        parts += [f"## `{title}`", "", "```text", text, "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/cli.md is stale: run `uv run python scripts/cli_reference.py`")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
