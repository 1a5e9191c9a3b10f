"""Python literals: strings and JSON values rendered the way ``ruff format`` leaves them."""

from __future__ import annotations

import math
from typing import Any

from generator.filters.common import escape_unsafe

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def py_str(text: str) -> str:
    """A Python string literal for ``text``; double quotes unless single quotes escape less.

    Follows ruff format's quote preference, so generated code is already formatted.
    """
    quote = "'" if text.count('"') > text.count("'") else '"'
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == quote:
            out.append("\\" + char)
        else:
            out.append(escape_unsafe(char, "\\u{:04x}") if ord(char) > 0xFF else escape_unsafe(char, "\\x{:02x}"))
    return quote + "".join(out) + quote


def py_value(value: Any, indent: int = 0, step: int = 4) -> str:
    """A Python literal for a JSON value; containers exploded one item per line.

    Trailing commas keep ruff format from joining the lines (magic trailing comma).
    ``indent`` is the column of the line the literal starts on.
    """
    pad = " " * (indent + step)
    end = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}{py_str(k)}: {py_value(v, indent + step, step)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + "\n" + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{pad}{py_value(v, indent + step, step)}," for v in value]
        return "[\n" + "\n".join(items) + "\n" + end + "]"
    if isinstance(value, str):
        return py_str(value)
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} is not a JSON number")
    return repr(value)


def py_kwargs(value: dict[str, Any], indent: int = 4) -> str:
    """Keyword arguments ``key=value,`` one per line, for an SDK call taking a JSON object."""
    pad = " " * indent
    return "\n".join(f"{pad}{k}={py_value(v, indent)}," for k, v in value.items())


FILTERS = {"py_str": py_str, "py_value": py_value, "py_kwargs": py_kwargs}
