"""Gates for the Go and C# samples: formatter- and compiler-clean, and exact on the wire.

The shipped specs are rendered and checked with ``gofmt -l``, ``go vet`` and ``mcs`` with
warnings as errors. Then a hostile endpoint (quotes, ``$()``, backticks, ``{0}``, newlines,
NUL, emoji, RTL, U+2028 in its title, header and body) pointed at a local plain-HTTP server
is rendered, built and run: the request the server receives must be exactly the spec's.
Hostile streamed endpoints (both event framings, hostile keys in the reply path) must print
exactly the text pieces, each one before the server sends the next.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from generator.harness.runtimes.csharp import MCS_ARGS
from generator.harness.runtimes.go import GO_MOD, go_env
from generator.model import Endpoint, Region
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_all, render_matrix, render_sample
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
TEMPLATES = ROOT / "templates"
CACHE = ROOT / ".cache"

OTHER_VENDOR = ROOT / "tests" / "fixtures" / "other-vendor"
SHAPES = ROOT / "tests" / "fixtures" / "shapes"  # one spec per shape of the grown spec format

GO = variant("go-nethttp")
CSHARP = variant("csharp-httpclient")

needs_go = pytest.mark.skipif(
    shutil.which("go") is None or shutil.which("gofmt") is None,
    reason="SKIPPED: the Go toolchain (go, gofmt) is not on PATH; install Debian's golang-go",
)
needs_mono = pytest.mark.skipif(
    shutil.which("mcs") is None or shutil.which("mono") is None,
    reason="SKIPPED: Mono (mcs, mono) is not on PATH; install Debian's mono-mcs, mono-runtime, "
    "libmono-system-net-http4.0-cil and libmono-system-runtime-serialization4.0-cil",
)

HOSTILE = (
    'x"; system("rm -rf /"); "\n$(touch /tmp/x) `id` ${HOME} #{x} {0} {{ }} \\ */ /*\r\n'
    "😀 \u202eRTL\u202c עברית \u2028 \u2029 \u0085 \x00 \ufeff"
)
# Header values cannot carry line breaks or NUL on the wire: every other ASCII hazard.
HOSTILE_HEADER = '"; system("rm -rf /"); " $(touch /tmp/x) `id` ${x} #{x} {0} {{ \\ */ \''
GOOD_KEY = "sk-good-0123456789"
REPLY = {"reply": "ok ✓ 你好"}
ERROR = {"error": {"message": "Incorrect API key provided.", "code": "invalid_api_key"}}


def shipped_samples(languages: list[str], specs: Path = SPECS) -> list[tuple[str, str]]:
    """(relpath, text) of every default-edition sample of ``languages``."""
    return [(s.relpath, s.text) for s in render_all(load_specs(specs), TEMPLATES, languages)]


def endpoint_ids(specs: Path) -> set[str]:
    """The ids of every endpoint in ``specs``: each one must have a Go and a C# sample."""
    ids = {e.id for e in load_specs(specs)}
    assert len(ids) >= 5, f"no endpoints found in {specs}"
    return ids


