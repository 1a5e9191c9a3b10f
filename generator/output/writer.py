"""Write files atomically (a temporary file renamed over the target), and diff output trees.

Every write goes through :func:`replace_files`: each target is checked before anything is
written, each new content goes to a temporary file beside its target, and only when every
temporary file is complete are they renamed over their targets. A kill can therefore never
leave a truncated file. Temporary files are named ``.NAME.samplegen-PID-XXXX.tmp``: a
catchable signal (SIGTERM, SIGINT, SIGHUP) removes them before the process dies, and a
later run removes those of a process that no longer exists (after a SIGKILL).
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from generator.errors import SamplegenError

MANIFEST = ".samplegen-manifest"
TEMP_MARK = ".samplegen-"
TEMP_SUFFIX = ".tmp"
_STALE_TEMP = re.compile(r"^\..+\.samplegen-(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.tmp$")
CAUGHT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class WriteError(SamplegenError):
    """A file cannot be written: read-only, a folder, a full disk, no permission."""


@dataclass
class WriteReport:
    """What :func:`write_tree` changed."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Drift:
    """How an output folder differs from what the specs and templates produce."""

    changed: dict[str, str] = field(default_factory=dict)  # relpath -> unified diff
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.extra)


# Temporary files this process holds right now (removed by a caught signal).
_live: set[str] = set()
_guard_depth = 0


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    """Remove this process's temporary files, then die of the signal as it would have."""
    for tmp in list(_live):
        with suppress(OSError):
            os.unlink(tmp)
    _live.clear()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


@contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """While inside, SIGTERM, SIGINT and SIGHUP remove the temporary files being written
    before the process ends (only in the main thread, where Python runs signal handlers)."""
    global _guard_depth
    if threading.current_thread() is not threading.main_thread() or _guard_depth:
        _guard_depth += 1
        try:
            yield
        finally:
            _guard_depth -= 1
        return
    previous = {signum: signal.getsignal(signum) for signum in CAUGHT_SIGNALS}
    _guard_depth += 1
    try:
        for signum in CAUGHT_SIGNALS:
            signal.signal(signum, _on_signal)
        yield
    finally:
        _guard_depth -= 1
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """No caught signal is delivered inside (so a temporary file is never made unregistered)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, CAUGHT_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def remove_stale_temps(folders: Iterable[Path]) -> list[Path]:
    """Remove the temporary files a samplegen process left in ``folders`` when it was killed
    (named ``.NAME.samplegen-PID-XXXX.tmp``, PID no longer running); what was removed."""
    removed: list[Path] = []
    for folder in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _STALE_TEMP.match(entry.name)
            if match is None or _alive(int(match["pid"])):
                continue
            try:
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
    return removed


def _read_only(st: os.stat_result) -> bool:
    """Whether a file with this status is read-only for us: no write permission, or (for
    root, who may write anything) no write bit at all, which is how a person says it."""
    if os.geteuid() == 0:
        return not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return False


@dataclass(frozen=True)
class _Target:
    shown: Path  # the path as the user named it
    real: Path  # where the bytes go (the symlink's target when following links)
    data: bytes
    mode: int
    owner: tuple[int, int] | None


def _plan(path: Path, data: bytes, what: str, follow_symlinks: bool, mode: int | None) -> _Target:
    """Check that ``path`` can be replaced; where and how its new content goes."""
    real = Path(os.path.realpath(path)) if follow_symlinks else path
    folder = real.parent
    try:
        st = os.stat(real) if follow_symlinks else os.lstat(real)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise WriteError(f"cannot write the {what}: {err.strerror}", path) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise WriteError(f"cannot write the {what}: it is a folder", path)
    if (
        st is not None
        and stat.S_ISREG(st.st_mode)
        and (_read_only(st) or not os.access(real, os.W_OK))
    ):
        raise WriteError(
            f"the {what} is read-only; make it writable (chmod u+w) to let samplegen update it",
            path,
        )
    if not folder.is_dir():
        raise WriteError(f"cannot write the {what}: its folder {folder} does not exist", path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(
            f"cannot write the {what}: its folder {folder} is not writable (samplegen writes a "
            "temporary file beside it and renames it over the file)",
            path,
        )
    keep = stat.S_IMODE(st.st_mode) if st is not None and stat.S_ISREG(st.st_mode) else 0o644
    owner = (st.st_uid, st.st_gid) if st is not None and stat.S_ISREG(st.st_mode) else None
    return _Target(path, real, data, keep if mode is None else mode, owner)


def _write_temp(target: _Target, durable: bool) -> str:
    with _signals_blocked():
        fd, tmp = tempfile.mkstemp(
            dir=target.real.parent,
            prefix=f".{target.real.name}{TEMP_MARK}{os.getpid()}-",
            suffix=TEMP_SUFFIX,
        )
        _live.add(tmp)
    with os.fdopen(fd, "wb") as handle:
        handle.write(target.data)
        handle.flush()
        os.fchmod(handle.fileno(), target.mode)
        if target.owner is not None and os.geteuid() == 0:
            with suppress(OSError):
                os.fchown(handle.fileno(), *target.owner)
        if durable:
            os.fsync(handle.fileno())
    return tmp


def _drop(temps: Iterable[str]) -> None:
    for tmp in temps:
        with suppress(OSError):
            os.unlink(tmp)
        _live.discard(tmp)


def replace_files(
    items: Sequence[tuple[Path, bytes]],
    what: str = "file",
    follow_symlinks: bool = False,
    mode: int | None = None,
    durable: bool = False,
) -> None:
    """Replace each ``(path, data)`` of ``items``, all or nothing as far as a disk allows.

    Every target is checked first (a folder, a read-only file or a folder samplegen cannot
    write in is a :class:`WriteError` before anything is written); then every new content
    is written to a temporary file beside its target; only when all of them are complete
    are they renamed over their targets. ``follow_symlinks`` replaces the file a symbolic
    link points at (the link stays a link); ``mode`` None keeps each file's permissions
    (0644 for a new one); ``durable`` flushes each file to the disk before its rename.
    ``what`` names the files in messages ("page", "file").
    """
    targets = [_plan(path, data, what, follow_symlinks, mode) for path, data in items]
    remove_stale_temps(t.real.parent for t in targets)
    temps: list[str] = []
    with cleanup_on_signals():
        for target in targets:
            try:
                temps.append(_write_temp(target, durable))
            except OSError as err:
                _drop(temps)
                raise WriteError(
                    f"cannot write the {what}: {err.strerror}; nothing was changed", target.shown
                ) from None
        for done, (target, tmp) in enumerate(zip(targets, temps, strict=True)):
            try:
                os.replace(tmp, target.real)
            except OSError as err:
                _drop(temps[done:])
                already = ", ".join(str(t.shown) for t in targets[:done])
                note = f" ({already} already updated)" if already else "; nothing was changed"
                raise WriteError(
                    f"cannot replace the {what}: {err.strerror}{note}", target.shown
                ) from None
            _live.discard(tmp)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"cannot create the folder: {err.strerror}", path.parent) from None
    replace_files([(path, data)], mode=0o644)


def read_manifest(out: Path) -> list[str]:
    """The files a previous ``generate`` wrote into ``out`` (empty if none)."""
    try:
        text = (out / MANIFEST).read_text("utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def read_bytes_or_none(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when it is not a readable file."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def _safe_relpath(rel: str) -> bool:
    parts = Path(rel).parts
    return bool(parts) and not Path(rel).is_absolute() and ".." not in parts


def write_tree(out: Path, files: Mapping[str, str]) -> WriteReport:
    """Make ``out`` hold exactly ``files`` among the files samplegen manages.

    Everything is rendered before this is called, so a bad spec or template never
    reaches the disk. Each file is replaced atomically, unchanged files are left alone
    (their timestamps too), and files a previous run generated but this one does not
    are removed. Files samplegen did not write are never touched.
    """
    report = WriteReport()
    previous = read_manifest(out)
    changed: list[tuple[Path, bytes]] = []
    for rel in sorted(files):
        if not _safe_relpath(rel):
            raise ValueError(f"refusing to write outside the output folder: {rel}")
        target = out / rel
        data = files[rel].encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            report.unchanged.append(rel)
            continue
        changed.append((target, data))
        report.written.append(rel)
    manifest = "# Files generated by samplegen; do not edit them by hand.\n"
    manifest += "".join(f"{rel}\n" for rel in sorted(files))
    for folder in sorted({target.parent for target, _ in changed} | {out}):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise WriteError(f"cannot create the folder: {err.strerror}", folder) from None
    if read_bytes_or_none(out / MANIFEST) != manifest.encode("utf-8"):
        changed.append((out / MANIFEST, manifest.encode("utf-8")))
    replace_files(changed, mode=0o644)
    for rel in previous:
        if rel not in files and _safe_relpath(rel):
            stale = out / rel
            if stale.is_file():
                try:
                    stale.unlink()
                except OSError as err:
                    raise WriteError(
                        f"cannot remove a file an earlier run generated: {err.strerror}", stale
                    ) from None
                report.removed.append(rel)
                _prune_empty_dirs(stale.parent, out)
    return report


def _prune_empty_dirs(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def files_on_disk(out: Path) -> set[str]:
    """Every file below ``out`` (relative, with forward slashes) but the manifest.

    ``os.scandir`` gives each entry's type from the directory listing itself, so this walk
    makes no ``stat`` call per file (``Path.rglob`` and ``is_file`` made two).
    """
    found: set[str] = set()
    if not out.is_dir():
        return found
    pending = [("", os.fspath(out))]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.name != MANIFEST and entry.is_file():
                    found.add(prefix + entry.name)
    return found


def diff_tree(out: Path, files: Mapping[str, str], extra: bool = True) -> Drift:
    """Compare ``files`` (rendered in memory) with ``out``; nothing is written.

    With ``extra=False`` the files in ``out`` that are not in ``files`` are not looked for
    (``drift.extra`` stays empty): a worker checking a slice of the specs leaves that to
    its parent, which walks the folder once.
    """
    drift = Drift()
    present = files_on_disk(out) if extra else None
    for rel in sorted(files):
        target = out / rel
        if present is not None and rel not in present:
            drift.missing.append(rel)
            continue
        try:
            current = target.read_text("utf-8")
        except UnicodeDecodeError:
            current = target.read_bytes().decode("utf-8", "replace")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            drift.missing.append(rel)
            continue
        if current != files[rel]:
            drift.changed[rel] = "".join(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    files[rel].splitlines(keepends=True),
                    fromfile=f"a/{rel}",
                    tofile=f"b/{rel}",
                )
            )
    if present is not None:
        drift.extra = sorted(present - set(files))
    return drift
