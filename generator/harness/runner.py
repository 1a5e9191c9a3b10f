"""Run samples, unmodified, against the mock through the intercepting proxy, and judge them."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.harness.discovery import RuntimeUnavailable, find_runtime
from generator.harness.runtime import BuildError, BuildItem, Prepared, Routing, Runtime, SkipRun
from generator.i18n import DEFAULT_LOCALE
from generator.mock import Mock, MockConfig, ProxyPort, RecordedRequest, SharedProxy, TestCA
from generator.mock.model_errors import model_message
from generator.model import Endpoint
from generator.model.endpoint import FAMILY_SSE_FORMATS
from generator.model.streams import split_reply
from generator.render.editions import Edition, matrix_editions, sample_relpath
from generator.render.registry import Variant, variants

SUCCESS = "success"
INVALID_KEY = "invalid-key"
TASK_FAILED = "task-failed"
CASES = (SUCCESS, INVALID_KEY)


STREAM_ERROR = "stream-error"
ERROR_PREFIX = "error-"  # error-invalid_parameter, error-access_denied, ...


def cases_for(endpoint: Endpoint, probe_errors: bool = False) -> tuple[str, ...]:
    """The cases a sample of ``endpoint`` runs: success, invalid key, for asynchronous
    tasks the path where the task fails, for streams an error event inside the stream,
    and with ``probe_errors`` every other error the spec documents."""
    cases = CASES if endpoint.auth.required else (SUCCESS,)
    if endpoint.task is not None:
        cases = (*cases, TASK_FAILED)
    if endpoint.response_format in FAMILY_SSE_FORMATS:  # plain events have no error event
        cases = (*cases, STREAM_ERROR)
    if probe_errors:
        cases += tuple(
            ERROR_PREFIX + e.when for e in endpoint.errors if e.when != "invalid_api_key"
        )
    return cases


def job_cases(job: SampleJob) -> tuple[str, ...]:
    """The cases ``job`` runs: every case in the default edition; in the other regions and
    locales (the same code with another host or other messages) success and invalid key."""
    cases = cases_for(job.endpoint, job.probe_errors)
    if job.prefix:
        cases = tuple(c for c in cases if c in CASES)
    return cases


def input_files(endpoint: Endpoint, token: str) -> dict[str, bytes]:
    """The bytes the harness puts in each file a sample reads before a run (multipart field,
    or "" for a raw body's file -> bytes): the spec's example text when it gives one (""
    is an empty file), else binary bytes of every value."""
    files = {}
    for upload in endpoint.uploads:
        if upload.example is not None:
            files[upload.field] = upload.example_bytes
        else:
            seed = hashlib.sha256(f"{token}:{upload.field}".encode()).digest()
            files[upload.field] = bytes(range(256)) + b"\r\n\0" + seed
    return files


PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
OUTPUT_TAIL_LINES = 25

# Inherited variables that would route around the mock or trust another CA: dropped
# from every sample's environment before the harness and the runtime set their own.
_DROPPED = {
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "ssl_cert_file",
    "ssl_cert_dir",
    "requests_ca_bundle",
    "curl_ca_bundle",
    "node_extra_ca_certs",
    "node_options",
    "java_tool_options",
    "_java_options",
    "jdk_java_options",
    "pythonpath",
    "pythonhome",
    "pythonstartup",
}
_DROPPED_PREFIXES = ("dashscope_", "openai_")  # SDK base-URL and key overrides


def default_cache() -> Path:
    """The dependency cache: ``$SAMPLEGEN_CACHE``, else the user's cache folder
    (``~/.cache/samplegen`` on Linux), never the current folder."""
    if os.environ.get("SAMPLEGEN_CACHE"):
        return Path(os.environ["SAMPLEGEN_CACHE"]).expanduser().resolve()
    from platformdirs import user_cache_path

    return user_cache_path("samplegen", appauthor=False)


@dataclass(frozen=True)
class SampleJob:
    """One sample file to run: which endpoint and variant it was rendered from, and where."""

    endpoint: Endpoint
    variant: Variant
    path: Path
    region: str | None = None  # the region it was rendered for; None: the spec's default
    prefix: str = ""  # the edition's folder: "", "regions/cn/", "locales/ja/"
    probe_errors: bool = False  # also run every documented error (see find_jobs)

    @property
    def label(self) -> str:
        """``python-openai chat-completions`` (``... regions/cn/chat-completions`` elsewhere)."""
        return f"{self.variant.name} {self.prefix}{self.endpoint.id}"


@dataclass
class CaseResult:
    """The verdict on one sample, one flavour, one path (success or invalid key)."""

    job: SampleJob
    flavour: str
    case: str
    status: str
    message: str = ""
    duration: float = 0.0
    allowed_skip: bool = False
    cached: bool = False  # passed in an earlier run with the same inputs (result_cache.py)

    @property
    def test_id(self) -> str:
        """``chat-completions/python/openai[flavour]::success``."""
        flavour = f"[{self.flavour}]" if self.flavour else ""
        job = self.job
        where = f"{job.prefix}{job.endpoint.id}/{job.variant.language}/{job.variant.key}"
        return f"{where}{flavour}::{self.case}"


@dataclass
class _RunOutput:
    exit_code: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float
    requests: list[RecordedRequest] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    def tail(self, lines: int = OUTPUT_TAIL_LINES) -> str:
        parts = []
        for name, text in (("stdout", self.stdout), ("stderr", self.stderr)):
            kept = text.rstrip("\n").splitlines()[-lines:]
            body = "\n".join(f"      {line}" for line in kept) if kept else "      (empty)"
            parts.append(f"    {name}:\n{body}")
        return "\n".join(parts)


def find_jobs(
    out: Path,
    endpoints: Iterable[Endpoint],
    languages: Iterable[str] | None = None,
    region: str | None = None,
    locale: str | None = None,
) -> list[SampleJob]:
    """Every sample ``generate`` writes into ``out`` for ``endpoints`` (present or not).

    By default each supported variant in each edition (regions, locales) of the matrix;
    with ``region`` or ``locale``, the one edition ``generate --region/--locale`` writes.
    """
    chosen = variants(languages)

    def editions(endpoint: Endpoint) -> list[Edition]:
        if region is None and locale is None:
            return matrix_editions(endpoint)
        return [Edition(region, locale or DEFAULT_LOCALE)]

    endpoints = list(endpoints)
    jobs = [
        SampleJob(
            endpoint,
            variant,
            out / sample_relpath(endpoint, variant, edition.prefix),
            region=edition.region,
            prefix=edition.prefix,
        )
        for endpoint in endpoints
        for edition in editions(endpoint)
        for variant in chosen
        if variant.supports(endpoint)
    ]
    return mark_error_probes(jobs)


def mark_error_probes(jobs: list[SampleJob]) -> list[SampleJob]:
    """Every variant also runs the documented errors, once: on the first endpoint (by id)
    of the first edition it renders, among those that document errors beyond the key."""
    probed: dict[str, int] = {}
    ranked = sorted(range(len(jobs)), key=lambda i: (jobs[i].prefix, jobs[i].endpoint.id))
    for i in ranked:
        job = jobs[i]
        if any(e.when != "invalid_api_key" for e in job.endpoint.errors):
            probed.setdefault(job.variant.name, i)
    chosen = set(probed.values())
    return [replace(j, probe_errors=True) if i in chosen else j for i, j in enumerate(jobs)]


def _encodings(text: str) -> set[str]:
    """``text`` as it may appear in a sample's output: raw, or escaped inside JSON."""
    forms = {text.strip()}
    for ascii_only in (True, False):
        inner = json.dumps(text.strip(), ensure_ascii=ascii_only)[1:-1]
        forms.add(inner)
        forms.add(inner.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return {f for f in forms if f}


def _contains(haystack: str, text: str) -> bool:
    return any(form in haystack for form in _encodings(text))


def streamed_reply_problems(stdout: str, reply: str) -> list[str]:
    """What is wrong with how a streaming sample printed ``reply``: nothing, or that it
    printed some of it twice. A sample that prints the whole text of every event of an
    accumulating stream prints the reply's first piece once per event, so that piece shows
    more often in ``stdout`` than in ``reply`` itself."""
    first = split_reply(reply)[0]
    seen, once = stdout.count(first), reply.count(first)
    if seen <= once:
        return []
    return [
        f"stdout repeats the streamed reply: its first piece {first!r} appears {seen} times, "
        f"expected {once} (printed the whole text of each event, not only the new text?)"
    ]


class HarnessSession:
    """A throwaway CA and work folder, runtimes found and set up once, samples run in parallel.

    Use as a context manager::

        with HarnessSession() as session:
            results = session.run_sample(SampleJob(endpoint, variant, path))
    """

    def __init__(
        self,
        cache: Path | None = None,
        *,
        runtimes: Mapping[str, Runtime] | None = None,
        timeout: float | None = None,
        keep_workdir: bool = False,
    ) -> None:
        self.cache = (cache or default_cache()).resolve()
        self.timeout = timeout
        self.keep_workdir = keep_workdir
        self._given = dict(runtimes or {})
        self._runtimes: dict[str, Runtime | RuntimeUnavailable] = {}
        self._setup: dict[str, BaseException | None] = {}
        self._lock = threading.Lock()
        self._language_locks: dict[str, threading.Lock] = {}
        self._counter = 0
        self._planned: dict[tuple[Path, str, str], Path] = {}  # batch-built work folders
        # (language, samples, seconds) of every batch build: time no sample's row shows
        self.batch_builds: list[tuple[str, int, float]] = []
        self.tmp: Path | None = None
        self.ca: TestCA | None = None
        self.proxy: SharedProxy | None = None

    def __enter__(self) -> HarnessSession:
        self.tmp = Path(tempfile.mkdtemp(prefix="samplegen-harness-"))
        self.ca = TestCA(self.tmp / "ca")
        self.proxy = SharedProxy(self.ca)  # one proxy per run: a port per running job
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proxy is not None:
            self.proxy.close()
            self.proxy = None
        if self.tmp is not None and not self.keep_workdir:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # -- runtimes --------------------------------------------------------------------
    def runtime(self, language: str) -> Runtime | RuntimeUnavailable:
        """The runtime for ``language`` (found once), or why there is none."""
        with self._lock:
            if language not in self._runtimes:
                if language in self._given:
                    self._runtimes[language] = self._given[language]
                else:
                    try:
                        self._runtimes[language] = find_runtime(language)
                    except RuntimeUnavailable as err:
                        self._runtimes[language] = err
            return self._runtimes[language]

    def setup(self, language: str) -> BaseException | None:
        """Run the language's ``setup`` once per session; returns the problem it raised, if any."""
        runtime = self.runtime(language)
        if isinstance(runtime, RuntimeUnavailable):
            return runtime
        with self._lock:
            lock = self._language_locks.setdefault(language, threading.Lock())
        with lock:
            if language not in self._setup:
                problem: BaseException | None = None
                if (reason := runtime.missing()) is not None:
                    problem = SkipRun(reason)
                else:
                    try:
                        runtime.setup(self.cache)
                    except (BuildError, SkipRun) as err:
                        problem = err
                    except Exception as err:  # a runtime bug fails its samples, not the run
                        problem = BuildError(f"setup raised {type(err).__name__}: {err}")
                self._setup[language] = problem
            return self._setup[language]

    # -- running ---------------------------------------------------------------------
    def run_all(
        self,
        jobs: Iterable[SampleJob],
        workers: int = 2,
        progress: Callable[[list[CaseResult]], None] | None = None,
    ) -> list[CaseResult]:
        """Run every job (``workers`` at a time); results come back in the jobs' order."""
        jobs = list(jobs)
        for language in dict.fromkeys(j.variant.language for j in jobs if j.path.is_file()):
            self.setup(language)  # one language at a time: installs are heavy
        plans = self._batch_plans(jobs)

        with ThreadPoolExecutor(max_workers=max(1, len(plans))) as builders:
            batches = {
                language: builders.submit(self._build_batch, language, items)
                for language, items in plans.items()
            }

            def one(job: SampleJob) -> list[CaseResult]:
                batch = batches.get(job.variant.language)
                if batch is not None:
                    batch.result()  # its samples run once the language's batch build is done
                results = self.run_sample(job)
                if progress is not None:
                    progress(results)
                return results

            # Samples that build nothing ahead run first, while the batches build.
            order = sorted(range(len(jobs)), key=lambda i: jobs[i].variant.language in batches)
            with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
                futures: dict[int, Future[list[CaseResult]]] = {
                    i: pool.submit(one, jobs[i]) for i in order
                }
                return [r for i in range(len(jobs)) for r in futures[i].result()]

    def _batch_plans(self, jobs: list[SampleJob]) -> dict[str, list[BuildItem]]:
        """Per language whose runtime builds in batches: every flavour to build, each with
        the work folder its run will use."""
        plans: dict[str, list[BuildItem]] = {}
        for job in jobs:
            language = job.variant.language
            runtime = self.runtime(language)
            if (
                not job.path.is_file()
                or isinstance(runtime, RuntimeUnavailable)
                or type(runtime).prepare_batch is Runtime.prepare_batch
                or self.setup(language) is not None
            ):
                continue
            for flavour in runtime.flavours(job.variant):
                workdir = self._new_workdir(job, flavour)
                with self._lock:
                    self._planned[(job.path, job.variant.name, flavour)] = workdir
                plans.setdefault(language, []).append(
                    BuildItem(job.path, job.variant, workdir, flavour)
                )
        return plans

    def _build_batch(self, language: str, items: list[BuildItem]) -> None:
        runtime = self.runtime(language)
        assert self.tmp is not None and isinstance(runtime, Runtime)
        (self.tmp / "batch").mkdir(exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f"{language}-", dir=self.tmp / "batch"))
        started = time.monotonic()
        with contextlib.suppress(Exception):  # a broken batch: each sample builds alone
            runtime.prepare_batch(items, scratch)
        with self._lock:
            self.batch_builds.append((language, len(items), time.monotonic() - started))

    def run_sample(self, job: SampleJob) -> list[CaseResult]:
        """Run one sample's success and invalid-key paths (per flavour) and judge them."""
        if self.tmp is None or self.ca is None:
            raise RuntimeError("use HarnessSession as a context manager")

        def every_case(status: str, message: str, allowed: bool = False) -> list[CaseResult]:
            return [
                CaseResult(job, "", case, status, message, 0.0, allowed) for case in job_cases(job)
            ]

        if not job.path.is_file():
            return every_case(
                SKIPPED, f"sample file not found: {job.path} (run: samplegen generate)"
            )
        runtime = self.runtime(job.variant.language)
        if isinstance(runtime, RuntimeUnavailable):
            status = SKIPPED if runtime.skip else FAILED
            return every_case(status, runtime.reason)
        problem = self.setup(job.variant.language)
        if isinstance(problem, SkipRun):
            return every_case(SKIPPED, problem.reason, problem.allowed)
        if problem is not None:
            return every_case(
                FAILED, self._headline(job, "setup", "") + f"\n  setup failed: {problem}"
            )
        results = []
        for flavour in runtime.flavours(job.variant):
            results.extend(self._run_flavour(job, runtime, flavour))
        return results

    def _workdir(self, job: SampleJob, flavour: str) -> Path:
        with self._lock:
            planned = self._planned.pop((job.path, job.variant.name, flavour), None)
        return planned if planned is not None else self._new_workdir(job, flavour)

    def _new_workdir(self, job: SampleJob, flavour: str) -> Path:
        assert self.tmp is not None
        with self._lock:
            self._counter += 1
            n = self._counter
        name = f"{n:03d}-{job.endpoint.id}-{job.variant.name}" + (f"-{flavour}" if flavour else "")
        folder = self.tmp / "work" / name
        folder.mkdir(parents=True)
        return folder

    def _run_flavour(self, job: SampleJob, runtime: Runtime, flavour: str) -> list[CaseResult]:
        assert self.ca is not None
        endpoint = job.endpoint
        mock = Mock([endpoint])
        region = job.region or endpoint.default_region
        started = time.monotonic()
        assert self.proxy is not None
        with self.proxy.lease(mock) as proxy:
            host, port = proxy.server_address[:2]
            routing = Routing(f"http://{host}:{port}", str(host), int(port), self.ca.pem)
            workdir = self._workdir(job, flavour)
            try:
                prepared = runtime.prepare_flavour(job.path, job.variant, routing, workdir, flavour)
            except SkipRun as err:
                return [
                    CaseResult(job, flavour, c, SKIPPED, err.reason, 0.0, err.allowed)
                    for c in job_cases(job)
                ]
            except BuildError as err:
                message = self._headline(job, "build", flavour) + f"\n  build failed: {err}"
                took = time.monotonic() - started
                return [CaseResult(job, flavour, c, FAILED, message, took) for c in job_cases(job)]
            build_seconds = time.monotonic() - started
            timeout = self.timeout or runtime.timeout
            token = uuid.uuid4().hex[:16]
            good_key = f"sk-harness-{token}"
            files = input_files(endpoint, token)
            config = MockConfig(
                api_key=good_key,
                denied_key=f"sk-harness-denied-{token}",
                reply=f"samplegen mock reply {token}",
                region=region,
                exact_body=True,
                files=files,
            )
            folder = prepared.cwd or workdir
            prepared.cwd = folder
            results = []
            mock.reset(config)
            ran = self._run_in(folder, files, prepared, endpoint, good_key, proxy, mock, timeout)
            success = self._judge_success(job, flavour, ran, config, mock, folder, good_key)
            success.duration = ran.seconds + build_seconds
            results.append(success)
            if INVALID_KEY in cases_for(endpoint):
                mock.reset(config)
                bad_key = f"sk-invalid-{uuid.uuid4().hex[:16]}"
                ran = self._run_in(folder, files, prepared, endpoint, bad_key, proxy, mock, timeout)
                failure = self._judge_invalid_key(job, flavour, ran, bad_key)
                failure.duration = ran.seconds
                results.append(failure)
            for case in job_cases(job):
                if case in (SUCCESS, INVALID_KEY):
                    continue
                if case == TASK_FAILED:
                    variant_config = replace(config, task_outcome="failed")
                elif case == STREAM_ERROR:
                    variant_config = replace(config, stream_error=True)
                else:
                    variant_config = replace(config, force_error=case[len(ERROR_PREFIX) :])
                mock.reset(variant_config)
                ran = self._run_in(
                    folder, files, prepared, endpoint, good_key, proxy, mock, timeout
                )
                if case == TASK_FAILED:
                    verdict = self._judge_task_failed(job, flavour, ran, mock, good_key)
                else:
                    verdict = self._judge_error(job, flavour, case, ran, good_key)
                verdict.duration = ran.seconds
                results.append(verdict)
        return results

    def _run_in(
        self,
        folder: Path,
        files: dict[str, bytes],
        prepared: Prepared,
        endpoint: Endpoint,
        key: str,
        proxy: ProxyPort,
        mock: Mock,
        timeout: float,
    ) -> _RunOutput:
        """One run with the input files in place and no answer file left from a run before."""
        for upload in endpoint.uploads:
            (folder / upload.path).write_bytes(files[upload.field])
        if endpoint.save_as:
            (folder / endpoint.save_as).unlink(missing_ok=True)
        return self._run(prepared, endpoint, key, proxy, mock, timeout)

    def environment(self, prepared: Prepared, endpoint: Endpoint, key: str, proxy_url: str) -> dict:
        """The environment a sample runs with: inherited minus routing overrides, plus ours."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k.lower() not in _DROPPED and not k.lower().startswith(_DROPPED_PREFIXES)
        }
        for name in (endpoint.auth.env, endpoint.auth.password_env):
            env.pop(name, None)
        env.update(
            {
                "HTTPS_PROXY": proxy_url,
                "https_proxy": proxy_url,
                "HTTP_PROXY": proxy_url,
                "http_proxy": proxy_url,
                "NO_PROXY": "",
                "no_proxy": "",
            }
        )
        if endpoint.auth.basic:  # the key is the password; the user is the mock's
            env[endpoint.auth.env] = MockConfig.basic_user
            env[endpoint.auth.password_env] = key
        elif endpoint.auth.env:
            env[endpoint.auth.env] = key
        env.update(prepared.env)
        return env

    def _run(
        self,
        prepared: Prepared,
        endpoint: Endpoint,
        key: str,
        proxy: ProxyPort,
        mock: Mock,
        timeout: float,
    ) -> _RunOutput:
        env = self.environment(prepared, endpoint, key, proxy.url)
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                prepared.argv,
                cwd=prepared.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as err:
            return _RunOutput(None, "", f"cannot start {prepared.argv[0]}: {err}", 0.0)
        try:
            out, err = process.communicate(timeout=timeout)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            code = None
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        seconds = time.monotonic() - started
        return _RunOutput(
            code,
            out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"),
            seconds,
            mock.requests,
            mock.events,
        )

    # -- judging ---------------------------------------------------------------------
    @staticmethod
    def _headline(job: SampleJob, case: str, flavour: str) -> str:
        runs = f" on {flavour}" if flavour else ""
        return (
            f"{job.variant.language} {job.variant.key} sample for {job.endpoint.id} "
            f"({case} path{runs}): {job.path}"
        )

    @staticmethod
    def _expected(job: SampleJob, region: str | None, key_note: str) -> str:
        e = job.endpoint
        url = e.url(region)
        auth = e.auth
        headers = (
            [f"{auth.header}: {auth.value_prefix()}<{key_note}>{auth.suffix}"]
            if auth.in_header
            else []
        )
        if auth.basic:
            headers.append(f"Authorization: Basic base64(<user>:<{key_note}>)")
        if auth.in_query:
            url += f"{'&' if e.query_string else '?'}{auth.param}=<{key_note}>"
        headers += [f"{n}: {v}" for n, v in e.headers]
        if e.body_kind == "json":
            body = "body (JSON-equal to the spec's request example): " + json.dumps(
                e.request_example, ensure_ascii=False
            )
        elif e.body_kind == "none":
            body = "no body"
        elif e.body_kind == "raw" and e.raw_file is not None:
            body = f"{e.content_type} body: the bytes of {e.raw_file.path}"
        elif e.body_kind == "raw":
            body = f"{e.content_type} body: " + json.dumps(e.raw_text, ensure_ascii=False)
        else:
            fields = json.dumps(e.request_example or {}, ensure_ascii=False)
            files = ", ".join(f"{f.field}={f.path} ({f.content_type})" for f in e.files)
            body = f"{e.body_kind} body: fields {fields}" + (f"; files {files}" if files else "")
        calls = "exactly 1 request" if e.task is None else "the submit, then GETs of the task"
        return (
            f"  mock expected: {calls}: {e.method} {url}\n"
            f"    headers: {'; '.join(headers) or 'none'}\n"
            f"    {body}"
        )

    @staticmethod
    def _saw(ran: _RunOutput) -> str:
        if not ran.requests:
            lines = ["  mock saw: no request"]
        else:
            lines = [f"  mock saw: {len(ran.requests)} request(s)"]
            for req in ran.requests:
                lines.append(f"    {req.summary()}")
                for mismatch in req.mismatches:
                    lines.append(f"      - {mismatch}")
                if req.json is not None:
                    body = json.dumps(req.json, ensure_ascii=False)
                else:
                    body = repr(req.raw_body.decode("utf-8", "replace"))
                lines.append(f"      body: {body[:600]}")
        for event in ran.events:
            lines.append(f"    transport: {event}")
        return "\n".join(lines)

    def _verdict(
        self, job: SampleJob, flavour: str, case: str, ran: _RunOutput, problems: list[str], **kw
    ) -> CaseResult:
        if not problems:
            return CaseResult(job, flavour, case, PASSED)
        text = [self._headline(job, case, flavour), "  problems:"]
        text += [f"    - {p}" for p in problems]
        text.append(kw["expected"])
        text.append(self._saw(ran))
        exit_text = "killed after the timeout" if ran.exit_code is None else str(ran.exit_code)
        text.append(f"  exit status: {exit_text}; output tail:")
        text.append(ran.tail())
        return CaseResult(job, flavour, case, FAILED, "\n".join(text))

    def _judge_success(
        self,
        job: SampleJob,
        flavour: str,
        ran: _RunOutput,
        config: MockConfig,
        mock: Mock,
        folder: Path,
        key: str,
    ) -> CaseResult:
        endpoint = job.endpoint
        problems = self._request_problems(job, ran, "success")
        if ran.exit_code is None:
            problems.insert(0, "the sample did not finish before the timeout")
        elif ran.exit_code != 0:
            problems.insert(0, f"exit status {ran.exit_code}, expected 0")
        if key in ran.stdout or key in ran.stderr:
            problems.append("the sample printed the API key")
        for shown in mock.evidence_all(endpoint):
            if not _contains(ran.stdout, shown):
                problems.append(f"stdout does not contain what the mock answered: {shown!r}")
        evidence = mock.evidence(endpoint)
        if endpoint.streams and evidence:
            problems.extend(streamed_reply_problems(ran.stdout, evidence))
        if endpoint.binary:
            problems.extend(self._binary_problems(endpoint, config, folder, ran))
        return self._verdict(
            job, flavour, SUCCESS, ran, problems, expected=self._expected(job, config.region, "key")
        )

    @staticmethod
    def _request_problems(job: SampleJob, ran: _RunOutput, outcome: str) -> list[str]:
        """What was wrong with the requests of a run whose task (if any) ends in ``outcome``."""
        endpoint = job.endpoint
        problems = []
        calls = [r for r in ran.requests if not r.answer.startswith(("task_", "unknown_task"))]
        polls = [r for r in ran.requests if r not in calls]
        if len(calls) != 1:
            problems.append(f"the mock saw {len(calls)} calls of the endpoint, expected exactly 1")
        if endpoint.task is not None:
            ends = "task_succeeded" if outcome == "success" else "task_failed"
            if not any(r.answer == ends for r in polls):
                problems.append(
                    f"the sample did not poll the task until it ended ({len(polls)} polls)"
                )
            elif polls[-1].answer != ends:
                problems.append("the sample polled the task again after it ended")
        for req in ran.requests:
            problems.extend(req.mismatches)
            if req.endpoint_id is not None and req.endpoint_id != endpoint.id:
                problems.append(f"reached endpoint {req.endpoint_id}, expected {endpoint.id}")
            if req.answer not in ("success", "task_pending", "task_succeeded", "task_failed") and (
                not req.mismatches
            ):
                problems.append(f"the mock answered {req.status} {req.answer}")
        return problems

    @staticmethod
    def _binary_problems(
        endpoint: Endpoint, config: MockConfig, folder: Path, ran: _RunOutput
    ) -> list[str]:
        from generator.mock.core import reply_bytes

        saved = folder / endpoint.save_as
        want = reply_bytes(config.reply)
        if not saved.is_file():
            return [f"the sample did not save the answer to {endpoint.save_as}"]
        data = saved.read_bytes()
        problems = []
        if data != want:
            problems.append(
                f"{endpoint.save_as} holds {len(data)} bytes, not the {len(want)} bytes answered"
            )
        if endpoint.save_as not in ran.stdout or str(len(want)) not in ran.stdout:
            problems.append(
                f"stdout does not name the saved file {endpoint.save_as} and its size {len(want)}"
            )
        return problems

    def _judge_error(
        self, job: SampleJob, flavour: str, case: str, ran: _RunOutput, key: str
    ) -> CaseResult:
        """A stream that breaks off with an error event, or a documented error answer: the
        sample exits non-zero and shows the API's message."""
        endpoint = job.endpoint
        if case == STREAM_ERROR:
            from generator.model.streams import STREAM_ERROR as EVENT

            message, what = EVENT["message"], "the error event inside the stream"
        else:
            documented = endpoint.error(case[len(ERROR_PREFIX) :])
            example = endpoint.request_example
            model = example.get("model", "") if isinstance(example, dict) else ""
            message = model_message(documented.message, str(model)) if documented else ""
            status = documented.status if documented else 400
            what = f"the {case[len(ERROR_PREFIX) :]} error ({status})"
            if endpoint.head:  # no body to show: the status is the message
                message = f"HTTP {status}"
        problems = []
        if ran.exit_code is None:
            problems.append("the sample did not finish before the timeout")
        elif ran.exit_code == 0:
            problems.append(f"exit status 0 after {what}, expected non-zero")
        if not ran.requests:
            problems.append("the mock saw no request (the sample failed before calling the API)")
        if message and not _contains(ran.stdout + "\n" + ran.stderr, message):
            problems.append(f"stdout+stderr do not contain the message of {what}: {message!r}")
        if key in ran.stdout or key in ran.stderr:
            problems.append("the sample printed the API key")
        expected = self._expected(job, job.region, "key") + f"\n    answer: {what}"
        return self._verdict(job, flavour, case, ran, problems, expected=expected)

    def _judge_task_failed(
        self, job: SampleJob, flavour: str, ran: _RunOutput, mock: Mock, key: str
    ) -> CaseResult:
        problems = self._request_problems(job, ran, "failed")
        if ran.exit_code is None:
            problems.insert(0, "the sample did not finish before the timeout")
        elif ran.exit_code == 0:
            problems.insert(0, "exit status 0 after the task failed, expected non-zero")
        message = mock.task_failure_message
        if not _contains(ran.stdout + "\n" + ran.stderr, message):
            problems.append(f"stdout+stderr do not contain the failed task's message {message!r}")
        if key in ran.stdout or key in ran.stderr:
            problems.append("the sample printed the API key")
        expected = self._expected(job, job.region, "key")
        expected += "\n    answer: the task ends FAILED with a message"
        return self._verdict(job, flavour, TASK_FAILED, ran, problems, expected=expected)

    def _judge_invalid_key(
        self, job: SampleJob, flavour: str, ran: _RunOutput, key: str
    ) -> CaseResult:
        problems = []
        error = job.endpoint.error("invalid_api_key")
        message = error.message if error else ""
        if job.endpoint.head:  # the answer to a HEAD has no body: its status is what shows
            message = f"HTTP {error.status if error else 401}"
        if ran.exit_code is None:
            problems.append("the sample did not finish before the timeout")
        elif ran.exit_code == 0:
            problems.append("exit status 0 after an invalid key, expected non-zero")
        if not ran.requests:
            problems.append("the mock saw no request (the sample failed before calling the API)")
        if message and not _contains(ran.stdout + "\n" + ran.stderr, message):
            problems.append(
                f"stdout+stderr do not contain the invalid_api_key error message {message!r}"
            )
        if key in ran.stdout or key in ran.stderr:
            problems.append("the sample printed the API key")
        expected = self._expected(job, job.region, "an invalid key")
        expected += f"\n    answer: {error.status if error else 401} with the invalid_api_key body"
        return self._verdict(job, flavour, INVALID_KEY, ran, problems, expected=expected)
