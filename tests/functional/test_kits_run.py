"""Every language's starter kit, built with its own toolchain and run against the mock."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.harness.runner import FAILED, PASSED, HarnessSession, SampleJob, default_cache
from generator.harness.runtime import Prepared, Routing
from generator.harness.runtimes.go import go_env
from generator.harness.runtimes.java import JavaRuntime
from generator.harness.runtimes.python import PythonRuntime
from generator.kits import Kit, KitRequest, render_kit, write_kits
from generator.render.environment import make_environment
from generator.render.registry import Variant, variant
from generator.render.samples import render_sample
from generator.sdk import pins
from generator.sources import load_specs
from tests.conftest import SPECS, TEMPLATES

ENDPOINTS = load_specs(SPECS)
# One kit per language, built once: the SDK variant where the language has one, so the
# project file's pinned dependencies are really installed and used.
KITS = {
    "python": ("python-openai", "chat-completions"),
    "node": ("node-openai", "chat-completions"),
    "go": ("go-nethttp", "text-generation"),
    "java": ("java-openai", "chat-completions"),
    "php": ("php-curl", "text-generation"),
    "csharp": ("csharp-httpclient", "chat-completions"),
    "curl": ("curl-curl", "text-generation"),
}
CACHE = default_cache()


@pytest.fixture(scope="module")
def session():
    with HarnessSession(CACHE) as harness:
        yield harness


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Kit, Path]]:
    """Each language's kit written by the real writer; languages without a template are absent."""
    out = tmp_path_factory.mktemp("kits")
    made: dict[str, tuple[Kit, Path]] = {}
    for lang, (name, endpoint) in KITS.items():
        v = variant(name)
        if not (TEMPLATES / v.template).is_file():
            continue
        region = next(e for e in ENDPOINTS if e.id == endpoint).default_region
        kit = render_kit(KitRequest(v.language, v.key, endpoint, region), ENDPOINTS)
        write_kits([kit], out)
        made[lang] = (kit, out / kit.name)
    return made


def the_kit(kits: dict[str, tuple[Kit, Path]], lang: str) -> tuple[Kit, Path]:
    """The language's kit, or a loud skip naming the missing sample template."""
    if lang not in kits:
        pytest.skip(f"SKIPPED: no sample template {variant(KITS[lang][0]).template} yet")
    return kits[lang]


def need(*tools: str) -> None:
    """Skip loudly, naming the tool, when one of ``tools`` is not installed."""
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"SKIPPED: {tool} is not installed; the {tools[0]} kit build is not run")


