"""samplegen as a docs repository uses it: only the installed wheel, from a folder outside
this checkout. Every command works there, and nothing is written into the checkout."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator import __version__
from generator.harness.runner import find_jobs, job_cases
from generator.sources import load_specs
from tests.conftest import ROOT
from tests.functional.installed import checkout_state, clean_env, ok, run, shared_install

pytestmark = pytest.mark.installed


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtualenv holding only the wheel and its dependencies."""
    bin_dir = shared_install(tmp_path_factory)
    (wheel,) = (bin_dir.parent.parent / "dist").glob("*.whl")
    assert wheel.name == f"samplegen-{__version__}-py3-none-any.whl"
    return bin_dir


def test_the_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = ok(
        [
            str(installed / "python"),
            "-c",
            "import generator.resources as r; print(r.templates_dir()); print(r.example_spec())",
        ],
        tmp_path,
        clean_env(),
    ).split()
    assert all(Path(p).is_relative_to(installed.parent) for p in where), where
    assert not any(Path(p).is_relative_to(ROOT) for p in where)


def test_every_command_works_from_a_new_project(installed: Path, tmp_path: Path) -> None:
    before = checkout_state()
    project = tmp_path / "docs-site"
    project.mkdir()
    env = clean_env(PATH=f"{installed}:{clean_env()['PATH']}")
    samplegen = str(installed / "samplegen")

    def sg(*args: str) -> str:
        return ok([samplegen, *args], project, env)

    assert "wrote samplegen.toml" in sg("init")
    # One edition of the matrix keeps verify short; it also exercises the config's lists.
    with (project / "samplegen.toml").open("a") as config:
        config.write("regions = []\nlocales = []\n")
    assert re.search(r"^\d+ written, 0 unchanged, 0 removed in samples/$", sg("generate"), re.M)
    assert (project / "samples" / "chat-completions" / "python" / "openai" / "main.py").is_file()
    assert not (project / "samples" / "regions").exists()
    assert "1 file(s) updated; 1 block(s) in 1 file(s)" in sg("sync")
    assert "```python" in (project / "docs" / "api.md").read_text()
    assert "samples/ is up to date" in sg("check")
    assert "1 block(s) in 1 file(s) are up to date" in sg("sync", "--check")
    cache = tmp_path / "cache"
    verified = sg("verify", "--lang", "python", "--lang", "curl", "--cache", str(cache))
    # The one edition the config keeps (no region or locale folder); python and curl run
    # each case once (one flavour each).
    endpoints = load_specs(project / "specs")
    jobs = find_jobs(project / "samples", endpoints, ["python", "curl"])
    runs = sum(len(job_cases(j)) for j in jobs if not j.prefix)
    assert runs > 2 * len([j for j in jobs if not j.prefix]) > 0  # error probes run too
    assert f"verify: {runs} passed, 0 failed, 0 skipped" in verified
    assert cache.is_dir() and not (project / ".cache").exists()
    sg("kit", "python", "--endpoint", "chat-completions", "--out", "kits")
    assert "up to date: kits/chat-completions-python-openai" in sg("kit", "--check", "kits")
    document = json.loads(sg("openapi", "--format", "json"))
    assert "/compatible-mode/v1/chat/completions" in document["paths"]
    assert "no findings" in sg("audit")
    assert sg("guide", "docs-workflows").startswith("# Docs workflows")
    assert checkout_state() == before


def test_a_stale_page_and_stale_samples_fail_with_a_fix_that_works(
    installed: Path, tmp_path: Path
) -> None:
    env = clean_env()
    samplegen = str(installed / "samplegen")
    ok([samplegen, "init"], tmp_path, env)
    ok([samplegen, "generate"], tmp_path, env)
    ok([samplegen, "sync"], tmp_path, env)
    spec = tmp_path / "specs" / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max"))
    for args, fix in ((["check"], "samplegen generate"), (["sync", "--check"], "samplegen sync")):
        stale = run([samplegen, *args], tmp_path, env)
        assert stale.returncode == 1
        # The first line says what drifted and the command that fixes it.
        assert stale.stdout.splitlines()[0].endswith(f"run: {fix}"), stale.stdout
        ok(fix.split(), tmp_path, {**env, "PATH": f"{installed}:{env['PATH']}"})
        assert run([samplegen, *args], tmp_path, env).returncode == 0


def test_every_command_has_help_and_the_mock_serves(installed: Path, tmp_path: Path) -> None:
    samplegen = str(installed / "samplegen")
    env = clean_env()
    listing = ok([samplegen, "--help"], tmp_path, env)
    commands = re.findall(r"^  ([a-z]+)\s", listing.split("Commands:")[1], re.M)
    assert {
        "generate",
        "check",
        "sync",
        "verify",
        "kit",
        "openapi",
        "audit",
        "mock",
        "init",
    } <= set(commands)
    for command in commands:
        assert "Usage:" in ok([samplegen, command, "--help"], tmp_path, env)
    ok([samplegen, "init"], tmp_path, env)
    mock = subprocess.Popen(
        [samplegen, "mock", "--port", "0"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert mock.stdout is not None
        first = mock.stdout.readline()
        url = re.match(r"mock: (http://127\.0\.0\.1:\d+)", first)
        assert url, first
        request = urllib.request.Request(
            url.group(1) + "/compatible-mode/v1/chat/completions", data=b"{}", method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 401  # no key: the spec's invalid_api_key error
    finally:
        mock.terminate()
        mock.wait(timeout=10)
