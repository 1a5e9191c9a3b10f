"""The validated, typed model of an endpoint spec: what templates and the mock may rely on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from generator.errors import SamplegenError
from generator.model import params
from generator.model.params import FieldEncoding, scalar_text

JSON = Any


@dataclass(frozen=True)
class Region:
    """One deployment region of the API."""

    key: str
    base_url: str
    label: str

    @property
    def host(self) -> str:
        """The host name, without scheme or port."""
        return urlsplit(self.base_url).hostname or ""

    @property
    def scheme(self) -> str:
        """``https`` or ``http``."""
        return urlsplit(self.base_url).scheme

    @property
    def port(self) -> int | None:
        """The port the URL names, or None for the scheme's default (443, 80)."""
        port = urlsplit(self.base_url).port
        return None if port == {"https": 443, "http": 80}.get(self.scheme) else port

    @property
    def netloc(self) -> str:
        """``host`` or ``host:port`` (what the Host header carries; no default port)."""
        return self.host if self.port is None else f"{self.host}:{self.port}"

    @property
    def base_path(self) -> str:
        """The path the base URL ends with (``/api/v1``), or ``""``: every request path
        of the region starts with it."""
        return urlsplit(self.base_url).path


@dataclass(frozen=True)
class Auth:
    """How a request is authenticated, and where samples read the key.

    ``kind`` is ``header`` (one header carries the key: ``<header>: <value_prefix()><key>
    <suffix>``: bearer tokens, API-key headers such as ``x-api-key``, and a key in a cookie,
    ``Cookie: session=<key>; lang=en``), ``query`` (``?<param>=<key>``), ``basic``
    (``Authorization: Basic base64(<user>:<password>)``, the user from ``env`` and the
    password from ``password_env``) or ``none``. Templates never need to know which kind
    of the spec a header key came from.
    """

    header: str
    scheme: str
    env: str
    kind: str = "header"  # header, query, basic or none
    param: str = ""  # the query parameter that carries the key (kind query)
    cookie: str = ""  # the cookie that carries the key (kind header, header Cookie)
    suffix: str = ""  # what follows the key in the header (the other cookies: "; lang=en")
    password_env: str = ""  # kind basic: the variable of the password (env is the user's)

    def value_prefix(self) -> str:
        """What precedes the key in the header value (``"Bearer "``, ``"session="``,
        ``"Basic "``), or ``""``."""
        if self.cookie:
            return f"{self.cookie}="
        return f"{self.scheme} " if self.scheme else ""

    @property
    def in_header(self) -> bool:
        """Whether the key travels as is in a header (with a prefix and a suffix)."""
        return self.kind == "header"

    @property
    def in_query(self) -> bool:
        """Whether the key travels in the query string."""
        return self.kind == "query"

    @property
    def basic(self) -> bool:
        """Whether the request authenticates with HTTP Basic (a user and a password)."""
        return self.kind == "basic"

    @property
    def required(self) -> bool:
        """Whether the request carries a key at all."""
        return self.kind != "none"

    @property
    def envs(self) -> tuple[str, ...]:
        """Every environment variable a sample reads (the user's and the password's for
        basic auth); none without auth."""
        return tuple(e for e in (self.env, self.password_env) if e) if self.required else ()


@dataclass(frozen=True)
class Parameter:
    """A path, query, header or cookie parameter and the value every sample sends,
    serialised by its OpenAPI ``style`` and ``explode`` (see :mod:`generator.model.params`)."""

    name: str
    location: str  # path, query, header or cookie
    example: JSON  # a text, number or boolean; or a list or an object of them
    schema: JSON = None
    description: str = ""
    style: str = ""  # "" for the location's default (simple, form, simple, form)
    explode: bool | None = None  # None for the style's default (true for form only)
    allow_reserved: bool = False
    required: bool = True

    @property
    def text(self) -> str:
        """A scalar's value as it travels, before percent-encoding (``true``, ``10``); a
        list or an object as a header carries it (``3,4``)."""
        if self.shape == "scalar":
            return scalar_text(self.example)
        return params.header_text(self.example, self.exploded)

    @property
    def shape(self) -> str:
        """``scalar``, ``array`` or ``object``."""
        return params.shape(self.example)

    @property
    def serialization(self) -> str:
        """The style in effect (the location's default when the spec names none)."""
        return self.style or params.DEFAULT_STYLE[self.location]

    @property
    def exploded(self) -> bool:
        """Whether ``explode`` is in effect (the style's default when the spec says none)."""
        return params.default_explode(self.serialization) if self.explode is None else self.explode

    @property
    def plain(self) -> bool:
        """Whether this is a path or query scalar in the location's default style (what
        every variant has rendered since the first spec format)."""
        return (
            self.location in ("path", "query")
            and self.shape == "scalar"
            and self.serialization == params.DEFAULT_STYLE[self.location]
            and not self.allow_reserved
        )


