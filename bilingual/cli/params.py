"""Option values converted without pydantic, for start-up time.

typer ≥ 0.29 converts every option value of a run through a pydantic `TypeAdapter` built
for it (`typer._coercion.build_runtime_param`): importing pydantic and building the
adapters costs about 0.2 s of CPU on every command, more than the rest of typer, and
typer has no setting to avoid it. `install()` puts a converter in front of typer's for the
kinds of option this CLI has (str, bool, int, float, Path, choices of an Enum, and lists of
those), which turns the values a user normally types into the same values typer's
adapters would, in plain Python. Anything else — a value it is not sure of (`+5`,
`1_000`), a value out of range, a missing path, a type it does not know — goes to typer's
own adapter, so every error message and every unusual case stays typer's, word for word.

It replaces `build_runtime_param` in `typer.core` (private in typer); when a later typer
no longer has it, `install()` does nothing and typer works as before, only slower. The
values are checked against typer's own in tests/test_cli_params.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_INT = re.compile(r"-?[0-9]+")  # a subset of what pydantic reads as an int, read the same
_FLOAT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class _Unsure(Exception):
    """The value is left to typer's adapter (which accepts it or words the error)."""


def install() -> None:
    """Put the plain converters in front of typer's pydantic ones (once; see the module)."""
    try:
        from typer import _coercion, core
    except ImportError:
        return
    slow = getattr(core, "build_runtime_param", None)
    if slow is None or getattr(slow, "bilingual_fast", False):
        return
    if not hasattr(_coercion, "RuntimeParam"):
        return

    @dataclass(frozen=True)
    class FastRuntimeParam(_coercion.RuntimeParam):
        """Converts with `convert`, or with typer's own runtime parameter when unsure."""

        convert: Callable[[Any, Any, Any], Any]
        descriptor: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, param, ctx)
            except Exception:  # unsure or invalid: typer decides, and words any error
                return slow(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        convert = converter(descriptor.annotation, descriptor.parameter_info)
        if convert is None or descriptor.file_annotation is not None:
            return slow(descriptor)
        return FastRuntimeParam(
            annotation=descriptor.annotation,
            parameter_info=descriptor.parameter_info,
            convert=convert,
            descriptor=descriptor,
        )

    build_runtime_param.bilingual_fast = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param


def converter(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    """A plain converter `(value, param, ctx) → value` for an option's annotation and
    settings, raising when unsure; None for the kinds left to typer."""
    if getattr(info, "parser", None) is not None or getattr(info, "clamp", False):
        return None
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        item = converter(item_type, info)
        if item is None:
            return None

        def convert_list(value: Any, param: Any, ctx: Any) -> list:
            items = value if isinstance(value, (list, tuple)) else [value]
            return [item(v, param, ctx) for v in items]

        return convert_list
    if get_origin(annotation) is not None:
        return None
    if annotation is str:
        return _exact(str)
    if annotation is bool:
        return _exact(bool)
    if annotation in (int, float):
        return _number(annotation, info.min, info.max)
    if annotation is Path and info.path_type is None and not info.allow_dash:
        return _path(info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(tuple(annotation), info.case_sensitive)
    return None


def _exact(kind: type) -> Callable[[Any, Any, Any], Any]:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is not kind:
            raise _Unsure
        return value

    return convert


def _number(kind: type, low: float | None, high: float | None) -> Callable[[Any, Any, Any], Any]:
    pattern = _INT if kind is int else _FLOAT

    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is kind:
            number = value
        elif type(value) is str and pattern.fullmatch(value):
            number = kind(value)
        else:
            raise _Unsure
        if (low is not None and number < low) or (high is not None and number > high):
            raise _Unsure  # typer words the range error
        return number

    return convert


def _path(info: Any) -> Callable[[Any, Any, Any], Any]:
    from typer._param_types import coerce_cli_path

    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is str:
            value = Path(value)  # what pydantic makes of a str (checked in the tests)
        elif not isinstance(value, Path):
            raise _Unsure
        # typer's own checks (exists, file or directory, resolve), given the Path
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)

    return convert


def _choice(choices: tuple, case_sensitive: bool) -> Callable[[Any, Any, Any], Any]:
    from typer._param_types import coerce_cli_choice

    def convert(value: Any, param: Any, ctx: Any) -> Any:
        return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)

    return convert
