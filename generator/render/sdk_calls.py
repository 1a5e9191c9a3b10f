"""How an endpoint's request maps onto the SDK call its table row names (any language).

:func:`plan` pairs every value the spec sends with the argument (Python keyword, Node.js
property, Java setter) that carries it, or marks it for the SDK's escape hatch
(``extra_body``/``extra_query``, ``putAdditionalBodyProperty``); :func:`decline` says why a
table-driven SDK variant cannot render an endpoint (a missing call, a stream the call
cannot give, an answer of another kind, an argument the call needs that the request lacks).
The per-language filters (``filters/sdk_python.py``, ``sdk_node.py``, ``sdk_java.py``) only
write the plan down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.sdk.tables import find_call, fixed_query, table

if TYPE_CHECKING:
    from generator.model import Endpoint, UploadFile


@dataclass(frozen=True)
class Arg:
    """One value of the request and the argument that carries it (None: the escape hatch)."""

    key: str  # the JSON key, query or form field name
    value: Any
    arg: str | None  # the SDK's argument or setter name, or None


@dataclass(frozen=True)
class Plan:
    """The request, argument by argument, for one SDK call."""

    row: dict[str, Any]
    path: tuple[Arg, ...] = ()  # one per hole of the route, in order
    query: tuple[Arg, ...] = ()
    body: tuple[Arg, ...] = ()  # JSON keys, or multipart text fields
    files: tuple[tuple[str, UploadFile], ...] = ()  # (argument, file)
    stream: bool = False
    body_value: Any = None  # the JSON body when it is not an object (then ``body`` is empty)
    json_body: bool = False  # the request carries a JSON body (an empty object too)
    notes: tuple[str, ...] = field(default=())

    @property
    def extra_body(self) -> dict[str, Any]:
        """The body values no argument takes (sent through the escape hatch)."""
        return {a.key: a.value for a in self.body if a.arg is None}

    @property
    def extra_query(self) -> dict[str, Any]:
        """The query parameters no argument takes."""
        return {a.key: a.value for a in self.query if a.arg is None}


def _ordered_path_params(endpoint: Endpoint) -> list[Any]:
    """The path parameters in the order their holes appear in the path."""
    return sorted(endpoint.path_params, key=lambda p: endpoint.path.find("{" + p.name + "}"))


def call_row(sdk_table: str, endpoint: Endpoint) -> dict[str, Any] | None:
    """The row of table ``sdk_table`` for ``endpoint`` (None when it has none)."""
    return find_call(table(sdk_table), endpoint)[0]


def plan(row: dict[str, Any], endpoint: Endpoint) -> Plan:
    """Every value of ``endpoint``'s request paired with the argument of ``row`` that takes it."""
    holes = row.get("path", [])
    params = _ordered_path_params(endpoint)
    path = tuple(
        Arg(p.name, p.example, holes[i] if i < len(holes) else None) for i, p in enumerate(params)
    )
    fixed = {name for name, _ in fixed_query(row)}
    query_args = row.get("query", {})
    query = tuple(
        Arg(p.name, p.example, query_args.get(p.name))
        for p in endpoint.query_params
        if p.name not in fixed
    )
    body_args = row.get("body", {})
    file_fields = set(row.get("files", []))
    example = endpoint.request_example
    body: tuple[Arg, ...] = ()
    body_value = None
    if endpoint.body_kind in ("json", "multipart", "form") and isinstance(example, dict):
        uploads = {u.field for u in endpoint.files}
        body = tuple(Arg(k, v, body_args.get(k)) for k, v in example.items() if k not in uploads)
        body += _api_defaults(row, endpoint, example)
    elif endpoint.body_kind == "json":
        body_value = example
    files = tuple(
        (_file_arg(upload.field, body_args, file_fields), upload)
        for upload in (endpoint.files if endpoint.body_kind == "multipart" else ())
    )
    stream = endpoint.streams
    return Plan(row, path, query, body, files, stream, body_value, endpoint.body_kind == "json")


