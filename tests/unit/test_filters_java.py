"""Java literals: the Java compiler reads back exactly what java_str and java_json_block got."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_gates_java import gjf_changed

from generator.render.filters.java import (
    LINE_LIMIT,
    java_assign,
    java_call,
    java_chain,
    java_comment,
    java_concat,
    java_dashscope_content,
    java_json_block,
    java_json_str,
    java_keyed,
    java_method,
    java_openai_add_message,
    java_openai_extra_body,
    java_openai_message,
    java_openai_uses_parts,
    java_reflow,
    java_str,
    java_string_pieces,
    java_uri,
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
    "\\t \\n \\r \\\\t \\\\\\n \\\t \\134 \\u005c",
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


def java_strings(literals: list[str], preamble: str = "", postamble: str = "") -> list[list[int]]:
    """Compile and run one Java file holding ``literals``; each value's UTF-16 code units.

    ``preamble`` goes before the class (imports, comments), ``postamble`` after it (helper
    classes: the source launcher runs the first class in the file).

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
        f"{postamble}"
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
    # A backslash before t, n or r is octal: gjf would split "\\t" before its "\t".
    assert java_str("\\t\\n\\r\\x") == '"\\134t\\134n\\134r\\\\x"'
    assert java_str("\\\\t\\\t") == '"\\\\\\134t\\\\\\t"'
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


# -- content parts (DashScope maps, OpenAI typed parts) -------------------------------

# Stand-ins for the SDK calls the filters emit: each returns its arguments as one String
# (every text prefixed by its length as one UTF-16 unit), so the test reads back exactly
# what the compiled literals hold.
PARTS_IMPORTS = "import java.util.List;\nimport java.util.Map;\n\n"
PARTS_CLASS = """
class Parts {
  static String unit(String text) {
    return (char) text.length() + text;
  }

  String content(List<Map<String, Object>> parts) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> part : parts) {
      for (Map.Entry<String, Object> entry : part.entrySet()) {
        out.append(unit(entry.getKey())).append(unit((String) entry.getValue()));
      }
    }
    return out.toString();
  }

  String addUserMessageOfArrayOfContentParts(List<String> parts) {
    return String.join("", parts);
  }

  String addUserMessage(String text) {
    return unit("T") + unit(text);
  }

  static String imagePart(String url) {
    return unit("I") + unit(url);
  }

  static String textPart(String text) {
    return unit("T") + unit(text);
  }
}
"""


def _units_of(pairs: list[tuple[str, str]]) -> list[int]:
    """The units ``Parts`` returns for ``pairs``: each text prefixed by its length."""
    out: list[int] = []
    for key, value in pairs:
        for text in (key, value):
            units = utf16_units(text)
            out += [len(units), *units]
    return out


def _as_expression(call: str, indent: int = 0) -> str:
    """A filter's ``.method(...)`` output as a String expression evaluated on a ``Parts``.

    It runs inside an anonymous ``Parts`` subclass, where the part helpers the filter
    calls unqualified (``imagePart``, ``textPart``) resolve to the stand-ins.
    """
    call = call.replace("\n" + " " * indent, "\n")
    return "new Parts() {\n String value() {\n return this" + call + ";\n }\n}.value()"


short_text = st.text(st.characters(), min_size=0, max_size=30)


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.lists(st.tuples(short_text, short_text), min_size=1, max_size=4), max_size=6))
def test_java_dashscope_content_round_trips_through_the_compiler(
    contents: list[list[tuple[str, str]]],
) -> None:
    contents = [[('\\u0022 "\n*/', '"; System.exit(1); //'), ("text", "\u2028 😀")], *contents]
    calls = [java_dashscope_content([{k: v} for k, v in parts], 8) for parts in contents]
    for call in calls:
        assert_ascii(call)
        assert call.startswith(".content(List.of(") or call.startswith(".content(\n")
    got = java_strings(
        [_as_expression(c, 8) for c in calls], preamble=PARTS_IMPORTS, postamble=PARTS_CLASS
    )
    assert got == [_units_of(parts) for parts in contents]


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.lists(st.tuples(st.booleans(), short_text), min_size=1, max_size=4), max_size=6))
def test_java_openai_message_round_trips_through_the_compiler(
    messages: list[list[tuple[bool, str]]],
) -> None:
    messages = [[(True, '"; System.exit(1); //'), (False, "\\u000a\n${x} `y`")], *messages]
    calls = []
    for parts in messages:
        content = [
            {"type": "image_url", "image_url": {"url": text}}
            if is_image
            else {"type": "text", "text": text}
            for is_image, text in parts
        ]
        calls.append(java_openai_message({"role": "user", "content": content}, 12))
    calls.append(java_openai_message({"role": "user", "content": 'plain " text'}, 12))
    for call in calls:
        assert_ascii(call)
    got = java_strings(
        [_as_expression(c, 12) for c in calls], preamble=PARTS_IMPORTS, postamble=PARTS_CLASS
    )
    expected = [
        _units_of([("I" if is_image else "T", text) for is_image, text in parts])
        for parts in messages
    ]
    assert got == [*expected, _units_of([("T", 'plain " text')])]


