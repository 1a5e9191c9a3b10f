"""Go runtime: ``go build`` in the work folder (throwaway go.mod); trust via SSL_CERT_FILE."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

from generator.harness.runtime import BuildError, BuildItem, Prepared, Routing, Runtime
from generator.harness.runtimes import copy_sample, run_tool, which
from generator.render.registry import Variant

# The samples use the standard library only; this module line just makes the folder a module.
GO_MOD = "module sample\n\ngo 1.19\n"
# Test-only link speed: no symbol table and no DWARF (about half the link time). They
# change the binary's debug information, not what the sample does.
LDFLAGS = "-ldflags=-s -w"


def go_env(cache: Path) -> dict[str, str]:
    """Build variables: every Go cache under ``cache/go``, no toolchain download, no cgo."""
    root = cache / "go"
    return {
        "GOCACHE": str(root / "build"),
        "GOPATH": str(root / "path"),
        "GOMODCACHE": str(root / "mod"),
        "GOTOOLCHAIN": "local",  # never fetch another Go release
        "GOFLAGS": "",
        "GOWORK": "off",
        "GOPROXY": "off",  # the samples import nothing outside the standard library
        "CGO_ENABLED": "0",  # pure-Go net package: no C compiler needed
    }


class GoRuntime(Runtime):
    """Builds ``main.go`` into a binary in the work folder and runs that binary."""

    language = "go"

    def __init__(self) -> None:
        self.env: dict[str, str] | None = None
        self._built: set[Path] = set()  # work folders holding a batch-built binary
        self._lock = threading.Lock()

    def missing(self) -> str | None:
        """The ``go`` command must be on PATH."""
        if which("go") is None:
            return "go is not on PATH (Debian: golang-go)"
        return None

    def setup(self, cache: Path) -> None:
        """Point the Go build and module caches into ``cache/go`` (created on first use)."""
        env = go_env(cache)
        for key in ("GOCACHE", "GOPATH", "GOMODCACHE"):
            Path(env[key]).mkdir(parents=True, exist_ok=True)
        self.env = env

    def prepare_batch(self, items: Sequence[BuildItem], scratch: Path) -> None:
        """Build every sample in one ``go build``: each is a main package (``pNNN/``) of one
        throwaway module in ``scratch``, built with ``-o`` into a folder, one binary each.

        When that build fails, nothing is recorded and each sample builds alone (and
        reports its own compiler output) in :meth:`prepare`.
        """
        if self.env is None:
            raise RuntimeError("setup() was not called")
        (scratch / "go.mod").write_text(GO_MOD)
        for n, item in enumerate(items):
            copy_sample(item.sample, scratch / f"p{n:04d}")
        bin_dir = scratch / "bin"
        try:
            run_tool(
                ["go", "build", LDFLAGS, "-o", f"{bin_dir}/", "./..."],
                cwd=scratch,
                env=self.env,
                what=f"go build ({len(items)} samples)",
            )
        except BuildError:
            return
        for n, item in enumerate(items):
            copy_sample(item.sample, item.workdir)
            shutil.move(bin_dir / f"p{n:04d}", item.workdir / "sample")
            with self._lock:
                self._built.add(item.workdir)

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Copy the sample beside a throwaway go.mod, ``go build`` it; run the binary.

        After :meth:`prepare_batch` built it, only run the binary. ``net/http``'s default
        transport takes the proxy from ``HTTPS_PROXY`` and, on Linux, the trusted roots
        from ``SSL_CERT_FILE``.
        """
        if self.env is None:
            raise RuntimeError("setup() was not called")
        binary = workdir / "sample"
        env = {"SSL_CERT_FILE": str(routing.ca_pem)}
        with self._lock:
            if workdir in self._built:
                return Prepared(argv=[str(binary)], env=env, cwd=workdir)
        copy_sample(sample, workdir)
        (workdir / "go.mod").write_text(GO_MOD)
        run_tool(
            ["go", "build", LDFLAGS, "-o", binary, "."],
            cwd=workdir,
            env=self.env,
            what=f"go build {variant.name}",
        )
        return Prepared(argv=[str(binary)], env=env, cwd=workdir)


RUNTIME = GoRuntime()
