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

from generator.harness.runtimes.csharp import MCS_ARGS
from generator.render.filters.csharp import (
    cs_comment,
    cs_has_content_header,
    cs_is_content_header,
    cs_json_str,
    cs_json_xpath,
    cs_keyed,
    cs_str,
    cs_uri_change,
    cs_uri_sent,
    cs_verbatim_json,
)

EXAMPLES = int(os.environ.get("SAMPLEGEN_COMPILER_EXAMPLES", "15"))

needs_mono = pytest.mark.skipif(
    shutil.which("mcs") is None or shutil.which("mono") is None,
    reason="SKIPPED: Mono (mcs, mono) is not on PATH; install Debian's mono-mcs and mono-runtime",
)
needs_mono_json = pytest.mark.skipif(
    shutil.which("mcs") is None
    or shutil.which("mono") is None
    or not Path("/usr/lib/mono/4.5/System.Runtime.Serialization.dll").is_file(),
    reason="SKIPPED: Mono with System.Runtime.Serialization is not installed; install Debian's "
    "mono-mcs, mono-runtime and libmono-system-runtime-serialization4.0-cil",
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


# --- cs_json_xpath: the XPath finds the value in the XML view of the JSON reader ------------

# JSON object keys: any text (a C# string holds lone surrogates, but JSON text cannot).
json_key = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
json_path = st.lists(st.one_of(json_key, st.integers(0, 4)), max_size=6)

PATH_KEYS = ["choices", "a b", "a:b", "名前", "xml", "item", "", "'", '"', "'\"", "\n", "x]/y"]


def document_around(path: list[str | int], leaf: str) -> Any:
    """A JSON value holding ``leaf`` at ``path``, with decoy siblings at every step.

    The decoys are the names a sloppy XPath would hit instead: ``item`` (an array value's
    element name), a key with the same first character, and earlier array values.
    """
    if not path:
        return leaf
    step, rest = path[0], path[1:]
    inner = document_around(rest, leaf)
    if isinstance(step, int):
        return [f"decoy {i}" for i in range(step)] + [inner, "decoy after"]
    decoys = {"item": "decoy item", step[:1] + "\u00e9": "decoy sibling", "a b": "decoy"}
    return {**{k: v for k, v in decoys.items() if k != step}, step: inner}


def run_xpaths(tmp: Path, cases: list[tuple[str, str]]) -> list[str | None]:
    """Load each JSON text as the samples do, select its XPath; the text found (None: none)."""
    items = "".join(f"        {{ {cs_str(doc)}, {cs_str(xpath)} }},\n" for doc, xpath in cases)
    source = (
        "using System;\n"
        "using System.Runtime.Serialization.Json;\n"
        "using System.Text;\n"
        "using System.Xml;\n\n"
        "class Program\n{\n"
        f"    static readonly string[,] Cases =\n    {{\n{items}    }};\n\n"
        "    static void Main()\n    {\n"
        "        for (int i = 0; i < Cases.GetLength(0); i++)\n        {\n"
        "            var document = new XmlDocument();\n"
        "            var json = Encoding.UTF8.GetBytes(Cases[i, 0]);\n"
        "            var quotas = XmlDictionaryReaderQuotas.Max;\n"
        "            using (var reader = JsonReaderWriterFactory.CreateJsonReader(json, quotas))\n"
        "            {\n"
        "                document.Load(reader);\n"
        "            }\n"
        "            var node = document.SelectSingleNode(Cases[i, 1]);\n"
        '            var units = new StringBuilder(node == null ? "NULL" : "=");\n'
        '            foreach (char unit in node == null ? "" : node.InnerText)\n            {\n'
        '                units.Append(((int)unit).ToString("x4"));\n'
        "            }\n"
        "            Console.WriteLine(units.ToString());\n"
        "        }\n    }\n}\n"
    )
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "Program.cs").write_text(source, "utf-8")
    build = subprocess.run(
        ["mcs", *MCS_ARGS, "-warn:4", "Program.cs"],
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
    return [
        None if line == "NULL" else bytes.fromhex(line[1:]).decode("utf-16-be", "surrogatepass")
        for line in run.stdout.split("\n")[:-1]
    ]


def xpath_cases(paths: list[list[str | int]]) -> list[tuple[str, str]]:
    """(JSON text, XPath) per path; the leaf names its path so a wrong hit shows."""
    return [
        (json.dumps(document_around(path, f"needle {n} ✓")), cs_json_xpath(path))
        for n, path in enumerate(paths)
    ]


@needs_mono_json
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(json_path, min_size=1, max_size=20))
def test_cs_json_xpath_finds_the_value_on_mono(tmp_path_factory, paths) -> None:
    found = run_xpaths(tmp_path_factory.mktemp("xpath"), xpath_cases(paths))
    assert found == [f"needle {n} ✓" for n in range(len(paths))]


