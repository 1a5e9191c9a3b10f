"""A loopback CONNECT proxy that terminates TLS for any host and answers as the mock."""

from __future__ import annotations

import contextlib
import selectors
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import trustme

from generator.mock.core import Mock
from generator.mock.server import (
    CLIENT_GONE,
    LISTEN_BACKLOG,
    SOCKET_TIMEOUT,
    MockHandler,
    MockServer,
    client_gone,
)


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


_TLS_HANDSHAKE = b"\x16"  # the first byte of a TLS ClientHello record


class ProxyHandler(MockHandler):
    """CONNECT: answer 200, terminate TLS as the requested host, serve the mock inside.

    A tunnel whose client speaks plain HTTP instead of TLS is served as it is. Any other
    request (a plain-http request in absolute form) is answered by the mock, which judges
    its scheme against the spec's.
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
            first = self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return
        if first and first != _TLS_HANDSHAKE:
            # Plain HTTP inside the tunnel: clients such as undici tunnel http:// requests
            # through CONNECT too. Serve the mock on the raw stream, as the scheme http.
            inner = type("PlainTunnel", (MockHandler,), {"scheme": "http", "connect_host": host})
            with contextlib.suppress(OSError):
                inner(self.connection, self.client_address, self.server)
            return
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
        except CLIENT_GONE as err:  # whatever it sent was recorded
            mock.record_event(client_gone(self.client_address, err, f"(CONNECT {host})"))
        except OSError:
            pass  # the tunnel's socket was closed under it
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


class ProxyPort:
    """One listening port of a :class:`SharedProxy`, leased to one job at a time.

    A connection reaches the mock leased at the moment it is accepted; between leases
    the port has no mock and closes what it accepts.
    """

    def __init__(self, listener: socket.socket, ca: TestCA) -> None:
        self.listener = listener
        self.ca = ca
        self.mock: Mock | None = None
        self.server_address: tuple[str, int] = listener.getsockname()[:2]

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, the value of ``HTTPS_PROXY`` for this job."""
        host, port = self.server_address
        return f"http://{host}:{port}"


class _Binding:
    """What a :class:`ProxyHandler` reads from its ``server``: the mock and the CA."""

    def __init__(self, mock: Mock, ca: TestCA) -> None:
        self.mock = mock
        self.ca = ca


class SharedProxy:
    """One CONNECT proxy for a whole harness run: one port per concurrently running job.

    :meth:`lease` hands a job a port whose connections reach that job's mock; a released
    port goes back to the pool and is reused, so a run opens only as many ports as it
    runs jobs at once. Clients are routed by the port they connect to (every client
    honours a proxy port; not every client sends proxy credentials). One thread accepts
    on every port with a selector; :meth:`close` wakes it through a socket pair instead
    of waiting out a poll interval.
    """

    def __init__(self, ca: TestCA, host: str = "127.0.0.1") -> None:
        self.ca = ca
        self.host = host
        self._selector = selectors.DefaultSelector()
        self._wake_read, self._wake_write = socket.socketpair()
        self._selector.register(self._wake_read, selectors.EVENT_READ, None)
        self._lock = threading.Lock()
        self._free: list[ProxyPort] = []
        self._ports: list[ProxyPort] = []
        self._closed = False
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    @property
    def port_count(self) -> int:
        """How many ports the proxy has opened so far (the most jobs it served at once)."""
        with self._lock:
            return len(self._ports)

    @contextlib.contextmanager
    def lease(self, mock: Mock) -> Iterator[ProxyPort]:
        """A port routed to ``mock`` for the duration of the ``with`` block."""
        port = self._take()
        port.mock = mock
        try:
            yield port
        finally:
            port.mock = None
            with self._lock:
                self._free.append(port)

    def _take(self) -> ProxyPort:
        with self._lock:
            if self._closed:
                raise RuntimeError("the shared proxy is closed")
            if self._free:
                return self._free.pop()
            listener = socket.create_server((self.host, 0), backlog=LISTEN_BACKLOG)
            listener.setblocking(False)
            port = ProxyPort(listener, self.ca)
            self._ports.append(port)
            self._selector.register(listener, selectors.EVENT_READ, port)
        self._wake()  # the accept loop picks up the new registration
        return port

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_write.send(b"x")

    def _accept_loop(self) -> None:
        while True:
            for key, _events in self._selector.select():
                port: ProxyPort | None = key.data
                if port is None:
                    with contextlib.suppress(OSError):
                        self._wake_read.recv(4096)
                    if self._closed:
                        return
                    continue
                try:
                    conn, address = port.listener.accept()
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    if self._closed:
                        return
                    continue
                mock = port.mock
                if mock is None:  # no job holds this port: nobody to answer
                    conn.close()
                    continue
                threading.Thread(
                    target=self._serve, args=(conn, address, _Binding(mock, self.ca)), daemon=True
                ).start()

    @staticmethod
    def _serve(conn: socket.socket, address: tuple, binding: _Binding) -> None:
        conn.setblocking(True)
        try:
            ProxyHandler(conn, address, binding)
        except CLIENT_GONE as err:  # whatever it sent was recorded
            binding.mock.record_event(client_gone(address, err))
        except OSError:
            pass  # the connection was closed under it
        finally:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_WR)
            conn.close()

    def close(self) -> None:
        """Stop accepting and close every port (no poll interval to wait out)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._wake()
        self._thread.join()
        for port in self._ports:
            self._selector.unregister(port.listener)
            port.listener.close()
        self._selector.close()
        self._wake_read.close()
        self._wake_write.close()

    def __enter__(self) -> SharedProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
