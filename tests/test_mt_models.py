"""`bilingual models`: install refusals, list shape, remove, and offline index commands."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest
from mt_support import run_cli

from bilingual.mt import models

GOOD_META = {"type": "translate", "from_code": "zh", "to_code": "en", "package_version": "1.0"}


@pytest.fixture(autouse=True)
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "argos"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


def _zip(path: Path, members: dict[str, bytes | str], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def _package(meta: dict | None = GOOD_META, top: str = "pkg", drop: str = "", **extra) -> dict:
    members = {
        f"{top}/metadata.json": json.dumps(meta) if meta is not None else None,
        f"{top}/model/model.bin": b"\0" * 16,
        f"{top}/sentencepiece.model": b"sp",
    }
    members = {k: v for k, v in members.items() if v is not None and not k.endswith(drop or "\0")}
    return members | extra


REFUSALS = [
    ("not-a-zip", None, "it is not a zip archive"),
    ("no-metadata", _package(meta=None), "no metadata.json in its top folder"),
    (
        "zip-slip",
        _package(**{"pkg/../../evil.txt": "x"}),
        "member 'pkg/../../evil.txt' would land outside the package folder",
    ),
    ("absolute", _package(**{"/tmp/evil.txt": "x"}), "member '/tmp/evil.txt' has an absolute path"),
    (
        "two-tops",
        _package(**{"other/readme.txt": "x"}),
        "it must hold exactly one top folder, found 2",
    ),
    (
        "loose-file",
        _package(**{"readme.txt": "x"}),
        "member 'readme.txt' is not inside a top folder",
    ),
    ("no-model", _package(drop="model.bin"), "no model/model.bin (CTranslate2 model) in it"),
    (
        "no-tokenizer",
        _package(drop="sentencepiece.model"),
        "no tokenizer (sentencepiece.model or bpe.model) in it",
    ),
    (
        "wrong-type",
        _package(meta=GOOD_META | {"type": "sbd"}),
        "it is a 'sbd' package, not a translate package",
    ),
    ("no-codes", _package(meta={"type": "translate"}), "metadata.json has no from_code"),
    ("bad-json", _package(**{"pkg/metadata.json": "{nope"}), "metadata.json is not valid JSON"),
]


@pytest.mark.parametrize(("case", "members", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_install_refusals_are_one_line(tmp_path, capsys, packages, case, members, message):
    archive = tmp_path / f"{case}.argosmodel"
    if members is None:
        archive.write_text("not a zip")
    else:
        _zip(archive, members)
    code, out, err = run_cli(capsys, "models", "install", archive)
    assert code == 4
    assert out == ""
    if case == "bad-json":  # the JSON parser's own detail follows
        assert err.startswith(f"Error: Refusing to install {archive.name}: {message} (")
        assert err.count("\n") == 1
    else:
        assert err == (
            f"Error: Refusing to install {archive.name}: {message}. Use a valid .argosmodel file.\n"
        )
    assert not packages.exists() or list(packages.iterdir()) == []  # no partial install


def test_install_refuses_symlink_member(tmp_path, capsys, packages):
    archive = _zip(tmp_path / "link.argosmodel", _package(), symlink="pkg/link")
    code, _, err = run_cli(capsys, "models", "install", archive)
    assert (code, err.count("\n")) == (4, 1)
    assert "member 'pkg/link' is a symbolic link" in err
    assert list(packages.iterdir()) == []


def test_missing_file(capsys, tmp_path):
    code, _, err = run_cli(capsys, "models", "install", tmp_path / "nope.argosmodel")
    assert code == 4 and err.startswith("Error: No such model file") and err.count("\n") == 1


def test_install_list_reinstall_remove(tiny_argosmodel, capsys, packages):
    code, out, _ = run_cli(capsys, "models", "install", tiny_argosmodel)
    assert code == 0 and "Installed translate-zh_en-tiny (argos, zh→en v0.1)" in out
    code, out, _ = run_cli(capsys, "models", "list", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "name": "translate-zh_en-tiny",
            "from": "zh",
            "to": "en",
            "version": "0.1",
            "path": str(packages / "translate-zh_en-tiny"),
            "kind": "argos",
        }
    ]
    assert (packages / "translate-zh_en-tiny" / "model" / "model.bin").is_file()
    # Installing again replaces the folder in one move and leaves no temporary folders.
    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0
    assert [p.name for p in packages.iterdir()] == ["translate-zh_en-tiny"]
    assert models.find_model("zh", "en").name == "translate-zh_en-tiny"
    assert models.find_model("en", "zh") is None
    code, out, _ = run_cli(capsys, "models", "remove", "translate-zh_en-tiny")
    assert code == 0 and out.startswith("Removed translate-zh_en-tiny")
    assert list(packages.iterdir()) == []
    code, _, err = run_cli(capsys, "models", "remove", "translate-zh_en-tiny")
    assert code == 4 and err == (
        "Error: No installed model named 'translate-zh_en-tiny'. See `bilingual models list`.\n"
    )


def test_packages_dir_follows_env_after_import(tmp_path, monkeypatch):
    import argostranslate.settings  # noqa: F401 (already imported: reads the env only once)

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "later"))
    assert models.packages_dir() == tmp_path / "later"


def test_list_empty(capsys):
    code, out, _ = run_cli(capsys, "models", "list", "--json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(
    "args", [("models", "available"), ("models", "install", "--download", "zh", "en")]
)
def test_index_commands_offline_say_so(capsys, no_network, args):
    code, _, err = run_cli(capsys, *args)
    assert code == 5, err
    assert err.startswith("Error: Cannot reach the Argos package index (")
    assert err.count("\n") == 1 and "bilingual models install FILE.argosmodel" in err
    assert no_network  # it did try, and only through the blocked socket layer


def test_install_needs_file_or_download(capsys):
    code, _, err = run_cli(capsys, "models", "install")
    assert code == 4 and err.startswith("Error: Give either a DIR or FILE, or --download FROM TO")


def _forge_size(archive: Path, member: str, declared: int) -> None:
    """Rewrite a member's uncompressed size in both zip headers (a lying zip bomb)."""
    import struct

    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, declared)  # local header
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(member)] != member.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, declared)  # central directory
    archive.write_bytes(data)


