"""``check``'s answer, remembered: the digest of every file the specs produce, keyed on all
that decides those files.

A pre-commit hook runs ``samplegen check`` on every commit, and most commits change no spec
and no template. The key is a digest of every input of rendering: each spec file, each
template, the generator's own code and catalogs (so an upgrade or an edited filter is a new
key), the installed Jinja, MarkupSafe and PyYAML, the Python version, and the options
(region, locale, selection). Under a known key, ``check`` compares the output folder's files
with the remembered digests (the same set of files, each the same bytes) and renders
nothing; any difference, or an unknown key, is answered by a full check, which also prints
the diff. A key is remembered only for an answer proven by rendering: a full ``check`` that
found no drift, or ``generate`` (the files it rendered). Entries live in the cache folder
(:mod:`generator.cache`), written atomically; losing them only costs a full check.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping
from importlib.util import find_spec
from pathlib import Path

from generator import cache
from generator.output.writer import files_on_disk
from generator.render.selection import Selection

KIND = "results"
_PACKAGE = Path(__file__).resolve().parent
_CODE_SUFFIXES = (".py", ".json", ".po", ".mo")
_LIBRARIES = ("jinja2", "markupsafe", "yaml")
_SKIP_DIRS = {"__pycache__", "_data"}  # _data: the packaged templates, hashed as templates


def _tree_parts(root: Path, suffixes: tuple[str, ...] | None) -> list[bytes]:
    """Every file below ``root`` (its relative path and bytes), in a stable order."""
    parts = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(names):
            if suffixes is None or name.endswith(suffixes):
                path = os.path.join(folder, name)
                parts += [os.path.relpath(path, root).encode(), Path(path).read_bytes()]
    return parts


def _library_parts() -> list[bytes]:
    """Each rendering library's location and its ``__init__``'s size and time (an upgrade
    changes them), found without importing it."""
    parts = []
    for name in _LIBRARIES:
        found = find_spec(name)
        origin = found.origin if found is not None else None
        if origin is None:
            parts += [name.encode(), b"missing"]
            continue
        stat = os.stat(origin)
        parts += [origin.encode(), f"{stat.st_size}:{stat.st_mtime_ns}".encode()]
    return parts


def inputs_key(
    specs: Path,
    templates: Path | tuple[Path, ...],
    region: str | None,
    locale: str | None,
    selection: Selection,
) -> str | None:
    """The digest of every input rendering reads, or None when one cannot be read (then
    there is nothing to remember: a full check will say what is wrong)."""
    from generator.sources.openapi.settings import current

    try:
        if not specs.exists():
            return None
        parts = [sys.version.encode(), repr((region, locale)).encode(), selection.key().encode()]
        parts += _library_parts() + _tree_parts(_PACKAGE, _CODE_SUFFIXES)
        for folder in (templates,) if isinstance(templates, Path) else templates:
            parts += [b"templates", *_tree_parts(folder, None)]
        parts.append(b"specs")
        parts += _spec_parts(specs)
        # OpenAPI documents: the import settings and overlays decide their endpoints too.
        settings = current()
        parts.append(settings.key().encode())
        for overlay in settings.overlays:
            parts += [str(overlay).encode(), overlay.read_bytes()]
    except OSError:
        return None
    return cache.content_key(*parts)


_SPEC_SUFFIXES = (".yaml", ".yml", ".json")


def _spec_parts(specs: Path) -> list[bytes]:
    """The specs and OpenAPI documents rendering reads: every YAML or JSON file of the
    specs folder and its subfolders (where a document's local $refs usually lead), or,
    when ``specs`` names one document, the files beside it."""
    if specs.is_file():
        return [specs.name.encode(), specs.read_bytes(), *_tree_parts_flat(specs.parent)]
    parts = []
    for folder, dirs, names in os.walk(specs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(_SPEC_SUFFIXES):
                path = os.path.join(folder, name)
                parts += [os.path.relpath(path, specs).encode(), Path(path).read_bytes()]
    return parts


def _tree_parts_flat(folder: Path) -> list[bytes]:
    parts = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix in _SPEC_SUFFIXES:
            parts += [path.name.encode(), path.read_bytes()]
    return parts


def file_digest(data: bytes) -> str:
    """The digest a file's bytes are remembered by."""
    return cache.content_key(data)


def remember(key: str, files: Mapping[str, bytes]) -> None:
    """Remember that the inputs ``key`` produce exactly ``files`` (relative path -> bytes)."""
    digests = {rel: file_digest(data) for rel, data in files.items()}
    cache.write_entry(KIND, key, json.dumps(digests, sort_keys=True).encode())


def remember_folder(key: str, out: Path, rels: Iterable[str]) -> None:
    """Remember the files ``rels`` of ``out`` as the answer to ``key`` (after a full check
    proved them equal to what the specs produce)."""
    with contextlib.suppress(OSError):
        remember(key, {rel: (out / rel).read_bytes() for rel in rels})


def answers(key: str, out: Path) -> bool:
    """Whether ``out`` holds exactly the files remembered for ``key``, byte for byte.

    Proven once by reading every file; then the folder's stat (below) answers the next
    time, as long as no file and no folder of it has changed since."""
    entry = cache.read_entry(KIND, key)
    if entry is None:
        return False
    if _stat_answers(key, out):
        return True
    try:
        digests = json.loads(entry)
        if not isinstance(digests, dict) or not digests or files_on_disk(out) != set(digests):
            return False
        same = all(file_digest((out / rel).read_bytes()) == d for rel, d in digests.items())
    except (OSError, ValueError):
        return False
    if same:
        _remember_stat(key, out)
    return same


# The folder's stat: like git's index, the size and modification time of every file and
# the modification time of every folder (adding, removing or renaming an entry changes its
# folder's), taken after the files were proven equal by their bytes. A later `check` that
# finds every one of them unchanged reads no file (a thousand-operation tree is 7,000 files).
# A file changed within the clock tick of the stat would look unchanged ("racy"): so the
# stat is kept only when every file and folder is older than RACY_NS; until then, the
# files are read.
STAT_KIND = "results-stat"
RACY_NS = 2_000_000_000


def _stat_key(key: str, out: Path) -> str:
    return cache.content_key(key.encode(), os.fsencode(out.resolve()))


def _folder_stat(out: Path) -> dict[str, list[int]]:
    """``rel -> [size, mtime_ns]`` of every file and ``rel/ -> [-1, mtime_ns]`` of every
    folder below ``out`` (and ``out`` itself as ``""``)."""
    found = {"": [-1, os.stat(out).st_mtime_ns]}
    pending = [("", os.fspath(out))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                st = entry.stat(follow_symlinks=False)
                if entry.is_dir(follow_symlinks=False):
                    found[f"{prefix}{entry.name}/"] = [-1, st.st_mtime_ns]
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                else:
                    found[prefix + entry.name] = [st.st_size, st.st_mtime_ns]
    return found


def _remember_stat(key: str, out: Path) -> None:
    with contextlib.suppress(OSError):
        stat = _folder_stat(out)
        newest = max(mtime for _, mtime in stat.values())
        if newest < time.time_ns() - RACY_NS:
            cache.write_entry(STAT_KIND, _stat_key(key, out), json.dumps(stat).encode())


def _stat_answers(key: str, out: Path) -> bool:
    """Whether every file and folder of ``out`` is as the remembered stat saw it."""
    entry = cache.read_entry(STAT_KIND, _stat_key(key, out))
    if entry is None:
        return False
    try:
        stat = json.loads(entry)
        root, lstat = os.fspath(out) + os.sep, os.lstat  # 7,000 files: no join, no lookup
        for rel, (size, mtime) in stat.items():
            st = lstat(root + rel)
            if st.st_mtime_ns != mtime or (size >= 0 and st.st_size != size):
                return False
    except (OSError, ValueError, TypeError):
        return False
    return True
