"""Java samples start from a class-data-sharing archive made from what one of them loaded
(generator/harness/runtimes/java_cds.py): made once per cache, checked, then used."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.harness.discovery import find_runtime
from generator.harness.runner import PASSED, HarnessSession, find_jobs
from generator.harness.runtimes.java import JavaRuntime
from generator.harness.runtimes.java_cds import SharedArchives, has_top_level_main
from generator.sources import load_specs
from tests.conftest import OUTPUT, SPECS

pytestmark = pytest.mark.skipif(
    JavaRuntime().missing() is not None, reason=f"Java runtime: {JavaRuntime().missing()}"
)
CHOSEN = ("embeddings", "text-generation")


def test_the_first_session_makes_the_archive_and_the_next_runs_from_it(tmp_path: Path) -> None:
    endpoints = [e for e in load_specs(SPECS) if e.id in CHOSEN]
    jobs = [
        dataclasses.replace(j, probe_errors=False)  # success and invalid key are enough here
        for j in find_jobs(OUTPUT, endpoints, ["java"], region="intl", locale="en")
        if j.variant.key == "httpclient"  # no SDK to resolve into the fresh cache
    ]
    assert len(jobs) == len(CHOSEN)
    runtime = find_runtime("java")
    assert isinstance(runtime, JavaRuntime)
    with HarnessSession(tmp_path) as session:
        results = session.run_all(jobs, workers=1)  # the first records, a later one dumps
        runtime.cds.wait()
    assert {r.status for r in results} == {PASSED}, [r.message for r in results]
    (archive,) = (tmp_path / "java" / "cds").glob("httpclient-*.jsa")
    assert archive == runtime.cds.archive("httpclient", "")
    assert not list(archive.parent.glob(".*.tmp"))  # published whole, or not at all

    options, shared = runtime.cds.options("httpclient", "", tmp_path)
    assert (options, shared) == ([f"-XX:SharedArchiveFile={archive}"], True)
    check = subprocess.run(  # the JDK maps it (-Xshare:on fails on an unusable archive)
        ["java", "-Xshare:on", f"-XX:SharedArchiveFile={archive}", "-XX:TieredStopAtLevel=1",
         "-XX:+UseSerialGC", "-version"],
        capture_output=True, text=True, env={**os.environ, "JAVA_TOOL_OPTIONS": ""},
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    with HarnessSession(tmp_path) as session:  # a later session runs every case from it
        again = session.run_all(jobs[:1], workers=1)
    assert {r.status for r in again} == {PASSED}, [r.message for r in again]


def test_only_finished_class_lists_are_dumped(tmp_path: Path) -> None:
    alive = tmp_path / f"cds-pid{os.getpid()}.lst"
    alive.write_text("java/lang/Object\n")
    assert SharedArchives._finished_list(tmp_path) is None  # its process still writes it
    child = subprocess.Popen(["true"])
    child.wait()
    done = tmp_path / f"cds-pid{child.pid}.lst"
    done.write_text("java/lang/Object\njava/lang/String\n")
    assert SharedArchives._finished_list(tmp_path) == done


def test_no_archive_puts_the_sdk_before_a_class_main_of_its_own(tmp_path: Path) -> None:
    plain, shadowing = tmp_path / "sdk.jar", tmp_path / "bad.jar"
    with zipfile.ZipFile(plain, "w") as jar:
        jar.writestr("com/example/Client.class", b"")
    with zipfile.ZipFile(shadowing, "w") as jar:
        jar.writestr("Main.class", b"")
    assert not has_top_level_main(str(plain))
    assert has_top_level_main(f"{plain}:{shadowing}")
    assert has_top_level_main(str(tmp_path))  # a folder could hold anything
