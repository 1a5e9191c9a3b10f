"""One module per language (``<language>.py``), plus helpers the runtime modules share."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.harness.runtime import BuildError

TOOL_TIMEOUT = 900.0  # seconds a dependency install or build may take


@contextmanager
def cache_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (across threads and processes) while filling it."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fingerprint(*parts: object) -> str:
    """A short stable hash of ``parts`` (pins, tool versions): names a cache entry."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def run_tool(
    argv: Sequence[str | os.PathLike[str]],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = TOOL_TIMEOUT,
    what: str = "",
) -> str:
    """Run a build or install step; raise :class:`BuildError` with its output when it fails."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    label = what or " ".join(str(a) for a in argv)
    try:
        done = subprocess.run(
            [str(a) for a in argv],
            cwd=cwd,
            env=full_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"{label}: timed out after {timeout:.0f}s") from None
    except OSError as err:
        raise BuildError(f"{label}: cannot start: {err}") from None
    if done.returncode != 0:
        tail = (done.stdout + done.stderr)[-4000:]
        raise BuildError(f"{label}: exit status {done.returncode}\n{tail}")
    return done.stdout


def copy_sample(sample: Path, workdir: Path) -> Path:
    """A byte-identical copy of ``sample`` in ``workdir`` (same file name); returns its path."""
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / sample.name
    shutil.copyfile(sample, target)
    return target


def which(tool: str) -> str | None:
    """The absolute path of ``tool`` on PATH, or None."""
    return shutil.which(tool)
