"""What to import from OpenAPI documents and how: the config's ``[openapi]`` table.

Every field has a default, so a document imports with no config at all. The CLI sets the
project's settings once (:func:`configure`); every command that loads specs then reads the
same endpoints from the same document.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SchemeEnv:
    """The environment variables a security scheme's credentials come from."""

    env: str | None = None  # the key, token or user
    password_env: str | None = None  # http basic: the password


@dataclass(frozen=True)
class ImportSettings:
    """How OpenAPI documents become endpoints (see the README's ``[openapi]`` table)."""

    include_tags: tuple[str, ...] = ()  # only operations with one of these tags
    exclude_tags: tuple[str, ...] = ()
    include_operations: tuple[str, ...] = ()  # operationId patterns (fnmatch)
    exclude_operations: tuple[str, ...] = ()
    include_paths: tuple[str, ...] = ()  # path patterns (fnmatch): /v1/files*
    exclude_paths: tuple[str, ...] = ()
    deprecated: bool = False  # import deprecated operations too
    optional_parameters: bool = False  # send optional query/header/cookie parameters
    optional_fields: bool = False  # generated bodies hold optional properties too
    env: tuple[tuple[str, SchemeEnv], ...] = ()  # security scheme name -> variables
    overlays: tuple[Path, ...] = ()  # OpenAPI Overlay 1.0 files, applied in order
    style: str | None = None  # the API family of every imported endpoint (default: http)
    server_base: str = "http://localhost:8080"  # what a relative server URL is relative to
    examples: bool = True  # several named examples of one operation: one endpoint each

    def env_for(self, scheme: str) -> SchemeEnv:
        return dict(self.env).get(scheme, SchemeEnv())

    def keeps(self, operation_id: str, path: str, tags: list[str]) -> str | None:
        """Why the selection leaves this operation out, or None when it keeps it."""
        if self.include_tags and not set(tags) & set(self.include_tags):
            return "not tagged " + " or ".join(self.include_tags)
        if set(tags) & set(self.exclude_tags):
            return "tag " + ", ".join(sorted(set(tags) & set(self.exclude_tags))) + " is excluded"
        if self.include_operations and not _any(operation_id, self.include_operations):
            return "its operationId is not included"
        if _any(operation_id, self.exclude_operations):
            return "its operationId is excluded"
        if self.include_paths and not _any(path, self.include_paths):
            return "its path is not included"
        if _any(path, self.exclude_paths):
            return "its path is excluded"
        return None

    def key(self) -> str:
        """A stable text of every setting (what an import's cache key depends on)."""
        data = asdict(self)
        data["overlays"] = [str(p) for p in self.overlays]
        return json.dumps(data, sort_keys=True, default=str)


def _any(text: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(text, p) for p in patterns)


DEFAULT = ImportSettings()
_current: list[ImportSettings] = [DEFAULT]


def configure(settings: ImportSettings) -> None:
    """Use ``settings`` for every document loaded from now on (the CLI calls this with the
    project config's ``[openapi]`` table)."""
    _current[0] = settings


def current() -> ImportSettings:
    """The settings documents are loaded with."""
    return _current[0]


@dataclass
class Report:
    """What an import left out and why (skips), and what it says about the document."""

    skipped: list[tuple[str, str]] = field(default_factory=list)  # (operation, reason)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # by the selection
    warnings: list[str] = field(default_factory=list)
