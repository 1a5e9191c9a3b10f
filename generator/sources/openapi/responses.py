"""Responses -> the spec's ``response`` (the success answer) and ``errors``.

The success answer is the lowest documented 2xx (``2XX`` counts as 200), else a 3xx
(a redirect: samples print the status and Location), else ``default``. Its media type
decides the format: JSON (``json``), ``text/event-stream`` (plain ``sse``: one event's data
is the example), a text (``text``), anything else a file (``binary``, saved under a name
made of the endpoint id), and no content at all is ``empty``. Error answers map onto the
conditions the mock can be made to answer: 400 and 422 invalid_parameter, 401
invalid_api_key, 403 access_denied, 404 not_found, 409 conflict, 429 rate_limited, 5xx
server_error (the first of each); an endpoint that takes a key and documents no 401 gets
one, shaped like its other errors.
"""

from __future__ import annotations

import copy
import json
import mimetypes
import re
from typing import Any

from generator.sources.openapi import examples
from generator.sources.openapi.bodies import is_json, is_text
from generator.sources.openapi.context import Context
from generator.sources.openapi.errors import Skip
from generator.sources.openapi.refs import Node

WHEN = {
    400: "invalid_parameter",
    422: "invalid_parameter",
    401: "invalid_api_key",
    403: "access_denied",
    404: "not_found",
    409: "conflict",
    429: "rate_limited",
}
STREAM = "text/event-stream"
# The API family whose errors carry {"error": {"message", "type", "param", "code"}}.
OPENAI = "openai-compatible"


def _status(code: str) -> int | None:
    if re.fullmatch(r"[1-5][0-9][0-9]", code):
        return int(code)
    if re.fullmatch(r"[1-5]XX", code, re.IGNORECASE):
        return int(code[0]) * 100
    return None


def _codes(responses: dict[str, Any]) -> list[tuple[int, str]]:
    out = []
    for code in responses:
        status = _status(str(code))
        if status is not None:
            out.append((status, str(code)))
    return sorted(out)


def _media_rank(media: str, prefer: str | None) -> int:
    base = media.split(";")[0].strip().lower()
    if prefer and base == prefer:
        return -1
    if is_json(base):
        return 0
    if base == STREAM:
        return 3  # a stream is asked for (stream: true, a named example); else the plain answer
    if is_text(base):
        return 1
    return 2


def success(
    ctx: Context,
    operation: Node,
    spec_id: str,
    example_name: str | None,
    request_example: Any,
) -> dict[str, Any]:
    """The spec's ``response``."""
    responses = operation.get("responses")
    if not isinstance(responses, dict) or not responses:
        raise Skip("the operation documents no response")
    codes = _codes(responses)
    chosen = next(((s, c) for s, c in codes if 200 <= s < 300), None)
    chosen = chosen or next(((s, c) for s, c in codes if 300 <= s < 400), None)
    if chosen is None:
        if "default" not in responses:
            raise Skip("the operation documents no success answer (2xx, 3xx or default)")
        chosen = (200, "default")
    status, code = chosen
    node = ctx.deref(operation.at("responses", code))
    if 300 <= status < 400:
        return _redirect(ctx, node, status)
    content = node.get("content")
    if not isinstance(content, dict) or not content or status in (204, 205):
        return {"status": status, "format": "empty"}
    prefer = _preferred(ctx, node, content, example_name, request_example)
    media = sorted(content, key=lambda m: _media_rank(m, prefer))[0]
    base = media.split(";")[0].strip().lower()
    media_node = node.at("content", media)
    schema_node = media_node.at("schema")
    schema = ctx.schema(schema_node, "read") if schema_node.value is not None else None
    example = _pick(ctx, media_node, example_name)
    out: dict[str, Any] = {"status": status}
    if is_json(base):
        if example is not None and schema is not None and ctx.problem(schema, example):
            example = None
        if example is None:
            example = _generated_answer(ctx, schema)
        out.update(format="json", reply_path=[], example=example)
        if base != "application/json":
            out["content_type"] = base
        if schema is not None:
            out["schema"] = ctx.stripped(schema)
        return out
    if base == STREAM:
        event = _event_data(example)
        if event is None or (schema is not None and ctx.problem(schema, event)):
            event = ctx.generate(schema if schema is not None else {"type": "string"}, "read", "")
        out.update(format="sse", reply_path=[], example=event)
        if schema is not None:
            out["schema"] = ctx.stripped(schema)
        return out
    if is_text(base) and "*" not in base:
        if not isinstance(example, str):
            example = _text_answer(ctx, base, schema)
        out.update(format="text", content_type=base, example=example)
        return out
    media_type = base if "*" not in base else "application/octet-stream"
    out.update(format="binary", content_type=media_type, save_as=_save_as(spec_id, media_type))
    return out