DEFAULT_FILE_TEXT = "Hello from samplegen.\n"  # an upload's bytes when the spec gives none


@dataclass(frozen=True)
class UploadFile:
    """A file the sample reads from ``path`` and sends: a multipart part named ``field``,
    or (``field`` "") the whole body of a raw request."""

    field: str
    path: str
    content_type: str = "application/octet-stream"
    example: str | None = None  # the text the spec gives the file, if any ("": empty)

    @property
    def example_bytes(self) -> bytes:
        """What the example file holds (a short text when the spec gives none)."""
        return (self.example if self.example is not None else DEFAULT_FILE_TEXT).encode("utf-8")


@dataclass(frozen=True)
class TaskPolling:
    """An asynchronous task: where its id and state are, how to poll it, when to stop."""

    id_path: tuple[str | int, ...]
    poll_path: str  # GET path with {task_id}
    status_path: tuple[str | int, ...]
    succeeded: tuple[str, ...]
    failed: tuple[str, ...]
    pending: tuple[str, ...]
    interval: float
    timeout: float
    message_path: tuple[str | int, ...]
    example: JSON
    failed_example: JSON

    def poll_path_for(self, task_id: str) -> str:
        """The poll path of task ``task_id`` (percent-encoded)."""
        return self.poll_path.replace("{task_id}", quote(task_id, safe=""))

    @property
    def poll_prefix(self) -> str:
        """The poll path up to ``{task_id}``: samples append the id."""
        return self.poll_path.split("{task_id}", 1)[0]

    @property
    def poll_suffix(self) -> str:
        """The poll path after ``{task_id}`` (usually empty)."""
        parts = self.poll_path.split("{task_id}", 1)
        return parts[1] if len(parts) == 2 else ""


@dataclass(frozen=True)
class ErrorResponse:
    """An error the API documents, and when the mock returns it."""

    status: int
    when: str
    body: JSON
    description: str = ""
    content_type: str = "application/json"  # a text body of another type is sent as is

    @property
    def message(self) -> str:
        """The human-readable message inside the body (``message`` or ``error.message``;
        the whole body when it is a text)."""
        if isinstance(self.body, str):
            return self.body
        body = self.body if isinstance(self.body, dict) else {}
        inner = body.get("error")
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"]
        msg = body.get("message")
        return msg if isinstance(msg, str) else ""


STANDARD_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
SSE_FORMATS = ("openai-sse", "dashscope-sse", "sse")
FAMILY_SSE_FORMATS = ("openai-sse", "dashscope-sse")


