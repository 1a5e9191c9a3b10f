"""C# runtime: a Mono run (mcs + mono) and a .NET run (dotnet; an allowed skip if absent)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.harness.runtime import BuildError, Prepared, Routing, Runtime, SkipRun
from generator.harness.runtimes import cache_lock, copy_sample, run_tool, which
from generator.registry import Variant

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

    def _prepare_mono(self, sample: Path, routing: Routing, workdir: Path) -> Prepared:
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
