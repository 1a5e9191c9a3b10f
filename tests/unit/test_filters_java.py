"""Java literals: the Java compiler reads back exactly what java_str and java_json_block got."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.filters.java import (
    java_assign,
    java_chain,
    java_comment,
    java_json_block,
    java_method,
    java_openai_add_message,
    java_str,
    java_value,
)

EXAMPLES = int(os.environ.get("SAMPLEGEN_COMPILER_EXAMPLES", "8"))

needs_java = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="SKIPPED: no JDK on PATH; install Debian's openjdk-17-jdk-headless",
)

HOSTILE = [
    '"; System.exit(1); "',
    "\\u0022; System.exit(2); //",
    "\\\\u0022 \\\\\\u0022",
    "\\u000a System.exit(3);",
    "*/ System.exit(4); /*",
    '"""',
    '""" + System.exit(5) + """',
    'quote " and \\" and \\\\"',
    "back\\slash\\",
    "line\nbreak\r\nand\ttab\rcr",
    "trailing spaces   \n   leading",
    "emoji 😀 👩‍👩‍👧",
    "RTL \u202e evil \u202c and עברית العربية",
    "separators \u2028 \u2029 \u0085",
    "NUL \x00 BEL \x07 ESC \x1b DEL \x7f octal-ish \x001 \x0012",
    "BOM \ufeff ZWJ \u200d nbsp \u00a0 em-space \u2003",
    "$HOME ${HOME} #{x} {0} {{x}} %s %n `tick`",
    "\\s \\b \\ \\\n",
    "",
]

# Any code point, lone surrogates included: a Java String is UTF-16 code units.
java_text = st.text(st.characters(), max_size=40)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), inner)
    ),
    max_leaves=12,
)


