"""Go literals: what the Go compiler reads back from go_str and go_raw_json is the input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from _wire import header_lines, raw_server
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.environment import make_environment
from generator.render.filters.go import (
    go_comment,
    go_header_limit,
    go_json_path,
    go_keyed,
    go_raw_json,
    go_str,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("SAMPLEGEN_COMPILER_EXAMPLES", "15"))

needs_go = pytest.mark.skipif(
    shutil.which("go") is None or shutil.which("gofmt") is None,
    reason="SKIPPED: the Go toolchain (go, gofmt) is not on PATH; install Debian's golang-go",
)

HOSTILE = [
    '"; system("rm -rf /"); "',
    "$(touch /tmp/x)",
    "${HOME} #{x} {0} {{ }}",
    "`backticks` and ``",
    "back\\slash\\",
    'quote " and \\" and \\\\"',
    "line\nbreak\r\nand\ttab",
    "*/ /* // comment",
    "emoji 😀 👩‍👩‍👧",
    "RTL \u202e evil \u202c and עברית العربية",
    "separators \u2028 \u2029 \u0085",
    "NUL \x00 BEL \x07 ESC \x1b DEL \x7f",
    "BOM \ufeff ZWJ \u200d soft hyphen \u00ad nbsp \u00a0",
    "astral control \U000e0001 private \ue000",
    "\\u0060 \\x41 %s %v %%",
    "",
]

# Any Unicode except lone surrogates (a Go string cannot hold one).
go_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",))),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(blacklist_categories=("Cs",))), children, max_size=4
        )
    ),
    max_leaves=12,
)


def go_env() -> dict[str, str]:
    """The environment of a Go build: caches in the project's .cache/, no toolchain download."""
    cache = ROOT / ".cache" / "go"
    return {
        **os.environ,
        "GOCACHE": str(cache / "build"),
        "GOPATH": str(cache / "path"),
        "GOMODCACHE": str(cache / "mod"),
        "GOTOOLCHAIN": "local",
        "GOFLAGS": "",
    }


def run_go(tmp: Path, literals: list[str], show: str = "hex") -> list[str]:
    """Compile one program holding ``literals`` in a slice; return one output line per literal.

    ``show="hex"`` prints each value's UTF-8 bytes in hex; ``show="quote"`` prints
    ``strconv.Quote`` of each value, JSON-encoded. The program must already be
    gofmt-formatted (``gofmt -l`` prints nothing).
    """
    items = "".join(f"\t{lit},\n" for lit in literals)
    if show == "hex":
        imports, line = '"fmt"', '\t\tfmt.Printf("%x\\n", v)\n'
    else:
        imports = '"encoding/json"\n\t"fmt"\n\t"strconv"'
        line = "\t\tout, _ := json.Marshal(strconv.Quote(v))\n\t\tfmt.Println(string(out))\n"
    source = (
        "package main\n\n"
        f"import (\n\t{imports}\n)\n\n"
        f"var values = []string{{\n{items}}}\n\n"
        "func main() {\n"
        "\tfor _, v := range values {\n"
        f"{line}"
        "\t}\n"
        "}\n"
    )
    tmp.mkdir(parents=True, exist_ok=True)
    main = tmp / "main.go"
    main.write_text(source, "utf-8")
    fmt = subprocess.run(["gofmt", "-l", str(main)], capture_output=True, text=True, check=False)
    assert fmt.returncode == 0 and fmt.stdout == "", fmt.stderr or f"gofmt would change:\n{source}"
    proc = subprocess.run(
        ["go", "run", "main.go"], cwd=tmp, env=go_env(), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace") + "\n" + source
    return proc.stdout.decode("utf-8").split("\n")[:-1]


@needs_go
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(go_text, min_size=1, max_size=30))
def test_go_str_round_trips_through_the_go_compiler(tmp_path_factory, texts: list[str]) -> None:
    out = run_go(tmp_path_factory.mktemp("go"), [go_str(t) for t in texts])
    assert out == [t.encode("utf-8").hex() for t in texts]


