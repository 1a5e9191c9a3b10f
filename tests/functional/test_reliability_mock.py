"""The mock under load, as `samplegen mock` runs it: a real process on real sockets.

Two hundred clients at once are all answered (none reset), memory stays bounded over many
large bodies, a malformed chunked body or Content-Length is a prompt 400 (never a read to
the end of the stream), and a client that goes away is one line on stderr, not a traceback.
"""

from __future__ import annotations

import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.mock.core import DEFAULT_API_KEY
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}
CHAT = ENDPOINTS["chat-completions"]
STREAM = ENDPOINTS["chat-completions-stream"]
CLIENTS = 200


class MockProcess:
    """`samplegen mock` in the background: its port, its pid, and what it printed."""

    def __init__(self, tmp: Path) -> None:
        self.stderr_path = tmp / "mock.stderr"
        self._stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "mock", "--specs", str(SPECS), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self.process.stdout is not None
        self.stdout_lines: list[str] = []
        deadline = time.monotonic() + 60
        self.port = 0
        while time.monotonic() < deadline:
            line = self.process.stdout.readline().decode()
            self.stdout_lines.append(line)
            if found := re.match(r"mock: http://127\.0\.0\.1:(\d+)", line):
                self.port = int(found.group(1))
                break
            assert line, f"the mock did not start: {self.stderr_path.read_text()}"
        # Keep reading its request log, so that a full pipe never blocks it.
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.stdout_lines.append(line.decode("utf-8", "replace"))

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text("utf-8", "replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()


@pytest.fixture(scope="module")
def mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockProcess]:
    running = MockProcess(tmp_path_factory.mktemp("mock"))
    yield running
    running.stop()


def _request(body: bytes, path: str = CHAT.path, extra: str = "") -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {CHAT.region().host}\r\n"
        f"Authorization: Bearer {DEFAULT_API_KEY}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n{extra}\r\n"
    )
    return head.encode() + body


def _read_all(sock: socket.socket) -> bytes:
    data = bytearray()
    while chunk := sock.recv(65536):
        data += chunk
    return bytes(data)


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


def test_two_hundred_concurrent_clients_are_all_answered(mock: MockProcess) -> None:
    body = json.dumps(CHAT.request_example).encode()
    request = _request(body)
    start = threading.Barrier(CLIENTS)
    answers: list[int | str] = [0] * CLIENTS

    def client(index: int) -> None:
        try:
            start.wait(30)  # every client connects at the same moment
            with socket.create_connection(("127.0.0.1", mock.port), timeout=60) as sock:
                sock.sendall(request)
                answers[index] = _status(_read_all(sock))
        except OSError as err:
            answers[index] = f"{type(err).__name__}: {err}"

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    failed = [a for a in answers if a != 200]
    assert not failed, f"{len(failed)} of {CLIENTS} clients failed, e.g. {failed[:3]}"


def test_memory_stays_bounded_over_many_large_bodies(mock: MockProcess) -> None:
    # 150 bodies of 0.9 MB: a mock that kept them all grew by about 250 MB.
    filler = "x" * 900_000
    body = json.dumps({**CHAT.request_example, "user": filler}).encode()
    request = _request(body)

    def send(count: int) -> None:
        for _ in range(count):
            with socket.create_connection(("127.0.0.1", mock.port), timeout=60) as sock:
                sock.sendall(request)
                assert _status(_read_all(sock)) in (200, 400)

    send(5)
    before = mock.rss_kib()
    send(70)
    middle = mock.rss_kib()
    send(75)
    after = mock.rss_kib()
    assert after - before < 100 * 1024, f"RSS grew from {before} to {after} KiB"
    assert after - middle < 40 * 1024, f"RSS kept growing: {before}, {middle}, {after} KiB"


@pytest.mark.parametrize(
    ("framing", "body"),
    [
        ("Transfer-Encoding: chunked", b"-1\r\n"),
        ("Transfer-Encoding: chunked", b"zz\r\n"),
        ("Transfer-Encoding: chunked", b"0x10\r\n"),
        ("Transfer-Encoding: chunked", b"+5\r\nhello\r\n0\r\n\r\n"),
        ("Transfer-Encoding: chunked", b"FFFFFFFFFFFFFFFFFFFF\r\n"),
        ("Transfer-Encoding: chunked", b"5\r\nhelloXX"),
        ("Transfer-Encoding: chunked", b"\r\n"),
        ("Transfer-Encoding: gzip, chunked", b"0\r\n\r\n"),
        ("Content-Length: -1", b""),
        ("Content-Length: +5", b"hello"),
        ("Content-Length: 1e3", b""),
        ("Content-Length: 5\r\nContent-Length: 6", b"hello"),
    ],
    ids=lambda value: value if isinstance(value, str) else value[:12].decode("latin-1"),
)
def test_malformed_framing_is_a_prompt_400_not_a_read_to_the_end(
    mock: MockProcess, framing: str, body: bytes
) -> None:
    head = (
        f"POST {CHAT.path} HTTP/1.1\r\nHost: {CHAT.region().host}\r\n"
        f"Authorization: Bearer {DEFAULT_API_KEY}\r\nContent-Type: application/json\r\n"
        f"{framing}\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", mock.port), timeout=10) as sock:
        sock.sendall(head.encode() + body)  # and the connection stays open: no EOF to wait for
        started = time.monotonic()
        answer = _read_all(sock)
    assert _status(answer) in (400, 501), answer[:200]
    assert time.monotonic() - started < 5


def test_a_client_that_goes_away_is_one_line_not_a_traceback(mock: MockProcess) -> None:
    body = json.dumps(STREAM.request_example).encode()
    request = _request(body, STREAM.path)
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", mock.port), timeout=10)
        sock.sendall(request)
        # Close with a reset at once: the mock's answer meets a closed connection.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    deadline = time.monotonic() + 10
    while "went away" not in mock.stderr() and time.monotonic() < deadline:
        time.sleep(0.1)
    stderr = mock.stderr()
    assert "Traceback" not in stderr
    gone = [line for line in stderr.splitlines() if "went away" in line]
    assert gone, stderr[-2000:]
    assert re.fullmatch(r"  transport: client 127\.0\.0\.1:\d+ went away.*\(.+\)", gone[0])
