"""Translation engines: a protocol, a name → factory registry, the `auto` choice, and the
decoding defaults every caller reads from here (the CLI's options, `pipeline.BuildOptions`,
the benches).

Engines import lazily (CTranslate2 and CC-CEDICT are heavy), so `bilingual --help` stays fast.
A new engine is one module with a factory taking `EngineOptions` plus one `register()` line.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import ModelError
from ..terms.placeholders import Placeholders

if TYPE_CHECKING:  # annotations only: `bilingual --help` imports this module
    from ..chunks import StopRequest
    from ..document import Flag, Signature
    from ..terms.analysis import Analysis
    from ..terms.glossary import Glossary
    from .llm_settings import LLMSettings

DEFAULT_BEAM_SIZE = 4
DEFAULT_MAX_DECODING_LENGTH = 256  # the user's cap, in target tokens
# Below the user's cap, each sentence's decoding stops at LENGTH_RATIO × its source tokens
# (rounded up to a multiple of LENGTH_STEP) + LENGTH_EXTRA: an English translation rarely has
# twice the tokens of its Chinese source, so only a looping decoder reaches it, and a model that
# never emits </s> no longer decodes to 256 tokens on every sentence. The cap is the sentence's
# own, never its batch's: engines batch only sentences with the same cap (the rounding keeps
# those batches full), so a sentence's English does not depend on its neighbours in a chunk
# (the cache, a rerun and a batch run over Ray all give the same English). Part of the
# signature (`len=2x+10/8`), as it can change output.
LENGTH_RATIO = 2
LENGTH_EXTRA = 10
LENGTH_STEP = 8


def decoding_length(source_tokens: int, cap: int = DEFAULT_MAX_DECODING_LENGTH) -> int:
    """The decoding cap for a source of `source_tokens` tokens under the user's `cap`."""
    rounded = -(-max(1, source_tokens) // LENGTH_STEP) * LENGTH_STEP
    return max(1, min(cap, LENGTH_RATIO * rounded + LENGTH_EXTRA))


def length_rule() -> str:
    """The rule as the signature spells it."""
    return f"{LENGTH_RATIO}x+{LENGTH_EXTRA}/{LENGTH_STEP}"


@dataclass(frozen=True)
class EngineOptions:
    """What a factory may use; engines ignore options that do not apply to them."""

    model: str | None = None
    beam_size: int = DEFAULT_BEAM_SIZE
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH
    glossary: Glossary | None = None
    llm: LLMSettings | None = None  # the llm engine's flags (the config file fills the rest)


@runtime_checkable
class Engine(Protocol):
    """A translator from Chinese to English, called a chunk at a time.

    `translate` takes a chunk of sentences and returns their English in order; the caller
    (`bilingual.translate`) sizes chunks to a second or so of work, commits each as it
    finishes, and checks for Ctrl-C between chunks, so an engine needs no loop of its own.
    `prepare(count)` comes first, once per run, with the number of sentences to come (load
    the model, lay out threads); `workers` is how many chunks the caller may run at once from
    as many threads (1 unless `translate` is thread-safe and gains from it); `batch` is how
    many sentences it decodes together at its best (chunks come in whole multiples of it).

    `signature()` names everything that changes the output (engine, model name and version,
    decoding options) and is part of the cache key. `label` says what the output is
    ("machine translation", "word gloss"). The caller protects glossary terms, names and
    numbers as markers spelled by the engine's `placeholders` (by default `ZZ<n>ZZ`), so an
    engine must pass such Latin tokens through. `flag`, when not None, is added to every
    result (the word gloss says on every pair that it is no translation).
    """

    name: str
    label: str
    flag: Flag | None
    workers: int
    batch: int
    placeholders: Placeholders

    def signature(self) -> Signature: ...

    def prepare(self, count: int) -> None: ...

    def translate(self, texts: list[str]) -> list[str]: ...


class EngineBase:
    """Defaults for the optional parts of `Engine`: one worker, chunks of any size, `ZZ<n>ZZ`
    markers, nothing to prepare."""

    workers = 1
    batch = 1
    placeholders = Placeholders()

    def prepare(self, count: int) -> None:
        """Nothing to load ahead of the first chunk."""


@dataclass(frozen=True)
class SentenceInContext:
    """A sentence to translate with what surrounds it in its article."""

    analysis: Analysis  # the sentence, its glossary terms, names and numbers
    article: int
    title: str  # the article's title ("" when it has none)
    before: tuple[str, ...] = ()  # the sentences just before it in the article
    after: tuple[str, ...] = ()  # and just after


@runtime_checkable
class InContext(Protocol):
    """An engine that translates sentences in their article (the llm engine): the optional
    extension of `Engine`.

    The caller (`bilingual.translate`) gives it the sentences in document order, each with
    its article's title, its neighbours and its Analysis, instead of protecting spans around
    `translate`: the engine states the glossary terms and names as instructions. It returns
    (English, the engine's own flags) per sentence, in order; English "" means it found none
    (the flags say why), and such results are not cached, so the next run tries again.
    Chunks come through the same loop as every engine's (`chunks.run_chunks`: committed as
    they finish), each holding at least `batch_sentences`; when `stop` is asked during a
    chunk, the engine ends its requests in flight and raises `chunks.Abandoned`, so Ctrl-C
    does not wait for a slow model.
    """

    batch_sentences: int

    def translate_units(
        self, units: list[SentenceInContext], stop: StopRequest | None = None
    ) -> list[tuple[str, tuple[Flag, ...]]]: ...


_REGISTRY: dict[str, tuple[str, str]] = {}


def register(name: str, module: str, factory: str) -> None:
    """Make engine `name` available; `module.factory(EngineOptions)` is imported on first use."""
    _REGISTRY[name] = (module, factory)


register("argos", "bilingual.mt.argos", "ArgosEngine")
register("ct2", "bilingual.mt.ct2", "Ct2Engine")
register("llm", "bilingual.mt.llm", "LLMEngine")
register("gloss", "bilingual.mt.gloss", "GlossEngine")
register("fake", "bilingual.mt.fake", "FakeEngine")


def engine_names() -> list[str]:
    return sorted(_REGISTRY)


def create(name: str, options: EngineOptions | None = None) -> Engine:
    """Instantiate a registered engine (not `auto`: see `choose`)."""
    if name not in _REGISTRY:
        raise ModelError(
            f"Unknown translation engine {name!r}",
            f"Choose one of: auto, {', '.join(engine_names())}.",
        )
    module, factory = _REGISTRY[name]
    return getattr(importlib.import_module(module), factory)(options or EngineOptions())


def choose(name: str, options: EngineOptions | None = None) -> tuple[Engine, str]:
    """Resolve `auto` and create the engine; returns (engine, notice) where notice may be ''.

    auto means: the engine the config file's `[translate] engine` names; else the CTranslate2
    model `--model` names or the one installed last; an Argos zh→en package (or the one
    `--model` names); else the embedded word gloss, with a one-line notice saying so and how
    to get a real model.
    """
    options = options or EngineOptions()
    if name == "auto":
        from ..config import setting

        name = str(setting("translate", "engine", "auto"))
    if name != "auto":
        return create(name, options), ""
    from . import ct2_models
    from .models import find_model

    if ct2_models.find(options.model) is not None:
        return create("ct2", options), ""
    if options.model or find_model("zh", "en") is not None:
        return create("argos", options), ""
    notice = (
        "No zh→en translation model is installed, so the output is a literal word gloss "
        "(CC-CEDICT), not a translation. Install a model with "
        "`bilingual models install --download zh en` or `bilingual models install FILE.argosmodel`."
    )
    return create("gloss", options), notice
