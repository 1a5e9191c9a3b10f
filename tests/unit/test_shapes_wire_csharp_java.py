"""The answer shapes of the grown spec format, on the wire, in C# (Mono) and Java.

The shape fixtures' C# and Java samples, pointed at a local plain-HTTP server, are built
and run: plain server-sent events print each event's data (or the text at the reply path
of its JSON) before the next event is sent, across multi-line data, comments, ids and CRLF
line ends; an error event inside the stream ends it with a non-zero exit and the event on
stderr; HTTP Basic credentials are base64 of the UTF-8 of user:password (a non-ASCII user,
a colon in the password); a HEAD prints the status and the headers; a redirect is not
followed: its status and Location are printed as they came.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from generator.harness.runtimes.csharp import MCS_ARGS
from generator.model import Endpoint, Region
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs
from tests.conftest import SHAPES

LANGUAGES = ["csharp", "java"]
KEY = "key-0123"
PIECES = ["Hel", "lo\nwide ", "world ✓ 你好"]


def _missing(language: str) -> str | None:
    tools = {"csharp": ("mcs", "mono"), "java": ("javac", "java")}[language]
    absent = [tool for tool in tools if shutil.which(tool) is None]
    return f"SKIPPED: {', '.join(absent)} not on PATH" if absent else None


class Server(BaseHTTPRequestHandler):
    """Answers by the request path; records every request. ``mode`` picks the events."""

    seen: ClassVar[list[dict[str, Any]]] = []
    mode: ClassVar[str] = "text"
    proceed: ClassVar[threading.Event] = threading.Event()
    waited_in_vain: ClassVar[bool] = False

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        Server.seen.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": [(k.lower(), v) for k, v in self.headers.items()],
                "body": self.rfile.read(length),
            }
        )

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def _answer(self) -> None:
        self._record()
        if "/follow" in self.path or "/complete" in self.path:
            self._events()
        elif "/files/" in self.path:
            self.send_response(200)
            self.send_header("X-Reply", "head reply 42")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif "/download" in self.path:
            self.send_response(302)
            self.send_header("Location", "https://files.example.test/r%20a.pdf?x=1&y=%2F")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            body = json.dumps({"id": "acct-1", "name": "ok"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        json_events = "/complete" in self.path
        frames = []
        for n, piece in enumerate(PIECES):
            data = json.dumps({"delta": {"text": piece}, "index": n}) if json_events else piece
            lines = [f"data: {line}" for line in data.split("\n")]
            if n == 1:
                lines = [": a comment", f"id: {n}", "retry: 1000", *lines]
            end = "\r\n" if n == 2 else "\n"
            frames.append(end.join(lines) + end + end)
        if Server.mode == "error":
            frames.insert(1, 'event: error\ndata: {"message": "stream broke"}\n\n')
        for n, frame in enumerate(frames):
            self.wfile.write(frame.encode("utf-8"))
            self.wfile.flush()
            if n == 0 and not Server.proceed.wait(30):
                Server.waited_in_vain = True

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A loopback plain-HTTP server; yields its base URL."""
    Server.seen = []
    Server.mode = "text"
    Server.proceed = threading.Event()
    Server.waited_in_vain = False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def shape(endpoint_id: str, base_url: str) -> Endpoint:
    """Shape fixture ``endpoint_id`` pointed at ``base_url``."""
    (endpoint,) = [e for e in load_specs(SHAPES) if e.id == endpoint_id]
    return dataclasses.replace(
        endpoint, regions=(Region("local", base_url, "Local"),), default_region="local"
    )


