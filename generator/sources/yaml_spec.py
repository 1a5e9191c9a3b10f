"""Read samplegen's YAML spec files: bytes -> YAML data -> validated spec data -> model.

A specs folder may hold an API-level file, ``_api.yaml``: the keys every spec of the folder
inherits (regions, auth, headers, errors, ...; see :func:`generator.sources.spec_data.inherit`).
Files whose name starts with ``_`` are not endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import SpecError
from generator.model import Endpoint
from generator.sources.messages import kind
from generator.sources.spec_data import build_endpoint, inherit, validate, validate_api
from generator.sources.yaml_text import PathKey, parse_yaml

MAX_SPEC_BYTES = 1_000_000
API_FILE = "_api.yaml"


@dataclass(frozen=True)
class ApiLevel:
    """A validated API-level file: its data and the line of each of its paths."""

    path: Path
    data: dict[str, Any]
    lines: dict[PathKey, int]


def _read_yaml(path: Path) -> tuple[Any, dict[PathKey, int]]:
    """A YAML file's data and lines; every problem is a :class:`SpecError` naming it."""
    if path.is_dir():
        raise SpecError("cannot read the file: it is a folder", path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SpecError(f"cannot read the file: {err.strerror}", path) from None
    if len(raw) > MAX_SPEC_BYTES:
        raise SpecError(f"the file is larger than {MAX_SPEC_BYTES} bytes", path)
    if b"\0" in raw:
        raise SpecError("the file is binary (it contains NUL bytes), not YAML", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SpecError("the file is not valid UTF-8", path, line) from None
    return parse_yaml(text, path)


def load_api(path: Path) -> ApiLevel:
    """Read and validate an API-level file."""
    data, lines = _read_yaml(path)
    validate_api(data, lines, path)
    return ApiLevel(path, data, lines)


@lru_cache(maxsize=64)
def _cached_api(path: Path, stamp: tuple[int, int]) -> ApiLevel:
    return load_api(path)


def api_for(folder: Path) -> ApiLevel | None:
    """The API-level file of ``folder``, if it has one (read once while it is unchanged)."""
    path = folder / API_FILE
    try:
        stat = path.stat()
    except OSError:
        return None
    return _cached_api(path, (stat.st_mtime_ns, stat.st_size))


_FOLDER_DEFAULT: Any = object()


def load_spec(path: Path, api: ApiLevel | None = _FOLDER_DEFAULT) -> Endpoint:
    """Read, validate and model one spec file, with what it inherits from ``api`` (by
    default its folder's ``_api.yaml``, if there is one)."""
    if api is _FOLDER_DEFAULT:
        api = api_for(path.parent)
    data, lines = _read_yaml(path)
    if not isinstance(data, dict):
        raise SpecError(
            f"a spec is a mapping of keys (id: ..., title: ...); this file holds {kind(data)}",
            path,
            1,
        )
    origins = None
    if api is not None:
        data, lines, origins = inherit(api.data, api.lines, api.path, data, lines)
    validate(data, lines, path, origins)
    return build_endpoint(data, path, lines.get(("id",), 1))


def spec_files(directory: Path) -> list[Path]:
    """The spec files of ``directory``, sorted (``*.yaml``, ``*.yml``; none starting with ``_``,
    and no OpenAPI document: those are read beside the specs)."""
    from generator.sources.openapi import is_document

    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith("_") and not is_document(p)
    )


def load_specs(directory: Path) -> list[Endpoint]:
    """Load every spec in ``directory``, sorted by id; ids must be unique."""
    if not directory.is_dir():
        raise SpecError("the specs folder does not exist", directory)
    files = spec_files(directory)
    if not files:
        raise SpecError("no spec files (*.yaml) found", directory)
    api = api_for(directory)
    endpoints: dict[str, Endpoint] = {}
    for file in files:
        endpoint = load_spec(file, api)
        if endpoint.id in endpoints:
            other = endpoints[endpoint.id].source
            raise SpecError(
                f"duplicate endpoint id {endpoint.id} (also in {other})", file, endpoint.id_line
            )
        endpoints[endpoint.id] = endpoint
    return [endpoints[k] for k in sorted(endpoints)]