def _preferred(
    ctx: Context, node: Node, content: dict[str, Any], example_name: str | None, request: Any
) -> str | None:
    """The media type a named request example asks for: the same-named example of an
    answer, ``x-samplegen-response`` on the example, or ``"stream": true`` in its body."""
    if example_name is not None:
        for media in content:
            if any(
                name == example_name for name, _ in examples.named(ctx, node.at("content", media))
            ):
                return media.split(";")[0].strip().lower()
    streamed = isinstance(request, dict) and request.get("stream") is True
    if streamed and any(m.split(";")[0].strip().lower() == STREAM for m in content):
        return STREAM
    return None


def _pick(ctx: Context, media: Node, example_name: str | None) -> Any:
    found = examples.named(ctx, media)
    if not found:
        return None
    if example_name is not None:
        for name, value in found:
            if name == example_name:
                return value
    return found[0][1]


def _event_data(example: Any) -> Any:
    """One event's data of a documented stream example (the first ``data:`` line of a
    stream text, parsed as JSON when it is), or the example itself."""
    if not isinstance(example, str):
        return example
    for line in example.splitlines():
        if line.startswith("data:"):
            data = line[5:].strip()
            try:
                return json.loads(data)
            except ValueError:
                return data
    return example or None


def _text_answer(ctx: Context, media: str, schema: Any) -> str:
    if media.endswith("xml"):
        target = ctx.converters["read"].follow(schema) if schema is not None else {}
        xml = target.get("xml") if isinstance(target, dict) else None
        name = xml.get("name") if isinstance(xml, dict) else None
        name = name or (target.get("title") if isinstance(target, dict) else None) or "result"
        tag = re.sub(r"[^A-Za-z0-9_.-]", "", str(name)) or "result"
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<{tag}/>\n'
    if schema is not None:
        value = ctx.generate(schema, "read", "text")
        return value if isinstance(value, str) else json.dumps(value)
    return "text\n"


def _generated_answer(ctx: Context, schema: Any) -> Any:
    """An answer generated from ``schema``: its required properties, or, when it requires
    none (``{}`` shows a reader nothing and gives the mock no value to print), its optional
    ones too."""
    value = ctx.generate(schema if schema is not None else {}, "read", "")
    if value == {} and schema:
        try:
            fuller = ctx.generate(schema, "read", "", optional=True)
        except Skip:
            return value
        return fuller if fuller else value
    return value


def _save_as(spec_id: str, media: str) -> str:
    extension = (
        {
            "application/octet-stream": ".bin",
            "audio/mpeg": ".mp3",
            "image/jpeg": ".jpg",
        }.get(media)
        or mimetypes.guess_extension(media)
        or ".bin"
    )
    return spec_id + extension


def _redirect(ctx: Context, node: Node, status: int) -> dict[str, Any]:
    headers = node.get("headers") if isinstance(node.get("headers"), dict) else {}
    location = None
    for name in headers:
        if name.lower() == "location":
            header = ctx.deref(node.at("headers", name))
            found = examples.named(ctx, header)
            location = found[0][1] if found else None
            schema = header.get("schema")
            if location is None and isinstance(schema, dict):
                location = schema.get("example") or schema.get("default")
    if not isinstance(location, str):
        location = "https://example.com/"
    return {"status": status, "format": "redirect", "example": location}


