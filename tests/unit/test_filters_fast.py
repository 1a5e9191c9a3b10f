"""Fast string-level properties of every escaping filter, with pure-Python reference decoders.

The round trips through real compilers live in test_filters_<lang>.py and run a few dozen
examples; these run a thousand per filter (``SAMPLEGEN_FUZZ_EXAMPLES=N``: 100 N) against
small decoders written from each language's specification: the literal must end exactly
where the filter's output ends and decode to exactly the input.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.filters.common import json_text
from generator.render.filters.csharp import cs_comment, cs_str, cs_verbatim_json
from generator.render.filters.go import go_comment, go_raw_json, go_str
from generator.render.filters.java import java_comment, java_str
from generator.render.filters.node import node_str
from generator.render.filters.php import php_comment, php_str
from generator.render.filters.python import py_docstring, py_str, py_value
from generator.render.filters.shell import sh_json, sh_single
from tests.functional.fuzz_support import STRING_EXAMPLES, hostile_text, json_values

FAST = settings(
    max_examples=STRING_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
any_text = st.one_of(st.text(), hostile_text)  # st.text() includes lone surrogates
utf8_text = st.one_of(st.text(st.characters(exclude_categories=("Cs",))), hostile_text)
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")


def _decode_escapes(
    body: str, table: dict[str, str], hexes: dict[str, int], octal: bool = False
) -> str:
    """Decode backslash escapes: ``table`` maps the letter after ``\\`` to its character,
    ``hexes`` maps an escape letter to its fixed number of hex digits; with ``octal``,
    Java's octal escapes (``\\0`` to ``\\377``) too."""
    out, i = [], 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        letter = body[i + 1]
        if letter in table:
            out.append(table[letter])
            i += 2
        elif octal and letter in "01234567":
            digits = re.match("[0-3][0-7]{0,2}|[4-7][0-7]?", body[i + 1 :]).group()
            out.append(chr(int(digits, 8)))
            i += 1 + len(digits)
        elif letter in hexes:
            digits = body[i + 2 : i + 2 + hexes[letter]]
            assert len(digits) == hexes[letter] and re.fullmatch("[0-9a-fA-F]+", digits)
            out.append(chr(int(digits, 16)))
            i += 2 + hexes[letter]
        else:
            raise AssertionError(f"unknown escape \\{letter} in {body!r}")
    return "".join(out)


def _inside(literal: str, opening: str, quote: str) -> str:
    """The body of ``literal``, checking that no unescaped ``quote`` ends it early."""
    assert literal.startswith(opening) and literal.endswith(quote)
    body = literal[len(opening) : len(literal) - len(quote)]
    unescaped = re.sub(r"\\.", "", body, flags=re.DOTALL)
    assert quote not in unescaped, f"{literal!r} ends before its last character"
    return body


