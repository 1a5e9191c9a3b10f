"""Node.js filters: literals evaluate back to the exact value and are already prettier-formatted."""

from __future__ import annotations

import json
import math

import pytest
from _toolchain import eval_js, prettier_format
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.filters.node import (
    MAX_SAFE_INTEGER,
    PRINT_WIDTH,
    _width,
    node_key,
    node_path,
    node_path_const,
    node_str,
    node_value,
)

HOSTILE = [
    "",
    '"; system("rm -rf /"); "',
    "'; process.exit(1); '",
    "$(touch /tmp/x)",
    "${x}",
    "${process.exit(1)}",
    "{$x}",
    "#{x}",
    "{}",
    "`whoami`",
    "back\\slash\\",
    "\\u0041 is not A",
    "line1\nline2\r\nend",
    "tab\there",
    "nul\x00byte\x1b[31m",
    "</script><script>alert(1)</script>",
    "emoji 😀 family 👨‍👩‍👧",
    "RTL \u202eevil\u202c and \u2067isolate\u2069",
    "sep\u2028para\u2029",
    "bom\ufeff and zwj\u200d",
    "lone \ud800 surrogate",
    "C1 \x85 \x9b",
    "日本語のテキスト",
    'it\'s "quoted"',
    "''\"",
    "*/ /* // <!-- -->",
]


def test_node_str_prefers_double_quotes_like_prettier() -> None:
    assert node_str("plain") == '"plain"'
    assert node_str("it's") == '"it\'s"'
    assert node_str('say "hi"') == "'say \"hi\"'"
    assert node_str('a"b"c\'') == "'a\"b\"c\\''"


def test_node_str_escapes_breakouts() -> None:
    assert node_str('"; system("rm -rf /"); "') == '\'"; system("rm -rf /"); "\''
    assert node_str("a\\b\nc") == '"a\\\\b\\nc"'
    assert node_str("x\u2028y") == '"x\\u2028y"'
    assert node_str("\u202e") == '"\\u202e"'
    assert node_str("${x}`") == '"${x}`"'


def test_hostile_strings_round_trip_through_node() -> None:
    assert eval_js([node_str(s) for s in HOSTILE]) == HOSTILE


def test_hostile_strings_are_prettier_clean() -> None:
    source = "".join(f"const s{i} = {node_str(s)};\n" for i, s in enumerate(HOSTILE))
    assert prettier_format([source]) == [source]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(), min_size=1, max_size=30))
def test_node_str_round_trips(texts: list[str]) -> None:
    assert eval_js([node_str(t) for t in texts]) == texts


def test_node_key() -> None:
    assert node_key("model") == "model"
    assert node_key("$ref") == "$ref"
    assert node_key("ñ") == "ñ"
    assert node_key("class") == "class"
    assert node_key("Content-Type") == '"Content-Type"'
    assert node_key("1") == "1"
    assert node_key("1.5") == "1.5"
    assert node_key("01") == '"01"'
    assert node_key("1.50") == '"1.50"'
    assert node_key("9007199254740993") == '"9007199254740993"'
    assert node_key("") == '""'
    assert node_key("a\u2028") == '"a\\u2028"'
    assert node_key("__proto__") == '["__proto__"]'


def test_body_layout() -> None:
    body = {
        "model": "qwen-plus",
        "input": {
            "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Who are you?"},
            ]
        },
        "parameters": {"result_format": "message"},
        "Content-Type": "x",
    }
    assert node_value(body) == (
        "{\n"
        '  model: "qwen-plus",\n'
        "  input: {\n"
        "    messages: [\n"
        '      { role: "system", content: "You are a helpful assistant." },\n'
        '      { role: "user", content: "Who are you?" },\n'
        "    ],\n"
        "  },\n"
        '  parameters: { result_format: "message" },\n'
        '  "Content-Type": "x",\n'
        "}"
    )
    assert node_value({}) == "{}"
    assert node_value([]) == "[]"


def test_long_strings_move_below_long_keys() -> None:
    long = "x" * 75
    assert node_value({"content": long, "abc": long}) == (
        f'{{\n  content:\n    "{long}",\n  abc: "{long}",\n}}'
    )


def test_node_value_indent() -> None:
    assert node_value({"a": [1]}, 4) == "{\n      a: [1],\n    }"


def test_numbers_print_as_javascript_does() -> None:
    assert node_value(1.0) == "1"
    assert node_value(0.1) == "0.1"
    assert node_value(1e21) == "1e21"
    assert node_value(1e-7) == "1e-7"
    assert node_value(0.000001) == "0.000001"
    assert node_value(-2.5) == "-2.5"
    assert node_value(MAX_SAFE_INTEGER) == "9007199254740991"


@pytest.mark.parametrize("bad", [2**53, -(2**53), 10**30, math.inf, math.nan, -0.0])
def test_values_javascript_cannot_hold_are_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        node_value({"n": bad})


