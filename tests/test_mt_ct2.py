"""CTranslate2 models (`--engine ct2`): tiny random-weight OPUS-MT, NLLB-200 and M2M100 folders
through the CLI (install → list → translate → signature), the tokenizer adapters against raw
CTranslate2, and install refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mt_support import make_edition, own_dirs, run_cli, seed_sentences
from tinyct2 import KINDS, build_ct2_model

from bilingual.document import origin
from bilingual.mt import EngineOptions, argos, create
from bilingual.mt.ct2 import Ct2Tokenizer
from bilingual.mt.ct2_models import find
from bilingual.store import EditionStore

TARGET = {"opus-mt": None, "nllb": "eng_Latn", "m2m100": "__en__"}
SOURCE = {"opus-mt": None, "nllb": "zho_Hans", "m2m100": "__zh__"}


@pytest.fixture(autouse=True)
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The installed models' directory (the test's own)."""
    own_dirs(tmp_path, monkeypatch, "组织部\tOrganization Department\n")
    return tmp_path / "models"


def install(capsys, folder: Path, *extra: object) -> tuple[int, str, str]:
    return run_cli(capsys, "models", "install", folder, *extra)


@pytest.mark.parametrize("kind", KINDS)
def test_install_list_translate_and_sign(kind, tiny_ct2_models, tmp_path, capsys, dirs, no_network):
    """The whole path for each kind, offline: install detects the kind, list shows it and the
    pair, translate fills every pair under a signature naming engine, model and kind."""
    name = f"my-{kind}"
    code, out, err = install(capsys, tiny_ct2_models[kind], "--name", name)
    assert code == 0, err
    version = find(name).version
    assert out == f"Installed {name} ({kind}, zh→en {version}) in {dirs / name}\n"
    code, out, _ = run_cli(capsys, "models", "list", "--json")
    assert json.loads(out) == [
        {"name": name, "from": "zh", "to": "en", "version": version, "path": str(dirs / name),
         "kind": kind}
    ]  # fmt: skip
    assert (
        run_cli(capsys, "models", "list")[1] == f"{name}\t{kind}\tzh→en\t{version}\t{dirs / name}\n"
    )
    edition = make_edition(tmp_path / "ed", seed_sentences(10))
    code, out, err = run_cli(capsys, "translate", "-e", edition, "--engine", "ct2", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["engine"], report["translated"]) == ("ct2", 10)
    assert report["signature"].startswith(
        f"ct2 {name} {version} kind={kind} beam=4 maxlen=256 len=2x+10/8 |"
    )
    pairs = EditionStore(edition).pairs()
    assert all(p.en and p.status == "machine" for p in pairs)
    assert {origin(p) for p in pairs} == {f"ct2:{name}"}
    assert not any(TARGET[kind] and TARGET[kind] in p.en for p in pairs)  # the prefix is gone
    again = json.loads(run_cli(capsys, "translate", "-e", edition, "--engine", "ct2", "--json")[1])
    assert (again["translated"], again["cached"]) == (0, 0)  # nothing pending
    assert no_network == []


@pytest.mark.parametrize("kind", KINDS)
def test_engine_output_is_raw_ctranslate2_with_the_kinds_tokens(kind, tiny_ct2_models, capsys):
    """The adapter adds what the model family expects (source language token, `</s>`, the
    target prefix) and the runner strips the prefix: the engine's English is what CTranslate2
    gives for tokens built here by hand."""
    import sentencepiece as spm

    folder = tiny_ct2_models[kind]
    assert install(capsys, folder, "--name", kind)[0] == 0
    engine = create("ct2", EngineOptions(model=kind))
    texts = seed_sentences(6)
    src_file, tgt_file = (
        ("source.spm", "target.spm") if kind == "opus-mt" else ("sentencepiece.bpe.model",) * 2
    )
    source = spm.SentencePieceProcessor(model_file=str(folder / src_file))
    target = spm.SentencePieceProcessor(model_file=str(folder / tgt_file))
    lead = [SOURCE[kind]] if SOURCE[kind] else []
    tokens = [lead + source.encode(t, out_type=str) + ["</s>"] for t in texts]
    assert engine.tokenize(texts) == tokens
    prefix = [[TARGET[kind]]] * len(texts) if TARGET[kind] else None
    raw = engine.translator.translate_batch(
        tokens,
        target_prefix=prefix,
        beam_size=4,
        max_decoding_length=256,
        replace_unknowns=True,
        max_batch_size=argos.BATCH_SIZE,
    )
    hypotheses = [r.hypotheses[0] for r in raw]
    if TARGET[kind]:
        assert all(h[0] == TARGET[kind] for h in hypotheses)
        hypotheses = [h[1:] for h in hypotheses]
    assert engine.translate(texts) == [target.decode(h).strip() for h in hypotheses]


