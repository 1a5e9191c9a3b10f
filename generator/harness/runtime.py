"""The contract between the harness and one language's toolchain (one module per language).

A runtime knows how to install a sample's dependencies into the project-local cache,
how to build a sample (if it needs building) and which command line and environment
run it so that its HTTPS traffic reaches the mock through the intercepting proxy.
It never edits the sample file. A compiled language may also build every sample of a run
at once (:meth:`Runtime.prepare_batch`) so that its compiler starts once, not per sample.

The harness finds a language's runtime in ``generator.harness.runtimes.<language>``: the
module's ``RUNTIME`` attribute (a :class:`Runtime` instance), else its only concrete
:class:`Runtime` subclass, instantiated without arguments.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.render.registry import Variant


@dataclass(frozen=True)
class Routing:
    """How a sample process reaches the mock: a CONNECT proxy and a throwaway CA."""

    proxy_url: str  # "http://127.0.0.1:PORT"
    proxy_host: str  # "127.0.0.1"
    proxy_port: int
    ca_pem: Path  # the test CA certificate, PEM
    # ca_pem.parent is a folder private to this harness session: a runtime may write trust
    # files derived from the CA there (a Java PKCS12 store, a Mono cert store), once, under
    # its own lock; it is deleted when the session ends.


@dataclass
class Prepared:
    """A sample ready to run: the command, its extra environment and its folder."""

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None


@dataclass(frozen=True)
class BuildItem:
    """One sample flavour that :meth:`Runtime.prepare_batch` may build ahead of its runs."""

    sample: Path
    variant: Variant
    workdir: Path  # the folder prepare_flavour will later get for this sample and flavour
    flavour: str = ""


class BuildError(Exception):
    """A sample failed to build (compile, dependency resolution); carries the tool's output."""


class SkipRun(Exception):
    """Raised by ``setup``/``prepare_flavour``: this run cannot happen here (a missing tool).

    ``allowed=True`` marks a skip that ``verify --strict`` tolerates (for example the
    .NET run of a C# sample on a machine without ``dotnet``); every other skip fails
    a strict run.
    """

    def __init__(self, reason: str, *, allowed: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.allowed = allowed


class Runtime(ABC):
    """One language's toolchain, as the harness drives it."""

    language: str
    timeout: float = 60.0  # seconds one run of a sample may take (builds are not counted)

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

    def flavours(self, variant: Variant) -> tuple[str, ...]:
        """Names of the separate runs of each sample (``("mono", "dotnet")``); ``("",)``: one run.

        Each flavour is prepared with :meth:`prepare_flavour` and reported as its own test.
        """
        return ("",)

    def prepare_flavour(
        self, sample: Path, variant: Variant, routing: Routing, workdir: Path, flavour: str
    ) -> Prepared:
        """:meth:`prepare` for one flavour; may raise :class:`SkipRun`. Default: :meth:`prepare`."""
        return self.prepare(sample, variant, routing, workdir)

    def prepare_batch(self, items: Sequence[BuildItem], scratch: Path) -> None:  # noqa: B027
        """Build many samples at once, before any of them runs (one compiler start for all).

        Called once per harness run with every sample flavour of this language whose
        runtime is set up, in its own thread, while other languages' samples run.
        ``scratch`` is an empty folder private to this call. Afterwards
        :meth:`prepare_flavour` gets each item's ``workdir`` and should only say how to run
        what the batch built there (raising the item's build error, if it had one). A
        batch that fails as a whole should record nothing, so that each sample builds
        alone in ``prepare_flavour`` and reports its own error. Default: nothing (each
        sample builds in ``prepare_flavour``), so a runtime needs no batch support.
        """
