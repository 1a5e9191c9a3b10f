"""A value a schema accepts, for when the document gives no example.

As Scalar and GitHub's docs do: the schema's own ``examples``, ``const``, ``default`` or
first ``enum`` value first; otherwise a value built from its type that says what it is
(a date-time looks like one, a text is its property's name, never the bare word
``string``), required properties only unless optional ones are asked for, read-only
properties left out of requests and write-only ones out of answers, ``allOf`` merged,
``oneOf``/``anyOf`` by their discriminator or their first branch that accepts the value,
recursion bounded, integer ranges and ``multipleOf`` respected, text patterns honoured
(a small generator walks the pattern's parse). The result is checked against the schema
by the caller; what no rule can satisfy is reported, not sent.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

try:  # Python 3.11+: the regular expression parser moved
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_DEPTH = 12  # nesting of generated objects and lists
MAX_REF_VISITS = 2  # a recursive schema is entered at most this often on one path

FORMATS: dict[str, Any] = {
    "date-time": "2024-01-01T12:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00Z",
    "duration": "PT1H",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "iri": "https://example.com/",
    "uri-reference": "https://example.com/",
    "iri-reference": "https://example.com/",
    "uri-template": "https://example.com/{id}",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "byte": "SGVsbG8=",
    "base64": "SGVsbG8=",
    "json-pointer": "/path",
    "relative-json-pointer": "0/path",
    "regex": "^[a-z]+$",
    "password": "password",
    "int32": None,
    "int64": None,
}


class NoValue(Exception):
    """No value satisfies the schema by these rules (the message says where)."""


@dataclass
class Generator:
    """Generates values for one root schema (its ``$defs`` resolve ``#/$defs/`` refs)."""

    root: Any
    mode: str = "write"  # write: a request (no readOnly); read: an answer (no writeOnly)
    optional: bool = False  # include optional properties
    visits: dict[str, int] = field(default_factory=dict)

    def value(self, name: str = "") -> Any:
        """A value the root schema accepts (checked); ``name`` is what the value is (a
        parameter's name). :class:`NoValue` when these rules find none."""
        value = self.gen(self.root, name, 0)
        if not self.accepts(self.root, value):
            raise NoValue("the value made from the schema does not satisfy all of it")
        return value

    # -- schema helpers -------------------------------------------------------------------
    def deref(self, schema: Any) -> Any:
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if not ref.startswith("#/$defs/"):
                raise NoValue(f"cannot follow the reference {ref}")
            target = (self.root.get("$defs") or {}).get(ref[len("#/$defs/") :])
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **rest} if isinstance(target, dict) and rest else target
        return schema

    def merged(self, schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
        """``schema`` with its ``allOf`` branches merged in (properties and required joined;
        for other keywords the first one met wins)."""
        if depth > MAX_DEPTH:
            raise NoValue("allOf nests too deeply")
        if "allOf" not in schema:
            return schema
        out = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = self.deref(part)
            if not isinstance(part, dict):
                continue
            part = self.merged(part, depth + 1)
            for key, item in part.items():
                if key == "properties":
                    out["properties"] = {**item, **out.get("properties", {})}
                elif key == "required":
                    out["required"] = list(dict.fromkeys([*out.get("required", []), *item]))
                elif key == "type" and "type" in out:
                    out["type"] = _intersect_types(out["type"], item)
                else:
                    out.setdefault(key, item)
        return out

    def accepts(self, schema: Any, value: Any) -> bool:
        import jsonschema

        whole = schema if not isinstance(schema, dict) else {**schema}
        if isinstance(whole, dict) and "$defs" in (
            self.root if isinstance(self.root, dict) else {}
        ):
            whole["$defs"] = self.root["$defs"]
        try:
            return jsonschema.Draft202012Validator(whole).is_valid(value)
        except (jsonschema.exceptions.SchemaError, jsonschema.exceptions._WrappedReferencingError):
            return False

    # -- generation -----------------------------------------------------------------------
    def gen(self, schema: Any, name: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise NoValue("the schema nests too deeply for a generated value")
        if schema is True or schema == {}:
            return name or "value"
        if schema is False:
            raise NoValue("the schema accepts no value (false)")
        if not isinstance(schema, dict):
            return name or "value"
        ref = schema.get("$ref")
        if isinstance(ref, str):
            count = self.visits.get(ref, 0)
            if count >= MAX_REF_VISITS:
                raise NoValue(f"{ref} refers to itself without end")
            self.visits[ref] = count + 1
            try:
                return self.gen(self.deref(schema), name, depth + 1)
            finally:
                self.visits[ref] = count
        schema = self.merged(schema)
        for key in ("const",):
            if key in schema:
                return schema[key]
        examples = schema.get("examples")
        if isinstance(examples, list) and examples and self.accepts(schema, examples[0]):
            return examples[0]
        if (
            "default" in schema
            and schema["default"] is not None
            and self.accepts(schema, schema["default"])
        ):
            return schema["default"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            return next((v for v in enum if v is not None), enum[0])
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                return self.choose(schema, key, name, depth)
        kind = _first_type(schema)
        if kind == "object":
            return self.obj(schema, depth)
        if kind == "array":
            return self.array(schema, name, depth)
        if kind == "string":
            return self.text(schema, name)
        if kind in ("integer", "number"):
            return number(schema, kind)
        if kind == "boolean":
            return bool(name.startswith(("is_", "has_")))
        if kind == "null":
            return None
        if "properties" in schema or "additionalProperties" in schema:
            return self.obj(schema, depth)
        if "items" in schema or "prefixItems" in schema:
            return self.array(schema, name, depth)
        return name or "value"

    def choose(self, schema: dict[str, Any], key: str, name: str, depth: int) -> Any:
        branches = list(schema[key])
        discriminator = schema.get("discriminator")
        order = list(range(len(branches)))
        tag = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
        # Branches that are only null come last: a sample shows a value.
        order.sort(key=lambda i: _first_type(self.deref(branches[i]) or {}) == "null")
        rest = {k: v for k, v in schema.items() if k not in (key, "discriminator")}
        problems = []
        for i in order:
            branch = branches[i]
            try:
                candidate = {"allOf": [rest, branch]} if rest else branch
                value = self.gen(candidate, name, depth + 1)
            except NoValue as err:
                problems.append(str(err))
                continue
            if tag and isinstance(value, dict):
                value = self.tagged(value, tag, discriminator, branch)
            if self.accepts(schema, value):
                return value
            problems.append(f"the value of {key} branch {i + 1} matches the others too")
        raise NoValue(f"no {key} branch gives a value: {'; '.join(problems[:3])}")

    def tagged(self, value: dict, tag: str, discriminator: dict, branch: Any) -> dict:
        mapping = discriminator.get("mapping") or {}
        ref = branch.get("$ref") if isinstance(branch, dict) else None
        for key, target in mapping.items():
            if (
                ref
                and isinstance(target, str)
                and target.rsplit("/", 1)[-1] == ref.rsplit("/", 1)[-1]
            ):
                return {**value, tag: key}
        if tag not in value and ref:
            return {**value, tag: ref.rsplit("/", 1)[-1]}
        return value

    def obj(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        required = [r for r in schema.get("required", []) if isinstance(r, str)]
        hidden = "readOnly" if self.mode == "write" else "writeOnly"
        out: dict[str, Any] = {}
        names = list(properties) if self.optional else [n for n in properties if n in required]
        for extra in required:  # required but not described: any value
            if extra not in names:
                names.append(extra)
        for prop in names:
            sub = properties.get(prop, schema.get("additionalProperties", True))
            if self._flag(sub, hidden) and prop not in required:
                continue
            if self._flag(sub, "deprecated") and prop not in required:
                continue
            try:
                out[prop] = self.gen(sub, prop, depth + 1)
            except NoValue:
                if prop in required:
                    raise
        minimum = schema.get("minProperties", 0)
        if isinstance(minimum, int) and len(out) < minimum:
            for prop, sub in properties.items():
                if len(out) >= minimum:
                    break
                if prop not in out and not self._flag(sub, hidden):
                    out[prop] = self.gen(sub, prop, depth + 1)
            extra = schema.get("additionalProperties")
            n = 1
            while len(out) < minimum and extra is not False:
                out[f"key{n}" if n > 1 else "key"] = self.gen(
                    extra if extra is not None else True, "value", depth + 1
                )
                n += 1
        return out

    def _flag(self, schema: Any, flag: str) -> bool:
        try:
            target = self.deref(schema)
        except NoValue:
            return False
        return isinstance(target, dict) and target.get(flag) is True

    def array(self, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
        prefix = schema.get("prefixItems") or []
        items = schema.get("items", True)
        low = schema.get("minItems", 1)
        high = schema.get("maxItems")
        count = max(low if isinstance(low, int) else 1, len(prefix), 1)
        if isinstance(high, int):
            count = min(count, high)
        item_name = _singular(name)
        out = [self.gen(prefix[i], item_name, depth + 1) for i in range(min(count, len(prefix)))]
        unique = schema.get("uniqueItems") is True
        while len(out) < count:
            value = self.gen(items, item_name, depth + 1)
            if value in out and (unique or isinstance(value, str)):
                value = _distinct(self.deref(items), value, len(out))
            out.append(value)
        return out

    def text(self, schema: dict[str, Any], name: str) -> str:
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        candidates = []
        if isinstance(fmt, str) and FORMATS.get(fmt):
            candidates.append(FORMATS[fmt])
        if name:
            candidates.append(name)
        candidates.append(str(schema.get("title") or "text"))
        low = schema.get("minLength", 0) if isinstance(schema.get("minLength"), int) else 0
        high = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
        for text in candidates:
            text = _fit(text, low, high)
            if text is not None and (not pattern or _matches(pattern, text)):
                return text
        if isinstance(pattern, str):
            made = from_pattern(pattern, name)
            if made is not None:
                fitted = _fit(made, low, high)
                if fitted is not None and _matches(pattern, fitted):
                    return fitted
            raise NoValue(f"cannot make a text that matches the pattern {pattern!r}")
        raise NoValue(f"cannot make a text of {low} to {high} characters")


def _first_type(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    kind = schema.get("type")
    if isinstance(kind, list):
        real = [k for k in kind if k != "null"]
        return real[0] if real else (kind[0] if kind else None)
    if isinstance(kind, str):
        return kind
    return None


def _intersect_types(a: Any, b: Any) -> Any:
    left = a if isinstance(a, list) else [a]
    right = b if isinstance(b, list) else [b]
    both = [t for t in left if t in right or (t == "integer" and "number" in right)]
    return both[0] if len(both) == 1 else (both or left)


def _singular(name: str) -> str:
    if name.endswith("ies") and len(name) > 4:
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss") and len(name) > 3:
        return name[:-1]
    return name


def _distinct(schema: Any, value: Any, n: int) -> Any:
    if isinstance(schema, dict) and isinstance(schema.get("enum"), list):
        options = [v for v in schema["enum"] if v is not None]
        if n < len(options):
            return options[n]
    if isinstance(value, str):
        return f"{value}-{n + 1}"
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + n
    return value


def _fit(text: str, low: int, high: int | None) -> str | None:
    if high is not None and high < low:
        return None
    if len(text) < low:
        text = (text + "-" + "x" * low)[:low] if text else "x" * low
    if high is not None and len(text) > high:
        text = text[:high]
    return text


def _matches(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # an ECMA-262 pattern Python cannot read: the mock decides


def number(schema: dict[str, Any], kind: str) -> int | float:
    """A number within the schema's bounds, a multiple of ``multipleOf`` when it has one
    (1 when nothing stands against it)."""
    low = schema.get("minimum")
    high = schema.get("maximum")
    xlow = schema.get("exclusiveMinimum")
    xhigh = schema.get("exclusiveMaximum")
    step = schema.get("multipleOf")
    lo = -math.inf
    hi = math.inf
    if isinstance(low, int | float) and not isinstance(low, bool):
        lo = low
    if isinstance(xlow, int | float) and not isinstance(xlow, bool):
        lo = max(lo, xlow + (1 if kind == "integer" else 0))
    if isinstance(high, int | float) and not isinstance(high, bool):
        hi = high
    if isinstance(xhigh, int | float) and not isinstance(xhigh, bool):
        hi = min(hi, xhigh - (1 if kind == "integer" else 0))
    value: float = 1
    if value < lo:
        value = lo
    if value > hi:
        value = hi
    if isinstance(xlow, int | float) and kind == "number" and value <= xlow:
        value = xlow + (min(1, (hi - xlow) / 2) if hi != math.inf else 1)
    if isinstance(xhigh, int | float) and kind == "number" and value >= xhigh:
        value = xhigh - (min(1, (xhigh - lo) / 2) if lo != -math.inf else 1)
    if isinstance(step, int | float) and step > 0 and not isinstance(step, bool):
        value = math.ceil(value / step) * step
        if value > hi:
            value = math.floor(hi / step) * step
        if isinstance(step, int) and float(value).is_integer():
            value = int(value)
    if kind == "integer":
        if value != int(value):
            value = math.ceil(value)
        return int(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def from_pattern(pattern: str, hint: str = "") -> str | None:
    """A short text matching the regular expression ``pattern`` (None when it cannot tell):
    literals kept, classes by their first member, repeats at their minimum (at least once
    for an unbounded one), the first alternative."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    try:
        return _emit(parsed, hint)
    except (_Unsupported, RecursionError):
        return None


class _Unsupported(Exception):
    pass


_C = sre_constants


def _emit(items: Any, hint: str) -> str:
    out = []
    for op, arg in items:
        if op is _C.LITERAL:
            out.append(chr(arg))
        elif op is _C.NOT_LITERAL:
            out.append("a" if chr(arg) != "a" else "b")
        elif op is _C.ANY:
            out.append("a")
        elif op is _C.IN:
            out.append(_class_member(arg))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)):
            low, high, sub = arg
            times = low if low > 0 else (1 if high > 0 else 0)
            out.append(_emit(sub, hint) * times)
        elif op is _C.SUBPATTERN:
            out.append(_emit(arg[-1], hint))
        elif op is _C.BRANCH:
            out.append(_emit(arg[1][0], hint))
        elif op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue
        elif op is _C.GROUPREF:
            raise _Unsupported
        else:
            raise _Unsupported
    return "".join(out)


def _class_member(items: Any) -> str:
    negate = any(op is _C.NEGATE for op, _ in items)
    if negate:
        banned = set()
        for op, arg in items:
            if op is _C.LITERAL:
                banned.add(chr(arg))
            elif op is _C.RANGE:
                banned.update(chr(c) for c in range(arg[0], min(arg[1], 0x7E) + 1))
        for candidate in "abcxyz0123456789ABC_-":
            if candidate not in banned:
                return candidate
        raise _Unsupported
    for op, arg in items:
        if op is _C.LITERAL:
            return chr(arg)
        if op is _C.RANGE:
            return chr(arg[0])
        if op is _C.CATEGORY:
            name = str(arg)
            if "DIGIT" in name and "NOT" not in name:
                return "0"
            if "SPACE" in name and "NOT" not in name:
                return " "
            if "WORD" in name and "NOT" not in name:
                return "a"
            if "NOT_DIGIT" in name or "NOT_SPACE" in name:
                return "a"
    raise _Unsupported
