"""C# runtime: a Mono run (mcs + mono) and a .NET run (dotnet; an allowed skip if absent)."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path

from generator.harness.runtime import BuildError, BuildItem, Prepared, Routing, Runtime, SkipRun
from generator.harness.runtimes import cache_lock, copy_sample, fingerprint, run_tool, which
from generator.render.registry import Variant

MONO = "mono"
DOTNET = "dotnet"

# A warning is a build failure: the samples must compile cleanly on both compilers.
# Streamed samples read each event's JSON with System.Runtime.Serialization.Json.
MCS_ARGS = [
    "-nologo",
    "-warnaserror+",
    "-r:System.Net.Http.dll",
    "-r:System.Runtime.Serialization.dll",
    "-out:Program.exe",
]

# One Mono process compiles every sample of a batch with the compiler mcs itself runs
# (Mono.CSharp in mcs.exe), each into its own Program.exe: every sample's class is Program,
# so one mcs command cannot take them all. Input: one line per sample,
# "out-exe<TAB>source<TAB>log-file"; output: one line per sample, "<0 or 1><TAB><line number>".
BATCH_COMPILER = """using System;
using System.IO;

static class BatchMcs
{
    static int Main(string[] args)
    {
        string[] lines = File.ReadAllLines(args[0]);
        for (int i = 0; i < lines.Length; i++)
        {
            string[] f = lines[i].Split('\\t');
            var log = new StringWriter();
            var argv = new System.Collections.Generic.List<string>(args[1].Split('\\t'));
            argv.Add("-out:" + f[0]);
            argv.Add(f[1]);
            bool ok = Mono.CSharp.CompilerCallableEntryPoint.InvokeCompiler(argv.ToArray(), log);
            File.WriteAllText(f[2], log.ToString());
            Console.WriteLine((ok ? "0" : "1") + "\\t" + i);
        }
        return 0;
    }
}
"""

CSPROJ = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>{framework}</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
</Project>
"""


def mono_trust(ca_pem: Path) -> Path:
    """A Mono certificate store trusting ``ca_pem``; returns the ``XDG_CONFIG_HOME`` to use.

    ``cert-sync --user`` writes the store below ``$HOME/.config/.mono``; Mono reads it
    from ``$XDG_CONFIG_HOME/.mono``. Made once per harness session, beside the CA.
    """
    home = ca_pem.parent / "mono-home"
    config = home / ".config"
    with cache_lock(home):
        done = home / ".complete"
        if not done.is_file():
            run_tool(["cert-sync", "--user", ca_pem], env={"HOME": str(home)}, what="cert-sync")
            done.write_text(str(ca_pem) + "\n")
    return config


def mcs_assembly() -> Path | None:
    """The ``mcs.exe`` the ``mcs`` command runs (Debian's ``mcs`` is a one-line shell script)."""
    script = which("mcs")
    if script is None:
        return None
    try:
        text = Path(script).read_text("utf-8", "replace")[:4000]
    except OSError:
        return None
    found = re.search(r"(/\S+/mcs\.exe)\b", text)
    return Path(found.group(1)) if found and Path(found.group(1)).is_file() else None


def batch_compiler(cache: Path, assembly: Path) -> Path:
    """``BatchMcs.exe`` (:data:`BATCH_COMPILER`) built against ``assembly``, once per cache."""
    folder = cache / "csharp" / f"batch-{fingerprint(BATCH_COMPILER, str(assembly))}"
    program = folder / "BatchMcs.exe"
    with cache_lock(folder):
        if not program.is_file():
            (folder / "BatchMcs.cs").write_text(BATCH_COMPILER, "utf-8")
            run_tool(
                ["mcs", "-nologo", f"-r:{assembly}", "-out:BatchMcs.exe.tmp", "BatchMcs.cs"],
                cwd=folder,
                what="mcs (batch compiler)",
            )
            (folder / "BatchMcs.exe.tmp").rename(program)
    return program


def dotnet_env(cache: Path) -> dict[str, str]:
    """Variables keeping the .NET CLI's state in ``cache/dotnet`` and its output quiet."""
    root = cache / "dotnet"
    return {
        "DOTNET_CLI_HOME": str(root / "home"),
        "NUGET_PACKAGES": str(root / "nuget"),
        "DOTNET_NOLOGO": "1",
        "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
        "DOTNET_SKIP_FIRST_TIME_EXPERIENCE": "1",
    }


