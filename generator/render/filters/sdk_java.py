"""The call of the Stainless Java SDK (``com.openai:openai-java``), from its table row.

The request is a params builder (``BatchCreateParams.builder()...build()``) whose setters
and their Java types come from the SDK's own sources (the table's ``setters`` and
``types``). Each value goes through a typed setter when one takes it: ``String``, ``Long``
(``10L``), ``Double``, ``Boolean``, a Stainless enum (``FilePurpose.of("batch")``), a list
of strings (``stopOfStrings(List.of(...))``), the chat helpers (``addUserMessage``,
``addFunctionTool``); a required value of another shape is converted by the SDK's own JSON
mapper into the setter's class; anything else travels through the SDK's documented escape
hatches ``putAdditionalBodyProperty(key, JsonValue.from(...))`` and
``putAdditionalQueryParam``. Setters the SDK deprecates are never used (``-Werror``).
"""

from __future__ import annotations

from typing import Any

from generator.render.filters.java import LINE_LIMIT, Call, Chain, java_str, layout
from generator.render.filters.java_json import JSON_VALUE_NULL, java_double, json_node
from generator.render.filters.java_params import (
    JSON_VALUE,
    Setter,
    _openai_messages,
    java_build,
    typed_calls,
)
from generator.render.sdk_calls import Plan

MAPPERS = "com.openai.core.ObjectMappers"
# Typed conversions of the chat API that java_params already knows, by the Java type a
# setter takes (derived from the SDK): they write the SDK's richer builders.
_RICH = (
    "Stop",
    "ResponseFormat",
    "ChatCompletionStreamOptions",
    "ChatCompletionToolChoiceOption.Auto",
)


class Unsendable(ValueError):
    """A value the call needs that no setter of the SDK can take."""


def _simple(fqn: str) -> str:
    return fqn.rsplit(".", 1)[-1]


def _types(row: dict[str, Any], setter: str) -> list[str]:
    info = row.get("setters", {}).get(setter, {})
    deprecated = set(info.get("deprecated", []))
    return [t for t in info.get("types", []) if t not in deprecated]


def _type_ref(row: dict[str, Any], name: str, imports: set[str]) -> str:
    """How the sample names the SDK type ``name`` (a nested class through its params
    class, ``BatchCreateParams.CompletionWindow``), importing what it needs."""
    info = row.get("types", {}).get(name, {})
    fqn = info.get("fqn", "")
    params = row["params"]
    if fqn.startswith(params + "."):
        imports.add(params)
        return _simple(params) + fqn[len(params) :]
    if fqn:
        head = name.split(".")[0]
        imports.add(fqn[: len(fqn) - len(name)] + head)
        return name
    return name


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _scalar(row: dict[str, Any], setter: str, value: Any, imports: set[str]) -> Call | None:
    """``.setter(literal)`` through a scalar or enum overload that takes ``value``."""
    types = _types(row, setter)
    if isinstance(value, str):
        if "String" in types:
            return Call("." + setter, (java_str(value),))
        for name in types:
            if row.get("types", {}).get(name, {}).get("enum"):
                ref = _type_ref(row, name, imports)
                return Call("." + setter, (Call(f"{ref}.of", (java_str(value),)),))
        return None
    if isinstance(value, bool):
        return Call("." + setter, ("true" if value else "false",)) if "Boolean" in types else None
    if _is_int(value) and "Long" in types and -(2**63) <= value < 2**63:
        return Call("." + setter, (f"{value}L",))
    if isinstance(value, int | float) and not isinstance(value, bool) and "Double" in types:
        literal = java_double(value)
        return Call("." + setter, (literal,)) if literal is not None else None
    if _strings(value):
        for name in (setter, *_siblings(row, setter)):
            if "List<String>" in _types(row, name):
                imports.add("java.util.List")
                return Call("." + name, (Call("List.of", tuple(java_str(v) for v in value)),))
    return None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _siblings(row: dict[str, Any], setter: str) -> list[str]:
    """The ``setterOf...`` overloads Stainless writes for a union's members
    (``stopOfStrings``, ``inputOfArrayOfStrings``)."""
    return [name for name in row.get("setters", {}) if name.startswith(setter + "Of")]


