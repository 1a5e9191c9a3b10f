"""Read a Stainless-generated Python SDK (``openai``, ``anthropic``) from its own files.

The wheel's resource modules say everything a sample needs: each public method of a
``SyncAPIResource`` calls ``self._post("/batches", body=maybe_transform({...}), ...)`` (or
``_get``, ``_delete``, ``_get_api_list``...) with the route, the body and query dicts that map
JSON keys onto its keyword arguments, ``extract_files`` for multipart uploads, ``stream_cls``
for streams and ``cast_to`` for what it answers. The client's ``cached_property`` members
(``client.chat`` -> ``Chat``, ``Chat.completions`` -> ``Completions``) give each method's
call path. Nothing is imported: the files are parsed with :mod:`ast`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.sdk.derive.common import Operation, canonical_route, pick_canonical

_VERBS = {
    "_get": "GET",
    "_post": "POST",
    "_put": "PUT",
    "_patch": "PATCH",
    "_delete": "DELETE",
    "_get_api_list": "GET",
}
_SKIPPED_MEMBERS = {"with_raw_response", "with_streaming_response"}
_UNWRAP = {"maybe_transform", "async_maybe_transform", "deepcopy_minimal", "deepcopy_with_paths"}
_OPTION_ARGS = {"extra_headers", "extra_query", "extra_body", "timeout"}


@dataclass
class _Module:
    path: Path
    tree: ast.Module
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (module, name)


class PythonStainlessReader:
    """Parses the package at ``root`` (the folder holding ``_client.py``)."""

    def __init__(self, root: Path, package: str) -> None:
        self.root = root
        self.package = package
        self._modules: dict[Path, _Module] = {}

    # -- modules and imports ---------------------------------------------------------
    def _module(self, path: Path) -> _Module:
        if path not in self._modules:
            tree = ast.parse(path.read_text("utf-8"), str(path))
            module = _Module(path, tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    target = self._resolve(path, node.module or "", node.level)
                    for alias in node.names:
                        module.imports[alias.asname or alias.name] = (target, alias.name)
            self._modules[path] = module
        return self._modules[path]

    def _resolve(self, path: Path, module: str, level: int) -> str:
        """The file path (as text, without suffix) an import names."""
        if level == 0:
            if not module.startswith(self.package + "."):
                return ""
            return str(self.root.joinpath(*module.split(".")[1:]))
        base = path.parent
        for _ in range(level - 1):
            base = base.parent
        return str(base.joinpath(*module.split("."))) if module else str(base)

    def _class(self, location: str, name: str) -> tuple[_Module, ast.ClassDef] | None:
        """The class ``name`` defined in (or re-exported by) ``location``."""
        for candidate in (Path(location + ".py"), Path(location) / "__init__.py"):
            if not candidate.is_file():
                continue
            module = self._module(candidate)
            for node in module.tree.body:
                if isinstance(node, ast.ClassDef) and node.name == name:
                    return module, node
            if name in module.imports:
                target, original = module.imports[name]
                return self._class(target, original)
        return None

    # -- walking the client ----------------------------------------------------------
    def operations(self, client_class: str) -> list[Operation]:
        """Every HTTP operation reachable from ``client_class`` (``OpenAI``), one per route."""
        client = self._class(str(self.root / "_client"), client_class)
        if client is None:
            raise ValueError(f"{self.root}/_client.py has no class {client_class}")
        found: list[Operation] = []
        self._walk(client[0], client[1], (), found, set())
        return pick_canonical(found)

    def _walk(
        self,
        module: _Module,
        cls: ast.ClassDef,
        prefix: tuple[str, ...],
        found: list[Operation],
        seen: set[tuple[str, str]],
    ) -> None:
        key = (str(module.path), cls.name)
        if key in seen:
            return
        seen = seen | {key}
        for node in cls.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if _decorated(node, "cached_property"):
                if node.name in _SKIPPED_MEMBERS:
                    continue
                target = self._member_class(module, node)
                if target is not None:
                    self._walk(target[0], target[1], (*prefix, node.name), found, seen)
                continue
            if prefix and not _decorated(node, "overload"):
                op = self._operation(node, prefix, cls)
                if op is not None:
                    found.append(op)

    def _member_class(self, module: _Module, node: ast.FunctionDef) -> tuple | None:
        """The resource class a ``cached_property`` returns (imported in its body or at top)."""
        returned = next(
            (
                n.value
                for n in ast.walk(node)
                if isinstance(n, ast.Return) and isinstance(n.value, ast.Call)
            ),
            None,
        )
        if returned is None or not isinstance(returned.func, ast.Name):
            return None
        name = returned.func.id
        local = {
            alias.asname or alias.name: (
                self._resolve(module.path, n.module or "", n.level),
                alias.name,
            )
            for n in ast.walk(node)
            if isinstance(n, ast.ImportFrom)
            for alias in n.names
        }
        where = local.get(name) or module.imports.get(name)
        if where is None:
            for top in module.tree.body:
                if isinstance(top, ast.ClassDef) and top.name == name:
                    return module, top
            return None
        return self._class(*where)

    # -- one method ------------------------------------------------------------------
    def _operation(
        self, node: ast.FunctionDef, prefix: tuple[str, ...], cls: ast.ClassDef
    ) -> Operation | None:
        call = _request_call(node)
        if call is None:
            return None
        verb = call.func.attr  # type: ignore[attr-defined]
        method = _VERBS[verb]
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        if verb == "_get_api_list" and isinstance(keywords.get("method"), ast.Constant):
            method = str(keywords["method"].value).upper()
        route, path_args = _route(call.args[0] if call.args else None)
        if route is None:
            return None
        args = node.args
        positional = [a.arg for a in args.args[1:]]
        keyword_only = [a.arg for a in args.kwonlyargs if a.arg not in _OPTION_ARGS]
        required = _required(node)
        body = _dict_keys(_resolve_value(keywords.get("body"), node))
        options = keywords.get("options")
        query: dict[str, str] = {}
        headers = _headers(node)
        key_option = ""
        if isinstance(options, ast.Call):
            option_kw = {k.arg: k.value for k in options.keywords if k.arg}
            query = _dict_keys(_resolve_value(option_kw.get("query"), node))
            key_option = _key_option(option_kw.get("security"))
        if not body and method in ("POST", "PUT", "PATCH"):
            # A body the method builds through a helper: its keyword arguments that are
            # neither query, header nor path arguments (the Stainless convention).
            taken = set(query.values()) | set(headers.values()) | set(path_args)
            body = {name: name for name in keyword_only if name not in taken}
        files = _file_paths(node)
        streams = "stream_cls" in keywords
        stream_arg = "stream" in (positional + keyword_only) and streams
        answer = _answer(verb, keywords)
        if files:
            body_kind = "multipart"
        elif body:
            body_kind = "json"
        else:
            body_kind = "none"
        params_module = _params_module(node)
        deprecated = (
            _decorated(node, "deprecated")
            or "deprecated" in (ast.get_docstring(node) or "").lower()[:200]
        )
        return Operation(
            id=".".join((*prefix, node.name)),
            method=method,
            route=route,
            call=".".join((*prefix, node.name)),
            path=path_args,
            positional=positional,
            body=body,
            query=query,
            headers=headers,
            files=files,
            body_kind=body_kind,
            answer=answer,
            stream="param" if stream_arg else ("always" if streams else None),
            required=[name for name in positional + keyword_only if name in required],
            extra={
                "key_option": key_option,
                "page": _page_class(keywords) if answer == "page" else None,
                "params_module": params_module,
                "deprecated": deprecated,
                "keywords": keyword_only,
            },
        )


def _key_option(security: ast.expr | None) -> str:
    """The client option whose key a call sends, when it is not ``api_key``: a call with
    ``security={"admin_api_key_auth": True}`` sends the client's ``admin_api_key``."""
    if not isinstance(security, ast.Dict):
        return ""
    for key in security.keys:
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            name = key.value.removesuffix("_auth")
            if name not in ("bearer", "api_key"):
                return name
    return ""


