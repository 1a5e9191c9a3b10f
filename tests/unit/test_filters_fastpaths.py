"""Every escaping filter's fast path gives exactly what its one-character-at-a-time path gives.

The filters check the common case first (printable ASCII, or no unsafe character) and
escape it with a few ``str.replace`` calls; everything else takes the original path, now
kept as a ``_..._chars`` function. These properties hold both to the same bytes on text
that takes the fast paths (plain and quote-heavy ASCII, CJK and emoji between ASCII) and
on any text at all, so a fast path can never change a sample.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.filters import common, csharp, go, java, node, php, python
from tests.functional.fuzz_support import STRING_EXAMPLES, hostile_text, json_values

FAST = settings(
    max_examples=STRING_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PRINTABLE_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
# Text that takes the fast paths: printable ASCII rich in the characters that do get escaped,
# and the same with non-ASCII letters (accents, CJK, an astral emoji) between them.
ascii_text = st.lists(st.sampled_from([*PRINTABLE_ASCII, "\\", '"', "'", "\\t", "?>"])).map("".join)
mixed_text = st.lists(
    st.sampled_from([*PRINTABLE_ASCII, "\\", '"', "é", "日本", "语", "\U0001f642"])
).map("".join)
any_text = st.one_of(ascii_text, mixed_text, st.text(), hostile_text)


def _same(fast: Any, slow: Any, text: str) -> None:
    """``fast(text)`` and ``slow(text)`` return the same string or raise the same error."""
    try:
        expected = slow(text)
    except ValueError as err:
        with pytest.raises(type(err)):
            fast(text)
        return
    assert fast(text) == expected


@FAST
@given(any_text)
def test_go_str_fast_path_matches_the_character_loop(text: str) -> None:
    _same(go.go_str, go._go_str_chars, text)


@FAST
@given(any_text)
def test_cs_str_fast_path_matches_the_character_loop(text: str) -> None:
    _same(csharp.cs_str, csharp._cs_str_chars, text)


@FAST
@given(any_text)
def test_node_str_fast_path_matches_the_character_loop(text: str) -> None:
    quote = "'" if text.count('"') > text.count("'") else '"'
    _same(node.node_str, lambda t: node._node_str_chars(t, quote), text)


@FAST
@given(any_text.filter(bool))
def test_es5_identifier_fast_path_matches_the_character_loop(key: str) -> None:
    assert node._is_es5_identifier(key) == node._is_es5_identifier_chars(key)


@FAST
@given(any_text)
def test_py_str_fast_path_matches_the_regex(text: str) -> None:
    quote = "'" if text.count('"') > text.count("'") else '"'
    _same(python.py_str, lambda t: python._py_str_chars(t, quote), text)


@FAST
@given(any_text)
def test_py_docstring_fast_path_matches_the_character_loop(text: str) -> None:
    _same(python.py_docstring, python._py_docstring_chars, text)


@FAST
@given(any_text)
def test_php_str_fast_path_matches_the_general_path(text: str) -> None:
    _same(php.php_str, php._php_str_chars, text)


@FAST
@given(any_text)
def test_java_str_fast_paths_match_the_character_loop(text: str) -> None:
    _same(java.java_str, java._java_str_chars, text)


@FAST
@given(any_text)
def test_java_comment_text_fast_paths_match_the_character_loop(text: str) -> None:
    _same(java._comment_text, java._comment_text_chars, text)


@FAST
@given(any_text, st.sampled_from(["", "\n", "\t\n"]))
def test_escape_unsafe_fast_path_matches_the_regex(text: str, keep: str) -> None:
    def by_regex(t: str) -> str:
        return common._UNSAFE.sub(
            lambda m: m.group() if m.group() in keep else f"\\u{ord(m.group()):04x}", t
        )

    _same(lambda t: common.escape_unsafe(t, keep=keep), by_regex, text)


@FAST
@given(json_values(), st.sampled_from([None, 0, 1, 2, 4]))
def test_json_text_matches_json_dumps(value: Any, indent: int | None) -> None:
    separators = (",", ": ") if indent is not None else (",", ":")
    dumped = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    assert common.json_text(value, indent) == common._UNSAFE.sub(
        lambda m: m.group() if m.group() == "\n" else f"\\u{ord(m.group()):04x}", dumped
    )


@pytest.mark.parametrize(
    "value",
    [
        {1: "int key"},  # json.dumps turns non-string keys into strings
        {"nan": float("nan"), "inf": [float("inf"), float("-inf")]},
        (1, ("tuple", [])),
        {"deep": [[[[{"x": True, "y": False, "z": None}]]]]},
        "\u2028\x7f\x85 unsafe",
    ],
)
def test_indented_json_matches_json_dumps_on_edge_values(value: Any) -> None:
    for indent in (0, 2, 3):
        assert common._indented_json(value, indent) == json.dumps(
            value, ensure_ascii=False, indent=indent, separators=(",", ": ")
        )


def _pieces_by_character(body: str) -> list[str]:
    """java_string_pieces as it was written first, one index at a time (the reference)."""
    pieces: list[str] = []
    start = idx = 0
    while idx < len(body):
        if body[idx] == " " or body.startswith("\\t", idx):
            pass
        elif java._escaped_newline(body, idx):
            while length := java._escaped_newline(body, idx):
                idx += length
        else:
            idx += 1
            continue
        pieces.append(body[start:idx])
        start = idx
        idx += 1
    if start < len(body):
        pieces.append(body[start:])
    return pieces


literal_bodies = st.lists(st.sampled_from(["a", "bc", " ", "\\t", "\\n", "\\r", "\\\\", "\\", "é"]))


@FAST
@given(literal_bodies.map("".join))
def test_java_string_pieces_skipping_matches_the_index_loop(body: str) -> None:
    assert java.java_string_pieces(body) == _pieces_by_character(body)


@FAST
@given(any_text)
def test_node_width_memo_matches_the_character_loop(text: str) -> None:
    # ASCII text was always measured by its length (prettier counts controls there too)
    assert node._width(text) == (len(text) if text.isascii() else node._width_chars(text))
    assert node._width(text) == node._width(text)  # a second, memoised call agrees
