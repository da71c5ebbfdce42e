"""When `build` has nothing to do: a stamp of everything its output depends on.

After a complete build, `pipeline.build` records in the edition's meta (key `build`) a hash
of everything that decides what it writes:

- the bilingual code: every file of the package (path, size, modification time), so an
  upgrade or a local change is never taken for "nothing to do";
- the sources' bytes, in order, and the build options (engine, model, decoding, formats,
  layout, pinyin, encoding, EPUBCheck policy);
- every glossary layer file and the not-terms list (path, size, modification time), the
  installed models (Argos: name, version, language pair; CTranslate2: name, version, kind),
  the config file (it may name the engine and the LLM), and whether Java is on the PATH (an
  EPUBCheck skipped for want of it is tried again once it is there);
- the edition's content (`EditionStore.content_digest`: structure and every pair), so a review
  or a `translate` run in between is seen;

with the output files it wrote (path, size, SHA-1) and what the build reported. A later build
with the same stamp, whose outputs are still there unchanged, has nothing to do: it says so
and returns that report, without ingesting, translating, checking or rendering anything.
Everything here is a `stat`, a hash or one SQL scan, and only light modules are imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from .store import EditionStore

META_KEY = "build"
PACKAGE = Path(__file__).resolve().parent


def _files(root: Path) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every file under `root`, bytecode caches left out."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            info = os.stat(os.path.join(folder, name))
            rel = os.path.relpath(os.path.join(folder, name), root)
            out.append((rel, info.st_size, info.st_mtime_ns))
    return out


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, 0)
    return (str(path), info.st_size, info.st_mtime_ns)


def _sha1(path: Path) -> str:
    """The file's SHA-1, or "" when it cannot be read (then the build runs, and the stage
    that reads it says what is wrong)."""
    digest = hashlib.sha1()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def stamp(sources: Sequence[Path], options: object, store: EditionStore) -> str:
    """The hash of what a build of `sources` with `options` into `store` depends on (see the
    module docstring). `options` is a `pipeline.BuildOptions`; its repr names every field."""
    from .config import config_path
    from .mt import ct2_models
    from .mt.models import installed
    from .terms.files import NOT_TERMS_FILE, layer_files, shipped_dir

    extra = tuple(getattr(options, "glossary_files", ()))
    glossary = [p for _, p in layer_files(extra)] + [shipped_dir() / NOT_TERMS_FILE]
    parts = {
        "code": _files(PACKAGE),
        "sources": [_sha1(Path(s)) for s in sources],
        "options": repr(options),
        "glossary": [_stat(p) for p in glossary],
        "models": [(m.name, m.version, m.from_code, m.to_code) for m in installed()],
        "ct2": [(m.name, m.version, m.kind) for m in ct2_models.installed()],
        "config": _stat(config_path()),
        "java": shutil.which("java") or "",
        "edition": store.content_digest(),
    }
    return hashlib.sha1(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def record(store: EditionStore, key: str, paths: Sequence[Path], report: dict) -> None:
    """Remember a complete build: its stamp, its outputs and its (JSON) report."""
    outputs = [(str(p), p.stat().st_size, _sha1(p)) for p in paths]
    with store.transaction():
        store.set_meta(META_KEY, json.dumps({"stamp": key, "outputs": outputs, "report": report}))


def previous(store: EditionStore, key: str) -> dict | None:
    """The last build's report when its stamp is `key` and its outputs are as it left them;
    None when there is something to do."""
    try:
        last = json.loads(store.get_meta(META_KEY) or "null")
    except ValueError:
        return None
    if not isinstance(last, dict) or last.get("stamp") != key:
        return None
    for path, size, sha1 in last.get("outputs", []):
        if _stat(Path(path))[1] != size or _sha1(Path(path)) != sha1 or not sha1:
            return None
    return last.get("report")