def _decorated(node: ast.FunctionDef, name: str) -> bool:
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if isinstance(target, ast.Name) and target.id == name:
            return True
        if isinstance(target, ast.Attribute) and target.attr == name:
            return True
    return False


def _request_call(node: ast.FunctionDef) -> ast.Call | None:
    """The ``self._post(...)``-like call the method returns."""
    for ret in ast.walk(node):
        if not isinstance(ret, ast.Return) or ret.value is None:
            continue
        value = ret.value.value if isinstance(ret.value, ast.Await) else ret.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and isinstance(value.func.value, ast.Name)
            and value.func.value.id == "self"
            and value.func.attr in _VERBS
        ):
            return value
    return None


def _route(node: ast.expr | None) -> tuple[str | None, list[str]]:
    """The route with ``{name}`` holes and the argument filling each hole, in order."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, []
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        template = str(node.args[0].value)
        fills = {k.arg: k.value for k in node.keywords if k.arg}
        names = []
        for hole in _holes(template):
            value = fills.get(hole)
            names.append(value.id if isinstance(value, ast.Name) else hole)
        return canonical_route(template), names
    if isinstance(node, ast.JoinedStr):  # f"/files/{file_id}" (older generators)
        text, names = "", []
        for part in node.values:
            if isinstance(part, ast.Constant):
                text += str(part.value)
            elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name):
                text += "{" + part.value.id + "}"
                names.append(part.value.id)
            else:
                return None, []
        return canonical_route(text), names
    return None, []


def _holes(template: str) -> list[str]:
    out, rest = [], template
    while "{" in rest:
        start = rest.index("{")
        end = rest.index("}", start)
        out.append(rest[start + 1 : end])
        rest = rest[end + 1 :]
    return out


def _resolve_value(node: ast.expr | None, function: ast.FunctionDef) -> ast.expr | None:
    """Unwrap ``maybe_transform(x, T)``, ``deepcopy_minimal(x)``, ``cast(T, x)`` and a local
    variable's last assignment until a dict literal (or give up)."""
    for _ in range(8):
        if node is None or isinstance(node, ast.Dict):
            return node
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in _UNWRAP and node.args:
                node = node.args[0]
                continue
            if name == "cast" and len(node.args) == 2:
                node = node.args[1]
                continue
            return None
        if isinstance(node, ast.Await):
            node = node.value
            continue
        if isinstance(node, ast.Name):
            assigned = None
            for stmt in ast.walk(function):
                if isinstance(stmt, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets
                ):
                    assigned = stmt.value
            node = assigned
            continue
        return None
    return None


