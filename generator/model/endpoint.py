"""The validated, typed model of an endpoint spec: what templates and the mock may rely on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from generator.errors import SamplegenError

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


@dataclass(frozen=True)
class Auth:
    """How a request is authenticated, and where samples read the key.

    ``kind`` is ``header`` (``<header>: [<scheme> ]$<env>``: bearer tokens and API-key
    headers such as ``x-api-key``), ``query`` (``?<param>=$<env>``) or ``none``.
    """

    header: str
    scheme: str
    env: str
    kind: str = "header"  # header, query or none
    param: str = ""  # the query parameter that carries the key (kind query)

    def value_prefix(self) -> str:
        """What precedes the key in the header value (``"Bearer "``), or ``""``."""
        return f"{self.scheme} " if self.scheme else ""

    @property
    def in_header(self) -> bool:
        """Whether the key travels in a header."""
        return self.kind == "header"

    @property
    def in_query(self) -> bool:
        """Whether the key travels in the query string."""
        return self.kind == "query"

    @property
    def required(self) -> bool:
        """Whether the request carries a key at all."""
        return self.kind != "none"


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter and the value every sample sends."""

    name: str
    location: str  # path or query
    example: str | int | float | bool
    schema: JSON = None
    description: str = ""

    @property
    def text(self) -> str:
        """The value as it travels in a URL, before percent-encoding (``true``, ``10``)."""
        return scalar_text(self.example)


def encode_segment(text: str) -> str:
    """``text`` percent-encoded as one path segment; ``.`` and ``..`` too, which URL parsers
    would otherwise resolve away."""
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def scalar_text(value: JSON) -> str:
    """A scalar as text in a URL or a form: JSON's spelling for booleans and numbers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


DEFAULT_FILE_TEXT = "Hello from samplegen.\n"  # an upload's bytes when the spec gives none


@dataclass(frozen=True)
class UploadFile:
    """A file of a multipart body: the sample reads ``path`` and sends it as ``field``."""

    field: str
    path: str
    content_type: str = "application/octet-stream"
    example: str | None = None  # the text the spec gives the file, if any

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

    @property
    def message(self) -> str:
        """The human-readable message inside the body (``message`` or ``error.message``)."""
        body = self.body if isinstance(self.body, dict) else {}
        inner = body.get("error")
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"]
        msg = body.get("message")
        return msg if isinstance(msg, str) else ""


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
    headers: tuple[tuple[str, str], ...]
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
    response_format: str = "json"  # json, openai-sse, dashscope-sse or binary
    parameters: tuple[Parameter, ...] = ()
    body_kind: str = "json"  # json, form, multipart or none
    files: tuple[UploadFile, ...] = ()
    save_as: str = ""  # binary answers: the file samples save them to
    binary_type: str = "application/octet-stream"
    task: TaskPolling | None = None
    model_patterns: tuple[str, ...] = ()  # regular expressions of further known models

    def knows_model(self, name: str) -> bool:
        """Whether the API serves model ``name`` (listed, or matching a pattern)."""
        import re

        return name in self.models or any(re.fullmatch(p, name) for p in self.model_patterns)

    @property
    def streams(self) -> bool:
        """Whether the answer is a stream of server-sent events."""
        return self.response_format in ("openai-sse", "dashscope-sse")

    @property
    def binary(self) -> bool:
        """Whether the answer is a file (saved to :attr:`save_as`)."""
        return self.response_format == "binary"

    @property
    def response_kind(self) -> str:
        """What a sample does with the answer: ``json``, ``sse``, ``binary`` or ``task``."""
        if self.task is not None:
            return "task"
        if self.streams:
            return "sse"
        return "binary" if self.binary else "json"

    @property
    def path_params(self) -> tuple[Parameter, ...]:
        """The path parameters, in the order the spec lists them."""
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def query_params(self) -> tuple[Parameter, ...]:
        """The query parameters, in the order the spec lists them."""
        return tuple(p for p in self.parameters if p.location == "query")

    @property
    def resolved_path(self) -> str:
        """The path with every path parameter's example filled in, percent-encoded."""
        path = self.path
        for param in self.path_params:
            path = path.replace("{" + param.name + "}", encode_segment(param.text))
        return path

    @property
    def query_string(self) -> str:
        """The query parameters' examples, percent-encoded (no leading ``?``)."""
        return urlencode([(p.name, p.text) for p in self.query_params], quote_via=quote)

    @property
    def has_body(self) -> bool:
        """Whether the request carries a body."""
        return self.body_kind != "none"

    @property
    def reply_kind(self) -> str:
        """What sits at ``reply_path`` in the answer a sample prints: ``text``, ``number``,
        ``vector`` (a list of numbers), ``list``, ``object``, ``value`` (a boolean or null),
        or ``none`` (no reply path: binary answers)."""
        if not self.reply_path:
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
            f"endpoint {self.id!r} has no region {key!r} (known: {known})", self.source
        )

    def url(self, region: str | None = None) -> str:
        """The full request URL in ``region``: path parameters filled in, query attached
        (without the API key of a query-authenticated endpoint; samples add it)."""
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