@dataclass(frozen=True)
class Endpoint:
    """One API endpoint, as its spec file describes it."""

    id: str
    title: str
    description: str
    style: str
    regions: tuple[Region, ...]
    default_region: str
    method: str
    path: str
    sdk_base_path: str
    auth: Auth
    headers: tuple[tuple[str, str], ...]  # the spec's headers, then header and cookie parameters
    request_example: JSON
    request_schema: JSON
    request_defaults: JSON
    response_status: int
    response_example: JSON
    response_schema: JSON
    reply_path: tuple[str | int, ...]
    errors: tuple[ErrorResponse, ...]
    models: tuple[str, ...]
    source: Path = field(compare=False)
    id_line: int = field(default=1, compare=False)  # where ``id`` stands in the spec file
    translations: tuple[tuple[str, str, str], ...] = ()  # (locale, title, description)
    operation: str = "chat-completions"  # "" when the endpoint names no SDK operation
    # json, openai-sse, dashscope-sse, sse, binary, text, empty or redirect
    response_format: str = "json"
    parameters: tuple[Parameter, ...] = ()
    body_kind: str = "json"  # json, form, multipart, raw or none
    files: tuple[UploadFile, ...] = ()
    save_as: str = ""  # binary answers: the file samples save them to
    binary_type: str = "application/octet-stream"  # the answer's media type (binary, text)
    task: TaskPolling | None = None
    model_patterns: tuple[str, ...] = ()  # regular expressions of further known models
    content_type: str = ""  # the request body's media type ("" without a body)
    raw_text: str | None = None  # raw: the text sent byte for byte (UTF-8)
    raw_file: UploadFile | None = None  # raw: the file whose bytes are the whole body
    # form and multipart: how a field holding a list or object is sent (request.encoding)
    form_encoding: tuple[tuple[str, FieldEncoding], ...] = ()

    def knows_model(self, name: str) -> bool:
        """Whether the API serves model ``name`` (listed, or matching a pattern)."""
        import re

        return name in self.models or any(re.fullmatch(p, name) for p in self.model_patterns)

    @property
    def streams(self) -> bool:
        """Whether the answer is a stream of server-sent events (of any format)."""
        return self.response_format in SSE_FORMATS

    @property
    def binary(self) -> bool:
        """Whether the answer is a file (saved to :attr:`save_as`)."""
        return self.response_format == "binary"

    @property
    def head(self) -> bool:
        """Whether the request is a HEAD: no body, and an answer without one."""
        return self.method == "HEAD"

    @property
    def response_kind(self) -> str:
        """What a sample does with the answer: ``json``, ``sse``, ``binary``, ``task``,
        ``text`` (prints it as is), ``empty`` (prints the status; for HEAD the headers too)
        or ``redirect`` (prints the status and the Location, does not follow it)."""
        if self.task is not None:
            return "task"
        if self.streams:
            return "sse"
        if self.response_format in ("binary", "text", "empty", "redirect"):
            return self.response_format
        return "json"

    @property
    def response_content_type(self) -> str:
        """The media type of the success answer."""
        if self.response_format in ("binary", "text"):
            return self.binary_type
        return "text/event-stream" if self.streams else "application/json"

    # -- parameters --------------------------------------------------------------------
    def params_in(self, location: str) -> tuple[Parameter, ...]:
        """The parameters in ``location`` (path, query, header, cookie), in spec order."""
        return tuple(p for p in self.parameters if p.location == location)

    @property
    def path_params(self) -> tuple[Parameter, ...]:
        """The path parameters, in the order the spec lists them."""
        return self.params_in("path")

    @property
    def query_params(self) -> tuple[Parameter, ...]:
        """The query parameters, in the order the spec lists them."""
        return self.params_in("query")

    @property
    def resolved_path(self) -> str:
        """The path with every path parameter's example filled in (by its style),
        percent-encoded."""
        path = self.path
        for p in self.path_params:
            text = params.path_text(p.name, p.example, p.serialization, p.exploded)
            path = path.replace("{" + p.name + "}", text)
        return path

    @property
    def query_pairs(self) -> tuple[tuple[str, str], ...]:
        """The query parameters as decoded (name, text) pairs in order, repeated names
        kept (``ids=3&ids=4`` is two pairs; ``ids=3,4`` one, ``("ids", "3,4")``)."""
        return tuple(
            pair
            for p in self.query_params
            for pair in params.query_pairs(p.name, p.example, p.serialization, p.exploded)
        )

    @property
    def query_string(self) -> str:
        """The query parameters' examples, percent-encoded (no leading ``?``; without the
        key of a query-authenticated endpoint)."""
        return "&".join(
            params.query_text(p.name, p.example, p.serialization, p.exploded, p.allow_reserved)
            for p in self.query_params
        )

    @property
    def param_headers(self) -> tuple[tuple[str, str], ...]:
        """The headers the parameters make: one per header parameter, and one ``Cookie``
        with every cookie parameter (unless the key travels in a cookie: then they follow
        it, see :attr:`Auth.suffix`)."""
        found = [
            (p.name, params.header_text(p.example, p.exploded)) for p in self.params_in("header")
        ]
        if self.params_in("cookie") and not self.auth.cookie:
            found.append(("Cookie", params.cookie_header(self.cookie_pairs)))
        return tuple(found)

    @property
    def cookie_pairs(self) -> tuple[tuple[str, str], ...]:
        """The cookie parameters as (name, encoded value) pairs, in order."""
        return tuple(
            pair
            for p in self.params_in("cookie")
            for pair in params.cookie_pairs(p.name, p.example, p.exploded)
        )

    # -- bodies ------------------------------------------------------------------------
    @property
    def has_body(self) -> bool:
        """Whether the request carries a body."""
        return self.body_kind != "none"

    def field_encoding(self, name: str) -> FieldEncoding:
        """How form or multipart field ``name`` is sent (default: form, exploded)."""
        return dict(self.form_encoding).get(name, FieldEncoding())

    @property
    def form_pairs(self) -> tuple[tuple[str, str], ...]:
        """A urlencoded form's fields as decoded (name, text) pairs in order, each field
        serialised by its encoding (repeated names kept); a multipart body's text fields."""
        if self.body_kind == "form":
            fields = self.request_example or {}
            return tuple(params.form_pairs(fields, dict(self.form_encoding)))
        if self.body_kind == "multipart":
            return tuple(
                (name, scalar_text(value))
                for name, value in (self.request_example or {}).items()
                if not isinstance(value, dict | list)
            )
        return ()

    @property
    def json_parts(self) -> tuple[tuple[str, JSON], ...]:
        """A multipart body's fields that hold a list or an object: each is sent as one
        part of JSON text (content type application/json)."""
        if self.body_kind != "multipart":
            return ()
        return tuple(
            (name, value)
            for name, value in (self.request_example or {}).items()
            if isinstance(value, dict | list)
        )

    @property
    def uploads(self) -> tuple[UploadFile, ...]:
        """Every file a sample reads: the multipart files, or the raw body's file."""
        return self.files + ((self.raw_file,) if self.raw_file is not None else ())

    # -- what the answer holds -----------------------------------------------------------
    @property
    def reply_kind(self) -> str:
        """What sits at ``reply_path`` in the answer a sample prints: ``text``, ``number``,
        ``vector`` (a list of numbers), ``list``, ``object``, ``value`` (a boolean or null),
        or ``none`` (answers without one: binary, text, empty, redirect)."""
        if self.response_kind in ("binary", "text", "empty", "redirect"):
            return "none"
        document = self.task.example if self.task is not None else self.response_example
        value = value_at(document, self.reply_path)
        if isinstance(value, str):
            return "text"
        if isinstance(value, bool) or value is None:
            return "value"
        if isinstance(value, int | float):
            return "number"
        if isinstance(value, list):
            numeric = value and all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in value
            )
            return "vector" if numeric else "list"
        return "object"

    @cached_property
    def shapes(self) -> frozenset[str]:
        """The request and answer shapes of this endpoint that came with the grown spec
        format (issue 18); a variant that does not render one of them declines the
        endpoint (see ``Variant.shapes``). An endpoint of the first format has none.
        Computed once per endpoint (every variant asks, in every edition)."""
        found = set()
        if self.method not in STANDARD_METHODS:
            found.add("head" if self.head else "method")
        if any(r.scheme == "http" for r in self.regions):
            found.add("http")
        if any(r.port is not None for r in self.regions):
            found.add("port")
        if any(r.base_path for r in self.regions):
            found.add("base-path")
        for p in self.parameters:
            if p.location in ("header", "cookie"):
                found.add(f"{p.location}-params")
            elif not p.plain:
                found.add(f"{p.location}-styles")
        if self.auth.cookie:
            found.add("auth-cookie")
        if self.auth.basic:
            found.add("auth-basic")
        if self.body_kind == "raw":
            found.add("raw-file" if self.raw_file is not None else "raw-text")
        if self.body_kind == "json" and self.content_type != "application/json":
            found.add("json-media-type")
        if self.body_kind == "form":
            if not self.request_example:
                found.add("form-empty")
            if any(isinstance(v, dict | list) for v in self.request_example.values()):
                found.add("form-nested")
        if self.json_parts:
            found.add("multipart-json")
        if any(f.example == "" for f in self.uploads):
            found.add("empty-file")
        if self.response_format in ("sse", "text", "empty", "redirect"):
            found.add(self.response_format)
        return frozenset(found)

    def title_in(self, locale: str) -> str:
        """The title in comment locale ``locale`` (the English title when none is given)."""
        return next((t for loc, t, _ in self.translations if loc == locale), self.title)

    def description_in(self, locale: str) -> str:
        """The description in comment locale ``locale`` (English when none is given)."""
        return next((d for loc, _, d in self.translations if loc == locale), self.description)

    def region(self, key: str | None = None) -> Region:
        """The region named ``key`` (the spec's default when None)."""
        key = key or self.default_region
        for region in self.regions:
            if region.key == key:
                return region
        known = ", ".join(r.key for r in self.regions)
        raise SamplegenError(
            f"endpoint {self.id} has no region {key} (known: {known})", self.source
        )

    def url(self, region: str | None = None) -> str:
        """The full request URL in ``region``: the base URL (with its port and base path),
        the path with its parameters filled in, the query attached (without the API key of
        a query-authenticated endpoint; samples add it)."""
        query = self.query_string
        return self.region(region).base_url + self.resolved_path + (f"?{query}" if query else "")

    def sdk_base_url(self, region: str | None = None) -> str:
        """The base URL an SDK client is configured with in ``region``."""
        return self.region(region).base_url + self.sdk_base_path

    def error(self, when: str) -> ErrorResponse | None:
        """The documented error returned under condition ``when``, if any."""
        for err in self.errors:
            if err.when == when:
                return err
        return None


def value_at(document: JSON, path: tuple[str | int, ...] | list[str | int]) -> JSON:
    """The value at ``path`` in ``document`` (None when the path leads nowhere)."""
    node = document
    for part in path:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            return None
        node = node[part]
    return node
