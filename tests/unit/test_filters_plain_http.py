"""Filters of the plain-HTTP samples (curl, PHP, Go, C#): request words and output formats.

Each filter is checked by the real tool reading back what it wrote: bash and curl for the
shell words (a local server records what curl sends), ``php`` for ``printf`` formats, the Go
compiler for ``fmt.Printf`` formats and durations, Mono's ``mcs`` for composite formats.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qsl, unquote

import pytest
from _toolchain import need
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.harness.runtimes.go import go_env as go_build_env
from generator.render.filters.common import has_unsafe
from generator.render.filters.csharp import cs_format, cs_seconds
from generator.render.filters.go import go_duration, go_printf
from generator.render.filters.php import php_printf
from generator.render.filters.shell import (
    sh_dq,
    sh_form_file,
    sh_form_pair,
    sh_form_string,
    sh_jq_uri,
    sh_printf,
    sh_seconds,
    sh_text,
    sh_whole_seconds,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("SAMPLEGEN_COMPILER_EXAMPLES", "15"))
SLOW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text a shell word can carry: every code point but NUL and lone surrogates.
word_text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))
HOSTILE = [
    "",
    "it's \"$HOME\" ${x} $(touch pwned) `id` \\ \\\\ '\\''",
    "line\nbreak\r\n\ttab \x07 \x1b[31m \x7f \x85",
    "RTL \u202e \u2066 \u200b \ufeff \u2028 \u2029",
    "% %s %d %% {0} {{ }} \\n \\x41 \\u0041",
    "😀 日本語 e\u0301 🇯🇵",
    "-n",
    "@file <file ;type=text/html ,x",
]


def bash(script: str, env: dict[str, str] | None = None) -> bytes:
    """Run ``script`` with bash; its stdout (a failure fails the test with stderr)."""
    done = subprocess.run(
        [need("bash"), "-c", script],
        capture_output=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **(env or {})},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace") + "\n" + script
    return done.stdout


# --- sh_text: any text but NUL, as one inert shell word with nothing invisible ----------
@settings(max_examples=60, deadline=None)
@given(st.lists(word_text, min_size=1, max_size=20))
def test_sh_text_round_trips_through_bash(texts: list[str]) -> None:
    script = "".join(f"printf '%s\\0' {sh_text(t)}\n" for t in texts)
    assert bash(script).decode("utf-8").split("\0")[:-1] == texts


def test_sh_text_hostile_values_are_inert_and_visible(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    texts = [*HOSTILE, f"$(touch {marker})", f"`touch {marker}`"]
    script = "".join(f"printf '%s\\0' {sh_text(t)}\n" for t in texts)
    assert bash(script).decode("utf-8").split("\0")[:-1] == texts
    assert not marker.exists()
    for text in texts:
        assert not has_unsafe(sh_text(text).replace("\n", "")), text


def test_sh_text_forms_and_refusal() -> None:
    assert sh_text("a b") == "'a b'"
    assert sh_text("it's") == "'it'\\''s'"
    assert sh_text("a\u202eb'\\") == "$'a\\xe2\\x80\\xaeb\\'\\\\'"
    with pytest.raises(ValueError, match="NUL"):
        sh_text("a\x00b")


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from([chr(c) for c in range(0x20, 0x7F)]), max_size=30))
def test_sh_dq_keeps_visible_ascii_inside_double_quotes(text: str) -> None:
    """``"<sh_dq(text)>${X}"`` is the text followed by the variable's value."""
    out = bash(f"printf '%s' \"{sh_dq(text)}${{X}}\"", {"X": "$(id) `id`"})
    assert out.decode("ascii") == text + "$(id) `id`"


def test_sh_dq_refuses_invisible_characters() -> None:
    with pytest.raises(ValueError):
        sh_dq("a\nb")


# --- printf formats: the message with the argument in place of each NUL -----------------
message_text = st.text(
    st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30
)
messages = st.tuples(message_text, message_text).map(lambda t: t[0] + "\0" + t[1])


@settings(max_examples=40, deadline=None)
@given(st.lists(messages, min_size=1, max_size=10))
def test_sh_printf_prints_the_message_and_the_argument(texts: list[str]) -> None:
    script = "".join(f"printf {sh_printf(t)} 1536\n" for t in texts)
    expected = "".join(t.replace("\0", "1536") + "\n" for t in texts)
    assert bash(script).decode("utf-8") == expected


