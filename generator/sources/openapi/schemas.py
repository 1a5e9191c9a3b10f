"""OpenAPI schemas -> self-contained JSON Schema 2020-12 (what specs and the mock read).

OpenAPI 3.1 schemas are JSON Schema 2020-12 already; 3.0's are a dialect: ``nullable``,
boolean ``exclusiveMinimum``/``exclusiveMaximum``, ``example``, and ``$ref`` siblings that
do not count. Every schema an endpoint uses becomes one schema whose references all point
into its own ``$defs`` (``#/$defs/Name``, named after the component), so a spec file holds
everything its validation needs and recursive schemas stay finite.

Two forms come out: the *full* one keeps the annotations values are generated from
(``examples``, ``default``, ``discriminator``, ``readOnly``...), and :func:`strip` removes
what only documents (descriptions, titles, examples, ``x-`` extensions), keeping spec files
short. ``required`` drops read-only properties of a request and write-only ones of an
answer, as OpenAPI says: a sample never sends what the server writes.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from generator.sources.openapi.refs import Node, Resolver, pointer_parts

SUBSCHEMA = (
    "additionalProperties",
    "items",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
    "contentSchema",
)
SUBSCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")
SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
DROPPED = {
    "$id",
    "$schema",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "$comment",
    "nullable",
    "example",
}
ANNOTATIONS = {
    "description",
    "title",
    "examples",
    "externalDocs",
    "xml",
    "discriminator",
    "deprecated",
    "$comment",
}


def _name_of(uri: str) -> str:
    parts = pointer_parts(uri.split("#", 1)[1] if "#" in uri else "")
    last = parts[-1] if parts else uri.rsplit("/", 1)[-1].split(".")[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", last).strip("_") or "schema"


class Converter:
    """Converts the schemas of one document for requests (``write``) or answers (``read``);
    the converted components are shared by every endpoint of the document."""

    def __init__(self, resolver: Resolver, version: str, mode: str) -> None:
        self.resolver = resolver
        self.legacy = version.startswith("3.0")
        self.mode = mode
        self.names: dict[str, str] = {}  # target URI -> $defs name
        self.defs: dict[str, Any] = {}  # $defs name -> converted (full) schema
        self._direct: dict[str, list[str]] = {}  # $defs name -> the names it refers to

    def schema(self, node: Node) -> dict[str, Any] | bool:
        """The full converted schema of ``node`` with the ``$defs`` it reaches."""
        converted = self.convert(node)
        used = self.reached(converted)
        if not used:
            return converted
        if isinstance(converted, bool):
            converted = {} if converted else {"not": {}}
        return {**converted, "$defs": {name: self.defs[name] for name in used}}

    def reached(self, schema: Any) -> list[str]:
        """The ``$defs`` names ``schema`` reaches, in a stable order."""
        seen: dict[str, None] = {}
        stack = list(_refs_in(schema))
        while stack:
            name = stack.pop()
            if name not in seen:
                seen[name] = None
                if name not in self._direct:  # a converted component never changes
                    self._direct[name] = _refs_in(self.defs[name])
                stack.extend(self._direct[name])
        return sorted(seen)

    def convert(self, node: Node) -> Any:
        value = node.value
        if isinstance(value, bool):
            return value
        if not isinstance(value, dict):
            return {}  # not a schema: anything goes
        if isinstance(value.get("$ref"), str):
            ref = {"$ref": "#/$defs/" + self._define(node)}
            if self.legacy:
                return ref  # OpenAPI 3.0: what stands beside a $ref does not count
            rest = {k: v for k, v in value.items() if k != "$ref"}
            return {**ref, **self._convert_object(node, rest)} if rest else ref
        return self._convert_object(node, value)

    def _define(self, node: Node) -> str:
        uri = self.resolver.target(node)
        name = self.names.get(uri)
        if name is not None:
            return name
        base = _name_of(uri)
        name, n = base, 1
        while name in self.defs:
            n += 1
            name = f"{base}-{n}"
        self.names[uri] = name
        self.defs[name] = {}  # reserved: a recursive schema refers to itself
        self.defs[name] = self.convert(self.resolver.lookup(node))
        return name

    def _convert_object(self, node: Node, value: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in DROPPED or key.startswith("x-") or key == "$ref":
                continue
            if key in SUBSCHEMA:
                if key == "items" and isinstance(item, list):  # draft 4 tuple form
                    out["prefixItems"] = [self.convert(node.at(key, i)) for i in range(len(item))]
                else:
                    out[key] = self.convert(node.at(key))
            elif key in SUBSCHEMA_MAPS and isinstance(item, dict):
                out["$defs" if key == "definitions" else key] = {
                    k: self.convert(node.at(key, k)) for k in item
                }
            elif key in SUBSCHEMA_LISTS and isinstance(item, list):
                out[key] = [self.convert(node.at(key, i)) for i in range(len(item))]
            else:
                out[key] = item
        if isinstance(out.get("pattern"), str) and not _python_regex(out["pattern"]):
            # An ECMA-262 pattern Python cannot read (a Unicode class such as \p{L}): neither
            # jsonschema nor the mock could check it; the rest of the schema still applies.
            out.pop("pattern")
        if "example" in value and "examples" not in value:
            out["examples"] = [value["example"]]
        elif "examples" in value and not isinstance(value["examples"], list):
            out.pop("examples")  # 3.0 has no schema examples keyword; a map here is noise
        # OpenAPI 3.0's boolean bounds and nullable; 3.1 documents written with 3.0 habits
        # get the same reading (JSON Schema would refuse the booleans, ignore nullable).
        _legacy_bounds(out, value)
        if value.get("nullable") is True:
            out = _nullable(out)
        if isinstance(out.get("required"), list):
            out["required"] = self._required(out)
        return out

    def _required(self, schema: dict[str, Any]) -> list[str]:
        """``required`` without duplicates, and without what this direction never carries."""
        hidden = "readOnly" if self.mode == "write" else "writeOnly"
        properties = schema.get("properties") or {}
        kept = []
        for name in schema["required"]:
            if not isinstance(name, str) or name in kept:
                continue
            if self.follow(properties.get(name)).get(hidden) is True:
                continue
            kept.append(name)
        return kept

    def follow(self, schema: Any) -> dict[str, Any]:
        """``schema`` with ``#/$defs/`` references followed (an empty mapping when none)."""
        for _ in range(32):
            if not isinstance(schema, dict):
                return {}
            ref = schema.get("$ref")
            if not (isinstance(ref, str) and ref.startswith("#/$defs/")):
                return schema
            target = self.defs.get(ref[len("#/$defs/") :])
            schema = {
                **(target if isinstance(target, dict) else {}),
                **{k: v for k, v in schema.items() if k != "$ref"},
            }
        return {}


