"""Read a Stainless-generated TypeScript SDK (the npm ``openai`` package) from its ``src/``.

The package ships its TypeScript sources. Every resource is ``export class X extends
APIResource`` whose methods call ``this._client.post('/batches', { body, ...options })``,
``this._client.get(path`/files/${fileID}`, ...)`` or ``this._client.getAPIList(...,
CursorPage<T>, ...)``; a path parameter that is not the method's positional argument is
destructured from the params object (``const { vector_store_id, ...body } = params``).
Sub-resources are members ``files: FilesAPI.Files = new FilesAPI.Files(this._client)``.
The code is regular enough to read with a small scanner (strings, template literals and
comments skipped when matching braces); no TypeScript compiler is needed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.sdk.derive.common import Operation, canonical_route, pick_canonical, snake

_CLASS = re.compile(r"export class (\w+) extends APIResource \{")
_MEMBER = re.compile(r"^\s*(\w+): (\w+)\.(\w+) = new \2\.\3\(this(?:\._client)?\);", re.M)
_CLIENT_MEMBER = re.compile(r"^\s*(\w+): API\.(\w+) = new API\.\2\(this\);", re.M)
_IMPORT_ALL = re.compile(r"import \* as (\w+) from '([^']+)';")
_REQUEST = re.compile(r"this\._client\.(get|post|put|patch|delete|getAPIList)\(")
_DESTRUCTURE = re.compile(r"const \{([^}]*)\} = (\w+);")
_VERBS = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE"}


def _skip_string(text: str, i: int) -> int:
    """The index after the string or template literal starting at ``text[i]``."""
    quote = text[i]
    i += 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if quote == "`" and text.startswith("${", i):
            i = _match(text, i + 1) + 1
            continue
        if char == quote:
            return i + 1
        i += 1
    return i


def _match(text: str, i: int) -> int:
    """The index of the bracket closing the one at ``text[i]`` (``{``, ``(`` or ``[``)."""
    pairs = {"{": "}", "(": ")", "[": "]"}
    stack = [pairs[text[i]]]
    i += 1
    while i < len(text):
        char = text[i]
        if char in "'\"`":
            i = _skip_string(text, i)
            continue
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
            continue
        if text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        if char in pairs:
            stack.append(pairs[char])
        elif char in ")]}":
            stack.pop()
            if not stack:
                return i
        i += 1
    raise ValueError("unbalanced brackets")


def _split_top(text: str) -> list[str]:
    """``text`` split at commas outside brackets, strings and generics."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char in "'\"`":
            i = _skip_string(text, i)
            continue
        if char in "([{<":
            depth += 1
        elif char in ")]}>":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _strip_comments(text: str) -> str:
    """``text`` with comments blanked (strings kept), so signatures read cleanly."""
    out, i = [], 0
    while i < len(text):
        if text[i] in "'\"`":
            end = _skip_string(text, i)
            out.append(text[i:end])
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


class NodeStainlessReader:
    """Parses the TypeScript sources under ``src`` (the folder holding ``client.ts``)."""

    def __init__(self, src: Path) -> None:
        self.src = src
        self._texts: dict[Path, str] = {}

    def _text(self, path: Path) -> str:
        if path not in self._texts:
            self._texts[path] = _strip_comments(path.read_text("utf-8"))
        return self._texts[path]

    def _file(self, base: Path, spec: str) -> Path | None:
        target = (base.parent / spec).resolve()
        for candidate in (target.with_suffix(".ts"), target / "index.ts"):
            if candidate.is_file():
                return candidate
        return None

    def _find_class(self, path: Path, name: str, depth: int = 0) -> tuple[Path, str] | None:
        """The file and body of class ``name`` defined in or re-exported by ``path``."""
        text = self._text(path)
        for found in _CLASS.finditer(text):
            if found.group(1) == name:
                start = found.end() - 1
                return path, text[start + 1 : _match(text, start)]
        if depth > 4:
            return None
        for spec in re.findall(r"export \{[^}]*\b" + name + r"\b[^}]*\} from '([^']+)';", text):
            target = self._file(path, spec)
            if target and (hit := self._find_class(target, name, depth + 1)):
                return hit
        for spec in re.findall(r"export \* from '([^']+)';", text):
            target = self._file(path, spec)
            if target and (hit := self._find_class(target, name, depth + 1)):
                return hit
        return None

    def operations(self) -> list[Operation]:
        """Every HTTP operation reachable from the client, one per route."""
        client = self.src / "client.ts"
        index = self.src / "resources" / "index.ts"
        found: list[Operation] = []
        for member, name in _CLIENT_MEMBER.findall(self._text(client)):
            hit = self._find_class(index, name)
            if hit:
                self._walk(hit[0], hit[1], (member,), found, set())
        return pick_canonical(found)

    def _walk(
        self,
        path: Path,
        body: str,
        prefix: tuple[str, ...],
        found: list[Operation],
        seen: set[tuple[Path, str]],
    ) -> None:
        key = (path, body[:200])
        if key in seen:
            return
        seen = seen | {key}
        aliases = dict(_IMPORT_ALL.findall(self._text(path)))
        for member, alias, name in _MEMBER.findall(body):
            spec = aliases.get(alias)
            target = self._file(path, spec) if spec else None
            hit = self._find_class(target, name) if target else None
            if hit:
                self._walk(hit[0], hit[1], (*prefix, member), found, seen)
        for name, params, returns, code in _methods(body):
            op = _operation(name, params, returns, code, prefix)
            if op is not None:
                if op.body_kind == "multipart":
                    op.files = _uploads(self._text(path), params)
                found.append(op)


def _methods(body: str) -> list[tuple[str, str, str, str]]:
    """(name, parameter text, return type, body) of every method with a body, at depth 1."""
    out = []
    i = 0
    head = re.compile(r"\n  (?:async\s+)?(\w+)(?:<[^>(]*>)?\(")
    while True:
        found = head.search(body, i)
        if not found:
            return out
        name = found.group(1)
        open_paren = found.end() - 1
        close = _match(body, open_paren)
        params = body[open_paren + 1 : close]
        rest = body[close + 1 :]
        brace = rest.find("{")
        semi = rest.find(";")
        if brace < 0 or (0 <= semi < brace):
            i = close + 1 + (semi if semi >= 0 else 0)
            continue
        returns = rest[:brace].strip().lstrip(":").strip()
        start = close + 1 + brace
        end = _match(body, start)
        out.append((name, params, returns, body[start + 1 : end]))
        i = end + 1


def _operation(
    name: str, params_text: str, returns: str, code: str, prefix: tuple[str, ...]
) -> Operation | None:
    if name in ("constructor",) or name.startswith("_"):
        return None
    request = _REQUEST.search(code)
    if request is None:
        return None
    verb = request.group(1)
    open_paren = request.end() - 1
    args = _split_top(code[open_paren + 1 : _match(code, open_paren)])
    if not args:
        return None
    route, holes = _route(args[0])
    if route is None:
        return None
    method = "GET" if verb == "getAPIList" else _VERBS[verb]
    options = " ".join(args[1:])
    if verb == "getAPIList" and (m := re.search(r"method: '(\w+)'", options)):
        method = m.group(1).upper()
    params = []
    for part in _split_top(params_text):
        pname = re.match(r"(\w+)", part)
        if pname and pname.group(1) != "options":
            params.append(pname.group(1))
    destructured: dict[str, str] = {}
    for names, source in _DESTRUCTURE.findall(code):
        for item in names.split(","):
            item = item.strip()
            if item and not item.startswith("..."):
                destructured[item.split(":")[0].strip()] = source
    path_args = []
    for hole in holes:
        if hole in params:
            path_args.append(hole)
        elif hole in destructured:
            path_args.append(f"{destructured[hole]}.{hole}")
        else:
            path_args.append(hole)
    if "__binaryResponse: true" in options:
        answer = "binary"
    elif verb == "getAPIList" or "PagePromise" in returns:
        answer = "page"
    elif "APIPromise<void>" in returns:
        answer = "empty"
    elif "APIPromise<string>" in returns:
        answer = "text"
    else:
        answer = "object"
    stream = None
    if re.search(r"stream: \w+\.stream \?\? false", options):
        stream = "param"
    elif re.search(r"stream: true", options):
        stream = "always"
    body_kind = "multipart" if "multipartFormRequestOptions" in options else "json"
    if method not in ("POST", "PUT", "PATCH") and "body" not in options:
        body_kind = "none"
    page = re.search(r"(\w+)<[\w.]+>", args[1]) if verb == "getAPIList" and len(args) > 1 else None
    scheme = re.search(r"__security: \{ (\w+): true", code)
    key_option = ""
    if scheme and scheme.group(1) not in ("bearerAuth", "apiKeyAuth"):
        key_option = scheme.group(1).removesuffix("Auth")
    call = ".".join((*prefix, name))
    own = re.search(r"\b(\w+)Params\b", params_text)
    return Operation(
        id=".".join(snake(p) for p in (*prefix, name)),
        method=method,
        route=route,
        call=call,
        answer=answer,
        body_kind=body_kind,
        stream=stream,
        path=path_args,
        positional=params,
        extra={
            "key_option": key_option,
            "page": page.group(1) if page else None,
            "params_module": snake(own.group(1)) + "_params" if own else "",
            "deprecated": False,
        },
    )


def _uploads(text: str, params_text: str) -> list[str]:
    """The properties of the method's params interface (or its ``...Base``) that take a
    file (a type naming ``Uploadable``)."""
    found = re.search(r"\b(\w+Params)\b", params_text)
    if not found:
        return []
    fields: list[str] = []
    head = re.compile(r"export interface " + found.group(1) + r"(?:Base)?\b[^{]*\{")
    for match in head.finditer(text):
        brace = match.end() - 1
        block = text[brace : _match(text, brace)]
        fields += re.findall(r"\n  (\w+)\??: [^;\n]*\bUploadable\b", block)
    return list(dict.fromkeys(fields))


def _route(arg: str) -> tuple[str | None, list[str]]:
    arg = arg.strip()
    if arg[:1] in "'\"" and arg[-1:] == arg[:1]:
        return arg[1:-1], []
    if arg.startswith("path`") and arg.endswith("`"):
        text = arg[5:-1]
        holes = re.findall(r"\$\{(\w+)\}", text)
        return canonical_route(re.sub(r"\$\{(\w+)\}", r"{\1}", text)), holes
    return None, []


def read_package(src: Path) -> list[dict[str, Any]]:
    """The operation table of the TypeScript SDK whose sources are ``src``."""
    rows = []
    for op in NodeStainlessReader(src).operations():
        row = op.as_python()
        row.pop("keywords", None)
        rows.append(row)
    return rows