def build(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run one build step; a failure fails the test with the tool's output."""
    full = {**os.environ, **(env or {})}
    done = subprocess.run(
        argv, cwd=cwd, env=full, capture_output=True, text=True, timeout=900, check=False
    )
    if done.returncode != 0:
        pytest.fail(f"{' '.join(argv)} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def copy_of(folder: Path, tmp_path: Path) -> Path:
    """A throwaway copy of a kit to build in (builds write into the project folder)."""
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def judge(results: list) -> None:
    """Pass when every run passed (allowed skips aside); fail with the harness's message."""
    failed = [r for r in results if r.status == FAILED]
    if failed:
        pytest.fail("\n\n".join(r.message for r in failed))
    if not any(r.status == PASSED for r in results):
        pytest.skip("SKIPPED: " + "; ".join(sorted({r.message for r in results})))
    assert {r.case for r in results if r.status == PASSED} == {"success", "invalid-key"}


@pytest.mark.parametrize("lang", list(KITS))
def test_kit_entry_file_runs_against_the_mock(session, kits, lang: str) -> None:
    kit, folder = the_kit(kits, lang)
    endpoint = next(e for e in ENDPOINTS if e.id == kit.request.endpoint)
    v = variant(KITS[lang][0])
    entry = folder / kit.entry
    sample = render_sample(make_environment(TEMPLATES), endpoint, v)
    assert entry.read_text("utf-8") == sample  # the kit ships the generated sample itself
    judge(session.run_sample(SampleJob(endpoint, v, entry, kit.request.region)))


class KitVenvPython(PythonRuntime):
    """The harness's Python runtime, but running the kit with the venv its README builds."""

    def __init__(self, venv: Path) -> None:
        super().__init__()
        self.kit_venv = venv

    def setup(self, cache: Path) -> None:
        """Set up the CA shim as usual, then use the kit's own venv."""
        super().setup(cache)
        self.venv = self.kit_venv


def test_python_kit_installs_with_pip_and_runs_from_its_own_venv(kits, tmp_path: Path) -> None:
    kit, folder = the_kit(kits, "python")
    project = copy_of(folder, tmp_path)
    venv = tmp_path / "venv"
    build([sys.executable, "-m", "venv", str(venv)], tmp_path)
    pip_env = {"PIP_CACHE_DIR": str(CACHE / "pip"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    build([str(venv / "bin" / "pip"), "install", "--quiet", "."], project, pip_env)
    listed = json.loads(build([str(venv / "bin" / "pip"), "list", "--format=json"], project))
    versions = {p["name"].lower(): p["version"] for p in listed}
    assert versions["openai"] == pins.PYTHON["openai"]
    assert versions[kit.name] == "0.1.0"
    endpoint = next(e for e in ENDPOINTS if e.id == kit.request.endpoint)
    with HarnessSession(CACHE, runtimes={"python": KitVenvPython(venv)}) as own:
        judge(own.run_sample(SampleJob(endpoint, variant("python-openai"), project / kit.entry)))


def test_node_kit_npm_install(kits, tmp_path: Path) -> None:
    kit, folder = the_kit(kits, "node")
    need("npm", "node")
    project = copy_of(folder, tmp_path)
    build(
        ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        project,
        {"npm_config_cache": str(CACHE / "npm"), "npm_config_update_notifier": "false"},
    )
    installed = json.loads((project / "node_modules/openai/package.json").read_text())
    assert installed["version"] == pins.NPM["openai"]
    build(["node", "--check", kit.entry], project)


def test_go_kit_builds(kits, tmp_path: Path) -> None:
    _kit, folder = the_kit(kits, "go")
    need("go")
    project = copy_of(folder, tmp_path)
    env = go_env(CACHE)
    build(["go", "vet", "."], project, env)
    build(["go", "build", "-o", "sample", "."], project, env)  # the README's command
    assert (project / "sample").is_file()


class KitMavenJava(JavaRuntime):
    """The harness's Java runtime, but running the kit the README's way: ``mvn exec:java``."""

    def __init__(self, project: Path) -> None:
        super().__init__()
        self.project = project

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Run ``mvn --offline exec:java`` in the kit; the proxy and trust go in MAVEN_OPTS."""
        repo = f"-Dmaven.repo.local={self.cache / 'm2'}"
        return Prepared(
            argv=["mvn", "--batch-mode", "--quiet", "--offline", repo, "exec:java"],
            env={"MAVEN_OPTS": self.jvm_options(routing)},
            cwd=self.project,
        )

    def setup(self, cache: Path) -> None:
        """Remember the cache (the kit resolved its own dependencies with ``mvn package``)."""
        self.cache = cache


def test_java_kit_mvn_package_and_exec_java(kits, tmp_path: Path) -> None:
    kit, folder = the_kit(kits, "java")
    need("mvn", "javac", "keytool")
    project = copy_of(folder, tmp_path)
    repo = f"-Dmaven.repo.local={CACHE / 'm2'}"
    build(["mvn", "--batch-mode", "--quiet", repo, "package"], project)
    assert (project / "target" / f"{kit.name}-0.1.0.jar").is_file()
    assert (project / "target" / "classes" / "Main.class").is_file()
    build(["mvn", "--batch-mode", "--quiet", repo, "exec:help"], project)  # fetch the plugin once
    endpoint = next(e for e in ENDPOINTS if e.id == kit.request.endpoint)
    with HarnessSession(CACHE, runtimes={"java": KitMavenJava(project)}) as own:
        judge(own.run_sample(SampleJob(endpoint, variant("java-openai"), project / kit.entry)))


def test_php_kit_lints_and_validates(kits, tmp_path: Path) -> None:
    kit, folder = the_kit(kits, "php")
    need("php")
    build(["php", "-l", kit.entry], folder)
    assert json.loads((folder / "composer.json").read_text())["require"]["ext-curl"] == "*"
    if shutil.which("composer") is None:
        pytest.skip("SKIPPED (after php -l passed): composer is not installed, no validate")
    build(["composer", "validate", "--no-check-publish", "--no-interaction"], folder)


def test_csharp_kit_compiles_with_mono_and_dotnet(kits, tmp_path: Path) -> None:
    kit, folder = the_kit(kits, "csharp")
    need("mcs")
    project = copy_of(folder, tmp_path)
    build(
        [
            "mcs",
            "-nologo",
            "-r:System.Net.Http.dll",
            "-r:System.Runtime.Serialization.dll",
            kit.entry,
        ],
        project,
    )
    assert (project / "Program.exe").is_file()
    if shutil.which("dotnet") is None:
        pytest.skip("SKIPPED (after mcs passed): the .NET SDK is not installed, no dotnet build")
    (project / "Program.exe").unlink()
    from generator.harness.runtimes.csharp import dotnet_env

    build(["dotnet", "build", "--nologo"], project, dotnet_env(CACHE))


def test_curl_kit_script_is_valid_bash(kits) -> None:
    kit, folder = the_kit(kits, "curl")
    need("bash")
    text = (folder / kit.entry).read_text()
    assert "set -euo pipefail" in text
    assert (folder / kit.entry).stat().st_mode & 0o111
    build(["bash", "-n", kit.entry], folder)
    if shutil.which("shellcheck") is None:
        pytest.skip("SKIPPED (after bash -n passed): shellcheck is not installed")
    build(["shellcheck", kit.entry], folder)
