"""The ct2 engine: an installed CTranslate2 model (OPUS-MT, NLLB-200, M2M100) on the CPU.

It is the Argos engine (`mt/argos.py`: the one CTranslate2 runner, with its batching, threads,
caching and placeholders) with another tokenizer adapter. An installed model is laid out as
an Argos package is (`NAME/model/` holds the CTranslate2 files), and `Ct2Package` answers as
an Argos package does (`tokenizer.encode`/`decode`, `target_prefix`), so whatever the runner
learns to do serves both. What differs by kind is in `Ct2Tokenizer`: SentencePiece pieces,
the source language token before them (NLLB `zho_Hans`, M2M100 `__zh__`) and `</s>` after
(unless the model's config.json says CTranslate2 adds it), and the target language token as
the decoder's prefix (`eng_Latn`, `__en__`), which the runner drops from the output.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..document import Signature
from ..errors import ModelError
from . import EngineOptions
from .argos import ArgosEngine
from .ct2_models import Ct2Model, find

EOS = "</s>"


class Ct2Tokenizer:
    """SentencePiece in and out, with the kind's language tokens (see the module docstring)."""

    def __init__(self, model: Ct2Model, folder: Path | None = None) -> None:
        import sentencepiece as spm

        folder = folder or model.model_dir
        self.model = model
        self.source = spm.SentencePieceProcessor(model_file=str(folder / model.source_spm))
        self.target = (
            self.source
            if model.target_spm == model.source_spm
            else spm.SentencePieceProcessor(model_file=str(folder / model.target_spm))
        )

    def encode(self, text: str) -> list[str]:
        lead = [self.model.spec.source_token] if self.model.spec.source_token else []
        tail = [EOS] if self.model.append_eos else []
        return lead + self.source.encode(text, out_type=str) + tail

    def decode(self, tokens: list[str]) -> str:
        return self.target.decode(tokens)


class Ct2Package:
    """What the runner asks of an Argos package, for a CTranslate2 model."""

    def __init__(self, model: Ct2Model, folder: Path | None = None) -> None:
        self.tokenizer = Ct2Tokenizer(model, folder)
        self.target_prefix = model.spec.target_token


class Ct2Engine(ArgosEngine):
    """zh→en neural translation with an installed CTranslate2 model (`--model NAME`, or the
    model installed last)."""

    name = "ct2"

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        model = find(options.model)
        if model is None:
            if options.model:
                raise ModelError(
                    f"No installed CTranslate2 model named {options.model!r}",
                    "See `bilingual models list`.",
                )
            raise ModelError(
                "No CTranslate2 model is installed",
                "Install a converted OPUS-MT, NLLB or M2M100 folder with "
                "`bilingual models install DIR --name NAME`, or use another --engine.",
            )
        self.model = model
        self.info = model.info

    def signature(self) -> Signature:
        """`ct2 NAME HASH kind=KIND` and the runner's decoding options (the Argos engine's)."""
        decoding = super().signature().options
        return Signature(
            "ct2", self.model.name, self.model.version, (("kind", self.model.kind), *decoding)
        )

    @cached_property
    def package(self) -> Ct2Package:
        try:
            return Ct2Package(self.model)
        except Exception as exc:  # SentencePiece raises RuntimeError, OSError or its own kinds
            detail = " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
            raise ModelError(
                f"Cannot load the tokenizer of model {self.model.name} ({detail})",
                f"Reinstall it: `bilingual models remove {self.model.name}` then install again.",
            ) from None