def _dict_keys(node: ast.expr | None) -> dict[str, str]:
    """JSON key -> the argument that fills it, for a dict literal ``{"key": arg}``."""
    if not isinstance(node, ast.Dict):
        return {}
    out = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            out[key.value] = value.id if isinstance(value, ast.Name) else key.value
    return out


def _headers(function: ast.FunctionDef) -> dict[str, str]:
    """Header name -> argument, from ``extra_headers = {**strip_not_given({"h": arg}), ...}``."""
    out: dict[str, str] = {}
    for stmt in ast.walk(function):
        if not (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "extra_headers" for t in stmt.targets)
        ):
            continue
        for call in ast.walk(stmt.value):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id == "strip_not_given"
                and call.args
            ):
                for name, arg in _dict_keys(call.args[0]).items():
                    out[name] = arg
    return out


def _file_paths(function: ast.FunctionDef) -> list[str]:
    """The multipart file fields ``extract_files(..., paths=[["file"]])`` names."""
    out: list[str] = []
    for call in ast.walk(function):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == "extract_files"
        ):
            for kw in call.keywords:
                if kw.arg == "paths" and isinstance(kw.value, ast.List):
                    for path in kw.value.elts:
                        if isinstance(path, ast.List) and path.elts:
                            first = path.elts[0]
                            if isinstance(first, ast.Constant) and first.value not in out:
                                out.append(str(first.value))
    return out


def _answer(verb: str, keywords: dict[str, ast.expr]) -> str:
    if verb == "_get_api_list":
        return "page"
    cast_to = ast.unparse(keywords["cast_to"]) if "cast_to" in keywords else ""
    if "BinaryResponseContent" in cast_to or "BinaryAPIResponse" in cast_to:
        return "binary"
    if cast_to == "str":
        return "text"
    if cast_to == "NoneType":
        return "empty"
    return "object"


def _page_class(keywords: dict[str, ast.expr]) -> str | None:
    page = keywords.get("page")
    if isinstance(page, ast.Subscript):
        return ast.unparse(page.value)
    return None


def _params_module(function: ast.FunctionDef) -> str:
    """The ``*_params`` module the method's body or query is typed with (its own name in
    Stainless: ``batch_create_params`` for ``batches.create``)."""
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id.endswith("_params")
        ):
            return node.value.id
    return ""


def _required(function: ast.FunctionDef) -> set[str]:
    args = function.args
    positional = args.args[1:]
    defaults = len(args.defaults)
    required = {a.arg for a in positional[: len(positional) - defaults]}
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if default is None:
            required.add(arg.arg)
    return required


def read_package(root: Path, package: str, client_class: str) -> list[dict[str, Any]]:
    """The operation table of the Python SDK installed at ``root``."""
    reader = PythonStainlessReader(root, package)
    return [op.as_python() for op in reader.operations(client_class)]
