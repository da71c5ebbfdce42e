"""CTranslate2 model folders (OPUS-MT, NLLB-200, M2M100): what kind each is, install, list.

A model converted with `ct2-transformers-converter` (or `ct2-opus-mt-converter`) is a folder
with `model.bin`, `config.json`, its vocabulary (`shared_vocabulary.json`/`.txt`, or source and
target vocabularies) and the SentencePiece tokenizer the user copies in (`--copy_files`):

| kind    | tokenizer                                 | language tokens in the vocabulary |
| ------- | ----------------------------------------- | --------------------------------- |
| opus-mt | `source.spm` + `target.spm` (Marian)      | none                              |
| nllb    | `sentencepiece.bpe.model`                 | `zho_Hans` → `eng_Latn`           |
| m2m100  | `sentencepiece.bpe.model`                 | `__zh__` → `__en__`               |

`install_dir` decides the kind from those files, then, in a temporary folder inside the models
directory, checks that the tokenizer loads, knows Chinese (source) and English (target) and
matches the model's vocabulary, and that CTranslate2 loads the model and translates a probe;
only then is the folder moved into place with one rename (as `.argosmodel` installs are).
Models live in `$BILINGUAL_MODELS_DIR` or the user data dir's `models/`, each with a
`bilingual-model.json` saying its kind, pair, version (a hash of `model.bin`) and tokens, and
the model's own files in `model/` (the layout of an Argos package, which the engine shares).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError, os_advice
from ..paths import link_problem
from .models import ModelInfo, check_room, swap_into_place

META = "bilingual-model.json"
SPM_NAMES = ("sentencepiece.bpe.model", "sentencepiece.model", "spm.model")
VOCABULARIES = ("shared_vocabulary", "target_vocabulary", "source_vocabulary")
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,99}")
PROBE_ZH = "中国人民在党的领导下发展经济，建设国家。"
PROBE_EN = "The people of China build the country and develop the economy."
# Share of a probe a tokenizer may leave unknown (or outside the model's vocabulary).
MAX_UNKNOWN = 0.3


@dataclass(frozen=True)
class Kind:
    """One model family: its tokenizer files and the language tokens it translates with."""

    name: str
    source_token: str  # put before the source pieces ("" for none)
    target_token: str  # the target prefix the decoder starts with ("" for none)


KINDS = {
    "opus-mt": Kind("opus-mt", "", ""),
    "nllb": Kind("nllb", "zho_Hans", "eng_Latn"),
    "m2m100": Kind("m2m100", "__zh__", "__en__"),
}


@dataclass(frozen=True)
class Ct2Model:
    """An installed CTranslate2 model as `bilingual-model.json` describes it."""

    name: str
    kind: str
    version: str
    path: Path
    source_spm: str
    target_spm: str
    append_eos: bool  # False when config.json says CTranslate2 adds `</s>` itself

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(self.name, "zh", "en", self.version, self.path, kind=self.kind)

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 files and tokenizers, as the user gave them."""
        return self.path / "model"

    @property
    def spec(self) -> Kind:
        return KINDS[self.kind]