def test_java_dashscope_content_layout_and_errors() -> None:
    parts = [{"image": "https://e.com/a.png"}, {"text": "What?"}]
    assert java_dashscope_content(parts, 12) == (
        '.content(List.of(Map.of("image", "https://e.com/a.png"), Map.of("text", "What?")))'
    )
    # Too long for one line, but the parts fit on one line at +8.
    assert java_dashscope_content(parts, 24) == (
        ".content(\n"
        "                            List.of(\n"
        '                                Map.of("image", "https://e.com/a.png"), '
        'Map.of("text", "What?")))'
    )
    long_url = "https://example.com/" + "x" * 70
    assert java_dashscope_content([{"image": long_url}, {"text": "Hi"}], 24) == (
        ".content(\n"
        "                            List.of(\n"
        "                                Map.of(\n"
        '                                    "image",\n'
        f'                                    "{long_url}"),\n'
        '                                Map.of("text", "Hi")))'
    )
    for bad in ([], "text", [{}], [["image", "x"]], [{"image": ["a"]}], [{"image": None}]):
        with pytest.raises(ValueError):
            java_dashscope_content(bad, 0)  # type: ignore[arg-type]


def test_java_openai_message_forms_and_errors() -> None:
    assert java_openai_message({"role": "system", "content": "Be brief."}, 12) == (
        '.addSystemMessage("Be brief.")'
    )
    long_text = "y" * 90
    assert java_openai_message({"role": "user", "content": long_text}, 12) == (
        f'.addUserMessage(\n                "{long_text}")'
    )
    parts = [
        {"type": "image_url", "image_url": {"url": "https://e.com/a.png"}},
        {"type": "text", "text": "What?"},
    ]
    assert java_openai_message({"role": "user", "content": parts}, 12) == (
        ".addUserMessageOfArrayOfContentParts(\n"
        '                List.of(imagePart("https://e.com/a.png"), textPart("What?")))'
    )
    bad_messages = [
        {"role": "system", "content": parts},  # the SDK takes text parts only for system
        {"role": "tool", "content": "x"},
        {"role": "user", "content": []},
        {"role": "user", "content": [{"type": "input_audio", "input_audio": {}}]},
        {
            "role": "user",
            "content": [{"type": "image_url", "image_url": {"url": "u", "detail": "low"}}],
        },
        {"role": "user", "content": [{"type": "text", "text": 5}]},
        {"role": "user", "content": None},
    ]
    for message in bad_messages:
        with pytest.raises(ValueError):
            java_openai_message(message, 12)


def test_java_openai_uses_parts_and_extra_body() -> None:
    assert java_openai_uses_parts([{"role": "user", "content": [{"type": "text", "text": "a"}]}])
    assert not java_openai_uses_parts([{"role": "user", "content": "a"}])
    body = {"model": "m", "messages": [], "stream": True, "temperature": 0.5}
    assert java_openai_extra_body(body, stream=True) == [("temperature", 0.5)]
    assert java_openai_extra_body(body, stream=False) == [("stream", True), ("temperature", 0.5)]


def test_java_call_breaks_like_google_java_format() -> None:
    assert java_call("f", ['"a"', '"b"'], 4, ";") == 'f("a", "b");'
    mid = '"' + "m" * 32 + '"'
    head = "someLongMethodName"
    # Too long on one line; all arguments fit on one continuation line at +4.
    assert java_call(head, [mid, mid], 20, ";") == f"{head}(\n{' ' * 24}{mid}, {mid});"
    # They do not: one argument per line.
    assert java_call(head, [mid, mid, mid], 20, ";") == (
        f"{head}(\n{' ' * 24}{mid},\n{' ' * 24}{mid},\n{' ' * 24}{mid});"
    )


