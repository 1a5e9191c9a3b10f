"""The OpenAPI reader: every operation of an OpenAPI 3.0/3.1 document becomes spec data,
validated and modelled by :mod:`generator.sources.spec_data` like a YAML spec.

:func:`read_document` is the whole import (slow on a large document: parse, resolve,
generate, validate); :func:`load_document` answers from the cache when the document, the
files it references, the overlays, the settings and this code are unchanged (keyed on
their content, like ``check``'s cache), so a 3 MB document costs a cache read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import cache as disk_cache
from generator.errors import SpecError
from generator.sources.openapi.settings import ImportSettings, Report, current

if TYPE_CHECKING:
    from generator.model import Endpoint
    from generator.sources.openapi.operations import Found
    from generator.sources.openapi.refs import Files

__all__ = ["Imported", "convert_document", "is_document", "load_document", "read_document"]

CACHE_KIND = "openapi"


def is_document(path: Path) -> bool:
    """Whether ``path`` is an OpenAPI document (``openapi:`` at its top level; read from
    its first 64 KiB, nothing parsed)."""
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return False
    if head.lstrip("\ufeff \t\r\n")[:1] == "{":
        return re.search(r'"openapi"\s*:', head) is not None
    return re.search(r"(?m)^(?:openapi|\"openapi\"|'openapi')\s*:", head) is not None


@dataclass
class Imported:
    """What one document gives: spec data (with each operation's line) and a report."""

    source: Path
    specs: list[tuple[dict[str, Any], int]] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    files: dict[str, str] = field(default_factory=dict)  # every file read -> digest

    def endpoints(self) -> list[Endpoint]:
        from generator.sources.spec_data import build_endpoint

        return [build_endpoint(data, self.source, line) for data, line in self.specs]


@cache
def _code_salt() -> bytes:
    """This reader's code and the spec validator's (a change is a new cache key)."""
    from generator.sources import spec_data

    here = Path(__file__).parent
    parts = [p.read_bytes() for p in sorted(here.glob("*.py"))]
    return b"".join(parts) + spec_data._validation_salt()


def _key(raw: bytes, path: Path, settings: ImportSettings, overlays: list[bytes]) -> str:
    return disk_cache.content_key(
        raw,
        str(path.resolve()).encode(),
        settings.key().encode(),
        *overlays,
        _code_salt(),
    )


def load_document(path: Path, settings: ImportSettings | None = None) -> Imported:
    """The endpoints of the document at ``path`` (from the cache when nothing changed)."""
    settings = settings or current()
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SpecError(f"cannot read the document: {err.strerror}", path) from None
    overlays = [_overlay_bytes(p) for p in settings.overlays]
    key = _key(raw, path, settings, overlays)
    entry = disk_cache.read_entry(CACHE_KIND, key)
    if entry is not None:
        found = _from_entry(entry, path)
        if found is not None:
            return found
    imported = read_document(path, settings, raw)
    disk_cache.write_entry(CACHE_KIND, key, _to_entry(imported))
    return imported


def _overlay_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise SpecError(f"cannot read the overlay: {err.strerror}", path) from None


def _to_entry(imported: Imported) -> bytes:
    report = imported.report
    return json.dumps(
        {
            "specs": imported.specs,
            "skipped": report.skipped,
            "left_out": report.left_out,
            "warnings": report.warnings,
            "files": imported.files,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8", "surrogatepass")


def _from_entry(entry: bytes, path: Path) -> Imported | None:
    """The cached import, unless a file it read (other than the document) has changed."""
    try:
        data = json.loads(entry)
    except ValueError:
        return None
    root = str(path.resolve())
    for name, digest in data["files"].items():
        if name == root:
            continue
        try:
            if disk_cache.content_key(Path(name).read_bytes()) != digest:
                return None
        except OSError:
            return None
    report = Report(
        skipped=[tuple(s) for s in data["skipped"]],
        left_out=[tuple(s) for s in data["left_out"]],
        warnings=data["warnings"],
    )
    return Imported(path, [(s, line) for s, line in data["specs"]], report, data["files"])


def read_document(
    path: Path, settings: ImportSettings | None = None, raw: bytes | None = None
) -> Imported:
    """Read the document at ``path`` afresh: every operation to validated spec data, or a
    skip with its reason. A document that cannot be read at all is a :class:`SpecError`
    naming the file and line."""
    found, report, files = convert_document(path, settings, raw)
    imported = Imported(path, report=report)
    for item in found:
        line = files.line_of(item.uri, compute=False) or 1
        problem = _invalid(item.data, path, line)
        if problem is not None:
            report.skipped.append((item.label, problem))
            continue
        imported.specs.append((item.data, line))
    imported.files = files.digests()
    return imported


def convert_document(
    path: Path, settings: ImportSettings | None = None, raw: bytes | None = None
) -> tuple[list[Found], Report, Files]:
    """Every operation of the document as spec data, before the spec validator sees it
    (what :func:`read_document` validates), with the report and the files read."""
    from generator.sources.openapi import overlay
    from generator.sources.openapi.context import Context
    from generator.sources.openapi.operations import Reader
    from generator.sources.openapi.refs import Files, Resolver

    settings = settings or current()
    files = Files(path)
    if raw is not None:
        files.raw[files.root_uri] = raw
    document = _checked(files, path)
    report = Report()
    for overlay_path in settings.overlays:
        actions, _ = overlay.read(overlay_path)
        if overlay.applies_to(actions, path):
            document, notes = overlay.apply(actions, document)
            report.warnings += [f"{overlay_path}: {note}" for note in notes]
            files.data[files.root_uri] = document
    ctx = Context(Resolver(files), str(document["openapi"]), settings)
    return Reader(ctx, report).operations(), report, files


def _checked(files: Any, path: Path) -> dict[str, Any]:
    document = files.load(files.root_uri)
    if not isinstance(document, dict):
        raise SpecError("an OpenAPI document is a mapping at the top level", path, 1)
    version = document.get("openapi")
    if "swagger" in document and version is None:
        raise SpecError(
            "Swagger 2.0 documents are not read: convert it to OpenAPI 3 first", path, 1
        )
    if not isinstance(version, str) or not version.startswith(("3.0", "3.1")):
        line = files.line_of(files.root_uri + "#/openapi")
        raise SpecError(
            f"openapi: version {version!r} is not read (3.0.x and 3.1.x are)", path, line
        )
    paths = document.get("paths", {})
    if not isinstance(paths, dict):
        raise SpecError(
            "paths: a mapping of paths is needed", path, files.line_of(files.root_uri + "#/paths")
        )
    return document


def _invalid(data: dict[str, Any], path: Path, line: int) -> str | None:
    """Why the spec validator refuses ``data`` (None when it accepts it)."""
    from generator.sources.spec_data import validate

    try:
        validate(data, {(): line}, path)
    except SpecError as err:
        return "the spec format refuses it: " + err.message
    return None
