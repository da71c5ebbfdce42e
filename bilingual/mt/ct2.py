"""The ct2 engine: an installed CTranslate2 model (OPUS-MT, NLLB-200, M2M100) on the CPU.

The model runs on the same runner as Argos packages (`mt/runner.py`); what differs by kind is
the tokenizer adapter, `Ct2Tokenizer`: SentencePiece pieces, the source language token
before them (NLLB `zho_Hans`, M2M100 `__zh__`) and `</s>` after (unless the model's
config.json says CTranslate2 adds it), and the target language token as the decoder's prefix
(`eng_Latn`, `__en__`), dropped from the output. Placeholders (`ZZ1ZZ`) are plain Latin
pieces to these tokenizers, as to Argos's.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Signature
from ..errors import ModelError
from . import EngineOptions
from .ct2_models import Ct2Model, find
from .runner import Runner

EOS = "</s>"


class Ct2Tokenizer:
    """SentencePiece in and out, with the kind's language tokens (see the module docstring)."""

    def __init__(self, model: Ct2Model, folder: Path | None = None) -> None:
        import sentencepiece as spm

        folder = folder or model.path
        self.model = model
        self.source = spm.SentencePieceProcessor(model_file=str(folder / model.source_spm))
        self.target = (
            self.source
            if model.target_spm == model.source_spm
            else spm.SentencePieceProcessor(model_file=str(folder / model.target_spm))
        )

    def encode(self, texts: list[str]) -> list[list[str]]:
        lead = [self.model.spec.source_token] if self.model.spec.source_token else []
        tail = [EOS] if self.model.append_eos else []
        return [lead + self.source.encode(t, out_type=str) + tail for t in texts]

    def target_prefix(self) -> list[str]:
        token = self.model.spec.target_token
        return [token] if token else []

    def decode(self, tokens: list[str]) -> str:
        return self.target.decode(tokens)


class Ct2Engine:
    """zh→en neural translation with an installed CTranslate2 model (`--model NAME`, or the
    model installed last)."""

    name = "ct2"
    label = "machine translation"
    flag = None

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
        reinstall = f"Reinstall it: `bilingual models remove {model.name}` then install again."
        self.runner = Runner(
            model.path,
            self._tokenizer,
            beam_size=options.beam_size,
            max_decoding_length=options.max_decoding_length,
            reinstall=reinstall,
            label=model.name,
        )

    def _tokenizer(self) -> Ct2Tokenizer:
        try:
            return Ct2Tokenizer(self.model)
        except Exception as exc:  # SentencePiece raises RuntimeError, OSError or its own kinds
            detail = " ".join(str(exc).split()).rstrip(".") or type(exc).__name__
            raise ModelError(
                f"Cannot load the tokenizer of model {self.model.name} ({detail})",
                f"Reinstall it: `bilingual models remove {self.model.name}` then install again.",
            ) from None

    def signature(self) -> Signature:
        o = self.options
        return Signature(
            "ct2",
            self.model.name,
            self.model.version,
            (
                ("kind", self.model.kind),
                ("beam", str(o.beam_size)),
                ("maxlen", str(o.max_decoding_length)),
            ),
        )

    def translate(self, texts: list[str]) -> list[str]:
        return self.runner.translate(texts)
