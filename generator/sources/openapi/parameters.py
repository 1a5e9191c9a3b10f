"""Path, query, header and cookie parameters -> the spec's ``parameters``.

A path item's parameters apply to each of its operations unless the operation redefines
one (same name and location). Path parameters are always sent, never as a placeholder;
other parameters only when required, unless the settings ask for optional ones too.
Header parameters named Accept, Content-Type or Authorization are ignored, as OpenAPI
says (the body and the security scheme set those). A value is the parameter's example,
else its content's or schema's example, else one generated from its schema.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.sources.openapi import examples
from generator.sources.openapi.context import Context
from generator.sources.openapi.errors import Skip
from generator.sources.openapi.refs import Node

IGNORED_HEADERS = {"accept", "content-type", "authorization"}
LOCATIONS = ("path", "query", "header", "cookie")
DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
_SPEC_PATH_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")


def merged(ctx: Context, item: Node, operation: Node) -> list[Node]:
    """The parameters of ``operation``: its path item's, overridden by its own."""
    found: dict[tuple[str, str], Node] = {}
    for holder in (item, operation):
        listed = holder.get("parameters")
        for i in range(len(listed) if isinstance(listed, list) else 0):
            param = ctx.deref(holder.at("parameters", i))
            value = param.value
            if not isinstance(value, dict) or not isinstance(value.get("name"), str):
                raise Skip(f"parameter {i + 1} has no name")
            if value.get("in") not in LOCATIONS:
                raise Skip(f"parameter {value['name']!r} is in {value.get('in')!r}")
            found[(value["in"], value["name"])] = param
    return list(found.values())


def spec_parameters(
    ctx: Context, nodes: list[Node], path: str, auth: dict[str, Any], example_name: str | None
) -> tuple[list[dict[str, Any]], str]:
    """The spec's parameters and the path they fill (path parameter names the spec format
    does not take are renamed, in the path too: the name never travels)."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        value = node.value
        name, where = value["name"], value["in"]
        if where == "header" and name.lower() in IGNORED_HEADERS:
            continue
        if where == "query" and auth.get("type") == "query" and name == auth.get("name"):
            continue  # the API key: samples add it from the environment
        if where == "cookie" and auth.get("type") == "cookie" and name == auth.get("name"):
            continue
        required = where == "path" or value.get("required") is True
        if not required and (not ctx.settings.optional_parameters or value.get("deprecated")):
            continue
        param: dict[str, Any] = {"name": name, "in": where}
        style = value.get("style", DEFAULT_STYLE[where])
        explode = value.get("explode", style == "form")
        schema_node = node.at("schema")
        content = value.get("content")
        example = _example(ctx, node, example_name)
        if isinstance(content, dict) and content:
            media = next(iter(content))
            media_node = node.at("content", media)
            if example is None:
                found = examples.named(ctx, media_node)
                example = found[0][1] if found else None
            schema_node = media_node.at("schema")
            if example is None:
                schema = ctx.schema(schema_node, "write") if schema_node.value is not None else {}
                example = ctx.generate(schema, "write", name)
            param["example"] = json.dumps(example, ensure_ascii=False, separators=(",", ":"))
        else:
            schema = ctx.schema(schema_node, "write") if schema_node.value is not None else None
            if example is not None and schema is not None and ctx.problem(schema, example):
                example = None  # the document's example does not fit its own schema
            if example is None:
                example = ctx.generate(
                    schema if schema is not None else {"type": "string"}, "write", name
                )
            if where == "path" and example in ("", None, [], {}):
                example = name
            blank = isinstance(example, str) and (example != example.strip() or not example)
            if where in ("header", "cookie") and blank:
                # HTTP drops blanks around a header value: send what arrives.
                example = example.strip() or name
            param["example"] = example
            if schema is not None:
                param["schema"] = ctx.stripped(schema)
        if style != DEFAULT_STYLE[where]:
            param["style"] = style
        if explode != (style == "form"):
            param["explode"] = explode
        if value.get("allowReserved") is True:
            param["allow_reserved"] = True
        if required and where != "path":
            param["required"] = True
        description = value.get("description")
        if isinstance(description, str) and description.strip():
            param["description"] = _one_line(description)
        out.append(param)
    return _rename_path_params(out, path)


def _example(ctx: Context, node: Node, example_name: str | None) -> Any:
    found = examples.named(ctx, node)
    if not found:
        return None
    if example_name is not None:
        for name, value in found:
            if name == example_name:
                return value
    return found[0][1]


def _rename_path_params(
    params: list[dict[str, Any]], path: str
) -> tuple[list[dict[str, Any]], str]:
    declared = {p["name"] for p in params if p["in"] == "path"}
    for name in re.findall(r"\{([^{}]+)\}", path):
        if name not in declared:
            raise Skip(f"path parameter {{{name}}} is not described")
    taken = set(declared)
    for param in params:
        name = param["name"]
        if param["in"] != "path" or _SPEC_PATH_NAME.match(name):
            continue
        new = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
        new = re.sub(r"[^a-z0-9_]+", "_", new.lower()).strip("_") or "param"
        if not re.match(r"[a-z_]", new):
            new = "p_" + new
        while new in taken:
            new += "_"
        taken.add(new)
        path = path.replace("{" + name + "}", "{" + new + "}")
        param["name"] = new
    return params, path


def _one_line(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("`", "")).strip()[:300]