def write(folder: Path, relpath: str, text: str) -> Path:
    """Write ``text`` to ``folder/relpath``; return the file."""
    path = folder / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def go_check(main: Path) -> None:
    """gofmt leaves ``main`` unchanged and ``go vet`` finds nothing (in a throwaway module)."""
    fmt = subprocess.run(["gofmt", "-l", str(main)], capture_output=True, text=True, check=False)
    assert fmt.returncode == 0 and fmt.stdout == "", fmt.stdout + fmt.stderr
    (main.parent / "go.mod").write_text(GO_MOD)
    vet = subprocess.run(
        ["go", "vet", "."],
        cwd=main.parent,
        env={**os.environ, **go_env(CACHE)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert vet.returncode == 0 and vet.stdout + vet.stderr == "", vet.stdout + vet.stderr


def go_check_all(mains: list[Path]) -> None:
    """:func:`go_check` for many samples at once: gofmt on all of them, then one ``go vet``
    of a module holding each sample as a main package of its own (one vet per sample would
    spend most of its time starting the toolchain)."""
    assert mains
    fmt = subprocess.run(
        ["gofmt", "-l", *map(str, mains)], capture_output=True, text=True, check=False
    )
    assert fmt.returncode == 0 and fmt.stdout == "", fmt.stdout + fmt.stderr
    with tempfile.TemporaryDirectory(prefix="go-vet-") as folder:
        module = Path(folder)
        (module / "go.mod").write_text(GO_MOD)
        for i, main in enumerate(mains):
            (module / f"s{i}").mkdir()
            shutil.copyfile(main, module / f"s{i}" / "main.go")
        vet = subprocess.run(
            ["go", "vet", "./..."],
            cwd=module,
            env={**os.environ, **go_env(CACHE)},
            capture_output=True,
            text=True,
            check=False,
        )
    named = {f"s{i}": str(main) for i, main in enumerate(mains)}
    report = re.sub(
        r"\bs\d+(?:/main\.go)?\b",
        lambda m: named.get(m.group(0).removesuffix("/main.go"), m.group(0)),
        vet.stdout + vet.stderr,
    )
    assert vet.returncode == 0 and report == "", report


def go_build(main: Path) -> list[str]:
    """Build ``main`` (after :func:`go_check`); the command that runs it."""
    subprocess.run(
        ["go", "build", "-o", "sample", "."],
        cwd=main.parent,
        env={**os.environ, **go_env(CACHE)},
        capture_output=True,
        check=True,
    )
    return [str(main.parent / "sample")]


def mcs_build(program: Path) -> list[str]:
    """Compile ``program`` with warnings as errors and no warning printed; the run command."""
    build = subprocess.run(
        ["mcs", *MCS_ARGS, "-warn:4", program.name],
        cwd=program.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert "warning" not in (build.stdout + build.stderr).lower(), build.stdout + build.stderr
    return ["mono", str(program.parent / "Program.exe")]


@needs_go
@pytest.mark.parametrize(
    "specs", [SPECS, OTHER_VENDOR, SHAPES], ids=["specs", "other-vendor", "shapes"]
)
def test_go_samples_are_gofmt_and_vet_clean(tmp_path: Path, specs: Path) -> None:
    """Every endpoint (every body, auth and answer kind) has a gofmt- and vet-clean sample."""
    samples = shipped_samples(["go"], specs)
    assert {rel for rel, _ in samples} == {f"{e}/go/nethttp/main.go" for e in endpoint_ids(specs)}
    go_check_all([write(tmp_path, rel, text) for rel, text in samples])


@needs_mono
@pytest.mark.parametrize(
    "specs", [SPECS, OTHER_VENDOR, SHAPES], ids=["specs", "other-vendor", "shapes"]
)
def test_csharp_samples_compile_without_warnings_on_mono(tmp_path: Path, specs: Path) -> None:
    """Every endpoint (every shape of the grown spec format too) has a C# sample that mcs
    compiles with warnings as errors."""
    samples = shipped_samples(["csharp"], specs)
    expected = {f"{e}/csharp/httpclient/Program.cs" for e in endpoint_ids(specs)}
    assert {rel for rel, _ in samples} == expected
    for rel, text in samples:
        mcs_build(write(tmp_path, rel, text))


@needs_go
@needs_mono
def test_every_edition_is_clean(tmp_path: Path) -> None:
    """Every region and comment locale ``generate`` writes passes the same gates."""
    go_files = []
    for sample in render_matrix(load_specs(SPECS), TEMPLATES, ["go", "csharp"]):
        path = write(tmp_path, sample.relpath, sample.text)
        if sample.variant.language == "go":
            go_files.append(path)
        else:
            mcs_build(path)
    go_check_all(go_files)


def test_samples_call_exactly_the_spec_url_and_hold_no_key() -> None:
    for endpoint in load_specs(SPECS) + load_specs(OTHER_VENDOR):
        env = make_environment(TEMPLATES)
        for v in (GO, CSHARP):
            text = render_sample(env, endpoint, v)
            assert f'"{endpoint.url()}"' in text
            assert "aliyuncs-intl.com" not in text
            assert "sk-" not in text
            assert f'"{endpoint.auth.env}"' in text


# --- on the wire: a hostile endpoint against a local server ------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Records each request; answers 200 with REPLY for GOOD_KEY, else 401 with ERROR."""

    seen: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Recorder.seen.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": [(k.lower(), v) for k, v in self.headers.items()],
                "body": body,
            }
        )
        ok = self.headers.get("Authorization") == f"Bearer {GOOD_KEY}"
        data = json.dumps(REPLY if ok else ERROR, ensure_ascii=False).encode("utf-8")
        self.send_response(200 if ok else 401)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A loopback plain-HTTP server; yields its base URL."""
    Recorder.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_endpoint(base_url: str) -> Endpoint:
    """The shipped chat endpoint with hostile strings everywhere a spec can put them."""
    base = next(e for e in load_specs(SPECS) if e.id == "chat-completions")
    body = {
        "model": HOSTILE,
        "messages": [{"role": "user", "content": HOSTILE}],
        HOSTILE: [1, -2.5e-300, None, True, {"`": "\\`", '"': '\\"'}, "", 12345678901234567890],
    }
    return dataclasses.replace(
        base,
        title=HOSTILE,
        regions=(Region("local", base_url, "local"),),
        default_region="local",
        headers=(*base.headers, ("X-Hostile", HOSTILE_HEADER)),
        request_example=body,
    )


def run(argv: list[str], key: str | None) -> subprocess.CompletedProcess[str]:
    """Run a built sample with ``key`` (None: unset) and no proxy variables."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    # Mono encodes console output in the locale's charset (C: "?" for non-ASCII).
    env["LC_ALL"] = "C.UTF-8"
    env.pop("DASHSCOPE_API_KEY", None)
    if key is not None:
        env["DASHSCOPE_API_KEY"] = key
    return subprocess.run(
        argv, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False
    )


def assert_exact_on_the_wire(endpoint: Endpoint, argv: list[str]) -> None:
    """Success, invalid-key and missing-key paths, with the request checked byte for byte."""
    done = run(argv, GOOD_KEY)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == REPLY
    assert len(Recorder.seen) == 1
    req = Recorder.seen[0]
    assert req["method"] == endpoint.method
    assert req["path"] == endpoint.path
    headers = req["headers"]
    assert ("authorization", f"Bearer {GOOD_KEY}") in headers
    for name, value in endpoint.headers:
        assert [v for k, v in headers if k == name.lower()] == [value]
    assert json.loads(req["body"].decode("utf-8")) == endpoint.request_example

    bad = run(argv, "sk-wrong")
    assert bad.returncode == 1
    assert json.loads(bad.stderr.split(": ", 1)[1]) == ERROR
    assert "sk-wrong" not in bad.stdout + bad.stderr

    missing = run(argv, None)
    assert missing.returncode != 0
    assert "DASHSCOPE_API_KEY" in missing.stderr
    assert len(Recorder.seen) == 2  # no request without a key


@needs_go
def test_go_hostile_endpoint_is_exact_on_the_wire(tmp_path: Path, server: str) -> None:
    endpoint = hostile_endpoint(server)
    text = render_sample(make_environment(TEMPLATES), endpoint, GO)
    main = write(tmp_path, "main.go", text)
    go_check(main)
    assert_exact_on_the_wire(endpoint, go_build(main))


@needs_mono
def test_csharp_hostile_endpoint_is_exact_on_the_wire(tmp_path: Path, server: str) -> None:
    endpoint = hostile_endpoint(server)
    text = render_sample(make_environment(TEMPLATES), endpoint, CSHARP)
    program = write(tmp_path, "Program.cs", text)
    assert_exact_on_the_wire(endpoint, mcs_build(program))


# --- streamed endpoints: a hostile reply path against a local server of events -----------

PIECES = ["ok ✓ ", 'say "hi" \\ `x` ${y} {0}\n\tnext', " 你好 😀 \u2028\u202e end\r"]
STREAM_PATH = ("choices", 0, HOSTILE_HEADER, 1, "名前 a:b", "content")


class EventServer(BaseHTTPRequestHandler):
    """Answers GOOD_KEY with the pieces as server-sent events, else 401 with ERROR.

    After the first piece it waits until the test saw that piece on the sample's stdout
    (``proceed``), so a sample that buffers its output is caught (``waited_in_vain``).
    """

    seen: ClassVar[list[dict[str, Any]]] = []
    framing: ClassVar[str] = "openai-sse"
    proceed: ClassVar[threading.Event] = threading.Event()
    waited_in_vain: ClassVar[bool] = False

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        EventServer.seen.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": [(k.lower(), v) for k, v in self.headers.items()],
                "body": body,
            }
        )
        if self.headers.get("Authorization") != f"Bearer {GOOD_KEY}":
            data = json.dumps(ERROR).encode("utf-8")
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream;charset=UTF-8")
        self.end_headers()
        events = [stream_event(piece) for piece in PIECES]
        events.insert(1, {"choices": [], "usage": {"total_tokens": 3}})  # no text piece
        for n, event in enumerate(events):
            self.send_event(n, json.dumps(event, ensure_ascii=n % 2 == 0))
            if n == 0 and not EventServer.proceed.wait(20):
                EventServer.waited_in_vain = True
        if EventServer.framing == "openai-sse":
            self.send_event(len(events), "[DONE]")
            self.send_event(len(events) + 1, json.dumps(stream_event("AFTER DONE")))

    def send_event(self, n: int, data: str) -> None:
        """One event in the endpoint's framing, flushed."""
        if EventServer.framing == "openai-sse":
            frame = f"data: {data}\n\n"
        else:
            frame = f"id:{n}\nevent:result\n:HTTP_STATUS/200\ndata:{data}\n\n"
        self.wfile.write(frame.encode("utf-8"))
        self.wfile.flush()

    def log_message(self, *args: object) -> None:
        """Quiet."""


