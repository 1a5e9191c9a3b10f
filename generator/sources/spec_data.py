"""Spec data (a mapping, from a YAML spec or an imported document) -> validated -> the model.

Validated against the spec JSON Schema and the rules a schema cannot express; every problem
is raised as a :class:`SpecError` naming the file and the line.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cache import content_key, read_entry, write_entry
from generator.errors import SpecError
from generator.model import (
    Auth,
    Endpoint,
    ErrorResponse,
    Parameter,
    Region,
    TaskPolling,
    UploadFile,
    value_at,
)
from generator.sources import messages
from generator.sources.yaml_text import PathKey

if TYPE_CHECKING:  # jsonschema is imported only when a spec has to be validated
    import jsonschema


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
    return _schema_text().encode() + Path(__file__).read_bytes() + installed.encode()


def _validated_key(data: Any) -> str:
    """The cache key saying "this spec content passed :func:`validate`" (content hashed)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return content_key(canonical.encode("utf-8", "surrogatepass"), _validation_salt())


def _line_for(lines: dict[PathKey, int], path: Iterable[str | int]) -> int | None:
    """The line of the deepest recorded ancestor of ``path``."""
    key = tuple(path)
    while key not in lines and key:
        key = key[:-1]
    return lines.get(key)


def _describe(error: jsonschema.ValidationError) -> str:
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


