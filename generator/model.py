"""The validated, typed model of an endpoint spec: what templates and the mock may rely on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import SamplegenError

JSON = Any


@dataclass(frozen=True)
class Region:
    """One deployment region of the API."""

    key: str
    base_url: str
    label: str

    @property
    def host(self) -> str:
        """The host name, without scheme or port."""
        return urlsplit(self.base_url).hostname or ""


@dataclass(frozen=True)
class Auth:
    """How a request is authenticated: ``<header>: <scheme> $<env>``."""

    header: str
    scheme: str
    env: str

    def value_prefix(self) -> str:
        """What precedes the key in the header value (``"Bearer "``), or ``""``."""
        return f"{self.scheme} " if self.scheme else ""


@dataclass(frozen=True)
class ErrorResponse:
    """An error the API documents, and when the mock returns it."""

    status: int
    when: str
    body: JSON
    description: str = ""

    @property
    def message(self) -> str:
        """The human-readable message inside the body (``message`` or ``error.message``)."""
        body = self.body if isinstance(self.body, dict) else {}
        inner = body.get("error")
        if isinstance(inner, dict) and isinstance(inner.get("message"), str):
            return inner["message"]
        msg = body.get("message")
        return msg if isinstance(msg, str) else ""


@dataclass(frozen=True)
class Endpoint:
    """One API endpoint, as its spec file describes it."""

    id: str
    title: str
    description: str
    style: str
    regions: tuple[Region, ...]
    default_region: str
    method: str
    path: str
    sdk_base_path: str
    auth: Auth
    headers: tuple[tuple[str, str], ...]
    request_example: JSON
    request_schema: JSON
    request_defaults: JSON
    response_status: int
    response_example: JSON
    response_schema: JSON
    reply_path: tuple[str | int, ...]
    errors: tuple[ErrorResponse, ...]
    models: tuple[str, ...]
    source: Path = field(compare=False)
    id_line: int = field(default=1, compare=False)  # where ``id`` stands in the spec file
    translations: tuple[tuple[str, str, str], ...] = ()  # (locale, title, description)
    operation: str = "chat-completions"
    response_format: str = "json"  # json, openai-sse or dashscope-sse

    @property
    def streams(self) -> bool:
        """Whether the answer is a stream of server-sent events."""
        return self.response_format != "json"

    def title_in(self, locale: str) -> str:
        """The title in comment locale ``locale`` (the English title when none is given)."""
        return next((t for loc, t, _ in self.translations if loc == locale), self.title)

    def description_in(self, locale: str) -> str:
        """The description in comment locale ``locale`` (English when none is given)."""
        return next((d for loc, _, d in self.translations if loc == locale), self.description)

    def region(self, key: str | None = None) -> Region:
        """The region named ``key`` (the spec's default when None)."""
        key = key or self.default_region
        for region in self.regions:
            if region.key == key:
                return region
        known = ", ".join(r.key for r in self.regions)
        raise SamplegenError(
            f"endpoint {self.id!r} has no region {key!r} (known: {known})", self.source
        )

    def url(self, region: str | None = None) -> str:
        """The full request URL in ``region``."""
        return self.region(region).base_url + self.path

    def sdk_base_url(self, region: str | None = None) -> str:
        """The base URL an SDK client is configured with in ``region``."""
        return self.region(region).base_url + self.sdk_base_path

    def error(self, when: str) -> ErrorResponse | None:
        """The documented error returned under condition ``when``, if any."""
        for err in self.errors:
            if err.when == when:
                return err
        return None
