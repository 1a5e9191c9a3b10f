"""The contract between the harness and one language's toolchain (one module per language).

A runtime knows how to install a sample's dependencies into the project-local cache,
how to build a sample (if it needs building) and which command line and environment
run it so that its HTTPS traffic reaches the mock through the intercepting proxy.
It never edits the sample file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from generator.registry import Variant


@dataclass(frozen=True)
class Routing:
    """How a sample process reaches the mock: a CONNECT proxy and a throwaway CA."""

    proxy_url: str  # "http://127.0.0.1:PORT"
    proxy_host: str  # "127.0.0.1"
    proxy_port: int
    ca_pem: Path  # the test CA certificate, PEM


@dataclass
class Prepared:
    """A sample ready to run: the command, its extra environment and its folder."""

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None


class BuildError(Exception):
    """A sample failed to build (compile, dependency resolution); carries the tool's output."""


class Runtime(ABC):
    """One language's toolchain, as the harness drives it."""

    language: str

    @abstractmethod
    def missing(self) -> str | None:
        """Why this runtime cannot run here (a missing tool), or None when it can."""

    def setup(self, cache: Path) -> None:  # noqa: B027 - optional hook
        """Install shared dependencies into ``cache`` once per run; a no-op when cached."""

    @abstractmethod
    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Build ``sample`` if needed (in ``workdir``, not beside the sample); say how to run it.

        The harness adds the API key and the generic proxy variables (``HTTPS_PROXY``,
        ``https_proxy``, an empty ``NO_PROXY``); the runtime adds what its language needs
        (CA bundle variables, JVM properties, preload scripts).
        """
