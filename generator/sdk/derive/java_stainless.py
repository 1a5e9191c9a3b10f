"""Read a Stainless-generated Java SDK (``com.openai:openai-java``) from its sources jar.

The SDK is written in Kotlin; Maven Central carries its sources jar. Each service
implementation names the route of every call in a comment (``// post /batches`` under
``override fun create(params: BatchCreateParams, ...): Batch``; ``createStreaming`` answers
``StreamResponse<T>``, a list ``XListPage``, a download ``HttpResponse``); the client and
service interfaces give the accessor chain (``client.chat().completions()``); and each
params class's ``Builder`` holds the typed setters (``completionWindow(CompletionWindow)``,
``limit(Long)``) with the JSON key each fills (``@JsonProperty("completion_window")`` in its
body, ``put("limit", ...)`` in its query, ``_pathParam(0)`` for the path).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from generator.sdk.derive.common import Operation, canonical_route, pick_canonical, snake

_ACCESSOR = re.compile(
    r"^((?:    @Deprecated\((?:[^()]|\n)*?\)\n)?)    fun (\w+)\(\): (\w+Service)\b", re.M
)
_IMPL_METHOD = re.compile(
    r"override fun (\w+)\(\s*params: (\w+),\s*requestOptions: RequestOptions,?\s*\)"
    r"(?::\s*([^={]+?)\s*=|\s*\{)\s*// (\w+) (\S+)",
    re.S,
)
_IMPORT = re.compile(r"^import ([\w.]+)$", re.M)
_SETTER = re.compile(
    r"\n((?:        @[^\n]*\n)*)        fun (\w+)\(\s*(\w+): ([^)]*?),?\s*\)\s*=", re.S
)
_BUILTIN = {
    "String",
    "Long",
    "Double",
    "Boolean",
    "Int",
    "Float",
    "List",
    "Map",
    "JsonField",
    "JsonValue",
    "MultipartField",
    "Optional",
    "Path",
    "InputStream",
    "ByteArray",
    "Headers",
    "QueryParams",
    "Iterable",
    "Set",
    "OffsetDateTime",
    "Any",
}
_WRAPPERS = ("JsonField<", "Optional<", "MultipartField<", "Class<")
_SKIP_SETTERS = re.compile(
    r"^(additional|putAdditional|putAll|replace|remove|from$|build$|body$|builder$)"
)


class JavaStainlessReader:
    """Reads the Kotlin sources of the SDK out of ``jar`` (a ``-sources.jar``)."""

    def __init__(self, jar: Path, root_package: str = "com.openai") -> None:
        self.zip = zipfile.ZipFile(jar)
        self.names = set(self.zip.namelist())
        self.root = root_package
        self._texts: dict[str, str] = {}

    def _text(self, fqn: str) -> str | None:
        name = fqn.replace(".", "/") + ".kt"
        if name not in self.names:
            return None
        if name not in self._texts:
            self._texts[name] = self.zip.read(name).decode("utf-8")
        return self._texts[name]

    @staticmethod
    def _package(text: str) -> str:
        found = re.search(r"^package ([\w.]+)$", text, re.M)
        return found.group(1) if found else ""

    def _resolve(self, text: str, simple: str) -> str:
        """The fully qualified name of ``simple`` as the file ``text`` sees it."""
        for imported in _IMPORT.findall(text):
            if imported.rsplit(".", 1)[-1] == simple:
                return imported
        return f"{self._package(text)}.{simple}"

    def operations(self, client: str = "com.openai.client.OpenAIClient") -> list[Operation]:
        """Every HTTP operation reachable from the client interface, one per route and
        kind (a stream is a call of its own: ``createStreaming``)."""
        text = self._text(client)
        if text is None:
            raise ValueError(f"the sources jar has no {client}")
        found: list[Operation] = []
        self._walk(text, (), found, set())
        plain = [o for o in found if o.stream != "method"]
        streams = {(o.method, canonical_route(o.route)): o for o in found if o.stream == "method"}
        out = []
        for op in pick_canonical(plain):
            twin = streams.get((op.method, canonical_route(op.route)))
            if twin is not None and twin.call.rsplit(".", 1)[0] == op.call.rsplit(".", 1)[0]:
                op.stream = "method"
                op.extra["stream_call"] = twin.call.rsplit(".", 1)[-1]
                op.extra["stream_returns"] = twin.extra["returns"]
            out.append(op)
        return out

    def _walk(
        self,
        text: str,
        prefix: tuple[str, ...],
        found: list[Operation],
        seen: set[str],
        deprecated: bool = False,
    ) -> None:
        top = text.split("interface WithRawResponse", 1)[0]
        for mark, member, service in _ACCESSOR.findall(top):
            fqn = self._resolve(text, service)
            if fqn in seen:
                continue
            service_text = self._text(fqn)
            impl = self._text(fqn + "Impl")
            if service_text is None or impl is None:
                continue
            chain = (*prefix, member)
            head, _, raw = impl.partition("class WithRawResponseImpl")
            for name, params, returns, verb, route in _IMPL_METHOD.findall(head):
                returns = returns.strip() or "Unit"
                op = self._operation(impl, chain, name, params, returns, verb, route)
                if op is not None:
                    op.extra["key_option"] = _key_option(raw, name)
                if op is not None:
                    op.extra["java_deprecated"] = (
                        op.extra["java_deprecated"] or deprecated or bool(mark)
                    )
                    found.append(op)
            self._walk(service_text, chain, found, seen | {fqn}, deprecated or bool(mark))

    def _operation(
        self,
        impl: str,
        chain: tuple[str, ...],
        name: str,
        params: str,
        returns: str,
        verb: str,
        route: str,
    ) -> Operation | None:
        params_fqn = self._resolve(impl, params)
        params_text = self._text(params_fqn)
        if params_text is None:
            return None
        base = re.sub(r"<.*", "", returns)
        if base == "StreamResponse":
            answer, stream = "object", "method"
        elif base == "HttpResponse":
            answer, stream = "binary", None
        elif base.endswith("Page"):
            answer, stream = "page", None
        elif base == "Unit":
            answer, stream = "empty", None
        else:
            answer, stream = "object", None
        inner = re.search(r"<(\w+)>", returns)
        returns_fqn = self._resolve(impl, inner.group(1) if inner else base)
        if base == "Unit":
            returns_fqn = ""
        setters, types = self._setters(params_fqn, params_text)
        item = ""
        if answer == "page":
            page_text = self._text(returns_fqn) or ""
            found_item = re.search(r"fun items\(\): List<([\w.]+)>", page_text)
            if found_item:
                head, _, rest = found_item.group(1).partition(".")
                item = self._resolve(page_text, head) + (f".{rest}" if rest else "")
        holes = re.findall(r"\{(\w+)\}", route)
        path_fields = dict(re.findall(r"(\d+) -> (\w+)", _between(params_text, "fun _pathParam")))
        path = [path_fields.get(str(i), _camel(h)) for i, h in enumerate(holes)]
        query = _query_keys(_between(params_text, "_queryParams()"))
        body = _body_keys(params_text)
        multipart = (
            "MultipartField" in params_text
            and "fun _body(): Map<String, MultipartField" in (params_text)
        )
        body_kind = "multipart" if multipart else ("json" if body else "none")
        builder = _block(params_text, "\n    class Builder internal constructor()")
        checked = builder + _block(params_text, "\n    class Body\n")
        required = sorted(set(re.findall(r'checkRequired\("(\w+)"', checked)))
        call_chain = ".".join(f"{m}()" for m in chain)
        return Operation(
            id=".".join(snake(p) for p in (*chain, name)),
            method=verb.upper(),
            route=canonical_route(route) if holes else route,
            call=f"{call_chain}.{name}",
            answer=answer,
            body_kind=body_kind,
            stream=stream,
            path=path,
            body=body,
            query=query,
            files=[k for k, v in setters.items() if "Path" in v.get("types", [])],
            required=required,
            extra={
                "params": params_fqn,
                "returns": returns_fqn,
                "setters": setters,
                "types": types,
                "params_module": snake(params.removesuffix("Params")) + "_params",
                "own_name": name,
                "java_deprecated": bool(
                    re.search(r"^@Deprecated\((?:[^()]|\n)*?\)\nclass ", params_text, re.M)
                ),
                "hatches": [
                    kind
                    for kind, fun in (
                        ("body", "putAdditionalBodyProperty"),
                        ("query", "putAdditionalQueryParam"),
                    )
                    if f"fun {fun}(" in params_text
                ],
                "item": item,
                "deprecated": False,
            },
        )

    def _setters(self, params_fqn: str, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """Setter name -> its parameter types (and ``deprecated``), and the named types
        they use -> ``{fqn, enum}`` (``enum``: a Stainless enum with ``of(String)``)."""
        builder = _block(text, "\n    class Builder internal constructor()")
        setters: dict[str, Any] = {}
        types: dict[str, Any] = {}
        for marks, name, _arg, kind in _SETTER.findall(builder):
            if _SKIP_SETTERS.match(name):
                continue
            kind = " ".join(kind.split()).rstrip("?")
            if kind.startswith(_WRAPPERS):
                continue  # the raw-field overloads: samples use the typed ones
            entry = setters.setdefault(name, {"types": []})
            if kind not in entry["types"]:
                entry["types"].append(kind)
            if "@Deprecated" in marks:
                entry.setdefault("deprecated", []).append(kind)
            for simple in re.findall(r"[A-Z]\w*(?:\.[A-Z]\w*)*", kind):
                if simple.split(".")[0] in _BUILTIN or simple in types:
                    continue
                types[simple] = self._type_info(params_fqn, text, simple)
        return setters, types

    def _type_info(self, params_fqn: str, text: str, simple: str) -> dict[str, Any]:
        head = simple.split(".")[0]
        nested = re.search(r"\n    class " + re.escape(head) + r"\b", text)
        if nested:
            fqn = f"{params_fqn}.{simple}"
            owner = text
        else:
            fqn = self._resolve(text, head) + simple[len(head) :]
            owner = self._text(self._resolve(text, head)) or ""
        last = simple.split(".")[-1]
        enum = bool(
            re.search(
                r"class " + re.escape(last) + r" @JsonCreator private constructor\("
                r"private val value: JsonField<String>\) :\s*Enum",
                owner,
            )
        )
        return {"fqn": fqn, "enum": enum}


def _key_option(raw: str, method: str) -> str:
    """The client option whose key ``method`` sends when it is not ``apiKey``:
    ``SecurityOptions.builder().adminApiKeyAuth(true)`` sends the client's ``adminApiKey``."""
    start = raw.find(f"override fun {method}(")
    found = (
        re.search(r"SecurityOptions\.builder\(\)\.(\w+)\(true\)", raw[start:])
        if start >= 0
        else None
    )
    if not found or found.group(1) in ("bearerAuth", "apiKeyAuth"):
        return ""
    return found.group(1).removesuffix("Auth")


