"""The document's own examples of a media type or parameter, in the order it lists them.

``example`` is one unnamed example; ``examples`` maps names to Example Objects (their
``value``, through ``$ref``s to ``components/examples``). An ``externalValue`` naming a local
file is read from it (JSON when it parses, else its text); a remote one is not fetched.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from generator.sources.openapi.context import Context
from generator.sources.openapi.refs import Node

DEFAULT = "default"  # the name of an unnamed example


def named(ctx: Context, holder: Node) -> list[tuple[str, Any]]:
    """(name, value) of every example ``holder`` (a media type or parameter) gives."""
    value = holder.value if isinstance(holder.value, dict) else {}
    out: list[tuple[str, Any]] = []
    examples = value.get("examples")
    if isinstance(examples, dict):
        for name in examples:
            example = ctx.deref(holder.at("examples", name))
            body = example.value if isinstance(example.value, dict) else {}
            if "value" in body:
                out.append((name, body["value"]))
            elif isinstance(body.get("externalValue"), str):
                found = _external(ctx, example.uri, body["externalValue"])
                if found is not None:
                    out.append((name, found[0]))
    if "example" in value and not out:
        out.append((DEFAULT, value["example"]))
    return out


def _external(ctx: Context, uri: str, ref: str) -> tuple[Any] | None:
    raw = ctx.resolver.files.read(urljoin(uri, ref))
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return (json.loads(text),)
    except ValueError:
        return (text,)
