"""The mock API's logic, free of sockets: check one request against the specs and answer it."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from generator.model import JSON, Endpoint
from generator.streaming import put_at, stream_frames

DEFAULT_API_KEY = "sk-samplegen-mock"
DEFAULT_DENIED_KEY = "sk-samplegen-mock-denied"
DEFAULT_REPLY = "Hello from the samplegen mock."
MAX_BODY_BYTES = 1_000_000

# Status codes for the documented error conditions, used when a spec omits one of them.
_DEFAULT_STATUS = {
    "invalid_parameter": 400,
    "invalid_api_key": 401,
    "access_denied": 403,
    "model_not_found": 404,
}
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


@dataclass
class MockConfig:
    """How the mock answers.

    ``api_key`` is the only key it accepts; ``denied_key`` is a second key that is
    authenticated but not authorized, answered with the spec's ``access_denied`` error
    (that is the documented trigger: samples cannot send test-only headers). Any other
    key gets ``invalid_api_key``. ``reply`` is placed at each endpoint's ``reply_path``.
    ``region`` pins the expected host to one region (None accepts any region's host).
    ``exact_body`` (harness mode) also requires the body to equal the request example.
    """

    api_key: str = DEFAULT_API_KEY
    denied_key: str = DEFAULT_DENIED_KEY
    reply: str = DEFAULT_REPLY
    region: str | None = None
    exact_body: bool = False


@dataclass(frozen=True)
class IncomingRequest:
    """One HTTP request as the transport received it."""

    method: str
    target: str  # the request target: "/path?query", or an absolute URL sent to a proxy
    headers: tuple[tuple[str, str], ...]
    body: bytes
    scheme: str = "http"  # "https" when it arrived through the intercepting proxy's TLS
    connect_host: str | None = None  # the host the client CONNECTed to, if proxied

    def header_values(self, name: str) -> list[str]:
        """Every value of header ``name`` (case-insensitive), in order."""
        lower = name.lower()
        return [v for k, v in self.headers if k.lower() == lower]


@dataclass
class MockResponse:
    """What the mock answers. A bytes body is sent with Content-Length; an iterable of
    chunks is sent with ``Transfer-Encoding: chunked`` (the path server-sent events take)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes | Iterable[bytes]

    @classmethod
    def json(cls, status: int, data: JSON) -> MockResponse:
        """A JSON answer."""
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return cls(status, [("Content-Type", "application/json")], payload)

    @classmethod
    def sse(cls, status: int, frames: Iterable[str]) -> MockResponse:
        """A ``text/event-stream`` answer of complete event ``frames`` (each one or more
        ``field:value`` lines), each followed by the blank line that ends an event."""
        headers = [
            ("Content-Type", "text/event-stream;charset=UTF-8"),
            ("Cache-Control", "no-cache"),
        ]
        return cls(status, headers, (f"{frame}\n\n".encode() for frame in frames))


@dataclass
class RecordedRequest:
    """A request the mock saw, what it found wrong with it and what it answered."""

    method: str
    host: str | None  # from the Host header, without a default port
    connect_host: str | None
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    raw_body: bytes
    json: JSON | None
    endpoint_id: str | None
    mismatches: list[str] = field(default_factory=list)
    status: int = 0
    answer: str = ""  # "success", an error condition ("invalid_api_key") or "unknown_path"

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    def summary(self) -> str:
        """One line: method, host, path, what matched and what was answered."""
        where = f"{self.host or '(no Host)'}{self.path}"
        if self.connect_host and self.connect_host != self.host:
            where += f" (CONNECT {self.connect_host})"
        matched = self.endpoint_id or "no endpoint"
        return f"{self.method} {where} -> {matched}, answered {self.status} {self.answer}"


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(f"duplicate key {key!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json_strictly(raw: bytes) -> JSON:
    """Parse UTF-8 JSON, refusing NaN/Infinity and duplicate object keys."""
    return json.loads(
        raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_reject_constant
    )


def _where(path: Iterable[str | int]) -> str:
    text = "body"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _short(value: JSON, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def json_differences(
    saw: JSON,
    expected: JSON,
    path: tuple[str | int, ...] = (),
    defaults: JSON = None,
) -> list[str]:
    """Where ``saw`` differs from ``expected`` as JSON (numbers by value, booleans by type).

    A key the spec leaves out is no difference when the client sent an empty object for
    it (SDKs such as DashScope's always send ``"parameters": {}``) or the value that
    ``defaults`` (the spec's ``request.defaults``) documents as the API's own default.
    """
    if isinstance(expected, dict) and isinstance(saw, dict):
        known = defaults if isinstance(defaults, dict) else {}
        out = []
        for key in expected:
            if key not in saw:
                out.append(f"{_where((*path, key))}: missing, spec says {_short(expected[key])}")
            else:
                out.extend(json_differences(saw[key], expected[key], (*path, key), known.get(key)))
        for key in saw:
            if key in expected or saw[key] == {}:
                continue
            if key in known:
                out.extend(json_differences(saw[key], known[key], (*path, key), known[key]))
                continue
            out.append(f"{_where((*path, key))}: saw {_short(saw[key])}, not in the spec")
        return out
    if isinstance(expected, list) and isinstance(saw, list):
        out = []
        for i, (s, e) in enumerate(zip(saw, expected, strict=False)):
            out.extend(json_differences(s, e, (*path, i)))
        if len(saw) != len(expected):
            out.append(f"{_where(path)}: saw {len(saw)} items, spec says {len(expected)}")
        return out
    if _same_scalar(saw, expected):
        return []
    return [f"{_where(path)}: saw {_short(saw)}, spec says {_short(expected)}"]


def _same_scalar(a: JSON, b: JSON) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        if isinstance(a, float) or isinstance(b, float):
            # The same double, whichever way a client printed it (JavaScript prints
            # 2.022432196881043e16 as 20224321968810430).
            try:
                return float(a) == float(b)
            except OverflowError:
                return False
        return a == b
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    return type(a) is type(b) and a == b


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _strip_port(host: str, scheme: str) -> str:
    default = "443" if scheme == "https" else "80"
    if host.startswith("["):
        end = host.find("]")
        name, rest = host[1:end], host[end + 1 :]
        return name if rest in ("", f":{default}") else f"{name}{rest}"
    name, sep, port = host.rpartition(":")
    if sep and port.isdigit():
        return name if port == default else host
    return host


class Mock:
    """The mock API for a set of endpoints: checks requests, answers them, records them."""

    def __init__(
        self,
        endpoints: Iterable[Endpoint],
        config: MockConfig | None = None,
        on_request: Callable[[RecordedRequest], None] | None = None,
    ) -> None:
        self.endpoints = list(endpoints)
        self.config = config or MockConfig()
        self.on_request = on_request
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._events: list[str] = []
        self._validators = {
            e.id: jsonschema.Draft202012Validator(e.request_schema) for e in self.endpoints
        }

    # -- recording -------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request seen since the last :meth:`reset`, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def events(self) -> list[str]:
        """Transport problems seen since the last reset (failed TLS handshakes, bad CONNECTs)."""
        with self._lock:
            return list(self._events)

    def record_event(self, text: str) -> None:
        """Note a transport-level problem (the proxy reports TLS failures here)."""
        with self._lock:
            self._events.append(text)

    def reset(self, config: MockConfig | None = None) -> None:
        """Forget what was recorded; optionally switch to a new configuration."""
        with self._lock:
            self._requests.clear()
            self._events.clear()
            if config is not None:
                self.config = config

    # -- answering -------------------------------------------------------------------
    def endpoint_for(self, path: str, request: IncomingRequest | None = None) -> Endpoint | None:
        """The endpoint served at ``path`` (no query string), if any.

        Several specs may share a path (chat completions: plain, streamed, with images).
        Then the request decides: a streamed call (``"stream": true`` or
        ``X-DashScope-SSE: enable``) picks a streaming spec, and among those the one whose
        request schema the body satisfies and whose example model it names.
        """
        candidates = [e for e in self.endpoints if e.path == path]
        if len(candidates) <= 1 or request is None:
            return candidates[0] if candidates else None
        try:
            body = parse_json_strictly(request.body)
        except (UnicodeDecodeError, ValueError):
            body = None
        sse = [v.strip().lower() for v in request.header_values("X-DashScope-SSE")]
        wants_stream = (isinstance(body, dict) and body.get("stream") is True) or "enable" in sse

        def score(endpoint: Endpoint) -> tuple[bool, bool, bool]:
            example = endpoint.request_example
            same_model = (
                isinstance(body, dict)
                and isinstance(example, dict)
                and body.get("model") == example.get("model")
            )
            valid = self._validators[endpoint.id].is_valid(body)
            return (endpoint.streams == wants_stream, valid, same_model)

        return max(candidates, key=score)

    def handle(self, request: IncomingRequest) -> MockResponse:
        """Check ``request``, record it, and return the answer."""
        config = self.config
        split = urlsplit(request.target)
        mismatches: list[str] = []
        if split.scheme:  # absolute-form: a plain-http request sent to the proxy
            mismatches.append(
                f"scheme: saw a plain {split.scheme}:// request to {request.target}, "
                "spec says https"
            )
        hosts = request.header_values("Host")
        host = _strip_port(hosts[0], request.scheme) if hosts else None
        if len(hosts) > 1:
            mismatches.append(f"host: {len(hosts)} Host headers")
        body_json: JSON | None = None
        record = RecordedRequest(
            method=request.method,
            host=host,
            connect_host=request.connect_host,
            path=split.path,
            query=split.query,
            headers=request.headers,
            raw_body=request.body,
            json=None,
            endpoint_id=None,
            mismatches=mismatches,
        )
        endpoint = self.endpoint_for(split.path, request)
        if endpoint is None:
            known = ", ".join(sorted({e.path for e in self.endpoints}))
            mismatches.append(f"path: saw {split.path}, no spec has that path (known: {known})")
            response = MockResponse.json(
                404,
                {
                    "error": {
                        "message": f"samplegen mock: no endpoint at {split.path}",
                        "code": "not_found",
                    }
                },
            )
            return self._finish(record, response, "unknown_path")
        record.endpoint_id = endpoint.id
        self._check_host(endpoint, host, request, mismatches, config)
        if split.query:
            mismatches.append(f"query: saw ?{split.query}, spec has none")
        if request.method != endpoint.method:
            mismatches.append(f"method: saw {request.method}, spec says {endpoint.method}")
        key_state = self._check_auth(endpoint, request, mismatches, config)
        self._check_headers(endpoint, request, mismatches)
        body_problem = parsed = False
        if request.body or endpoint.method in _BODY_METHODS:
            try:
                body_json = parse_json_strictly(request.body)
                record.json = body_json
                parsed = True
            except (UnicodeDecodeError, ValueError) as err:
                mismatches.append(f"body: not valid JSON ({err})")
                body_problem = True
        if parsed:
            errors = sorted(
                self._validators[endpoint.id].iter_errors(body_json), key=lambda e: e.path
            )
            for err in errors[:5]:
                mismatches.append(f"{_where(err.absolute_path)}: {err.message} (request schema)")
            body_problem = body_problem or bool(errors)
        unknown_model = (
            bool(endpoint.models)
            and isinstance(body_json, dict)
            and isinstance(body_json.get("model"), str)
            and body_json["model"] not in endpoint.models
        )
        differs = False
        if config.exact_body and not body_problem:
            diffs = json_differences(
                body_json, endpoint.request_example, defaults=endpoint.request_defaults
            )
            mismatches.extend(diffs)
            differs = bool(diffs)

        if request.method != endpoint.method:
            message = f"samplegen mock: {endpoint.path} takes {endpoint.method}"
            response = MockResponse.json(
                405, {"error": {"message": message, "code": "method_not_allowed"}}
            )
            response.headers.append(("Allow", endpoint.method))
            return self._finish(record, response, "method_not_allowed")
        if key_state == "invalid":
            return self._finish(record, self.error(endpoint, "invalid_api_key"), "invalid_api_key")
        if key_state == "denied":
            return self._finish(record, self.error(endpoint, "access_denied"), "access_denied")
        if body_problem:
            return self._finish(
                record, self.error(endpoint, "invalid_parameter"), "invalid_parameter"
            )
        if unknown_model:
            return self._finish(record, self.error(endpoint, "model_not_found"), "model_not_found")
        if differs:
            return self._finish(
                record, self.error(endpoint, "invalid_parameter"), "invalid_parameter"
            )
        return self._finish(record, self.success(endpoint, body_json), "success")

    def success(self, endpoint: Endpoint, body: JSON | None) -> MockResponse:
        """The success answer: the response example with the configured reply at reply_path,
        or, for a streaming endpoint, server-sent events that carry the reply in pieces."""
        if endpoint.streams:
            return MockResponse.sse(
                endpoint.response_status, stream_frames(endpoint, self.config.reply)
            )
        document = put_at(endpoint.response_example, endpoint.reply_path, self.config.reply)
        return MockResponse.json(endpoint.response_status, document)

    def error(self, endpoint: Endpoint, when: str) -> MockResponse:
        """The spec's error answer for condition ``when`` (a generic body if undocumented)."""
        documented = endpoint.error(when)
        if documented is not None:
            return MockResponse.json(documented.status, documented.body)
        status = _DEFAULT_STATUS.get(when, 400)
        return MockResponse.json(
            status, {"error": {"message": f"samplegen mock: {when}", "code": when}}
        )

    def _finish(self, record: RecordedRequest, response: MockResponse, answer: str) -> MockResponse:
        record.status = response.status
        record.answer = answer
        with self._lock:
            self._requests.append(record)
        if self.on_request is not None:
            self.on_request(record)
        return response

    @staticmethod
    def _check_host(
        endpoint: Endpoint,
        host: str | None,
        request: IncomingRequest,
        mismatches: list[str],
        config: MockConfig,
    ) -> None:
        if config.region is not None:
            try:
                expected = [endpoint.region(config.region).host]
            except KeyError:
                expected = [r.host for r in endpoint.regions]
        else:
            expected = [r.host for r in endpoint.regions]
        says = " or ".join(expected)
        if host is None:
            mismatches.append(f"host: no Host header, spec says {says}")
        elif host.lower() not in expected:
            mismatches.append(f"host: saw {host}, spec says {says}")
        connect = request.connect_host
        if connect is not None and connect.lower() not in expected and connect != host:
            mismatches.append(f"host: CONNECT to {connect}, spec says {says}")

    @staticmethod
    def _check_auth(
        endpoint: Endpoint, request: IncomingRequest, mismatches: list[str], config: MockConfig
    ) -> str:
        """Returns "valid", "denied" or "invalid"."""
        auth = endpoint.auth
        values = request.header_values(auth.header)
        shape = f"{auth.value_prefix()}<key>"
        if not values:
            mismatches.append(f"header {auth.header}: missing, spec says {shape!r}")
            return "invalid"
        if len(values) > 1:
            mismatches.append(f"header {auth.header}: sent {len(values)} times")
        value = values[0]
        prefix = auth.value_prefix()
        if not value.startswith(prefix):
            shown = value[: len(prefix) + 4] + "..." if len(value) > len(prefix) + 4 else value
            mismatches.append(f"header {auth.header}: saw {shown!r}, spec says {shape!r}")
            return "invalid"
        key = value[len(prefix) :]
        if key != key.strip() or not key:
            mismatches.append(f"header {auth.header}: the key has surrounding blanks or is empty")
        if key == config.api_key:
            return "valid"
        if key == config.denied_key:
            return "denied"
        return "invalid"

    @staticmethod
    def _check_headers(endpoint: Endpoint, request: IncomingRequest, mismatches: list[str]) -> None:
        names = {name.lower() for name, _ in endpoint.headers}
        for name, value in endpoint.headers:
            seen = request.header_values(name)
            if not seen:
                mismatches.append(f"header {name}: missing, spec says {value!r}")
                continue
            if len(seen) > 1:
                mismatches.append(f"header {name}: sent {len(seen)} times: {seen!r}")
            if name.lower() == "content-type":
                same = _media_type(seen[0]) == _media_type(value)
            else:
                same = seen[0] == value
            if not same:
                mismatches.append(f"header {name}: saw {seen[0]!r}, spec says {value!r}")
        if "content-type" not in names and request.body:
            seen = request.header_values("Content-Type")
            if not seen or _media_type(seen[0]) != "application/json":
                got = seen[0] if seen else "none"
                mismatches.append(f"header Content-Type: saw {got!r}, expected 'application/json'")
