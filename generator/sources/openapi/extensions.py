"""Vendor extensions: what a document (or an overlay) adds for samplegen.

``x-samplegen-<key>`` on an operation (or, for the keys marked below, on its path item or
at the document's top level, the nearer one winning) says what OpenAPI cannot:

| extension | where | spec key |
| --- | --- | --- |
| ``x-samplegen-id`` | operation | ``id`` |
| ``x-samplegen-title``, ``-description`` | operation | ``title``, ``description`` |
| ``x-samplegen-translations`` | operation | ``translations`` |
| ``x-samplegen-style`` | any | ``style`` (the API family SDK variants speak) |
| ``x-samplegen-operation`` | operation | ``operation`` (the SDK operation) |
| ``x-samplegen-headers`` | any | ``headers`` the docs always send (merged) |
| ``x-samplegen-reply-path`` | operation | ``response.reply_path`` |
| ``x-samplegen-response-format`` | operation | ``response.format`` (e.g. ``openai-sse``) |
| ``x-samplegen-task`` | operation | ``task`` (polling an asynchronous task) |
| ``x-samplegen-models``, ``-model-patterns`` | any | ``models``, ``model_patterns`` |
| ``x-samplegen-skip`` | operation | leave the operation out, with this reason |

Servers take ``x-samplegen-region`` (the region key) and ``x-samplegen-label``; security
schemes take ``x-samplegen-env`` (and ``x-samplegen-password-env`` for http basic).
"""

from __future__ import annotations

from typing import Any

PREFIX = "x-samplegen-"
INHERITED = {"style", "headers", "models", "model-patterns"}
OPERATION_ONLY = {
    "id",
    "title",
    "description",
    "translations",
    "operation",
    "reply-path",
    "response-format",
    "task",
    "skip",
}
KNOWN = INHERITED | OPERATION_ONLY


def collect(document: Any, item: Any, operation: Any) -> tuple[dict[str, Any], list[str]]:
    """The extensions that apply to an operation (nearest wins; ``headers`` merge), and
    the names of unknown ``x-samplegen-`` keys (a typo must not pass in silence)."""
    found: dict[str, Any] = {}
    unknown: list[str] = []
    for level, holder in enumerate((document, item, operation)):
        if not isinstance(holder, dict):
            continue
        for key, value in holder.items():
            if not key.startswith(PREFIX):
                continue
            name = key[len(PREFIX) :]
            if name not in KNOWN:
                if level == 2 or name not in ("region", "label", "env", "password-env"):
                    unknown.append(key)
                continue
            if name in OPERATION_ONLY and level != 2:
                unknown.append(f"{key} (only on an operation)")
                continue
            if name == "headers" and isinstance(value, dict) and isinstance(found.get(name), dict):
                found[name] = {**found[name], **value}
            else:
                found[name] = value
    return found, unknown