BOMBS = [  # the archive: the 3 package members, 3 MB of zeros and `pads` empty files
    ("MAX_MEMBERS", 4, 1, "it holds 5 members (at most 4)"),
    ("MAX_UNPACKED_BYTES", 2_000_000, 0, "it would unpack to 3 MB (at most 2 MB)"),
]


@pytest.mark.parametrize(("cap", "value", "pads", "message"), BOMBS, ids=[b[0] for b in BOMBS])
def test_install_refuses_zip_bombs(
    tmp_path, capsys, packages, monkeypatch, cap, value, pads, message
):
    """Too many members or too many unpacked bytes (3 MB of zeros zip to 3 kB) are refused
    before anything is written."""
    monkeypatch.setattr(models, cap, value)
    members = _package() | {"pkg/zeros.bin": b"\0" * 3_000_000}
    members |= {f"pkg/pad{i}.bin": b"" for i in range(pads)}
    archive = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert archive.stat().st_size < 10_000
    code, _, err = run_cli(capsys, "models", "install", archive)
    assert (code, err) == (
        4,
        f"Error: Refusing to install bomb.argosmodel: {message}. Use a valid .argosmodel file.\n",
    )
    assert not packages.exists() or list(packages.iterdir()) == []


def test_install_member_larger_than_declared_is_damaged(tmp_path, capsys, packages):
    """Extraction never writes more than a member declares: a forged size fails the CRC."""
    archive = tmp_path / "liar.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (_package() | {"pkg/zeros.bin": b"\0" * 100_000}).items():
            zf.writestr(name, data)
    _forge_size(archive, "pkg/zeros.bin", 10)
    code, _, err = run_cli(capsys, "models", "install", archive)
    assert code == 4 and err.count("\n") == 1
    assert err.startswith(
        "Error: Refusing to install liar.argosmodel: the zip archive is damaged ("
    )
    assert [p.name for p in packages.iterdir()] == []  # the temporary folder is gone too