def _rich(row: dict[str, Any], key: str, setter: str, value: Any, imports: set[str]) -> list | None:
    """The chat API's richer builders, where the derived setter types name them."""
    types = _types(row, setter)
    if key == "tools" and "FunctionDefinition" in _types(row, "addFunctionTool"):
        return typed_calls(Setter("addFunctionTool", "FunctionDefinition"), value, imports)
    for kind in _RICH:
        if kind in types:
            calls = typed_calls(Setter(setter, kind), value, imports)
            if calls is not None:
                return calls
    return None


def _converted(row: dict[str, Any], setter: str, value: Any, imports: set[str]) -> list | None:
    """``.setter(ObjectMappers.jsonMapper().convertValue(<JSON>, T.class))``: the SDK's own
    mapper builds the setter's class from the JSON (one call per element for a list with
    an ``add...`` setter)."""
    named = [t for t in _types(row, setter) if t in row.get("types", {}) and "<" not in t]
    if named and not isinstance(value, list):
        return [Call("." + setter, (_convert(row, named[0], value, imports),))]
    listed = [t[5:-1] for t in _types(row, setter) if t.startswith("List<")]
    if listed and isinstance(value, list) and value:
        element = listed[0]
        adders = [
            name
            for name, info in row.get("setters", {}).items()
            if name.startswith("add") and element in info.get("types", [])
        ]
        if adders and element in row.get("types", {}):
            return [
                Call("." + adders[0], (_convert(row, element, item, imports),)) for item in value
            ]
    return None


def _convert(row: dict[str, Any], name: str, value: Any, imports: set[str]) -> Chain:
    imports.add(MAPPERS)
    ref = _type_ref(row, name, imports)
    literal = json_node(value, imports, JSON_VALUE_NULL)
    # A chain: google-java-format puts .convertValue on a line of its own when it breaks.
    return Chain("ObjectMappers.jsonMapper()", (Call(".convertValue", (literal, f"{ref}.class")),))


def _hatch(
    key: str, value: Any, imports: set[str], method: str = ".putAdditionalBodyProperty"
) -> Call:
    imports.add(JSON_VALUE)
    literal = Call("JsonValue.from", (json_node(value, imports, JSON_VALUE_NULL),))
    return Call(method, (java_str(key), literal))


def builder_calls(call: Plan, headers: dict[str, str], imports: set[str]) -> list[Any]:
    """Every builder call of the request, in order; :class:`Unsendable` when a value the
    SDK requires fits no setter."""
    row = call.row
    out: list[Any] = []
    for arg in call.path:
        out.append(Call("." + str(arg.arg), (java_str(_text(arg.value)),)))
    hatches = set(row.get("hatches", ("body", "query")))
    for arg in call.query:
        typed = _scalar(row, arg.arg, arg.value, imports) if arg.arg else None
        if typed is None and "query" not in hatches:
            raise Unsendable(f"{_simple(row['params'])} takes no query parameter {arg.key}")
        if typed is None:
            if isinstance(arg.value, list):
                imports.add("java.util.List")
                texts = tuple(java_str(_text(v)) for v in arg.value)
                typed = Call(
                    ".putAdditionalQueryParams", (java_str(arg.key), Call("List.of", texts))
                )
            else:
                typed = Call(
                    ".putAdditionalQueryParam", (java_str(arg.key), java_str(_text(arg.value)))
                )
        out.append(typed)
    for setter, _upload in call.files:
        out.append(Call("." + setter, (_file_var(call, setter),)))
    required = set(row.get("required", []))
    multipart = row.get("body_kind") == "multipart"
    for arg in call.body:
        if arg.key == "stream" and row.get("stream") == "method" and call.stream:
            continue  # createStreaming sends it
        if arg.key == "messages" and "addUserMessage" in row.get("setters", {}):
            out.extend(_openai_messages(arg.value, imports))
            continue
        calls = None
        if arg.arg is not None:
            calls = _rich(row, arg.key, arg.arg, arg.value, imports)
            if calls is None and (single := _scalar(row, arg.arg, arg.value, imports)) is not None:
                calls = [single]
            if calls is None and arg.arg in required and not multipart:
                calls = _converted(row, arg.arg, arg.value, imports)
        if calls is None:
            if arg.arg is not None and arg.arg in required:
                raise Unsendable(
                    f"{_simple(row['params'])}.{arg.arg} takes no value of this shape: {arg.key}"
                )
            if "body" not in hatches:
                raise Unsendable(f"{_simple(row['params'])} takes no body value {arg.key}")
            value = _text(arg.value) if multipart else arg.value
            calls = [_hatch(arg.key, value, imports)]
        out.extend(calls)
    for name, value in headers.items():
        out.append(Call(".putAdditionalHeader", (java_str(name), java_str(value))))
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _file_var(call: Plan, setter: str) -> str:
    names = java_sdk_uploads(call)
    return next(var for var, (s, _) in zip(names, call.files, strict=True) if s == setter)


