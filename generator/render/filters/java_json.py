"""Java expressions for any JSON value: what ``JsonValue.from`` or a parameter map takes.

Objects become ``Map.of`` (``Map.ofEntries`` past ten entries), arrays ``List.of``,
numbers ``int``/``long`` literals (``BigInteger`` past a long), double literals, strings
:func:`~generator.render.filters.java.java_str` literals. ``Map.of`` and ``List.of`` refuse
``null`` elements, so a null inside a container is written as the caller's ``null``
expression (the OpenAI SDK's ``JsonValue.from(null)``, Gson's ``JsonNull.INSTANCE``).
"""

from __future__ import annotations

import math
from typing import Any

from generator.render.filters.java import Call, Node, java_str, layout

MAP_OF_LIMIT = 10  # Map.of takes at most ten key-value pairs
JSON_VALUE_NULL = ("JsonValue.from(null)", "com.openai.core.JsonValue")


def java_double(value: int | float) -> str | None:
    """A Java ``double`` literal with exactly ``value``'s value, or None if none exists."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        if abs(value) > 2**53 or float(value) != value:
            return None
        value = float(value)
    if not math.isfinite(value):
        return None
    text = repr(value)
    return text if any(c in text for c in ".eE") else text + ".0"


def java_integer(value: Any, imports: set[str]) -> str:
    """An ``int`` literal, a ``long`` literal (``L``) or a ``BigInteger`` for any integer."""
    if -(2**31) <= value < 2**31:
        return str(value)
    if -(2**63) <= value < 2**63:
        return f"{value}L"
    imports.add("java.math.BigInteger")
    return f'new BigInteger("{value}")'


def json_node(value: Any, imports: set[str], null: tuple[str, str] = JSON_VALUE_NULL) -> Node:
    """The Java expression (a layout node) for the JSON value ``value``.

    ``imports`` collects the classes the expression needs; ``null`` is the expression
    for a null inside a container and the class it needs.
    """

    def inner(item: Any) -> Node:
        if item is None:
            imports.add(null[1])
            return null[0]
        return json_node(item, imports, null)

    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return java_integer(value, imports)
    if isinstance(value, float):
        literal = java_double(value)
        if literal is None:
            raise ValueError(f"{value!r} is not a JSON number")
        return literal
    if isinstance(value, str):
        return java_str(value)
    if isinstance(value, list):
        imports.add("java.util.List")
        return Call("List.of", tuple(inner(item) for item in value)) if value else "List.of()"
    if isinstance(value, dict):
        imports.add("java.util.Map")
        if not value:
            return "Map.of()"
        if len(value) <= MAP_OF_LIMIT:
            args = [node for k, v in value.items() for node in (java_str(k), inner(v))]
            return Call("Map.of", tuple(args))
        entries = tuple(Call("Map.entry", (java_str(k), inner(v))) for k, v in value.items())
        return Call("Map.ofEntries", entries)
    raise ValueError(f"not a JSON value: {value!r}")


def java_literal(value: Any, indent: int = 0, tail: str = "") -> str:
    """The Java expression for the JSON value ``value``, laid out from column ``indent``."""
    return layout(json_node(value, set()), indent, tail)


def java_literal_imports(value: Any) -> list[str]:
    """The classes :func:`java_literal` of ``value`` needs imported, sorted."""
    imports: set[str] = set()
    json_node(value, imports)
    return sorted(imports)


FILTERS = {
    "java_literal": java_literal,
    "java_literal_imports": java_literal_imports,
}
