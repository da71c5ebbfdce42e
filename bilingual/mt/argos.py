"""The Argos engine: an installed Argos package run directly with CTranslate2.

We use the package's tokenizer (SentencePiece or BPE, via `argostranslate.package.Package`) and
`ctranslate2.Translator.translate_batch` over our own sentences. `argostranslate.translate` is
never imported: it pulls in stanza and downloads a sentence splitter at run time, and it
translates one text at a time where we batch a whole edition.
"""

from __future__ import annotations

import os
from functools import cached_property

from ..document import Signature
from ..errors import ModelError
from . import EngineOptions
from .models import ModelInfo, find_model, load_package, tokenizer_problem

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


class ArgosEngine:
    """zh→en (or the named package's pair) neural translation with CTranslate2 on the CPU."""

    name = "argos"
    label = "machine translation"
    flag = None

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        info = find_model("zh", "en", options.model)
        if info is None:
            if options.model:
                raise ModelError(
                    f"No installed model named {options.model!r}", "See `bilingual models list`."
                )
            raise ModelError(
                "No zh→en translation model is installed",
                "Install one with `bilingual models install --download zh en` or "
                "`bilingual models install FILE.argosmodel`, or use --engine gloss.",
            )
        if (info.from_code, info.to_code) != ("zh", "en"):
            raise ModelError(
                f"Model {info.name} translates {info.from_code}→{info.to_code}, not zh→en",
                "Choose a zh→en model with --model (see `bilingual models list`).",
            )
        self.info: ModelInfo = info

    def signature(self) -> Signature:
        o = self.options
        return Signature(
            "argos",
            self.info.name,
            f"v{self.info.version}",
            (("beam", str(o.beam_size)), ("maxlen", str(o.max_decoding_length))),
        )

    @cached_property
    def package(self):
        pkg = load_package(self.info)
        if getattr(pkg, "tokenizer", None) is None:
            raise ModelError(
                f"Model {self.info.name} has no tokenizer",
                f"Reinstall it: `bilingual models remove {self.info.name}` then install again.",
            )
        problem = tokenizer_problem(pkg)
        if problem:
            raise ModelError(
                f"Cannot load the tokenizer of model {self.info.name} ({problem})",
                f"Reinstall it: `bilingual models remove {self.info.name}` then install again.",
            )
        return pkg

    @cached_property
    def translator(self):
        import ctranslate2

        try:
            return ctranslate2.Translator(
                str(self.info.path / "model"),
                device="cpu",
                compute_type="auto",
                inter_threads=threads()[0],
                intra_threads=threads()[1],
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"Cannot load the CTranslate2 model of {self.info.name} ({exc})",
                f"Reinstall it: `bilingual models remove {self.info.name}` then install again.",
            ) from None

    def tokenize(self, texts: list[str]) -> list[list[str]]:
        tokenizer = self.package.tokenizer
        return [tokenizer.encode(t) for t in texts]

    def translate(self, texts: list[str]) -> list[str]:
        """Translate a batch; CTranslate2 sorts it by length, cuts it into sub-batches and runs
        them on its replicas in parallel."""
        if not texts:
            return []
        pkg = self.package
        prefix = pkg.target_prefix or ""
        source = self.tokenize(texts)
        batch_type, batch_size = batching()
        results = self.translator.translate_batch(
            source,
            target_prefix=[[prefix]] * len(source) if prefix else None,
            max_batch_size=batch_size,
            batch_type=batch_type,
            beam_size=self.options.beam_size,
            max_decoding_length=self.options.max_decoding_length,
            replace_unknowns=True,
        )
        return [self._detokenize(r.hypotheses[0], prefix) for r in results]

    def _detokenize(self, tokens: list[str], prefix: str) -> str:
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        return self.package.tokenizer.decode(tokens).strip()
