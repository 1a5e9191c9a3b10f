"""Per-language Jinja filters: all language knowledge (escaping, literals) lives here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.render.filters import (
    common,
    csharp,
    go,
    java,
    java_json,
    java_params,
    node,
    php,
    python,
    sdk_java,
    sdk_node,
    sdk_python,
    shell,
)


def _shared() -> dict[str, Callable[..., Any]]:
    return {"json_text": common.json_text, "comment_text": common.escape_unsafe}


def all_filters() -> dict[str, Callable[..., Any]]:
    """Every filter, keyed by the name templates use; names must not collide."""
    merged: dict[str, Callable[..., Any]] = dict(_shared())
    for module in (
        python,
        sdk_python,
        sdk_node,
        sdk_java,
        shell,
        node,
        php,
        csharp,
        go,
        java,
        java_json,
        java_params,
    ):
        for name, func in module.FILTERS.items():
            if name in merged:
                raise RuntimeError(f"filter {name!r} is defined twice ({module.__name__})")
            merged[name] = func
    return merged