def _api_defaults(row: dict[str, Any], endpoint: Endpoint, example: dict) -> tuple[Arg, ...]:
    """The API's defaults the call must be given so that it does not send values of its own
    (the OpenAI SDKs ask for base64 embeddings when ``encoding_format`` is left out): each
    value the call fills by itself, for a key the request leaves to the API's default."""
    defaults = endpoint.request_defaults if isinstance(endpoint.request_defaults, dict) else {}
    body_args = row.get("body", {})
    return tuple(
        Arg(key, defaults[key], body_args.get(key))
        for key, own in row.get("fills", {}).items()
        if key not in example and key in defaults and defaults[key] != own
    )


def _file_arg(field: str, body_args: dict[str, str], file_fields: set[str]) -> str:
    """The argument (Java: setter) that uploads multipart file ``field``, or ""."""
    target = body_args.get(field, field)
    return target if target in file_fields or field in file_fields else ""


# The shapes of the grown spec format (``Endpoint.shapes``) the SDK templates render: the
# base URL's parts are the client's base URL, header parameters travel as the client's
# default headers, answers without a body print the status of the SDK's raw response, text
# answers print as they came. Any other shape is declined, named.
SDK_SHAPES = frozenset(
    {"http", "port", "base-path", "header-params", "empty", "text", "empty-file"}
)


def decline(sdk_table: str, endpoint: Endpoint) -> str | None:
    """Why the SDK of ``sdk_table`` cannot render ``endpoint`` (None: it can)."""
    sdk = table(sdk_table)
    row, why = find_call(sdk, endpoint)
    if row is None:
        return why
    name = row["call"]
    other = sorted(getattr(endpoint, "shapes", frozenset()) - SDK_SHAPES)
    if other:
        return f"{name} samples do not render {', '.join(other)} yet"
    fmt = endpoint.response_format
    if fmt == "text" and row["answer"] != "text":
        return f"{name} answers {row['answer']}, not text"
    if endpoint.task is not None:
        return f"{name} answers at once; the SDK does not poll this endpoint's task"
    if endpoint.streams and not row.get("stream"):
        return f"{name} does not stream its answer"
    if not endpoint.streams and row.get("stream") == "always":
        return f"{name} always streams; this endpoint answers at once"
    if fmt != "empty" and endpoint.binary != (row["answer"] == "binary"):
        if endpoint.binary:
            return f"{name} answers {row['answer']}, not a file to save"
        return f"{name} answers a file; this endpoint answers JSON"
    if row["answer"] in ("empty", "text") and fmt not in ("empty", "text"):
        return f"{name} answers {row['answer']}; the sample could not print the reply"
    kind = endpoint.body_kind
    if kind == "form":
        return f"{name} sends no urlencoded form"
    if kind == "json" and row["body_kind"] == "multipart":
        return f"{name} sends multipart/form-data, not JSON"
    if kind == "multipart" and row["body_kind"] != "multipart":
        return f"{name} sends no multipart/form-data"
    if kind not in ("json", "multipart", "none", "form"):
        return f"{name} sends no {kind} body"
    if kind == "json" and not isinstance(endpoint.request_example, dict):
        return f"{name} sends a JSON object; this request's body is not one"
    example = endpoint.request_example if isinstance(endpoint.request_example, dict) else {}
    defaults = endpoint.request_defaults if isinstance(endpoint.request_defaults, dict) else {}
    for key, own in row.get("fills", {}).items():
        if kind == "json" and key not in example and key not in defaults:
            return (
                f"{name} sends {key} {own!r} when the request leaves it out, and this "
                f"request neither sends {key} nor says the API's default (request.defaults)"
            )
    the_plan = plan(row, endpoint)
    if any(arg == "" for arg, _ in the_plan.files):
        fields = ", ".join(u.field for arg, u in the_plan.files if arg == "")
        return f"{name} uploads no file field {fields}"
    given = {a.arg for a in (*the_plan.path, *the_plan.query, *the_plan.body) if a.arg}
    given |= {arg for arg, _ in the_plan.files}
    holes = len(row.get("path", []))
    if len(the_plan.path) != holes:
        return f"{name} fills {holes} path parameters; the spec has {len(the_plan.path)}"
    missing = [r for r in row.get("required", []) if r not in given and r != "stream"]
    if missing:
        return f"{name} needs {', '.join(missing)}, which this request does not send"
    return None
