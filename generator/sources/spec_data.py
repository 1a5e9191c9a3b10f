"""Spec data (a mapping, from a YAML spec or an imported document) -> validated -> the model.

Validated against the spec JSON Schema and the rules a schema cannot express; every problem
is raised as a :class:`SpecError` naming the file and the line, in words a writer
understands (no Python values, no regular expressions).

The two entry points every reader calls: :func:`validate` (data, the line of each data path,
the file; ``origins`` names another file for paths that came from one, such as the keys a
spec inherits from its folder's ``_api.yaml``) and :func:`build_endpoint`.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from generator.cache import content_key, read_entry, write_entry
from generator.errors import SpecError
from generator.model import (
    Auth,
    Endpoint,
    ErrorResponse,
    FieldEncoding,
    Parameter,
    Region,
    TaskPolling,
    UploadFile,
    value_at,
)
from generator.model import params as serial
from generator.sources import messages
from generator.sources.schema_fast import check_schema, fast_validator
from generator.sources.yaml_text import PathKey

if TYPE_CHECKING:  # jsonschema is imported only when a spec has to be validated
    import jsonschema

Origins = Mapping[PathKey, Path]


@cache
def spec_schema() -> dict[str, Any]:
    """The JSON Schema every spec file must satisfy."""
    return json.loads(_schema_text())


@cache
def _schema_text() -> str:
    return resources.files("generator.sources").joinpath("spec.schema.json").read_text("utf-8")


@cache
def _validation_salt() -> bytes:
    """What a validation result depends on besides the spec: the schema, these rules and
    the installed jsonschema (located, not imported: its path and its files' mtime)."""
    found = importlib.util.find_spec("jsonschema")
    origin = Path(found.origin) if found and found.origin else None
    installed = f"{origin}:{origin.stat().st_mtime_ns}" if origin else "jsonschema?"
    params_code = Path(serial.__file__).read_bytes()
    return _schema_text().encode() + Path(__file__).read_bytes() + params_code + installed.encode()


def _validated_key(data: Any) -> str:
    """The cache key saying "this spec content passed :func:`validate`" (content hashed)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return content_key(canonical.encode("utf-8", "surrogatepass"), _validation_salt())


def _deepest(lines: Mapping[PathKey, int], path: Iterable[str | int]) -> PathKey:
    key = tuple(path)
    while key not in lines and key:
        key = key[:-1]
    return key


def _line_for(lines: Mapping[PathKey, int], path: Iterable[str | int]) -> int | None:
    """The line of the deepest recorded ancestor of ``path``."""
    return lines.get(_deepest(lines, path))


class _Where:
    """Where a data path stands: its file (the spec, or the file it came from) and line."""

    def __init__(self, lines: Mapping[PathKey, int], source: Path, origins: Origins | None):
        self.lines = lines
        self.source = source
        self.origins = origins or {}

    def fail(self, message: str, *path: str | int) -> NoReturn:
        key = _deepest(self.lines, path)
        raise SpecError(message, self.origins.get(key, self.source), self.lines.get(key))


# -- the schema's errors in words ---------------------------------------------------------
def _describe(error: jsonschema.ValidationError) -> str:
    """One schema error as a sentence: where, what was found, what is wanted."""
    return messages.describe(error)


def _unknown_key_path(error: jsonschema.ValidationError) -> list[str | int]:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            path.append(extra[0])
    return path


def _resolves(document: Any, path: list[str | int]) -> bool:
    """Whether ``path`` leads from ``document`` to a value (any JSON value but null)."""
    return value_at(document, path) is not None


@cache
def _spec_validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(spec_schema())


@cache
def _spec_fast_validator() -> Callable[[Any], bool] | None:
    # The spec schema's patterns are anchored ASCII classes, which Rust's engine never
    # accepts more of than ``re`` (tests/unit/test_schema_fast.py checks each one).
    return fast_validator(spec_schema(), trusted_patterns=True)


@lru_cache(maxsize=8192)
def _check_schema_text(canonical: str) -> None:
    """Check a JSON Schema (given as canonical JSON text) once; specs often share schemas."""
    check_schema(json.loads(canonical))


def _check_schema(schema: Any) -> None:
    """Check a JSON Schema against the meta-schema: its ``$defs`` one by one, each once per
    process. Endpoints imported from one document share most of their ``$defs``; checking
    each endpoint's whole schema again cost seconds per endpoint on a large document. The
    meta-schema checks each ``$defs`` entry as a schema of its own, so this is the same check."""
    import jsonschema

    defs = schema.get("$defs") if isinstance(schema, dict) else None
    if not isinstance(defs, dict):
        _check_schema_text(json.dumps(schema, sort_keys=True))
        return
    _check_schema_text(
        json.dumps({k: v for k, v in schema.items() if k != "$defs"}, sort_keys=True)
    )
    for name, part in defs.items():
        try:
            _check_schema_text(json.dumps(part, sort_keys=True))
        except jsonschema.SchemaError as err:
            err.path.extendleft(reversed(("$defs", name)))
            raise


def schema_errors(schema: Any, data: Any) -> list[jsonschema.ValidationError]:
    """The errors ``schema`` (JSON Schema 2020-12) finds in ``data``, most relevant first."""
    import jsonschema

    found = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    best = jsonschema.exceptions.best_match(found)
    return [best, *[e for e in found if e is not best]] if best is not None else []


# -- validation ---------------------------------------------------------------------------
def validate(
    data: Any, lines: Mapping[PathKey, int], source: Path, origins: Origins | None = None
) -> None:
    """Check ``data`` against the spec schema and the rules a schema cannot express.

    ``lines`` maps each data path to its line; ``origins`` maps a data path to the file it
    came from when that is not ``source`` (a key inherited from ``_api.yaml``): an error
    names the file and line of the deepest path it has.

    A spec whose content (with this schema and these rules) passed before, in any process,
    is not checked again: the result is cached by content hash (:mod:`generator.cache`),
    so an unchanged spec costs no jsonschema import. Failures are never cached.
    """
    key = _validated_key(data)
    if read_entry("valid", key) is not None:
        return
    _validate(data, _Where(lines, source, origins))
    write_entry("valid", key, b"")


def _validate(data: Any, at: _Where) -> None:
    import jsonschema

    fast = _spec_fast_validator()
    errors = []
    if fast is None or not fast(data):
        errors = sorted(
            _spec_validator().iter_errors(data),
            key=lambda e: _line_for(at.lines, e.absolute_path) or 0,
        )
    if errors:
        best = jsonschema.exceptions.best_match([errors[0]]) or errors[0]
        at.fail(_describe(best), *_unknown_key_path(best))
    for key in ("request", "response"):
        schema = (data.get(key) or {}).get("schema")
        if schema is None:
            continue
        _check_embedded_schema(schema, at, (key, "schema"))
        example = data[key].get("example")
        if "example" not in data[key] or (key == "response" and _not_json_answer(data)):
            continue
        if key == "request" and isinstance(example, str) and body_kind(data) == "raw":
            continue
        problems = schema_errors(schema, example)
        if problems:
            at.fail(
                messages.describe(problems[0], (key, "example"), by=f"{key}.schema"),
                key,
                "example",
                *problems[0].absolute_path,
            )
    _validate_regions(data, at)
    for i, pattern in enumerate(data.get("model_patterns", [])):
        try:
            re.compile(pattern)
        except re.error as err:
            at.fail(
                f"model_patterns[{i}]: not a regular expression ({err.msg})", "model_patterns", i
            )
    if data["method"] == "CONNECT":
        at.fail("method: CONNECT opens a tunnel; it is not an API call", "method")
    _validate_auth(data, at)
    _validate_headers(data, at)
    _validate_header_text(data, at)
    _validate_parameters(data, at)
    _validate_body(data, at)
    _validate_response(data, at)
    _validate_errors(data, at)


def _not_json_answer(data: dict[str, Any]) -> bool:
    fmt = response_format(data)
    example = data["response"].get("example")
    return fmt in ("text", "redirect", "empty", "binary") or (
        fmt == "sse" and isinstance(example, str)
    )


def _validate_regions(data: dict[str, Any], at: _Where) -> None:
    for key, region in data["regions"].items():
        port = re.search(r"^https?://[^/:]+:([0-9]+)", region["base_url"])
        if port and not 1 <= int(port.group(1)) <= 65535:
            at.fail(
                f"regions.{key}.base_url: the port {port.group(1)} is not between 1 and 65535",
                "regions",
                key,
                "base_url",
            )
    default = data.get("default_region", "intl" if "intl" in data["regions"] else None)
    if default is None and len(data["regions"]) == 1:
        return
    if default not in data["regions"]:
        known = ", ".join(sorted(data["regions"]))
        if default is None:
            at.fail(
                f"default_region: name the region samples use by default (one of {known})",
                "regions",
            )
        at.fail(
            f"default_region: {messages.show(default)} is not one of the regions ({known})",
            *(("default_region",) if "default_region" in data else ("regions",)),
        )


def _validate_auth(data: dict[str, Any], at: _Where) -> None:
    auth = data["auth"]
    kind = auth.get("type", "header")
    needs = {
        "header": ("header",),
        "query": ("name",),
        "cookie": ("name",),
        "basic": ("password_env",),
    }
    what = {
        "header": "the header that carries the key",
        "name": "the query parameter that carries the key"
        if kind == "query"
        else "the cookie that carries the key",
        "password_env": "the environment variable samples read the password from",
    }
    if kind != "none" and "env" not in auth:
        said = "the user name" if kind == "basic" else "the key"
        at.fail(f"auth.env: the environment variable samples read {said} from is required", "auth")
    for name in needs.get(kind, ()):
        if name not in auth:
            at.fail(f"auth.{name}: type {kind} needs {what[name]}", "auth")
    allowed = {
        "bearer": {"header", "scheme"},
        "header": {"header", "scheme"},
        "query": {"name"},
        "cookie": {"name"},
        "basic": {"password_env"},
        "none": set(),
    }[kind] | {"type", "env"}
    for name in auth:
        if name not in allowed:
            at.fail(f"auth.{name}: type {kind} does not take it", "auth", name)
    if kind == "bearer" and auth.get("header", "Authorization") != "Authorization":
        at.fail("auth.header: type bearer always uses the Authorization header", "auth", "header")
    if kind == "bearer" and auth.get("scheme", "Bearer") != "Bearer":
        at.fail("auth.scheme: type bearer always says Bearer", "auth", "scheme")
    if kind == "header" and auth["header"].lower() == "cookie":
        at.fail("auth.header: for a key in a cookie, use type cookie and name", "auth", "header")
    if kind == "basic" and auth["password_env"] == auth["env"]:
        at.fail("auth.password_env: the password needs a variable of its own", "auth")


_FORBIDDEN_HEADERS = {"host", "content-length", "transfer-encoding", "connection"}
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_PRINTABLE = re.compile(r"[\t\x20-\x7e]*")


def _auth_header(data: dict[str, Any]) -> str | None:
    auth = data["auth"]
    kind = auth.get("type", "header")
    if kind in ("bearer", "basic"):
        return "Authorization"
    if kind == "cookie":
        return "Cookie"
    return auth.get("header") if kind == "header" else None


def _validate_header_text(data: dict[str, Any], at: _Where) -> None:
    """What travels in a header (headers, header and cookie parameters) cannot hold a CR, an
    LF or a NUL: no client can send one, so the spec is refused at that line."""
    found: list[tuple[str | int, ...]] = [("headers", name) for name in data.get("headers", {})]
    for i, param in enumerate(data.get("parameters", ())):
        if isinstance(param, dict) and param.get("in") in ("header", "cookie"):
            found.append(("parameters", i, "example"))
    for path in found:
        for where, text in _texts(value_at(data, list(path)), path):
            if any(c in text for c in "\r\n\0"):
                what = "a NUL character" if "\0" in text else "a line break (CR or LF)"
                at.fail(
                    f"{messages.where(where)}: {messages.show(text)} holds {what}, which no "
                    "client can send in a header",
                    *where,
                )


def _texts(value: Any, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text inside ``value`` with its path (keys of mappings too)."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        out = [(path, k) for k in value]
        for k, v in value.items():
            out += _texts(v, (*path, k))
        return out
    if isinstance(value, list):
        return [t for i, v in enumerate(value) for t in _texts(v, (*path, i))]
    return []


def _validate_headers(data: dict[str, Any], at: _Where) -> None:
    seen: dict[str, str] = {}
    auth_header = _auth_header(data)
    for name, value in data.get("headers", {}).items():
        lower = name.lower()
        if lower in seen:
            at.fail(
                f"headers: {name} and {seen[lower]} are the same header (names ignore case)",
                "headers",
                name,
            )
        seen[lower] = name
        if lower in _FORBIDDEN_HEADERS:
            at.fail(f"headers: {name} is set by each client; leave it out", "headers", name)
        if auth_header and lower == auth_header.lower():
            at.fail(
                f"headers: {name} carries the API key (see auth); leave it out", "headers", name
            )
        if lower == "cookie" and any(p["in"] == "cookie" for p in data.get("parameters", [])):
            at.fail(
                "headers: the cookie parameters make the Cookie header; leave it out",
                "headers",
                name,
            )
        if value != value.strip(" \t"):
            at.fail(
                f"headers.{name}: a value cannot start or end with a blank (HTTP drops them)",
                "headers",
                name,
            )


_PATH_PARAM = re.compile(r"\{([A-Za-z0-9_.-]+)\}")


def _validate_parameters(data: dict[str, Any], at: _Where) -> None:
    params = data.get("parameters", [])
    seen: dict[tuple[str, str], int] = {}
    headers = {k.lower(): k for k in data.get("headers", {})}
    auth = data["auth"]
    auth_header = _auth_header(data)
    loose = None
    for i, param in enumerate(params):
        where, name, place = ("parameters", i), param["name"], param["in"]
        key = (place, name.lower() if place == "header" else name)
        if key in seen:
            at.fail(
                f'parameters[{i}]: a second {place} parameter "{name}"'
                + (" (header names ignore case)" if place == "header" else ""),
                *where,
                "name",
            )
        seen[key] = i
        style = param.get("style", serial.DEFAULT_STYLE[place])
        explode = param.get("explode", serial.default_explode(style))
        if style not in serial.STYLES[place]:
            at.fail(
                f"parameters[{i}].style: a {place} parameter takes "
                f"{' or '.join(serial.STYLES[place])}, not {style}",
                *where,
                "style",
            )
        if param.get("allow_reserved") and place != "query":
            at.fail(f"parameters[{i}].allow_reserved: only a query parameter has it", *where)
        if place == "path" and param.get("required") is False:
            at.fail(f"parameters[{i}].required: a path parameter is always required", *where)
        if place == "path" and not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
            at.fail(
                f'parameters[{i}].name: the path parameter "{name}" must be letters, digits, '
                "_, . and - (it stands as {name} in the path)",
                *where,
                "name",
            )
        if place in ("header", "cookie") and not _TOKEN.fullmatch(name):
            at.fail(
                f'parameters[{i}].name: "{name}" is not a {place} name (letters, digits and '
                "- among others; no spaces, colons or quotes)",
                *where,
                "name",
            )
        if place == "header":
            if name.lower() in _FORBIDDEN_HEADERS or name.lower() == "cookie":
                at.fail(f"parameters[{i}].name: {name} is set by each client", *where, "name")
            if name.lower() in headers:
                at.fail(
                    f"parameters[{i}].name: headers gives {headers[name.lower()]} already",
                    *where,
                    "name",
                )
            if auth_header and name.lower() == auth_header.lower():
                at.fail(f"parameters[{i}].name: {name} carries the API key", *where, "name")
        if place == "cookie" and auth.get("type") == "cookie" and name == auth.get("name"):
            at.fail(f"parameters[{i}].name: the cookie {name} carries the API key", *where, "name")
        if place == "query" and auth.get("type") == "query" and name == auth.get("name"):
            at.fail(
                f'parameters[{i}]: "{name}" is the query parameter of the API key', *where, "name"
            )
        example = param["example"]
        problem = serial.value_problem(example, place, style, explode)
        if problem is not None:
            at.fail(f"parameters[{i}].example: {problem}", *where, "example")
        if place == "header":
            text = serial.header_text(example, explode)
            if not _PRINTABLE.fullmatch(text):
                at.fail(
                    f"parameters[{i}].example: a header value is printable ASCII on one line",
                    *where,
                    "example",
                )
            if text != text.strip(" \t") or text == "":
                at.fail(
                    f"parameters[{i}].example: a header value cannot be empty or start or end "
                    "with a blank (HTTP drops them)",
                    *where,
                    "example",
                )
        if place == "query" and serial.shape(example) == "object" and explode and style == "form":
            if loose is not None:
                at.fail(
                    f"parameters[{i}]: only one exploded form object can be in the query "
                    f"(parameters[{loose}] is one): their keys would mix",
                    *where,
                )
            loose = i
        if "schema" in param:
            _check_embedded_schema(param["schema"], at, (*where, "schema"))
            problems = schema_errors(param["schema"], example)
            if problems:
                at.fail(
                    messages.describe(problems[0], (*where, "example"), by="its schema"),
                    *where,
                    "example",
                )
    if loose is not None:
        names = {p["name"] for p in params if p["in"] == "query"}
        if auth.get("type") == "query":
            names.add(auth["name"])
        for key in params[loose]["example"]:
            if key in names:
                at.fail(
                    f'parameters[{loose}].example: the key "{key}" is also a query parameter',
                    "parameters",
                    loose,
                    "example",
                )
    in_path = _PATH_PARAM.findall(data["path"])
    declared = [p["name"] for p in params if p["in"] == "path"]
    for name in in_path:
        if name not in declared:
            at.fail(f"path: {{{name}}} has no path parameter (add one to parameters)", "path")
    for i, param in enumerate(params):
        if param["in"] == "path" and param["name"] not in in_path:
            at.fail(
                f'parameters[{i}]: path parameter "{param["name"]}" is not in the path '
                f"{data['path']}",
                "parameters",
                i,
                "name",
            )


JSON_MEDIA = re.compile(r"application/json|[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9!#$&^_.-]*\+json")


def body_kind(data: dict[str, Any]) -> str:
    """``json``, ``form``, ``multipart``, ``raw`` or ``none``: how the request body is sent."""
    request = data.get("request") or {}
    content_type = request.get("content_type")
    if content_type is None:
        return "json" if "example" in request else "none"
    if content_type == "none":
        return "none"
    if JSON_MEDIA.fullmatch(content_type):
        return "json"
    return {
        "application/x-www-form-urlencoded": "form",
        "multipart/form-data": "multipart",
    }.get(content_type, "raw")


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _validate_body(data: dict[str, Any], at: _Where) -> None:
    request = data.get("request") or {}
    kind = body_kind(data)
    media = request.get("content_type", "application/json")
    headers = {k.lower(): (k, v) for k, v in data.get("headers", {}).items()}
    if kind == "none" and "example" in request:
        at.fail("request.example: content_type none sends no body", "request", "example")
    if kind in ("json", "form") and "example" not in request:
        at.fail("request.example: the body every sample sends is required", "request")
    if kind != "none" and data["method"] in ("GET", "HEAD"):
        at.fail(
            f"request: a {data['method']} request carries no body (use parameters for its query)",
            "request",
        )
    for key, only in (("files", "multipart"), ("file", "raw"), ("encoding", "form")):
        if key in request and kind != only and not (key == "encoding" and kind == "multipart"):
            says = {
                "files": "only a multipart/form-data body carries files",
                "file": "only a raw body (a media type other than JSON, forms and multipart) "
                "is read from a file",
                "encoding": "only a form or multipart body has field encodings",
            }[key]
            at.fail(f"request.{key}: {says}", "request", key)
    if kind in ("form", "multipart"):
        _validate_fields(request, kind, at)
        if "content-type" in headers:
            at.fail(
                f"headers: Content-Type is set by each client for a {media} body "
                "(with its boundary); leave it out",
                "headers",
                headers["content-type"][0],
            )
    if kind in ("json", "raw") and "content-type" in headers:
        name, value = headers["content-type"]
        if _media_type(value) != media:
            at.fail(
                f"headers.{name}: the body is {media} (request.content_type), not {value}",
                "headers",
                name,
            )
    if kind == "raw":
        if ("example" in request) == ("file" in request):
            at.fail(
                f"request: a {media} body is either a text (request.example) or a file "
                "(request.file)",
                "request",
            )
        if "example" in request and not isinstance(request["example"], str):
            at.fail(
                f"request.example: a {media} body is a text, sent byte for byte",
                "request",
                "example",
            )


def _validate_fields(request: dict[str, Any], kind: str, at: _Where) -> None:
    fields = request.get("example", {})
    if not isinstance(fields, dict):
        at.fail(
            f"request.example: a {request['content_type']} body is a mapping of fields",
            "request",
            "example",
        )
    encoding = request.get("encoding", {})
    for name, how in encoding.items():
        if name not in fields:
            at.fail(
                f'request.encoding: there is no field "{name}" in request.example',
                "request",
                "encoding",
                name,
            )
        if kind == "form" and "content_type" in how:
            at.fail(
                "request.encoding: content_type is for multipart parts (a form field is text)",
                "request",
                "encoding",
                name,
                "content_type",
            )
        if kind == "multipart" and ("style" in how or "explode" in how):
            at.fail(
                "request.encoding: a multipart field that holds a list or an object is sent as "
                "one part of JSON text (content_type application/json), not by style",
                "request",
                "encoding",
                name,
            )
    for name, value in fields.items():
        how = encoding.get(name, {})
        if kind == "multipart":
            if value is None:
                at.fail(
                    f"request.example.{name}: a field cannot be null", "request", "example", name
                )
            part = how.get("content_type", "application/json")
            if isinstance(value, dict | list) and part != "application/json":
                at.fail(
                    f"request.encoding.{name}.content_type: a list or an object is sent as JSON "
                    "text (application/json)",
                    "request",
                    "encoding",
                    name,
                )
            if not isinstance(value, dict | list) and "content_type" in how:
                at.fail(
                    f"request.encoding.{name}: a text field has no content type of its own",
                    "request",
                    "encoding",
                    name,
                )
            continue
        style = how.get("style", "form")
        explode = how.get("explode", serial.default_explode(style))
        problem = serial.value_problem(value, "form", style, explode)
        if problem is not None:
            at.fail(f"request.example.{name}: {problem}", "request", "example", name)
    if kind == "multipart":
        if not request.get("files") and not fields:
            at.fail("request: a multipart body needs fields (example) or files", "request")
        names = [f["field"] for f in request.get("files", [])] + list(fields)
        for name in names:
            if names.count(name) > 1:
                at.fail(f'request: the multipart field "{name}" is given twice', "request")


def response_format(data: dict[str, Any]) -> str:
    """The answer's format; a HEAD request's answer is ``empty`` unless the spec says."""
    default = "empty" if data["method"] == "HEAD" else "json"
    return data["response"].get("format", default)


def _validate_response(data: dict[str, Any], at: _Where) -> None:
    response = data["response"]
    fmt = response_format(data)
    status = response["status"]
    task = data.get("task")
    if data["method"] == "HEAD" and fmt != "empty":
        at.fail("response.format: the answer to a HEAD request has no body (empty)", "response")
    if (fmt == "redirect") != (300 <= status <= 399):
        if fmt == "redirect":
            at.fail(f"response.status: a redirect answers 3xx, not {status}", "response", "status")
        at.fail(
            f"response.status: {status} is a redirect (response.format redirect)",
            "response",
            "status",
        )
    if status in (204, 205) and fmt != "empty":
        at.fail(
            f"response.format: a {status} answer has no body (response.format empty)",
            "response",
            "status",
        )
    if task is not None and fmt != "json":
        at.fail("task: a task's answers are JSON (response.format json)", "task")
    only = {"save_as": ("binary",), "content_type": ("binary", "text")}
    for key, formats in only.items():
        if key in response and fmt not in formats:
            at.fail(
                f"response.{key}: only a {' or '.join(formats)} answer has it",
                "response",
                key,
            )
    if fmt == "binary":
        if "save_as" not in response:
            at.fail(
                "response.save_as: a binary answer needs the file name samples save it to",
                "response",
            )
        return
    if fmt in ("empty", "redirect", "text"):
        for key in ("reply_path", "schema") if fmt != "text" else ("reply_path",):
            if key in response:
                at.fail(f"response.{key}: a {fmt} answer has none", "response", key)
        if fmt == "empty" and "example" in response:
            at.fail("response.example: an empty answer has no body", "response", "example")
        if "example" in response and not isinstance(response["example"], str):
            says = "the Location it answers" if fmt == "redirect" else "the text it answers"
            at.fail(f"response.example: a {fmt} answer's example is {says}", "response", "example")
        return
    if "example" not in response:
        at.fail("response.example: the success answer is required", "response")
    example = response["example"]
    if fmt == "sse" and isinstance(example, str):
        if response.get("reply_path"):
            at.fail(
                "response.reply_path: the events hold texts (response.example): each is printed "
                "whole, leave reply_path out",
                "response",
                "reply_path",
            )
        return
    if "reply_path" not in response:
        at.fail(
            "response.reply_path: where the value samples print sits is required ([] for the "
            "whole answer)",
            "response",
        )
    if task is not None:
        if not _resolves(example, task["id_path"]):
            at.fail("task.id_path does not lead to a value in response.example", "task", "id_path")
        if not isinstance(value_at(task["example"], task["status_path"]), str):
            at.fail(
                "task.status_path does not lead to a text in task.example", "task", "status_path"
            )
        if "{task_id}" not in task["poll_path"]:
            at.fail("task.poll_path must contain {task_id}", "task", "poll_path")
        if not _resolves(task["example"], response["reply_path"]):
            at.fail(
                "response.reply_path does not lead to a value in task.example",
                "response",
                "reply_path",
            )
        return
    if not _resolves(example, response["reply_path"]):
        at.fail(
            "response.reply_path does not lead to a value in response.example",
            "response",
            "reply_path",
        )
    if fmt != "json" and not isinstance(value_at(example, response["reply_path"]), str):
        at.fail(
            "response.reply_path of a stream must lead to a text (each event's piece)",
            "response",
            "reply_path",
        )


def _validate_errors(data: dict[str, Any], at: _Where) -> None:
    seen: set[str] = set()
    for i, err in enumerate(data["errors"]):
        if err["when"] in seen:
            at.fail(f"errors[{i}]: a second error for condition {err['when']}", "errors", i, "when")
        seen.add(err["when"])
        media = err.get("content_type", "application/json")
        if not JSON_MEDIA.fullmatch(media) and not isinstance(err["body"], str):
            at.fail(
                f"errors[{i}].body: a {media} error body is a text, sent as is",
                "errors",
                i,
                "body",
            )
    if "invalid_api_key" not in seen and data["auth"].get("type") != "none":
        at.fail(
            "errors: an endpoint must document its invalid_api_key error (the samples' error path)",
            "errors",
        )


def _schema_refs(schema: Any, path: tuple[str | int, ...] = ()) -> Iterable[tuple[tuple, str]]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key in ("$ref", "$dynamicRef") and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _schema_refs(value, (*path, key))
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _schema_refs(value, (*path, i))


def _check_embedded_schema(schema: Any, at: _Where, where: tuple[str | int, ...]) -> None:
    import jsonschema

    try:
        _check_schema(schema)
    except jsonschema.SchemaError as err:
        at.fail(
            messages.describe_schema_problem(err, where),
            *where,
            *err.absolute_path,
        )
    for path, ref in _schema_refs(schema):
        if not ref.startswith("#"):
            at.fail(
                f"{messages.where(where)}: the reference {ref} points outside the schema "
                "(use #/$defs/... inside it)",
                *where,
                *path,
            )


# -- the model ----------------------------------------------------------------------------
DEFAULT_OPERATION = {"openai-compatible": "chat-completions", "dashscope-native": "text-generation"}
DEFAULT_STYLE = "http"


def _auth(spec: dict[str, Any], cookies: tuple[tuple[str, str], ...]) -> Auth:
    kind = spec.get("type", "header")
    if kind == "bearer":
        return Auth("Authorization", "Bearer", spec["env"], "header")
    if kind == "query":
        return Auth("", "", spec["env"], "query", spec["name"])
    if kind == "cookie":
        suffix = "; " + serial.cookie_header(cookies) if cookies else ""
        return Auth("Cookie", "", spec["env"], "header", cookie=spec["name"], suffix=suffix)
    if kind == "basic":
        return Auth(
            "Authorization", "Basic", spec["env"], "basic", password_env=spec["password_env"]
        )
    if kind == "none":
        return Auth("", "", spec.get("env", ""), "none")
    return Auth(spec["header"], spec.get("scheme", ""), spec["env"], "header")


def _task(spec: dict[str, Any] | None) -> TaskPolling | None:
    if spec is None:
        return None
    return TaskPolling(
        id_path=tuple(spec["id_path"]),
        poll_path=spec["poll_path"],
        status_path=tuple(spec["status_path"]),
        succeeded=tuple(spec.get("succeeded", ("SUCCEEDED",))),
        failed=tuple(spec.get("failed", ("FAILED", "CANCELED", "UNKNOWN"))),
        pending=tuple(spec.get("pending", ("PENDING", "RUNNING"))),
        interval=float(spec.get("interval", 2)),
        timeout=float(spec.get("timeout", 120)),
        message_path=tuple(spec.get("message_path", ("output", "message"))),
        example=spec["example"],
        failed_example=spec.get("failed_example")
        or {"output": {"task_status": "FAILED", "code": "InternalError", "message": "failed"}},
    )


def _parameter(p: dict[str, Any]) -> Parameter:
    return Parameter(
        name=p["name"],
        location=p["in"],
        example=p["example"],
        schema=p.get("schema"),
        description=p.get("description", ""),
        style=p.get("style", ""),
        explode=p.get("explode"),
        allow_reserved=p.get("allow_reserved", False),
        required=p.get("required", True),
    )


def build_endpoint(data: dict[str, Any], source: Path, id_line: int = 1) -> Endpoint:
    """Turn validated spec data into the typed :class:`Endpoint`."""
    regions = tuple(
        Region(key=k, base_url=v["base_url"], label=v.get("label", k))
        for k, v in data["regions"].items()
    )
    default = data.get("default_region", "intl" if "intl" in data["regions"] else regions[0].key)
    request = data.get("request") or {}
    response = data["response"]
    kind = body_kind(data)
    style = data.get("style", DEFAULT_STYLE)
    parameters = tuple(_parameter(p) for p in data.get("parameters", ()))
    cookies = tuple(
        pair
        for p in parameters
        if p.location == "cookie"
        for pair in serial.cookie_pairs(p.name, p.example, p.exploded)
    )
    auth = _auth(data["auth"], cookies)
    content_type = "" if kind == "none" else request.get("content_type", "application/json")
    headers = dict(data.get("headers", {}))
    if kind in ("json", "raw") and not any(k.lower() == "content-type" for k in headers):
        headers = {"Content-Type": content_type, **headers}
    for p in parameters:
        if p.location == "header":
            headers[p.name] = serial.header_text(p.example, p.exploded)
    if cookies and not auth.cookie:
        headers["Cookie"] = serial.cookie_header(cookies)
    fmt = response_format(data)
    raw_file = request.get("file")
    default_type = "text/plain" if fmt == "text" else "application/octet-stream"
    return Endpoint(
        id=data["id"],
        title=data["title"],
        description=data.get("description", ""),
        style=style,
        regions=regions,
        default_region=default,
        method=data["method"],
        path=data["path"],
        sdk_base_path=data.get("sdk_base_path", ""),
        auth=auth,
        headers=tuple(headers.items()),
        request_example=request.get("example", {} if kind == "multipart" else None),
        request_schema=request.get("schema", {}),
        request_defaults=request.get("defaults", {}),
        response_status=response["status"],
        response_example=response.get("example"),
        response_schema=response.get("schema", {}),
        reply_path=tuple(response.get("reply_path", ())),
        errors=tuple(
            ErrorResponse(
                status=e["status"],
                when=e["when"],
                body=e["body"],
                description=e.get("description", ""),
                content_type=e.get("content_type", "application/json"),
            )
            for e in data["errors"]
        ),
        models=tuple(data.get("models", ())),
        model_patterns=tuple(data.get("model_patterns", ())),
        source=source,
        id_line=id_line,
        operation=data.get("operation", DEFAULT_OPERATION.get(style, "")),
        response_format=fmt,
        translations=tuple(
            (loc, t["title"], t.get("description", ""))
            for loc, t in sorted(data.get("translations", {}).items())
        ),
        parameters=parameters,
        body_kind=kind,
        files=tuple(
            UploadFile(
                field=f["field"],
                path=f["path"],
                content_type=f.get("content_type", "application/octet-stream"),
                example=f.get("example"),
            )
            for f in request.get("files", ())
        ),
        save_as=response.get("save_as", ""),
        binary_type=response.get("content_type", default_type),
        task=_task(data.get("task")),
        content_type=content_type,
        raw_text=request.get("example") if kind == "raw" else None,
        raw_file=(
            UploadFile("", raw_file["path"], content_type, raw_file.get("example"))
            if raw_file is not None
            else None
        ),
        form_encoding=tuple(
            (
                name,
                FieldEncoding(
                    style=how.get("style", "form"),
                    explode=how.get("explode", serial.default_explode(how.get("style", "form"))),
                    content_type=how.get("content_type", ""),
                ),
            )
            for name, how in request.get("encoding", {}).items()
        ),
    )


# -- the API-level file ---------------------------------------------------------------------
API_KEYS = (
    "regions",
    "default_region",
    "style",
    "auth",
    "headers",
    "errors",
    "models",
    "model_patterns",
    "sdk_base_path",
    "translations",
)


@cache
def api_schema() -> dict[str, Any]:
    """The JSON Schema of an API-level file (``_api.yaml``): the keys every spec of its folder
    inherits, and ``families``: the same keys (but ``style``) for the specs of one family."""
    props = spec_schema()["properties"]
    inherited = {k: props[k] for k in API_KEYS}
    family = {k: v for k, v in inherited.items() if k != "style"}
    return {
        "$schema": spec_schema()["$schema"],
        "type": "object",
        "additionalProperties": False,
        "properties": {
            **inherited,
            "families": {
                "type": "object",
                "propertyNames": props["style"],
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": family,
                },
            },
        },
    }


def validate_api(data: Any, lines: Mapping[PathKey, int], source: Path) -> None:
    """Check an API-level file: a mapping of the keys specs inherit (each as a spec has it);
    cached by content like :func:`validate`."""
    if not isinstance(data, dict):
        raise SpecError("an API-level file must be a YAML mapping at the top level", source, 1)
    key = _validated_key({"api-level file": data})
    if read_entry("valid", key) is not None:
        return
    _validate_api(data, _Where(lines, source, None))
    write_entry("valid", key, b"")


def _validate_api(data: dict[str, Any], at: _Where) -> None:
    import jsonschema

    lines = at.lines
    found = sorted(
        jsonschema.Draft202012Validator(api_schema()).iter_errors(data),
        key=lambda e: _line_for(lines, e.absolute_path) or 0,
    )
    if found:
        best = jsonschema.exceptions.best_match([found[0]]) or found[0]
        at.fail(_describe(best), *_unknown_key_path(best))
    for prefix, layer in [
        ((), data),
        *((("families", k), v) for k, v in data.get("families", {}).items()),
    ]:
        seen: dict[str, str] = {}
        for name in layer.get("headers", {}):
            if name.lower() in seen:
                at.fail(
                    f"headers: {name} and {seen[name.lower()]} are the same header "
                    "(names ignore case)",
                    *prefix,
                    "headers",
                    name,
                )
            seen[name.lower()] = name
        whens: set[str] = set()
        for i, err in enumerate(layer.get("errors", [])):
            if err["when"] in whens:
                at.fail(
                    f"errors[{i}]: a second error for condition {err['when']}",
                    *prefix,
                    "errors",
                    i,
                    "when",
                )
            whens.add(err["when"])


def inherit(
    api: dict[str, Any],
    api_lines: Mapping[PathKey, int],
    api_source: Path,
    data: dict[str, Any],
    lines: Mapping[PathKey, int],
) -> tuple[dict[str, Any], dict[PathKey, int], dict[PathKey, Path]]:
    """A spec's data with what it inherits from its folder's API-level file, the line of each
    path, and the file of each path that came from the API-level file.

    The API file's keys come first, then those of its ``families`` entry for the spec's
    style, then the spec's own: ``headers`` merge by name (case ignored), ``errors`` by
    ``when`` (a later entry takes the earlier one's place), every other key is replaced whole.
    """
    style = data.get("style", api.get("style"))
    family = api.get("families", {}).get(style) if isinstance(style, str) else None
    layers: list[tuple[dict[str, Any], PathKey, bool]] = [(api, (), True)]
    if family is not None:
        layers.append((family, ("families", style), True))
    layers.append((data, (), False))
    merged: dict[str, Any] = {}
    # Each slot of the merged data: (its path there, whether its whole subtree is taken) ->
    # (the path it has in its layer, whether that layer is the API file).
    slots: dict[PathKey, tuple[PathKey, bool, bool]] = {}

    def drop(key: str) -> None:
        for path in [p for p in slots if p[:1] == (key,)]:
            del slots[path]

    for layer, prefix, from_api in layers:
        for key, value in layer.items():
            if from_api and key not in API_KEYS:
                continue
            if key == "headers":
                headers = dict(merged.get(key) or {})
                earlier = set(headers)  # only a name of an earlier layer is overridden
                for name, text in value.items():
                    lower = name.lower()
                    old = next((n for n in earlier if n.lower() == lower and n in headers), None)
                    if old is None:
                        headers[name] = text
                    else:
                        headers = {(name if n == old else n): v for n, v in headers.items()}
                        headers[name] = text
                        slots.pop(("headers", old), None)
                    slots[("headers", name)] = ((*prefix, "headers", name), True, from_api)
                merged[key] = headers
                slots[("headers",)] = ((*prefix, "headers"), False, from_api)
                continue
            if key == "errors":
                errors = list(merged.get(key) or [])
                taken = [slots.get(("errors", i)) for i in range(len(errors))]
                earlier = len(errors)  # a later entry of the same layer is a duplicate
                for j, entry in enumerate(value):
                    place = (*prefix, "errors", j)
                    at = next(
                        (i for i, e in enumerate(errors[:earlier]) if e["when"] == entry["when"]),
                        None,
                    )
                    if at is None:
                        errors.append(entry)
                        taken.append((place, True, from_api))
                    else:
                        errors[at] = entry
                        taken[at] = (place, True, from_api)
                drop("errors")
                slots.update({("errors", i): t for i, t in enumerate(taken) if t is not None})
                slots[("errors",)] = ((*prefix, "errors"), False, from_api)
                merged[key] = errors
                continue
            merged[key] = value
            drop(key)
            slots[(key,)] = ((*prefix, key), True, from_api)
    out_lines: dict[PathKey, int] = {(): lines.get((), 1)}
    origins: dict[PathKey, Path] = {}
    index: dict[tuple[bool, int], dict[PathKey, list[tuple[PathKey, int]]]] = {}
    for target, (place, subtree, from_api) in slots.items():
        if not subtree:
            line = (api_lines if from_api else lines).get(place)
            if line is not None:
                out_lines[target] = line
                if from_api:
                    origins[target] = api_source
            continue
        by_prefix = index.get((from_api, len(place)))
        if by_prefix is None:  # each layer's lines, grouped by their first len(place) parts
            by_prefix = {}
            for path, line in (api_lines if from_api else lines).items():
                by_prefix.setdefault(path[: len(place)], []).append((path, line))
            index[(from_api, len(place))] = by_prefix
        for path, line in by_prefix.get(place, ()):
            here = (*target, *path[len(place) :])
            out_lines[here] = line
            if from_api:
                origins[here] = api_source
    return merged, out_lines, origins
