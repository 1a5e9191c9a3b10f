"""``verify``'s results, remembered: a sample flavour whose inputs did not change since it
passed is reported as passed from the cache instead of being run again.

A flavour's entry (every case of one sample on one runtime flavour: success, invalid key,
the task's failure, the error inside a stream, the documented errors) is keyed on all its
result depends on:

- the sample file's bytes (the only file a runtime copies; the input files a sample
  uploads are written by the harness from the endpoint, so they are covered below);
- the endpoint as the mock and the harness see it: a canonical form of the validated
  :class:`~generator.model.Endpoint` (every compared field, recursively, in field order),
  not the spec file's text, so a reformatted spec with the same meaning keeps its entries
  and a change inherited from ``_api.yaml`` invalidates them;
- the case: the variant, the edition (its folder and the region the mock expects), the
  runtime flavour and the tuple of cases run;
- the runtime: the versions the harness finds (``node --version``, ``java -version``,
  ``curl --version``, ...), the Python venv's installed distributions, the npm lockfile,
  the resolved Maven classpath, and the inherited locale variables (``LANG``, ``LC_*``,
  ``TZ``);
- samplegen's own code: every source file of ``generator/harness/``, ``generator/mock/`` and
  ``generator/model/`` and what they import from the package (``generator/sdk/pins.py``, the
  registry, ...), found by reading their import statements; the readers
  (``generator.sources``) reach a case only through the endpoint, which is in the key
  already. Plus the Python and OpenSSL versions and the third-party libraries they import
  (jsonschema, trustme, ...: each one's location, size and time, as ``check``'s cache names
  its libraries). Reading the import statements takes a while, so that digest is remembered
  under the package files' sizes and times.

Only a flavour whose every case passed is stored; a failure or a skip never is, so it runs
again next time. Entries live in one SQLite file, ``<dependency cache>/verify/results.sqlite3``
(each write a transaction: atomic, safe for concurrent ``verify --shard`` processes), at most
:data:`MAX_ENTRIES` of them (the least recently used go first). It is only a cache: a folder
that cannot be read or written means every sample runs.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import importlib.util
import json
import os
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import generator
from generator.cache import content_key
from generator.harness.discovery import RuntimeUnavailable
from generator.harness.runner import (
    PASSED,
    CaseResult,
    HarnessSession,
    SampleJob,
    job_cases,
)
from generator.harness.runtime import BuildItem, Runtime

FORMAT = b"samplegen verify results v1"
FOLDER = "verify"
DATABASE = "results.sqlite3"
MAX_ENTRIES = 50_000  # about 10 MB; a thousand-operation API in every variant is ~15,000
_PRUNE_TO = int(MAX_ENTRIES * 0.9)
_PACKAGE = Path(generator.__file__).resolve().parent
_CODE_ROOTS = ("harness", "mock", "model")
# Modules whose effect reaches a case only through the validated Endpoint (in the key).
_VIA_THE_MODEL = ("generator.sources", "generator.cli", "generator.output")

# What names a runtime's toolchain: the output of these commands (stdout and stderr).
# A language missing here is never cached (its samples always run).
VERSION_COMMANDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "curl": (("curl", "--version"), ("jq", "--version"), ("bash", "--version")),
    "python": (),  # the venv: its pyvenv.cfg and installed distributions (see below)
    "node": (("node", "--version"),),
    "php": (
        (
            "php",
            "-r",
            "echo PHP_VERSION, ' ', curl_version()['version'], ' ', "
            "curl_version()['ssl_version'], PHP_EOL;",
        ),
    ),
    "go": (("go", "version"),),
    "java": (("java", "-version"), ("javac", "-version")),
    "csharp": (("mono", "--version"), ("mcs", "--version"), ("dotnet", "--version")),
}
_PROBE_TIMEOUT = 60.0
# Inherited variables that change how a sample prints (encodings, number and date formats).
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "TZ")


# -- the parts of a key ---------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """``value`` as plain JSON: dataclasses as their compared fields in order (``source`` and
    ``id_line``, the spec file's place, are not compared), tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"(type)": type(value).__name__}
        for f in dataclasses.fields(value):
            if f.compare:
                out[f.name] = _jsonable(getattr(value, f.name))
        return out
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_jsonable(v) for v in value), key=repr)
    if isinstance(value, bytes):
        return {"(bytes)": value.hex()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return {"(" + type(value).__name__ + ")": str(value)}


def endpoint_form(endpoint: object) -> bytes:
    """The canonical form of an endpoint: what the mock is built from and the harness
    judges by, independent of how its spec file is written."""
    return json.dumps(_jsonable(endpoint), ensure_ascii=False, separators=(",", ":")).encode()


def _module_files(name: str) -> list[Path]:
    """The files importing module ``name`` (``generator.x.y``) runs: every package's
    ``__init__.py`` on the way and the module itself (if it is in the package)."""
    parts = name.split(".")[1:]
    files, folder = [_PACKAGE / "__init__.py"], _PACKAGE
    for n, part in enumerate(parts):
        if (folder / part / "__init__.py").is_file():
            folder = folder / part
            files.append(folder / "__init__.py")
        elif n == len(parts) - 1 and (folder / f"{part}.py").is_file():
            files.append(folder / f"{part}.py")
        else:
            break
    return files


def _is_type_checking(node: ast.AST) -> bool:
    """Whether ``node`` is ``if TYPE_CHECKING:`` (imports for the type checker only)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement below ``node`` (inside functions too), except those only
    the type checker reads."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif _is_type_checking(child):
            for branch in child.orelse:  # type: ignore[attr-defined]
                yield from _import_nodes(branch)
        else:
            yield from _import_nodes(child)


def _imported_modules(path: Path) -> tuple[set[str], set[str]]:
    """The modules ``path`` imports (also inside functions): those of the package
    (``generator.…``) and the top-level names of the others."""
    try:
        tree = ast.parse(path.read_bytes(), str(path))
    except (OSError, SyntaxError, ValueError):
        return set(), set()
    here = ["generator", *path.relative_to(_PACKAGE).parts[:-1]]  # the module's package
    ours, others = set(), set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        for name in names:
            if name == "generator" or name.startswith("generator."):
                ours.add(name)
            elif name:
                others.add(name.split(".")[0])
    return ours, others


@cache
def code_files() -> tuple[tuple[Path, ...], frozenset[str]]:
    """The package's files a case's result depends on: every file of the harness, the mock
    and the model and of what they import from the package, transitively; and the
    third-party modules they import."""
    todo = [p for root in _CODE_ROOTS for p in sorted((_PACKAGE / root).rglob("*.py"))]
    seen: set[Path] = set()
    third_party: set[str] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        ours, others = _imported_modules(path)
        third_party |= others
        for name in ours:
            if not name.startswith(_VIA_THE_MODEL):
                todo.extend(_module_files(name))
    return tuple(sorted(seen)), frozenset(third_party)


def _package_state() -> str:
    """A digest of every Python file of the package by path, size and modification time
    (and of the Python version): what :func:`code_digest`'s memo is keyed on."""
    lines = [FORMAT.decode(), sys.version, ssl.OPENSSL_VERSION]
    for folder, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                stat = os.stat(path)
                lines.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return content_key("\n".join(lines).encode())


def code_parts() -> tuple[bytes, ...]:
    """samplegen's code in the key: each of :func:`code_files` (its path and bytes), and
    the Python and OpenSSL versions."""
    files, _ = code_files()
    parts = [FORMAT, sys.version.encode(), ssl.OPENSSL_VERSION.encode()]
    for path in files:
        parts += [str(path.relative_to(_PACKAGE)).encode(), path.read_bytes()]
    return tuple(parts)


def library_parts(modules: Iterable[str]) -> list[bytes]:
    """Each third-party module's location and its file's size and time (an upgrade changes
    them), found without importing it (as ``check``'s cache names its libraries)."""
    stdlib = getattr(sys, "stdlib_module_names", frozenset())
    parts = []
    for name in sorted(set(modules) - set(stdlib) - {"__future__"}):
        try:
            found = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            found = None
        origin = found.origin if found is not None else None
        if origin is None or not os.path.isfile(origin):
            parts += [name.encode(), b"missing"]
            continue
        stat = os.stat(origin)
        parts += [origin.encode(), f"{stat.st_size}:{stat.st_mtime_ns}".encode()]
    return parts


def code_digest(store: ResultStore | None = None) -> str:
    """The digest of samplegen's code in the key (:func:`code_parts`) and of the libraries
    it imports. Reading the import statements takes a while, so the result is remembered
    in ``store`` under the package's file sizes and times."""
    memo_key = "code:" + _package_state()
    memo = store.memo(memo_key) if store is not None else None
    try:
        digest, libraries = json.loads(memo) if memo else (None, None)
    except ValueError:
        digest, libraries = None, None
    if not isinstance(digest, str) or not isinstance(libraries, list):
        digest = content_key(*code_parts())
        libraries = sorted(code_files()[1])
        if store is not None:
            store.set_memo(memo_key, json.dumps([digest, libraries]))
    return content_key(digest.encode(), *library_parts(libraries))


def _probe(argv: Sequence[str]) -> bytes:
    """What ``argv`` prints (stdout, stderr, exit status), or why it could not run."""
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_PROBE_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"{argv[0]}: {type(err).__name__}".encode()
    return done.stdout + b"\0" + done.stderr + b"\0" + str(done.returncode).encode()


def _locks(runtime: Runtime) -> list[bytes]:
    """The lockfiles of what ``setup`` installed: the venv's distributions, npm's
    package-lock.json, the resolved Maven classpath (read from the runtime's state)."""
    parts = []
    venv = getattr(runtime, "venv", None)
    if isinstance(venv, Path):
        with contextlib.suppress(OSError):
            parts.append((venv / "pyvenv.cfg").read_bytes())
        dists = sorted(p.name for p in venv.glob("lib/python*/site-packages/*.dist-info"))
        parts.append("\n".join(dists).encode())
    deps = getattr(runtime, "deps", None)
    if isinstance(deps, Path):
        with contextlib.suppress(OSError):
            parts.append((deps / "package-lock.json").read_bytes())
    classpath = getattr(runtime, "classpath", None)
    if isinstance(classpath, str):
        parts.append(classpath.encode())
    return parts


def runtime_parts(language: str, runtime: Runtime) -> tuple[bytes, ...] | None:
    """What names ``language``'s toolchain as the harness found it (after ``setup``): the
    version commands' output and the lockfiles; None for a language this module does not
    know (its samples are never cached)."""
    commands = VERSION_COMMANDS.get(language)
    if commands is None:
        return None
    with ThreadPoolExecutor(max_workers=max(1, len(commands))) as pool:
        printed = list(pool.map(_probe, commands))
    return (language.encode(), *printed, *_locks(runtime))


# -- the store -----------------------------------------------------------------------


class ResultStore:
    """The entries: key -> the cases that passed with their durations. Thread-safe; every
    error is swallowed (then the store answers nothing and keeps nothing)."""

    def __init__(self, folder: Path, *, max_entries: int = MAX_ENTRIES) -> None:
        self.path = folder / DATABASE
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._hits: list[str] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError):  # locked, read-only, ...: no cache
                return
            # Not a database (a truncated or foreign file): start a new one.
            with contextlib.suppress(OSError, sqlite3.Error):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._db = self._open()
        except OSError:
            self._db = None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, entry TEXT NOT NULL, "
                "used REAL NOT NULL)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS results_used ON results (used)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry stored under ``key``, or None."""
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute("SELECT entry FROM results WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
            if row is None:
                return None
            self._hits.append(key)
        try:
            entry = json.loads(row[0])
        except ValueError:
            return None
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store ``entry`` under ``key`` (one transaction)."""
        with self._lock:
            if self._db is None:
                return
            with contextlib.suppress(sqlite3.Error), self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                    (key, json.dumps(entry, sort_keys=True), time.time()),
                )

    def memo(self, key: str) -> str | None:
        """A value remembered by :meth:`set_memo` (a digest of slow-to-read inputs), or None."""
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:
                return None
        return row[0] if row else None

    def set_memo(self, key: str, value: str) -> None:
        """Remember ``value`` under ``key`` (only the latest few memos are kept)."""
        with self._lock:
            if self._db is None:
                return
            with contextlib.suppress(sqlite3.Error), self._db:
                self._db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, value))
                self._db.execute(
                    "DELETE FROM memo WHERE rowid NOT IN "
                    "(SELECT rowid FROM memo ORDER BY rowid DESC LIMIT 16)"
                )

    def close(self) -> None:
        """Mark the entries used in this run as recent, drop the least recently used ones
        beyond the bound, and close."""
        with self._lock:
            db, self._db = self._db, None
            if db is None:
                return
            with contextlib.suppress(sqlite3.Error), db:
                now = time.time()
                db.executemany(
                    "UPDATE results SET used = ? WHERE key = ?", [(now, k) for k in self._hits]
                )
                (count,) = db.execute("SELECT count(*) FROM results").fetchone()
                if count > self.max_entries:
                    keep = min(_PRUNE_TO, self.max_entries)
                    db.execute(
                        "DELETE FROM results WHERE key NOT IN "
                        "(SELECT key FROM results ORDER BY used DESC LIMIT ?)",
                        (keep,),
                    )
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def count(self) -> int:
        """How many entries the store holds."""
        with self._lock:
            if self._db is None:
                return 0
            try:
                return int(self._db.execute("SELECT count(*) FROM results").fetchone()[0])
            except sqlite3.Error:
                return 0


# -- the session ---------------------------------------------------------------------

CACHED_MESSAGE = "passed in an earlier run with the same inputs ({seconds:.1f}s then); not run"


class CachingSession(HarnessSession):
    """A :class:`HarnessSession` that answers unchanged flavours from a :class:`ResultStore`
    (when ``reuse``) and stores every flavour whose cases all passed."""

    def __init__(self, cache: Path | None = None, *, reuse: bool = True, **kw: Any) -> None:
        super().__init__(cache, **kw)
        self.reuse = reuse
        self.store: ResultStore | None = None
        self._identity: dict[str, tuple[bytes, ...] | None] = {}
        self._keys: dict[tuple[Path, str, str, str], str | None] = {}
        self._forms: dict[int, bytes] = {}  # id(endpoint) -> endpoint_form (jobs share them)
        self._key_lock = threading.Lock()
        self._code: str | None = None

    def __enter__(self) -> CachingSession:
        super().__enter__()
        self.store = ResultStore(self.cache / FOLDER)
        try:
            self._code = code_digest(self.store)
        except (OSError, SyntaxError, ValueError):  # unreadable code: run everything
            self._code = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None:
            self.store.close()
        super().__exit__(*exc)

    def _runtime_identity(self, language: str) -> tuple[bytes, ...] | None:
        runtime = self.runtime(language)
        if isinstance(runtime, RuntimeUnavailable) or self.setup(language) is not None:
            return None
        with self._lock:
            lock = self._language_locks.setdefault(language, threading.Lock())
        with lock:
            if language not in self._identity:
                try:
                    self._identity[language] = runtime_parts(language, runtime)
                except Exception:  # a probe bug: run the samples rather than trust a key
                    self._identity[language] = None
            return self._identity[language]

    def key(self, job: SampleJob, flavour: str) -> str | None:
        """The key of ``job``'s ``flavour``, or None when it cannot be cached."""
        memo = (job.path, job.variant.name, flavour, job.prefix)
        with self._key_lock:
            if memo in self._keys:
                return self._keys[memo]
        identity = self._runtime_identity(job.variant.language)
        key = None
        if identity is not None and self._code is not None:
            try:
                sample = job.path.read_bytes()
            except OSError:
                sample = None
            if sample is not None:
                region = job.region or job.endpoint.default_region
                case = [job.variant.name, flavour, job.prefix, region, *job_cases(job)]
                with self._key_lock:
                    form = self._forms.get(id(job.endpoint))
                if form is None:
                    form = endpoint_form(job.endpoint)
                    with self._key_lock:
                        self._forms[id(job.endpoint)] = form
                key = content_key(
                    b"code",
                    self._code.encode(),
                    b"locale",
                    json.dumps([os.environ.get(v) for v in LOCALE_VARIABLES]).encode(),
                    b"runtime",
                    *identity,
                    b"sample",
                    sample,
                    b"endpoint",
                    form,
                    b"case",
                    "\0".join(case).encode(),
                )
        with self._key_lock:
            self._keys[memo] = key
        return key

    def recall(self, job: SampleJob, flavour: str) -> list[CaseResult] | None:
        """The cached verdicts of ``job``'s ``flavour``, or None when it must run."""
        if not self.reuse or self.store is None:
            return None
        key = self.key(job, flavour)
        entry = self.store.get(key) if key is not None else None
        if entry is None:
            return None
        try:
            cases = [(str(case), float(seconds)) for case, seconds in entry["cases"]]
        except (KeyError, TypeError, ValueError):
            return None
        if [case for case, _ in cases] != list(job_cases(job)):
            return None
        message = CACHED_MESSAGE
        return [
            CaseResult(job, flavour, case, PASSED, message.format(seconds=s), 0.0, cached=True)
            for case, s in cases
        ]

    def remember(self, job: SampleJob, flavour: str, results: list[CaseResult]) -> None:
        """Store ``results`` when every case of the flavour ran and passed."""
        if self.store is None or not results:
            return
        if any(r.status != PASSED or r.cached for r in results):
            return
        if [r.case for r in results] != list(job_cases(job)):
            return
        key = self.key(job, flavour)
        if key is not None:
            cases = [[r.case, round(r.duration, 3)] for r in results]
            self.store.put(key, {"cases": cases, "test": results[0].test_id})

    # -- the two hooks into HarnessSession -------------------------------------------
    def _batch_plans(self, jobs: list[SampleJob]) -> dict[str, list[BuildItem]]:
        """The base plans without the flavours the cache answers (nothing to build)."""
        plans = super()._batch_plans(jobs)
        if not self.reuse:
            return plans
        # Every language's version probes at once (java -version alone takes a while).
        languages = list(dict.fromkeys(j.variant.language for j in jobs if j.path.is_file()))
        with ThreadPoolExecutor(max_workers=max(1, len(languages))) as pool:
            list(pool.map(self._runtime_identity, languages))
        by_sample = {(j.path, j.variant.name): j for j in jobs}
        kept: dict[str, list[BuildItem]] = {}
        for language, items in plans.items():
            for item in items:
                job = by_sample[(item.sample, item.variant.name)]
                if self.recall(job, item.flavour) is not None:
                    with self._lock:
                        self._planned.pop((item.sample, item.variant.name, item.flavour), None)
                    with contextlib.suppress(OSError):
                        item.workdir.rmdir()
                else:
                    kept.setdefault(language, []).append(item)
        return kept

    def _run_flavour(self, job: SampleJob, runtime: Runtime, flavour: str) -> list[CaseResult]:
        """A flavour from the cache when its inputs are unchanged, else run (and remember)."""
        cached = self.recall(job, flavour)
        if cached is not None:
            return cached
        results = super()._run_flavour(job, runtime, flavour)
        self.remember(job, flavour, results)
        return results
