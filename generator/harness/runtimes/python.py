"""Python runtime: a venv in the cache with the pinned SDKs; trust via the CA bundle variables."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.harness.runtime import Prepared, Routing, Runtime
from generator.harness.runtimes import cache_lock, copy_sample, fingerprint, run_tool
from generator.render.registry import Variant
from generator.sdk import pins

# Test-only: the dashscope SDK's asyncio path (aiohttp) builds its SSL context from
# certifi.where() in code, ignoring every CA variable; point certifi at the test CA.
SITECUSTOMIZE = '''"""Test-only (samplegen harness): certifi.where() returns the test CA."""

import os

_ca = os.environ.get("SAMPLEGEN_TEST_CA")
if _ca:
    try:
        import certifi
    except ImportError:
        pass
    else:
        certifi.where = lambda: _ca
'''


class PythonRuntime(Runtime):
    """Runs ``main.py`` with the venv's interpreter; openai, dashscope, requests pinned."""

    language = "python"

    def __init__(self) -> None:
        self.venv: Path | None = None
        self.shim: Path | None = None

    def missing(self) -> str | None:
        """Python is what runs the harness, so only the venv module can be missing."""
        try:
            import ensurepip  # noqa: F401
            import venv  # noqa: F401
        except ImportError:
            return "the Python venv/ensurepip modules are missing (Debian: python3-venv)"
        return None

    def setup(self, cache: Path) -> None:
        """Create ``cache/python/venv-<hash>`` with the pinned packages (once)."""
        version = ".".join(map(str, sys.version_info[:3]))
        root = cache / "python"
        venv = root / f"venv-{fingerprint(pins.PYTHON, version)}"
        python = venv / "bin" / "python"
        with cache_lock(root):
            if not (venv / ".complete").is_file():
                run_tool([sys.executable, "-m", "venv", "--clear", venv], what="python -m venv")
                requirements = [f"{name}=={version}" for name, version in pins.PYTHON.items()]
                run_tool(
                    [
                        python,
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--quiet",
                        *requirements,
                    ],
                    env={"PIP_CACHE_DIR": str(cache / "pip")},
                    what="pip install " + " ".join(requirements),
                )
                (venv / ".complete").write_text("\n".join(requirements) + "\n")
            shim = root / "ca-shim"
            shim.mkdir(exist_ok=True)
            if not (shim / "sitecustomize.py").is_file():
                (shim / "sitecustomize.py").write_text(SITECUSTOMIZE)
        self.venv, self.shim = venv, shim

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Copy the sample into ``workdir`` and run it with the venv's Python."""
        if self.venv is None or self.shim is None:
            raise RuntimeError("setup() was not called")
        copy = copy_sample(sample, workdir)
        ca = str(routing.ca_pem)
        return Prepared(
            argv=[str(self.venv / "bin" / "python"), copy.name],
            env={
                "SSL_CERT_FILE": ca,  # httpx (openai SDK)
                "REQUESTS_CA_BUNDLE": ca,  # requests, dashscope sync calls
                "SAMPLEGEN_TEST_CA": ca,  # certifi shim (dashscope async)
                "PYTHONPATH": str(self.shim),
                "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONUTF8": "1",
            },
            cwd=workdir,
        )


RUNTIME = PythonRuntime()