# -- long string literals: google-java-format's reflow --------------------------------

# Words of every kind the reflow meets: ASCII, CJK (six columns per character once
# escaped), escapes that end a word (\n, \r\n) or start one (\t), quotes, backslashes.
reflow_word = st.one_of(
    st.sampled_from(["a", "API", "DASHSCOPE_API_KEY", "\u74b0\u5883\u5909\u6570", "\u8bf7"]),
    st.sampled_from(["\n", "\r\n", "\r", "\t", "\\", "\\t", '"', "\U0001f600", "x" * 45]),
    st.text(st.characters(), max_size=12),
)
reflow_text = st.lists(
    st.tuples(reflow_word, st.sampled_from(["", " ", " ", "  "])), min_size=1, max_size=40
).map(lambda words: "".join(word + space for word, space in words))


@given(reflow_text)
def test_java_string_pieces_join_back_to_the_literal(text: str) -> None:
    body = java_str(text)[1:-1]
    pieces = java_string_pieces(body)
    assert "".join(pieces) == body
    # Every piece but the first starts at a break point: a space, a \t escape, or right
    # after a run of \n and \r escapes.
    for before, piece in itertools.pairwise(pieces):
        assert piece[:1] == " " or piece.startswith("\\t") or before.endswith(("\\n", "\\r"))


def test_java_string_pieces_known_forms() -> None:
    assert java_string_pieces("ab cd  e") == ["ab", " cd", " ", " e"]
    assert java_string_pieces(" a") == ["", " a"]
    assert java_string_pieces("a\\tb") == ["a", "\\tb"]
    # After a run of \n escapes the next character is skipped, as gjf's loop does.
    assert java_string_pieces("a\\n\\r\\n b c") == ["a\\n\\r\\n", " b", " c"]


# The counterexample hypothesis found: a literal after "+ " at column 0 (impossible: its
# continuation lines would start at column -2) must be refused, not laid out off by two;
# at column 2 the same text fills its second line to exactly 100 columns.
NL_TEXT = "\n000\x1f\x1f\x80\x80\x80\x80\x80\x80 000\x1f\x1f\x80\x80\x80\x80\x80\x80  "


@given(reflow_text, st.integers(min_value=0, max_value=60), st.integers(0, 4), st.booleans())
@example(text=NL_TEXT, column=0, trailing=0, first=False)
@example(text=NL_TEXT, column=1, trailing=0, first=False)
@example(text=NL_TEXT, column=2, trailing=0, first=False)
@example(text=NL_TEXT, column=0, trailing=0, first=True)
def test_java_reflow_keeps_the_text_and_the_column_limit(
    text: str, column: int, trailing: int, first: bool
) -> None:
    literal = java_str(text)
    if not first and column < 2:
        with pytest.raises(ValueError, match="cannot start at column"):
            java_reflow(literal, column, trailing, first)
        return
    reflowed = java_reflow(literal, column, trailing, first)
    lines = reflowed.split("\n")
    indent = column + 4 if first else column - 2
    assert all(line.startswith(" " * indent + '+ "') for line in lines[1:])
    bodies = [lines[0][1:-1]] + [line.strip()[3:-1] for line in lines[1:]]
    assert "".join(bodies) == literal[1:-1]
    widths = [column + len(lines[0])] + [len(line) for line in lines[1:]]
    for width, body in zip(widths, bodies, strict=True):
        # A line overruns only with a word that cannot be split (after at most 4 characters:
        # the formatter always takes words until a line holds 5 characters).
        last = (java_string_pieces(body) or [""])[-1]
        assert width <= LINE_LIMIT or len(body) - len(last) <= 4
    assert java_reflow(java_str("short"), column, trailing, first) == '"short"'


