"""The mock API's logic, free of sockets: check one request against the specs and answer it."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import jsonschema

from generator.mock.model_errors import name_model
from generator.mock.rewrites import as_asked
from generator.model import JSON, Endpoint, Parameter, scalar_text, value_at
from generator.model.params import (
    Texts,
    coerce,
    cookie_value,
    form_fields,
    parse_header,
    parse_path,
    query_value,
    split_cookies,
    split_query,
    texts,
)
from generator.model.streams import put_at, split_reply, stream_frames, text_format

DEFAULT_API_KEY = "sk-samplegen-mock"
DEFAULT_DENIED_KEY = "sk-samplegen-mock-denied"
DEFAULT_REPLY = "Hello from the samplegen mock."
MAX_BODY_BYTES = 1_000_000
# What the mock remembers between resets (the harness resets it for every run, so a run's
# few requests are always all there; a long-lived `samplegen mock` forgets the oldest).
MAX_RECORDS = 1000
MAX_RECORDED_BODY_BYTES = 16 * 1024 * 1024
MAX_EVENTS = 1000

# Status codes for the documented error conditions, used when a spec omits one of them.
_DEFAULT_STATUS = {
    "invalid_parameter": 400,
    "invalid_api_key": 401,
    "access_denied": 403,
    "model_not_found": 404,
    "not_found": 404,
    "conflict": 409,
    "rate_limited": 429,
    "server_error": 500,
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
    ``exact_body`` (harness mode) also requires the body, the path and the query
    parameters to equal the spec's examples. ``files`` are the bytes each multipart file
    field must carry (default: the spec's example file). ``task_outcome`` is how an
    asynchronous task ends: ``succeeded`` or ``failed``.
    """

    api_key: str = DEFAULT_API_KEY
    denied_key: str = DEFAULT_DENIED_KEY
    reply: str = DEFAULT_REPLY
    region: str | None = None
    exact_body: bool = False
    files: dict[str, bytes] | None = None
    task_outcome: str = "succeeded"
    task_polls: int = 2  # polls answered PENDING/RUNNING before the task ends
    stream_error: bool = False  # break streams off with the family's mid-stream error event
    force_error: str | None = None  # answer this documented error condition to every call
    basic_user: str = "samplegen-user"  # the user name HTTP Basic auth must send


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
    model: str | None = None  # the model the body named, if any

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
    ``defaults`` (the spec's ``request.defaults``) documents as the API's own default; and a
    key the spec sends with that default value may be left out (the DashScope Python SDK
    drops ``enable_search: false``).
    """
    if isinstance(expected, dict) and isinstance(saw, dict):
        known = defaults if isinstance(defaults, dict) else {}
        out = []
        for key in expected:
            if key not in saw:
                if key in known and _same_json(expected[key], known[key]):
                    continue  # the spec sends the API's own default; leaving it out is the same
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


def _same_json(a: JSON, b: JSON) -> bool:
    return not json_differences(a, b)


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


def reply_number(reply: str) -> float:
    """A number derived from ``reply`` that every language prints the same way
    (a multiple of 1/64 between 0 and 1: at most six decimals, exact in binary)."""
    digest = hashlib.sha256(reply.encode("utf-8")).digest()
    return (digest[0] % 62 + 1) / 64


def reply_bytes(reply: str, size: int = 1536) -> bytes:
    """Binary answer bytes derived from ``reply``: every byte value, NUL, CR and LF included."""
    seed = hashlib.sha256(reply.encode("utf-8")).digest()
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return bytes(out[:size])


def _first_leaf(node: JSON, kinds: tuple[type, ...], path: tuple = ()) -> tuple | None:
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        ok = isinstance(node, kinds) and not isinstance(node, bool)
        return path if ok else None
    for key, value in items:
        found = _first_leaf(value, kinds, (*path, key))
        if found is not None:
            return found
    return None


# The member the mock adds for its reply to an object that has no value to carry it.
REPLY_MEMBER = "samplegen_reply"


def mark_reply(document: JSON, path: Iterable[str | int], reply: str) -> tuple[JSON, str]:
    """``document`` with the mock's reply placed at ``path``, and the text a sample that
    prints the value there (or the whole document) must show.

    A text becomes ``reply``; a number, and each number of a vector, become
    :func:`reply_number`; inside a list or an object the first text leaf (else the first
    number) is marked; an object with neither gets a member :data:`REPLY_MEMBER`.
    """
    path = tuple(path)
    value = value_at(document, path)
    if isinstance(value, str):
        return put_at(document, path, reply), reply
    items = value.get("data") if isinstance(value, dict) else None
    if isinstance(items, list) and items and isinstance(items[0], dict):
        # A page (``data`` holds its items): the reply goes into its first item, which SDK
        # samples print as they iterate the page (plain samples print the whole answer).
        marked, shown = mark_reply(items[0], (), reply)
        if shown == reply:
            return put_at(document, (*path, "data", 0), marked), shown
    number = reply_number(reply)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return put_at(document, path, number), repr(number)
    if (
        isinstance(value, list)
        and value
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        vector = [number] + [round((i % 64) / 64, 6) for i in range(1, len(value))]
        return put_at(document, path, vector), repr(number)
    leaf = _first_leaf(value, (str,)) if isinstance(value, dict | list) else None
    if leaf is not None:
        return put_at(document, (*path, *leaf), reply), reply
    leaf = _first_leaf(value, (int, float)) if isinstance(value, dict | list) else None
    if leaf is not None:
        return put_at(document, (*path, *leaf), number), repr(number)
    if isinstance(value, dict):
        # An object with no text or number to mark ({}, flags only) stays an object: the
        # reply is one more member, which SDKs keep as an extra property and print with it
        # (the object replaced by a text is an answer no SDK can read).
        return put_at(document, (*path, REPLY_MEMBER), reply), reply
    return put_at(document, path, reply), reply


_PARAM = re.compile(r"\\\{([A-Za-z0-9_.-]+)\\\}")


def path_pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching ``template``'s paths, one group per ``{name}`` (named
    ``p0``, ``p1``, ... in order: see :func:`path_names`)."""
    escaped = re.escape(template)
    count = iter(range(10_000))
    return re.compile("^" + _PARAM.sub(lambda m: f"(?P<p{next(count)}>[^/]*)", escaped) + "$")


def path_names(template: str) -> list[str]:
    """The names of ``template``'s ``{name}`` placeholders, in order."""
    return re.findall(r"\{([A-Za-z0-9_.-]+)\}", template)


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


def redirect_location(endpoint: Endpoint, reply: str) -> str:
    """The Location the mock answers a redirect with: the spec's example (else a file URL
    on the region's host) carrying the reply, so that a sample that prints it shows it."""
    base = endpoint.response_example or f"{endpoint.region().base_url}/redirected"
    return f"{base}{'&' if '?' in base else '?'}samplegen_reply={quote(reply, safe='')}"


REPLY_HEADER = "X-Samplegen-Reply"  # carries the reply on answers without a body


class Mock:
    """The mock API for a set of endpoints: checks requests, answers them, records them."""

    def __init__(
        self,
        endpoints: Iterable[Endpoint],
        config: MockConfig | None = None,
        on_request: Callable[[RecordedRequest], None] | None = None,
        on_event: Callable[[str], None] | None = None,
    ) -> None:
        self.endpoints = list(endpoints)
        self.config = config or MockConfig()
        self.on_request = on_request
        self.on_event = on_event
        self._lock = threading.Lock()
        self._requests: deque[RecordedRequest] = deque()
        self._body_bytes = 0  # the raw bodies of self._requests, together
        self._events: deque[str] = deque(maxlen=MAX_EVENTS)
        self._validators = {
            e.id: jsonschema.Draft202012Validator(e.request_schema) for e in self.endpoints
        }
        self._patterns = {e.id: path_pattern(e.path) for e in self.endpoints}
        self._poll_patterns = {
            e.id: path_pattern(e.task.poll_path) for e in self.endpoints if e.task is not None
        }
        self._tasks: dict[str, int] = {}  # task id -> polls answered so far

    # -- recording -------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request seen since the last :meth:`reset`, oldest first (a copy); beyond
        :data:`MAX_RECORDS` requests or :data:`MAX_RECORDED_BODY_BYTES` of bodies, the
        oldest are forgotten (the latest is always kept)."""
        with self._lock:
            return list(self._requests)

    @property
    def events(self) -> list[str]:
        """Transport problems seen since the last reset (failed TLS handshakes, bad CONNECTs)."""
        with self._lock:
            return list(self._events)

    def record_event(self, text: str) -> None:
        """Note a transport-level problem (the proxy reports TLS failures here, the server
        a client that went away); ``on_event`` hears it too."""
        with self._lock:
            self._events.append(text)
        if self.on_event is not None:
            self.on_event(text)

    def reset(self, config: MockConfig | None = None) -> None:
        """Forget what was recorded; optionally switch to a new configuration."""
        with self._lock:
            self._requests.clear()
            self._body_bytes = 0
            self._events.clear()
            if config is not None:
                self.config = config

    # -- answering -------------------------------------------------------------------
    def _base_paths(self, endpoint: Endpoint) -> list[str]:
        """The base paths a request of ``endpoint`` may start with (its regions', or the
        pinned region's)."""
        regions = endpoint.regions
        if self.config.region is not None:
            pinned = [r for r in regions if r.key == self.config.region]
            regions = tuple(pinned) or regions
        return sorted({r.base_path for r in regions}, key=len, reverse=True)

    def _routes(self, path: str) -> list[tuple[Endpoint, str, dict[str, str]]]:
        """(endpoint, "call" or "poll", raw path parameters by name) for every route
        matching ``path`` (below one of the endpoint's base paths)."""
        found = []
        for endpoint in self.endpoints:
            for base in self._base_paths(endpoint):
                if not path.startswith(base):
                    continue
                rest = path[len(base) :]
                match = self._patterns[endpoint.id].match(rest)
                if match:
                    names = path_names(endpoint.path)
                    found.append((endpoint, "call", dict(zip(names, match.groups(), strict=True))))
                poll = self._poll_patterns.get(endpoint.id)
                if poll is not None and (match := poll.match(rest)):
                    names = path_names(endpoint.task.poll_path)  # type: ignore[union-attr]
                    found.append((endpoint, "poll", dict(zip(names, match.groups(), strict=True))))
                if match:
                    break
        return found

    def endpoint_for(self, path: str, request: IncomingRequest | None = None) -> Endpoint | None:
        """The endpoint served at ``path`` (no query string), if any.

        Several specs may share a path (chat completions: plain, streamed, with images).
        Then the request decides: the method first, then a streamed call (``"stream": true``
        or ``X-DashScope-SSE: enable``) picks a streaming spec, and among those the one whose
        request schema the body satisfies and whose example model it names.
        """
        candidates = [e for e, kind, _ in self._routes(path) if kind == "call"]
        if len(candidates) <= 1 or request is None:
            return candidates[0] if candidates else None
        try:
            body = parse_json_strictly(request.body)
        except (UnicodeDecodeError, ValueError):
            body = None
        sse = [v.strip().lower() for v in request.header_values("X-DashScope-SSE")]
        wants_stream = (isinstance(body, dict) and body.get("stream") is True) or "enable" in sse

        def score(endpoint: Endpoint) -> tuple[bool, bool, bool, bool, bool]:
            example = endpoint.request_example
            same_model = (
                isinstance(body, dict)
                and isinstance(example, dict)
                and body.get("model") == example.get("model")
            )
            valid = self._validators[endpoint.id].is_valid(body)
            same_method = request.method == endpoint.method
            exact = not json_differences(body, example, defaults=endpoint.request_defaults)
            return (same_method, endpoint.streams == wants_stream, exact, valid, same_model)

        return max(candidates, key=score)

    def handle(self, request: IncomingRequest) -> MockResponse:
        """Check ``request``, record it, and return the answer."""
        config = self.config
        split = urlsplit(request.target)
        mismatches: list[str] = []
        # absolute form: a plain-http request sent to the proxy (http:// base URLs)
        scheme = split.scheme or request.scheme
        hosts = request.header_values("Host")
        host = _strip_port(hosts[0], scheme) if hosts else None
        if len(hosts) > 1:
            mismatches.append(f"host: {len(hosts)} Host headers")
        if split.scheme and split.netloc and host is not None:
            target_host = _strip_port(split.netloc, split.scheme)
            if target_host.lower() != host.lower():
                mismatches.append(f"host: the request names {target_host}, its Host header {host}")
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
        routes = self._routes(split.path)
        polls = [(e, params) for e, kind, params in routes if kind == "poll"]
        endpoint = self.endpoint_for(split.path, request)
        if endpoint is None and polls:
            self._check_scheme(polls[0][0], scheme, bool(split.scheme), request, mismatches)
            return self._poll(record, request, polls[0][0], polls[0][1], split.query)
        if endpoint is None:
            known = ", ".join(
                sorted({r.base_path + e.path for e in self.endpoints for r in e.regions})
            )
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
        params = next(p for e, kind, p in routes if e is endpoint and kind == "call")
        self._check_scheme(endpoint, scheme, bool(split.scheme), request, mismatches)
        self._check_host(endpoint, host, request, mismatches, config)
        self._check_path_params(endpoint, params, mismatches, config)
        query = self._check_query(endpoint, split.query, mismatches, config)
        if request.method != endpoint.method:
            mismatches.append(f"method: saw {request.method}, spec says {endpoint.method}")
        cookies = split_cookies("; ".join(request.header_values("Cookie")))
        key_state = self._check_auth(endpoint, request, query, cookies, mismatches, config)
        self._check_headers(endpoint, request, mismatches, config)
        self._check_cookies(endpoint, cookies, mismatches, config)
        body_json, body_problem, differs = self._check_body(endpoint, request, record, config)

        model = body_json.get("model") if isinstance(body_json, dict) else None
        record.model = model if isinstance(model, str) else None
        unknown_model = (
            bool(endpoint.models or endpoint.model_patterns)
            and isinstance(model, str)
            and not endpoint.knows_model(model)
        )
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
            return self._finish(
                record, self.error(endpoint, "model_not_found", model), "model_not_found"
            )
        if any(m.startswith(("query", "path", "header", "cookie")) for m in mismatches):
            return self._finish(
                record, self.error(endpoint, "invalid_parameter"), "invalid_parameter"
            )
        if config.force_error is not None:
            answer = self.error(endpoint, config.force_error, record.model)
            return self._finish(record, answer, config.force_error)
        # A documented option that differs from the example is recorded (the harness fails
        # on it) but answered as the service answers it: successfully.
        del differs
        return self._finish(record, self.success(endpoint, body_json), "success")

    # -- request checks --------------------------------------------------------------
    def _check_scheme(
        self,
        endpoint: Endpoint,
        scheme: str,
        absolute: bool,
        request: IncomingRequest,
        mismatches: list[str],
    ) -> None:
        """A request through the proxy says its scheme: absolute form for http://, a CONNECT
        tunnel for https://. Each must be what the spec's region says."""
        if not absolute and request.connect_host is None:
            return  # straight to the mock (``samplegen mock``): no scheme to judge
        wanted = {r.scheme for r in endpoint.regions}
        if self.config.region is not None:
            pinned = {r.scheme for r in endpoint.regions if r.key == self.config.region}
            wanted = pinned or wanted
        if scheme not in wanted:
            says = " or ".join(sorted(wanted))
            if absolute:
                mismatches.append(
                    f"scheme: saw a plain {scheme}:// request to {request.target}, spec says {says}"
                )
            else:
                mismatches.append(f"scheme: saw an {scheme}:// request, spec says {says}")

    @staticmethod
    def _param_problem(param: Parameter, found: Texts, where: str) -> list[str]:
        """The parameter's schema (2020-12) against the value parsed back, typed by it."""
        if not param.schema:
            return []
        value = coerce(found, param.schema)
        errors = sorted(
            jsonschema.Draft202012Validator(param.schema).iter_errors(value), key=lambda e: e.path
        )
        return [f"{where}: {err.message} (parameter schema)" for err in errors[:3]]

    def _check_path_params(
        self,
        endpoint: Endpoint,
        params: dict[str, str],
        mismatches: list[str],
        config: MockConfig,
    ) -> None:
        for param in endpoint.path_params:
            raw = params.get(param.name, "")
            found = parse_path(raw, param.name, param.serialization, param.exploded, param.shape)
            where = f"path parameter {param.name}"
            if found is None:
                mismatches.append(
                    f"{where}: saw {raw!r}, not the {param.serialization} style of the spec"
                )
                continue
            if config.exact_body and found != texts(param.example):
                mismatches.append(
                    f"{where}: saw {_shown(found)}, spec says {_shown(texts(param.example))}"
                )
                continue
            mismatches.extend(self._param_problem(param, found, where))

    def _check_query(
        self, endpoint: Endpoint, query: str, mismatches: list[str], config: MockConfig
    ) -> list[tuple[str, str]]:
        """Every query parameter parsed back by its style (repeated keys by the same rules
        the samples were written with); returns the decoded pairs."""
        try:
            pairs = split_query(query)
        except (UnicodeDecodeError, ValueError):
            mismatches.append(f"query: ?{query} is not UTF-8 once decoded")
            return []
        key_param = endpoint.auth.param if endpoint.auth.in_query else None
        left = [i for i, (n, _) in enumerate(pairs) if n != key_param]
        if key_param is not None and sum(1 for n, _ in pairs if n == key_param) > 1:
            mismatches.append(f"query: parameter {key_param} sent {len(pairs) - len(left)} times")
        params = sorted(
            endpoint.query_params,
            key=lambda p: p.shape == "object" and p.exploded and p.serialization == "form",
        )  # an exploded form object takes what the others leave: it comes last
        for param in params:
            view = [pairs[i] for i in left]
            found, taken = query_value(
                view, param.name, param.serialization, param.exploded, param.shape
            )
            taken_set = {left[i] for i in taken}
            repeated = [i for i in left if pairs[i][0] == param.name and i not in taken_set]
            single = param.shape == "scalar" or not (
                param.exploded or param.serialization == "deepObject"
            )
            if repeated and single:
                count = len(repeated) + 1
                mismatches.append(f"query: parameter {param.name} sent {count} times")
                taken_set |= set(repeated)
            left = [i for i in left if i not in taken_set]
            expected = texts(param.example)
            if found is None:
                if param.required or config.exact_body:
                    mismatches.append(
                        f"query: parameter {param.name} missing, spec says {_shown(expected)}"
                    )
                continue
            if config.exact_body and found != expected:
                mismatches.append(
                    f"query: {param.name} saw {_shown(found)}, spec says {_shown(expected)}"
                )
                continue
            mismatches.extend(self._param_problem(param, found, f"query: {param.name}"))
        names = [p.name for p in endpoint.query_params]
        for i in left:
            name, value = pairs[i]
            known = f"only {', '.join(names)}" if names else "none"
            mismatches.append(f"query: saw ?{name}={value}, spec has {known}")
        return pairs

    def _check_body(
        self,
        endpoint: Endpoint,
        request: IncomingRequest,
        record: RecordedRequest,
        config: MockConfig,
    ) -> tuple[JSON | None, bool, bool]:
        """(the body as JSON, whether it is malformed, whether it differs from the spec)."""
        mismatches = record.mismatches
        kind = endpoint.body_kind
        if kind == "none":
            if request.body:
                mismatches.append(f"body: saw {len(request.body)} bytes, spec says no body")
                return None, True, False
            return None, False, False
        if kind == "raw":
            return None, False, self._check_raw(endpoint, request, mismatches, config)
        if kind == "json":
            if not request.body and endpoint.method not in _BODY_METHODS:
                return None, False, False
            try:
                body_json = parse_json_strictly(request.body)
            except (UnicodeDecodeError, ValueError) as err:
                mismatches.append(f"body: not valid JSON ({err})")
                return None, True, False
        else:
            parsed = self._parse_form(endpoint, request, mismatches, config)
            if parsed is None:
                return None, True, False
            body_json, differs = parsed
            if differs and config.exact_body:
                return body_json, False, True
        record.json = body_json
        checked = body_json
        if kind != "json":
            checked = coerce(body_json, endpoint.request_schema)
        errors = sorted(self._validators[endpoint.id].iter_errors(checked), key=lambda e: e.path)
        for err in errors[:5]:
            mismatches.append(f"{_where(err.absolute_path)}: {err.message} (request schema)")
        if errors or not config.exact_body or kind != "json":
            return body_json, bool(errors), False
        asked = as_asked(body_json, request.headers)
        diffs = json_differences(
            asked, endpoint.request_example, defaults=endpoint.request_defaults
        )
        mismatches.extend(diffs)
        return body_json, False, bool(diffs)

    @staticmethod
    def _check_raw(
        endpoint: Endpoint, request: IncomingRequest, mismatches: list[str], config: MockConfig
    ) -> bool:
        """A raw body must be exactly the spec's text (UTF-8) or the file's bytes."""
        if endpoint.raw_file is not None:
            files = config.files or {}
            want = files.get(endpoint.raw_file.field, endpoint.raw_file.example_bytes)
            what = f"the file {endpoint.raw_file.path}"
        else:
            want = (endpoint.raw_text or "").encode("utf-8")
            what = "the spec's text"
        if not config.exact_body or request.body == want:
            return False
        saw = hashlib.sha256(request.body).hexdigest()[:12]
        wants = hashlib.sha256(want).hexdigest()[:12]
        mismatches.append(
            f"body: saw {len(request.body)} bytes (sha256 {saw}), {what} holds {len(want)} "
            f"bytes (sha256 {wants})"
        )
        return True

    @staticmethod
    def _parse_form(
        endpoint: Endpoint, request: IncomingRequest, mismatches: list[str], config: MockConfig
    ) -> tuple[dict[str, Any], bool] | None:
        """A form or multipart body as {field: value} (lists and objects parsed back by the
        field's encoding, JSON parts as JSON), and whether it differs from the spec; multipart
        files are checked here. None when the body cannot be read at all."""
        seen = request.header_values("Content-Type")
        media = _media_type(seen[0]) if seen else ""
        example = endpoint.request_example or {}
        encoding = dict(endpoint.form_encoding)
        if endpoint.body_kind == "form":
            if media != "application/x-www-form-urlencoded":
                mismatches.append(
                    f"header Content-Type: saw {media or 'none'!r}, "
                    "spec says 'application/x-www-form-urlencoded'"
                )
                return None
            try:
                pairs = parse_qsl(request.body.decode("ascii"), keep_blank_values=True)
            except UnicodeDecodeError:
                mismatches.append("body: a urlencoded form must be ASCII")
                return None
            differs = _pair_differences(pairs, list(endpoint.form_pairs), mismatches)
            return form_fields(pairs, example, encoding), differs
        import multipart  # only multipart endpoints need the parser

        options = dict(multipart.parse_options_header(seen[0])[1]) if seen else {}
        if media != "multipart/form-data" or not options.get("boundary"):
            mismatches.append(
                f"header Content-Type: saw {seen[0] if seen else 'none'!r}, "
                "spec says 'multipart/form-data; boundary=...'"
            )
            return None
        fields: list[tuple[str, str]] = []
        files: dict[str, tuple[str | None, bytes]] = {}
        json_names = {name for name, _ in endpoint.json_parts}
        try:
            parser = multipart.MultipartParser(
                io.BytesIO(request.body), options["boundary"], len(request.body), strict=True
            )
            for part in parser:
                if part.filename is None or (part.name in json_names and part.name not in files):
                    value = part.value if part.filename is None else part.raw.decode("utf-8")
                    fields.append((part.name, value))
                else:
                    files[part.name] = (part.filename, part.raw)
        except (multipart.MultipartError, UnicodeDecodeError) as err:
            mismatches.append(f"body: not a valid multipart body ({err})")
            return None
        expected_files = config.files or {f.field: f.example_bytes for f in endpoint.files}
        differs = False
        for upload in endpoint.files:
            if upload.field not in files:
                where = [n for n, _ in fields]
                mismatches.append(
                    f"file {upload.field}: missing (saw fields {where}, files {sorted(files)})"
                )
                differs = True
                continue
            filename, data = files.pop(upload.field)
            want = expected_files.get(upload.field, upload.example_bytes)
            if data != want:
                mismatches.append(
                    f"file {upload.field}: saw {len(data)} bytes "
                    f"(sha256 {hashlib.sha256(data).hexdigest()[:12]}), the file holds "
                    f"{len(want)} bytes (sha256 {hashlib.sha256(want).hexdigest()[:12]})"
                )
                differs = True
            if filename != upload.path:
                mismatches.append(
                    f"file {upload.field}: filename {filename!r}, spec says {upload.path!r}"
                )
                differs = True
        for name in files:
            mismatches.append(f"file {name}: not in the spec")
            differs = True
        body: dict[str, Any] = {}
        for name, value in fields:
            if name in body:
                mismatches.append(f"body: form field {name} sent twice")
                differs = True
            if name in json_names:
                try:
                    body[name] = parse_json_strictly(value.encode("utf-8"))
                except ValueError as err:
                    mismatches.append(f"body: the part {name} is not JSON ({err})")
                    return None
            else:
                body[name] = value
        if config.exact_body:
            expected = {
                k: (v if isinstance(v, dict | list) else scalar_text(v)) for k, v in example.items()
            }
            diffs = json_differences(body, expected)
            mismatches.extend(diffs)
            differs = differs or bool(diffs)
        return body, differs

    # -- answers ---------------------------------------------------------------------
    def evidence_all(self, endpoint: Endpoint) -> list[str]:
        """Every text a successful sample's output must contain."""
        config = self.config
        kind = endpoint.response_kind
        if kind == "redirect":
            return [f"HTTP {endpoint.response_status}", redirect_location(endpoint, config.reply)]
        if kind == "empty":
            shown = [f"HTTP {endpoint.response_status}"]
            return [*shown, config.reply] if endpoint.head else shown
        if kind == "text":
            return [config.reply]
        evidence = self.evidence(endpoint)
        return [evidence] if evidence else []

    def evidence(self, endpoint: Endpoint) -> str:
        """The text a successful sample's output must contain: the marked reply (see
        :meth:`evidence_all` for answers that show more than one)."""
        kind = endpoint.response_kind
        if kind in ("text", "empty", "redirect"):
            return self.evidence_all(endpoint)[-1]
        document = endpoint.task.example if endpoint.task else endpoint.response_example
        if endpoint.binary:
            return ""
        if endpoint.streams:
            return self.config.reply
        return mark_reply(document, endpoint.reply_path, self.config.reply)[1]

    def success(self, endpoint: Endpoint, body: JSON | None) -> MockResponse:
        """The success answer: the response example with the configured reply at reply_path,
        server-sent events that carry the reply in pieces, the binary file, a text, an empty
        answer, a redirect, or a new task."""
        request_id = str(uuid.uuid4())
        status = endpoint.response_status
        reply = self.config.reply
        if endpoint.response_format == "sse":
            return self._with_request_id(
                endpoint, MockResponse.sse(status, plain_frames(endpoint, reply)), request_id
            )
        if endpoint.streams:
            frames = stream_frames(
                endpoint,
                reply,
                body,
                request_id=request_id,
                error=self.config.stream_error,
            )
            return self._with_request_id(endpoint, MockResponse.sse(status, frames), request_id)
        if endpoint.response_kind == "text":
            media = endpoint.binary_type
            headers = [("Content-Type", f"{media}; charset=utf-8")]
            return self._with_request_id(
                endpoint, MockResponse(status, headers, f"{reply}\n".encode()), request_id
            )
        if endpoint.response_kind == "empty":
            headers = [(REPLY_HEADER, reply)]
            return self._with_request_id(endpoint, MockResponse(status, headers, b""), request_id)
        if endpoint.response_kind == "redirect":
            headers = [("Location", redirect_location(endpoint, reply))]
            return self._with_request_id(endpoint, MockResponse(status, headers, b""), request_id)
        if text_format(endpoint, body):
            document: JSON = {
                "output": {"finish_reason": "stop", "text": reply},
                "usage": {"input_tokens": 12, "output_tokens": 3, "total_tokens": 15},
                "request_id": request_id,
            }
            return self._with_request_id(endpoint, MockResponse.json(status, document), request_id)
        if endpoint.binary:
            data = reply_bytes(reply)
            return MockResponse(status, [("Content-Type", endpoint.binary_type)], data)
        if endpoint.task is not None:
            task_id = str(uuid.uuid4())
            with self._lock:
                self._tasks[task_id] = 0
            document = put_at(endpoint.response_example, endpoint.task.id_path, task_id)
            return MockResponse.json(status, document)
        document = mark_reply(endpoint.response_example, endpoint.reply_path, reply)[0]
        if isinstance(document, dict) and document.get("has_more") is True:
            # A page: the mock answers the last one, so an SDK's auto-pagination stops there
            # (one request, as the spec's sample sends).
            document["has_more"] = False
        if isinstance(document, dict) and "request_id" in document:
            document["request_id"] = request_id
        return self._with_request_id(endpoint, MockResponse.json(status, document), request_id)

    @staticmethod
    def _with_request_id(
        endpoint: Endpoint, response: MockResponse, request_id: str
    ) -> MockResponse:
        """The request-id header the API family sends with every answer."""
        name = "x-dashscope-request-id" if endpoint.style == "dashscope-native" else "x-request-id"
        response.headers.append((name, request_id))
        return response

    def _poll(
        self,
        record: RecordedRequest,
        request: IncomingRequest,
        endpoint: Endpoint,
        params: dict[str, str],
        query: str,
    ) -> MockResponse:
        """Answer a poll of an asynchronous task: pending, then its outcome."""
        task = endpoint.task
        assert task is not None
        config = self.config
        record.endpoint_id = endpoint.id
        self._check_host(endpoint, record.host, request, record.mismatches, config)
        if request.method != "GET":
            record.mismatches.append(
                f"method: saw {request.method} on the task poll, spec says GET"
            )
        pairs = parse_qsl(query, keep_blank_values=True)
        cookies = split_cookies("; ".join(request.header_values("Cookie")))
        key_state = self._check_auth(endpoint, request, pairs, cookies, record.mismatches, config)
        if request.body:
            record.mismatches.append(f"body: saw {len(request.body)} bytes on a task poll")
        if key_state == "invalid":
            return self._finish(record, self.error(endpoint, "invalid_api_key"), "invalid_api_key")
        task_id = unquote(params.get("task_id", ""))
        with self._lock:
            polls = self._tasks.get(task_id)
            if polls is not None:
                self._tasks[task_id] = polls + 1
        if polls is None:
            record.mismatches.append(f"task poll: no task {task_id!r} was submitted")
            body = {"code": "InvalidParameter", "message": f"task {task_id} not found"}
            return self._finish(record, MockResponse.json(404, body), "unknown_task")
        if polls < config.task_polls:
            state = task.pending[min(polls, len(task.pending) - 1)]
            document = put_at(task.example, task.status_path, state)
            document = put_at(document, task.id_path, task_id)
            return self._finish(record, MockResponse.json(200, document), "task_pending")
        if config.task_outcome == "failed":
            document = put_at(task.failed_example, task.status_path, task.failed[0])
            document = put_at(document, task.message_path, self.task_failure_message)
            return self._finish(record, MockResponse.json(200, document), "task_failed")
        document = mark_reply(task.example, endpoint.reply_path, config.reply)[0]
        document = put_at(document, task.status_path, task.succeeded[0])
        return self._finish(record, MockResponse.json(200, document), "task_succeeded")

    @property
    def task_failure_message(self) -> str:
        """The message a failed task carries (the harness looks for it in the output)."""
        return f"samplegen mock: the task failed ({self.config.reply})"

    def error(self, endpoint: Endpoint, when: str, model: str | None = None) -> MockResponse:
        """The spec's error answer for condition ``when`` (a generic body if undocumented),
        built for this request: its texts name the model that was sent (``name_model``), and
        it carries a fresh request id (in the body and the family's header). A text body
        (an error of another media type than JSON) is sent as it is."""
        request_id = str(uuid.uuid4())
        documented = endpoint.error(when)
        if documented is not None:
            status, body = documented.status, name_model(documented.body, model or "")
            if isinstance(body, str) and documented.content_type != "application/json":
                headers = [("Content-Type", documented.content_type)]
                response = MockResponse(status, headers, body.encode("utf-8"))
                return self._with_request_id(endpoint, response, request_id)
        else:
            status = _DEFAULT_STATUS.get(when, 400)
            body = {"error": {"message": f"samplegen mock: {when}", "code": when}}
        if isinstance(body, dict) and endpoint.style in ("dashscope-native", "openai-compatible"):
            body = {**body, "request_id": request_id}
        return self._with_request_id(endpoint, MockResponse.json(status, body), request_id)

    def _finish(self, record: RecordedRequest, response: MockResponse, answer: str) -> MockResponse:
        record.status = response.status
        record.answer = answer
        with self._lock:
            self._requests.append(record)
            self._body_bytes += len(record.raw_body)
            while len(self._requests) > 1 and (
                len(self._requests) > MAX_RECORDS or self._body_bytes > MAX_RECORDED_BODY_BYTES
            ):
                self._body_bytes -= len(self._requests.popleft().raw_body)
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
        regions = [r for r in endpoint.regions if r.key == config.region] or endpoint.regions
        if config.region is None:
            regions = endpoint.regions
        expected = [r.netloc for r in regions]
        says = " or ".join(expected)
        if host is None:
            mismatches.append(f"host: no Host header, spec says {says}")
        elif host.lower() not in expected:
            mismatches.append(f"host: saw {host}, spec says {says}")
        connect = request.connect_host
        names = [r.host for r in regions]
        if connect is not None and connect.lower() not in names and connect != host:
            mismatches.append(f"host: CONNECT to {connect}, spec says {says}")

    @staticmethod
    def _check_auth(
        endpoint: Endpoint,
        request: IncomingRequest,
        query: list[tuple[str, str]],
        cookies: list[tuple[str, str]],
        mismatches: list[str],
        config: MockConfig,
    ) -> str:
        """Returns "valid", "denied" or "invalid"."""
        auth = endpoint.auth
        if auth.kind == "none":
            return "valid"
        if auth.in_query:
            values = [v for n, v in query if n == auth.param]
            where, prefix = f"query parameter {auth.param}", ""
            if not values:
                mismatches.append(f"{where}: missing, spec says ?{auth.param}=<key>")
                return "invalid"
        elif auth.cookie:
            values = [v for n, v in cookies if n == auth.cookie]
            where, prefix = f"cookie {auth.cookie}", ""
            if not values:
                mismatches.append(f"{where}: missing, spec says Cookie: {auth.cookie}=<key>")
                return "invalid"
        else:
            values = request.header_values(auth.header)
            where, prefix = f"header {auth.header}", auth.value_prefix()
            shape = f"{prefix}<key>" if not auth.basic else "Basic base64(<user>:<password>)"
            if not values:
                mismatches.append(f"{where}: missing, spec says {shape!r}")
                return "invalid"
        if len(values) > 1:
            mismatches.append(f"{where}: sent {len(values)} times")
        value = values[0]
        if not value.startswith(prefix):
            shown = value[: len(prefix) + 4] + "..." if len(value) > len(prefix) + 4 else value
            mismatches.append(f"{where}: saw {shown!r}, spec says {prefix + '<key>'!r}")
            return "invalid"
        key = value[len(prefix) :]
        if auth.basic:
            try:
                user, sep, key = base64.b64decode(key, validate=True).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                mismatches.append(f"{where}: the credentials are not base64 of user:password")
                return "invalid"
            if not sep or user != config.basic_user:
                mismatches.append(f"{where}: the user is {user!r}, expected {config.basic_user!r}")
                return "invalid"
        if key != key.strip() or not key:
            mismatches.append(f"{where}: the key has surrounding blanks or is empty")
        if key == config.api_key:
            return "valid"
        if key == config.denied_key:
            return "denied"
        return "invalid"

    @staticmethod
    def _check_headers(
        endpoint: Endpoint, request: IncomingRequest, mismatches: list[str], config: MockConfig
    ) -> None:
        """The spec's headers exactly, header parameters parsed back by their style."""
        params = {p.name.lower(): p for p in endpoint.params_in("header")}
        cookies = bool(endpoint.params_in("cookie"))
        names = {name.lower() for name, _ in endpoint.headers}
        for name, value in endpoint.headers:
            if name.lower() in params or (cookies and name.lower() == "cookie"):
                continue  # checked below and in _check_cookies
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
        for param in params.values():
            seen = request.header_values(param.name)
            expected = texts(param.example)
            where = f"header {param.name}"
            if not seen:
                if param.required or config.exact_body:
                    mismatches.append(f"{where}: missing, spec says {_shown(expected)}")
                continue
            if len(seen) > 1:
                mismatches.append(f"{where}: sent {len(seen)} times: {seen!r}")
            found = parse_header(seen[0], param.exploded, param.shape)
            if found is None:
                mismatches.append(f"{where}: saw {seen[0]!r}, not a {param.shape} in style simple")
            elif config.exact_body and found != expected:
                mismatches.append(f"{where}: saw {_shown(found)}, spec says {_shown(expected)}")
            else:
                mismatches.extend(Mock._param_problem(param, found, where))
        wanted = endpoint.content_type
        if "content-type" not in names and request.body and endpoint.body_kind == "json":
            seen = request.header_values("Content-Type")
            if not seen or _media_type(seen[0]) != wanted:
                got = seen[0] if seen else "none"
                mismatches.append(f"header Content-Type: saw {got!r}, expected {wanted!r}")

    @staticmethod
    def _check_cookies(
        endpoint: Endpoint,
        cookies: list[tuple[str, str]],
        mismatches: list[str],
        config: MockConfig,
    ) -> None:
        """Cookie parameters parsed back by their style; a cookie no spec names is a mismatch."""
        left = [i for i, (n, _) in enumerate(cookies) if n != endpoint.auth.cookie]
        params = sorted(
            endpoint.params_in("cookie"), key=lambda p: p.shape == "object" and p.exploded
        )
        for param in params:
            view = [cookies[i] for i in left]
            found, taken = cookie_value(view, param.name, param.exploded, param.shape)
            taken_set = {left[i] for i in taken}
            left = [i for i in left if i not in taken_set]
            expected = texts(param.example)
            where = f"cookie {param.name}"
            if found is None:
                if param.required or config.exact_body:
                    mismatches.append(f"{where}: missing, spec says {_shown(expected)}")
                continue
            if config.exact_body and found != expected:
                mismatches.append(f"{where}: saw {_shown(found)}, spec says {_shown(expected)}")
                continue
            mismatches.extend(Mock._param_problem(param, found, where))
        for i in left:
            mismatches.append(f"cookie {cookies[i][0]}: not in the spec")


def _shown(value: Texts | None) -> str:
    """A parsed parameter value as a mismatch shows it: a text quoted, a list or object as
    JSON."""
    return repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _pair_differences(
    saw: list[tuple[str, str]], expected: list[tuple[str, str]], mismatches: list[str]
) -> bool:
    """Form pairs against the spec's: each name's values in order (names may repeat)."""

    def grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in pairs:
            out.setdefault(name, []).append(value)
        return out

    got, want = grouped(saw), grouped(expected)
    before = len(mismatches)
    for name, values in want.items():
        if name not in got:
            mismatches.append(f"body.{name}: missing, spec says {_shown(_one(values))}")
        elif got[name] != values:
            if len(got[name]) > 1 and len(values) == 1:
                mismatches.append(f"body: form field {name} sent twice")
            else:
                mismatches.append(
                    f"body.{name}: saw {_shown(_one(got[name]))}, spec says {_shown(_one(values))}"
                )
    for name, values in got.items():
        if name not in want:
            mismatches.append(f"body.{name}: saw {_shown(_one(values))}, not in the spec")
    return len(mismatches) > before


def _one(values: list[str]) -> Texts:
    return values[0] if len(values) == 1 else values


def plain_frames(endpoint: Endpoint, reply: str) -> list[str]:
    """Plain server-sent events carrying ``reply`` in pieces: ``data: <piece>`` when the
    events are texts, else the example with each piece at ``reply_path``."""
    frames = []
    for piece in split_reply(reply):
        if endpoint.reply_path or not isinstance(endpoint.response_example, str):
            data = json.dumps(put_at(endpoint.response_example, endpoint.reply_path, piece))
        else:
            data = piece
        frames.append("\n".join(f"data: {line}" for line in data.split("\n")))
    return frames
