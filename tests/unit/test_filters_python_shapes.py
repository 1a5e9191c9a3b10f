"""Python filters for request shapes: calls, tuples, assignments and translated f-strings come
out exactly as ruff format leaves them, and f-strings print exactly the translated text."""

from __future__ import annotations

import keyword
import subprocess
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Parameter
from generator.render.filters.python import (
    py_assign,
    py_call,
    py_format,
    py_index_guard,
    py_openai_kwargs,
    py_param_dict,
    py_sdk_value,
    py_str,
    py_tuple,
    py_tuple_expr,
)

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
# Placeholder-free text with braces, quotes and backslashes (what py_format must escape).
_PLAIN = _TEXT.filter(lambda t: "{" not in t or "}" not in t)


def _ruff_format(source: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@given(_PLAIN, _PLAIN, st.integers(0, 10**6))
def test_py_format_prints_the_text_with_the_values_filled_in(
    before: str, after: str, size: int
) -> None:
    message = before.replace("{", "").replace("}", "") + "{size}" + after
    expected = message.replace("{size}", str(size), 1)
    code = py_format(message, {"size": "size"})
    assert eval(code, {}, {"size": size}) == expected


def test_py_format_keeps_quotes_and_braces_as_text() -> None:
    assert py_format("Saved {path} ({size} bytes)", {"path": "P", "size": "len(d)"}) == (
        'f"Saved {P} ({len(d)} bytes)"'
    )
    assert py_format('say "{x}" {', {"x": "X"}) == "f'say \"{X}\" {{'"
    assert eval(py_format("a\\b\n{x}\t'\"", {"x": "1"})) == "a\\b\n1\t'\""


def test_py_format_refuses_a_placeholder_it_was_not_given() -> None:
    with pytest.raises(ValueError, match=r"unknown placeholder \{secret\}"):
        py_format("{secret}", {"path": "P"})


# Python names: lower-case words that are not keywords (``requests.as(...)`` or ``if=x``
# is not Python, and py_call is given Python expressions; hypothesis drew ``as`` once).
_NAMES = st.from_regex(r"[a-z]{1,30}", fullmatch=True).filter(lambda s: not keyword.iskeyword(s))
_ARGS = st.lists(
    st.tuples(_NAMES.filter(lambda s: len(s) <= 12), _NAMES.filter(lambda s: len(s) <= 20)).map(
        "=".join
    ),
    max_size=8,
)


@settings(max_examples=20, deadline=None)
@given(_ARGS, st.integers(0, 3), _NAMES)
def test_py_call_is_already_ruff_formatted(args: list[str], depth: int, name: str) -> None:
    indent = 4 * depth
    call = py_call(["URL", *args], f"response = requests.{name}", indent)
    source = "".join(f"{' ' * 4 * i}if x:\n" for i in range(depth)) + call + "\n"
    assert _ruff_format(source) == source


@settings(max_examples=20, deadline=None)
@given(
    st.from_regex(r"[a-z.]{1,60}", fullmatch=True), st.from_regex(r"[a-z/]{1,40}", fullmatch=True)
)
def test_upload_tuples_and_assignments_are_already_ruff_formatted(path: str, kind: str) -> None:
    part = py_tuple_expr(['"file"', [py_str(path), f"read({py_str(path)})", py_str(kind)]], 4)
    keyword = py_tuple_expr([py_str(path), "content", py_str(kind)], 4, ",", "file=")
    source = f"files = [\n{part}\n]\ncall(\n{keyword}\n)\n{py_assign(py_str(path * 2), 'URL')}\n"
    assert _ruff_format(source) == source


def test_py_tuple_writes_one_line_tuples() -> None:
    assert py_tuple(["SUCCEEDED"]) == '("SUCCEEDED",)'
    assert py_tuple(["FAILED", "it's"]) == '("FAILED", "it\'s")'


def test_py_index_guard_protects_every_list_index() -> None:
    assert py_index_guard(["choices", 0, "delta", "content"], "chunk") == "chunk.choices"
    assert py_index_guard(["a", 2, "b", 0], "r") == "len(r.a) > 2 and r.a[2].b"
    assert py_index_guard(["text"], "r") == "True"
    empty = SimpleNamespace(choices=[])
    full = SimpleNamespace(choices=[SimpleNamespace(delta=SimpleNamespace(content="x"))])
    guard = py_index_guard(["choices", 0, "delta", "content"], "chunk")
    assert not eval(guard, {}, {"chunk": empty})
    assert eval(guard, {}, {"chunk": full})


def test_py_sdk_value_uses_to_dict_when_a_key_is_no_attribute() -> None:
    assert py_sdk_value(["data", 0, "embedding"], "result") == "result.data[0].embedding"
    assert py_sdk_value(["a-b", 0], "result") == 'result.to_dict()["a-b"][0]'


def test_openai_arguments_per_operation() -> None:
    assert py_openai_kwargs({"model": "m", "input": "x", "top": 1}, 4, "embeddings") == (
        '    model="m",\n    input="x",\n    extra_body={\n        "top": 1,\n    },'
    )
    listed = py_param_dict([Parameter("limit", "query", 10), Parameter("x-y", "query", "z")])
    assert listed == {"limit": 10, "x-y": "z"}
    assert py_openai_kwargs(listed, 4, "files.list") == (
        '    limit=10,\n    extra_query={\n        "x-y": "z",\n    },'
    )
