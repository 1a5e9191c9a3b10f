"""The SDK operation tables (derived data, ``generator/sdk/tables/*.json``) and how an
endpoint finds its SDK call in them: by HTTP method and route under the SDK's base path,
or by an explicit ``operation:`` that names a call of the table.

A row says, for one HTTP operation of the SDK:

``id``        the call in snake case, the same in every language (``vector_stores.files.list``)
``method``    the HTTP method; ``route`` the path below the SDK's base URL, holes as ``{}``
              (a fixed query the SDK adds, ``?beta=true``, stays in the route)
``call``      the call as the language writes it (``vectorStores.files.list``,
              ``vectorStores().files().list``)
``answer``    ``object``, ``page`` (auto-paginated list), ``binary``, ``text`` or ``empty``
``stream``    how it streams: ``param`` (a ``stream`` argument), ``always``, ``method``
              (a call of its own, Java's ``createStreaming``: ``stream_call``), or absent
``body_kind`` ``json``, ``multipart`` or ``none``
``path``      the argument (Java: builder setter) filling each hole of the route, in order
``positional`` the positional arguments (Python, Node.js)
``body``, ``query``, ``headers``  JSON key / query name / header -> argument or setter
``files``     multipart file fields; ``required`` the arguments the call cannot go without
``fills``     (added when loaded, from :data:`generator.sdk.catalog.FILLS`) argument -> the
              value the call sends by itself when the caller leaves it out
Java rows also carry ``params`` (the builder class), ``returns``, ``setters`` (name -> the
Java types it takes) and ``types`` (named types -> their class and whether they are enums).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from generator.sdk.catalog import FILLS

if TYPE_CHECKING:
    from generator.model import Endpoint

TABLES_DIR = Path(__file__).resolve().parent / "tables"


def canonical(route: str) -> str:
    """``route`` with each ``{name}`` hole written ``{}``."""
    out, depth = [], 0
    for char in route:
        if char == "{":
            depth += 1
            if depth == 1:
                out.append("{}")
            continue
        if char == "}" and depth:
            depth -= 1
            continue
        if not depth:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True)
class Table:
    """One SDK's operations, as derived from its pinned package."""

    name: str
    language: str
    package: str
    version: str
    rows: tuple[dict[str, Any], ...]

    @functools.cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Rows by their language-neutral id (``chat.completions.create``)."""
        return {row["id"]: row for row in self.rows}

    @functools.cached_property
    def by_route(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """Rows by (method, route without its fixed query), holes as ``{}``."""
        out: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in self.rows:
            path = canonical(row["route"]).split("?", 1)[0]
            out.setdefault((row["method"], path), []).append(row)
        return out


@functools.cache
def table(name: str) -> Table:
    """The committed table ``name`` (``openai-python``)."""
    path = TABLES_DIR / f"{name}.json"
    data = json.loads(path.read_text("utf-8"))
    fills = FILLS.get(name, {})
    rows = tuple(
        {**row, "fills": fills[row["id"]]} if row["id"] in fills else row
        for row in data["operations"]
    )
    return Table(data["sdk"], data["language"], data["package"], data["version"], rows)


def fixed_query(row: dict[str, Any]) -> list[tuple[str, str]]:
    """The query pairs the SDK call adds by itself (``beta=true``)."""
    return parse_qsl(row["route"].split("?", 1)[1]) if "?" in row["route"] else []


def route_of(endpoint: Endpoint) -> str | None:
    """The endpoint's path below its SDK base path, or None when it is not under it."""
    base = endpoint.sdk_base_path.rstrip("/")
    path = endpoint.path
    if base and not (path == base or path.startswith(base + "/")):
        return None
    return path[len(base) :] or "/"


def _query_pairs(endpoint: Endpoint) -> set[tuple[str, str]]:
    pairs = {(p.name, p.text) for p in endpoint.query_params}
    if "?" in endpoint.path:
        pairs.update(parse_qsl(endpoint.path.split("?", 1)[1]))
    return pairs


def find_call(sdk: Table, endpoint: Endpoint) -> tuple[dict[str, Any] | None, str]:
    """The row of ``sdk`` that ``endpoint`` is, or None and why not.

    An ``operation:`` naming a call of the table wins; otherwise the method and the route
    under the SDK's base path decide (a row whose fixed query the request does not carry
    is not a match; the one that carries most of it wins).
    """
    route = route_of(endpoint)
    path = None if route is None else canonical(route).split("?", 1)[0]
    explicit = sdk.by_id.get(endpoint.operation)
    if explicit is not None:
        wanted = canonical(explicit["route"]).split("?", 1)[0]
        if explicit["method"] != endpoint.method or path != wanted:
            # The SDK call sends to its own route: a sample of it would miss the spec's path.
            return None, (
                f"operation {endpoint.operation} is {explicit['method']} {explicit['route']}, "
                f"not {endpoint.method} {route if route is not None else endpoint.path}"
            )
        return explicit, ""
    if route is None or path is None:
        return None, f"its path is not under the SDK's base path {endpoint.sdk_base_path}"
    candidates = sdk.by_route.get((endpoint.method, path), [])
    pairs = _query_pairs(endpoint)
    fitting = [row for row in candidates if set(fixed_query(row)) <= pairs]
    if not fitting:
        return None, f"{sdk.package} {sdk.version} has no call for {endpoint.method} {route}"
    return max(fitting, key=lambda row: len(fixed_query(row))), ""
