"""The mock API's logic, free of sockets: check one request against the specs and answer it."""

from __future__ import annotations

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
from urllib.parse import parse_qsl, unquote, urlsplit

import jsonschema

from generator.mock.model_errors import name_model
from generator.mock.rewrites import as_asked
from generator.model import JSON, Endpoint, scalar_text, value_at
from generator.model.streams import put_at, stream_frames, text_format

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


def mark_reply(document: JSON, path: Iterable[str | int], reply: str) -> tuple[JSON, str]:
    """``document`` with the mock's reply placed at ``path``, and the text a sample that
    prints the value there (or the whole document) must show.

    A text becomes ``reply``; a number, and each number of a vector, become
    :func:`reply_number`; inside a list or an object the first text leaf (else the first
    number) is marked.
    """
    path = tuple(path)
    value = value_at(document, path)
    if isinstance(value, str):
        return put_at(document, path, reply), reply
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
    return put_at(document, path, reply), reply


_PARAM = re.compile(r"\\\{([a-z_][a-z0-9_]*)\\\}")


def path_pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching ``template``'s paths, one group per ``{name}``."""
    escaped = re.escape(template)
    return re.compile("^" + _PARAM.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", escaped) + "$")


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
    def _routes(self, path: str) -> list[tuple[Endpoint, str, dict[str, str]]]:
        """(endpoint, "call" or "poll", path parameters) for every route matching ``path``."""
        found = []
        for endpoint in self.endpoints:
            match = self._patterns[endpoint.id].match(path)
            if match:
                found.append((endpoint, "call", match.groupdict()))
            poll = self._poll_patterns.get(endpoint.id)
            if poll is not None and (match := poll.match(path)):
                found.append((endpoint, "poll", match.groupdict()))
        return found

    def endpoint_for(self, path: str, request: IncomingRequest | None = None) -> Endpoint | None:
        """The endpoint served at ``path`` (no query string), if any.

        Several specs may share a path (chat completions: plain, streamed, with images).
        Then the request decides: a streamed call (``"stream": true`` or
        ``X-DashScope-SSE: enable``) picks a streaming spec, and among those the one whose
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
        if split.scheme:  # absolute-form: a plain-http request sent to the proxy
            mismatches.append(
                f"scheme: saw a plain {split.scheme}:// request to {request.target}, "
                "spec says https"
            )
        hosts = request.header_values("Host")
        host = _strip_port(hosts[0], request.scheme) if hosts else None
        if len(hosts) > 1:
            mismatches.append(f"host: {len(hosts)} Host headers")
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
            return self._poll(record, request, polls[0][0], polls[0][1], split.query)
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
        params = next(p for e, kind, p in routes if e is endpoint and kind == "call")
        self._check_host(endpoint, host, request, mismatches, config)
        self._check_path_params(endpoint, params, mismatches, config)
        query = self._check_query(endpoint, split.query, mismatches, config)
        if request.method != endpoint.method:
            mismatches.append(f"method: saw {request.method}, spec says {endpoint.method}")
        key_state = self._check_auth(endpoint, request, query, mismatches, config)
        self._check_headers(endpoint, request, mismatches)
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
        if any(m.startswith(("query", "path")) for m in mismatches):
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
    @staticmethod
    def _check_path_params(
        endpoint: Endpoint, params: dict[str, str], mismatches: list[str], config: MockConfig
    ) -> None:
        if not config.exact_body:
            return
        for param in endpoint.path_params:
            saw = unquote(params.get(param.name, ""), errors="strict")
            if saw != param.text:
                mismatches.append(
                    f"path parameter {param.name}: saw {saw!r}, spec says {param.text!r}"
                )

    @staticmethod
    def _check_query(
        endpoint: Endpoint, query: str, mismatches: list[str], config: MockConfig
    ) -> list[tuple[str, str]]:
        try:
            pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=False, errors="strict")
        except UnicodeDecodeError:
            mismatches.append(f"query: ?{query} is not UTF-8 once decoded")
            return []
        names = [name for name, _ in pairs]
        key_param = endpoint.auth.param if endpoint.auth.in_query else None
        expected = {p.name: p for p in endpoint.query_params}
        for name in dict.fromkeys(names):
            if names.count(name) > 1:
                mismatches.append(f"query: parameter {name} sent {names.count(name)} times")
            if name not in expected and name != key_param:
                value = next(v for n, v in pairs if n == name)
                known = f"only {', '.join(expected)}" if expected else "none"
                mismatches.append(f"query: saw ?{name}={value}, spec has {known}")
        for name, param in expected.items():
            if name not in names:
                mismatches.append(f"query: parameter {name} missing, spec says {param.text!r}")
            elif config.exact_body:
                saw = next(v for n, v in pairs if n == name)
                if saw != param.text:
                    mismatches.append(f"query: {name} saw {saw!r}, spec says {param.text!r}")
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
        if kind == "json":
            if not request.body and endpoint.method not in _BODY_METHODS:
                return None, False, False
            try:
                body_json = parse_json_strictly(request.body)
            except (UnicodeDecodeError, ValueError) as err:
                mismatches.append(f"body: not valid JSON ({err})")
                return None, True, False
        else:
            body_json = self._parse_form(endpoint, request, mismatches, config)
            if body_json is None:
                return None, True, False
        record.json = body_json
        errors = sorted(self._validators[endpoint.id].iter_errors(body_json), key=lambda e: e.path)
        for err in errors[:5]:
            mismatches.append(f"{_where(err.absolute_path)}: {err.message} (request schema)")
        if errors or not config.exact_body:
            return body_json, bool(errors), False
        expected = endpoint.request_example
        if kind != "json":
            expected = {k: scalar_text(v) for k, v in (endpoint.request_example or {}).items()}
        asked = as_asked(body_json, request.headers) if kind == "json" else body_json
        diffs = json_differences(asked, expected, defaults=endpoint.request_defaults)
        mismatches.extend(diffs)
        return body_json, False, bool(diffs) or any(m.startswith("file") for m in mismatches)

    @staticmethod
    def _parse_form(
        endpoint: Endpoint, request: IncomingRequest, mismatches: list[str], config: MockConfig
    ) -> dict[str, Any] | None:
        """A form or multipart body as {field: text}; multipart files are checked here."""
        seen = request.header_values("Content-Type")
        media = _media_type(seen[0]) if seen else ""
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
            return _single_values(pairs, mismatches)
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
        try:
            parser = multipart.MultipartParser(
                io.BytesIO(request.body), options["boundary"], len(request.body), strict=True
            )
            for part in parser:
                if part.filename is None:
                    fields.append((part.name, part.value))
                else:
                    files[part.name] = (part.filename, part.raw)
        except multipart.MultipartError as err:
            mismatches.append(f"body: not a valid multipart body ({err})")
            return None
        expected_files = config.files or {f.field: f.example_bytes for f in endpoint.files}
        for upload in endpoint.files:
            if upload.field not in files:
                where = [n for n, _ in fields]
                mismatches.append(
                    f"file {upload.field}: missing (saw fields {where}, files {sorted(files)})"
                )
                continue
            filename, data = files.pop(upload.field)
            want = expected_files.get(upload.field, upload.example_bytes)
            if data != want:
                mismatches.append(
                    f"file {upload.field}: saw {len(data)} bytes "
                    f"(sha256 {hashlib.sha256(data).hexdigest()[:12]}), the file holds "
                    f"{len(want)} bytes (sha256 {hashlib.sha256(want).hexdigest()[:12]})"
                )
            if filename != upload.path:
                mismatches.append(
                    f"file {upload.field}: filename {filename!r}, spec says {upload.path!r}"
                )
        for name in files:
            mismatches.append(f"file {name}: not in the spec")
        return _single_values(fields, mismatches)

    # -- answers ---------------------------------------------------------------------
    def evidence(self, endpoint: Endpoint) -> str:
        """The text a successful sample's output must contain: the marked reply."""
        document = endpoint.task.example if endpoint.task else endpoint.response_example
        if endpoint.binary or not endpoint.reply_path:
            return ""
        if endpoint.streams:
            return self.config.reply
        return mark_reply(document, endpoint.reply_path, self.config.reply)[1]

    def success(self, endpoint: Endpoint, body: JSON | None) -> MockResponse:
        """The success answer: the response example with the configured reply at reply_path,
        server-sent events that carry the reply in pieces, the binary file, or a new task."""
        request_id = str(uuid.uuid4())
        if endpoint.streams:
            frames = stream_frames(
                endpoint,
                self.config.reply,
                body,
                request_id=request_id,
                error=self.config.stream_error,
            )
            return self._with_request_id(
                endpoint, MockResponse.sse(endpoint.response_status, frames), request_id
            )
        if text_format(endpoint, body):
            document: JSON = {
                "output": {"finish_reason": "stop", "text": self.config.reply},
                "usage": {"input_tokens": 12, "output_tokens": 3, "total_tokens": 15},
                "request_id": request_id,
            }
            return self._with_request_id(
                endpoint, MockResponse.json(endpoint.response_status, document), request_id
            )
        if endpoint.binary:
            data = reply_bytes(self.config.reply)
            return MockResponse(
                endpoint.response_status, [("Content-Type", endpoint.binary_type)], data
            )
        if endpoint.task is not None:
            task_id = str(uuid.uuid4())
            with self._lock:
                self._tasks[task_id] = 0
            document = put_at(endpoint.response_example, endpoint.task.id_path, task_id)
            return MockResponse.json(endpoint.response_status, document)
        document = mark_reply(endpoint.response_example, endpoint.reply_path, self.config.reply)[0]
        if isinstance(document, dict) and "request_id" in document:
            document["request_id"] = request_id
        return self._with_request_id(
            endpoint, MockResponse.json(endpoint.response_status, document), request_id
        )

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
        key_state = self._check_auth(endpoint, request, pairs, record.mismatches, config)
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
        it carries a fresh request id (in the body and the family's header)."""
        request_id = str(uuid.uuid4())
        documented = endpoint.error(when)
        if documented is not None:
            status, body = documented.status, name_model(documented.body, model or "")
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
        endpoint: Endpoint,
        request: IncomingRequest,
        query: list[tuple[str, str]],
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
        else:
            values = request.header_values(auth.header)
            where, prefix = f"header {auth.header}", auth.value_prefix()
            shape = f"{prefix}<key>"
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
        if key != key.strip() or not key:
            mismatches.append(f"{where}: the key has surrounding blanks or is empty")
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
        if "content-type" not in names and request.body and endpoint.body_kind == "json":
            seen = request.header_values("Content-Type")
            if not seen or _media_type(seen[0]) != "application/json":
                got = seen[0] if seen else "none"
                mismatches.append(f"header Content-Type: saw {got!r}, expected 'application/json'")


def _single_values(pairs: list[tuple[str, str]], mismatches: list[str]) -> dict[str, str]:
    """Form fields as a mapping; a field sent twice is a mismatch."""
    result: dict[str, str] = {}
    for name, value in pairs:
        if name in result:
            mismatches.append(f"body: form field {name} sent twice")
        result[name] = value
    return result