def _between(text: str, marker: str) -> str:
    """The block that follows ``marker`` (up to the next blank line after it)."""
    start = text.find(marker)
    if start < 0:
        return ""
    end = text.find("\n\n", start)
    return text[start : end if end > 0 else len(text)]


def _block(text: str, marker: str) -> str:
    """The text from ``marker`` to the end of the brace block it opens (the first ``{``
    after it), skipping comments and string literals."""
    start = text.find(marker)
    if start < 0:
        return ""
    i = text.find("{", start + len(marker) - 1)
    depth = 0
    while 0 <= i < len(text):
        if text.startswith("//", i):
            i = text.find("\n", i)
            continue
        if text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        char = text[i]
        if char == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
        i += 1
    return text[start:]


def _query_keys(text: str) -> dict[str, str]:
    """Query name -> the builder setter's name, from ``_queryParams()``: ``put("limit", ...)``
    of a field (``limit?.let { put(...) }``, ``models?.forEach { put("models[]", it) }``,
    or a required one put directly: ``put("start_time", startTime.toString())``)."""
    out: dict[str, str] = {}
    for field, key in re.findall(r"(\w+)\?\.(?:let|forEach) \{[^}]*?put\(\"([^\"]+)\"", text):
        out.setdefault(key, field)
    for key, field in re.findall(r'\bput\("([^"]+)",\s*(\w+)', text):
        if field != "it":
            out.setdefault(key, field)
    return out


