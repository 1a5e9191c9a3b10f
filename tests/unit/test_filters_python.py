"""Python literals: every string and JSON value round-trips, and ruff leaves them alone."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.filters.python import (
    py_docstring,
    py_kwargs,
    py_openai_kwargs,
    py_str,
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
