"""Argos translation packages: where they live, which are installed, install / remove / download.

Packages live in Argos's own package directory (so `argospm` and this tool see the same
models). We install `.argosmodel` files ourselves rather than with
`argostranslate.package.install_from_path`, which imports stanza and extracts blindly: the
archive is validated member by member, extracted into a temporary folder inside the package
directory and moved into place with one rename. The download commands are the only network use.

Zip bombs are refused before anything is written: a member compressed more than
`MAX_RATIO`:1 (real packages hold weights, which hardly compress), or an archive that would
unpack to more than the package directory's free disk space. The tokenizer
is loaded and made to encode a test string before the package is moved into place, so a
corrupt one is refused at install, not found by `translate`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import ModelError, NetworkError, os_advice
from ..paths import link_problem

TOKENIZERS = ("sentencepiece.model", "bpe.model")
# Zip-bomb guards: real packages are a few hundred MB in a few dozen files. zipfile reads at
# most a member's declared size, so capping the declared sizes caps what extraction writes.
MAX_UNPACKED_BYTES = 4 * 10**9
MAX_MEMBERS = 10_000
MAX_RATIO = 50  # unpacked / compressed size of a member, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1_000_000
TOKENIZER_PROBE = "测试 test"


@dataclass
class ModelInfo:
    """One installed package, in the `models list --json` shape (plus its type)."""

    name: str
    from_code: str
    to_code: str
    version: str
    path: Path
    type: str = "translate"
    kind: str = "argos"  # argos, or a CTranslate2 model's kind: opus-mt, nllb, m2m100

    @property
    def version_label(self) -> str:
        """`v1.9` for an Argos package; a CTranslate2 model's version is its content hash."""
        return f"v{self.version}" if self.kind == "argos" else self.version

    def to_json(self) -> dict:
        return {"name": self.name, "from": self.from_code, "to": self.to_code,
                "version": self.version, "path": str(self.path), "kind": self.kind}  # fmt: skip


def _settings():
    """`argostranslate.settings`, with its logger silenced (we report errors ourselves)."""
    from argostranslate import settings

    logging.getLogger("argostranslate.utils").addHandler(logging.NullHandler())
    logging.getLogger("argostranslate.utils").propagate = False
    return settings


def packages_dir() -> Path:
    """Argos's package directory. Re-reads ARGOS_PACKAGES_DIR each call: `argostranslate.settings`
    reads it only once, at import, and tests (or a long-lived process) may change it later."""
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    settings = _settings()
    return Path(settings.get_setting("ARGOS_PACKAGES_DIR", default=settings.data_dir / "packages"))


def _read_metadata(directory: Path) -> dict | None:
    try:
        data = json.loads((directory / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def installed() -> list[ModelInfo]:
    """Every package folder with a readable metadata.json, sorted by name."""
    root = packages_dir()
    if not root.is_dir():
        return []
    out = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or not path.is_dir():
            continue
        meta = _read_metadata(path)
        if meta is None:
            continue
        out.append(
            ModelInfo(
                name=path.name,
                from_code=str(meta.get("from_code") or ""),
                to_code=str(meta.get("to_code") or ""),
                version=str(meta.get("package_version") or ""),
                path=path,
                type=str(meta.get("type") or "translate"),
            )
        )
    return out


def find_model(from_code: str, to_code: str, name: str | None = None) -> ModelInfo | None:
    """The named package, or the highest-versioned translate package for the pair."""
    models = installed()
    if name:
        return next((m for m in models if m.name == name), None)
    pair = [
        m
        for m in models
        if m.type == "translate"
        and m.from_code == from_code
        and m.to_code == to_code
        and (m.path / "model" / "model.bin").exists()
    ]
    return max(pair, key=lambda m: _version_key(m.version), default=None)


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in version.replace("_", ".").split("."))


def load_package(info: ModelInfo):
    """The `argostranslate.package.Package` for an installed package (metadata + tokenizer)."""
    from argostranslate.package import Package

    try:
        return Package(info.path)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"Cannot read the model package {info.name} ({exc})",
            f"Remove it with `bilingual models remove {info.name}` and install it again.",
        ) from None


# -- install -----------------------------------------------------------------------------