@lru_cache(maxsize=1024)
def _check_schema(canonical: str) -> None:
    """Check a JSON Schema (given as canonical JSON text) once; specs often share schemas."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(json.loads(canonical))


def validate(data: Any, lines: dict[PathKey, int], source: Path) -> None:
    """Check ``data`` against the spec schema and the rules a schema cannot express.

    A spec whose content (with this schema and these rules) passed before, in any process,
    is not checked again: the result is cached by content hash (:mod:`generator.cache`),
    so an unchanged spec costs no jsonschema import. Failures are never cached.
    """
    key = _validated_key(data)
    if read_entry("valid", key) is not None:
        return
    _validate(data, lines, source)
    write_entry("valid", key, b"")


def _validate(data: Any, lines: dict[PathKey, int], source: Path) -> None:
    import jsonschema

    validator = _spec_validator()
    errors = sorted(
        validator.iter_errors(data), key=lambda e: _line_for(lines, e.absolute_path) or 0
    )
    if errors:
        first = errors[0]
        # Prefer the most specific error of a oneOf/anyOf family.
        best = jsonschema.exceptions.best_match([first]) or first
        raise SpecError(_describe(best), source, _line_for(lines, _unknown_key_path(best)))
    for key in ("request", "response"):
        schema = (data.get(key) or {}).get("schema")
        if schema is None or "example" not in data[key]:
            continue
        try:
            _check_schema(json.dumps(schema, sort_keys=True))
        except jsonschema.SchemaError as err:
            raise SpecError(
                messages.describe_schema_problem(err, (key, "schema")),
                source,
                _line_for(lines, (key, "schema", *err.absolute_path)),
            ) from None
        problem = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema).iter_errors(data[key]["example"])
        )
        if problem is not None:
            raise SpecError(
                messages.describe(problem, (key, "example"), by=f"{key}.schema"),
                source,
                _line_for(lines, (key, "example", *problem.absolute_path)),
            )
    default = default_region(data)
    regions = ", ".join(sorted(data["regions"]))
    if default is None:
        raise SpecError(
            f"default_region: the spec has several regions ({regions}) and none is intl; "
            "name the one samples use by default, e.g. default_region: "
            f"{sorted(data['regions'])[0]}",
            source,
            _line_for(lines, ("regions",)),
        )
    if default not in data["regions"]:
        raise SpecError(
            f"default_region: {messages.show(default)} is not one of the regions ({regions})",
            source,
            _line_for(lines, ("default_region",)),
        )
    for i, pattern in enumerate(data.get("model_patterns", [])):
        try:
            re.compile(pattern)
        except re.error as err:
            _fail(
                f"model_patterns[{i}]: {messages.show(pattern)} is not a regular expression: {err}",
                source,
                lines,
                "model_patterns",
                i,
            )
    _validate_auth(data, lines, source)
    _validate_header_text(data, lines, source)
    _validate_parameters(data, lines, source)
    _validate_body(data, lines, source)
    _validate_response(data, lines, source)
    seen: set[str] = set()
    for i, err in enumerate(data["errors"]):
        if err["when"] in seen:
            raise SpecError(
                f"errors[{i}]: a second error for condition '{err['when']}'",
                source,
                _line_for(lines, ("errors", i, "when")),
            )
        seen.add(err["when"])
    if "invalid_api_key" not in seen and data["auth"].get("type") != "none":
        raise SpecError(
            "errors: an endpoint must document its invalid_api_key error (the samples' error path)",
            source,
            _line_for(lines, ("errors",)),
        )


def default_region(data: dict[str, Any]) -> str | None:
    """The region samples use when none is named: ``default_region``, else ``intl``, else
    the only region (None when there are several and none is named)."""
    if "default_region" in data:
        return data["default_region"]
    regions = list(data["regions"])
    if "intl" in regions:
        return "intl"
    return regions[0] if len(regions) == 1 else None


def _fail(message: str, source: Path, lines: dict[PathKey, int], *path: str | int) -> None:
    raise SpecError(message, source, _line_for(lines, path))


def _validate_auth(data: dict[str, Any], lines: dict[PathKey, int], source: Path) -> None:
    auth = data["auth"]
    kind = auth.get("type", "header")
    if kind != "none" and "env" not in auth:
        _fail(
            "auth.env: the environment variable samples read the key from is required",
            source,
            lines,
            "auth",
        )
    if kind == "header" and "header" not in auth:
        _fail(
            "auth.header: type header needs the header that carries the key", source, lines, "auth"
        )
    if kind == "query" and "name" not in auth:
        _fail(
            "auth.name: type query needs the query parameter that carries the key",
            source,
            lines,
            "auth",
        )
    if kind == "bearer" and auth.get("header", "Authorization") != "Authorization":
        _fail(
            "auth.header: type bearer always uses the Authorization header",
            source,
            lines,
            "auth",
            "header",
        )


_PATH_PARAM = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _validate_parameters(data: dict[str, Any], lines: dict[PathKey, int], source: Path) -> None:
    import jsonschema

    params = data.get("parameters", [])
    seen: set[tuple[str, str]] = set()
    for i, param in enumerate(params):
        key = (param["in"], param["name"])
        if key in seen:
            _fail(
                f"parameters[{i}]: a second {param['in']} parameter "
                f"{messages.quoted(param['name'])}",
                source,
                lines,
                "parameters",
                i,
                "name",
            )
        seen.add(key)
        if "schema" in param:
            _check_embedded_schema(param["schema"], source, lines, ("parameters", i, "schema"))
            problem = jsonschema.exceptions.best_match(
                jsonschema.Draft202012Validator(param["schema"]).iter_errors(param["example"])
            )
            if problem is not None:
                _fail(
                    messages.describe(problem, ("parameters", i, "example"), by="its schema"),
                    source,
                    lines,
                    "parameters",
                    i,
                    "example",
                )
    in_path = _PATH_PARAM.findall(data["path"])
    declared = [p["name"] for p in params if p["in"] == "path"]
    for name in in_path:
        if name not in declared:
            _fail(
                f"path: {{{name}}} has no path parameter (add one to parameters)",
                source,
                lines,
                "path",
            )
    for i, param in enumerate(params):
        if param["in"] == "path" and param["name"] not in in_path:
            _fail(
                f"parameters[{i}]: path parameter '{param['name']}' is not in "
                f"the path {data['path']}",
                source,
                lines,
                "parameters",
                i,
                "name",
            )
        if (
            param["in"] == "query"
            and data["auth"].get("type") == "query"
            and (param["name"] == data["auth"].get("name"))
        ):
            _fail(
                f"parameters[{i}]: {messages.quoted(param['name'])} is the query parameter of the "
                "API key",
                source,
                lines,
                "parameters",
                i,
                "name",
            )


def body_kind(data: dict[str, Any]) -> str:
    """``json``, ``form``, ``multipart`` or ``none``: how the spec's request body is sent."""
    request = data.get("request") or {}
    content_type = request.get("content_type")
    if content_type is None:
        return "json" if "example" in request else "none"
    return {
        "application/json": "json",
        "application/x-www-form-urlencoded": "form",
        "multipart/form-data": "multipart",
        "none": "none",
    }[content_type]