def test_php_printf_prints_the_message_and_the_argument(tmp_path: Path) -> None:
    texts = [h + "\0 bytes" for h in HOSTILE] + ["Saved report.pdf (\0 bytes)", "100% \0 %d"]
    source = "<?php\n" + "".join(f'printf({php_printf(t)} . "\\n", 1536);\n' for t in texts)
    (tmp_path / "p.php").write_text(source, "utf-8")
    out = subprocess.run([need("php"), str(tmp_path / "p.php")], capture_output=True, check=True)
    assert out.stdout.decode("utf-8") == "".join(t.replace("\0", "1536") + "\n" for t in texts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messages, min_size=1, max_size=10))
def test_php_printf_round_trips(texts: list[str]) -> None:
    source = "<?php\n" + "".join(f'printf({php_printf(t)} . "\\n", 7);\n' for t in texts)
    done = subprocess.run([need("php")], input=source.encode(), capture_output=True, check=True)
    assert done.stdout.decode("utf-8") == "".join(t.replace("\0", "7") + "\n" for t in texts)


needs_go = pytest.mark.skipif(
    shutil.which("go") is None or shutil.which("gofmt") is None,
    reason="SKIPPED: the Go toolchain (go, gofmt) is not on PATH; install Debian's golang-go",
)
needs_mono = pytest.mark.skipif(
    shutil.which("mcs") is None or shutil.which("mono") is None,
    reason="SKIPPED: Mono (mcs, mono) is not on PATH; install Debian's mono-mcs and mono-runtime",
)


def go_env() -> dict[str, str]:
    """The environment of a Go build: the project's caches, no download, no cgo."""
    return {**os.environ, **go_build_env(ROOT / ".cache")}