def test_java_reflow_known_form() -> None:
    # The ja message of the samples, as google-java-format 1.28.0 wrote it.
    message = "\u74b0\u5883\u5909\u6570 DASHSCOPE_API_KEY \u306b API \u30ad\u30fc\u3092"
    message += "\u8a2d\u5b9a\u3057\u3066\u304f\u3060\u3055\u3044\u3002"
    assert java_call("System.err.println", [java_str(message)], 6, ";") == (
        "System.err.println(\n"
        '          "\\u74b0\\u5883\\u5909\\u6570 DASHSCOPE_API_KEY \\u306b API"\n'
        '              + " \\u30ad\\u30fc\\u3092\\u8a2d\\u5b9a\\u3057\\u3066\\u304f\\u3060'
        '\\u3055\\u3044\\u3002");'
    )
    words = "word " * 25
    assert java_call("f", [java_concat([java_str(words), "e"])], 4, ";") == (
        "f(\n"
        '        "' + "word " * 17 + 'word"\n'
        '            + " ' + "word " * 7 + '"\n'
        "            + e);"
    )
    with pytest.raises(ValueError, match="two string literals"):
        java_concat(['"a"', '"b"'])
    with pytest.raises(ValueError, match="two or more"):
        java_concat(['"a"'])
    with pytest.raises(ValueError, match="not one Java string literal"):
        java_reflow('"a" + "b"', 0, 0)


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(reflow_text, st.integers(0, 60)), min_size=1, max_size=30))
def test_java_reflow_round_trips_through_the_compiler(cases: list[tuple[str, int]]) -> None:
    literals = [java_reflow(java_str(text), column, 2) for text, column in cases]
    assert java_strings(literals) == [utf16_units(text) for text, _ in cases]


def _gjf_source(statements: list[tuple[int, str]]) -> str:
    """A class whose method holds each ``(indent, statement)`` at its indent (nested blocks)."""
    out = ["class T {\n  void f(Exception e) {\n    String s;\n"]
    for indent, code in statements:
        depth = (indent - 4) // 2
        out += [" " * (4 + 2 * k) + "{\n" for k in range(depth)]
        out.append(" " * indent + code + "\n")
        out += [" " * (4 + 2 * k) + "}\n" for k in reversed(range(depth))]
    out.append("  }\n}\n")
    return "".join(out)


def _statements(text: str, indent: int, kind: int) -> tuple[int, str]:
    """One statement that passes ``text`` through the filters the templates use."""
    lit = java_str(text)
    if kind == 0:
        return indent, java_call("System.err.println", [lit], indent, ";")
    if kind == 1:
        return indent, java_call("System.err.println", [java_concat([lit, "e"])], indent, ";")
    if kind == 2:
        return indent, java_call("System.err.println", [java_concat(["e", lit])], indent, ";")
    if kind == 3:
        # (Not a format string first: gjf lays out printf-like calls its own way.)
        return indent, java_call("Map.of", ['"text"', lit, lit, lit], indent, ";")
    return indent, java_assign("s", lit, indent)


def assert_gjf_unchanged(sources: list[str], tmp: Path) -> None:
    """google-java-format leaves each of ``sources`` (whole files) exactly as it is."""
    paths = []
    for i, source in enumerate(sources):
        path = tmp / f"T{i}.java"
        path.write_text(source, "utf-8")
        paths.append(path)
    assert gjf_changed(paths) == []


@needs_java
def test_reflowed_literals_are_what_google_java_format_writes(tmp_path: Path) -> None:
    texts = [*HOSTILE, "w " * 60, "x" * 120 + " y", "z" * 95, " lead  and trail ", "\n" * 30]
    texts += [NL_TEXT, NL_TEXT * 3, "x" * 40 + NL_TEXT]
    texts += [text * 4 for text in HOSTILE if text]
    texts += [
        "\u8bf7\u5c06\u73af\u5883\u53d8\u91cf DASHSCOPE_API_KEY \u8bbe\u7f6e " * n for n in (2, 5)
    ]
    sources = [
        _gjf_source([_statements(text, indent, kind) for text in texts])
        for indent in (4, 6, 12, 24, 40)
        for kind in range(5)
    ]
    # The table must exercise the reflow, or it proves nothing.
    assert sum(source.count('+ "') for source in sources) > 500
    assert_gjf_unchanged(sources, tmp_path)


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.tuples(reflow_text, st.sampled_from([4, 6, 10, 12, 24, 36]), st.integers(0, 4)),
        min_size=1,
        max_size=40,
    )
)
def test_filter_layout_matches_google_java_format(cases: list[tuple[str, int, int]]) -> None:
    source = _gjf_source([_statements(text, indent, kind) for text, indent, kind in cases])
    with tempfile.TemporaryDirectory() as tmp:
        assert_gjf_unchanged([source], Path(tmp))