def _validate_body(data: dict[str, Any], lines: dict[PathKey, int], source: Path) -> None:
    request = data.get("request") or {}
    kind = body_kind(data)
    headers = {k.lower(): v for k, v in data.get("headers", {}).items()}
    if kind == "none":
        if "example" in request:
            _fail(
                "request.example: content_type none sends no body",
                source,
                lines,
                "request",
                "example",
            )
    elif "example" not in request and kind != "multipart":
        _fail("request.example: the body every sample sends is required", source, lines, "request")
    if kind != "none" and data["method"] == "GET":
        _fail(
            "request: a GET request carries no body (use parameters for its query)",
            source,
            lines,
            "request",
        )
    if kind in ("form", "multipart"):
        fields = request.get("example", {})
        if not isinstance(fields, dict):
            _fail(
                f"request.example: a {request['content_type']} body is a mapping of fields",
                source,
                lines,
                "request",
                "example",
            )
        for name, value in fields.items():
            if isinstance(value, dict | list) or value is None:
                _fail(
                    f"request.example.{name}: form fields hold text, numbers or booleans",
                    source,
                    lines,
                    "request",
                    "example",
                    name,
                )
        if "content-type" in headers:
            _fail(
                f"headers: Content-Type is set by each client for a {request['content_type']} "
                "body (with its boundary); leave it out",
                source,
                lines,
                "headers",
            )
    if (
        kind == "json"
        and headers.get("content-type", "application/json").split(";")[0].strip().lower()
        != "application/json"
    ):
        _fail(
            "headers: Content-Type of a JSON body must be application/json",
            source,
            lines,
            "headers",
        )
    if "files" in request and kind != "multipart":
        _fail(
            "request.files: only a multipart/form-data body carries files",
            source,
            lines,
            "request",
            "files",
        )
    if kind == "multipart" and not request.get("files") and not request.get("example"):
        _fail("request: a multipart body needs fields (example) or files", source, lines, "request")
    names = [f["field"] for f in request.get("files", [])]
    names += list((request.get("example") or {}) if kind == "multipart" else {})
    for name in names:
        if names.count(name) > 1:
            _fail(
                f"request: multipart field {messages.quoted(name)} is given twice",
                source,
                lines,
                "request",
            )


def _check_embedded_schema(
    schema: Any, source: Path, lines: dict[PathKey, int], where: tuple[str | int, ...]
) -> None:
    import jsonschema

    try:
        _check_schema(json.dumps(schema, sort_keys=True))
    except jsonschema.SchemaError as err:
        raise SpecError(
            messages.describe_schema_problem(err, where),
            source,
            _line_for(lines, (*where, *err.absolute_path)),
        ) from None


