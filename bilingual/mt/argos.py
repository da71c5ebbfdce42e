"""The Argos engine: an installed Argos package run directly with CTranslate2.

We use the package's tokenizer (SentencePiece or BPE, via `argostranslate.package.Package`) and
`ctranslate2.Translator.translate_batch` over our own sentences. `argostranslate.translate` is
never imported: it pulls in stanza and downloads a sentence splitter at run time, and it
translates one text at a time where we batch a whole edition.

How a chunk is decoded (each choice measured with bench/translate.py):
- length-sorted sub-batches of BATCH_SIZE sentences, each submitted asynchronously with its
  own decoding cap, `mt.decoding_length` of its longest source (CTranslate2 takes one cap per
  call), so the replicas stay busy and no sub-batch decodes further than its sources need;
- without `replace_unknowns` (it makes CTranslate2 keep attention, which doubled the decoding
  time of a small model): only the sentences whose output holds `<unk>` are decoded again
  with it, which gives the same English as decoding all of them with it;
- protected spans as single-token letters the model's vocabulary holds (`placeholders`);
- the thread layout chosen by the number of sub-batches a run will have (`threads`).
"""

from __future__ import annotations

import json
import os
from functools import cached_property
from itertools import groupby
from pathlib import Path

from ..document import Signature
from ..errors import ModelError
from ..terms.placeholders import Placeholders, choose_letters
from . import EngineBase, EngineOptions, decoding_length, length_rule
from .models import ModelInfo, find_model, load_package, tokenizer_problem

# Measured with bench/translate.py on the 2-core machine: two single-threaded replicas working
# on different sub-batches beat one replica using both cores by about 1.7x, and batches of 32
# length-sorted sentences were as fast as any token budget tried.
BATCH_SIZE = 32
UNKNOWN = "<unk>"


def batch_size() -> int:
    """Sentences per sub-batch; `BILINGUAL_BATCH_SIZE` overrides it for benches (read per
    call, not at import, so a bench or test can set it after importing)."""
    return int(os.environ.get("BILINGUAL_BATCH_SIZE") or BATCH_SIZE)


def threads(batches: int = 0) -> tuple[int, int]:
    """(inter_threads, intra_threads): a few replicas in parallel, the cores split among them.

    With `batches` known (the sub-batches a run will have), never more replicas than batches:
    a run of one batch gets one replica with every core instead of leaving cores idle.
    `BILINGUAL_INTER_THREADS` fixes the number of replicas."""
    cores = os.cpu_count() or 1
    fixed = int(os.environ.get("BILINGUAL_INTER_THREADS") or 0)
    inter = fixed or min(cores, 4, batches or cores)
    return inter, max(1, cores // inter)


def model_vocabulary(model_dir: Path) -> frozenset[str]:
    """The tokens a CTranslate2 model can both read and write (its shared vocabulary, or the
    intersection of source and target)."""
    found = []
    for name in ("shared_vocabulary", "source_vocabulary", "target_vocabulary"):
        for suffix, read in ((".json", json.loads), (".txt", str.splitlines)):
            path = model_dir / (name + suffix)
            if path.is_file():
                found.append(frozenset(read(path.read_text(encoding="utf-8"))))
                break
    return frozenset.intersection(*found) if found else frozenset()


class ArgosEngine(EngineBase):
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
            (
                ("beam", str(o.beam_size)),
                ("maxlen", str(o.max_decoding_length)),
                ("len", length_rule()),
            ),
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

    def prepare(self, count: int) -> None:
        """Load the tokenizer and the model for a run of `count` sentences, with the thread
        layout that many sub-batches want (before any chunk is timed or run in parallel)."""
        self.layout = threads(-(-count // batch_size()))
        self.package  # noqa: B018 -- cached_property: load it now
        self.translator  # noqa: B018
        self.placeholders  # noqa: B018

    @property
    def workers(self) -> int:
        """Chunks worth running at once: one per replica, so none idles between chunks."""
        return self.layout[0]

    @property
    def batch(self) -> int:
        """Chunks come in whole sub-batches, so chunking costs CTranslate2 no batch size."""
        return batch_size()

    @cached_property
    def layout(self) -> tuple[int, int]:
        return threads()

    @cached_property
    def translator(self):
        import ctranslate2

        inter, intra = self.layout
        try:
            return ctranslate2.Translator(
                str(self.info.path / "model"),
                device="cpu",
                compute_type="auto",
                inter_threads=inter,
                intra_threads=intra,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"Cannot load the CTranslate2 model of {self.info.name} ({exc})",
                f"Reinstall it: `bilingual models remove {self.info.name}` then install again.",
            ) from None

    @cached_property
    def placeholders(self) -> Placeholders:
        """Marker letters this model reads and writes, and its tokenizer keeps whole between
        Chinese characters (see `terms.placeholders`)."""
        encode = self.package.tokenizer.encode
        vocabulary = model_vocabulary(self.info.path / "model")
        return Placeholders(choose_letters(vocabulary, lambda c: c in encode(f"中{c}文")))

    def tokenize(self, texts: list[str]) -> list[list[str]]:
        tokenizer = self.package.tokenizer
        return [tokenizer.encode(t) for t in texts]

    def translate(self, texts: list[str]) -> list[str]:
        """Translate a chunk: length-sorted sub-batches with their own decoding caps, run on
        the replicas in parallel; sentences with `<unk>` in their output decoded again with
        `replace_unknowns` (see the module docstring)."""
        if not texts:
            return []
        prefix = self.package.target_prefix or ""
        source = self.tokenize(texts)
        hypotheses = self._decode(source, range(len(source)), prefix, replace_unknowns=False)
        unknown = [i for i, tokens in hypotheses.items() if UNKNOWN in tokens]
        if unknown:
            hypotheses |= self._decode(source, unknown, prefix, replace_unknowns=True)
        return [self._detokenize(hypotheses[i], prefix) for i in range(len(source))]

    def _decode(
        self, source: list[list[str]], which, prefix: str, replace_unknowns: bool
    ) -> dict[int, list[str]]:
        """Best hypothesis per source index in `which`, decoded in length-sorted sub-batches."""
        cap = self.options.max_decoding_length
        order = sorted(which, key=lambda i: len(source[i]))
        size = batch_size()
        pending = []
        # Sub-batches of one decoding cap each (sorted by length, so few are cut short): a
        # sentence's output never depends on what it is batched with.
        for _, group in groupby(order, key=lambda i: decoding_length(len(source[i]), cap)):
            same = list(group)
            pending += [self._submit(source, same[s : s + size], prefix, replace_unknowns)
                        for s in range(0, len(same), size)]  # fmt: skip
        return {
            i: future.result().hypotheses[0]
            for batch, futures in pending
            for i, future in zip(batch, futures, strict=True)
        }

    def _submit(self, source: list[list[str]], batch: list[int], prefix: str, replace: bool):
        """(batch, futures): one asynchronous sub-batch, all of one decoding cap."""
        longest = max(len(source[i]) for i in batch)
        return batch, self.translator.translate_batch(
            [source[i] for i in batch],
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            max_batch_size=len(batch),
            beam_size=self.options.beam_size,
            max_decoding_length=decoding_length(longest, self.options.max_decoding_length)
            + bool(prefix),
            replace_unknowns=replace,
            asynchronous=True,
        )

    def _detokenize(self, tokens: list[str], prefix: str) -> str:
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        return self.package.tokenizer.decode(tokens).strip()