def run_go(tmp: Path, body: str, imports: str = '"fmt"') -> str:
    """Build and run a gofmt-clean, vet-clean ``main`` made of ``body``; its stdout."""
    source = f"package main\n\nimport (\n\t{imports}\n)\n\nfunc main() {{\n{body}}}\n"
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "main.go").write_text(source, "utf-8")
    (tmp / "go.mod").write_text("module check\n\ngo 1.19\n")
    fmt = subprocess.run(["gofmt", "-l", "main.go"], cwd=tmp, capture_output=True, text=True)
    assert fmt.stdout == "", f"gofmt would change:\n{source}"
    vet = subprocess.run(["go", "vet", "."], cwd=tmp, env=go_env(), capture_output=True, text=True)
    assert vet.returncode == 0, vet.stderr + "\n" + source
    done = subprocess.run(["go", "run", "."], cwd=tmp, env=go_env(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace") + "\n" + source
    return done.stdout.decode("utf-8")


@needs_go
@SLOW
@given(st.lists(messages, min_size=1, max_size=20))
def test_go_printf_round_trips_through_go_vet_and_run(tmp_path_factory, texts: list[str]) -> None:
    body = "".join(f"\tfmt.Printf({go_printf(t)}, 1536)\n" for t in texts)
    out = run_go(tmp_path_factory.mktemp("printf"), body)
    assert out == "".join(t.replace("\0", "1536") + "\n" for t in texts)


@needs_go
def test_go_duration_is_the_number_of_seconds(tmp_path: Path) -> None:
    cases = [0, 1, 2.0, 0.5, 1.25, 120, 0.0004]
    body = "".join(f"\tfmt.Println(({go_duration(c)}).Seconds())\n" for c in cases)
    out = run_go(tmp_path, body, '"fmt"\n\t"time"').split()
    assert [float(x) for x in out] == [0, 1, 2, 0.5, 1.25, 120, 0.001]
    assert go_duration(2) == "2 * time.Second"
    assert go_duration(1.5) == "1500 * time.Millisecond"
    with pytest.raises(ValueError):
        go_duration(-1)


@needs_mono
@SLOW
@given(st.lists(messages, min_size=1, max_size=20))
def test_cs_format_round_trips_through_mcs(tmp_path_factory, texts: list[str]) -> None:
    lines = "".join(f"        Console.WriteLine({cs_format(t)}, 1536);\n" for t in texts)
    source = (
        "using System;\n\nclass Program\n{\n    static void Main()\n    {\n" + lines + "    }\n}\n"
    )
    tmp = tmp_path_factory.mktemp("format")
    (tmp / "Program.cs").write_text(source, "utf-8")
    build = subprocess.run(
        ["mcs", "-nologo", "-warnaserror+", "-warn:4", "-out:Program.exe", "Program.cs"],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout + source
    run = subprocess.run(["mono", "Program.exe"], cwd=tmp, capture_output=True, env=_utf8())
    assert run.stdout.decode("utf-8") == "".join(t.replace("\0", "1536") + "\n" for t in texts)


def _utf8() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def test_second_literals() -> None:
    assert [sh_seconds(s) for s in (1, 2.0, 0.5)] == ["1", "2", "0.5"]
    assert [sh_whole_seconds(s) for s in (120, 0.5, 1.2)] == ["120", "1", "2"]
    assert [cs_seconds(s) for s in (1, 120.0, 0.25)] == ["1", "120", "0.25"]
    for bad in (-1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError):
            sh_seconds(bad)
        with pytest.raises(ValueError):
            cs_seconds(bad)


# --- curl words: what a local server receives is exactly the fields and files ------------
class Recorder(BaseHTTPRequestHandler):
    """Records the Content-Type and body of each request; answers 200 ``{}``."""

    seen: ClassVar[list[tuple[str, bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Recorder.seen.append((self.headers.get("Content-Type", ""), body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def curl_post(server: str, words: list[str], cwd: Path | None = None) -> tuple[str, bytes]:
    """POST with curl and the given option words; what the server received."""
    need("curl")
    Recorder.seen = []
    script = "curl --silent --show-error --noproxy '*' " + " ".join(words) + f" '{server}'"
    done = subprocess.run(
        ["bash", "-c", script], cwd=cwd, capture_output=True, env=_utf8(), check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace") + "\n" + script
    assert len(Recorder.seen) == 1
    return Recorder.seen[0]


form_names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)
form_values = st.one_of(
    st.sampled_from([h for h in HOSTILE if "\0" not in h]), word_text.map(lambda t: t[:20])
)
# A urlencoded form carries NUL too (sh_form_pair encodes such a field itself).
form_pair_values = st.one_of(form_values, st.sampled_from(["\0", "a\0b", "NUL \0 & = + %00"]))


@SLOW
@given(st.lists(st.tuples(form_names, form_pair_values), min_size=1, max_size=6))
def test_curl_form_pairs_send_each_pair_exactly(server: str, pairs) -> None:
    words = [sh_form_pair(n, v) for n, v in pairs]
    content_type, body = curl_post(server, words)
    assert content_type == "application/x-www-form-urlencoded"
    assert parse_qsl(body.decode("ascii"), keep_blank_values=True, errors="strict") == pairs


# multipart field names: what the spec schema allows for files (curl splits at "=")
part_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
file_names = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}", fullmatch=True).filter(
    lambda n: n not in (".", "..")
)


@SLOW
@given(
    fields=st.dictionaries(part_names, form_values, max_size=4),
    upload=st.tuples(part_names, file_names, st.binary(max_size=300)),
    content_type=st.sampled_from(["text/plain", "image/png", "application/vnd.acme+json"]),
)
def test_curl_form_sends_fields_and_file_bytes_exactly(
    server: str, tmp_path_factory, fields: dict[str, str], upload, content_type: str
) -> None:
    import multipart

    field, path, data = upload
    folder = tmp_path_factory.mktemp("upload")
    (folder / path).write_bytes(data)
    words = [f"--form-string {sh_form_string(n, v)}" for n, v in fields.items() if n != field]
    words.append(f"--form {sh_form_file(field, path, content_type)}")
    seen_type, body = curl_post(server, words, cwd=folder)
    options = dict(multipart.parse_options_header(seen_type)[1])
    parts = list(
        multipart.MultipartParser(io.BytesIO(body), options["boundary"], len(body), strict=True)
    )
    texts = {p.name: p.value for p in parts if p.filename is None}
    files = [(p.name, p.filename, p.content_type, p.raw) for p in parts if p.filename]
    assert texts == {n: v for n, v in fields.items() if n != field}
    assert files == [(field, path, content_type, data)]


def test_curl_words_refuse_names_curl_cannot_send() -> None:
    with pytest.raises(ValueError, match="="):
        sh_form_string("a=b", "x")
    with pytest.raises(ValueError, match="="):
        sh_form_file("a=b", "f.txt", "text/plain")


@settings(max_examples=30, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
def test_sh_jq_uri_percent_encodes_the_text(task_id: str) -> None:
    """The poll URL gets the id percent-encoded: decoding it gives the id back.

    What stays raw is at most unreserved characters and the sub-delimiters jq 1.6 keeps
    (``!*'()``), all valid in a path segment (RFC 3986, 3.3): never ``/ ? # %`` or a blank.
    """
    need("jq")
    import json

    document = json.dumps({"output": {"task_id": task_id}})
    script = f'jq --raw-output {sh_jq_uri(["output", "task_id"])} <<<"$DOC"'
    encoded = bash(script, {"DOC": document}).decode("ascii").rstrip("\n")
    assert all(c.isalnum() or c in "%-_.~!*'()" for c in encoded), encoded
    assert unquote(encoded, errors="strict") == task_id