def _validate_response(data: dict[str, Any], lines: dict[PathKey, int], source: Path) -> None:
    response = data["response"]
    fmt = response.get("format", "json")
    task = data.get("task")
    if fmt == "binary":
        if "save_as" not in response:
            _fail(
                "response.save_as: a binary answer needs the file name samples save it to",
                source,
                lines,
                "response",
            )
        if task is not None:
            _fail("task: a binary answer cannot be a task", source, lines, "task")
        return
    for key in ("save_as", "content_type"):
        if key in response:
            _fail(f"response.{key}: only a binary answer has it", source, lines, "response", key)
    if "example" not in response:
        _fail("response.example: the success answer is required", source, lines, "response")
    if "reply_path" not in response:
        _fail(
            "response.reply_path: where the value samples print sits is required",
            source,
            lines,
            "response",
        )
    if task is not None:
        if fmt != "json":
            _fail("task: a task's answers are JSON (response.format json)", source, lines, "task")
        if not _resolves(response["example"], task["id_path"]):
            _fail(
                "task.id_path does not lead to a value in response.example",
                source,
                lines,
                "task",
                "id_path",
            )
        if not isinstance(value_at(task["example"], task["status_path"]), str):
            _fail(
                "task.status_path does not lead to a text in task.example",
                source,
                lines,
                "task",
                "status_path",
            )
        if "{task_id}" not in task["poll_path"]:
            _fail("task.poll_path must contain {task_id}", source, lines, "task", "poll_path")
        if not _resolves(task["example"], response["reply_path"]):
            _fail(
                "response.reply_path does not lead to a value in task.example",
                source,
                lines,
                "response",
                "reply_path",
            )
        return
    if not _resolves(response["example"], response["reply_path"]):
        _fail(
            "response.reply_path does not lead to a value in response.example",
            source,
            lines,
            "response",
            "reply_path",
        )
    if fmt != "json" and not isinstance(value_at(response["example"], response["reply_path"]), str):
        _fail(
            "response.reply_path of a stream must lead to a text (each event's piece)",
            source,
            lines,
            "response",
            "reply_path",
        )


DEFAULT_OPERATION = {"openai-compatible": "chat-completions", "dashscope-native": "text-generation"}
DEFAULT_STYLE = "http"


def _auth(spec: dict[str, Any]) -> Auth:
    kind = spec.get("type", "header")
    if kind == "bearer":
        return Auth("Authorization", "Bearer", spec["env"], "header")
    if kind == "query":
        return Auth("", "", spec["env"], "query", spec["name"])
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


def build_endpoint(data: dict[str, Any], source: Path, id_line: int = 1) -> Endpoint:
    """Turn validated spec data into the typed :class:`Endpoint`."""
    regions = tuple(
        Region(key=k, base_url=v["base_url"], label=v.get("label", k))
        for k, v in data["regions"].items()
    )
    default = default_region(data) or regions[0].key
    request = data.get("request") or {}
    response = data["response"]
    kind = body_kind(data)
    style = data.get("style", DEFAULT_STYLE)
    headers = dict(data.get("headers", {}))
    if kind == "json" and not any(k.lower() == "content-type" for k in headers):
        headers = {"Content-Type": "application/json", **headers}
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
        auth=_auth(data["auth"]),
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
            )
            for e in data["errors"]
        ),
        models=tuple(data.get("models", ())),
        model_patterns=tuple(data.get("model_patterns", ())),
        source=source,
        id_line=id_line,
        operation=data.get("operation", DEFAULT_OPERATION.get(style, "")),
        response_format=response.get("format", "json"),
        translations=tuple(
            (loc, t["title"], t.get("description", ""))
            for loc, t in sorted(data.get("translations", {}).items())
        ),
        parameters=tuple(
            Parameter(
                name=p["name"],
                location=p["in"],
                example=p["example"],
                schema=p.get("schema"),
                description=p.get("description", ""),
            )
            for p in data.get("parameters", ())
        ),
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
        binary_type=response.get("content_type", "application/octet-stream"),
        task=_task(data.get("task")),
    )


def _validate_header_text(data: dict[str, Any], lines: dict[PathKey, int], source: Path) -> None:
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
                _fail(
                    f"{messages.where(where)}: {messages.show(text)} holds {what}, which no "
                    "client can send in a header",
                    source,
                    lines,
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
