"""The call of a Stainless Python SDK (openai, anthropic), written from its table row.

Every value of the request goes through the keyword argument the SDK's method has for it
(``client.files.list(limit=10)``); values the method has no argument for go through the
SDK's documented escape hatches, ``extra_query={...}`` and ``extra_body={...}``. A file
field is a ``(name, bytes, content type)`` tuple, as the SDK's README documents uploads.
"""

from __future__ import annotations

import keyword
from typing import Any

from generator.render.filters.common import is_identifier
from generator.render.filters.python import py_str, py_tuple_expr, py_value
from generator.render.sdk_calls import Plan


def _keyword(name: str, value: str, indent: int) -> str:
    return f"{' ' * indent}{name}={value},"


def py_sdk_args(call: Plan, indent: int = 8) -> list[str]:
    """The arguments of the SDK call, one per line at ``indent`` with a trailing comma
    (ruff keeps the call exploded): path, query and body values by keyword, files as
    tuples, then ``extra_query`` and ``extra_body`` for what no argument takes."""
    lines = []
    for name, upload in call.files:
        content = [py_str(upload.path), f"read_file({py_str(upload.path)})"]
        content.append(py_str(upload.content_type))
        lines.append(py_tuple_expr(content, indent, ",", f"{name}="))
    for arg in (*call.path, *call.query, *call.body):
        if _named(arg.arg):
            lines.append(_keyword(arg.arg, py_value(arg.value, indent), indent))
    extra_query = {a.key: a.value for a in call.query if not _named(a.arg)}
    if extra_query:
        lines.append(_keyword("extra_query", py_value(extra_query, indent), indent))
    extra_body = {a.key: a.value for a in call.body if not _named(a.arg)}
    if extra_body:
        lines.append(_keyword("extra_body", py_value(extra_body, indent), indent))
    return lines


def _named(arg: str | None) -> bool:
    return arg is not None and is_identifier(arg) and not keyword.iskeyword(arg)


def py_page_items(path: Any, document: Any) -> bool:
    """Whether ``path`` reads the items of a page answer (``["data", ...]`` where ``data``
    is the list the SDK's page iterates), or is the whole answer of a page."""
    if not (isinstance(document, dict) and isinstance(document.get("data"), list)):
        return False
    if not path:  # the whole answer: print every item of every page
        return True
    return path[0] == "data" and (len(path) == 1 or (len(path) > 2 and isinstance(path[1], int)))


def py_stream_type(example: Any) -> str:
    """The event type a stream's example event names (``response.output_text.delta``),
    or "" when its events carry no ``type`` (chat completion chunks)."""
    kind = example.get("type") if isinstance(example, dict) else None
    return kind if isinstance(kind, str) else ""


def py_raw_call(call: str) -> str:
    """The call through the SDK's raw response (``containers.with_raw_response.delete``):
    the answer is not parsed, and its status is there to print."""
    head, _, method = call.rpartition(".")
    return f"{head}.with_raw_response.{method}" if head else f"with_raw_response.{method}"


def py_import_names(names: list[str]) -> str:
    """``a, B, C`` in the order ruff's isort writes a ``from`` import's names: classes
    (CamelCase) compared case-insensitively (``Anthropic, APIError, APIStatusError``)."""
    return ", ".join(sorted(names, key=lambda n: (n.lower(), n)))


FILTERS = {
    "py_import_names": py_import_names,
    "py_raw_call": py_raw_call,
    "py_sdk_args": py_sdk_args,
    "py_page_items": py_page_items,
    "sdk_stream_type": py_stream_type,
}
