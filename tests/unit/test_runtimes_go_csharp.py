"""The Go and C# harness runtimes: build in the work folder, routing variables, .NET skip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import trustme

from generator.harness.discovery import find_runtime
from generator.harness.runtime import BuildError, Routing, SkipRun
from generator.harness.runtimes import csharp as csharp_runtime
from generator.harness.runtimes import go as go_runtime
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"


def sample(tmp_path: Path, name: str, filename: str) -> Path:
    """The shipped chat-completions sample of variant ``name``, written under ``tmp_path/src``."""
    endpoint = next(e for e in load_specs(ROOT / "specs") if e.id == "chat-completions")
    text = render_sample(make_environment(ROOT / "templates"), endpoint, variant(name))
    path = tmp_path / "src" / filename
    path.parent.mkdir(parents=True)
    path.write_text(text, "utf-8")
    return path


def routing(tmp_path: Path) -> Routing:
    """Routing through a proxy that is never contacted (prepare only builds)."""
    session = tmp_path / "session"
    session.mkdir()
    ca = session / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(ca))
    return Routing("http://127.0.0.1:9", "127.0.0.1", 9, ca)


def test_discovery_finds_both_runtimes() -> None:
    assert isinstance(find_runtime("go"), go_runtime.GoRuntime)
    assert isinstance(find_runtime("csharp"), csharp_runtime.CSharpRuntime)


def test_csharp_runs_twice_mono_and_dotnet() -> None:
    assert csharp_runtime.RUNTIME.flavours(variant("csharp-httpclient")) == ("mono", "dotnet")


def test_dotnet_absent_is_an_allowed_skip(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(csharp_runtime, "which", lambda tool: None)
    runtime = csharp_runtime.CSharpRuntime()
    runtime.setup(tmp_path / "cache")
    with pytest.raises(SkipRun) as info:
        runtime.prepare_flavour(
            tmp_path / "Program.cs",
            variant("csharp-httpclient"),
            routing(tmp_path),
            tmp_path / "work",
            "dotnet",
        )
    assert info.value.allowed
    assert "dotnet" in info.value.reason


def test_missing_tools_are_named(monkeypatch) -> None:
    monkeypatch.setattr(go_runtime, "which", lambda tool: None)
    monkeypatch.setattr(csharp_runtime, "which", lambda tool: None)
    assert "golang-go" in (go_runtime.GoRuntime().missing() or "")
    assert "mono-mcs" in (csharp_runtime.CSharpRuntime().missing() or "")


@pytest.mark.skipif(shutil.which("go") is None, reason="SKIPPED: go is not on PATH (golang-go)")
def test_go_builds_in_the_workdir_and_trusts_the_ca(tmp_path: Path) -> None:
    src = sample(tmp_path, "go-nethttp", "main.go")
    before = sorted(p.name for p in src.parent.iterdir())
    runtime = go_runtime.GoRuntime()
    runtime.setup(CACHE)
    route = routing(tmp_path)
    prepared = runtime.prepare(src, variant("go-nethttp"), route, tmp_path / "work")
    assert Path(prepared.argv[0]).is_file()
    assert Path(prepared.argv[0]).parent == tmp_path / "work"
    assert prepared.env["SSL_CERT_FILE"] == str(route.ca_pem)
    assert sorted(p.name for p in src.parent.iterdir()) == before  # nothing beside the sample
    assert (tmp_path / "work" / "main.go").read_bytes() == src.read_bytes()


@pytest.mark.skipif(shutil.which("go") is None, reason="SKIPPED: go is not on PATH (golang-go)")
def test_go_build_failure_is_a_build_error(tmp_path: Path) -> None:
    src = tmp_path / "main.go"
    src.write_text("package main\n\nfunc main() { undefined() }\n")
    runtime = go_runtime.GoRuntime()
    runtime.setup(CACHE)
    with pytest.raises(BuildError, match="undefined"):
        runtime.prepare(src, variant("go-nethttp"), routing(tmp_path), tmp_path / "work")


@pytest.mark.skipif(
    shutil.which("mcs") is None or shutil.which("cert-sync") is None,
    reason="SKIPPED: Mono is not on PATH (mono-mcs, mono-runtime, ca-certificates-mono)",
)
def test_mono_flavour_compiles_and_fills_a_trust_store_once(tmp_path: Path) -> None:
    src = sample(tmp_path, "csharp-httpclient", "Program.cs")
    runtime = csharp_runtime.CSharpRuntime()
    runtime.setup(CACHE)
    route = routing(tmp_path)
    first = runtime.prepare_flavour(
        src, variant("csharp-httpclient"), route, tmp_path / "w1", "mono"
    )
    assert first.argv == ["mono", "Program.exe"] and first.cwd == tmp_path / "w1"
    assert (tmp_path / "w1" / "Program.exe").is_file()
    config = Path(first.env["XDG_CONFIG_HOME"])
    assert config.is_relative_to(route.ca_pem.parent)
    assert list((config / ".mono" / "new-certs" / "Trust").iterdir())
    second = runtime.prepare_flavour(
        src, variant("csharp-httpclient"), route, tmp_path / "w2", "mono"
    )
    assert second.env == first.env