def build(language: str, endpoint: Endpoint, folder: Path) -> list[str]:
    """Render ``endpoint`` in ``language``, compile it warning-free; the command that runs it."""
    if (reason := _missing(language)) is not None:
        pytest.skip(reason)
    chosen = variant(f"{language}-httpclient")
    assert chosen.decline_reason(endpoint) is None
    text = render_sample(make_environment(), endpoint, chosen)
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    env.pop("JAVA_TOOL_OPTIONS", None)
    if language == "csharp":
        (folder / "Program.cs").write_text(text, "utf-8")
        done = subprocess.run(
            ["mcs", *MCS_ARGS, "Program.cs"], cwd=folder, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return ["mono", str(folder / "Program.exe")]
    (folder / "Main.java").write_text(text, "utf-8")
    done = subprocess.run(
        ["javac", "-Xlint:all", "-Werror", "-d", "classes", "Main.java"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return ["java", "-cp", str(folder / "classes"), "Main"]


def environment(extra: dict[str, str]) -> dict[str, str]:
    """No proxy variables, a UTF-8 locale (Mono's console and Java's getenv follow it)."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.pop("JAVA_TOOL_OPTIONS", None)
    return {**env, "LC_ALL": "C.UTF-8", **extra}


def run_streaming(argv: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run; let the server go on once the first piece is on stdout."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    out = bytearray()

    def read_stdout() -> None:
        while chunk := os.read(proc.stdout.fileno(), 4096):  # type: ignore[union-attr]
            out.extend(chunk)
            if PIECES[0].encode() in out:
                Server.proceed.set()

    reader = threading.Thread(target=read_stdout, daemon=True)
    reader.start()
    err = proc.stderr.read()
    proc.wait(timeout=90)
    reader.join(timeout=10)
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8", "replace")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("endpoint_id", ["sse-plain-text", "sse-plain-json"])
def test_plain_events_print_each_piece_as_it_arrives(
    tmp_path: Path, server: str, language: str, endpoint_id: str
) -> None:
    endpoint = shape(endpoint_id, server)
    argv = build(language, endpoint, tmp_path)
    code, out, err = run_streaming(argv, environment({"ACME_API_KEY": KEY}))
    assert code == 0, err
    assert out == "".join(PIECES) + "\n"
    assert not Server.waited_in_vain, "the first piece was not printed before the next came"
    (request,) = Server.seen
    assert (request["method"], request["path"]) == (endpoint.method, endpoint.resolved_path)
    assert ("x-api-key", KEY) in request["headers"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("endpoint_id", ["sse-plain-text", "sse-plain-json"])
def test_an_error_event_inside_the_stream_ends_it_non_zero(
    tmp_path: Path, server: str, language: str, endpoint_id: str
) -> None:
    Server.mode = "error"
    argv = build(language, shape(endpoint_id, server), tmp_path)
    code, out, err = run_streaming(argv, environment({"ACME_API_KEY": KEY}))
    assert code == 1
    assert out.strip() == PIECES[0]  # what came before the error, then a line end
    assert '{"message": "stream broke"}' in err


@pytest.mark.parametrize("language", LANGUAGES)
def test_basic_credentials_are_base64_of_the_utf8_of_user_colon_password(
    tmp_path: Path, server: str, language: str
) -> None:
    user, password = "üser 名", "pa:ss wörd\t!"
    argv = build(language, shape("basic-auth-account", server), tmp_path)
    env = environment({"ACME_USER": user, "ACME_PASSWORD": password})
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    (request,) = Server.seen
    assert [v for k, v in request["headers"] if k == "authorization"] == [f"Basic {token}"]
    missing = subprocess.run(
        argv, env=environment({"ACME_USER": user}), capture_output=True, text=True, timeout=90
    )
    assert missing.returncode == 1 and "ACME_PASSWORD" in missing.stderr
    assert len(Server.seen) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_head_prints_the_status_and_the_headers(tmp_path: Path, server: str, language: str) -> None:
    argv = build(language, shape("head-file", server), tmp_path)
    done = subprocess.run(
        argv, env=environment({"ACME_API_KEY": KEY}), capture_output=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("utf-8").splitlines()
    assert lines[0] == "HTTP 200"
    assert "x-reply: head reply 42" in [line.lower() for line in lines]
    (request,) = Server.seen
    assert (request["method"], request["path"]) == ("HEAD", "/v1/files/file-abc%201")
    assert request["body"] == b""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_redirect_is_printed_not_followed(tmp_path: Path, server: str, language: str) -> None:
    argv = build(language, shape("redirect-302", server), tmp_path)
    done = subprocess.run(
        argv, env=environment({"ACME_API_KEY": KEY}), capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "HTTP 302",
        "Location: https://files.example.test/r%20a.pdf?x=1&y=%2F",
    ]
    assert len(Server.seen) == 1  # not followed