def java_sdk_uploads(call: Plan) -> list[str]:
    """The variable holding each upload's path: ``path`` alone, ``path1``, ``path2``..."""
    if len(call.files) == 1:
        return ["path"]
    return [f"path{i}" for i in range(1, len(call.files) + 1)]


def java_sdk_params(call: Plan, headers: dict[str, str], indent: int = 4) -> str:
    """The statement building the request: ``XParams params = XParams.builder()...;``."""
    calls = [layout(c, indent + 8) for c in builder_calls(call, headers, set())]
    name = _simple(call.row["params"])
    return java_build(f"{name} params", f"{name}.builder()", calls, indent)


def java_sdk_imports(call: Plan, headers: dict[str, str]) -> list[str]:
    """The classes the builder calls need (the params class always)."""
    imports: set[str] = {call.row["params"]}
    builder_calls(call, headers, imports)
    return sorted(imports)


def java_sdk_decline(call: Plan) -> str | None:
    """Why the builder cannot be written (a required value no setter takes), or None."""
    try:
        builder_calls(call, {}, set())
    except Unsendable as err:
        return str(err)
    return None


def java_sdk_chain(call: Plan, streaming: bool = False, raw: bool = False) -> str:
    """``client.chat().completions().create`` (``createStreaming`` for a stream;
    ``...withRawResponse().create`` for the raw response, its status and headers)."""
    head, _, method = call.row["call"].rpartition(".")
    if streaming and call.row.get("stream_call"):
        method = call.row["stream_call"]
    if raw:
        head += ".withRawResponse()"
    return f"client.{head}.{method}"


def _split_type(fqn: str) -> tuple[str, str]:
    """(what to import, how the code names it) of a class: a nested class is imported
    through its outer class (``ChatKitThreadItemList.Data``)."""
    parts = fqn.split(".")
    first = next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts) - 1)
    return ".".join(parts[: first + 1]), ".".join(parts[first:])


def java_sdk_assign(
    lhs: str, expression: str, indent: int, prefix: str = "", suffix: str = ";"
) -> str:
    """``<prefix><lhs> = <expression><suffix>`` at ``indent`` on one line when it fits in
    100 columns, else broken after ``=`` with the expression at +4 (google-java-format):
    ``result = client.files().list(params);``, ``try (HttpResponse response = ...) {``."""
    pad = " " * indent
    line = f"{pad}{prefix}{lhs} = {expression}{suffix}"
    if len(line) <= LINE_LIMIT:
        return line
    return f"{pad}{prefix}{lhs} =\n{' ' * (indent + 4)}{expression}{suffix}"


def java_simple_name(fqn: str) -> str:
    """How the sample names a class: ``com.openai.models.batches.Batch`` -> ``Batch``,
    a nested one through its outer class (``ChatKitThreadItemList.Data``)."""
    return _split_type(fqn)[1]


def java_type_import(fqn: str) -> str:
    """What the sample imports for a class (the outer class of a nested one)."""
    return _split_type(fqn)[0] if fqn else ""


def java_uses_parts(call: Plan) -> bool:
    """Whether the chat messages need the sample's ``imagePart``/``textPart`` helpers."""
    from generator.render.filters.java import java_openai_uses_parts

    messages = next((a.value for a in call.body if a.key == "messages"), None)
    return "addUserMessage" in call.row.get("setters", {}) and java_openai_uses_parts(messages)


FILTERS = {
    "java_sdk_params": java_sdk_params,
    "java_sdk_imports": java_sdk_imports,
    "java_sdk_chain": java_sdk_chain,
    "java_sdk_uploads": java_sdk_uploads,
    "java_sdk_assign": java_sdk_assign,
    "java_simple_name": java_simple_name,
    "java_type_import": java_type_import,
    "java_uses_parts": java_uses_parts,
}

__all__ = ["FILTERS", "Chain", "Unsendable", "java_sdk_decline"]
