"""`samplegen audit --run`: run a page's code blocks as a reader would paste them.

Each block is written to the file its language expects (``main.py``, ``index.mjs`` or
``index.js`` by its import style, ``request.sh``, ``index.php``, ``Program.cs``, ``main.go``
in a module, ``<public class>.java`` run with ``java File.java``) and run through the
harness's intercepting proxy and a mock of the endpoint it calls: with the key the mock
accepts, with an invalid one, and with none (generator/docs/audit/judge.py judges the runs).
The runtimes' caches provide the dependencies samplegen pins (generator/sdk/pins.py); an import
outside them is a finding of its own.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.docs.audit.judge import (
    Block,
    Judge,
    Observation,
    RunOutput,
    error_line,
    line_of,
    missing_dependency,
    tail,
)
from generator.harness.discovery import RuntimeUnavailable
from generator.harness.runner import HarnessSession
from generator.harness.runtime import BuildError, Prepared, Routing, Runtime, SkipRun
from generator.harness.runtimes import run_tool
from generator.harness.runtimes.csharp import mono_trust
from generator.mock import InterceptingProxy, Mock, MockConfig
from generator.model import Endpoint
from generator.render.registry import VARIANTS, Variant

# Seconds one run of a block may take (builds are not counted); None: the language runtime's
# own limit, the one `verify` uses (60 s, 90 s for Java, 30 s for curl and PHP).
DEFAULT_TIMEOUT: float | None = None


# -- files and commands ----------------------------------------------------------------

_JAVA_CLASS = re.compile(r"^\s*public\s+(?:final\s+)?class\s+(\w+)", re.MULTILINE)
_ESM = re.compile(r"^\s*(?:import\s[^(]|import\s*\{|export\s)", re.MULTILINE)


def file_name(language: str, code: str) -> str:
    """The file a reader would paste ``code`` into, as its language and toolchain expect."""
    if language == "java":
        found = _JAVA_CLASS.search(code)
        return f"{found.group(1) if found else 'Main'}.java"
    if language == "node":
        return "index.mjs" if _ESM.search(code) else "index.js"
    return {
        "python": "main.py",
        "curl": "request.sh",
        "php": "index.php",
        "csharp": "Program.cs",
        "go": "main.go",
    }[language]


def _variant_for(language: str) -> Variant:
    """A registry variant of ``language`` (runtimes only use it for names and the Java mode)."""
    preferred = {"java": "httpclient"}
    same = [v for v in VARIANTS if v.language == language]
    for v in same:
        if v.key == preferred.get(language):
            return v
    return same[0]


class Unbuildable(Exception):
    """The block does not build or start as pasted; carries the rule, message and evidence."""

    def __init__(self, rule: str, line: int, message: str, spec: str, page: str, text: str):
        super().__init__(message)
        self.observation = Observation(line, rule, "error", message, spec, page, text)


# Third-party Java packages and the Maven artifact that provides them to single-file runs.
_JAVA_SDK_PACKAGES = ("com.alibaba.dashscope", "com.openai")
_JAVA_STANDARD = ("java.", "javax.", "jdk.", "sun.")
_JAVA_IMPORT = re.compile(r"^\s*import\s+(?:static\s+)?([\w.]+?)(?:\.\*)?\s*;", re.MULTILINE)
_NODE_IMPORT = re.compile(
    r"""(?:^\s*import\s+(?:[\w*{}\s,]+\s+from\s+)?|\brequire\(\s*)['"]([^'"]+)['"]""",
    re.MULTILINE,
)
_NODE_BUILTINS = {
    "assert", "buffer", "child_process", "crypto", "events", "fs", "fs/promises", "http",
    "https", "net", "os", "path", "process", "readline", "stream", "string_decoder", "timers",
    "tls", "url", "util", "zlib",
}  # fmt: skip
# Packages without a pin that a block may import, and a stand-in with the same API that lets
# the rest of the block run (node-fetch 3 is the WHATWG fetch that Node 18+ has built in).
_NODE_STAND_INS = {
    "node-fetch": {
        "index.mjs": "export default globalThis.fetch;\n"
        "export const { Headers, Request, Response, FormData } = globalThis;\n",
        "index.cjs": "module.exports = (...args) => globalThis.fetch(...args);\n"
        "module.exports.default = module.exports;\n",
    }
}


def java_imports(code: str) -> list[tuple[str, int]]:
    """Third-party packages a Java block imports, with the block line of each import."""
    found = []
    for match in _JAVA_IMPORT.finditer(code):
        name = match.group(1)
        if not name.startswith(_JAVA_STANDARD):
            found.append((name, code[: match.start(1)].count("\n")))
    return found


def node_imports(code: str) -> list[tuple[str, int]]:
    """Packages (not Node built-ins or relative files) a Node.js block imports."""
    found = []
    for match in _NODE_IMPORT.finditer(code):
        name = match.group(1)
        if name.startswith((".", "/", "node:")) or name in _NODE_BUILTINS:
            continue
        package = "/".join(name.split("/")[:2]) if name.startswith("@") else name.split("/")[0]
        found.append((package, code[: match.start(1)].count("\n")))
    return found


def _jar_has_package(classpath: str, package: str) -> bool:
    folder = package.replace(".", "/")
    parent = folder.rsplit("/", 1)[0]  # an import names a class or a package
    for jar in classpath.split(os.pathsep):
        if not jar.endswith(".jar") or not os.path.isfile(jar):
            continue
        try:
            with zipfile.ZipFile(jar) as archive:
                if any(n.startswith((folder + "/", parent + "/")) for n in archive.namelist()):
                    return True
        except (OSError, zipfile.BadZipFile):
            continue
    return False


# C# on Mono: a pasted Program.cs is first compiled exactly as pasted; then, to see what it
# does, as a .NET 6+ console project would build it: the SDK's implicit usings, nullable
# reference annotations (C# 8, unknown to mcs) dropped, and an entry point that waits on an
# `async Task Main` (which mcs rejects as an entry point, CS5001).
_IMPLICIT_USINGS = (
    "System",
    "System.Collections.Generic",
    "System.IO",
    "System.Linq",
    "System.Net.Http",
    "System.Threading",
    "System.Threading.Tasks",
)
_NULLABLE_REF = re.compile(
    r"\b(string|object|dynamic|(?!(?:DateTime|DateTimeOffset|TimeSpan|Guid|Decimal|"
    r"Int\d+|UInt\d+|Boolean|Double|Single|Byte|Char)\b)[A-Z]\w*(?:<[^<>]*>)?)\?(?=[\s>,)\]])"
)
_CS_ENTRY = """static class SamplegenAuditEntry
{
    static int Main(string[] args)
    {
        var flags = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public
            | System.Reflection.BindingFlags.NonPublic;
        foreach (var type in typeof(SamplegenAuditEntry).Assembly.GetTypes())
        {
            if (type == typeof(SamplegenAuditEntry)) continue;
            var main = type.GetMethod("Main", flags);
            if (main == null) continue;
            object[] arguments = main.GetParameters().Length == 0
                ? new object[0] : new object[] { args };
            object result;
            try { result = main.Invoke(null, arguments); }
            catch (System.Reflection.TargetInvocationException e) { throw e.InnerException; }
            var task = result as System.Threading.Tasks.Task;
            if (task != null)
            {
                task.GetAwaiter().GetResult();
                var property = task.GetType().GetProperty("Result");
                bool isInt = property != null && property.PropertyType == typeof(int);
                result = isInt ? property.GetValue(task) : null;
            }
            return result is int ? (int)result : 0;
        }
        System.Console.Error.WriteLine("samplegen audit: no Main method");
        return 2;
    }
}
"""
_MCS_ERROR = re.compile(r"^Program\.cs\((\d+),\d+\): error (CS\d+): (.*)$", re.MULTILINE)
_MCS_REFERENCES = ["-r:System.Net.Http.dll", "-r:System.Runtime.Serialization.dll"]
# Errors that only say mcs lacks a newer C# feature the block uses (.NET builds them).
_MONO_ONLY = {"CS5001", "CS0453", "CS1502", "CS1503", "CS1525", "CS1644", "CS8025"}


def dotnet_console_source(code: str) -> str:
    """``code`` as a .NET 6+ console project compiles it, in C# that mcs accepts.

    The implicit usings go on the first line (line numbers stay the page's) and ``string?``
    style annotations, which change no behaviour, are dropped.
    """
    usings = " ".join(f"using {name};" for name in _IMPLICIT_USINGS)
    lines = code.split("\n")
    for _ in range(4):  # nested annotations (List<string?>?) take a pass per level
        lines = [_NULLABLE_REF.sub(r"\1", line) for line in lines]
    return usings + " " + "\n".join(lines)


# -- running ---------------------------------------------------------------------------


class BlockRunner:
    """Runs pasted blocks inside one :class:`HarnessSession` (runtimes set up once)."""

    def __init__(self, session: HarnessSession, timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.session = session
        self.timeout = timeout
        self._counter = 0
        self._lock = threading.Lock()

    # ---- preparation, per language -----------------------------------------------------
    def _runtime(self, language: str) -> Runtime:
        runtime = self.session.runtime(language)
        if isinstance(runtime, RuntimeUnavailable):
            raise SkipRun(runtime.reason)
        problem = self.session.setup(language)
        if isinstance(problem, SkipRun):
            raise problem
        if problem is not None:
            raise SkipRun(f"setting up {language} failed: {problem}")
        return runtime

    def _workdir(self, block: Block) -> Path:
        assert self.session.tmp is not None
        with self._lock:
            self._counter += 1
            number = self._counter
        folder = self.session.tmp / "audit" / f"{number:03d}-{block.language}"
        folder.mkdir(parents=True)
        return folder

    def _stage(self, block: Block, workdir: Path) -> Path:
        staged = workdir / "pasted" / file_name(block.language, block.code)
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(block.code, "utf-8")
        return staged

    def prepare(
        self, block: Block, routing: Routing, workdir: Path
    ) -> tuple[list[Prepared], list[Observation]]:
        """How to run the block: as pasted first, then with stand-ins; and build findings.

        Returns the preparations to try in order (a later one is used to judge behaviour
        when an earlier one cannot run) and the findings the preparation itself produced.
        """
        staged = self._stage(block, workdir)
        handler = getattr(self, f"_prepare_{block.language}")
        return handler(block, staged, routing, workdir)

    def _generic(self, block: Block, staged: Path, routing: Routing, workdir: Path):
        runtime = self._runtime(block.language)
        run_dir = workdir / "run"
        try:
            prepared = runtime.prepare(staged, _variant_for(block.language), routing, run_dir)
        except BuildError as err:
            raise self._build_failure(block, str(err), staged.name) from None
        return [prepared], []

    _prepare_python = _generic
    _prepare_curl = _generic
    _prepare_php = _generic
    _prepare_go = _generic

    def _prepare_node(self, block: Block, staged: Path, routing: Routing, workdir: Path):
        runtime = self._runtime("node")
        pasted, _ = self._generic(block, staged, routing, workdir)
        missing = [
            (name, line)
            for name, line in node_imports(block.code)
            if not (Path(pasted[0].cwd or workdir) / "node_modules" / name).exists()
        ]
        if not missing or any(name not in _NODE_STAND_INS for name, _ in missing):
            return pasted, []
        # A second folder whose node_modules adds the stand-ins beside the pinned packages.
        deps = getattr(runtime, "deps", None)
        second = workdir / "with-stand-ins"
        prepared = runtime.prepare(staged, _variant_for("node"), routing, second)
        link = second / "node_modules"
        link.unlink()
        link.mkdir()
        if deps is not None:
            for entry in (Path(deps) / "node_modules").iterdir():
                (link / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
        for name, _ in missing:
            package = link / name
            package.mkdir(parents=True)
            files = _NODE_STAND_INS[name]
            for file, text in files.items():
                (package / file).write_text(text)
            manifest = {
                "name": name,
                "version": "0.0.0-samplegen-stand-in",
                "exports": {"import": "./index.mjs", "require": "./index.cjs"},
            }
            (package / "package.json").write_text(json.dumps(manifest))
        return [pasted[0], prepared], []

    def _prepare_java(self, block: Block, staged: Path, routing: Routing, workdir: Path):
        runtime = self._runtime("java")
        pasted, _ = self._generic(block, staged, routing, workdir)  # argv: java File.java
        prepared = pasted[0]
        imports = java_imports(block.code)
        classpath = getattr(runtime, "classpath", None)
        sdk = [name for name, _ in imports if name.startswith(_JAVA_SDK_PACKAGES)]
        other = [name for name, _ in imports if not name.startswith(_JAVA_SDK_PACKAGES)]
        if not imports:
            return [prepared], []
        if classpath is None:
            raise SkipRun("the Java SDK classpath is unavailable (Maven did not resolve the pins)")
        with_cp = Prepared(
            argv=["java", "-cp", classpath, staged.name], env=prepared.env, cwd=prepared.cwd
        )
        if sdk:
            # The page says to install the SDK; what it brings along (Jackson, Gson) comes too.
            return [with_cp], []
        provided = all(_jar_has_package(classpath, name) for name in other)
        return ([prepared, with_cp] if provided else [prepared]), []

    def _prepare_csharp(self, block: Block, staged: Path, routing: Routing, workdir: Path):
        runtime = self._runtime("csharp")
        del runtime
        run_dir = workdir / "run"
        run_dir.mkdir()
        (run_dir / "Program.cs").write_text(block.code, "utf-8")
        env = {"XDG_CONFIG_HOME": str(mono_trust(routing.ca_pem))}
        observations: list[Observation] = []
        command = ["mcs", "-nologo", *_MCS_REFERENCES, "-out:Program.exe", "Program.cs"]
        try:
            run_tool(command, cwd=run_dir, what="mcs Program.cs")
            return [Prepared(["mono", "Program.exe"], env, run_dir)], []
        except BuildError as err:
            output = str(err)
        errors = _MCS_ERROR.findall(output)
        missing = [(int(line), text) for line, code, text in errors if code in ("CS0246", "CS0103")]
        if missing:
            usings = sorted(set(re.findall(r"missing `([\w.]+)' using directive", output)))
            first = missing[0][0] - 1
            needed = ", ".join(f"using {u};" for u in usings) or "the missing using directives"
            observations.append(
                Observation(
                    first,
                    "build-failure",
                    "error",
                    "does not compile as pasted: it uses types without their using directives"
                    + (f" ({needed})" if usings else "")
                    + "; only a .NET 6+ project with ImplicitUsings builds it",
                    needed,
                    missing[0][1],
                    f"build: {shlex.join(command)}\n"
                    + "\n".join(f"  {line}" for line in tail(output, 8)),
                )
            )
        # Build what a .NET console project builds, to see what the code does when it runs.
        adapted = run_dir / "adapted"
        adapted.mkdir()
        (adapted / "Program.cs").write_text(dotnet_console_source(block.code), "utf-8")
        (adapted / "SamplegenAuditEntry.cs").write_text(_CS_ENTRY)
        command = [
            "mcs",
            "-nologo",
            *_MCS_REFERENCES,
            "-main:SamplegenAuditEntry",
            "-out:Program.exe",
            "Program.cs",
            "SamplegenAuditEntry.cs",
        ]
        try:
            run_tool(command, cwd=adapted, what="mcs (as a .NET console project)")
        except BuildError as err:
            rest = [
                (int(line), code, text)
                for line, code, text in _MCS_ERROR.findall(str(err))
                if code not in _MONO_ONLY
            ]
            if rest or not observations:
                line, code, text = rest[0] if rest else (1, "", str(err).splitlines()[-1])
                raise Unbuildable(
                    "build-failure",
                    line - 1,
                    f"does not compile: {code} {text}".replace("  ", " "),
                    "a block that compiles as a .NET console program",
                    text,
                    "build: mcs Program.cs (with .NET's implicit usings)\n"
                    + "\n".join(f"  {x}" for x in tail(str(err), 8)),
                ) from None
            raise Unbuildable(*_first(observations)) from None
        return [Prepared(["mono", "Program.exe"], env, adapted)], observations

    # ---- findings of a failed build or start -------------------------------------------
    def _build_failure(self, block: Block, output: str, name: str) -> Unbuildable:
        line = error_line(output, name)
        missing = missing_dependency(block.language, output)
        text = "build: " + "\n".join(tail(output, 10))
        if missing:
            return Unbuildable(
                "missing-dependency",
                line_of(block.code, missing, default=line),
                f"does not build as pasted: it imports {missing!r}, which it does not declare",
                "only the standard library, or the SDK the page says to install",
                missing,
                text,
            )
        message = output.strip().splitlines()[-1] if output.strip() else "the build failed"
        return Unbuildable(
            "build-failure", line, f"does not build as pasted: {message}", "", message, text
        )

    # ---- running -------------------------------------------------------------------
    def limit(self, language: str) -> float:
        """Seconds one run may take: ``--timeout``, else the language runtime's own limit."""
        if self.timeout is not None:
            return self.timeout
        runtime = self.session.runtime(language)
        return runtime.timeout if isinstance(runtime, Runtime) else 60.0

    def execute(
        self,
        prepared: Prepared,
        endpoint: Endpoint,
        key: str | None,
        proxy: InterceptingProxy,
        mock: Mock,
        case: str,
        limit: float,
    ) -> RunOutput:
        """Run ``prepared`` with ``key`` (None: the variable unset) in the harness environment,
        killed at the limit."""
        env = self.session.environment(prepared, endpoint, key or "", proxy.url)
        if key is None:
            env.pop(endpoint.auth.env, None)
        argv = [Path(prepared.argv[0]).name, *prepared.argv[1:]]
        shown = shlex.join(argv).replace(str(prepared.cwd or "") + os.sep, "")
        shown = re.sub(r"-cp \S+", "-cp <pinned SDK classpath>", shown)
        shown = re.sub(r"curl\.cainfo=\S+", "curl.cainfo=<test CA>", shown)
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
            return RunOutput(shown, case, None, "", f"cannot start: {err}", 0.0)
        try:
            out, err = process.communicate(timeout=limit)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            code = None
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        folder = str(prepared.cwd or "") + os.sep  # the work folder is not the reader's
        return RunOutput(
            shown,
            case,
            code,
            out.decode("utf-8", "replace").replace(folder, ""),
            err.decode("utf-8", "replace").replace(folder, ""),
            time.monotonic() - started,
            mock.requests,
            mock.events,
        )

    def run(self, block: Block) -> list[Observation]:
        """Run one block on the success path and with an invalid key; what went wrong."""
        if self.session.ca is None:
            raise RuntimeError("use the HarnessSession as a context manager")
        endpoint = block.endpoint
        mock = Mock([endpoint])
        with InterceptingProxy(mock, self.session.ca) as proxy:
            host, port = proxy.server_address[:2]
            routing = Routing(f"http://{host}:{port}", str(host), int(port), self.session.ca.pem)
            workdir = self._workdir(block)
            try:
                preparations, found = self.prepare(block, routing, workdir)
            except SkipRun as err:
                return [Observation(0, "not-run", "info", f"not run: {err.reason}", "", "", "")]
            except Unbuildable as err:
                return [err.observation]
            token = uuid.uuid4().hex[:16]
            config = MockConfig(
                api_key=f"sk-audit-{token}",
                denied_key=f"sk-audit-denied-{token}",
                reply=f"samplegen mock reply {token}",
                # A page's own sample sends its own valid values (one message, another
                # model): the mock checks the request against the spec's schema, not
                # against the spec's example (which is what a generated sample sends).
                exact_body=False,
            )
            mock.reset(config)
            judge = Judge(block, config, mock.evidence(endpoint))
            limit = self.limit(block.language)
            for prepared in preparations:  # the file an upload reads, as the reader has it
                for upload in endpoint.files:
                    target = Path(prepared.cwd or workdir) / upload.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(upload.example_bytes)

            def attempt(prepared: Prepared, key: str | None, case: str) -> RunOutput:
                mock.reset(config)
                return self.execute(prepared, endpoint, key, proxy, mock, case, limit)

            return found + judge.all(preparations, attempt)


def _first(observations: list[Observation]) -> tuple:
    o = observations[0]
    return (o.rule, o.line, o.message, o.spec, o.page, o.evidence)


def run_blocks(
    blocks: list[Block],
    cache: Path | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    progress: Callable[[Block], None] | None = None,
    jobs: int = 2,
) -> list[list[Observation]]:
    """Run every block (one harness session, ``jobs`` at a time); the observations of each,
    in the blocks' order."""
    with HarnessSession(cache) as session:
        for language in dict.fromkeys(b.language for b in blocks):
            session.setup(language)  # one language at a time: installs are heavy
        runner = BlockRunner(session, timeout)

        def one(block: Block) -> list[Observation]:
            if progress is not None:
                progress(block)
            return runner.run(block)

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            return list(pool.map(one, blocks))
