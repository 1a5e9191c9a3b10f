"""What the SDK readers share: the operation record, route normalisation, and the choice of
one call per route when an SDK has several (a helper such as ``parse`` beside ``create``)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

_HOLE = re.compile(r"\{[^{}]*\}")


def canonical_route(template: str) -> str:
    """``template`` with every ``{name}`` hole written ``{}``: routes of an SDK and of a spec
    match whatever each names its parameters."""
    return _HOLE.sub("{}", template)


def snake(name: str) -> str:
    """``vectorStores`` -> ``vector_stores`` (a Node or Java member name as Python spells it)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


@dataclass
class Operation:
    """One SDK call of one HTTP operation (see :mod:`generator.sdk.tables` for the fields)."""

    id: str  # the call in snake case, language-neutral: ``vector_stores.files.list``
    method: str
    route: str  # with ``{}`` holes, relative to the SDK's base URL
    call: str  # the call in the language: ``vectorStores.files.list``
    answer: str  # object, page, binary, text, empty
    body_kind: str  # json, multipart, none
    stream: str | None = None  # how it streams: "param" (stream=True), "always", "method"
    path: list[str] = field(default_factory=list)  # the argument filling each hole, in order
    positional: list[str] = field(default_factory=list)
    body: dict[str, str] = field(default_factory=dict)  # JSON key -> argument
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # header name -> argument
    files: list[str] = field(default_factory=list)  # multipart file fields
    required: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def as_python(self) -> dict[str, Any]:
        """The table row (``extra`` keeps only what rendering needs)."""
        row = asdict(self)
        extra = row.pop("extra")
        row["page"] = extra.get("page")
        row["key_option"] = extra.get("key_option", "")
        row["keywords"] = extra.get("keywords", [])
        return _compact(row)


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    """The row without empty values, so the committed JSON stays readable."""
    return {k: v for k, v in row.items() if v not in (None, [], {}, "")}


# Hand-written helpers that wrap a generated call (they answer parsed or polled objects).
HELPERS = frozenset({"parse", "stream", "retrieve_content", "wait_for_processing"})


def _score(op: Operation) -> tuple:
    """Higher is more canonical: not deprecated, not a helper, the shortest call chain
    (``messages.create`` before ``beta.messages.create``), typed with its own params module
    (``batch_create_params`` for ``create``), then the shorter name."""
    extra = op.extra
    parts = op.id.split(".")
    name = parts[-1]
    own = str(extra.get("params_module", "")).endswith(f"_{name}_params")
    helper = name in HELPERS or name.endswith("_and_poll") or name.startswith("create_and_")
    return (not extra.get("deprecated", False), not helper, -len(parts), own, -len(name), name)


def pick_canonical(found: list[Operation]) -> list[Operation]:
    """One operation per (method, route), the most canonical; sorted by route and method.

    Two calls for one route are a generated call and a hand-written helper around it
    (``chat.completions.parse``, ``files.retrieve_content``), or the same call reached
    twice (an alias of a resource): the generated one is kept.
    """
    best: dict[tuple[str, str], Operation] = {}
    for op in found:
        key = (op.method, canonical_route(op.route))
        if key not in best or _score(op) > _score(best[key]):
            best[key] = op
    return sorted(best.values(), key=lambda o: (canonical_route(o.route), o.method))
