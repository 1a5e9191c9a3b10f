"""Node.js filters for request shapes: translated template literals print exactly the text,
and the query-key joiner percent-encodes the parameter name."""

from __future__ import annotations

import pytest
from _toolchain import eval_js, prettier_format

from generator.render.filters.node import node_assign, node_call, node_format, node_query_key

TEXTS = [
    "Saved {path} ({size} bytes)",
    "back\\slash ` ${1} $ {size}",
    "line\nbreak\r\ttab {path}",
    "中文 {size} 😀 \u2028 \x00",
    "{size}{path}",
]


def test_node_format_prints_the_text_with_the_values_filled_in() -> None:
    literals = [node_format(t, {"path": "'a.pdf'", "size": "12"}) for t in TEXTS]
    expected = [t.replace("{path}", "a.pdf").replace("{size}", "12") for t in TEXTS]
    assert eval_js(literals) == expected


def test_node_format_in_a_call_is_prettier_clean() -> None:
    sources = [
        node_call([node_format(t, {"path": "saveAs", "size": "data.length"})], "console.log") + "\n"
        for t in TEXTS
    ]
    assert prettier_format(sources) == sources


def test_node_format_refuses_a_placeholder_it_was_not_given() -> None:
    with pytest.raises(ValueError, match=r"unknown placeholder \{x\}"):
        node_format("{x}", {"path": "p"})


def test_node_query_key_joins_the_key_to_the_url() -> None:
    assert node_query_key("api_key", False) == '"?api_key="'
    assert node_query_key("api key&x", True) == '"&api%20key%26x="'


@pytest.mark.parametrize(("param", "lines"), [("key", 1), ("k" * 25, 2), ("k" * 60, 4)])
def test_node_assign_breaks_after_the_operator_as_prettier_does(param: str, lines: int) -> None:
    operands = ["pollUrl", node_query_key(param, False), "encodeURIComponent(apiKey)"]
    source = node_assign(operands, "keyedPollUrl") + "\n"
    assert prettier_format([source]) == [source]
    assert source.count("\n") == lines