def test_available_marks_installed_by_pair_type_and_version(
    tiny_argosmodel, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from argostranslate import package

    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0
    (info,) = models.installed()
    index = [
        SimpleNamespace(
            from_code="zh", to_code="en", type="translate", package_version=info.version
        ),
        SimpleNamespace(from_code="zh", to_code="en", type="translate", package_version="99.0"),
        SimpleNamespace(
            from_code="en", to_code="zh", type="translate", package_version=info.version
        ),
    ]
    monkeypatch.setattr(models, "_update_index", lambda: None)
    monkeypatch.setattr(package, "get_available_packages", lambda: index)
    monkeypatch.setattr(
        package, "argospm_package_name", lambda p: f"translate-{p.from_code}_{p.to_code}"
    )
    assert [row["installed"] for row in models.available()] == [True, False, False]


def test_install_refuses_a_member_compressed_like_a_zip_bomb(tmp_path, capsys, packages):
    """A member over 1 MB that unpacks to more than 50 times its compressed size."""
    archive = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (_package() | {"pkg/model/model.bin": b"\0" * 5_000_000}).items():
            zf.writestr(name, data)
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("pkg/model/model.bin")
    ratio = f"{info.file_size / info.compress_size:,.0f}"
    assert run_cli(capsys, "models", "install", archive) == (
        4,
        "",
        f"Error: Refusing to install bomb.argosmodel: member 'pkg/model/model.bin' is "
        f"compressed {ratio}:1 (at most 50:1): a zip bomb, not model weights. "
        "Use a valid .argosmodel file.\n",
    )
    assert not packages.exists() or list(packages.iterdir()) == []


INSTALL_ON_A_SMALL_DISK = r"""
import json
env = dict(os.environ, ARGOS_PACKAGES_DIR=os.path.join(sys.argv[1], "argos"))
done = subprocess.run([sys.executable, "-m", "bilingual", "models", "install", sys.argv[2]],
                      capture_output=True, text=True, env=env)
left = os.listdir(os.path.join(sys.argv[1], "argos"))
print(json.dumps([done.returncode, done.stdout, done.stderr, left]))
"""


def test_install_refuses_an_archive_larger_than_the_free_space(tmp_path):
    """On a real 2 MB disk (a tmpfs), 3 MB of weights are refused before any is written."""
    import random

    from namespace_support import run_with_tmpfs

    archive = tmp_path / "big.argosmodel"
    weights = random.Random(5).randbytes(3_000_000)  # incompressible, as weights are
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in (_package() | {"pkg/model/model.bin": weights}).items():
            zf.writestr(name, data)
    disk = tmp_path / "disk"
    code, out, err, left = run_with_tmpfs(disk, "2m", INSTALL_ON_A_SMALL_DISK, archive)
    assert (code, out, left) == (4, "", [])
    assert err.startswith(
        "Error: Refusing to install big.argosmodel: it would unpack to 3.0 MB and "
        f"{disk / 'argos'} has "
    )
    assert err.endswith(
        " MB free. Free some space (or set ARGOS_PACKAGES_DIR to a bigger disk) and install "
        "it again.\n"
    )


def _with_member(source: Path, out: Path, name: str, data: bytes) -> Path:
    """A copy of the archive `source` with one member's bytes replaced."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename.endswith(name) else zin.read(info))
    return out


def test_install_refuses_a_corrupt_tokenizer(tiny_argosmodel, tmp_path, capsys, packages):
    archive = _with_member(
        tiny_argosmodel, tmp_path / "broken.argosmodel", "sentencepiece.model", b"\x08" * 64
    )
    code, out, err = run_cli(capsys, "models", "install", archive)
    assert (code, out, err.count("\n")) == (4, "", 1)
    assert err.startswith("Error: Refusing to install broken.argosmodel: its tokenizer cannot ")
    assert err.endswith(". Use a valid .argosmodel file.\n")
    assert list(packages.iterdir()) == []  # nothing left, not even the temporary folder


def test_a_tokenizer_broken_after_install_is_a_model_error(
    tiny_argosmodel, tmp_path, capsys, packages
):
    """translate says which model cannot be loaded (not an internal error); nothing saved
    in the edition changes."""
    from mt_support import make_edition, seed_sentences

    assert run_cli(capsys, "models", "install", tiny_argosmodel)[0] == 0
    (info,) = models.installed()
    (info.path / "sentencepiece.model").write_bytes(b"\x08" * 64)
    edition = make_edition(tmp_path / "ed", seed_sentences(6))
    before = run_cli(capsys, "review", "list", "-e", edition, "--json")[1]
    code, out, err = run_cli(capsys, "translate", "-e", edition, "--engine", "argos")
    assert (code, out, err.count("\n")) == (4, "", 1)
    assert err.startswith(f"Error: Cannot load the tokenizer of model {info.name} (")
    assert err.endswith(
        f"). Reinstall it: `bilingual models remove {info.name}` then install again.\n"
    )
    assert run_cli(capsys, "review", "list", "-e", edition, "--json")[1] == before
