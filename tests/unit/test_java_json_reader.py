"""The small JSON reader the java.net.http samples carry (java.net.http has no JSON parser):
taken from a generated sample as shipped, it reads every JSON text as Python's json module
does, and refuses exactly what json refuses, with IllegalArgumentException (never another
exception)."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "output" / "chat-completions-stream" / "java" / "httpclient" / "Main.java"

pytestmark = pytest.mark.skipif(
    shutil.which("javac") is None or shutil.which("java") is None,
    reason="SKIPPED: no JDK on PATH; install Debian's openjdk-17-jdk-headless",
)

# Prints each stdin line's JSON value in a canonical form: strings as UTF-16 code units,
# numbers as the bits of their double; or ERR when the reader refuses the line.
CHECK = """
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class JsonCheck {
  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      StringBuilder out = new StringBuilder();
      try {
        dump(Json.parse(line), out);
      } catch (IllegalArgumentException e) {
        out.setLength(0);
        out.append("ERR");
      }
      System.out.println(out);
    }
  }

  static void dump(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double d) {
      out.append('n').append(Double.doubleToRawLongBits(d));
    } else if (value instanceof String s) {
      out.append('s');
      for (char c : s.toCharArray()) {
        out.append(String.format("%04x", (int) c));
      }
      out.append(';');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (Object item : list) {
        dump(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        dump(entry.getKey(), out);
        out.append(':');
        dump(entry.getValue(), out);
        out.append(',');
      }
      out.append('}');
    }
  }

"""


def reader_source() -> str:
    """The ``Json`` class exactly as the shipped sample has it."""
    text = SAMPLE.read_text("utf-8")
    start = text.index("  private static final class Json {")
    end = text.rindex("\n}")
    return text[start:end] + "\n"


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("json")
    (folder / "JsonCheck.java").write_text(CHECK + reader_source() + "}\n", "utf-8")
    env = {**os.environ, "LC_ALL": "C"}
    env.pop("JAVA_TOOL_OPTIONS", None)
    built = subprocess.run(
        [
            "javac",
            "-Xlint:all",
            "-Werror",
            "-encoding",
            "UTF-8",
            "-d",
            str(folder),
            "JsonCheck.java",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return folder


def run(reader: Path, lines: list[str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_TOOL_OPTIONS"}
    ran = subprocess.run(
        ["java", "-Dsun.stdout.encoding=UTF-8", "-cp", str(reader), "JsonCheck"],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout.splitlines()


def canonical(value: Any) -> str:
    """What JsonCheck prints for ``value`` (as json.loads gives it)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "n" + str(struct.unpack(">q", struct.pack(">d", float(value)))[0])
    if isinstance(value, str):
        units = value.encode("utf-16-be", "surrogatepass")
        return "s" + units.hex() + ";"
    if isinstance(value, list):
        return "[" + "".join(canonical(v) + "," for v in value) + "]"
    return "{" + "".join(canonical(k) + ":" + canonical(v) + "," for k, v in value.items()) + "}"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**80), 2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
layouts = st.sampled_from(
    [{}, {"ensure_ascii": False}, {"indent": 1}, {"separators": (" , ", " : ")}]
)


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(st.tuples(json_values, layouts), min_size=150, max_size=150))
def test_every_json_text_reads_as_python_reads_it(reader: Path, batch: list) -> None:
    # One JVM for a batch of 150 texts: a line each, so an indented layout is one line too.
    texts = [json.dumps(v, **layout).replace("\n", " ") for v, layout in batch]
    assert run(reader, texts) == [canonical(json.loads(t)) for t in texts]


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(json_values, min_size=100, max_size=100), cut=st.integers(1, 40))
def test_a_cut_or_broken_text_is_refused_with_illegal_argument(
    reader: Path, values: list, cut: int
) -> None:
    broken = []
    for value in values:
        text = json.dumps(value)
        broken += [text[:-cut] if len(text) > cut else text + "]", text + " x", "{" + text]
    expected = []
    for text in broken:
        try:
            expected.append(canonical(json.loads(text)))
        except ValueError:
            expected.append("ERR")
    assert run(reader, broken) == expected


NOT_JSON = [
    "",
    "tru",
    '{"a" 1}',
    "[1,]",
    "1.",
    ".5",
    "+1",
    "01",
    "1e",
    "-",
    '"a\tb"',  # a raw control character in a string
    '"\\x"',  # an escape JSON does not have
    '"\\u12"',
    '"\\u+123"',
    '"open',
    "[1] [2]",
]


def test_the_reader_refuses_what_is_not_json_and_reads_what_is(reader: Path) -> None:
    for text in NOT_JSON:
        with pytest.raises(ValueError):
            json.loads(text)
    good = ['{"a": [1, {"b": "\\u00e9\\ud83d\\ude00"}]}', "-0.5e-3", '"\\/\\"\\\\"']
    assert run(reader, NOT_JSON + good) == ["ERR"] * len(NOT_JSON) + [
        canonical(json.loads(text)) for text in good
    ]