def _refuse(archive: Path, why: str) -> ModelError:
    return ModelError(f"Refusing to install {archive.name}: {why}", "Use a valid .argosmodel file.")


def _check_members(archive: Path, zf: zipfile.ZipFile) -> str:
    """Validate every member; returns the single top folder's name."""
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refuse(archive, f"it holds {len(members)} members (at most {MAX_MEMBERS})")
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(
            archive,
            f"it would unpack to {unpacked / 1e6:,.0f} MB (at most {MAX_UNPACKED_BYTES / 1e6:,.0f} MB)",
        )
    for info in members:
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise _refuse(
                archive,
                f"member {info.filename!r} is compressed {ratio:,.0f}:1 (at most "
                f"{MAX_RATIO}:1): a zip bomb, not model weights",
            )
    tops = set()
    for info in members:
        name = info.filename
        path = PurePosixPath(name)
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or "\\" in name:
            raise _refuse(archive, f"member {name!r} has an absolute path")
        if ".." in path.parts:
            raise _refuse(archive, f"member {name!r} would land outside the package folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse(archive, f"member {name!r} is a symbolic link")
        if len(path.parts) == 1 and not info.is_dir():
            raise _refuse(archive, f"member {name!r} is not inside a top folder")
        tops.add(path.parts[0])
    if len(tops) != 1:
        raise _refuse(archive, f"it must hold exactly one top folder, found {len(tops)}")
    top = tops.pop()
    if top.startswith(".") or top in ("", "."):
        raise _refuse(archive, f"its top folder {top!r} is not a valid package name")
    return top


def _check_package(archive: Path, zf: zipfile.ZipFile, top: str) -> dict:
    names = set(zf.namelist())
    if f"{top}/metadata.json" not in names:
        raise _refuse(archive, "no metadata.json in its top folder")
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _refuse(archive, f"metadata.json is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise _refuse(archive, "metadata.json is not a JSON object")
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise _refuse(archive, f"it is a {kind!r} package, not a translate package")
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise _refuse(archive, f"metadata.json has no {key}")
    if f"{top}/model/model.bin" not in names:
        raise _refuse(archive, "no model/model.bin (CTranslate2 model) in it")
    if not any(f"{top}/{t}" in names for t in TOKENIZERS):
        raise _refuse(archive, "no tokenizer (sentencepiece.model or bpe.model) in it")
    return meta


def install_file(archive: Path, name: str | None = None) -> ModelInfo:
    """Validate a `.argosmodel` zip and install it atomically as `name` (default: its top
    folder's name); replaces the same-named package."""
    from .ct2_models import refuse_name

    archive = Path(archive)
    problem = link_problem(archive)
    if problem:
        raise ModelError(problem, "Fix the link, or give the .argosmodel file itself.")
    if not archive.is_file():
        raise ModelError(f"No such model file: {archive}", "Check the path.")
    if not zipfile.is_zipfile(archive):
        raise _refuse(archive, "it is not a zip archive")
    root = packages_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(
            f"Cannot create the package directory {root} ({exc.strerror})",
            os_advice(exc, "Set ARGOS_PACKAGES_DIR to a writable directory."),
        ) from None
    try:
        with zipfile.ZipFile(archive) as zf:
            top = _check_members(archive, zf)
            _check_package(archive, zf, top)
            dest = name or top
            refuse_name(archive, dest, "argos")
            _check_space(archive, zf, root)
            tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
            try:
                zf.extractall(tmp)
                problem = tokenizer_problem(tmp / top)
                if problem:
                    raise _refuse(archive, f"its tokenizer cannot be used ({problem})")
                swap_into_place(tmp / top, root / dest)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _refuse(archive, f"the zip archive is damaged ({exc})") from None
    except OSError as exc:
        raise ModelError(
            f"Cannot install {archive.name} into {root} ({exc.strerror or exc})",
            os_advice(exc, f"Check {root} and the disk."),
        ) from None
    return next(m for m in installed() if m.name == dest)


def _check_space(archive: Path, zf: zipfile.ZipFile, root: Path) -> None:
    """Refuse an archive that would not fit on the package directory's disk."""
    unpacked = sum(info.file_size for info in zf.infolist())
    check_room(
        archive, f"would unpack to {unpacked / 1e6:,.1f} MB", unpacked, root, "ARGOS_PACKAGES_DIR"
    )


def check_room(source: Path, needs: str, size: int, root: Path, setting: str) -> None:
    """Refuse to install `source` (`size` bytes; "it `needs`") where `root`'s disk lacks room."""
    free = shutil.disk_usage(root).free
    if size > free:
        raise ModelError(
            f"Refusing to install {source.name}: it {needs} and {root} has {free / 1e6:,.1f} MB free",
            f"Free some space (or set {setting} to a bigger disk) and install it again.",
        )


def tokenizer_problem(package: Path | object) -> str | None:
    """Why a package (an `argostranslate.package.Package`, or the folder of one) cannot
    tokenize — its tokenizer loaded and tried on a test string — in one line; None when it
    can. Argos loads the tokenizer lazily, so a corrupt one would only fail mid-translation."""
    try:
        if isinstance(package, Path):
            from argostranslate.package import Package

            package = Package(package)
        tokenizer = getattr(package, "tokenizer", None)
        if tokenizer is None:
            return "there is none"
        tokenizer.encode(TOKENIZER_PROBE)
    except Exception as exc:  # SentencePiece raises RuntimeError, OSError or its own kinds
        return " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
    return None


def swap_into_place(new: Path, dest: Path) -> None:
    """Move `new` to `dest` with one rename; an existing `dest` is moved aside first."""
    old = None
    if dest.exists():
        old = dest.with_name(f".old-{dest.name}-{os.getpid()}")
        os.replace(dest, old)
    try:
        os.replace(new, dest)
    except OSError:
        if old is not None:
            os.replace(old, dest)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove(name: str) -> Path:
    """Delete an installed package folder by name."""
    root = packages_dir()
    target = root / name
    if (
        "/" in name
        or "\\" in name
        or name.startswith(".")
        or not (target / "metadata.json").is_file()
    ):
        raise ModelError(f"No installed model named {name!r}", "See `bilingual models list`.")
    aside = root / f".remove-{name}-{os.getpid()}"
    os.replace(target, aside)
    shutil.rmtree(aside, ignore_errors=True)
    return target


# -- the online index (the only network use) ---------------------------------------------


def _update_index() -> None:
    """Refresh Argos's package index; NetworkError when it cannot be fetched."""
    settings = _settings()
    from argostranslate import package

    index = Path(settings.local_package_index)
    before = index.stat().st_mtime_ns if index.exists() else None
    package.update_package_index()  # logs and swallows its own errors
    after = index.stat().st_mtime_ns if index.exists() else None
    if after is None or after == before:
        raise NetworkError(
            f"Cannot reach the Argos package index ({settings.remote_package_index})",
            "Check the network connection, or install a downloaded file with "
            "`bilingual models install FILE.argosmodel`.",
        )


def available() -> list[dict]:
    """The packages in Argos's online index, as `{"name", "from", "to", "version", "installed"}`."""
    _update_index()
    from argostranslate import package

    # an index entry is installed when a package of the same pair, type and version is
    installed_keys = {(m.from_code, m.to_code, m.type, m.version) for m in installed()}
    out = []
    for pkg in package.get_available_packages():
        name = package.argospm_package_name(pkg)
        out.append(
            {
                "name": name,
                "from": pkg.from_code,
                "to": pkg.to_code,
                "version": pkg.package_version,
                "type": pkg.type,
                "installed": (pkg.from_code, pkg.to_code, pkg.type, str(pkg.package_version))
                in installed_keys,
            }
        )
    return out


def install_download(from_code: str, to_code: str) -> ModelInfo:
    """Download the index's package for a language pair and install it like a local file."""
    _update_index()
    from argostranslate import package

    candidates = [
        p
        for p in package.get_available_packages()
        if p.from_code == from_code and p.to_code == to_code and p.type == "translate"
    ]
    if not candidates:
        raise ModelError(
            f"The Argos index has no {from_code}→{to_code} package",
            "See `bilingual models available`.",
        )
    best = max(candidates, key=lambda p: _version_key(p.package_version))
    try:
        path = best.download()
    except Exception as exc:  # argostranslate raises a bare Exception on failure
        raise NetworkError(
            f"Download of {best} failed ({exc})", "Check the network and retry."
        ) from None
    return install_file(Path(path))