def _body_keys(text: str) -> dict[str, str]:
    """JSON key -> the builder setter's name, from the body's ``@JsonProperty`` fields."""
    body = _block(text, "\n    class Body\n")
    out: dict[str, str] = {}
    for key, getter, member in _PROPERTY.findall(body):
        out.setdefault(key, getter or member)
    return out


_PROPERTY = re.compile(
    r'@JsonProperty\("([^"]+)"\)(?:\s*@\w+(?:\([^)]*\))?)*\s*'
    r"(?:fun _(\w+)\(|(?:private val )?(\w+): )"
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def read_package(jar: Path, client: str = "com.openai.client.OpenAIClient") -> list[dict]:
    """The operation table of the Java SDK whose sources are in ``jar``."""
    rows = []
    for op in JavaStainlessReader(jar).operations(client):
        row = op.as_python()
        row.pop("keywords", None)
        row.pop("page", None)
        row.pop("positional", None)
        extra = op.extra
        row["params"] = extra["params"]
        if extra["returns"]:
            row["returns"] = extra["returns"]
        if extra.get("item"):
            row["item"] = extra["item"]
        if "stream_call" in extra:
            row["stream_call"] = extra["stream_call"]
            row["stream_returns"] = extra["stream_returns"]
        if extra.get("key_option"):
            row["key_option"] = extra["key_option"]
        row["setters"] = extra["setters"]
        row["hatches"] = extra["hatches"]
        if extra["java_deprecated"]:
            row["deprecated"] = True
        if extra["types"]:
            row["types"] = extra["types"]
        rows.append(row)
    return rows
