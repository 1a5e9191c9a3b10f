"""Each operation of a document -> spec data (one mapping per endpoint), or a skip reason.

The mapping is what a samplegen YAML spec holds (see CONTRACT.md); the one validator in
:mod:`generator.sources.spec_data` checks it like any spec. What the document cannot give
comes from ``x-samplegen-`` extensions (:mod:`.extensions`) or the settings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from generator.errors import SamplegenError
from generator.sources.openapi import bodies, parameters, responses, servers
from generator.sources.openapi.context import Context
from generator.sources.openapi.errors import Skip
from generator.sources.openapi.extensions import collect
from generator.sources.openapi.refs import Node
from generator.sources.openapi.security import Security
from generator.sources.openapi.settings import Report

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ORDER = (
    "id",
    "title",
    "description",
    "translations",
    "style",
    "operation",
    "operation_id",
    "regions",
    "default_region",
    "method",
    "path",
    "sdk_base_path",
    "parameters",
    "auth",
    "headers",
    "request",
    "response",
    "errors",
    "task",
    "models",
    "model_patterns",
)


@dataclass
class Found:
    """One endpoint read from a document: its spec data and where its operation is."""

    data: dict[str, Any]
    uri: str  # the operation's file and JSON pointer
    label: str  # METHOD /path (operationId)


def slug(text: str) -> str:
    """An endpoint id from an operationId or a path: ``createChatCompletion`` ->
    ``create-chat-completion``, ``repos/get-content`` -> ``repos-get-content``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1-\2", text)
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "endpoint"


def plain(text: str) -> str:
    """Markdown -> one line of text: links keep their words, emphasis and code marks go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]{1,3}([^*_`]+)[*_`]{1,3}", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


_CALLOUT = re.compile(r"^\s*(\*\*|__|>|(note|warning|deprecated|important|tip)\b)", re.IGNORECASE)


def _first_paragraph(text: str, limit: int) -> str:
    """The first paragraph of ``text`` that says what the operation does (callouts such as
    ``**Starting a new project?** ...`` and rules skipped, unless nothing else is there)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if plain(p)]
    paragraphs = [p for p in paragraphs if not re.fullmatch(r"[-=*_ ]+", plain(p))]
    said = [p for p in paragraphs if not _CALLOUT.match(p)] or paragraphs
    for paragraph in said:
        line = plain(paragraph)
        if line:
            if len(line) <= limit:
                return line
            cut = line[:limit]
            end = max(cut.rfind(". "), cut.rfind("; "))
            return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + "…"
    return ""


def _sentence(text: str, limit: int) -> str:
    """The first sentence of ``text`` as a title: no final period, at most ``limit``."""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    first = (match.group(1) if match else text).strip()
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + "…"
    return first[:-1] if first.endswith(".") and not first.endswith("..") else first


def _humanize(operation_id: str) -> str:
    words = slug(operation_id).replace("-", " ")
    return words[:1].upper() + words[1:]


