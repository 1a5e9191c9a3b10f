"""The mock API over real HTTP on loopback: a request handler and a threaded server."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.mock.core import MAX_BODY_BYTES, IncomingRequest, Mock, MockResponse

SOCKET_TIMEOUT = 30.0


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
        """The request body (Content-Length or chunked), or None after answering 4xx."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            data = bytearray()
            while True:
                size_line = self.rfile.readline(1024)
                try:
                    size = int(size_line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    self._plain_error(400, "bad chunked encoding")
                    return None
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(data)
                if len(data) + size > MAX_BODY_BYTES:
                    self._plain_error(413, "request body too large")
                    return None
                data += self.rfile.read(size)
                self.rfile.readline(1024)
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            size = int(length)
        except ValueError:
            self._plain_error(400, "bad Content-Length")
            return None
        if size < 0 or size > MAX_BODY_BYTES:
            self._plain_error(413, "request body too large")
            return None
        return self.rfile.read(size)

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
        self.write_response(response)

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


class MockServer(ThreadingHTTPServer):
    """A plain-HTTP mock on loopback; use as a context manager to serve in a thread."""

    daemon_threads = True
    allow_reuse_address = True

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