def stream_event(piece: str) -> dict[str, Any]:
    """An event carrying ``piece`` at STREAM_PATH, with a decoy beside each step."""
    return {
        "choices": [
            {
                HOSTILE_HEADER: [
                    {"名前 a:b": {"content": "decoy 0"}},
                    {"名前 a:b": {"content": piece}, "content": "decoy"},
                ],
                "item": "decoy",
            }
        ],
        "id": "chatcmpl-1",
    }


@pytest.fixture
def event_server() -> Iterator[str]:
    """A loopback plain-HTTP server of events; yields its base URL."""
    EventServer.seen = []
    EventServer.proceed = threading.Event()
    EventServer.waited_in_vain = False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), EventServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_stream_endpoint(base_url: str, spec: str) -> Endpoint:
    """The shipped streamed endpoint ``spec`` with hostile strings and a hostile reply path."""
    base = next(e for e in load_specs(SPECS) if e.id == spec)
    body = {**base.request_example, "model": HOSTILE, HOSTILE: [HOSTILE, {"`": "\\`"}]}
    return dataclasses.replace(
        base,
        title=HOSTILE,
        regions=(Region("local", base_url, "local"),),
        default_region="local",
        headers=(*base.headers, ("X-Hostile", HOSTILE_HEADER)),
        request_example=body,
        reply_path=STREAM_PATH,
    )


