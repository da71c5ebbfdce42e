"""The Argos engine: an installed Argos package run directly with CTranslate2.

We use the package's tokenizer (SentencePiece or BPE, via `argostranslate.package.Package`) as
the adapter of the shared CTranslate2 runner (`mt/runner.py`) over our own sentences. `argostranslate.translate` is
never imported: it pulls in stanza and downloads a sentence splitter at run time, and it
translates one text at a time where we batch a whole edition.
"""

from __future__ import annotations

from functools import cached_property

from ..document import Signature
from ..errors import ModelError
from . import EngineOptions
from .models import ModelInfo, find_model, load_package, tokenizer_problem
from .runner import Runner


class ArgosTokenizer:
    """An Argos package's own tokenizer (SentencePiece or BPE), and its optional target
    prefix (a language token some multilingual packages start the output with)."""

    def __init__(self, package) -> None:
        self.package = package

    def encode(self, texts: list[str]) -> list[list[str]]:
        return [self.package.tokenizer.encode(t) for t in texts]

    def target_prefix(self) -> list[str]:
        prefix = self.package.target_prefix or ""
        return [prefix] if prefix else []

    def decode(self, tokens: list[str]) -> str:
        return self.package.tokenizer.decode(tokens)


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
                    f"No installed Argos model named {options.model!r}",
                    "See `bilingual models list`.",
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
        self.runner = Runner(
            info.path / "model",
            lambda: ArgosTokenizer(self.package),
            beam_size=options.beam_size,
            max_decoding_length=options.max_decoding_length,
            reinstall=self._reinstall,
            label=info.name,
        )

    @property
    def _reinstall(self) -> str:
        return f"Reinstall it: `bilingual models remove {self.info.name}` then install again."

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
            raise ModelError(f"Model {self.info.name} has no tokenizer", self._reinstall)
        problem = tokenizer_problem(pkg)
        if problem:
            raise ModelError(
                f"Cannot load the tokenizer of model {self.info.name} ({problem})",
                self._reinstall,
            )
        return pkg

    @property
    def translator(self):
        return self.runner.translator

    def tokenize(self, texts: list[str]) -> list[list[str]]:
        return self.runner.tokenizer.encode(texts)

    def translate(self, texts: list[str]) -> list[str]:
        """Translate a batch through the shared CTranslate2 runner."""
        return self.runner.translate(texts)
