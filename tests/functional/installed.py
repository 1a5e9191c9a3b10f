"""Helpers of the tests that use samplegen as another project would: a wheel built from this
checkout, installed into a fresh virtualenv, run as processes from folders outside it."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Files the test run itself may create in the checkout (pytest, hypothesis, the dependency
# cache of the other tests): everything else must be the same before and after.
RUN_ARTEFACTS = (".venv", ".cache", ".pytest_cache", ".hypothesis", ".ruff_cache", "reports")


def run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run ``args`` in ``cwd`` and return the finished process (output captured as text)."""
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def ok(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``args``; fail the test with the whole output unless it exits 0."""
    done = run(args, cwd, env)
    assert done.returncode == 0, f"{args} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def checkout_state() -> set[str]:
    """Tracked changes, untracked and ignored files of the checkout, minus run artefacts."""
    listing = run(
        ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], ROOT
    ).stdout
    paths = set()
    for line in listing.splitlines():
        path = line[3:]
        if path.split("/")[0] in RUN_ARTEFACTS or "__pycache__" in path.split("/"):
            continue
        paths.add(line)
    return paths


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no samplegen or Python settings of this test run."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMPLEGEN_", "PYTHON", "VIRTUAL_ENV", "PIP_", "GIT_"))
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def build_wheel(dist: Path) -> Path:
    """Build the samplegen wheel from the checkout into ``dist``."""
    ok([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)], ROOT)
    (wheel,) = dist.glob("samplegen-*.whl")
    return wheel


def fresh_install(wheel: Path, venv: Path) -> Path:
    """A new virtualenv (no system site-packages) with the wheel and its dependencies from
    the registry; returns its ``bin`` folder."""
    ok([sys.executable, "-m", "venv", str(venv)], venv.parent, clean_env())
    bin_dir = venv / "bin"
    ok([str(bin_dir / "pip"), "install", "-q", str(wheel)], venv.parent, clean_env())
    return bin_dir


def shared_install(factory: pytest.TempPathFactory) -> Path:
    """The wheel built and installed once per test run, also when pytest-xdist spreads the
    tests over several workers (they share the run's base folder; a lock makes one build)."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's popen-gwN
    target = base / "installed-samplegen"
    with (base / "installed-samplegen.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        bin_dir = target / "venv" / "bin"
        if not (bin_dir / "samplegen").exists():
            target.mkdir(exist_ok=True)
            before = checkout_state()
            fresh_install(build_wheel(target / "dist"), target / "venv")
            # Building and installing wrote nothing into the checkout (no build/, *.egg-info).
            assert checkout_state() == before
    return bin_dir
