"""The mock API over real HTTP on loopback: a request handler and a threaded server.

Built to hold under a harness's load: a listen backlog of :data:`LISTEN_BACKLOG` (the
harness and the survey open hundreds of connections at once), strict request framing (a
malformed chunk size or Content-Length is a 400, never a read to the end of the stream),
and a client that goes away mid-answer is one line in the mock's events, not a traceback.
"""

from __future__ import annotations

import re
import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.mock.core import MAX_BODY_BYTES, IncomingRequest, Mock, MockResponse

SOCKET_TIMEOUT = 30.0
# Connections the kernel queues before accept (capped by net.core.somaxconn): the stdlib's
# default of 5 reset about half the clients of 50-200 concurrent connections.
LISTEN_BACKLOG = 1024
_CHUNK_SIZE = re.compile(rb"^([0-9A-Fa-f]{1,15})(?:[ \t]*;[^\r\n]*)?\r?\n$")
_MAX_LINE = 4096  # longest chunk-size or trailer line read
_MAX_TRAILERS = 64
# What a client that went away looks like to the server.
CLIENT_GONE = (ConnectionError, TimeoutError, ssl.SSLError)


class _BadFraming(Exception):
    """The request's body framing (Content-Length, chunked encoding) is malformed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class MockHandler(BaseHTTPRequestHandler):
    """Serves :class:`Mock` answers; ``server.mock`` is the mock (HTTP/1.1, keep-alive)."""

    protocol_version = "HTTP/1.1"
    server_version = "samplegen-mock"
    sys_version = ""
    scheme = "http"
    connect_host: str | None = None

    def setup(self) -> None:
        self.request.settimeout(SOCKET_TIMEOUT)
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the mock records requests itself; nothing goes to stderr

    def _read_body(self) -> bytes | None:
        """The request body (Content-Length or chunked), or None after answering 4xx/5xx."""
        try:
            return self._body()
        except _BadFraming as err:
            self._plain_error(err.status, str(err))
            return None

    def _body(self) -> bytes:
        codings = [
            c.strip().lower()
            for value in self.headers.get_all("Transfer-Encoding") or ()
            for c in value.split(",")
            if c.strip()
        ]
        if codings:
            if codings != ["chunked"]:
                raise _BadFraming(501, f"unsupported Transfer-Encoding {', '.join(codings)}")
            return self._chunked_body()
        lengths = {v.strip() for v in self.headers.get_all("Content-Length") or ()}
        if not lengths:
            return b""
        if len(lengths) > 1:
            raise _BadFraming(400, "several different Content-Length headers")
        length = lengths.pop()
        if not length.isascii() or not length.isdigit():
            raise _BadFraming(400, f"bad Content-Length {length[:40]!r}")
        size = int(length)
        if size > MAX_BODY_BYTES:
            raise _BadFraming(413, "request body too large")
        data = self.rfile.read(size)
        if len(data) != size:
            raise _BadFraming(400, f"body ended after {len(data)} of {size} bytes")
        return data

    def _chunked_body(self) -> bytes:
        """A chunked body, read strictly: hex sizes only, CRLF after every chunk, bounded."""
        data = bytearray()
        while True:
            size_line = self.rfile.readline(_MAX_LINE)
            match = _CHUNK_SIZE.match(size_line)
            if match is None:
                shown = size_line[:40].decode("latin-1").rstrip("\r\n")
                raise _BadFraming(400, f"bad chunk size line {shown!r} (hex digits expected)")
            size = int(match.group(1), 16)
            if size == 0:
                for _ in range(_MAX_TRAILERS):
                    trailer = self.rfile.readline(_MAX_LINE)
                    if trailer in (b"\r\n", b"\n"):
                        return bytes(data)
                    if not trailer.endswith(b"\n"):
                        raise _BadFraming(400, "chunked body ended inside its trailer")
                raise _BadFraming(400, "too many trailer lines")
            if len(data) + size > MAX_BODY_BYTES:
                raise _BadFraming(413, "request body too large")
            chunk = self.rfile.read(size)
            if len(chunk) != size:
                raise _BadFraming(400, f"chunk ended after {len(chunk)} of {size} bytes")
            data += chunk
            end = self.rfile.read(1)
            if end == b"\r":
                end += self.rfile.read(1)
            if end not in (b"\r\n", b"\n"):
                raise _BadFraming(400, "a chunk's data is not followed by a line end")

    def _plain_error(self, status: int, message: str) -> None:
        self.close_connection = True
        self.write_response(
            MockResponse.json(status, {"error": {"message": f"samplegen mock: {message}"}})
        )

    def _serve(self) -> None:
        body = self._read_body()
        if body is None:
            return
        incoming = IncomingRequest(
            method=self.command,
            target=self.path,
            headers=tuple((k, v) for k, v in self.headers.items()),
            body=body,
            scheme=self.scheme,
            connect_host=self.connect_host,
        )
        mock: Mock = self.server.mock  # type: ignore[attr-defined]
        try:
            response = mock.handle(incoming)
        except Exception as err:  # a mock bug answers 500 and is reported, never a hang-up
            mock.record_event(f"the mock failed on {self.command} {self.path}: {err!r}")
            self._plain_error(500, f"the mock failed: {type(err).__name__}")
            return
        del body, incoming  # judged and recorded: the mock keeps what it needs
        try:
            self.write_response(response)
        except CLIENT_GONE as err:
            self.close_connection = True
            where = f"during the answer to {self.command} {self.path[:200]}"
            mock.record_event(client_gone(self.client_address, err, where))

    def write_response(self, response: MockResponse) -> None:
        """Send ``response``: bytes with Content-Length, an iterable of chunks chunked."""
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if isinstance(response.body, bytes | bytearray):
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in response.body:
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def __getattr__(self, name: str) -> Any:
        """Any other method token (PROPFIND, PURGE, ...) is served too: the mock judges it."""
        if name.startswith("do_") and name != "do_CONNECT":
            return self._serve
        raise AttributeError(name)


def client_gone(address: Any, err: BaseException, where: str = "") -> str:
    """One line saying that the client at ``address`` went away, and how."""
    shown = f"{address[0]}:{address[1]}" if isinstance(address, tuple) else str(address)
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return " ".join(part for part in (f"client {shown} went away", where, f"({reason})") if part)


class MockServer(ThreadingHTTPServer):
    """A plain-HTTP mock on loopback; use as a context manager to serve in a thread."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, mock: Mock, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__((host, port), MockHandler)
        self.mock = mock
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
            self._thread = None
        self.server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is one line in the mock's events; anything else is a
        bug of the mock and keeps the standard report (with its traceback)."""
        err = sys.exc_info()[1]
        if isinstance(err, CLIENT_GONE):
            self.mock.record_event(client_gone(client_address, err))
            return
        super().handle_error(request, client_address)

    def __enter__(self) -> MockServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def is_loopback(host: str) -> bool:
    """Whether ``host`` resolves only to loopback addresses (the mock never listens elsewhere)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return all(info[4][0].startswith("127.") or info[4][0] == "::1" for info in infos) and bool(
        infos
    )
