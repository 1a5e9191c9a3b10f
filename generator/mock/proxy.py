"""A loopback CONNECT proxy that terminates TLS for any host and answers as the mock."""

from __future__ import annotations

import contextlib
import ssl
import threading
from pathlib import Path

import trustme

from generator.mock.core import Mock
from generator.mock.server import SOCKET_TIMEOUT, MockHandler, MockServer


class TestCA:
    """A throwaway certificate authority: mints a server certificate per host on demand.

    Its certificate is written as PEM to ``folder/ca.pem`` for clients to trust. Nothing
    is installed in the system store.
    """

    __test__ = False  # not a pytest test class

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._ca = trustme.CA(organization_name="samplegen throwaway test CA")
        self.pem = folder / "ca.pem"
        self._ca.cert_pem.write_to_path(str(self.pem))
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    def server_context(self, host: str) -> ssl.SSLContext:
        """A TLS server context with a certificate for ``host``; ALPN offers http/1.1 only."""
        with self._lock:
            context = self._contexts.get(host)
            if context is None:
                context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                self._ca.issue_cert(host).configure_cert(context)
                context.set_alpn_protocols(["http/1.1"])
                self._contexts[host] = context
            return context


def _split_authority(authority: str) -> tuple[str, int]:
    """``host:port`` (or ``[v6]:port``) -> (host, port); the port defaults to 443."""
    if authority.startswith("["):
        end = authority.find("]")
        host, rest = authority[1:end], authority[end + 1 :]
        return host, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else 443
    host, sep, port = authority.rpartition(":")
    if sep and port.isdigit():
        return host, int(port)
    return authority, 443


class ProxyHandler(MockHandler):
    """CONNECT: answer 200, terminate TLS as the requested host, serve the mock inside.

    Any other request (a plain-http request in absolute form) is answered by the mock,
    which records the wrong scheme as a mismatch.
    """

    def do_CONNECT(self) -> None:
        """Open the tunnel and serve the mock on the decrypted stream."""
        host, _port = _split_authority(self.path)
        mock: Mock = self.server.mock  # type: ignore[attr-defined]
        ca: TestCA = self.server.ca  # type: ignore[attr-defined]
        if not host:
            self._plain_error(400, f"bad CONNECT target {self.path!r}")
            mock.record_event(f"CONNECT: bad target {self.path!r}")
            return
        self.send_response(200, "Connection Established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        try:
            tls = ca.server_context(host).wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError) as err:
            mock.record_event(
                f"TLS handshake for {host} failed ({err}); "
                "does the client trust the test CA (ca.pem)?"
            )
            return
        tls.settimeout(SOCKET_TIMEOUT)
        inner = type("TunnelHandler", (MockHandler,), {"scheme": "https", "connect_host": host})
        try:
            inner(tls, self.client_address, self.server)
        except (OSError, ssl.SSLError):
            pass  # the client went away; whatever it sent was recorded
        finally:
            with contextlib.suppress(OSError):
                tls.close()


class InterceptingProxy(MockServer):
    """The mock behind a CONNECT proxy on loopback, serving TLS for whatever host is asked."""

    def __init__(self, mock: Mock, ca: TestCA, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(mock, host, port)
        self.RequestHandlerClass = ProxyHandler
        self.ca = ca

    def __enter__(self) -> InterceptingProxy:
        self.start()
        return self
