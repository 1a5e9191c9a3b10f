"""The verify result cache: its key and its store (processes: test_verify_cache.py)."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import yaml

from generator.harness.result_cache import (
    MAX_ENTRIES,
    CachingSession,
    ResultStore,
    code_digest,
    code_files,
    endpoint_form,
)
from generator.harness.runner import PASSED, CaseResult, find_jobs, job_cases
from generator.sources.yaml_spec import load_spec
from tests.conftest import SPECS

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"


def test_a_reformatted_spec_has_the_same_endpoint_form(tmp_path: Path) -> None:
    original = load_spec(SPECS / "embeddings.yaml")
    data = yaml.safe_load((SPECS / "embeddings.yaml").read_text())
    data = dict(reversed(data.items()))  # top-level keys in another order
    shutil.copy(SPECS / "_api.yaml", tmp_path)  # what the spec inherits
    other = tmp_path / "embeddings.yaml"
    other.write_text(
        "# comment\n\n\n"
        + yaml.safe_dump(data, sort_keys=False, default_flow_style=True, allow_unicode=True)
    )
    moved = load_spec(other)
    assert (moved.source, moved.id_line) != (original.source, original.id_line)
    assert endpoint_form(moved) == endpoint_form(original)


def test_every_meaningful_field_changes_the_endpoint_form() -> None:
    endpoint = load_spec(SPECS / "embeddings.yaml")
    error = endpoint.errors[0]
    changed = [
        dataclasses.replace(endpoint, errors=(dataclasses.replace(error, status=418),)),
        dataclasses.replace(endpoint, models=("another-model",)),
        dataclasses.replace(endpoint, request_example={"model": "x"}),
        dataclasses.replace(endpoint, auth=dataclasses.replace(endpoint.auth, env="OTHER")),
        dataclasses.replace(
            endpoint, regions=(dataclasses.replace(endpoint.regions[0], base_url="https://x"),)
        ),
    ]
    forms = {endpoint_form(e) for e in changed} | {endpoint_form(endpoint)}
    assert len(forms) == len(changed) + 1


def test_the_code_in_the_key_is_the_harness_the_mock_the_model_and_their_imports() -> None:
    files, third_party = code_files()
    names = {str(p.relative_to(PACKAGE)) for p in files}
    must = {
        "harness/runner.py",
        "harness/runtimes/java.py",
        "mock/core.py",
        "mock/proxy.py",
        "model/endpoint.py",
        "sdk/pins.py",  # imported by the runtimes: the pinned SDK versions
        "render/registry.py",  # the variants a job names
        "__init__.py",
    }
    assert must <= names
    # What reaches a case only through the validated endpoint, or only the type checker.
    assert not any(n.startswith(("sources/", "cli/", "output/")) for n in names)
    assert "render/samples.py" not in names and "render/environment.py" not in names
    assert {"jsonschema", "trustme"} <= third_party


def test_the_store_is_bounded_and_keeps_the_recently_used(tmp_path: Path) -> None:
    store = ResultStore(tmp_path, max_entries=10)
    for n in range(10):
        store.put(f"old{n}", {"cases": [["success", 0.1]]})
    store.close()
    store = ResultStore(tmp_path, max_entries=10)
    assert store.get("old3") is not None  # used again: recent now
    for n in range(5):
        store.put(f"new{n}", {"cases": [["success", 0.1]]})
    store.close()
    db = sqlite3.connect(tmp_path / "results.sqlite3")
    kept = {key for (key,) in db.execute("SELECT key FROM results")}
    db.close()
    assert len(kept) <= 10
    assert {"old3", *(f"new{n}" for n in range(5))} <= kept
    assert MAX_ENTRIES >= 10_000


def test_a_store_that_cannot_be_written_or_read_breaks_nothing(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    store = ResultStore(blocked / "verify")
    store.put("k", {"cases": []})
    assert store.get("k") is None and store.count() == 0
    store.close()
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "results.sqlite3").write_bytes(b"this is not a database" * 100)
    store = ResultStore(corrupt)  # a file that is no database is replaced by a new one
    store.put("k", {"cases": []})
    assert store.get("k") == {"cases": []}
    store.close()


def test_only_a_flavour_whose_every_case_passed_is_remembered(tmp_path: Path) -> None:
    out = tmp_path / "out"
    endpoint = load_spec(SPECS / "embeddings.yaml")
    (job,) = find_jobs(out, [endpoint], ["curl"], region="intl", locale="en")
    job.path.parent.mkdir(parents=True)
    job.path.write_text("#!/bin/sh\n")
    with CachingSession(tmp_path / "cache") as session:
        cases = job_cases(job)
        passed = [CaseResult(job, "", c, PASSED, "", 0.5) for c in cases]
        failed = [dataclasses.replace(passed[0], status="failed"), *passed[1:]]
        session.remember(job, "", failed)
        assert session.recall(job, "") is None
        session.remember(job, "", passed[:-1])  # not every case
        assert session.recall(job, "") is None
        session.remember(job, "", passed)
        recalled = session.recall(job, "")
        assert recalled is not None
        assert [(r.case, r.status, r.cached, r.duration) for r in recalled] == [
            (c, PASSED, True, 0.0) for c in cases
        ]
        assert session.key(job, "") != session.key(job, "mono")  # the flavour is in the key
    with CachingSession(tmp_path / "cache", reuse=False) as session:
        assert session.recall(job, "") is None  # --no-cache
    job.path.write_text("#!/bin/sh\n# changed\n")
    with CachingSession(tmp_path / "cache") as session:
        assert session.recall(job, "") is None  # other bytes, other key


def test_the_remembered_code_digest_is_the_one_computed_afresh(tmp_path: Path) -> None:
    store = ResultStore(tmp_path)
    first = code_digest(store)  # computed, then remembered under the files' sizes and times
    assert store.memo(next(iter(_memo_keys(tmp_path)))) is not None
    assert code_digest(store) == first == code_digest(None)
    store.close()


def _memo_keys(folder: Path) -> list[str]:
    db = sqlite3.connect(folder / "results.sqlite3")
    keys = [key for (key,) in db.execute("SELECT key FROM memo")]
    db.close()
    return keys


def test_verify_imports_no_renderer(tmp_path: Path) -> None:
    """verify reads specs and runs samples: Jinja and the render pipeline stay unloaded."""
    import os
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('MODULES', ' '.join(sorted(sys.modules)), "
        "file=sys.stderr))\n"
        "from generator.cli.main import main\n"
        f"main(['verify', '--out', {str(out)!r}, '--lang', 'curl', '--region', 'intl', "
        "'--locale', 'en'])\n"
    )
    env = {**os.environ, "SAMPLEGEN_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr  # every sample missing: skipped
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    modules = set(line.split()[1:])
    assert "generator.harness.result_cache" in modules
    assert not {"jinja2", "generator.output.pipeline", "generator.render.samples"} & modules