class CSharpRuntime(Runtime):
    """Compiles ``Program.cs`` with Mono's ``mcs`` and, where installed, with the .NET SDK."""

    language = "csharp"

    def __init__(self) -> None:
        self.cache: Path | None = None
        self._built: dict[Path, BuildError | None] = {}  # Mono work folder -> batch outcome
        self._lock = threading.Lock()

    def missing(self) -> str | None:
        """Mono's compiler, runtime and cert-sync must be on PATH (.NET is optional)."""
        absent = [tool for tool in ("mcs", "mono", "cert-sync") if which(tool) is None]
        if absent:
            return (
                f"{', '.join(absent)} not on PATH (Debian: mono-mcs mono-runtime "
                "libmono-system-net-http4.0-cil libmono-system-runtime-serialization4.0-cil "
                "ca-certificates-mono)"
            )
        return None

    def setup(self, cache: Path) -> None:
        """Remember the cache; the .NET CLI keeps its home and packages under ``cache/dotnet``."""
        self.cache = cache

    def flavours(self, variant: Variant) -> tuple[str, ...]:
        """Every C# sample runs twice: on Mono and on .NET."""
        return (MONO, DOTNET)

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """The Mono run (the flavour every machine with the Debian packages can do)."""
        return self.prepare_flavour(sample, variant, routing, workdir, MONO)

    def prepare_flavour(
        self, sample: Path, variant: Variant, routing: Routing, workdir: Path, flavour: str
    ) -> Prepared:
        """Build the sample for ``flavour`` in ``workdir`` and say how to run it."""
        if flavour == MONO:
            return self._prepare_mono(sample, routing, workdir)
        if flavour == DOTNET:
            return self._prepare_dotnet(sample, routing, workdir)
        raise ValueError(f"unknown C# flavour {flavour!r}")

    def prepare_batch(self, items: Sequence[BuildItem], scratch: Path) -> None:
        """Compile every Mono run's sample in one Mono process (:data:`BATCH_COMPILER`)
        with :data:`MCS_ARGS`, each into its ``workdir/Program.exe``; .NET runs build alone."""
        mono = [item for item in items if item.flavour == MONO]
        assembly = mcs_assembly()
        if not mono or assembly is None or self.cache is None:
            return
        program = batch_compiler(self.cache, assembly)
        lines = []
        for item in mono:
            copy = copy_sample(item.sample, item.workdir)
            fields = [item.workdir / "Program.exe", copy, item.workdir / "mcs.log"]
            lines.append("\t".join(str(f) for f in fields))
        if any(line.count("\t") != 2 or "\n" in line for line in lines):
            return  # a path that cannot be one line: every sample compiles alone
        listing = scratch / "samples.txt"
        listing.write_text("\n".join(lines) + "\n", "utf-8")
        options = "\t".join(arg for arg in MCS_ARGS if not arg.startswith("-out:"))
        printed = run_tool(
            ["mono", program, listing, options],
            cwd=scratch,
            env={"MONO_PATH": str(assembly.parent)},
            what="mcs (batch)",
        )
        for line in printed.splitlines():
            status, _, index = line.partition("\t")
            item = mono[int(index)]
            error = None
            if status != "0":
                log = (item.workdir / "mcs.log").read_text("utf-8", "replace")
                error = BuildError(f"mcs: exit status 1\n{log[-4000:]}")
            with self._lock:
                self._built[item.workdir] = error

    def _prepare_mono(self, sample: Path, routing: Routing, workdir: Path) -> Prepared:
        with self._lock:
            batched = workdir in self._built
            error = self._built.get(workdir)
        if error is not None:
            raise error
        if not batched:
            copy = copy_sample(sample, workdir)
            run_tool(["mcs", *MCS_ARGS, copy.name], cwd=workdir, what="mcs")
        # Mono's HttpClient reads the lower-case https_proxy, which the harness sets.
        return Prepared(
            argv=["mono", "Program.exe"],
            env={"XDG_CONFIG_HOME": str(mono_trust(routing.ca_pem))},
            cwd=workdir,
        )

    def _prepare_dotnet(self, sample: Path, routing: Routing, workdir: Path) -> Prepared:
        if which("dotnet") is None:
            raise SkipRun(
                "the .NET SDK (dotnet) is not on PATH: the .NET run is skipped, the Mono run "
                "covers this sample",
                allowed=True,
            )
        if self.cache is None:
            raise RuntimeError("setup() was not called")
        env = dotnet_env(self.cache)
        version = run_tool(["dotnet", "--version"], env=env, what="dotnet --version").strip()
        major = re.match(r"\d+", version)
        if major is None:
            raise BuildError(f"dotnet --version printed {version!r}, not a version")
        copy_sample(sample, workdir)
        (workdir / "Program.csproj").write_text(CSPROJ.format(framework=f"net{major.group()}.0"))
        run_tool(
            ["dotnet", "build", "--nologo", "-c", "Release", "-o", "bin"],
            cwd=workdir,
            env=env,
            what="dotnet build",
        )
        # .NET on Linux takes the proxy from HTTPS_PROXY and trusts OpenSSL's SSL_CERT_FILE.
        return Prepared(
            argv=["dotnet", str(workdir / "bin" / "Program.dll")],
            env={**env, "SSL_CERT_FILE": str(routing.ca_pem)},
            cwd=workdir,
        )


RUNTIME = CSharpRuntime()