@pytest.mark.parametrize(
    ("kind", "add_source_eos", "first", "last"),
    [
        ("opus-mt", False, None, "</s>"),  # ct2-transformers-converter: we append </s>
        ("opus-mt", True, None, "。"),  # ct2-opus-mt-converter: CTranslate2 appends it
        ("nllb", False, "zho_Hans", "</s>"),
        ("m2m100", False, "__zh__", "</s>"),
    ],
)
def test_source_tokens_follow_the_kind_and_config(
    tmp_path, capsys, kind, add_source_eos, first, last
):
    folder = build_ct2_model(tmp_path, kind, add_source_eos=add_source_eos, layers=1, d_model=16,
                             ffn=32)  # fmt: skip
    assert install(capsys, folder)[0] == 0
    tokens = Ct2Tokenizer(find(folder.name)).encode("组织部门带头。")
    assert tokens[-1].endswith(last)
    if first:
        assert tokens[0] == first
    else:
        assert tokens[0].startswith("▁")


def _copy(folder: Path, out: Path) -> Path:
    return Path(shutil.copytree(folder, out / folder.name))


def _without(name: str):
    return lambda f: (f / name).unlink()


def _vocab_without_codes(f: Path) -> None:
    path = f / "shared_vocabulary.json"
    vocab = [
        t if t not in ("zho_Hans", "eng_Latn") else t.upper() for t in json.loads(path.read_text())
    ]
    path.write_text(json.dumps(vocab))


def _english_only_tokenizer(f: Path) -> None:
    from tinymodel import train_sentencepiece, training_text

    train_sentencepiece(f / "other", 300, text=training_text(zh=False))
    (f / "other" / "sentencepiece.model").replace(f / "sentencepiece.bpe.model")
    shutil.rmtree(f / "other")


def _swap_sides(f: Path) -> None:  # an en→zh model's tokenizers
    (f / "source.spm").rename(f / "tmp.spm")
    (f / "target.spm").rename(f / "source.spm")
    (f / "tmp.spm").rename(f / "target.spm")


def _truncate(name: str):
    return lambda f: (f / name).write_bytes((f / name).read_bytes()[:4000])


