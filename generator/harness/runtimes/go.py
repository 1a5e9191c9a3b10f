"""Go runtime: ``go build`` in the work folder (throwaway go.mod); trust via SSL_CERT_FILE."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

from generator.harness.runtime import BuildError, BuildItem, Prepared, Routing, Runtime, SkipRun
from generator.harness.runtimes import copy_sample, run_tool, which
from generator.render.registry import Variant

# The samples use the standard library only; this module line just makes the folder a module.
GO_MOD = "module sample\n\ngo 1.19\n"
# Test-only link speed: no symbol table and no DWARF (about half the link time). They
# change the binary's debug information, not what the sample does.
LDFLAGS = "-ldflags=-s -w"


# net/http never sends a request for localhost or a loopback address through a proxy
# (golang.org/x/net/http/httpproxy, vendored into the standard library), so a sample of a
# staging server such as http://localhost:8080 would miss the harness's proxy. Test builds
# replace that one decision (``-overlay``): every host goes through the proxy the
# environment names (the harness empties NO_PROXY). The sample's source is not touched.
HTTPPROXY = Path("src/vendor/golang.org/x/net/http/httpproxy/proxy.go")
USE_PROXY = "func (cfg *config) useProxy(addr string) bool {"
USE_PROXY_FOR_TESTS = (
    "func (cfg *config) useProxy(addr string) bool {\n"
    "\treturn true // samplegen test build: loopback hosts go through the proxy too\n"
    "}\n\n"
    "func (cfg *config) useProxyOutsideTests(addr string) bool {"
)


def proxy_overlay(goroot: Path, folder: Path) -> Path:
    """Write an ``-overlay`` file into ``folder`` that makes net/http proxy loopback hosts
    too (see :data:`USE_PROXY_FOR_TESTS`); returns its path. Raises :class:`SkipRun` when
    this Go release's proxy selection is not the one the patch knows."""
    source = goroot / HTTPPROXY
    try:
        text = source.read_text("utf-8")
    except OSError as err:
        raise SkipRun(f"cannot read net/http's proxy selection ({source}): {err}") from None
    if text.count(USE_PROXY) != 1:
        raise SkipRun(
            f"this Go release's proxy selection ({source}) has no {USE_PROXY!r}: the harness "
            "cannot route its samples of loopback hosts"
        )
    patched = text.replace(USE_PROXY, USE_PROXY_FOR_TESTS)
    digest = hashlib.sha256(patched.encode()).hexdigest()[:16]
    folder = folder / digest
    replacement = folder / "proxy.go"
    overlay = folder / "overlay.json"
    if not overlay.exists():
        folder.mkdir(parents=True, exist_ok=True)
        mapping = json.dumps({"Replace": {str(source): str(replacement)}})
        for path, content in ((replacement, patched), (overlay, mapping)):
            # written whole, then renamed: a concurrent run reads each file whole or not at all
            temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
            temporary.write_text(content, "utf-8")
            temporary.replace(path)
    return overlay


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
        self.build_flags: list[str] = [LDFLAGS]
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
        goroot = subprocess.run(
            ["go", "env", "GOROOT"],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if not goroot:
            raise SkipRun("`go env GOROOT` names no Go installation")
        overlay = proxy_overlay(Path(goroot), cache / "go" / "overlay")
        self.build_flags = [LDFLAGS, f"-overlay={overlay}"]
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
                ["go", "build", *self.build_flags, "-o", f"{bin_dir}/", "./..."],
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
            ["go", "build", *self.build_flags, "-o", binary, "."],
            cwd=workdir,
            env=self.env,
            what=f"go build {variant.name}",
        )
        return Prepared(argv=[str(binary)], env=env, cwd=workdir)


RUNTIME = GoRuntime()