def _python_regex(pattern: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "possible nested set": fine in ECMA-262 too
        try:
            re.compile(pattern)
        except (re.error, OverflowError, RecursionError):
            return False
    return True


def _legacy_bounds(out: dict[str, Any], value: dict[str, Any]) -> None:
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = value.get(exclusive)
        if isinstance(flag, bool):
            out.pop(exclusive, None)
            if flag and bound in value:
                out[exclusive] = out.pop(bound)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema = {**schema, "type": [kind, "null"]}
    elif isinstance(kind, list):
        schema = {**schema, "type": [*kind, "null"] if "null" not in kind else kind}
    else:
        return {"anyOf": [schema, {"type": "null"}]}
    if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def _refs_in(schema: Any) -> list[str]:
    """The ``$defs`` names referenced anywhere inside ``schema`` (not through them)."""
    found: list[str] = []
    stack = [schema]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                found.append(ref[len("#/$defs/") :])
            for key, value in item.items():
                if key in SUBSCHEMA or key in SUBSCHEMA_LISTS:
                    stack.append(value)
                elif key in SUBSCHEMA_MAPS and isinstance(value, dict):
                    stack.extend(value.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def strip(schema: Any) -> Any:
    """``schema`` without what only documents it (descriptions, examples, extensions)."""
    if isinstance(schema, list):
        return [strip(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in ANNOTATIONS or key.startswith("x-"):
            continue
        if key in SUBSCHEMA or key in SUBSCHEMA_LISTS:
            out[key] = strip(value)
        elif key in SUBSCHEMA_MAPS and isinstance(value, dict):
            out[key] = {k: strip(v) for k, v in value.items()}
        else:
            out[key] = value
    return out
