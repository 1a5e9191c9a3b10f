"""Request bodies -> the spec's ``request`` (one media type, one example).

JSON (``application/json`` and any ``+json``) is preferred when a body offers several
media types, then form-urlencoded, multipart, and any other type as a raw body. A form
keeps its ``encoding`` (style, explode); a multipart body turns each ``format: binary``
property (or 3.1 ``contentMediaType``) into a file the sample reads and sends, and each
object or list into a JSON part. A raw body is a text sent byte for byte (text media) or a
file (anything else). The value is the document's example (the named one asked for), else
one generated from the schema; an example its own schema refuses is replaced by a
generated one.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from generator.sources.openapi import examples
from generator.sources.openapi.context import Context
from generator.sources.openapi.errors import Skip
from generator.sources.openapi.refs import Node

FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
_MEDIA = re.compile(r"^[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+$")


def is_json(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def is_text(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return (
        base.startswith("text/")
        or base.endswith(("+xml", "/xml", "/sdp", "/x-ndjson", "/yaml", "/csv", "/javascript"))
        or base in ("application/jsonl", "application/graphql")
    )


def _rank(media: str) -> int:
    base = media.split(";")[0].strip().lower()
    if is_json(base):
        return 0 if base == "application/json" else 1
    if base == FORM:
        return 2
    if base == MULTIPART:
        return 3
    if "*" in base:
        return 9
    return 4 if is_text(base) else 5


def choose_media(content: dict[str, Any]) -> str:
    """The media type a sample sends of ``content`` (JSON first)."""
    return sorted(content, key=_rank)[0]


def names(ctx: Context, operation: Node) -> list[str]:
    """The names of the request body's named examples (one endpoint each)."""
    body = ctx.deref(operation.at("requestBody"))
    content = body.get("content")
    if not isinstance(content, dict) or not content:
        return []
    media = choose_media(content)
    return [name for name, _ in examples.named(ctx, body.at("content", media))]


def request(
    ctx: Context, operation: Node, example_name: str | None, spec_id: str, method: str = "post"
) -> dict | None:
    """The spec's ``request`` (None when the operation sends no body). A GET or HEAD
    request carries no body: an optional one documented there is left out (Stripe's
    documents give every GET an empty optional form)."""
    body = ctx.deref(operation.at("requestBody"))
    content = body.get("content")
    if body.value is None:
        return None
    if method in ("get", "head") and body.get("required") is not True:
        return None
    if not isinstance(content, dict) or not content:
        return None
    media = choose_media(content)
    base = media.split(";")[0].strip().lower()
    if "*" in base:
        raise Skip(f"the request body's media type {media} is a range, not one type")
    if not _MEDIA.match(base):
        raise Skip(f"the request body's media type {media!r} is not a media type")
    node = body.at("content", media)
    schema_node = node.at("schema")
    schema = ctx.schema(schema_node, "write") if schema_node.value is not None else None
    found = examples.named(ctx, node)
    example = None
    if found:
        chosen = dict(found).get(example_name) if example_name else None
        example = chosen if chosen is not None else found[0][1]
    if base == MULTIPART:
        return _multipart(ctx, node, schema, example, spec_id)
    if is_json(base) or base == FORM:
        if example is not None and schema is not None and ctx.problem(schema, example):
            example = None
        if example is None:
            example = ctx.generate(schema if schema is not None else {}, "write", "")
        out: dict[str, Any] = {"content_type": base, "example": example}
        if base == FORM:
            if not isinstance(example, dict):
                raise Skip("the form body's example is not a mapping of fields")
            encoding = {k: v for k, v in _encoding(node, form=True).items() if k in example}
            if encoding:
                out["encoding"] = encoding
        if schema is not None:
            out["schema"] = ctx.stripped(schema)
        defaults = _defaults(ctx, schema_node, example) if base != FORM else {}
        if defaults:
            out["defaults"] = defaults
        return out
    return _raw(ctx, base, schema, example, spec_id)


def _defaults(ctx: Context, schema_node: Node, example: Any) -> dict[str, Any]:
    """The ``default`` of each top-level property the example leaves out: the value the API
    takes when it is absent, which an SDK may send (the spec's ``request.defaults``)."""
    if schema_node.value is None or not isinstance(example, dict):
        return {}
    out: dict[str, Any] = {}
    pending, seen = [ctx.deref(schema_node)], 0
    while pending and seen < 16:  # the object and the members of its allOf
        node, seen = pending.pop(0), seen + 1
        properties = node.get("properties")
        for name in properties if isinstance(properties, dict) else ():
            prop = ctx.deref(node.at("properties", name))
            known = isinstance(prop.value, dict) and "default" in prop.value
            if known and name not in example and name not in out:
                out[name] = prop.value["default"]
        members = node.get("allOf")
        pending += [ctx.deref(node.at("allOf", i)) for i in range(len(members or []))]
    return out


def _encoding(node: Node, form: bool) -> dict[str, Any]:
    encoding = node.get("encoding")
    out: dict[str, Any] = {}
    for field, spec in (encoding or {}).items() if isinstance(encoding, dict) else ():
        if not isinstance(spec, dict):
            continue
        entry: dict[str, Any] = {}
        if form:
            if "style" in spec:
                entry["style"] = spec["style"]
            if "explode" in spec:
                entry["explode"] = spec["explode"]
        if entry:
            out[field] = entry
    return out


