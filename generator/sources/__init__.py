"""Readers in front of the one model: samplegen YAML specs and OpenAPI documents.

:func:`load_specs` is the entry point every command uses. ``path`` is a folder that holds
YAML specs and OpenAPI 3.0/3.1 documents (``*.yaml``, ``*.yml``, ``*.json`` with ``openapi``
at the top level), or one document. Every operation of a document becomes an endpoint,
validated like a spec; what a document cannot give is skipped with a reason
(:func:`import_reports`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import SpecError

if TYPE_CHECKING:
    from generator.model import Endpoint
    from generator.sources.openapi import Imported

__all__ = ["documents_in", "import_reports", "load_spec", "load_specs"]

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")


def load_spec(path: Path) -> Endpoint:
    """Read, validate and model one YAML spec file (:mod:`generator.sources.yaml_spec`;
    imported on use: the config reads this package, and must not load YAML for --help)."""
    from generator.sources.yaml_spec import load_spec as load_yaml_spec

    return load_yaml_spec(path)


def documents_in(path: Path) -> list[Path]:
    """The OpenAPI documents ``path`` names: itself, or those of the folder (sorted)."""
    from generator.sources.openapi import is_document

    if path.is_file():
        return [path] if is_document(path) else []
    if not path.is_dir():
        return []
    return sorted(p for p in path.iterdir() if p.is_file() and is_document(p))


def _imports(path: Path) -> list[Imported]:
    from generator.sources.openapi import load_document

    return [load_document(document) for document in documents_in(path)]


def load_specs(path: Path) -> list[Endpoint]:
    """Every endpoint of ``path`` (a specs folder or one OpenAPI document), sorted by id;
    ids must be unique across all of them."""
    if path.is_file():
        if path.suffix.lower() not in DOCUMENT_SUFFIXES or not documents_in(path):
            raise SpecError(
                "not an OpenAPI document (no openapi: at its top level); "
                "specs names a folder of specs or one OpenAPI document",
                path,
            )
        endpoints = _imports(path)[0].endpoints()
        return _unique(endpoints)
    documents = documents_in(path)
    if not documents:
        from generator.sources.yaml_spec import load_specs as load_yaml_specs

        return load_yaml_specs(path)
    endpoints: list[Endpoint] = []
    if _has_yaml_specs(path, documents):
        from generator.sources.yaml_spec import load_specs as load_yaml_specs

        endpoints += load_yaml_specs(path)
    for imported in _imports(path):
        endpoints += imported.endpoints()
    return _unique(endpoints)


def _has_yaml_specs(path: Path, documents: list[Path]) -> bool:
    return any(
        p.suffix in (".yaml", ".yml") and p not in documents and not p.name.startswith("_")
        for p in path.iterdir()
    )


def _unique(endpoints: list[Endpoint]) -> list[Endpoint]:
    seen: dict[str, Endpoint] = {}
    for endpoint in endpoints:
        if endpoint.id in seen:
            other = seen[endpoint.id].source
            raise SpecError(
                f"duplicate endpoint id {endpoint.id} (also in {other})",
                endpoint.source,
                endpoint.id_line,
            )
        seen[endpoint.id] = endpoint
    return [seen[k] for k in sorted(seen)]


def import_reports(path: Path) -> list[Imported]:
    """What each OpenAPI document of ``path`` gave and left out (cached: cheap after
    :func:`load_specs`)."""
    return _imports(path)