@needs_mono_json
def test_cs_json_xpath_awkward_keys_on_mono(tmp_path: Path) -> None:
    paths: list[list[str | int]] = [[key] for key in PATH_KEYS + HOSTILE[:-1]]
    paths += [["choices", 0, "delta", "content"], ["output", "choices", 2, "message", "content"]]
    paths += [[0], [1, 0, "item", 3], [HOSTILE[0], 1, HOSTILE[3], "item"]]
    paths = [
        [
            step.replace("\ud800", "").replace("\udfff", "") if isinstance(step, str) else step
            for step in path
        ]
        for path in paths
    ]
    found = run_xpaths(tmp_path, xpath_cases(paths))
    assert found == [f"needle {n} ✓" for n in range(len(paths))]


def test_cs_json_xpath_table() -> None:
    assert cs_json_xpath(["choices", 0, "delta", "content"]) == (
        "/root/choices/item[1]/delta/content"
    )
    assert cs_json_xpath([]) == "/root"
    assert (
        cs_json_xpath(["a b", 2]) == '/root/*[@item="a b" or (not(@item) and name()="a b")]/item[3]'
    )
    assert cs_json_xpath(['"']) == "/root/*[@item='\"' or (not(@item) and name()='\"')]"
    both = 'concat("\'", \'"\', "")'
    assert cs_json_xpath(["'\""]) == f"/root/*[@item={both} or (not(@item) and name()={both})]"


@pytest.mark.parametrize("bad", [[-1], [True], [1.5], [None]])
def test_cs_json_xpath_refuses_what_is_no_json_step(bad: list[Any]) -> None:
    with pytest.raises(ValueError):
        cs_json_xpath(bad)


# -- what System.Uri (Mono) does to a URL: cs_uri_change ----------------------------------
# Pieces the model's encoders write into a path or a query (percent-escapes of any UTF-8,
# %2E for a dot segment or a label's dot, the reserved characters allow_reserved keeps, |
# of pipeDelimited), plus the escapes Mono rewrites: unreserved ones and bidi controls.
URL_PIECES = [
    "a", "Z9", "-", "_", "~", ".", "..", "%2E", "%2e", "%2E%2E", "%41", "%7E", "%5F", "%2D",
    "%20", "%25", "%2F", "%3F", "%23", "%26", "%3D", "%2B", "%C3%A9", "%E5%90%8D",
    "%F0%9F%98%80", "%E2%80%AE", "%e2%80%ae", "%E2%80%8E", "%E2%80%8F", "%E2%80%AA",
    "%E2%80%AF", "%E2%81%A6", "%E2%80%A8", "%EF%BB%BF", "%E2", "%80%AE", ":", "@", "!", "$",
    "'", "(", ")", "*", "+", ",", ";", "=", "[", "]", "|", "/", "\\", '"', "<", "^", "`", "{",
]  # fmt: skip
url_text = st.lists(st.sampled_from(URL_PIECES), max_size=8).map("".join)
urls = st.builds(
    lambda segments, query: "https://h.test" + "".join("/" + s for s in segments) + query,
    st.lists(url_text, min_size=1, max_size=5),
    st.one_of(st.just(""), st.lists(url_text, max_size=4).map(lambda q: "?" + "&".join(q))),
)


