"""Build tiny but real CTranslate2 model folders shaped like converted OPUS-MT, NLLB-200 and
M2M100 models: the files `ct2-transformers-converter --copy_files …` leaves, random weights.

The spec is built directly with `ctranslate2.specs` (as tests/tinymodel.py does for Argos):
converting a tiny transformers model would need torch. What each shape reproduces is what the
ct2 engine depends on:
- opus-mt: post-norm Transformer, `source.spm` (trained on Chinese) and `target.spm` (on
  English), separate source and target vocabularies; config.json's `add_source_eos` as the
  transformers converter (False: the caller appends `</s>`) or the OPUS-MT converter (True)
  writes it.
- nllb: pre-norm, one `sentencepiece.bpe.model`, a shared vocabulary with language codes
  (`zho_Hans`, `eng_Latn`, …).
- m2m100: the same with M2M100's codes (`__zh__`, `__en__`, …).
`bench/translate.py` uses `build_ct2_model` with a Transformer-base shape.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tinymodel import SEED_TEXT, build_spec, train_sentencepiece, training_text

LANGUAGE_TOKENS = {
    "nllb": ["eng_Latn", "fra_Latn", "zho_Hans", "zho_Hant"],
    "m2m100": ["__en__", "__fr__", "__zh__", "__ja__"],
}
KINDS = ("opus-mt", "nllb", "m2m100")


def _vocabulary(sp_path: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_path))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_ct2_model(
    out_dir: Path,
    kind: str,
    *,
    name: str = "",
    add_source_eos: bool = False,
    vocab_size: int = 1200,
    model_vocab: int = 0,
    eos_bias: float = 2.5,
    quantization: str | None = None,
    extra_text: str = "",
    **shape: int,
) -> Path:
    """Write a converted-model folder of `kind` to `out_dir/<name>` and return it.

    `model_vocab` pads the vocabulary with unused pieces (a realistic output layer for
    benchmarks); the SentencePiece models train on the seed page and the tiny parallel text.
    """
    folder = out_dir / (name or f"tiny-{kind}")
    folder.mkdir(parents=True)
    if kind == "opus-mt":
        source = train_sentencepiece(
            folder, vocab_size, text=training_text(en=False) + SEED_TEXT + extra_text,
            name="source.spm",
        )  # fmt: skip
        target = train_sentencepiece(folder, 300, text=training_text(zh=False), name="target.spm")
        source_vocab = [*_vocabulary(source), "<pad>"]
        target_vocab = [*_vocabulary(target), "<pad>"]
        pre_norm = False
    else:
        sp = train_sentencepiece(
            folder, vocab_size, text=training_text() + SEED_TEXT + extra_text,
            name="sentencepiece.bpe.model",
        )  # fmt: skip
        source_vocab = [*_vocabulary(sp), *LANGUAGE_TOKENS[kind]]
        target_vocab = source_vocab
        pre_norm = True
    pad = [f"madeupword{i}" for i in range(model_vocab - len(source_vocab))]
    source_vocab += pad
    target_vocab = source_vocab if kind != "opus-mt" else target_vocab + pad
    spec = build_spec(
        source_vocab, target_vocab=target_vocab, pre_norm=pre_norm, eos_bias=eos_bias, **shape
    )
    spec.config.decoder_start_token = "</s>"
    spec.config.add_source_eos = add_source_eos
    if quantization:
        spec.optimize(quantization=quantization)
    spec.save(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_ct2_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One tiny model folder of each kind, built once per test session."""
    out = tmp_path_factory.mktemp("tinyct2")
    return {kind: build_ct2_model(out, kind) for kind in KINDS}


if __name__ == "__main__":  # manual use: python tests/tinyct2.py KIND OUT_DIR
    import sys

    print(build_ct2_model(Path(sys.argv[2] if len(sys.argv) > 2 else "."), sys.argv[1]))
