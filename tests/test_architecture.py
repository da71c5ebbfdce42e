"""docs/architecture.md's module map matches the package: every module has a row, every
path in the map exists; and no module grows past the house limit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bilingual"
MAX_LINES = 400


def mapped() -> list[str]:
    """The module paths (relative to bilingual/) in the map's table rows."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Module map", 1)[1].split("\n\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    return [p for row in rows for p in re.findall(r"`([\w/]+\.py)`", row.split("|")[2])]


def modules() -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}


def test_every_module_is_in_the_map() -> None:
    assert sorted(modules() - set(mapped())) == []


def test_every_path_in_the_map_exists_once() -> None:
    paths = mapped()
    assert sorted(p for p in paths if not (PACKAGE / p).is_file()) == []
    assert sorted({p for p in paths if paths.count(p) > 1}) == []


def test_no_module_is_over_the_limit() -> None:
    sizes = {m: len((PACKAGE / m).read_text(encoding="utf-8").splitlines()) for m in modules()}
    assert {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


# Each terms module imported first, in a fresh set of modules: the composition modules import
# one another, and a cycle that only works in one import order breaks whoever imports the
# other module first (a test file, a script).
IMPORT_EACH_FIRST = """
import sys, importlib
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "bilingual" or m.startswith("bilingual.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as error:
        failed.append(f"{name}: {error!r}")
print("\\n".join(failed))
"""


def test_each_terms_module_imports_first() -> None:
    names = sorted(
        "bilingual.terms." + p.stem
        for p in (PACKAGE / "terms").glob("*.py")
        if p.stem != "__init__"
    )
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_FIRST, *names],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ""