def errors(
    ctx: Context, operation: Node, auth: dict[str, Any], style: str | None = None
) -> list[dict[str, Any]]:
    """The spec's ``errors``: the documented error answers the mock can be made to give.

    An error the document gives no body for is shaped as its API family answers errors:
    an ``openai-compatible`` API's as ``{"error": {"message", "type", "param", "code"}}``
    (what the OpenAI SDKs read their message from), any other API's as ``{"message"}``."""
    responses = operation.get("responses")
    responses = responses if isinstance(responses, dict) else {}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for status, code in _codes(responses):
        if status < 400:
            continue
        when = WHEN.get(status) or ("server_error" if status >= 500 else None)
        if when is None or when in seen:
            continue
        seen.add(when)
        out.append(_error(ctx, operation.at("responses", code), status, when, style))
    if auth.get("type", "none") != "none" and "invalid_api_key" not in seen:
        out.append(_synthesized_401(ctx, operation, out, style))
    return out


def _error(ctx: Context, holder: Node, status: int, when: str, style: str | None) -> dict[str, Any]:
    node = ctx.deref(holder)
    description = node.get("description")
    entry: dict[str, Any] = {"status": status, "when": when}
    if isinstance(description, str) and description.strip():
        entry["description"] = re.sub(r"\s+", " ", description).strip()[:200]
    entry["body"] = _error_body(ctx, node, status, description, style, when)
    return entry


def _error_body(
    ctx: Context, node: Node, status: int, description: Any, style: str | None, when: str
) -> Any:
    key = ("error-body", node.uri, status, str(description), style, when)
    if key not in ctx.memo:  # a document's error answers are shared by its operations
        body = _make_error_body(ctx, node, status, description, style, when)
        if style == OPENAI and isinstance(body, dict) and "message" in body and "error" not in body:
            # OpenAI's document describes some errors as the inner object (its Error
            # schema); the API, and what the OpenAI SDKs read, wraps it: {"error": {...}}.
            body = {"error": body}
        ctx.memo[key] = body
    return copy.deepcopy(ctx.memo[key])


def _make_error_body(
    ctx: Context, node: Node, status: int, description: Any, style: str | None, when: str
) -> Any:
    content = node.get("content")
    if isinstance(content, dict) and content:
        media = sorted(content, key=lambda m: _media_rank(m, None))[0]
        media_node = node.at("content", media)
        value = _pick(ctx, media_node, None)
        schema_node = media_node.at("schema")
        schema = ctx.schema(schema_node, "read") if schema_node.value is not None else None
        if value is not None and (schema is None or not ctx.problem(schema, value)):
            return value
        if schema is not None and is_json(media):
            try:
                return ctx.generate(schema, "read", "message")
            except Skip:
                pass
    text = description if isinstance(description, str) and description.strip() else None
    return _family_body(
        re.sub(r"\s+", " ", text).strip() if text else f"HTTP {status}", style, when
    )


def _family_body(message: str, style: str | None, when: str) -> dict[str, Any]:
    """An error body of the shape the API family answers errors with."""
    if style == OPENAI:
        kind = "invalid_request_error" if when != "server_error" else "server_error"
        return {"error": {"message": message, "type": kind, "param": None, "code": when}}
    return {"message": message}


def _synthesized_401(
    ctx: Context, operation: Node, documented: list[dict], style: str | None
) -> dict[str, Any]:
    """The 401 an endpoint with a key answers a wrong key with: shaped like the document's
    ``default`` answer or its other errors, with their message field saying so."""
    responses = operation.get("responses")
    template: Any = None
    if isinstance(responses, dict) and "default" in responses:
        default = ctx.deref(operation.at("responses", "default"))
        body = _error_body(ctx, default, 401, None, style, "invalid_api_key")
        template = body
    if template is None and documented:
        template = documented[0]["body"]
    body = _with_message(template, "Invalid API key.") if template is not None else None
    return {
        "status": 401,
        "when": "invalid_api_key",
        "description": "The API key is missing or wrong (added by samplegen: no 401 documented).",
        "body": body
        if body is not None
        else _family_body("Invalid API key.", style, "invalid_api_key"),
    }


def _with_message(body: Any, message: str) -> Any:
    if isinstance(body, dict):
        if isinstance(body.get("error"), dict):
            return {**body, "error": _with_message(body["error"], message)}
        if "message" in body:
            return {**body, "message": message}
        return body
    return None
