"""Build a tiny but real Argos package: SentencePiece tokenizer + CTranslate2 Transformer.

The weights are seeded random numbers, so the output is nonsense but deterministic; what the
package proves is the real path (zip → install → Argos metadata/tokenizer → CTranslate2
`translate_batch` → detokenise). `bench/translate.py` uses `build_package` with a
Transformer-base shape.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

# A few KB of training text, written for these tests (not taken from any corpus).
_ZH = """\
组织部门带头抗击疫情，党员干部冲锋在一线。
市委组织部深入基层，为社区工作者送去慰问金。
各级党组织要关心关爱防疫一线的医务工作者。
面对面的交流指导，进一步凝聚起强大合力。
基层党员干部坚守岗位，群众的所急所盼就是工作方向。
我们要把疫情防控工作落实到每一个社区和村庄。
县委书记带队检查复工复产情况，帮助企业解决困难。
二月十三日，工作组走访了三个街道和五个乡镇。
全市上下众志成城，打赢疫情防控阻击战。
干部群众同心协力，共同维护社会稳定和人民健康。
新华社北京电，记者从国家卫生健康委员会获悉。
发挥组织优势，把支部建在防控第一线。
"""

_EN = """\
The organization department led the fight against the epidemic.
Party members and officials stood on the front line in every community.
The municipal committee sent money and support to community workers.
Party organizations at all levels must care for the medical workers.
Face to face exchanges built a strong joint force across the city.
Officials stayed at their posts and listened to the needs of the people.
We will carry the prevention and control work into every village.
The county secretary checked how companies were resuming work and production.
On February 13 the working group visited three streets and five townships.
The whole city worked as one to win the battle against the epidemic.
Officials and the public worked together for stability and health.
Beijing, Xinhua: reporters learned from the National Health Commission.
"""


SEED_TEXT = (Path(__file__).resolve().parent.parent / "samples" / "seed-page.txt").read_text(
    encoding="utf-8"
)


def training_text(zh: bool = True, en: bool = True) -> str:
    """The SentencePiece training text: the lines above (Chinese, English or both), repeated a
    few times."""
    return ((_ZH if zh else "") + (_EN if en else "")) * 3


def train_sentencepiece(
    directory: Path,
    vocab_size: int = 400,
    extra_text: str = "",
    *,
    text: str | None = None,
    name: str = "sentencepiece.model",
) -> Path:
    """Train a SentencePiece model into `directory/<name>` (on `text`, by default the
    Chinese and English lines above)."""
    import sentencepiece as spm

    directory.mkdir(parents=True, exist_ok=True)
    corpus = directory / "corpus.txt"
    corpus.write_text((training_text() if text is None else text) + extra_text, encoding="utf-8")
    prefix = directory / "sp-training"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        hard_vocab_limit=False,
        minloglevel=2,
    )
    corpus.unlink()
    prefix.with_suffix(".vocab").unlink()
    return prefix.with_suffix(".model").rename(directory / name)


def build_spec(
    vocab: list[str],
    *,
    layers: int = 2,
    d_model: int = 64,
    ffn: int = 128,
    heads: int = 2,
    seed: int = 1234,
    eos_bias: float = 0.0,
    target_vocab: list[str] | None = None,
    pre_norm: bool = True,
):
    """A CTranslate2 TransformerSpec with every variable filled from a seeded RNG.

    `eos_bias` raises the end-of-sentence logit so decoding stops at a plausible length
    instead of always running to `max_decoding_length`. `target_vocab` gives the decoder its
    own vocabulary (Marian models have two); `pre_norm=False` is the post-norm Transformer.
    """
    import numpy as np
    from ctranslate2.specs import TransformerSpec

    spec = TransformerSpec.from_config(num_layers=layers, num_heads=heads, pre_norm=pre_norm)
    rng = np.random.default_rng(seed)
    target_vocab = vocab if target_vocab is None else target_vocab
    v, t = len(vocab), len(target_vocab)
    shapes = {
        "embeddings_0/weight": (v, d_model),
        "embeddings/weight": (t, d_model),
        "projection/weight": (t, d_model),
        "self_attention/linear_0/weight": (3 * d_model, d_model),
        "self_attention/linear_1/weight": (d_model, d_model),
        "attention/linear_0/weight": (d_model, d_model),
        "attention/linear_1/weight": (2 * d_model, d_model),
        "attention/linear_2/weight": (d_model, d_model),
        "ffn/linear_0/weight": (ffn, d_model),
        "ffn/linear_1/weight": (d_model, ffn),
    }
    for name, value in spec.variables().items():
        if value is not None and not name.endswith(("/gamma", "/beta", "/weight")):
            continue
        if name.endswith("/gamma"):
            array = np.ones(d_model, dtype=np.float32)
        elif name.endswith("/beta"):
            array = np.zeros(d_model, dtype=np.float32)
        else:
            key = next(k for k in shapes if name.endswith(k))
            rows, cols = shapes[key]
            array = (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)
        _assign(spec, name, array)
    if eos_bias:
        bias = np.zeros(t, dtype=np.float32)
        bias[target_vocab.index("</s>")] = eos_bias
        spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(target_vocab)
    spec.validate()
    return spec


def _assign(spec: object, name: str, array: object) -> None:
    """Set a spec variable given its slash path (e.g. `encoder/layer_0/ffn/linear_0/weight`)."""
    *path, attr = name.split("/")
    node = spec
    for part in path:
        if hasattr(node, part):
            node = getattr(node, part)
        else:  # `layer_3` → node.layer[3]; `linear_0` → node.linear[0]
            base, _, index = part.rpartition("_")
            node = getattr(node, base)[int(index)]
    setattr(node, attr, array)


def build_package(
    out_dir: Path,
    *,
    name: str = "translate-zh_en-tiny",
    version: str = "0.1",
    vocab_size: int = 400,
    quantization: str | None = None,
    target_prefix: str = "",
    eos_bias: float = 2.5,
    model_vocab: int = 0,
    extra_text: str = "",
    **shape: int,
) -> Path:
    """Write `out_dir/<name>.argosmodel` (a zip of one folder) and return its path.

    `model_vocab` pads the model's vocabulary with unused pieces up to that size (a realistic
    output layer for benchmarks); `extra_text` is added to the SentencePiece training text.
    """
    import sentencepiece as spm

    work = out_dir / name
    sp_path = train_sentencepiece(work, vocab_size, extra_text)
    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    if target_prefix:  # a language token like Argos's "__en__": known to the model only
        vocab.append(target_prefix)
    vocab += [f"<unused{i}>" for i in range(model_vocab - len(vocab))]
    spec = build_spec(vocab, eos_bias=eos_bias, **shape)
    if quantization:
        spec.optimize(quantization=quantization)
    (work / "model").mkdir()
    spec.save(str(work / "model"))
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": "zh",
        "from_name": "Chinese",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "name": name,
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    (work / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    archive = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(work.rglob("*")):
            zf.write(path, path.relative_to(out_dir).as_posix())
    return archive


@pytest.fixture(scope="session")
def tiny_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny package, built once per test session (about a second)."""
    return build_package(tmp_path_factory.mktemp("tinymodel"))


if __name__ == "__main__":  # manual use: python tests/tinymodel.py OUT_DIR
    import sys

    print(build_package(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))
