"""Batch builds: one compiler start for all of a language's samples, each failure its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.harness.runner import FAILED, PASSED, HarnessSession, SampleJob
from generator.render.editions import sample_relpath
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}


def need(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"SKIPPED: {tool} is not installed")


def write(out: Path, endpoint_id: str, name: str, broken: bool = False) -> SampleJob:
    endpoint, chosen = ENDPOINTS[endpoint_id], variant(name)
    text = render_sample(make_environment(), endpoint, chosen)
    if broken:
        text += "\nthis line does not compile\n"
    path = out / sample_relpath(endpoint, chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return SampleJob(endpoint, chosen, path)


def verdicts(results) -> list[tuple[str, str]]:
    return [(r.test_id, r.status) for r in results]


@pytest.mark.parametrize(
    ("name", "compiler", "tools"),
    [("java-httpclient", "javac", ("java", "javac", "keytool")), ("go-nethttp", "go", ("go",))],
)
def test_a_batch_compiles_every_sample_and_a_broken_one_fails_alone(
    tmp_path: Path, name: str, compiler: str, tools: tuple[str, ...]
) -> None:
    need(*tools)
    good = write(tmp_path, "chat-completions", name)
    bad = write(tmp_path, "text-generation", name, broken=True)
    with HarnessSession(keep_workdir=True) as session:
        results = session.run_all([good, bad], workers=2)
        assert session.tmp is not None
        scratch = list((session.tmp / "batch").iterdir())
    shutil.rmtree(scratch[0].parent.parent, ignore_errors=True)
    language = good.variant.language
    assert [p.name.split("-")[0] for p in scratch] == [language]  # one batch for the language
    where = f"{good.variant.language}/{good.variant.key}"
    assert verdicts(results) == [
        (f"chat-completions/{where}::success", PASSED),
        (f"chat-completions/{where}::invalid-key", PASSED),
        (f"text-generation/{where}::success", FAILED),
        (f"text-generation/{where}::invalid-key", FAILED),
    ]
    message = results[2].message
    assert message.startswith(f"{language} {good.variant.key} sample for text-generation (build")
    assert f"build failed: {compiler}" in message
    assert "Main.java" in message or "main.go" in message  # the compiler's own diagnostics


def test_java_compiles_all_its_samples_in_one_batch_and_runs_them_from_classes(
    tmp_path: Path,
) -> None:
    need("java", "javac", "keytool")
    jobs = [write(tmp_path, e, "java-httpclient") for e in ("chat-completions", "text-generation")]
    with HarnessSession(keep_workdir=True) as session:
        results = session.run_all(jobs, workers=2)
        assert session.tmp is not None
        (batch,) = (session.tmp / "batch").iterdir()
        listing = (batch / "samples.txt").read_text("utf-8").splitlines()
        compiled = sorted(
            p.parent.parent.name for p in session.tmp.glob("work/*/classes/Main.class")
        )
    shutil.rmtree(batch.parent.parent, ignore_errors=True)
    assert {r.status for r in results} == {PASSED}, [r.message for r in results]
    assert len(listing) == 2  # both samples in the one compiler JVM
    assert len(compiled) == 2 and all("java-httpclient" in name for name in compiled)


def test_mono_compiles_its_samples_in_one_process_and_a_broken_one_fails_alone(
    tmp_path: Path,
) -> None:
    need("mcs", "mono", "cert-sync")
    good = write(tmp_path, "chat-completions", "csharp-httpclient")
    bad = write(tmp_path, "text-generation", "csharp-httpclient", broken=True)
    with HarnessSession(keep_workdir=True) as session:
        results = session.run_all([good, bad], workers=2)
        assert session.tmp is not None
        (batch,) = (session.tmp / "batch").iterdir()
        listing = (batch / "samples.txt").read_text("utf-8").splitlines()
    shutil.rmtree(batch.parent.parent, ignore_errors=True)
    mono = [(r.test_id, r.status) for r in results if r.flavour == "mono"]
    assert mono == [
        ("chat-completions/csharp/httpclient[mono]::success", PASSED),
        ("chat-completions/csharp/httpclient[mono]::invalid-key", PASSED),
        ("text-generation/csharp/httpclient[mono]::success", FAILED),
        ("text-generation/csharp/httpclient[mono]::invalid-key", FAILED),
    ]
    assert len(listing) == 2  # both Mono runs' samples in the one compiler process
    message = next(r.message for r in results if r.status == FAILED)
    assert "build failed: mcs: exit status 1" in message
    assert "Program.cs(" in message and "error CS" in message  # mcs's own diagnostic
