"""One CTranslate2 runner for every neural engine, with tokenizer adapters for each model kind.

The argos and ct2 engines differ only in how a sentence becomes tokens and back (an Argos
package's tokenizer and optional target prefix; OPUS-MT's two SentencePiece models; NLLB's and
M2M100's language tokens). That part is a `Tokenizer` adapter; loading the model, threads and
batching are here, once, so every engine batches (and is benchmarked) the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Protocol

from ..errors import ModelError

# Measured with bench/translate.py on the 2-core machine: two single-threaded replicas working
# on different sub-batches beat one replica using both cores by about 1.7x, and batches of 32
# length-sorted sentences were as fast as any token budget tried.
BATCH_TYPE = "examples"
BATCH_SIZE = 32


def batching() -> tuple[str, int]:
    """(batch type, max batch size); `BILINGUAL_BATCH_TYPE` / `_SIZE` override them for benches
    (read per call, not at import, so a bench or test can set them after importing)."""
    kind = os.environ.get("BILINGUAL_BATCH_TYPE") or BATCH_TYPE
    return kind, int(os.environ.get("BILINGUAL_BATCH_SIZE") or BATCH_SIZE)


def threads() -> tuple[int, int]:
    """(inter_threads, intra_threads): a few replicas in parallel, the cores split among them."""
    cores = os.cpu_count() or 1
    inter = int(os.environ.get("BILINGUAL_INTER_THREADS") or 0) or min(cores, 4)
    return inter, max(1, cores // inter)


class Tokenizer(Protocol):
    """How one model kind turns sentences into source tokens and target tokens into text."""

    def encode(self, texts: list[str]) -> list[list[str]]: ...

    def target_prefix(self) -> list[str]:
        """Tokens the decoder must start with (a language token), or []."""
        ...

    def decode(self, tokens: list[str]) -> str: ...


class Runner:
    """A CTranslate2 `Translator` on the CPU, loaded on first use, translating batches.

    `reinstall` is the advice given when the model cannot be loaded (it names the model).
    """

    def __init__(
        self,
        model_dir: Path,
        tokenizer: Callable[[], Tokenizer],
        *,
        beam_size: int,
        max_decoding_length: int,
        reinstall: str,
        label: str,
    ) -> None:
        self.model_dir = Path(model_dir)
        self._make_tokenizer = tokenizer
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self.reinstall = reinstall
        self.label = label

    @cached_property
    def tokenizer(self) -> Tokenizer:
        return self._make_tokenizer()

    @cached_property
    def translator(self):
        import ctranslate2

        inter, intra = threads()
        try:
            return ctranslate2.Translator(
                str(self.model_dir),
                device="cpu",
                compute_type="auto",
                inter_threads=inter,
                intra_threads=intra,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"Cannot load the CTranslate2 model of {self.label} ({exc})", self.reinstall
            ) from None

    def translate(self, texts: list[str]) -> list[str]:
        """Translate a batch; CTranslate2 sorts it by length, cuts it into sub-batches and runs
        them on its replicas in parallel. A target prefix is dropped from the output."""
        if not texts:
            return []
        tokenizer = self.tokenizer
        source = tokenizer.encode(texts)
        prefix = tokenizer.target_prefix()
        batch_type, batch_size = batching()
        results = self.translator.translate_batch(
            source,
            target_prefix=[prefix] * len(source) if prefix else None,
            max_batch_size=batch_size,
            batch_type=batch_type,
            beam_size=self.beam_size,
            max_decoding_length=self.max_decoding_length,
            replace_unknowns=True,
        )
        out = []
        for result in results:
            tokens = result.hypotheses[0]
            if prefix and tokens[: len(prefix)] == prefix:
                tokens = tokens[len(prefix) :]
            out.append(tokenizer.decode(tokens).strip())
        return out
