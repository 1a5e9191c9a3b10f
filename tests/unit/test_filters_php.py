"""PHP filters: literals evaluate back to the exact value, never interpolate, keep JSON types."""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pytest
from _toolchain import eval_php, need, run
from _wire import header_lines, raw_server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.filters.php import (
    php_comment,
    php_header,
    php_header_limit,
    php_int_limit,
    php_keyed,
    php_path,
    php_str,
    php_value,
)

HOSTILE = [
    "",
    '"; system("rm -rf /"); "',
    "'; system('id'); '",
    "$(touch /tmp/x)",
    "$x",
    "${x}",
    "{$x}",
    "{$x->y}",
    "#{x}",
    "{}",
    "`whoami`",
    "back\\slash\\",
    "trailing backslash \\",
    "\\' escaped quote",
    "\\u{41} \\x41 \\101 \\$x",
    "line1\nline2\r\nend",
    "tab\there",
    "nul\x00byte\x1b[31m",
    "</script><?php echo 1; ?>",
    "emoji 😀 family 👨‍👩‍👧",
    "RTL \u202eevil\u202c and \u2067isolate\u2069",
    "sep\u2028para\u2029",
    "bom\ufeff",
    "C1 \x85 \x9b",
    "日本語のテキスト",
    'it\'s "quoted"',
]
PHP_VARS = "$x = 'INTERPOLATED'; "  # any interpolation would show up in the values


def _strings(values: list[str]) -> list[str]:
    return [json.loads(encoded) for encoded, _shape in eval_php([php_str(v) for v in values])]


def test_php_str_forms() -> None:
    assert php_str("plain $x") == "'plain $x'"
    assert php_str("it's \\") == "'it\\'s \\\\'"
    assert php_str("a\nb $x {$x}") == '"a\\nb \\$x {\\$x}"'
    assert php_str("\u202e") == '"\\u{202e}"'
    assert php_str('q"\\') == "'q\"\\\\'"


def test_hostile_strings_round_trip_through_php() -> None:
    assert _strings(HOSTILE) == HOSTILE


def test_dollar_never_interpolates_even_with_defined_variables() -> None:
    literals = [php_str(s) for s in ("${x}", "{$x}", "$x", "a\n$x")]
    source = "(function () { " + PHP_VARS + "return [" + ", ".join(literals) + "]; })()"
    [(encoded, _shape)] = eval_php([source])
    assert json.loads(encoded) == ["${x}", "{$x}", "$x", "a\n$x"]


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ValueError):
        php_str("a\ud800")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(), min_size=1, max_size=30))
def test_php_str_round_trips(texts: list[str]) -> None:
    assert _strings(texts) == texts


def test_value_layout() -> None:
    assert php_value({"model": "qwen-plus", "input": {"messages": [{"role": "user"}]}}) == (
        "[\n"
        "    'model' => 'qwen-plus',\n"
        "    'input' => [\n"
        "        'messages' => [\n"
        "            [\n"
        "                'role' => 'user',\n"
        "            ],\n"
        "        ],\n"
        "    ],\n"
        "]"
    )
    assert php_value([], 4) == "[]"
    assert php_value({}) == "new \\stdClass()"


def test_types_survive_json_encode() -> None:
    values = [{}, {"a": {}}, [], 1.0, 2, -0.0, 1e-05, 1e300, {"0": 1, "1": 2}, {"1": "x"}, None]
    results = eval_php([php_value(v) for v in values])
    assert [json.loads(encoded) for encoded, _ in results] == values
    assert [encoded for encoded, _ in results][:6] == ["{}", '{"a":{}}', "[]", "1.0", "2", "-0.0"]
    assert results[3][1] == "double" and results[4][1] == "integer"


@pytest.mark.parametrize("bad", [2**63, -(2**63) - 1, math.inf, math.nan])
def test_values_php_cannot_hold_are_refused(bad: float) -> None:
    with pytest.raises(ValueError):
        php_value({"n": bad})


def test_int_extremes() -> None:
    results = eval_php([php_value(v) for v in (2**63 - 1, -(2**63))])
    assert [(json.loads(e), shape) for e, shape in results] == [
        (2**63 - 1, "integer"),
        (-(2**63), "integer"),
    ]


json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=6) | st.sampled_from(["0", "1", "-1", "01"]), inner)
    ),
    max_leaves=20,
)