def models_dir() -> Path:
    """Where CTranslate2 models are installed (`BILINGUAL_MODELS_DIR` overrides; read per
    call so tests and benches can move it)."""
    env = os.environ.get("BILINGUAL_MODELS_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("bilingual")) / "models"


def _refuse(source: Path, why: str, todo: str = "") -> ModelError:
    """The one-line refusal for the folder the user gave (`source`, never our temporary copy)."""
    return ModelError(
        f"Refusing to install {source.name}: {why}",
        todo or "Give a folder converted with ct2-transformers-converter, with its tokenizer.",
    )


# -- reading a model folder --------------------------------------------------------------


def read_vocabulary(folder: Path, which: str = "target") -> list[str]:
    """The model's target (or source) vocabulary: the shared one, else the named one."""
    for stem in ("shared_vocabulary", f"{which}_vocabulary"):
        if (folder / f"{stem}.json").is_file():
            data = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
            if not isinstance(data, list):
                raise ValueError(f"{stem}.json is not a list of tokens")
            return [str(t) for t in data]
        if (folder / f"{stem}.txt").is_file():
            return (folder / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    return []


def detect(folder: Path) -> tuple[str, str, str]:
    """(kind, source tokenizer file, target tokenizer file) of a CTranslate2 model folder;
    a ModelError says what is missing."""
    if not (folder / "model.bin").is_file():
        raise _refuse(folder, "no model.bin in it (not a CTranslate2 model folder)")
    try:
        vocab = set(read_vocabulary(folder))
    except (OSError, ValueError) as exc:
        raise _refuse(folder, f"its vocabulary cannot be read ({exc})") from None
    if not vocab:
        raise _refuse(folder, "no vocabulary (shared_vocabulary.json or target_vocabulary.json)")
    source, target = (folder / "source.spm").is_file(), (folder / "target.spm").is_file()
    if source and target:
        return "opus-mt", "source.spm", "target.spm"
    if source != target:
        have, lack = ("source.spm", "target.spm") if source else ("target.spm", "source.spm")
        raise _refuse(folder, f"it has {have} but no {lack} (OPUS-MT needs both)")
    spm = next((n for n in SPM_NAMES if (folder / n).is_file()), None)
    if spm is None:
        raise _refuse(
            folder,
            "no tokenizer in it",
            "Copy in source.spm and target.spm (OPUS-MT) or sentencepiece.bpe.model (NLLB, "
            "M2M100), e.g. with `ct2-transformers-converter … --copy_files`.",
        )
    for kind in ("nllb", "m2m100"):
        spec = KINDS[kind]
        if {spec.source_token, spec.target_token} <= vocab:
            return kind, spm, spm
    raise _refuse(
        folder,
        "its vocabulary has no Chinese and English language tokens (NLLB's zho_Hans and "
        "eng_Latn, M2M100's __zh__ and __en__), and it has no source.spm and target.spm "
        "(OPUS-MT)",
    )


def _unknown_share(processor, text: str, vocab: set[str]) -> float:
    """Share of `text`'s pieces the tokenizer does not know or the model's vocabulary lacks."""
    pieces = processor.encode(text, out_type=str)
    ids = processor.encode(text)
    unknown = sum(
        1 for p, i in zip(pieces, ids, strict=True) if i == processor.unk_id() or p not in vocab
    )
    return unknown / max(1, len(pieces))


def check_tokenizers(folder: Path, source: str, target: str, given: Path) -> None:
    """The tokenizers load, the source one knows Chinese and the target one English, and their
    pieces are the model's vocabulary (a tokenizer from another model would not be)."""
    import sentencepiece as spm

    checks = ((source, "source", PROBE_ZH, "Chinese"), (target, "target", PROBE_EN, "English"))
    for file, side, probe, language in checks:
        try:
            processor = spm.SentencePieceProcessor(model_file=str(folder / file))
            vocab = set(read_vocabulary(folder, side))
            share = _unknown_share(processor, probe, vocab)
        except Exception as exc:  # SentencePiece raises RuntimeError, OSError or its own kinds
            detail = " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
            raise _refuse(given, f"its tokenizer {file} cannot be used ({detail})") from None
        if share > MAX_UNKNOWN:
            raise _refuse(
                given,
                f"{share:.0%} of a {language} test sentence is unknown to {file} or outside "
                f"the model's {side} vocabulary",
                "Use a zh→en (or multilingual) model with the tokenizer it came with.",
            )


def _config(folder: Path, given: Path) -> dict:
    try:
        data = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise _refuse(given, f"config.json cannot be read ({exc})") from None
    return data if isinstance(data, dict) else {}


def model_hash(path: Path) -> str:
    """A short content hash of model.bin: the model's version in its signature."""
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()[:10]


def _probe_translation(folder: Path, model: Ct2Model, given: Path) -> None:
    """Load the model with CTranslate2 and translate the probe: a damaged model.bin, or one
    whose vocabulary does not fit its weights, fails here and not mid-edition."""
    import ctranslate2

    from .ct2 import Ct2Package

    try:
        translator = ctranslate2.Translator(str(folder), device="cpu", inter_threads=1)
        package = Ct2Package(model, folder)
        prefix = package.target_prefix
        translator.translate_batch(
            [package.tokenizer.encode(PROBE_ZH)],
            target_prefix=[[prefix]] if prefix else None,
            max_decoding_length=4,
            beam_size=1,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        detail = " ".join(str(exc).split()).rstrip(".")
        raise _refuse(given, f"CTranslate2 cannot load or run it ({detail})") from None


# -- install / list / remove -------------------------------------------------------------


def refuse_name(given: Path, name: str, kind: str) -> None:
    """Refuse an invalid model name, or one a model of the other family (Argos or
    CTranslate2) already has: `models remove` and `--model` find a model by name alone."""
    if not NAME_RE.fullmatch(name):
        raise ModelError(
            f"Invalid model name {name!r}",
            "Use letters, digits, '.', '_', '+' and '-' (e.g. --name opus-mt-zh-en).",
        )
    from .models import installed as argos_installed

    if kind == "argos" and find(name) is not None:
        other = "a CTranslate2 model"
    elif kind != "argos" and any(m.name == name for m in argos_installed()):
        other = "an Argos model"
    else:
        return
    raise ModelError(
        f"Refusing to install {given.name}: {other} named {name!r} is installed",
        "Choose another --name, or remove that model first.",
    )


def _copy(source: Path, dest: Path) -> None:
    """Copy the folder's files (links followed; a converted model folder is flat)."""
    files = sorted(p for p in source.iterdir() if not p.name.startswith("."))
    for path in files:
        problem = link_problem(path)
        if problem:
            raise _refuse(source, problem)
    size = sum(p.stat().st_size for p in files if p.is_file())
    check_room(source, f"holds {size / 1e6:,.1f} MB", size, dest, "BILINGUAL_MODELS_DIR")
    for path in files:
        if path.is_file():
            shutil.copyfile(path, dest / path.name)


def install_dir(source: Path, name: str | None = None) -> ModelInfo:
    """Validate a CTranslate2 model folder (see the module docstring) and install a copy as
    `name` (default: the folder's name); replaces a model of that name."""
    source = Path(source)
    problem = link_problem(source)
    if problem:
        raise ModelError(problem, "Fix the link, or give the model folder itself.")
    if not source.is_dir():
        raise ModelError(f"No such model folder: {source}", "Check the path.")
    name = name or source.name
    refuse_name(source, name, "ct2")
    kind, source_spm, target_spm = detect(source)
    root = models_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    except OSError as exc:
        raise ModelError(
            f"Cannot create the models directory {root} ({exc.strerror})",
            os_advice(exc, "Set BILINGUAL_MODELS_DIR to a writable directory."),
        ) from None
    files = tmp / "model"
    try:
        files.mkdir()
        _copy(source, files)
        check_tokenizers(files, source_spm, target_spm, source)
        config = _config(files, source)
        model = Ct2Model(
            name=name,
            kind=kind,
            version=model_hash(files / "model.bin"),
            path=root / name,
            source_spm=source_spm,
            target_spm=target_spm,
            append_eos=not config.get("add_source_eos", False),
        )
        _probe_translation(files, model, source)
        meta = {
            "name": name,
            "kind": kind,
            "from": "zh",
            "to": "en",
            "version": model.version,
            "source_spm": source_spm,
            "target_spm": target_spm,
            "append_eos": model.append_eos,
            "source": str(source),
        }
        (tmp / META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        swap_into_place(tmp, root / name)
    except OSError as exc:
        raise ModelError(
            f"Cannot install {source.name} into {root} ({exc.strerror or exc})",
            os_advice(exc, f"Check {root} and the disk."),
        ) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return model.info


def _load(path: Path) -> Ct2Model | None:
    try:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        return Ct2Model(
            name=path.name,
            kind=meta["kind"] if meta["kind"] in KINDS else "",
            version=str(meta.get("version", "")),
            path=path,
            source_spm=str(meta["source_spm"]),
            target_spm=str(meta["target_spm"]),
            append_eos=bool(meta.get("append_eos", True)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def installed() -> list[Ct2Model]:
    """Every model folder with a readable `bilingual-model.json` of a known kind, by name."""
    root = models_dir()
    if not root.is_dir():
        return []
    found = (_load(p) for p in sorted(root.iterdir()) if p.is_dir() and p.name[:1] != ".")
    return [m for m in found if m is not None and m.kind]


def find(name: str | None = None) -> Ct2Model | None:
    """The named model, or (no name) the one installed last."""
    models = installed()
    if name:
        return next((m for m in models if m.name == name), None)
    return max(models, key=lambda m: (m.path / META).stat().st_mtime_ns, default=None)


def remove(name: str) -> Path | None:
    """Delete an installed model folder by name; None when there is none of that name."""
    root = models_dir()
    target = root / name
    if not NAME_RE.fullmatch(name) or not (target / META).is_file():
        return None
    aside = root / f".remove-{name}-{os.getpid()}"
    os.replace(target, aside)
    shutil.rmtree(aside, ignore_errors=True)
    return target
