"""Option values read without pydantic when they are plain.

Typer (0.29 on) converts every option's text with a pydantic TypeAdapter: importing pydantic
and building the adapters costs a command ~0.1–0.3 s before it does anything. Our options are
plain — text, whole numbers, decimals, paths, lists of text — so a value that is plainly
valid is converted here, as pydantic would convert it; anything else (a typo, a number out of
range, any other annotation) goes to typer's own conversion, so its checks and its error
messages stay exactly typer's. `install()` (called once, by the root group) hooks this into
typer's parameters; a test checks that `pursuit show` then never imports pydantic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:  # typer's runtime conversion; without it (another typer) typer converts as it likes
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - depends on the installed typer
    RuntimeParam = None  # type: ignore[assignment,misc]

_WHOLE = re.compile(r"[-+]?[0-9]+")
_DECIMAL = re.compile(r"[-+]?[0-9]+(\.[0-9]*)?")
_PLAIN = (str, int, float, bool, Path, list[str])
_NOT_PLAIN = object()


def install() -> None:
    """From now on typer reads every plain parameter (options, arguments, `--help`) here."""
    if RuntimeParam is None or getattr(_TyperParameter, "_plain_values", False):
        return  # pragma: no cover - another typer, or installed already
    typers = _TyperParameter.get_runtime_param

    def get_runtime_param(param: _TyperParameter) -> RuntimeParam:
        if param._runtime_param is None and _plain_annotation(param):
            descriptor = param.type_descriptor
            param._runtime_param = PlainValues(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        return typers(param)

    _TyperParameter.get_runtime_param = get_runtime_param  # type: ignore[method-assign,assignment]
    _TyperParameter._plain_values = True  # type: ignore[attr-defined]


def _plain_annotation(param: Any) -> bool:
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    return (
        descriptor.annotation in _PLAIN
        and info.parser is None
        and not info.clamp
        and descriptor.file_annotation is None
    )


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class PlainValues(RuntimeParam):
        """A plain value converted here; any other left to typer's own conversion."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is Path and isinstance(value, (str, Path)):
                info = self.parameter_info
                return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            plain = _convert(self.annotation, value, self.parameter_info)
            if plain is not _NOT_PLAIN:
                return plain
            typers = build_runtime_param(param.type_descriptor)
            return typers._coerce_value(value, param=param, ctx=ctx)


def _convert(annotation: Any, value: Any, info: Any) -> Any:
    """`value` as `annotation`, or _NOT_PLAIN when it is not plainly one."""
    if annotation is str or annotation is bool:
        return value if isinstance(value, annotation) else _NOT_PLAIN
    if annotation == list[str]:
        plain = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
        return list(value) if plain else _NOT_PLAIN
    number: int | float
    if annotation is int:
        if type(value) is int:
            number = value
        elif isinstance(value, str) and _WHOLE.fullmatch(value):
            number = int(value)
        else:
            return _NOT_PLAIN
    elif annotation is float and (
        type(value) in (int, float) or (isinstance(value, str) and _DECIMAL.fullmatch(value))
    ):
        number = float(value)
    else:
        return _NOT_PLAIN
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        return _NOT_PLAIN  # typer says what is wrong
    return number
