"""samplegen's on-disk cache folder: compiled templates and spec validation results.

``$SAMPLEGEN_CACHE/check`` when ``$SAMPLEGEN_CACHE`` is set (the folder ``verify`` keeps its
dependencies in), else ``$XDG_CACHE_HOME/samplegen`` (``~/.cache/samplegen``).
Everything in it is keyed on content (template source, spec and schema text), so a stale
entry is never used, and it is only a cache: entries are written atomically, and a folder
that cannot be read or written just means the work is done again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    explicit = os.environ.get("SAMPLEGEN_CACHE")
    if explicit:
        return Path(explicit) / "check"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "samplegen"


def content_key(*parts: bytes) -> str:
    """A hex digest naming the content ``parts`` (in order)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def read_entry(kind: str, key: str) -> bytes | None:
    """The cached bytes of entry ``key`` in the ``kind`` subfolder, or None."""
    try:
        return (cache_dir() / kind / key).read_bytes()
    except OSError:
        return None


def write_entry(kind: str, key: str, data: bytes) -> None:
    """Store ``data`` as entry ``key`` of ``kind`` (atomically; errors are ignored)."""
    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / key)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