def run_streaming(argv: list[str]) -> tuple[int, bytes, bytes]:
    """Run with GOOD_KEY; tell the server to go on once the first piece is on stdout."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["LC_ALL"] = "C.UTF-8"
    env["DASHSCOPE_API_KEY"] = GOOD_KEY
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    out = bytearray()
    first = PIECES[0].encode("utf-8")

    def read_stdout() -> None:
        while chunk := os.read(proc.stdout.fileno(), 4096):  # type: ignore[union-attr]
            out.extend(chunk)
            if first in out:
                EventServer.proceed.set()

    reader = threading.Thread(target=read_stdout, daemon=True)
    reader.start()
    err = proc.stderr.read()
    proc.wait(timeout=60)
    reader.join(timeout=10)
    return proc.returncode, bytes(out), err


def assert_streams_exactly(endpoint: Endpoint, argv: list[str]) -> None:
    """The pieces in order and nothing else, each before the next was sent; exact request."""
    started = time.monotonic()
    code, out, err = run_streaming(argv)
    assert code == 0, err.decode("utf-8", "replace")
    assert out.decode("utf-8") == "".join(PIECES) + "\n"
    assert not EventServer.waited_in_vain, "the first piece was not printed before the next came"
    assert time.monotonic() - started < 20
    req = EventServer.seen[0]
    assert (req["method"], req["path"]) == (endpoint.method, endpoint.path)
    assert ("authorization", f"Bearer {GOOD_KEY}") in req["headers"]
    for name, value in endpoint.headers:
        assert [v for k, v in req["headers"] if k == name.lower()] == [value]
    assert json.loads(req["body"].decode("utf-8")) == endpoint.request_example

    bad = run(argv, "sk-wrong")
    assert bad.returncode == 1
    assert json.loads(bad.stderr.split(": ", 1)[1]) == ERROR
    assert bad.stdout == ""
    missing = run(argv, None)
    assert missing.returncode != 0 and "DASHSCOPE_API_KEY" in missing.stderr
    assert len(EventServer.seen) == 2


STREAM_SPECS = {"openai-sse": "chat-completions-stream", "dashscope-sse": "text-generation-stream"}


@needs_go
@pytest.mark.parametrize("framing", sorted(STREAM_SPECS))
def test_go_hostile_stream_prints_exactly_the_pieces(
    tmp_path: Path, event_server: str, framing: str
) -> None:
    EventServer.framing = framing
    endpoint = hostile_stream_endpoint(event_server, STREAM_SPECS[framing])
    assert endpoint.response_format == framing
    main = write(tmp_path, "main.go", render_sample(make_environment(TEMPLATES), endpoint, GO))
    go_check(main)
    assert_streams_exactly(endpoint, go_build(main))


@needs_mono
@pytest.mark.parametrize("framing", sorted(STREAM_SPECS))
def test_csharp_hostile_stream_prints_exactly_the_pieces(
    tmp_path: Path, event_server: str, framing: str
) -> None:
    EventServer.framing = framing
    endpoint = hostile_stream_endpoint(event_server, STREAM_SPECS[framing])
    assert endpoint.response_format == framing
    text = render_sample(make_environment(TEMPLATES), endpoint, CSHARP)
    assert_streams_exactly(endpoint, mcs_build(write(tmp_path, "Program.cs", text)))