class Reader:
    """Reads the operations of one document."""

    def __init__(self, ctx: Context, report: Report) -> None:
        self.ctx = ctx
        self.report = report
        self.root = ctx.resolver.root()
        document = self.root.value
        components = document.get("components") if isinstance(document, dict) else None
        schemes = (components or {}).get("securitySchemes") if isinstance(components, dict) else {}
        resolved = {}
        for name in schemes or {}:
            resolved[name] = ctx.deref(self.root.at("components", "securitySchemes", name)).value
        self.security = Security(document, resolved, ctx.settings)
        self.ids: set[str] = set()
        self._regions: dict[str, tuple[dict, str, str]] = {}

    def operations(self) -> list[Found]:
        found: list[Found] = []
        paths = self.root.get("paths")
        for path in paths if isinstance(paths, dict) else {}:
            item = self.ctx.deref(self.root.at("paths", path))
            if not isinstance(item.value, dict):
                self.report.skipped.append((path, "the path item is not a mapping"))
                continue
            for method in METHODS:
                if not isinstance(item.value.get(method), dict):
                    continue
                operation = item.at(method)
                operation_id = operation.get("operationId")
                label = f"{method.upper()} {path}" + (
                    f" ({operation_id})" if isinstance(operation_id, str) else ""
                )
                try:
                    found += self.operation(path, item, operation, method, label)
                except Skip as err:
                    self.report.skipped.append((label, err.reason))
                except SamplegenError as err:
                    self.report.skipped.append((label, err.message))
                except Exception as err:
                    # A shape this reader did not foresee: skipped and said, never a traceback.
                    what = f"{type(err).__name__}: {err}".splitlines()[0][:160]
                    self.report.skipped.append((label, f"samplegen cannot read it ({what})"))
        return found

    def regions(self, servers_list: Any) -> tuple[dict, str, str]:
        key = repr(servers_list)
        if key not in self._regions:
            listed = servers_list if isinstance(servers_list, list) else []
            self._regions[key] = servers.regions(listed, self.ctx.settings.server_base)
        return self._regions[key]

    def operation(
        self, path: str, item: Node, operation: Node, method: str, label: str
    ) -> list[Found]:
        value = operation.value
        settings = self.ctx.settings
        ext, unknown = collect(self.root.value, item.value, value)
        for key in unknown:
            self.report.warnings.append(f"{label}: unknown extension {key}")
        if "skip" in ext:
            raise Skip(str(ext["skip"]))
        operation_id = value.get("operationId") if isinstance(value.get("operationId"), str) else ""
        tags = [t for t in value.get("tags") or [] if isinstance(t, str)]
        if value.get("deprecated") is True and not settings.deprecated:
            self.report.left_out.append((label, "deprecated"))
            return []
        why = settings.keeps(operation_id, path, tags)
        if why is not None:
            self.report.left_out.append((label, why))
            return []
        servers_list = value.get("servers") or item.get("servers") or self.root.get("servers")
        regions, default, shared = self.regions(servers_list)
        security = value["security"] if "security" in value else self.root.get("security")
        auth = self.security.auth(security)
        base_id = (
            ext.get("id")
            if isinstance(ext.get("id"), str)
            else slug(operation_id or f"{method}-{path}")
        )
        names = bodies.names(self.ctx, operation) if settings.examples else []
        param_nodes = parameters.merged(self.ctx, item, operation)
        out = []
        for index, name in enumerate(names or [None]):
            spec_id = base_id if index == 0 else f"{base_id}-{slug(name or '')}"
            spec_id = self._unique(spec_id)
            data = self.spec(
                spec_id, path, method, operation, param_nodes, auth, ext, name, operation_id
            )
            data["regions"] = regions
            data["default_region"] = default
            if shared:
                data["path"] = shared + data["path"]
                data["sdk_base_path"] = shared
            if index > 0 and name:
                data["title"] = f"{data['title']} ({self._example_title(operation, name)})"
            out.append(Found({k: data[k] for k in ORDER if k in data}, operation.uri, label))
        return out

    def _unique(self, spec_id: str) -> str:
        spec_id = spec_id[:80].rstrip("-") or "endpoint"
        candidate, n = spec_id, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{spec_id}-{n}"
        self.ids.add(candidate)
        return candidate

    def _example_title(self, operation: Node, name: str) -> str:
        body = self.ctx.deref(operation.at("requestBody"))
        content = body.get("content") or {}
        if isinstance(content, dict) and content:
            media = bodies.choose_media(content)
            example = self.ctx.deref(body.at("content", media, "examples", name))
            summary = example.get("summary")
            if isinstance(summary, str) and summary.strip():
                return plain(summary)[:80]
        return name

    def spec(
        self,
        spec_id: str,
        path: str,
        method: str,
        operation: Node,
        param_nodes: list[Node],
        auth: dict[str, Any],
        ext: dict[str, Any],
        example_name: str | None,
        operation_id: str,
    ) -> dict[str, Any]:
        value = operation.value
        summary = value.get("summary") if isinstance(value.get("summary"), str) else ""
        description = value.get("description") if isinstance(value.get("description"), str) else ""
        title = ext.get("title") or _sentence(_first_paragraph(summary, 300), 100)
        title = title or (_humanize(operation_id) if operation_id else f"{method.upper()} {path}")
        if not summary and description and not ext.get("title"):
            title = _sentence(_first_paragraph(description, 300), 100) or title
        text = ext.get("description") or _first_paragraph(description or "", 300)
        if text == title:
            text = ""
        path, fixed = _fixed_query(path)
        params, spec_path = parameters.spec_parameters(
            self.ctx, param_nodes, path, auth, example_name
        )
        params += [
            p for p in fixed if (p["in"], p["name"]) not in {(q["in"], q["name"]) for q in params}
        ]
        data: dict[str, Any] = {"id": spec_id, "title": title}
        if text:
            data["description"] = text
        if isinstance(ext.get("translations"), dict):
            data["translations"] = ext["translations"]
        style = self.ctx.settings.style or ext.get("style")
        if style and style != "http":
            data["style"] = style
        if ext.get("operation"):
            data["operation"] = ext["operation"]
        if operation_id and _takes_operation_id():
            data["operation_id"] = operation_id
        data["method"] = method.upper()
        data["path"] = spec_path
        if params:
            data["parameters"] = params
        data["auth"] = auth
        if isinstance(ext.get("headers"), dict) and ext["headers"]:
            data["headers"] = {str(k): str(v) for k, v in ext["headers"].items()}
        request = bodies.request(self.ctx, operation, example_name, spec_id, method)
        if request is not None:
            data["request"] = request
        response = responses.success(
            self.ctx, operation, spec_id, example_name, (request or {}).get("example")
        )
        if "reply-path" in ext:
            response["reply_path"] = ext["reply-path"]
        if "response-format" in ext:
            response["format"] = ext["response-format"]
        if response.get("format") == "sse" and "reply-path" not in ext:
            _events_as_text(response)
        data["response"] = response
        data["errors"] = responses.errors(self.ctx, operation, auth, style)
        if isinstance(ext.get("task"), dict):
            data["task"] = ext["task"]
        if isinstance(ext.get("models"), list):
            data["models"] = ext["models"]
        if isinstance(ext.get("model-patterns"), list):
            data["model_patterns"] = ext["model-patterns"]
        return data


