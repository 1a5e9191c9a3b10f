"""Test-only start-up speed for Java samples: a class-data-sharing archive per variant.

A Java sample spends most of its CPU loading classes (the JDK's TLS and HTTP client, the
SDK's OkHttp, Kotlin and Jackson). The JDK can map them from an archive instead
(`CDS <https://docs.oracle.com/en/java/javase/17/vm/class-data-sharing.html>`_), which
takes about 40% off each run of an SDK sample. It changes how fast classes are found, not
which classes or what they do.

The archive of a variant is made from the classes one of its samples really loaded:

1. With no archive yet, the first sample flavour of a variant in a session runs with
   ``-XX:DumpLoadedClassList=<its work folder>/cds-%p.lst`` (one list per process).
2. A later sample flavour of that variant, once such a process has exited (its list is
   complete), starts the dump in the background: ``java -Xshare:dump`` of that list against
   the variant's SDK classpath, checked with ``-Xshare:on`` before it is published
   (atomically) as ``<cache>/java/cds/<variant>-<hash>.jsa``. A broken archive would crash the
   JVM, so only a checked one is ever used.
3. From then on (and in every later session) the variant's runs get
   ``-XX:SharedArchiveFile=...`` and the SDK classpath first (``SDK:classes``): the classpath
   an archive was made with must be a prefix of the one it is used with. An archive is never
   made when a jar of the classpath holds a top-level ``Main`` class (it would then shadow
   the sample's).

The hash names the JDK (its binary and ``libjvm.so``: path, size, time), the classpath, the
JVM flags and this module's format, so an upgrade or a new pin makes a new archive.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
import zipfile
from pathlib import Path

from generator.harness.runtimes import cache_lock, fingerprint, which

FORMAT = 1
# The flags the harness gives every sample JVM (an archive is made and used with the same).
JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
DUMP_TIMEOUT = 300.0


def jdk_identity() -> tuple[str, ...] | None:
    """The ``java`` on PATH and its ``libjvm.so`` by path, size and time; None without one."""
    java = which("java")
    if java is None:
        return None
    real = Path(java).resolve()
    parts = []
    for path in (real, *sorted(real.parent.parent.glob("lib/*/libjvm.so"))):
        with contextlib.suppress(OSError):
            stat = path.stat()
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return tuple(parts)


def has_top_level_main(classpath: str) -> bool:
    """Whether a jar of ``classpath`` holds a class ``Main`` in the unnamed package."""
    for entry in filter(None, classpath.split(os.pathsep)):
        if not entry.endswith(".jar"):
            return True  # a folder could hold anything: do not reorder it before the sample
        try:
            with zipfile.ZipFile(entry) as jar:
                if any(n == "Main.class" or n.startswith("Main$") for n in jar.namelist()):
                    return True
        except (OSError, zipfile.BadZipFile):
            return True
    return False


class SharedArchives:
    """The CDS archives of one harness session's Java runtime (thread-safe)."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.jdk: tuple[str, ...] | None = None
        self._lock = threading.Lock()
        self._recorders: dict[str, Path] = {}  # variant -> the work folder recording its list
        self._dumping: set[str] = set()
        self._threads: list[threading.Thread] = []

    def setup(self, cache: Path) -> None:
        """Use ``cache/java/cds``; name the JDK; forget the last session's recorders."""
        with self._lock:
            self.folder = cache / "java" / "cds"
            self.jdk = jdk_identity()
            self._recorders.clear()
            self._dumping.clear()

    def archive(self, variant: str, classpath: str) -> Path | None:
        """Where ``variant``'s archive for ``classpath`` lives (None without a JDK)."""
        if self.folder is None or self.jdk is None:
            return None
        name = fingerprint(FORMAT, self.jdk, classpath, JVM_FLAGS)
        return self.folder / f"{variant}-{name}.jsa"

    def options(self, variant: str, classpath: str, workdir: Path) -> tuple[list[str], bool]:
        """The JVM options for one sample flavour's runs, and whether the archive is used
        (then the classpath must start with ``classpath``)."""
        archive = self.archive(variant, classpath)
        if archive is None:
            return [], False
        if archive.is_file():
            return [f"-XX:SharedArchiveFile={archive}"], True
        with self._lock:
            recorder = self._recorders.get(variant)
            if recorder is None:
                self._recorders[variant] = workdir
                return [f"-XX:DumpLoadedClassList={workdir / 'cds-%p.lst'}"], False
            if variant in self._dumping:
                return [], False
            listing = self._finished_list(recorder)
            if listing is None:
                return [], False
            self._dumping.add(variant)
        # Not a daemon: a verify that ends during the dump waits for it (once per cache).
        thread = threading.Thread(target=self._dump, args=(listing, archive, classpath))
        thread.start()
        self._threads.append(thread)
        return [], False

    @staticmethod
    def _finished_list(folder: Path) -> Path | None:
        """The largest class list in ``folder`` whose process has exited, or None."""
        done = []
        for path in folder.glob("cds-pid*.lst"):
            pid = path.stem.removeprefix("cds-pid")
            if not pid.isdigit():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                done.append(path)
            except OSError:
                continue  # alive (or not ours): still writing
        return max(done, key=lambda p: p.stat().st_size, default=None)

    def _dump(self, listing: Path, archive: Path, classpath: str) -> None:
        """Dump, check and publish ``archive`` (any failure: no archive, samples run as before)."""
        if has_top_level_main(classpath):
            return
        archive.parent.mkdir(parents=True, exist_ok=True)
        with cache_lock(archive.parent):
            if archive.is_file():
                return
            for stale in archive.parent.glob(".*.tmp"):  # left by a killed run
                with contextlib.suppress(OSError):
                    if stale.stat().st_mtime < time.time() - 3600:
                        stale.unlink()
            tmp = archive.with_name(f".{archive.name}.{os.getpid()}.tmp")
            cp = ["-cp", classpath] if classpath else []
            env = {k: v for k, v in os.environ.items() if k != "JAVA_TOOL_OPTIONS"}
            try:
                for argv in (
                    ["java", "-Xshare:dump", *JVM_FLAGS, f"-XX:SharedClassListFile={listing}",
                     f"-XX:SharedArchiveFile={tmp}", *cp],
                    ["java", "-Xshare:on", *JVM_FLAGS, f"-XX:SharedArchiveFile={tmp}", *cp,
                     "-version"],
                ):  # fmt: skip
                    subprocess.run(
                        argv,
                        env=env,
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                        timeout=DUMP_TIMEOUT,
                        check=True,
                    )
                os.replace(tmp, archive)
            except (OSError, subprocess.SubprocessError):
                pass
            finally:
                with contextlib.suppress(OSError):
                    tmp.unlink()

    def wait(self) -> None:
        """Wait for the dumps started so far (tests; a session need not wait)."""
        for thread in list(self._threads):
            thread.join()
