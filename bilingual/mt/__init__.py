"""Translation engines: a protocol, a name → factory registry, and the `auto` choice.

Engines import lazily (CTranslate2 and CC-CEDICT are heavy), so `bilingual --help` stays fast.
A new engine is one module with a factory taking `EngineOptions` plus one `register()` line.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..document import Flag, Signature
from ..errors import ModelError
from ..terms.glossary import Glossary

DEFAULT_BEAM_SIZE = 4
DEFAULT_MAX_DECODING_LENGTH = 256


@dataclass(frozen=True)
class EngineOptions:
    """What a factory may use; engines ignore options that do not apply to them."""

    model: str | None = None
    beam_size: int = DEFAULT_BEAM_SIZE
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH
    glossary: Glossary | None = None


@runtime_checkable
class Engine(Protocol):
    """A batch translator from Chinese to English.

    `signature()` names everything that changes the output (engine, model name and version,
    decoding options) and is part of the cache key. `label` says what the output is
    ("machine translation", "word gloss"). The caller (`bilingual.translate`) protects
    glossary terms, names and numbers as `ZZ<n>ZZ` markers around `translate`, so an engine
    must pass such Latin tokens through. `flag`, when not None, is added to every result
    (the word gloss says on every pair that it is no translation).
    """

    name: str
    label: str
    flag: Flag | None

    def signature(self) -> Signature: ...

    def translate(self, texts: list[str]) -> list[str]: ...


_REGISTRY: dict[str, tuple[str, str]] = {}


def register(name: str, module: str, factory: str) -> None:
    """Make engine `name` available; `module.factory(EngineOptions)` is imported on first use."""
    _REGISTRY[name] = (module, factory)


register("argos", "bilingual.mt.argos", "ArgosEngine")
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

    auto means argos when a zh→en model is installed (or `--model` names one), else the
    embedded word gloss, with a one-line notice saying so and how to get a real model.
    """
    options = options or EngineOptions()
    if name != "auto":
        return create(name, options), ""
    from .models import find_model

    if options.model or find_model("zh", "en") is not None:
        return create("argos", options), ""
    notice = (
        "No zh→en translation model is installed, so the output is a literal word gloss "
        "(CC-CEDICT), not a translation. Install a model with "
        "`bilingual models install --download zh en` or `bilingual models install FILE.argosmodel`."
    )
    return create("gloss", options), notice