REFUSALS = [
    ("no-model-bin", "nllb", _without("model.bin"), "no model.bin in it (not a CTranslate2 model folder)"),
    ("no-vocabulary", "nllb", _without("shared_vocabulary.json"),
     "no vocabulary (shared_vocabulary.json or target_vocabulary.json)"),
    ("no-tokenizer", "m2m100", _without("sentencepiece.bpe.model"), "no tokenizer in it"),
    ("half-opus-mt", "opus-mt", _without("target.spm"),
     "it has source.spm but no target.spm (OPUS-MT needs both)"),
    ("no-language-codes", "nllb", _vocab_without_codes,
     "its vocabulary has no Chinese and English language tokens"),
    ("foreign-tokenizer", "nllb", _english_only_tokenizer,
     "of a Chinese test sentence is unknown to sentencepiece.bpe.model or outside the model's "
     "source vocabulary"),
    ("en-zh-model", "opus-mt", _swap_sides, "of a Chinese test sentence is unknown to source.spm"),
    ("corrupt-tokenizer", "m2m100", _truncate("sentencepiece.bpe.model"),
     "its tokenizer sentencepiece.bpe.model cannot be used ("),
    ("damaged-model", "nllb", _truncate("model.bin"), "CTranslate2 cannot load or run it ("),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "kind", "damage", "message"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_install_refusals_are_one_line_and_leave_nothing(
    case, kind, damage, message, tiny_ct2_models, tmp_path, capsys, dirs
):
    folder = _copy(tiny_ct2_models[kind], tmp_path)
    damage(folder)
    code, out, err = install(capsys, folder)
    assert (code, out, err.count("\n")) == (4, "", 1), err
    assert err.startswith(f"Error: Refusing to install {folder.name}: ")
    assert message in err
    assert not dirs.exists() or list(dirs.iterdir()) == []  # not even a temporary folder


def test_names_reinstall_and_remove(tiny_ct2_models, tiny_argosmodel, capsys, dirs):
    folder = tiny_ct2_models["nllb"]
    code, _, err = install(capsys, folder, "--name", "no spaces")
    assert (code, err) == (4, "Error: Invalid model name 'no spaces'. Use letters, digits, '.', "
                              "'_', '+' and '-' (e.g. --name opus-mt-zh-en).\n")  # fmt: skip
    assert install(capsys, tiny_argosmodel)[0] == 0
    code, _, err = install(capsys, folder, "--name", "translate-zh_en-tiny")
    assert code == 4 and "an Argos model named 'translate-zh_en-tiny' is installed" in err
    assert install(capsys, folder, "--name", "nllb")[0] == 0
    assert install(capsys, folder, "--name", "nllb")[0] == 0  # replaced in one move
    assert [p.name for p in dirs.iterdir()] == ["nllb"]
    names = [m["name"] for m in json.loads(run_cli(capsys, "models", "list", "--json")[1])]
    assert names == ["nllb", "translate-zh_en-tiny"]
    code, out, _ = run_cli(capsys, "models", "remove", "nllb")
    assert code == 0 and out == f"Removed nllb ({dirs / 'nllb'}).\n"
    assert list(dirs.iterdir()) == []
    assert run_cli(capsys, "models", "remove", "nllb")[0] == 4


def test_auto_prefers_an_installed_ct2_model(tiny_ct2_models, tiny_argosmodel, tmp_path, capsys):
    edition = make_edition(tmp_path / "ed", seed_sentences(3))
    assert install(capsys, tiny_argosmodel)[0] == 0
    assert install(capsys, tiny_ct2_models["opus-mt"], "--name", "opus")[0] == 0
    report = json.loads(run_cli(capsys, "translate", "-e", edition, "--json")[1])
    assert report["signature"].startswith("ct2 opus ")
    # --model names an Argos package: auto runs Argos.
    report = json.loads(
        run_cli(capsys, "translate", "-e", edition, "--json", "--model", "translate-zh_en-tiny")[1]
    )
    assert report["engine"] == "argos"


def test_missing_model_and_broken_tokenizer_are_model_errors(tiny_ct2_models, tmp_path, capsys):
    edition = make_edition(tmp_path / "ed", seed_sentences(3))
    code, _, err = run_cli(capsys, "translate", "-e", edition, "--engine", "ct2")
    assert (code, err) == (4, "Error: No CTranslate2 model is installed. Install a converted "
                              "OPUS-MT, NLLB or M2M100 folder with `bilingual models install DIR "
                              "--name NAME`, or use another --engine.\n")  # fmt: skip
    assert install(capsys, tiny_ct2_models["m2m100"], "--name", "m2m")[0] == 0
    code, _, err = run_cli(capsys, "translate", "-e", edition, "--engine", "ct2", "--model", "x")
    assert (code, err) == (4, "Error: No installed CTranslate2 model named 'x'. See `bilingual "
                              "models list`.\n")  # fmt: skip
    (find("m2m").model_dir / "sentencepiece.bpe.model").write_bytes(b"\x08" * 64)
    before = run_cli(capsys, "review", "list", "-e", edition, "--json")[1]
    code, out, err = run_cli(capsys, "translate", "-e", edition, "--engine", "ct2")
    assert (code, out, err.count("\n")) == (4, "", 1)
    assert err.startswith("Error: Cannot load the tokenizer of model m2m (")
    assert err.endswith("Reinstall it: `bilingual models remove m2m` then install again.\n")
    assert run_cli(capsys, "review", "list", "-e", edition, "--json")[1] == before
