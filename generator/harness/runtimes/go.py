"""Go runtime: ``go build`` in the work folder (throwaway go.mod); trust via SSL_CERT_FILE."""

from __future__ import annotations

from pathlib import Path

from generator.harness.runtime import Prepared, Routing, Runtime
from generator.harness.runtimes import copy_sample, run_tool, which
from generator.registry import Variant

# The samples use the standard library only; this module line just makes the folder a module.
GO_MOD = "module sample\n\ngo 1.19\n"


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

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Copy the sample beside a throwaway go.mod, ``go build`` it; run the binary.

        ``net/http``'s default transport takes the proxy from ``HTTPS_PROXY`` and, on
        Linux, the trusted roots from ``SSL_CERT_FILE``.
        """
        if self.env is None:
            raise RuntimeError("setup() was not called")
        copy_sample(sample, workdir)
        (workdir / "go.mod").write_text(GO_MOD)
        binary = workdir / "sample"
        run_tool(
            ["go", "build", "-o", binary, "."],
            cwd=workdir,
            env=self.env,
            what=f"go build {variant.name}",
        )
        return Prepared(argv=[str(binary)], env={"SSL_CERT_FILE": str(routing.ca_pem)}, cwd=workdir)


RUNTIME = GoRuntime()
