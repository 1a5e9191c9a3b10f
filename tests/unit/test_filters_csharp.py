"""C# literals: what Mono's C# compiler reads back from cs_str and cs_verbatim_json is the input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.filters.csharp import cs_comment, cs_is_content_header, cs_str, cs_verbatim_json

EXAMPLES = int(os.environ.get("SAMPLEGEN_COMPILER_EXAMPLES", "15"))

needs_mono = pytest.mark.skipif(
    shutil.which("mcs") is None or shutil.which("mono") is None,
    reason="SKIPPED: Mono (mcs, mono) is not on PATH; install Debian's mono-mcs and mono-runtime",
)

HOSTILE = [
    '"; system("rm -rf /"); "',
    "$(touch /tmp/x)",
    '{0} {{ }} ${x} #{x} $"{x}"',
    "`backticks`",
    "back\\slash\\ \\u0041 \\x41 \\0",
    'quote " and \\" and ""',
    "line\nbreak\r\nand\ttab\v\f\b\a",
    "*/ /* // comment /// <summary>",
    "emoji 😀 👩‍👩‍👧",
    "RTL \u202e evil \u202c and עברית العربية",
    "separators \u2028 \u2029 \u0085",
    "NUL \x00 then digit \x001 ESC \x1b DEL \x7f",
    "BOM \ufeff ZWJ \u200d soft hyphen \u00ad nbsp \u00a0",
    "astral control \U000e0001 private \ue000",
    "lone surrogates \ud800 \udfff",
    "#if DEBUG",
    "",
]

# Any UTF-16 string, lone surrogates included (a C# string can hold them).
cs_text = st.text(st.characters(), max_size=40)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters()),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(st.characters()), children, max_size=4)
    ),
    max_leaves=12,
)


def utf16_hex(text: str) -> str:
    """The UTF-16 code units of ``text`` in hex, four digits each (what the program prints)."""
    units = text.encode("utf-16-le", "surrogatepass")
    return "".join(
        f"{int.from_bytes(units[i : i + 2], 'little'):04x}" for i in range(0, len(units), 2)
    )


def run_cs(tmp: Path, literals: list[str]) -> list[str]:
    """Compile one program holding ``literals`` (warnings are errors); print each value's UTF-16."""
    items = "".join(f"        {lit},\n" for lit in literals)
    source = (
        "using System;\n"
        "using System.Text;\n\n"
        "class Program\n{\n"
        f"    static readonly string[] Values =\n    {{\n{items}    }};\n\n"
        "    static void Main()\n    {\n"
        "        foreach (string value in Values)\n        {\n"
        "            var units = new StringBuilder();\n"
        "            foreach (char unit in value)\n            {\n"
        '                units.Append(((int)unit).ToString("x4"));\n'
        "            }\n"
        "            Console.WriteLine(units.ToString());\n"
        "        }\n    }\n}\n"
    )
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "Program.cs").write_text(source, "utf-8")
    build = subprocess.run(
        ["mcs", "-nologo", "-warnaserror+", "-warn:4", "-out:Program.exe", "Program.cs"],
        cwd=tmp,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0 and "warning" not in build.stdout, build.stdout + "\n" + source
    run = subprocess.run(
        ["mono", "Program.exe"], cwd=tmp, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split("\n")[:-1]


@needs_mono
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(cs_text, min_size=1, max_size=30))
def test_cs_str_round_trips_through_mcs(tmp_path_factory, texts: list[str]) -> None:
    out = run_cs(tmp_path_factory.mktemp("cs"), [cs_str(t) for t in texts])
    assert out == [utf16_hex(t) for t in texts]


@needs_mono
def test_hostile_strings_round_trip(tmp_path: Path) -> None:
    out = run_cs(tmp_path, [cs_str(t) for t in HOSTILE])
    assert out == [utf16_hex(t) for t in HOSTILE]


@needs_mono
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=12))
def test_cs_verbatim_json_round_trips_through_mcs(tmp_path_factory, values: list[Any]) -> None:
    out = run_cs(tmp_path_factory.mktemp("cs"), [cs_verbatim_json(v) for v in values])
    decoded = [bytes.fromhex(line).decode("utf-16-be", "surrogatepass") for line in out]
    assert [json.loads(text) for text in decoded] == values


@needs_mono
def test_cs_verbatim_json_hostile_values(tmp_path: Path) -> None:
    values: list[Any] = [{t: t} for t in HOSTILE] + [HOSTILE, '"', '\\"', '""\\""']
    out = run_cs(tmp_path, [cs_verbatim_json(v) for v in values])
    decoded = [bytes.fromhex(line).decode("utf-16-be", "surrogatepass") for line in out]
    assert [json.loads(text) for text in decoded] == values


def test_cs_str_table() -> None:
    assert cs_str('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert cs_str("a\nb\x00" + "1") == '"a\\nb\\01"'
    assert cs_str("\u0085\u2028\u202e\ufeff") == '"\\u0085\\u2028\\u202e\\ufeff"'
    assert cs_str("😀 \U000e0001 \ud800") == '"😀 \\U000e0001 \\ud800"'
    assert cs_str("{0} $x {{") == '"{0} $x {{"'


def test_cs_verbatim_json_doubles_quotes_only() -> None:
    text = cs_verbatim_json({'k"': '\\"\r\u2028'})
    assert text.startswith('@"') and text.endswith('"')
    inner = text[2:-1]
    assert '"' not in inner.replace('""', "")
    assert "\r" not in inner and "\u2028" not in inner
    assert json.loads(inner.replace('""', '"')) == {'k"': '\\"\r\u2028'}


def test_cs_comment_cannot_end_the_line() -> None:
    assert cs_comment("t\nclass X {}\r\u0085\u2028\u2029") == (
        "t\\u000aclass X {}\\u000d\\u0085\\u2028\\u2029"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Content-Type", True), ("content-length", True), ("Authorization", False), ("X-Ds", False)],
)
def test_cs_is_content_header(name: str, expected: bool) -> None:
    assert cs_is_content_header(name) is expected