@needs_go
def test_hostile_strings_round_trip_and_match_strconv_quote(tmp_path: Path) -> None:
    literals = [go_str(t) for t in HOSTILE]
    assert run_go(tmp_path / "hex", literals) == [t.encode("utf-8").hex() for t in HOSTILE]
    quoted = [json.loads(line) for line in run_go(tmp_path / "quote", literals, show="quote")]
    assert quoted == literals


@needs_go
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(json_values, min_size=1, max_size=12))
def test_go_raw_json_round_trips_through_the_go_compiler(
    tmp_path_factory, values: list[Any]
) -> None:
    out = run_go(tmp_path_factory.mktemp("go"), [go_raw_json(v) for v in values])
    assert [json.loads(bytes.fromhex(line).decode("utf-8")) for line in out] == values


@needs_go
def test_go_raw_json_hostile_values(tmp_path: Path) -> None:
    values: list[Any] = [{t: t} for t in HOSTILE] + [HOSTILE, "`", "\\`", "``\\``"]
    out = run_go(tmp_path, [go_raw_json(v) for v in values])
    assert [json.loads(bytes.fromhex(line).decode("utf-8")) for line in out] == values


def test_go_str_table() -> None:
    assert go_str('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert go_str("a\nb\x00\x7f") == '"a\\nb\\x00\\x7f"'
    assert go_str("\u2028\u202e\ufeff") == '"\\u2028\\u202e\\ufeff"'
    assert go_str("😀 \U000e0001") == '"😀 \\U000e0001"'
    assert go_str("$x ${x} `x` {0}") == '"$x ${x} `x` {0}"'


def test_go_str_refuses_lone_surrogates() -> None:
    with pytest.raises(ValueError, match="lone surrogate"):
        go_str("a\ud800")


def test_go_raw_json_has_one_backquote_pair_and_no_raw_controls() -> None:
    text = go_raw_json({"k`": "`\r\u2028\x00"})
    assert text.startswith("`") and text.endswith("`") and text.count("`") == 2
    assert "\r" not in text and "\u2028" not in text and "\x00" not in text
    assert json.loads(text[1:-1]) == {"k`": "`\r\u2028\x00"}


def test_go_comment_cannot_end_the_line() -> None:
    assert go_comment("title\nfunc evil() {}\r\u2028\u202e") == (
        "title\\u000afunc evil() {}\\u000d\\u2028\\u202e"
    )


# --- go_json_path: the samples' textAt finds the value at the rendered path ----------------

json_path = st.lists(
    st.one_of(go_text.filter(lambda t: len(t) <= 12), st.integers(0, 4)), max_size=6
)
PATH_KEYS = ["choices", "a b", "名前", "item", "", "`", '"', "\\", "%v", "\n", "0"]


def document_around(path: list[str | int], leaf: str) -> Any:
    """A JSON value holding ``leaf`` at ``path``, with decoy siblings at every step."""
    if not path:
        return leaf
    step, rest = path[0], path[1:]
    inner = document_around(rest, leaf)
    if isinstance(step, int):
        return [f"decoy {i}" for i in range(step)] + [inner, "decoy after"]
    decoys = {"0": "decoy zero", step[:1] + "\u00e9": "decoy sibling", step.upper(): "decoy case"}
    return {**{k: v for k, v in decoys.items() if k != step}, step: inner}


def run_text_at(tmp: Path, paths: list[list[str | int]]) -> list[str | None]:
    """Decode each path's document and call the samples' textAt with ``go_json_path``."""
    text_at = make_environment(ROOT / "templates").get_template("go/nethttp/_text_at.j2").render()
    items = "".join(
        f"\t{{{go_str(json.dumps(document_around(path, f'needle {n} ✓')))}, "
        f"[]any{{{go_json_path(path)}}}}},\n"
        for n, path in enumerate(paths)
    )
    source = (
        "package main\n\n"
        'import (\n\t"encoding/json"\n\t"fmt"\n)\n\n'
        f"var cases = []struct {{\n\tdoc  string\n\tpath []any\n}}{{\n{items}}}\n\n"
        "func main() {\n"
        "\tfor _, c := range cases {\n"
        "\t\tvar event any\n"
        "\t\tif err := json.Unmarshal([]byte(c.doc), &event); err != nil {\n"
        "\t\t\tpanic(err)\n"
        "\t\t}\n"
        "\t\tif text, ok := textAt(event, c.path...); ok {\n"
        '\t\t\tfmt.Printf("=%x\\n", text)\n'
        "\t\t} else {\n"
        '\t\t\tfmt.Println("NONE")\n'
        "\t\t}\n"
        "\t}\n"
        "}\n\n"
        f"{text_at}"
    )
    tmp.mkdir(parents=True, exist_ok=True)
    main = tmp / "main.go"
    main.write_text(source, "utf-8")
    fmt = subprocess.run(["gofmt", "-l", str(main)], capture_output=True, text=True, check=False)
    assert fmt.returncode == 0 and fmt.stdout == "", fmt.stderr or f"gofmt would change:\n{source}"
    proc = subprocess.run(
        ["go", "run", "main.go"], cwd=tmp, env=go_env(), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace") + "\n" + source
    return [
        None if line == "NONE" else bytes.fromhex(line[1:]).decode("utf-8")
        for line in proc.stdout.decode("utf-8").split("\n")[:-1]
    ]


@needs_go
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(json_path, min_size=1, max_size=20))
def test_go_json_path_leads_text_at_to_the_value(tmp_path_factory, paths) -> None:
    found = run_text_at(tmp_path_factory.mktemp("go"), paths)
    assert found == [f"needle {n} ✓" for n in range(len(paths))]


@needs_go
def test_go_json_path_awkward_keys(tmp_path: Path) -> None:
    paths: list[list[str | int]] = [[key] for key in PATH_KEYS + HOSTILE]
    paths += [["choices", 0, "delta", "content"], ["output", "choices", 2, "message", "content"]]
    paths += [[0], [1, 0, "item", 3], [HOSTILE[0], 1, HOSTILE[3], "0"]]
    assert run_text_at(tmp_path, paths) == [f"needle {n} ✓" for n in range(len(paths))]


@needs_go
def test_text_at_reports_a_missing_or_non_text_value(tmp_path: Path) -> None:
    text_at = make_environment(ROOT / "templates").get_template("go/nethttp/_text_at.j2").render()
    cases = [
        ('{"choices": []}', ["choices", 0, "delta", "content"]),
        ('{"choices": [{"delta": {}}]}', ["choices", 0, "delta", "content"]),
        ('{"choices": [{"delta": {"content": null}}]}', ["choices", 0, "delta", "content"]),
        ('{"choices": {"0": "x"}}', ["choices", 0]),
        ('["x"]', ["0"]),
        ('{"n": 1}', ["n"]),
    ]
    items = "".join(f"\t{{{go_str(doc)}, []any{{{go_json_path(path)}}}}},\n" for doc, path in cases)
    source = (
        'package main\n\nimport (\n\t"encoding/json"\n\t"fmt"\n)\n\n'
        f"var cases = []struct {{\n\tdoc  string\n\tpath []any\n}}{{\n{items}}}\n\n"
        "func main() {\n\tfor _, c := range cases {\n\t\tvar event any\n"
        "\t\t_ = json.Unmarshal([]byte(c.doc), &event)\n"
        "\t\ttext, ok := textAt(event, c.path...)\n"
        '\t\tfmt.Printf("%q %v\\n", text, ok)\n\t}\n}\n\n'
        f"{text_at}"
    )
    (tmp_path / "main.go").write_text(source, "utf-8")
    proc = subprocess.run(
        ["go", "run", "main.go"], cwd=tmp_path, env=go_env(), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout.decode("utf-8").split("\n")[:-1] == ['"" false'] * len(cases)


def test_go_json_path_table() -> None:
    assert go_json_path(["choices", 0, "delta", "content"]) == '"choices", 0, "delta", "content"'
    assert go_json_path([]) == ""
    assert go_json_path(['a"b`$', 12]) == '"a\\"b`$", 12'


@pytest.mark.parametrize("bad", [[-1], [True], [1.5], [None]])
def test_go_json_path_refuses_what_is_no_json_step(bad: list[Any]) -> None:
    with pytest.raises(ValueError):
        go_json_path(bad)


# -- headers: what net/http sends -----------------------------------------------------------


def test_go_keyed_forms() -> None:
    assert go_keyed("") == "apiKey"
    assert go_keyed("Bearer ") == '"Bearer "+apiKey'
    assert go_keyed("session=", '; lang="en"') == '"session="+apiKey+"; lang=\\"en\\""'
    with pytest.raises(ValueError):
        go_keyed("x", "", "apiKey)")


def test_go_header_limit_names_blanks_at_either_end() -> None:
    assert go_header_limit("X-A", "a b") is None
    assert go_header_limit("X-A", "") is None
    for value in (" a", "a ", "\ta", " ", "a\t"):
        assert go_header_limit("X-A", value) is not None


header_values = st.text(st.sampled_from([" ", "\t", "a", "Z", "0", '"', "'", "`", "\\", ";"]))


@needs_go
@settings(max_examples=4, deadline=None)
@given(st.lists(header_values, min_size=1, max_size=12))
def test_go_headers_reach_the_wire_exactly(tmp_path_factory, values: list[str]) -> None:
    """Through the real net/http: a header value arrives as written unless go_header_limit
    names it, and then net/http really trims it (why go-nethttp declines such an endpoint);
    the key's header carries its prefix and suffix around the key."""
    names = [f"X-V{n}" for n in range(len(values))]
    sets = "".join(
        f"\treq.Header.Set({go_str(name)}, {go_str(value)})\n"
        for name, value in zip(names, values, strict=True)
    )
    source = (
        "package main\n\n"
        'import (\n\t"net/http"\n\t"os"\n)\n\n'
        "func main() {\n"
        '\tapiKey := "k-1"\n'
        '\treq, err := http.NewRequest("GET", os.Args[1], nil)\n'
        "\tif err != nil {\n\t\tpanic(err)\n\t}\n"
        f'\treq.Header.Set("Cookie", {go_keyed("session=", "; lang=en")})\n'
        f"{sets}"
        "\tif _, err := http.DefaultClient.Do(req); err != nil {\n\t\tpanic(err)\n\t}\n"
        "}\n"
    )
    tmp = tmp_path_factory.mktemp("go")
    main = tmp / "main.go"
    main.write_text(source, "utf-8")
    fmt = subprocess.run(["gofmt", "-l", str(main)], capture_output=True, text=True, check=False)
    assert fmt.stdout == "", source
    (tmp / "go.mod").write_text("module sample\n\ngo 1.19\n")
    env = {k: v for k, v in go_env().items() if "proxy" not in k.lower()}
    with raw_server() as (url, seen):
        proc = subprocess.run(
            ["go", "run", ".", url + "/h"], cwd=tmp, env=env, capture_output=True, check=False
        )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    lines = header_lines(seen[0])
    assert b"Cookie: session=k-1; lang=en" in lines
    for name, value in zip(names, values, strict=True):
        [sent] = [line for line in lines if line.startswith(name.encode() + b":")]
        trimmed = value.strip(" \t")
        if go_header_limit(name, value) is None:
            assert sent == f"{name}: {value}".encode()
        else:
            assert sent == f"{name}: {trimmed}".encode()
