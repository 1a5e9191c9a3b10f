"""The fast schema checks give python-jsonschema's verdicts, on every schema and value.

generator.sources.schema_fast answers "is this valid JSON Schema 2020-12?" and "does this
schema accept this value?" through jsonschema-rs, and falls back to python-jsonschema
wherever the two could differ. These tests hold it to python-jsonschema: the same verdict
on generated schemas (keywords with right and wrong values, regular expressions Python and
Rust read differently, URIs, nesting), the same error where both refuse, never "valid"
for a value Python refuses, and the Python path alone when jsonschema-rs is missing.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.sources import schema_fast
from generator.sources.spec_data import spec_schema

pytestmark = pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")

# Regular expressions Python's re and Rust's engines disagree on, or that neither reads.
PATTERNS = [
    "^[a-z]+$",
    "(",
    "(?<name>x)",
    "(?P<name>x)",
    r"\p{L}+",
    "a{,3}",
    r"\d+(?=px)",
    "[[:alpha:]]",
    "(?i)abc",
    "a(?i)bc",
    r"(?<=ab+)c",
    "[",
    r"\Z",
    "",
]
URIS = ["#/$defs/a", "https://example.com/s.json", "not a uri ::", "#", "urn:x", " "]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.just(10**30),
    st.floats(-2, 2, allow_nan=False),
    st.sampled_from(["string", "integer", "object", "strin", "x"]),
)


def _schemas() -> st.SearchStrategy[Any]:
    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        keyword_values = {
            "type": st.one_of(
                st.sampled_from(["string", "number", "integer", "object", "array", "strin"]),
                st.lists(st.sampled_from(["string", "null", "nope"]), max_size=3),
                SCALARS,
            ),
            "pattern": st.one_of(st.sampled_from(PATTERNS), SCALARS),
            "patternProperties": st.dictionaries(st.sampled_from(PATTERNS), inner, max_size=2),
            "properties": st.dictionaries(st.sampled_from(["a", "pattern", "$ref"]), inner),
            "items": inner,
            "allOf": st.lists(inner, max_size=2),
            "anyOf": st.one_of(st.lists(inner, max_size=2), SCALARS),
            "not": inner,
            "$ref": st.one_of(st.sampled_from(URIS), SCALARS),
            "$id": st.sampled_from(URIS),
            "$schema": st.sampled_from(URIS),
            "$defs": st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
            "minLength": st.one_of(st.integers(-2, 5), st.just(1.0), st.just(1.5), SCALARS),
            "maxItems": st.one_of(st.integers(-2, 5), st.just(2.0), SCALARS),
            "required": st.one_of(
                st.lists(st.sampled_from(["a", "b"]), max_size=3), st.lists(SCALARS, max_size=2)
            ),
            "enum": st.lists(SCALARS, max_size=3),
            "const": st.one_of(SCALARS, st.fixed_dictionaries({"pattern": st.just("(")})),
            "additionalProperties": inner,
            "format": st.one_of(st.sampled_from(["date", "uri", "made-up"]), SCALARS),
            "x-vendor": st.just({"pattern": "("}),
        }
        return st.one_of(
            st.booleans(),
            st.dictionaries(
                st.sampled_from(list(keyword_values)), st.just(None), max_size=4
            ).flatmap(lambda keys: st.fixed_dictionaries({k: keyword_values[k] for k in keys})),
        )

    return st.recursive(st.just({}), extend, max_leaves=8)


def _python_verdict(schema: Any) -> str | None:
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as err:
        return err.message
    return None


def _fast_verdict(schema: Any) -> str | None:
    try:
        schema_fast.check_schema(schema)
    except jsonschema.SchemaError as err:
        return err.message
    return None


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_schemas())
def test_the_fast_check_gives_python_jsonschemas_verdict_and_message(schema: Any) -> None:
    assert _fast_verdict(schema) == _python_verdict(schema)


@pytest.mark.parametrize(
    "schema",
    [
        {"pattern": "("},
        {"pattern": r"\p{L}"},
        {"patternProperties": {"(?<n>x)": {}}},
        {"properties": {"a": {"items": {"pattern": "["}}}},
        {"$defs": {"a": {"pattern": "a(?i)b"}}},
    ],
)
def test_a_pattern_python_cannot_compile_is_refused_though_rust_reads_the_schema(
    schema: Any,
) -> None:
    # jsonschema-rs does not check the meta-schema's formats: these pass it.
    assert schema_fast._rust().meta.is_valid(schema)
    with pytest.raises(jsonschema.SchemaError, match="is not a 'regex'"):
        schema_fast.check_schema(schema)


def test_a_valid_schema_passes_without_python_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("python-jsonschema's check_schema ran")

    monkeypatch.setattr(jsonschema.Draft202012Validator, "check_schema", refuse)
    schema_fast.check_schema(
        {
            "type": "object",
            "properties": {"id": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
            "$defs": {"n": {"$ref": "#/$defs/m"}, "m": {"type": "integer", "minimum": 0}},
        }
    )


def test_a_number_rust_cannot_hold_goes_to_python() -> None:
    schema_fast.check_schema({"maxLength": 10**30})
    with pytest.raises(jsonschema.SchemaError):
        schema_fast.check_schema({"maxLength": -(10**30)})


def test_without_jsonschema_rs_python_jsonschema_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_fast, "_rust", lambda: None)
    schema_fast.check_schema({"type": "string"})
    with pytest.raises(jsonschema.SchemaError, match="is not valid under any of the given"):
        schema_fast.check_schema({"type": "strin"})
    assert schema_fast.fast_validator({"type": "string"}) is None


def test_a_schema_of_another_draft_is_checked_by_python_jsonschema_as_2020_12() -> None:
    # draft-04's boolean exclusiveMinimum: python-jsonschema checks it as 2020-12 (refused).
    schema = {"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": True}
    assert not schema_fast._meta_valid(schema)
    with pytest.raises(jsonschema.SchemaError):
        schema_fast.check_schema(schema)


# -- values: fast_validator ---------------------------------------------------------------

VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 5),
        st.just(10**30),
        st.floats(-3, 3, allow_nan=False),
        st.just(1.0),
        st.text(max_size=4),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3),
    ),
    max_leaves=6,
)


def _value_schemas() -> st.SearchStrategy[Any]:
    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        keyword_values = {
            "type": st.sampled_from(["string", "number", "integer", "object", "array", "null"]),
            "properties": st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
            "required": st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True),
            "additionalProperties": inner,
            "items": inner,
            "prefixItems": st.lists(inner, min_size=1, max_size=2),
            "anyOf": st.lists(inner, min_size=1, max_size=2),
            "oneOf": st.lists(inner, min_size=1, max_size=2),
            "allOf": st.lists(inner, min_size=1, max_size=2),
            "not": inner,
            "enum": st.lists(VALUES, min_size=1, max_size=3),
            "const": VALUES,
            "minimum": st.integers(-3, 3),
            "exclusiveMaximum": st.floats(-3, 3, allow_nan=False),
            "multipleOf": st.sampled_from([1, 2, 0.5]),
            "minLength": st.integers(0, 3),
            "maxLength": st.integers(0, 3),
            "minItems": st.integers(0, 2),
            "uniqueItems": st.booleans(),
            "minProperties": st.integers(0, 2),
            "unevaluatedProperties": st.booleans(),
            "format": st.sampled_from(["date", "email", "uuid"]),
            "contentEncoding": st.just("base64"),
            "$ref": st.just("#/$defs/d"),
        }
        return st.one_of(
            st.booleans(),
            st.dictionaries(
                st.sampled_from(list(keyword_values)), st.just(None), max_size=3
            ).flatmap(lambda keys: st.fixed_dictionaries({k: keyword_values[k] for k in keys})),
        )

    return st.recursive(st.just({}), extend, max_leaves=6).map(
        lambda s: (
            {**s, "$defs": {"d": {"type": ["string", "integer"]}}} if isinstance(s, dict) else s
        )
    )


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_value_schemas(), st.lists(VALUES, min_size=1, max_size=4))
def test_fast_validator_never_calls_valid_what_python_jsonschema_refuses(
    schema: Any, values: list[Any]
) -> None:
    assert _python_verdict(schema) is None  # the strategy makes valid schemas
    fast = schema_fast.fast_validator(schema)
    assert fast is not None
    python = jsonschema.Draft202012Validator(schema)
    for value in values:
        assert fast(value) == python.is_valid(value), (schema, value)


@pytest.mark.parametrize(
    "schema",
    [
        {"pattern": "^a$"},
        {"properties": {"a": {"patternProperties": {"^x": {}}}}},
        {"$ref": "https://example.com/other.json"},
        {"$ref": "#/$defs/missing"},
    ],
)
def test_fast_validator_declines_patterns_and_references_out_of_the_schema(schema: Any) -> None:
    assert schema_fast.fast_validator(schema) is None


def test_rust_reads_some_patterns_differently_which_is_why_they_are_declined() -> None:
    # ECMA's \s takes U+FEFF (a byte-order mark), Python's does not.
    schema = {"pattern": "^\\s$"}
    assert schema_fast._rust().Draft202012Validator(schema).is_valid("\ufeff")
    assert not jsonschema.Draft202012Validator(schema).is_valid("\ufeff")
    assert schema_fast.fast_validator(schema) is None


def _spec_schema_patterns() -> list[str]:
    found = []
    for node in schema_fast._nodes(spec_schema()):
        if isinstance(node.get("pattern"), str):
            found.append(node["pattern"])
        found += list(node.get("patternProperties") or {})
    return sorted(set(found))


SPEC_PATTERNS = _spec_schema_patterns()
TRICKY_TEXT = st.text(
    st.one_of(
        st.characters(codec="ascii"),
        st.sampled_from("\n\r\t\x1c\x85\ufeff\u00e9\u0661\u212a\u017f\u0130\u2028\U0001f600"),
    ),
    max_size=12,
)


@pytest.mark.parametrize("pattern", SPEC_PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=TRICKY_TEXT)
def test_rust_never_accepts_more_than_re_for_a_spec_schema_pattern(pattern: str, text: str) -> None:
    # What lets the spec validator trust Rust with its own patterns (trusted_patterns).
    rust = schema_fast._rust().Draft202012Validator({"pattern": pattern})
    if rust.is_valid(text):
        assert re.search(pattern, text), (pattern, text)


def test_the_spec_schema_has_patterns_to_check() -> None:
    assert len(SPEC_PATTERNS) >= 10