def _utf16(text: str) -> str:
    """Join UTF-16 surrogate pairs (from \\u escapes) into code points, keep lone ones."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


# -- Python: the real parser is the reference --------------------------------------------
@FAST
@given(any_text)
def test_py_str_is_one_python_literal(text: str) -> None:
    literal = py_str(text)
    tree = ast.parse(f"x = {literal}")
    assert isinstance(tree.body[0].value, ast.Constant)  # type: ignore[attr-defined]
    assert ast.literal_eval(literal) == text
    assert not LINE_BREAKS.search(literal)


@FAST
@given(any_text)
def test_py_docstring_is_one_python_literal(text: str) -> None:
    literal = py_docstring(text)
    assert ast.literal_eval(literal) == text
    assert not LINE_BREAKS.search(literal)


@settings(max_examples=STRING_EXAMPLES // 4, deadline=None)
@given(json_values())
def test_py_value_evaluates_to_the_value(value: Any) -> None:
    assert ast.literal_eval(py_value(value)) == value


# -- POSIX shell: shlex (POSIX mode) splits words as the shell does ------------------------
@FAST
@given(utf8_text.filter(lambda t: "\0" not in t))
def test_sh_single_is_one_shell_word(text: str) -> None:
    assert shlex.split(sh_single(text)) == [text]


@settings(max_examples=STRING_EXAMPLES // 4, deadline=None)
@given(json_values())
def test_sh_json_is_one_word_of_json(value: Any) -> None:
    (word,) = shlex.split(sh_json(value))
    assert json.loads(word) == value


# -- JavaScript (ECMA-262 string literals) -------------------------------------------------
@FAST
@given(any_text)
def test_node_str_decodes_to_the_text(text: str) -> None:
    literal = node_str(text)
    quote = literal[0]
    body = _inside(literal, quote, quote)
    assert not LINE_BREAKS.search(body), "a raw line terminator in a JS string literal"
    table = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", '"': '"', "'": "'"}
    assert _utf16(_decode_escapes(body, table, {"u": 4})) == _utf16(text)


# -- Go (interpreted and raw string literals) ---------------------------------------------
GO_TABLE = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}


@FAST
@given(utf8_text)
def test_go_str_decodes_to_the_text(text: str) -> None:
    literal = go_str(text)
    body = _inside(literal, '"', '"')
    assert "\n" not in body
    assert _decode_escapes(body, GO_TABLE, {"x": 2, "u": 4, "U": 8}) == text


@settings(max_examples=STRING_EXAMPLES // 4, deadline=None)
@given(json_values())
def test_go_raw_json_is_one_raw_string_of_json(value: Any) -> None:
    literal = go_raw_json(value)
    body = literal[1:-1]
    assert literal[0] == literal[-1] == "`" and "`" not in body and "\r" not in body
    assert json.loads(body) == value


# -- C# (ECMA-334 regular and verbatim string literals) -----------------------------------
CS_TABLE = {**GO_TABLE, "0": "\0"}


@FAST
@given(any_text)
def test_cs_str_decodes_to_the_text(text: str) -> None:
    literal = cs_str(text)
    body = _inside(literal, '"', '"')
    assert not LINE_BREAKS.search(body), "a raw line terminator in a C# string literal"
    decoded = _decode_escapes(body, CS_TABLE, {"u": 4, "U": 8})
    assert _utf16(decoded) == _utf16(text)


@settings(max_examples=STRING_EXAMPLES // 4, deadline=None)
@given(json_values())
def test_cs_verbatim_json_is_one_verbatim_string_of_json(value: Any) -> None:
    literal = cs_verbatim_json(value)
    assert literal.startswith('@"') and literal.endswith('"')
    body = literal[2:-1]
    assert '"' not in body.replace('""', ""), "a lone quote would end the verbatim string"
    assert json.loads(body.replace('""', '"')) == value


# -- PHP (single- and double-quoted strings) ----------------------------------------------
def _php_decode(literal: str) -> str:
    if literal[0] == "'":
        body = _inside(literal, "'", "'")
        return re.sub(r"\\([\\'])", r"\1", body)
    body = _inside(literal, '"', '"')
    assert re.search(r"(?<!\\)(?:\\\\)*\$", body) is None, "an unescaped $ interpolates"
    body = re.sub(r"\\u\{([0-9a-f]+)\}", lambda m: f"\\U{int(m.group(1), 16):08x}", body)
    table = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", "$": "$", '"': '"'}
    return _decode_escapes(body, table, {"U": 8, "x": 2})  # "?\x3e": no closing tag


@FAST
@given(utf8_text)
def test_php_str_decodes_to_the_text(text: str) -> None:
    assert _php_decode(php_str(text)) == text


# -- Java (JLS 3.3 Unicode escapes first, then 3.10.7 escape sequences) --------------------
def _java_unicode_pass(source: str) -> str:
    """JLS 3.3: ``\\uXXXX`` preceded by an even number of backslashes is translated."""
    return re.sub(
        r"(?<!\\)((?:\\\\)*)\\u+([0-9a-fA-F]{4})",
        lambda m: m.group(1) + chr(int(m.group(2), 16)),
        source,
    )


@FAST
@given(any_text)
def test_java_str_decodes_to_the_text(text: str) -> None:
    literal = java_str(text)
    assert literal.isascii() and literal.isprintable()
    translated = _java_unicode_pass(literal)
    body = _inside(translated, '"', '"')
    assert not re.search("[\n\r]", body)
    table = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
    assert _utf16(_decode_escapes(body, table, {"u": 4}, octal=True)) == _utf16(text)


# -- comments: nothing may end the comment or the line -------------------------------------
@FAST
@given(any_text)
def test_comments_cannot_end_their_line(text: str) -> None:
    for escaped in (go_comment(text), cs_comment(text), php_comment(text)):
        assert not LINE_BREAKS.search(escaped)
    assert "?>" not in php_comment(text)
    java = java_comment(text)
    assert java.isascii()
    for line in java.split("\n"):
        translated = _java_unicode_pass(line.strip())
        assert translated.startswith("//") and not re.search("[\n\r]", translated)


@settings(max_examples=STRING_EXAMPLES // 4, deadline=None)
@given(json_values())
def test_json_text_parses_back(value: Any) -> None:
    assert json.loads(json_text(value)) == value