def test_proto_key_stays_an_own_property() -> None:
    value = {"__proto__": {"polluted": True}, "a": 1}
    [back] = eval_js([f"({node_value(value)})"])
    assert back == value


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    | st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda f: not (f == 0 and math.copysign(1, f) < 0)
    )
    | st.text(max_size=12)
)
json_keys = st.text(max_size=8) | st.sampled_from(
    ["a", "model", "b-c", "1", "01", "$x", "ñ", "", "__proto__", "日本"]
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(json_keys, inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(json_values, min_size=1, max_size=10))
def test_node_value_round_trips(values: list[object]) -> None:
    assert _numbers_as_floats(eval_js([f"({node_value(v)})" for v in values])) == (
        _numbers_as_floats(values)
    )


def _numbers_as_floats(value: object) -> object:
    """JSON data with every number a float: 1e16 and 10000000000000000 are the same double."""
    if isinstance(value, dict):
        return {k: _numbers_as_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers_as_floats(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


# Layout is about widths: realistic text (ASCII, accents, CJK, an escape) keeps shrinking fast.
layout_text = st.text(st.sampled_from("abcXYZ019 _-$\"'\\\néü日本語😀"), max_size=30)
layout_keys = layout_text.filter(lambda k: len(k) < 9) | st.sampled_from(["model", "1", "01"])
layout_scalars = (
    st.integers(-(10**6), 10**12)
    | st.sampled_from([0.5, 1.0, 1e-7, 2.5e21, True, None])
    | layout_text
    | st.sampled_from(["You are a helpful assistant.", "x" * 60, "日本語" * 10])
)
layout_values = st.recursive(
    layout_scalars,
    lambda inner: st.lists(inner, max_size=12) | st.dictionaries(layout_keys, inner, max_size=6),
    max_leaves=40,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.dictionaries(layout_keys, layout_values, max_size=6), min_size=1, max_size=15),
    st.integers(0, 3),
)
def test_node_value_is_prettier_stable(values: list[object], depth: int) -> None:
    """Whatever the value, prettier leaves the rendered literal exactly as it is."""
    indent = 2 * depth
    lines = []
    for i, value in enumerate(values):
        head = f"const v{i} = "
        literal = node_value(value, indent, column=indent + len(head), tail=1)
        lines.append(" " * indent + head + literal + ";")
    source = _wrap("\n".join(lines) + "\n", depth)
    assert prettier_format([source]) == [source]


def _wrap(body: str, depth: int) -> str:
    """``body`` inside ``depth`` nested blocks, so its lines sit at the given indentation."""
    if depth == 0:
        return body
    opening = "".join(" " * (2 * d) + "{\n" for d in range(depth))
    closing = "".join(" " * (2 * d) + "}\n" for d in reversed(range(depth)))
    return opening + body + closing


def test_node_path_forms() -> None:
    assert node_path(["choices", 0, "delta", "content"], "chunk") == (
        "chunk.choices?.[0]?.delta?.content"
    )
    assert node_path([0, "a-b", "class", "$x"], "e") == 'e[0]?.["a-b"]?.class?.$x'
    assert node_path(['x"y', "\u2028", "${x}"], "e") == ('e[\'x"y\']?.["\\u2028"]?.["${x}"]')
    assert node_path(["a"], "e") == "e.a"
    assert node_path([], "e") == "e"


@pytest.mark.parametrize("bad", [[-1], [True], [1.5], [None]])
def test_node_path_refuses_what_is_not_a_step(bad: list[object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        node_path(bad, "e")  # type: ignore[arg-type]


def test_node_path_root_must_be_an_identifier() -> None:
    with pytest.raises(ValueError):
        node_path(["a"], "e; process.exit(1)")


def test_node_path_const_breaks_after_the_operator() -> None:
    assert node_path_const(["output", "text"], "piece", "event", 4) == (
        "    const piece = event.output?.text;"
    )
    long = ["output", "choices", 0, "message", "content", 0, "text", "and_some_more"]
    assert node_path_const(long, "piece", "event", 4) == (
        "    const piece =\n      event.output?.choices?.[0]?.message?.content?.[0]?.text"
        "?.and_some_more;"
    )


def _nest(path: list[str | int], leaf: object) -> object:
    """The smallest JSON document holding ``leaf`` at ``path``."""
    for step in reversed(path):
        leaf = [None] * step + [leaf] if isinstance(step, int) else {step: leaf}
    return leaf


path_steps = st.lists(
    st.text(max_size=8).filter(lambda k: k not in INHERITED)
    | st.integers(0, 3)
    | st.sampled_from([*HOSTILE, "__proto__1", "1"]),
    min_size=1,
    max_size=6,
)
INHERITED = ("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf")


@pytest.mark.parametrize("name", INHERITED)
def test_node_path_refuses_names_every_object_inherits(name: str) -> None:
    """``event.__proto__`` is never undefined: such a path could not tell a missing field."""
    with pytest.raises(ValueError, match="inherited by every JavaScript object"):
        node_path(["output", name], "event")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(path_steps, min_size=1, max_size=15))
def test_node_path_reads_exactly_that_path(paths: list[list[str | int]]) -> None:
    """Parsed from JSON (as events are), the expression finds the leaf at ``path``, and an
    event without the path gives ``undefined`` (null in JSON) instead of throwing."""
    found = []
    for path in paths:
        doc = node_str(json.dumps(_nest(path, "FOUND"), ensure_ascii=False))
        found.append(f"((doc) => {node_path(path, 'doc')})(JSON.parse({doc}))")
        found.append(f"((doc) => {node_path(path, 'doc')} ?? 'MISSING')({{}})")
    assert eval_js(found) == ["FOUND", "MISSING"] * len(paths)


layout_steps = st.lists(
    layout_text.filter(lambda k: len(k) < 12) | st.integers(0, 12) | st.sampled_from(["class"]),
    min_size=1,
    max_size=8,
)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(layout_steps, min_size=1, max_size=15), st.integers(0, 3))
def test_node_path_const_is_prettier_stable(paths: list[list[str | int]], depth: int) -> None:
    """Paths that fit below the ``=`` are laid out exactly as prettier prints them."""
    indent = 2 * depth
    lines = []
    for i, path in enumerate(paths):
        text = node_path_const(path, f"v{i}", "event", indent)
        if all(_width(line) <= PRINT_WIDTH for line in text.splitlines()):
            lines.append(text)
    source = _wrap("\n".join(lines) + "\n", depth)
    assert prettier_format([source]) == [source]
