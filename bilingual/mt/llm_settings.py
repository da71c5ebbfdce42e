"""The llm engine's settings: command-line flags over the config file's `[llm]` table over
the defaults (see `bilingual.config` for the file).

The API key itself is never a setting: `api_key_env` names the environment variable that
holds it, which is read when the engine starts and kept nowhere else (not in the signature,
the store, the cache or any file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

DEFAULT_URL = "http://127.0.0.1:11434/v1"  # Ollama's OpenAI-compatible endpoint
DEFAULT_KEY_ENV = "BILINGUAL_LLM_API_KEY"
DEFAULT_PARALLEL = 2
DEFAULT_TIMEOUT = 120.0  # seconds for one request: a local model on a CPU is slow
DEFAULT_GROUP = 8  # sentences per request


@dataclass(frozen=True)
class LLMSettings:
    """Where and how to ask; a field left None is taken from the config file, then the
    defaults (`resolved()`)."""

    url: str | None = None
    model: str | None = None
    api_key_env: str | None = None
    parallel: int | None = None
    timeout: float | None = None
    allow_remote: bool | None = None
    sentences_per_request: int | None = None

    def resolved(self) -> LLMSettings:
        """Every field filled: these flags, else the config file's `[llm]`, else defaults."""
        from ..config import load_config

        table = load_config().get("llm", {})
        defaults = LLMSettings(
            url=DEFAULT_URL,
            model="",
            api_key_env=DEFAULT_KEY_ENV,
            parallel=DEFAULT_PARALLEL,
            timeout=DEFAULT_TIMEOUT,
            allow_remote=False,
            sentences_per_request=DEFAULT_GROUP,
        )
        merged = {}
        for f in fields(self):
            given = getattr(self, f.name)
            merged[f.name] = (
                given if given is not None else table.get(f.name, getattr(defaults, f.name))
            )
        return replace(defaults, **merged)

    @property
    def api_key(self) -> str:
        """The key from the environment variable the settings name ("" when unset)."""
        return os.environ.get(self.api_key_env or DEFAULT_KEY_ENV, "")