def utf16_units(text: str) -> list[int]:
    """The UTF-16 code units Java stores for ``text``."""
    data = text.encode("utf-16-be", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def java_strings(literals: list[str], preamble: str = "") -> list[list[int]]:
    """Compile and run one Java file holding ``literals``; each value's UTF-16 code units.

    Runs under ``LC_ALL=C`` (the source must be pure ASCII to compile unchanged) and
    fails on any compiler or JVM output on stderr.
    """
    body = "".join(f"    {lit},\n" for lit in literals)
    source = (
        f"{preamble}"
        "public class Eval {\n"
        "  static final String[] VALUES = {\n" + body + "  };\n\n"
        "  public static void main(String[] args) {\n"
        "    StringBuilder out = new StringBuilder();\n"
        "    for (String value : VALUES) {\n"
        "      for (int i = 0; i < value.length(); i++) {\n"
        '        out.append(i == 0 ? "" : " ").append((int) value.charAt(i));\n'
        "      }\n"
        '      out.append("\\n");\n'
        "    }\n"
        "    System.out.print(out);\n"
        "  }\n"
        "}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Eval.java"
        path.write_text(source, "utf-8")
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        env.pop("JAVA_TOOL_OPTIONS", None)
        proc = subprocess.run(
            ["java", str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    if proc.returncode != 0 or proc.stderr:
        pytest.fail(f"java exited {proc.returncode}\n{proc.stderr}\n--- source ---\n{source}")
    lines = proc.stdout.split("\n")[:-1]
    assert len(lines) == len(literals), proc.stdout
    return [[int(n) for n in line.split()] for line in lines]


def assert_ascii(source: str) -> None:
    """Generated Java is pure ASCII, without control characters other than newline."""
    assert all(0x20 <= ord(c) < 0x7F or c == "\n" for c in source), repr(source)


# -- java_str -------------------------------------------------------------------------


@needs_java
def test_java_str_hostile_values_round_trip() -> None:
    literals = [java_str(text) for text in HOSTILE]
    for lit in literals:
        assert_ascii(lit)
        assert "\n" not in lit
    assert java_strings(literals) == [utf16_units(text) for text in HOSTILE]


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(java_text, min_size=1, max_size=40))
def test_java_str_round_trips_through_the_compiler(texts: list[str]) -> None:
    literals = [java_str(text) for text in texts]
    assert java_strings(literals) == [utf16_units(text) for text in texts]


@given(java_text)
def test_java_str_is_one_ascii_line_with_no_unicode_escape_below_0x80(text: str) -> None:
    lit = java_str(text)
    assert_ascii(lit)
    assert lit.startswith('"') and lit.endswith('"')
    # Every \u escape the filter writes decodes to a code point that cannot end a literal.
    i = 0
    while i < len(lit):
        if lit[i] == "\\":
            if lit[i + 1] == "u":
                assert int(lit[i + 2 : i + 6], 16) >= 0x80
                i += 6
                continue
            i += 2
            continue
        i += 1


def test_java_str_known_forms() -> None:
    assert java_str('a"b\\c') == '"a\\"b\\\\c"'
    assert java_str("\x00" + "1") == '"\\0001"'
    assert java_str("é😀") == '"\\u00e9\\ud83d\\ude00"'
    assert java_str("\\u0022") == '"\\\\u0022"'
    with pytest.raises(ValueError, match="expected a string"):
        java_str(["not", "a", "string"])  # type: ignore[arg-type]


# -- java_json_block ------------------------------------------------------------------


def _decode(units: list[int]) -> str:
    return b"".join(u.to_bytes(2, "big") for u in units).decode("utf-16-be")


@needs_java
def test_java_json_block_hostile_values_round_trip() -> None:
    values: list[Any] = [
        {"content": text, text: [text, 1, 2.5, None, True]} for text in HOSTILE if text
    ]
    values += [HOSTILE, "", {}, [], {"": ""}, ['""', '"""', '\\"""'], 9007199254740993]
    blocks = [java_json_block(v, 6) for v in values]
    for block in blocks:
        assert_ascii(block)
    decoded = [_decode(units) for units in java_strings(blocks)]
    assert [json.loads(text) for text in decoded] == values
    assert all(text.endswith("\n") for text in decoded)


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=25))
def test_java_json_block_round_trips_through_the_compiler(values: list[Any]) -> None:
    blocks = [java_json_block(v) for v in values]
    decoded = [_decode(units) for units in java_strings(blocks)]
    assert [json.loads(text) for text in decoded] == values


@given(json_values)
def test_java_json_block_shape(value: Any) -> None:
    block = java_json_block(value, 4)
    assert_ascii(block)
    lines = block.split("\n")
    assert lines[0] == '"""' and lines[-1] == '    """'
    body = block[3:-3]
    assert '"""' not in body
    for line in lines[1:-1]:
        assert line.startswith("    ") and line == line.rstrip()


# -- java_comment ---------------------------------------------------------------------


@needs_java
def test_java_comment_cannot_break_out() -> None:
    comments = "".join(java_comment(text, 0) + "\n" for text in HOSTILE)
    for text in HOSTILE:
        assert_ascii(java_comment(text))
    # A comment that escaped would add code, break the compile or change the values.
    assert java_strings(['"a"', '"b"'], preamble=comments) == [[97], [98]]


def test_java_comment_wraps_like_google_java_format() -> None:
    words = "word " * 30
    text = java_comment(words.strip(), 4)
    lines = text.split("\n")
    assert all(len(line) + 4 <= 100 for line in lines[:1])
    assert all(line.startswith("    // ") for line in lines[1:])
    assert all(len(line) <= 100 for line in lines[1:])
    assert " ".join(line.strip()[3:] for line in lines) == words.strip()
    # A word longer than the line is left alone, as the formatter does.
    assert java_comment("x" * 120) == "// " + "x" * 120


# -- small helpers --------------------------------------------------------------------


def test_java_value() -> None:
    assert java_value("a") == '"a"'
    assert java_value(True) == "true"
    assert java_value(42) == "42"
    assert java_value(2**40) == f"{2**40}L"
    assert java_value(0.5) == "0.5"
    assert java_value(1e-07) == "1e-07"
    with pytest.raises(ValueError):
        java_value(2**64)
    with pytest.raises(ValueError):
        java_value({"a": 1})


def test_java_method() -> None:
    assert java_method("max_tokens") == "maxTokens"
    assert java_method("result_format") == "resultFormat"
    assert java_method("model") == "model"
    for bad in ("x); System.exit(1", "a-b", "", "class", "__"):
        with pytest.raises(ValueError):
            java_method(bad)


def test_java_openai_add_message() -> None:
    assert java_openai_add_message("user") == "addUserMessage"
    with pytest.raises(ValueError, match="tool"):
        java_openai_add_message("tool")


def test_java_assign_and_chain_break_at_100_columns() -> None:
    short = java_assign("String URL", '"u"', 2)
    assert short == 'String URL = "u";'
    long_lit = '"' + "u" * 90 + '"'
    assert java_assign("String URL", long_lit, 2) == f"String URL =\n      {long_lit};"
    calls = [".a()", ".b()"]
    assert java_chain("X.builder()", calls, 20, ",") == "X.builder().a().b(),"
    wide = [".content(" + long_lit + ")", ".build()"]
    assert java_chain("X.builder()", wide, 20, ",") == (
        "X.builder()\n" + "".join(f"{' ' * 24}{c}\n" for c in wide).rstrip("\n") + ","
    )