# -- java_uri: what URI.create takes, meaning the same --------------------------------------
_URI_CHARS = st.sampled_from(
    [chr(c) for c in range(0x21, 0x7F) if chr(c) not in "#%?"] + ["%2E", "%41", "%E2%80%AE", "é"]
)
uri_paths = st.lists(st.lists(_URI_CHARS, max_size=6).map("".join), min_size=1, max_size=4).map(
    lambda segments: "".join("/" + s for s in segments)
)
uri_queries = st.one_of(
    st.just(""), st.lists(st.one_of(_URI_CHARS, st.just("?")), max_size=12).map("".join)
)


def _decoded(text: str) -> bytes:
    """The bytes a server reads from a percent-encoded text."""
    from urllib.parse import unquote_to_bytes

    return unquote_to_bytes(text.encode("utf-8"))


def java_uris(urls: list[str]) -> list[str]:
    """``URI.create(url)``'s raw path and query ("path<TAB>query"), or ERROR, for each."""
    source = (
        "import java.net.URI;\nimport java.nio.file.*;\n\n"
        "public class Uris {\n"
        "  public static void main(String[] args) throws Exception {\n"
        "    for (String url : Files.readAllLines(Path.of(args[0]))) {\n"
        "      try {\n"
        "        URI uri = URI.create(url);\n"
        '        System.out.println(uri.getRawPath() + "\\t" + uri.getRawQuery());\n'
        "      } catch (IllegalArgumentException e) {\n"
        '        System.out.println("ERROR");\n'
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "Uris.java").write_text(source, "utf-8")
        (Path(tmp) / "urls.txt").write_text("".join(u + "\n" for u in urls), "utf-8")
        env = {**os.environ, "LC_ALL": "C.UTF-8"}
        env.pop("JAVA_TOOL_OPTIONS", None)
        proc = subprocess.run(
            ["java", "Uris.java", "urls.txt"], cwd=tmp, capture_output=True, text=True, env=env
        )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split("\n")[:-1]


@needs_java
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(uri_paths, uri_queries), min_size=1, max_size=40))
def test_java_uri_is_what_uri_create_takes_and_means_the_same(parts: list[tuple[str, str]]) -> None:
    urls = [f"https://h.test{path}" + (f"?{query}" if query else "") for path, query in parts]
    escaped = [java_uri(url) for url in urls]
    for (path, query), url, line in zip(parts, escaped, java_uris(escaped), strict=True):
        assert line != "ERROR", url
        raw_path, raw_query = line.split("\t")
        assert url == f"https://h.test{raw_path}" + (f"?{raw_query}" if query else "")
        assert _decoded(raw_path) == _decoded(path)
        assert _decoded(raw_query if query else "") == _decoded(query)


def test_java_uri_keeps_what_is_legal_and_escapes_the_rest() -> None:
    url = "https://api.acme.test:8443/v1/s/.a%2Eb/;k=v,w?id=3&c=red|green%2Cblue&n=/v?p=[2]"
    assert java_uri(url) == url.replace("|", "%7C")
    assert java_uri('http://h/a b/[x]?q=^`{}\\"<>') == (
        "http://h/a%20b/%5Bx%5D?q=%5E%60%7B%7D%5C%22%3C%3E"
    )
    assert java_uri("https://h/%E2%80%AE?x=%2E") == "https://h/%E2%80%AE?x=%2E"  # kept


def test_java_keyed() -> None:
    assert java_keyed("", "") == "apiKey"
    assert java_keyed("Bearer ", "") == '"Bearer " + apiKey'
    assert java_keyed("session=", "; lang=en") == '"session=" + apiKey + "; lang=en"'


@needs_java
def test_java_json_str_is_one_line_of_json_the_compiler_reads_back() -> None:
    values: list[Any] = [{t: [t, 1, -0.5, None]} for t in HOSTILE] + [2**64, "\\u0041"]
    literals = [java_json_str(v) for v in values]
    assert all("\n" not in literal for literal in literals)
    decoded = [_decode(units) for units in java_strings(literals)]
    assert [json.loads(text) for text in decoded] == values
