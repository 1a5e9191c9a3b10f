"""Export the specs as one OpenAPI 3.1 document (for Swagger UI, Prism and friends).

With the rendered samples, every operation also carries them as ``x-codeSamples`` (``lang``,
``label``, ``source``), the extension Redoc, Scalar and ReadMe show as code tabs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator import __version__
from generator.model import Endpoint
from generator.model.streams import stream_frames
from generator.render.registry import language
from generator.render.samples import Sample

JSON_MEDIA = "application/json"
SSE_MEDIA = "text/event-stream"
# x-codeSamples' ``lang``: the names Redoc lists (it highlights by them); Scalar and ReadMe
# read the same values.
CODE_SAMPLE_LANG = {
    "python": "Python",
    "node": "JavaScript",
    "curl": "Shell",
    "php": "PHP",
    "csharp": "C#",
    "go": "Go",
    "java": "Java",
}


def _security_scheme(endpoint: Endpoint) -> tuple[str, dict[str, Any]]:
    auth = endpoint.auth
    if auth.kind == "none":
        return "", {}
    if auth.in_query:
        return f"{auth.param}QueryAuth".replace("-", ""), {
            "type": "apiKey",
            "in": "query",
            "name": auth.param,
            "description": f"The API key, read by the samples from ${auth.env}.",
        }
    if auth.header.lower() == "authorization" and auth.scheme.lower() == "bearer":
        return "bearerAuth", {
            "type": "http",
            "scheme": "bearer",
            "description": f"The API key, read by the samples from ${auth.env}.",
        }
    name = f"{auth.header}{auth.scheme}Auth".replace("-", "")
    return name, {
        "type": "apiKey",
        "in": "header",
        "name": auth.header,
        "description": f"`{auth.value_prefix()}<key>`, the key read from ${auth.env}.",
    }


def _schema_of(schemas: list[Any]) -> Any:
    """One schema, or ``anyOf`` the distinct ones (endpoints sharing a path differ)."""
    distinct: list[Any] = []
    for schema in schemas:
        if schema not in distinct:
            distinct.append(schema)
    return distinct[0] if len(distinct) == 1 else {"anyOf": distinct}


def _examples(endpoints: list[Endpoint], value: Any) -> dict[str, Any]:
    return {e.id: {"summary": e.title, "value": value(e)} for e in endpoints}


def _success_content(endpoints: list[Endpoint]) -> dict[str, Any]:
    content: dict[str, Any] = {}
    plain = [e for e in endpoints if not e.streams and not e.binary]
    streamed = [e for e in endpoints if e.streams]
    for endpoint in endpoints:
        if endpoint.binary:
            content[endpoint.binary_type] = {"schema": {"type": "string", "format": "binary"}}
    if plain:
        content[JSON_MEDIA] = {
            "schema": _schema_of([e.response_schema or {"type": "object"} for e in plain]),
            "examples": _examples(plain, lambda e: e.response_example),
        }
    if streamed:
        content[SSE_MEDIA] = {
            "schema": {"type": "string", "description": "Server-sent events; see the examples."},
            "examples": _examples(
                streamed, lambda e: "\n\n".join(stream_frames(e, "I am Qwen.")) + "\n\n"
            ),
        }
    return content


def code_sample(sample: Sample, several: bool) -> dict[str, str]:
    """One ``x-codeSamples`` entry: the sample's text exactly as ``generate`` writes it.

    ``several``: the operation serves several endpoints, so the label names the endpoint.
    """
    label = f"{language(sample.variant.language).label} ({sample.variant.label})"
    return {
        "lang": CODE_SAMPLE_LANG[sample.variant.language],
        "label": f"{sample.endpoint.id}: {label}" if several else label,
        "source": sample.text,
        "x-samplegen-file": sample.relpath,
    }


def _operation(endpoints: list[Endpoint], security: str) -> dict[str, Any]:
    """One operation for every endpoint served at the same method and path."""
    first = endpoints[0]
    responses: dict[str, Any] = {
        str(first.response_status): {
            "description": "Success",
            "content": _success_content(endpoints),
        }
    }
    for endpoint in endpoints:
        for error in endpoint.errors:
            entry = responses.setdefault(
                str(error.status),
                {"description": error.description or error.when, "content": {JSON_MEDIA: {}}},
            )
            examples = entry["content"][JSON_MEDIA].setdefault("examples", {})
            examples.setdefault(
                error.when, {"summary": error.description or error.when, "value": error.body}
            )
    operation: dict[str, Any] = {
        "operationId": first.id,
        "summary": first.title,
        "tags": [first.style],
        "security": [{security: []}] if security else [],
        "responses": responses,
        "x-samplegen-endpoints": [e.id for e in endpoints],
    }
    descriptions = [f"{e.id}: {e.description}" for e in endpoints if e.description]
    if descriptions:
        operation["description"] = "\n\n".join(descriptions)
    headers: dict[str, set[str]] = {}
    for endpoint in endpoints:
        made = {name.lower() for name, _ in endpoint.param_headers}  # parameters, listed below
        for name, value in endpoint.headers:
            if name.lower() != "content-type" and name.lower() not in made:
                headers.setdefault(name, set()).add(value)
    parameters = [
        {
            "name": param.name,
            "in": param.location,
            "required": param.location == "path",
            "schema": param.schema or {},
            "example": param.example,
            **({"description": param.description} if param.description else {}),
        }
        for param in first.parameters
    ]
    parameters += [
        {
            "name": name,
            "in": "header",
            "required": all(name in dict(e.headers) for e in endpoints),
            "schema": {"type": "string", "enum": sorted(values)},
        }
        for name, values in sorted(headers.items())
    ]
    if parameters:
        operation["parameters"] = parameters
    if first.has_body:
        media = first.content_type or JSON_MEDIA  # json (+json), form, multipart or raw
        schema = _schema_of([e.request_schema for e in endpoints])
        if first.files:
            schema = {
                "allOf": [
                    schema,
                    {
                        "type": "object",
                        "properties": {
                            f.field: {"type": "string", "format": "binary"} for f in first.files
                        },
                    },
                ]
            }
        operation["requestBody"] = {
            "required": True,
            "content": {
                media: {
                    "schema": schema,
                    "examples": _examples(endpoints, lambda e: e.request_example),
                }
            },
        }
    return operation


def build_openapi(
    endpoints: Iterable[Endpoint],
    title: str = "DashScope API",
    samples: Iterable[Sample] | None = None,
) -> dict[str, Any]:
    """One OpenAPI 3.1 document covering ``endpoints``; servers are the regions' base URLs.

    Endpoints that share a method and path (plain, streamed and image chat completions)
    become one operation with one named example per endpoint (``x-samplegen-endpoints``).
    With ``samples`` (one edition of :func:`generator.render.samples.render_all`), each operation
    gets ``x-codeSamples``: every sample of each of its endpoints, in registry order.
    """
    by_endpoint: dict[str, list[Sample]] = {}
    for sample in samples or ():
        by_endpoint.setdefault(sample.endpoint.id, []).append(sample)
    servers: dict[str, dict[str, str]] = {}
    groups: dict[tuple[str, str], list[Endpoint]] = {}
    schemes: dict[str, Any] = {}
    security: dict[tuple[str, str], str] = {}
    for endpoint in endpoints:
        for region in endpoint.regions:
            servers.setdefault(
                region.base_url,
                {"url": region.base_url, "description": f"{region.label} ({region.key})"},
            )
        name, scheme = _security_scheme(endpoint)
        if name:
            schemes[name] = scheme
        key = (endpoint.path, endpoint.method.lower())
        groups.setdefault(key, []).append(endpoint)
        security.setdefault(key, name)
    paths: dict[str, dict[str, Any]] = {}
    for (path, method), members in sorted(groups.items()):
        operation = _operation(members, security[(path, method)])
        if samples is not None:
            several = len(members) > 1
            operation["x-codeSamples"] = [
                code_sample(sample, several)
                for member in members
                for sample in by_endpoint.get(member.id, [])
            ]
        paths.setdefault(path, {})[method] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": __version__,
            "description": "Generated by samplegen from specs/; do not edit by hand.",
        },
        "servers": list(servers.values()),
        "paths": paths,
        "components": {"securitySchemes": dict(sorted(schemes.items()))},
    }


def validate_openapi(document: dict[str, Any]) -> None:
    """Raise when ``document`` is not a valid OpenAPI 3.1 document (openapi-spec-validator)."""
    from openapi_spec_validator import validate

    validate(document)