def _typed(value: object) -> object:
    """JSON data with its number types made visible: 1.0 and 1 differ."""
    if isinstance(value, dict):
        return ("object", {k: _typed(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float):
        return ("float", value, math.copysign(1, value))
    return value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(json_values, min_size=1, max_size=10))
def test_php_value_round_trips_with_types(values: list[object]) -> None:
    """What json_encode sends is the spec's JSON: same values, floats stay floats, {} stays {}."""
    results = eval_php([php_value(v, 4) for v in values])
    assert [_typed(json.loads(encoded)) for encoded, _ in results] == [_typed(v) for v in values]


@pytest.mark.parametrize(
    "title", ["Title ?> <?php echo 'x';", "line\nbreak", "cr\rlf\u2028", "?>?>", "plain"]
)
def test_php_comment_stays_a_comment(title: str) -> None:
    """Whatever the text, a ``//`` comment line holding it leaves the program unchanged."""
    [(encoded, _shape)] = eval_php([f"(function () {{\n// {php_comment(title)}\nreturn 7;\n}})()"])
    assert encoded == "7"
    assert "?>" not in php_comment(title) and "\n" not in php_comment(title)


def test_php_path_forms() -> None:
    assert php_path(["choices", 0, "delta", "content"], "event") == (
        "$event['choices'][0]['delta']['content']"
    )
    assert php_path(["$x", "{$x}", "a\nb"], "e") == "$e['$x']['{$x}'][\"a\\nb\"]"
    assert php_path([], "e") == "$e"


@pytest.mark.parametrize("bad", [[-1], [True], [1.5], [None]])
def test_php_path_refuses_what_is_not_a_step(bad: list[object]) -> None:
    with pytest.raises((TypeError, ValueError)):
        php_path(bad, "e")  # type: ignore[arg-type]


def test_php_path_root_must_be_an_identifier() -> None:
    with pytest.raises(ValueError):
        php_path(["a"], "e; exit(1)")


def _nest(path: list[str | int], leaf: object) -> object:
    """The smallest JSON document holding ``leaf`` at ``path``."""
    for step in reversed(path):
        leaf = [None] * step + [leaf] if isinstance(step, int) else {step: leaf}
    return leaf


path_steps = st.lists(
    st.text(max_size=8) | st.integers(0, 3) | st.sampled_from([*HOSTILE, "0", "1", "01", "-1"]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(path_steps, min_size=1, max_size=15))
def test_php_path_reads_exactly_that_path(paths: list[list[str | int]]) -> None:
    """Decoded as events are (``json_decode`` to arrays, where "1" becomes the key 1), the
    expression finds the leaf at ``path``; with ``??`` a missing path gives the default."""
    found = []
    for path in paths:
        doc = php_str(json.dumps(_nest(path, "FOUND")))
        read = php_path(path, "doc")
        found.append(f"(function () {{ $doc = json_decode({doc}, true); return {read}; }})()")
        found.append(f"(function () {{ $doc = []; return {read} ?? 'MISSING'; }})()")
    results = [json.loads(encoded) for encoded, _shape in eval_php(found)]
    assert results == ["FOUND", "MISSING"] * len(paths)


def test_php_str_never_writes_the_closing_tag() -> None:
    texts = ['<?xml version="1.0"?>\n<a/>', "??>", "?>", "a?>b", "?", ">"]
    literals = [php_str(t) for t in texts]
    assert not any("?>" in literal for literal in literals)
    assert literals[-2:] == ["'?'", "'>'"]
    assert _strings(texts) == texts


# -- headers: what CURLOPT_HTTPHEADER makes curl send --------------------------------------


def test_php_header_forms() -> None:
    assert php_header("X-Note", "it's $x") == "'X-Note: it\\'s $x'"
    assert php_header("X-Empty", "") == "'X-Empty;'"
    assert php_header("X-Pad", " a ") == "'X-Pad:  a '"


def test_php_keyed_forms() -> None:
    assert php_keyed("Authorization: Bearer ") == "'Authorization: Bearer ' . $apiKey"
    assert php_keyed("Cookie: session=", "; lang=en") == (
        "'Cookie: session=' . $apiKey . '; lang=en'"
    )
    with pytest.raises(ValueError):
        php_keyed("X: ", "", "apiKey; exit(1)")


def test_php_int_limit_finds_what_php_cannot_hold() -> None:
    assert php_int_limit({"a": [1, {"b": 2**63 - 1}], "c": True}) is None
    assert php_int_limit({"a": [1, {"b": 2**63}]}) == 2**63
    assert php_int_limit([-(2**63) - 1]) == -(2**63) - 1
    assert php_int_limit(1e300) is None


header_values = st.text(st.sampled_from([" ", "\t", "a", "Z", "0", '"', "'", "$", "\\", ";", ":"]))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(header_values, min_size=1, max_size=12))
def test_php_header_reaches_the_wire_exactly(values: list[str]) -> None:
    """Through the real curl extension: each header line is ``Name: value`` as written
    (``Name:`` for an empty value), and the values php_header_limit names are the ones curl
    really drops."""
    php = need("php")
    names = [f"X-V{n}" for n in range(len(values))]
    entries = ", ".join(php_header(name, value) for name, value in zip(names, values, strict=True))
    script = (
        "<?php\n$ch = curl_init($argv[1]);\n"
        f"curl_setopt_array($ch, [CURLOPT_HTTPHEADER => [{entries}], "
        "CURLOPT_RETURNTRANSFER => true]);\n"
        "if (curl_exec($ch) === false) { fwrite(STDERR, curl_error($ch)); exit(1); }\n"
    )
    with tempfile.TemporaryDirectory() as tmp, raw_server() as (url, seen):
        path = Path(tmp) / "send.php"
        path.write_text(script, "utf-8")
        run([php, str(path), url + "/h"])
    lines = header_lines(seen[0])
    for name, value in zip(names, values, strict=True):
        sent = [line for line in lines if line.lower().startswith(name.lower().encode() + b":")]
        if php_header_limit(name, value) is not None:
            assert sent == [], (name, value)
        else:
            assert sent == [f"{name}:{' ' if value else ''}{value}".encode()], (name, value)
