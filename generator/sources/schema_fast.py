"""python-jsonschema's verdicts, answered by jsonschema-rs wherever the two cannot differ.

Importing a large OpenAPI document spends most of its time in python-jsonschema: checking
every schema against the 2020-12 meta-schema (about 2 ms each through its ``$dynamicRef``
vocabularies; 1.6 s of CPU for the 780 distinct schemas of GitHub's description), and
checking every spec against the spec schema (0.3 s). jsonschema-rs does the same in Rust,
some 50 to 300 times faster, but it is not the same in two places:

- **formats of the meta-schema**: it does not check that a ``pattern`` is a regular
  expression or a ``$ref`` a URI reference; python-jsonschema does, with Python's ``re``,
  the engine that later matches the patterns;
- **patterns**: it matches them with its own regular-expression engine, which reads some
  patterns differently from ``re`` (ECMA's ``\\s`` takes U+FEFF, its ``$`` never matches
  before a last newline, it refuses ``\\Z``).

So Rust answers only "valid", and only where neither difference can change the verdict:
a schema passes :func:`check_schema` on the fast path when Rust accepts it and every value
the meta-schema gives a format conforms to python-jsonschema's format checker (looked for
under those keys at every depth: a superset of the places the meta-schema means); a value
passes :func:`fast_validator` when Rust accepts it and the schema has no pattern (or only
patterns the caller vouches for) and no reference outside itself. Everything else goes to
python-jsonschema, whose verdict and message stand. tests/unit/test_schema_fast.py holds
the two to the same verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

# Keys whose text value the 2020-12 meta-schema gives a format, and keys whose mapping's
# own keys it does (``propertyNames: {format: ...}``).
_VALUE_FORMATS = {
    "pattern": "regex",
    "$id": "uri-reference",
    "$ref": "uri-reference",
    "$dynamicRef": "uri-reference",
    "$schema": "uri",
}
_KEY_FORMATS = {"patternProperties": "regex", "$vocabulary": "uri"}


def check_schema(schema: Any) -> None:
    """Raise :class:`jsonschema.SchemaError` (python-jsonschema's) when ``schema`` is not
    valid JSON Schema 2020-12."""
    if _meta_valid(schema):
        return
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)


def fast_validator(schema: Any, trusted_patterns: bool = False) -> Callable[[Any], bool] | None:
    """A test that answers True only for values python-jsonschema's Draft 2020-12 validator
    accepts (False: ask python-jsonschema), or None when Rust cannot be asked about
    ``schema`` at all. ``trusted_patterns``: the schema's patterns are ones Rust's engine
    never accepts more of than ``re`` (samplegen's own spec schema; see the test)."""
    rust = _rust()
    if rust is None or not _self_contained(schema, trusted_patterns):
        return None
    try:
        validator = rust.Draft202012Validator(schema)
    except Exception:  # a schema Rust cannot compile (a reference that leads nowhere)
        return None

    def valid(instance: Any) -> bool:
        try:
            return bool(validator.is_valid(instance))
        except Exception:  # a value Rust cannot take (an int beyond 64 bits): ask Python
            return False

    return valid


DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"


def _meta_valid(schema: Any) -> bool:
    rust = _rust()
    # Rust picks its meta-schema by ``$schema``; python-jsonschema's check is 2020-12's.
    if rust is None or (
        isinstance(schema, dict) and schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12
    ):
        return False
    try:
        valid = rust.meta.is_valid(schema)
    except Exception:  # a value Rust cannot take (an int beyond 64 bits): ask Python
        return False
    return bool(valid) and _formats_conform(schema)


@cache
def _rust() -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # a platform without its wheel: python-jsonschema alone
        return None
    return jsonschema_rs


@cache
def _format_checker() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator.FORMAT_CHECKER


def _nodes(schema: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in ``schema``, at any depth (in values as well as in subschemas)."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, dict | list))


def _formats_conform(schema: Any) -> bool:
    """Whether every text under a formatted key, at any depth, conforms to its format."""
    checker = _format_checker()
    for node in _nodes(schema):
        for key, value in node.items():
            if key in _VALUE_FORMATS and isinstance(value, str):
                texts, fmt = [value], _VALUE_FORMATS[key]
            elif key in _KEY_FORMATS and isinstance(value, dict):
                texts, fmt = list(value), _KEY_FORMATS[key]
            else:
                continue
            if not all(checker.conforms(text, fmt) for text in texts):
                return False
    return True


def _self_contained(schema: Any, trusted_patterns: bool) -> bool:
    """No pattern (unless trusted) and no reference that leaves the schema."""
    for node in _nodes(schema):
        if not trusted_patterns and (
            isinstance(node.get("pattern"), str) or isinstance(node.get("patternProperties"), dict)
        ):
            return False
        for key in ("$ref", "$dynamicRef"):
            ref = node.get(key)
            if isinstance(ref, str) and not ref.startswith("#"):
                return False
    return True
