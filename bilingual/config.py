"""The user's config file: settings that would otherwise be flags on every `build`/`translate`.

The file is TOML, read with `tomllib`: `$BILINGUAL_CONFIG`, else `config.toml` in the user
config directory (platformdirs: `~/.config/bilingual/config.toml` on Linux). Flags given on
the command line win over it; nothing in it is required. An example:

    [translate]
    engine = "llm"                       # what --engine auto means

    [llm]
    url = "http://127.0.0.1:11434/v1"    # any OpenAI-compatible endpoint (Ollama's default)
    model = "qwen2.5:7b-instruct"
    api_key_env = "BILINGUAL_LLM_API_KEY"  # the NAME of the variable holding a key, never a key
    parallel = 2
    timeout = 120
    allow_remote = false                 # true lets sentences leave this machine's network

An unknown table or key, or a value of the wrong type, is an error naming it (a misspelt key
silently ignored would send text somewhere the user did not mean).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .errors import ConfigError

# table → key → the type its value must have
SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "translate": {"engine": str},
    "llm": {
        "url": str,
        "model": str,
        "api_key_env": str,
        "parallel": int,
        "timeout": (int, float),
        "allow_remote": bool,
        "sentences_per_request": int,
    },
}


def config_path() -> Path:
    """Where the config file is (it need not exist)."""
    env = os.environ.get("BILINGUAL_CONFIG")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("bilingual")) / "config.toml"


def load_config(path: Path | None = None) -> dict[str, dict[str, object]]:
    """The config file's tables, checked against `SCHEMA`; {} when there is no file."""
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"Cannot read the config file {path} ({exc})", "Fix or remove it."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The config file {path} is not valid TOML ({exc})", "Fix it.") from None
    for table, values in data.items():
        keys = SCHEMA.get(table)
        if keys is None or not isinstance(values, dict):
            raise ConfigError(
                f"Unknown table [{table}] in the config file {path}",
                f"Known tables: {', '.join(f'[{t}]' for t in SCHEMA)}.",
            )
        for key, value in values.items():
            kind = keys.get(key)
            if kind is None:
                raise ConfigError(
                    f"Unknown setting {key!r} in [{table}] of the config file {path}",
                    f"Known settings: {', '.join(keys)}.",
                )
            if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
                raise ConfigError(
                    f"The setting {key!r} in [{table}] of the config file {path} has the "
                    f"wrong type ({type(value).__name__})",
                    f"Give {_type_name(kind)}.",
                )
    return data


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)


def setting(table: str, key: str, default: object = None) -> object:
    """One setting from the config file, or `default`."""
    return load_config().get(table, {}).get(key, default)