def run_uris(tmp: Path, urls: list[str]) -> list[str]:
    """The path and query System.Uri (on Mono) makes of each of ``urls``."""
    source = (
        "using System;\nusing System.IO;\n\n"
        "class Program\n{\n"
        "    static void Main(string[] args)\n    {\n"
        "        foreach (string url in File.ReadAllLines(args[0]))\n        {\n"
        "            Console.WriteLine(new Uri(url).PathAndQuery);\n"
        "        }\n    }\n}\n"
    )
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "Program.cs").write_text(source, "utf-8")
    (tmp / "urls.txt").write_text("".join(u + "\n" for u in urls), "ascii")
    build = subprocess.run(
        ["mcs", "-nologo", "-out:Program.exe", "Program.cs"], cwd=tmp, capture_output=True
    )
    assert build.returncode == 0, build.stdout
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONO_URI")}
    run = subprocess.run(
        ["mono", "Program.exe", "urls.txt"], cwd=tmp, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.split("\n")[:-1]


def _path_and_query(url: str) -> str:
    return url[len("https://h.test") :]


@needs_mono
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(urls, min_size=1, max_size=40))
def test_cs_uri_sent_is_what_mono_sends(tmp_path_factory, drawn: list[str]) -> None:
    sent = run_uris(tmp_path_factory.mktemp("uri"), drawn)
    for url, mono in zip(drawn, sent, strict=True):
        assert cs_uri_sent(url) == mono, url
        change = cs_uri_change(url)
        assert change is None or change == mono
        if mono == _path_and_query(url):
            assert change is None, url


@needs_mono
def test_cs_uri_change_on_the_values_mono_rewrites(tmp_path: Path) -> None:
    cases = [
        "https://h.test/v1/files/%2E%2E",  # a path parameter ".."
        "https://h.test/v1/a/%2E/b?q=.",  # "."
        "https://h.test/v1/abc%E2%80%AEdef?q=x%E2%80%AEy",  # U+202E (the survey's)
        "https://h.test/v1/search/.gear.a%2Eb/;k=v?c=red|green%2Cblue&n=/v1?p=2",  # label dots
        "https://h.test/v1/items/a%2Fb%23c%3Fd%20%2500?%E5%90%8D%E5%89%8D=v",  # kept as is
        "https://h.test/v1/a?c=red|green",  # | percent-encoded: a server decodes the same
    ]
    sent = run_uris(tmp_path, cases)
    assert [cs_uri_change(url) for url in cases] == [
        "/v1/",
        "/v1/a/b?q=.",
        "/v1/abcdef?q=xy",
        "/v1/search/.gear.a.b/;k=v?c=red%7Cgreen%2Cblue&n=/v1?p=2",
        None,
        None,
    ]
    assert sent == [cs_uri_sent(url) for url in cases]
    assert sent[4:] == [_path_and_query(cases[4]), "/v1/a?c=red%7Cgreen"]


def test_cs_keyed_and_cs_json_str() -> None:
    assert cs_keyed("", "") == "apiKey"
    assert cs_keyed("Bearer ", "") == '"Bearer " + apiKey'
    assert cs_keyed("session=", '; lang="en"') == '"session=" + apiKey + "; lang=\\"en\\""'
    assert cs_json_str({"a": [1, "é\n"]}) == '"{\\"a\\":[1,\\"é\\\\n\\"]}"'
    assert cs_has_content_header([("X-A", "1"), ("content-language", "de")])
    assert not cs_has_content_header([("X-A", "1")])
