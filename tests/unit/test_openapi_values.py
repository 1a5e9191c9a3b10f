"""Values generated from schemas: every one is accepted by its schema (a property test over
random schemas), and each says what it is."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.sources.openapi.values import Generator, NoValue, from_pattern, number

names = st.sampled_from(["name", "id", "created_at", "tags", "color", "x"])
formats = st.sampled_from(["date", "date-time", "email", "uuid", "uri", "ipv4", "byte", "other"])


def _leaf() -> st.SearchStrategy[dict[str, Any]]:
    bounds = st.one_of(st.none(), st.integers(-50, 50))
    integer = st.builds(
        lambda lo, hi, step: {
            "type": "integer",
            **({"minimum": lo} if lo is not None else {}),
            **({"maximum": hi} if hi is not None else {}),
            **({"multipleOf": step} if step else {}),
        },
        bounds,
        bounds,
        st.sampled_from([None, 2, 3, 5]),
    )
    text = st.builds(
        lambda fmt, low, span: {
            "type": "string",
            "format": fmt,
            "minLength": low,
            **({"maxLength": low + span} if span is not None else {}),
        },
        formats,
        st.integers(0, 12),
        st.one_of(st.none(), st.integers(0, 20)),
    )
    enum = st.lists(st.one_of(st.text(max_size=5), st.integers()), min_size=1, max_size=4).map(
        lambda values: {"enum": values}
    )
    pattern = st.sampled_from(
        [
            "^[a-f0-9]{8}$",
            r"^\d{3}-\d{4}$",
            "^(eu|us)-[a-z]+$",
            "^[A-Z][a-z]*$",
            "^sk-[A-Za-z0-9]{4,}$",
        ]
    ).map(lambda p: {"type": "string", "pattern": p})
    return st.one_of(
        integer,
        text,
        enum,
        pattern,
        st.just({"type": "boolean"}),
        st.just({"type": "number", "exclusiveMinimum": 0, "maximum": 1}),
    )


def _schema() -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        _leaf(),
        lambda inner: st.one_of(
            st.builds(
                lambda props, required: {
                    "type": "object",
                    "properties": props,
                    "required": [k for k in props if k in required],
                },
                st.dictionaries(names, inner, max_size=4),
                st.sets(names),
            ),
            st.builds(
                lambda items, low: {"type": "array", "items": items, "minItems": low},
                inner,
                st.integers(0, 3),
            ),
            st.lists(inner, min_size=1, max_size=3).map(lambda parts: {"anyOf": parts}),
            st.lists(inner, min_size=1, max_size=2).map(lambda parts: {"allOf": parts}),
        ),
        max_leaves=8,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_schema(), st.booleans(), st.sampled_from(["read", "write"]))
def test_a_generated_value_is_accepted_by_its_schema(schema, optional, mode) -> None:
    try:
        value = Generator(schema, mode, optional).value("field")
    except NoValue:
        return  # a schema no rule can satisfy (e.g. allOf of two enums) is reported, not sent
    assert jsonschema.Draft202012Validator(schema).is_valid(value), value


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        ({"type": "string", "format": "date"}, "2024-01-01"),
        ({"type": "string", "format": "date-time"}, "2024-01-01T12:00:00Z"),
        ({"type": "string", "format": "uuid"}, "123e4567-e89b-12d3-a456-426614174000"),
        ({"type": "string", "enum": ["fast", "slow"]}, "fast"),
        ({"type": "string"}, "owner"),  # its name
        ({"type": "string", "examples": ["octocat"]}, "octocat"),
        ({"type": "string", "default": "auto"}, "auto"),
        ({"type": "integer", "format": "int64", "minimum": 9007199254740993}, 9007199254740993),
        ({"type": "integer", "exclusiveMinimum": 5, "multipleOf": 4}, 8),
        ({"type": "number", "maximum": 0.5}, 0.5),
        ({"type": "integer", "maximum": -3}, -3),
        ({"const": "fixed"}, "fixed"),
        ({"type": ["null", "boolean"]}, False),
    ],
)
def test_a_value_says_what_it_is(schema: dict[str, Any], value: Any) -> None:
    assert Generator(schema).value("owner") == value


def test_required_only_unless_optional_and_read_only_out_of_requests() -> None:
    schema = {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string"},
            "id": {"type": "integer", "readOnly": True},
            "password": {"type": "string", "writeOnly": True},
            "note": {"type": "string"},
        },
    }
    assert Generator(schema).value() == {"name": "name"}
    assert Generator(schema, "write", optional=True).value() == {
        "name": "name",
        "password": "password",
        "note": "note",
    }
    assert Generator(schema, "read", optional=True).value() == {
        "name": "name",
        "id": 1,
        "note": "note",
    }


def test_one_of_by_discriminator_and_recursion_bounded() -> None:
    schema = {
        "oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
        "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/$defs/Cat"}},
        "$defs": {
            "Cat": {
                "type": "object",
                "required": ["kind", "lives"],
                "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}},
            },
            "Dog": {
                "type": "object",
                "required": ["kind", "friend"],
                "properties": {"kind": {"type": "string"}, "friend": {"$ref": "#/$defs/Dog"}},
            },
        },
    }
    assert Generator(schema).value() == {"kind": "cat", "lives": 1}
    with pytest.raises(NoValue, match="refers to itself"):
        Generator({"$ref": "#/$defs/Dog", "$defs": schema["$defs"]}).value()


def test_a_one_of_branch_that_matches_two_is_passed_over() -> None:
    schema = {
        "oneOf": [
            {"type": "string", "examples": ["fixed"]},
            {"enum": ["fixed"]},
            {"type": "integer", "minimum": 3},
        ]
    }
    value = Generator(schema).value()
    assert value == 3  # "fixed" of the first two branches matches both: oneOf refuses it
    assert jsonschema.Draft202012Validator(schema).is_valid(value)


@pytest.mark.parametrize(
    "pattern",
    [
        r"^[a-z]{3}\d{2}$",
        r"^(foo|bar)_[0-9a-f]+$",
        r"^\w+@\w+\.com$",
        r"^[^/]+/v\d+$",
        "^a{2,4}b?c*$",
    ],
)
def test_texts_from_patterns_match_them(pattern: str) -> None:
    text = from_pattern(pattern)
    assert text is not None and re.search(pattern, text), text


def test_number_respects_bounds() -> None:
    assert number({"minimum": 10, "maximum": 20}, "integer") == 10
    assert number({"exclusiveMaximum": 1}, "integer") == 0
    assert 0 < number({"exclusiveMinimum": 0, "exclusiveMaximum": 1}, "number") < 1
