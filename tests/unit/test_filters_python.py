"""Python literals: every string and JSON value round-trips, and ruff leaves them alone."""

from __future__ import annotations

import ast
import json
import keyword
import subprocess
import sys
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.filters.python import (
    py_attrs,
    py_dashscope_api,
    py_docstring,
    py_kwargs,
    py_openai_kwargs,
    py_str,
    py_subscripts,
    py_value,
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.text())
def test_py_str_round_trips_any_text(text: str) -> None:
    assert ast.literal_eval(py_str(text)) == text


@given(json_values)
def test_py_value_round_trips_any_json(value: object) -> None:
    assert ast.literal_eval(py_value(value)) == value


@given(st.text())
def test_py_str_is_one_line_without_invisible_characters(text: str) -> None:
    literal = py_str(text)
    assert "\n" not in literal and "\r" not in literal
    assert not any(ch in literal for ch in "\u2028\u2029\u202e\ufeff\x00")


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("plain", '"plain"'),
        ('say "hi"', "'say \"hi\"'"),
        ("it's", '"it\'s"'),
        ("a\\b", '"a\\\\b"'),
        ("line\nbreak", '"line\\nbreak"'),
        ("\u202eevil", '"\\u202eevil"'),
        ('"; import os; os.system("rm -rf /"); "', '\'"; import os; os.system("rm -rf /"); "\''),
    ],
)
def test_py_str_examples(text: str, literal: str) -> None:
    assert py_str(text) == literal


def test_py_value_uses_python_keywords_for_json_constants() -> None:
    assert py_value([True, False, None]) == "[\n    True,\n    False,\n    None,\n]"


def test_py_value_refuses_non_json_floats() -> None:
    with pytest.raises(ValueError, match="not a JSON number"):
        py_value(float("nan"))


def test_py_kwargs_renders_keyword_arguments() -> None:
    assert (
        py_kwargs({"model": "qwen-plus", "n": 1}, 8) == '        model="qwen-plus",\n        n=1,'
    )


@given(st.dictionaries(st.text(), json_values, max_size=4))
def test_py_kwargs_pass_any_key_as_a_keyword_argument(value: dict) -> None:
    source = f"f(\n{py_kwargs(value)}\n)"
    call = ast.parse(source, mode="eval").body
    assert isinstance(call, ast.Call) and not call.args
    passed = {}
    for kw in call.keywords:
        if kw.arg is None:  # **{...}
            passed.update(ast.literal_eval(kw.value))
        else:
            passed[kw.arg] = ast.literal_eval(kw.value)
    assert passed == value


def test_py_kwargs_puts_other_keys_in_a_dict() -> None:
    assert py_kwargs({"n": 1, "class": 2, "a-b": 3}, 4) == (
        '    n=1,\n    **{\n        "class": 2,\n        "a-b": 3,\n    },'
    )


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.text(min_size=1), json_values, max_size=4))
def test_rendered_literals_are_already_ruff_formatted(value: dict) -> None:
    source = f"body = {py_value(value)}\n"
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == source
    assert json.dumps(ast.literal_eval(source[len("body = ") :])) == json.dumps(value)


@given(st.text())
def test_py_docstring_round_trips_and_cannot_be_closed_early(text: str) -> None:
    literal = py_docstring(text)
    assert ast.literal_eval(literal) == text
    assert "\n" not in literal


def test_py_openai_kwargs_sends_unknown_fields_in_extra_body() -> None:
    body = {"model": "qwen-plus", "enable_thinking": False, "my-key": 1}
    assert py_openai_kwargs(body, 4) == (
        '    model="qwen-plus",\n    extra_body={\n        "enable_thinking": False,\n'
        '        "my-key": 1,\n    },'
    )


json_paths = st.lists(st.text() | st.integers(min_value=0, max_value=3), max_size=6)


def nest(path: list[str | int], leaf: object) -> object:
    """A JSON document holding ``leaf`` at ``path`` (other list slots are None)."""
    for part in reversed(path):
        leaf = [None] * part + [leaf] if isinstance(part, int) else {part: leaf}
    return leaf


@given(json_paths)
def test_py_subscripts_reach_the_value_whatever_the_keys(path: list[str | int]) -> None:
    accessor = py_subscripts(path)
    assert "\n" not in accessor and "\r" not in accessor
    document = nest(path, "piece")
    # The accessor is Python source; evaluate it the way the sample runs it.
    assert eval(f"document{accessor}", {"document": document}) == "piece"


def test_py_subscripts_examples() -> None:
    assert py_subscripts(["choices", 0, "delta", "content"]) == '["choices"][0]["delta"]["content"]'
    assert py_subscripts(['a"]; import os; x["']) == "['a\"]; import os; x[\"']"
    assert py_subscripts([]) == ""


def test_py_subscripts_and_attrs_refuse_non_path_parts() -> None:
    for bad in (True, 1.5, None):
        with pytest.raises(TypeError):
            py_subscripts(["a", bad])
        with pytest.raises(TypeError):
            py_attrs(["a", bad])


identifiers = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(
    lambda k: not keyword.iskeyword(k)
)


def nest_objects(path: list[str | int], leaf: object) -> object:
    """SDK-like objects: attributes for keys, lists for indexes."""
    for part in reversed(path):
        leaf = [None] * part + [leaf] if isinstance(part, int) else SimpleNamespace(**{part: leaf})
    return leaf


@given(st.lists(identifiers | st.integers(min_value=0, max_value=3), max_size=6))
def test_py_attrs_reach_the_value_on_sdk_objects(path: list[str | int]) -> None:
    accessor = py_attrs(path)
    response = nest_objects(path, "piece")
    assert eval(f"response{accessor}", {"response": response}) == "piece"


def test_py_attrs_examples_and_refusals() -> None:
    assert py_attrs(["choices", 0, "delta", "content"]) == ".choices[0].delta.content"
    for key in ("class", "with space", "a.b", "x()", "", "é"):
        with pytest.raises(ValueError, match="cannot be an attribute"):
            py_attrs([key])


def test_py_dashscope_api_names_the_sdk_class_per_operation() -> None:
    assert py_dashscope_api("text-generation") == "Generation"
    assert py_dashscope_api("multimodal-generation") == "MultiModalConversation"
    with pytest.raises(ValueError, match="no API for 'chat-completions'"):
        py_dashscope_api("chat-completions")