def _binary(ctx: Context, schema: Any) -> bool:
    """Whether a property is a file: a binary string, or 3.1 content of a media type."""
    target = ctx.converters["write"].follow(schema) if "write" in ctx.converters else schema
    if not isinstance(target, dict):
        return False
    if target.get("format") in ("binary", "byte") and target.get("type") in ("string", None):
        return target.get("format") == "binary"
    return (
        "contentMediaType" in target
        and target.get("type") in (None, "string")
        and (target.get("contentEncoding") is None)
    )


def _file_name(field: str, media: str) -> str:
    extension = (
        {
            "application/octet-stream": ".bin",
            "text/plain": ".txt",
            "application/json": ".json",
            "audio/mpeg": ".mp3",
            "image/jpeg": ".jpg",
        }.get(media)
        or mimetypes.guess_extension(media)
        or ".bin"
    )
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", field).strip("_.-") or "upload"
    return stem + extension


def _multipart(ctx: Context, node: Node, schema: Any, example: Any, spec_id: str) -> dict:
    full = ctx.converters["write"].follow(schema) if schema is not None else {}
    if schema is not None and "allOf" in full:
        from generator.sources.openapi.values import Generator

        full = Generator(schema, "write").merged(full)
    properties = full.get("properties") or {}
    required = set(full.get("required") or [])
    encoding = node.get("encoding") if isinstance(node.get("encoding"), dict) else {}
    files: list[dict[str, Any]] = []
    fields: dict[str, Any] = {}
    part_encoding: dict[str, Any] = {}
    given = example if isinstance(example, dict) else {}
    every = ctx.settings.optional_fields or not (required or given)  # none required: send all
    wanted = [name for name in properties if name in required or name in given or every]
    for name in wanted:
        prop = properties[name]
        target = ctx.converters["write"].follow(prop)
        is_list = isinstance(target, dict) and target.get("type") == "array"
        item = ctx.converters["write"].follow(target.get("items")) if is_list else target
        spec_encoding = encoding.get(name) if isinstance(encoding.get(name), dict) else {}
        if _binary(ctx, item):
            media = spec_encoding.get("contentType") or item.get("contentMediaType")
            media = (media or "application/octet-stream").split(",")[0].strip()
            if "*" in media:
                media = "application/octet-stream"
            entry: dict[str, Any] = {"field": name, "path": _file_name(name, media)}
            if media != "application/octet-stream":
                entry["content_type"] = media
            if media.startswith("text/") or media == "application/json":
                entry["example"] = _text_file(name, media)
            files.append(entry)
            continue
        value = (
            given[name]
            if name in given
            else ctx.generate(
                {**prop, "$defs": (schema or {}).get("$defs", {})}
                if isinstance(prop, dict)
                else prop,
                "write",
                name,
            )
        )
        fields[name] = value
        if isinstance(value, dict | list):
            part_encoding[name] = {"content_type": "application/json"}
    if not files and not fields:
        raise Skip("the multipart body has no part")
    out: dict[str, Any] = {"content_type": MULTIPART}
    if fields:
        out["example"] = fields
    if files:
        out["files"] = files
    if part_encoding:
        out["encoding"] = part_encoding
    if schema is not None:
        out["schema"] = _without(ctx.stripped(schema), [f["field"] for f in files])
    return out


def _without(schema: Any, fields: list[str]) -> Any:
    """A multipart body's schema for its text fields: the file parts leave it (samples
    send them as files, which the mock checks apart)."""
    if not fields or not isinstance(schema, dict):
        return schema
    target = schema
    if isinstance(schema.get("$ref"), str) and schema["$ref"].startswith("#/$defs/"):
        name = schema["$ref"][len("#/$defs/") :]
        target = dict((schema.get("$defs") or {}).get(name) or {})
        rest = {k: v for k, v in schema.items() if k not in ("$ref", "$defs")}
        target = {**target, **rest}
        if schema.get("$defs"):
            target["$defs"] = schema["$defs"]
    out = dict(target)
    if isinstance(out.get("properties"), dict):
        out["properties"] = {k: v for k, v in out["properties"].items() if k not in fields}
    if isinstance(out.get("required"), list):
        out["required"] = [r for r in out["required"] if r not in fields]
    if isinstance(out.get("allOf"), list):
        out["allOf"] = [
            _without({**p, **({"$defs": schema["$defs"]} if "$defs" in schema else {})}, fields)
            if isinstance(p, dict)
            else p
            for p in out["allOf"]
        ]
        out["allOf"] = [
            {k: v for k, v in p.items() if k != "$defs"} if isinstance(p, dict) else p
            for p in out["allOf"]
        ]
    return out


def _text_file(name: str, media: str) -> str:
    if media == "application/json":
        return '{"example": true}\n'
    return f"An example {name} file from samplegen.\n"


def _raw(ctx: Context, media: str, schema: Any, example: Any, spec_id: str) -> dict:
    out: dict[str, Any] = {"content_type": media}
    if is_text(media):
        if isinstance(example, str):
            out["example"] = example
            return out
        target = ctx.converters["write"].follow(schema) if schema is not None else {}
        if media.endswith("xml") or (isinstance(target, dict) and target.get("type") == "object"):
            raise Skip(f"a {media} body needs an example in the document (none is given)")
        value = ctx.generate(schema if schema is not None else {"type": "string"}, "write", "body")
        out["example"] = value if isinstance(value, str) else str(value)
        return out
    entry: dict[str, Any] = {"path": _file_name(spec_id, media)}
    if isinstance(example, str) and example:
        entry["example"] = example
    out["file"] = entry
    return out