def _events_as_text(response: dict[str, Any]) -> None:
    """A plain stream with no place to print named: each event's data is printed whole, as
    the text it arrives as (a JSON event's text, compact), so the example is that text."""
    example = response.get("example")
    if not isinstance(example, str):
        response["example"] = json.dumps(example, ensure_ascii=False, separators=(",", ":"))
    response.pop("reply_path", None)
    response.pop("schema", None)


def _fixed_query(path: str) -> tuple[str, list[dict[str, Any]]]:
    """A path key with a query (``/responses?beta=true``, which OpenAPI does not allow
    but documents write) -> the path, and its query as required constant parameters. A
    fragment (``/channels#x-amz-chime-bearer``, a name that tells two paths apart) never
    travels in HTTP: it is dropped."""
    path = path.split("#", 1)[0] or "/"
    if "?" not in path:
        return path, []
    from urllib.parse import parse_qsl

    path, query = path.split("?", 1)
    fixed = [
        {
            "name": name,
            "in": "query",
            "example": value,
            "required": True,
            "schema": {"const": value},
        }
        for name, value in parse_qsl(query, keep_blank_values=True)
    ]
    return path, fixed


def _takes_operation_id() -> bool:
    """Whether the spec format has ``operation_id`` yet (the model branch adds it; until
    then the operationId stays out of the spec data rather than make it invalid)."""
    from generator.sources.spec_data import spec_schema

    return "operation_id" in spec_schema().get("properties", {})
