"""`samplegen audit --run`, as real processes: the seed page's samples run against the mock.

One run of the seed page is shared by the assertions (it takes a minute or two); the pages
that samplegen itself wrote (synced, and the seed after --fix) must come out clean.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from generator.docs.audit.report import audit_paths, audit_schema
from generator.model import Endpoint
from generator.render.registry import VARIANTS
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "docs" / "seed-000_db3b9d1e76d7666d.txt"


def samplegen(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAMPLEGEN_CACHE": str(ROOT / ".cache")}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )


def by_rule(data: dict, rule: str) -> dict[int, dict]:
    return {f["line"]: f for f in data["findings"] if f["rule"] == rule}


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory, testrun_uid: str) -> dict:
    """One `audit --run` of the seed page per test session, shared by pytest-xdist workers."""
    shared = tmp_path_factory.getbasetemp().parent / f"audit-seed-run-{testrun_uid}"
    shared.mkdir(exist_ok=True)
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        saved = shared / "report.json"
        if not saved.is_file():
            done = samplegen("audit", "--run", "--format", "json", str(SEED))
            assert done.returncode == 1, done.stderr  # errors found
            saved.write_text(done.stdout)
    data = json.loads(saved.read_text())
    jsonschema.validate(data, audit_schema())
    return data


def test_the_csharp_host_is_shown_by_the_request_the_mock_saw(seed_run):
    (host,) = by_rule(seed_run, "request-mismatch").values()
    assert host["line"] == 136 and host["language"] == "csharp"
    assert "host: saw dashscope.aliyuncs-intl.com" in host["evidence"]
    assert "run (success): mono Program.exe" in host["evidence"]
    assert "mock expected: POST https://dashscope-intl.aliyuncs.com/" in host["evidence"]
    assert 136 in by_rule(seed_run, "host")  # the static finding agrees


def test_the_java_samples_lose_the_error_body(seed_run):
    lost = by_rule(seed_run, "error-body-lost")
    # Both java.net.HttpURLConnection samples read getInputStream() only; both C# samples print
    # only the status code.
    assert sorted(lost) == [172, 304, 567, 645]
    java = lost[304]
    assert "getInputStream" not in java["message"]  # the message is about behaviour ...
    assert "IOException: Server returned HTTP response code: 401" in java["evidence"]  # ... proof
    assert "run (invalid key): java -cp <pinned SDK classpath> Main.java" in java["evidence"]


def test_the_samples_that_exit_0_after_an_invalid_key(seed_run):
    zero = by_rule(seed_run, "error-exit-zero")
    languages = sorted((f["language"], f["endpoint"]) for f in zero.values())
    assert languages == [
        ("csharp", "chat-completions"),
        ("csharp", "text-generation"),
        ("curl", "chat-completions"),
        ("curl", "text-generation"),
        ("go", "chat-completions"),
        ("java", "chat-completions"),
        ("java", "text-generation"),
        ("java", "text-generation"),
        ("node", "text-generation"),
        ("php", "chat-completions"),
        ("php", "text-generation"),
        ("python", "text-generation"),
    ]
    for finding in zero.values():
        assert "exit status: 0" in finding["evidence"]
        assert "answered 401 invalid_api_key" in finding["evidence"]
    assert {315, 398, 656} <= set(zero)  # Java's System.exit(0)


def test_imports_the_command_does_not_have_are_findings_and_the_rest_still_runs(seed_run):
    missing = by_rule(seed_run, "missing-dependency")
    assert {line: f["page"] for line, f in missing.items()} == {
        250: "com.google.gson",
        473: "node-fetch",
        579: "com.google.gson",
    }
    assert "package com.google.gson does not exist" in missing[250]["evidence"]
    assert "ERR_MODULE_NOT_FOUND" in missing[473]["evidence"]
    # The node-fetch sample ran again with a stand-in: its exit 0 on 401 is judged too.
    assert "stand-in" in by_rule(seed_run, "error-exit-zero")[503]["evidence"]


def test_samples_that_do_not_check_the_key_are_shown_by_a_run_without_it(seed_run):
    unchecked = by_rule(seed_run, "missing-key-unchecked")
    sent = {f["language"]: f["page"] for f in unchecked.values()}
    assert sent["java"] == "Authorization: 'Bearer null'"
    assert sent["node"] == "Authorization: 'Bearer undefined'"
    assert sorted(f["language"] for f in unchecked.values()) == [
        "curl", "curl", "go", "java", "java", "node", "php", "php"
    ]  # fmt: skip
    assert all("run (key unset)" in f["evidence"] for f in unchecked.values())
    # The OpenAI SDKs then ask for OPENAI_API_KEY, a variable the samples do not use.
    messages = by_rule(seed_run, "missing-key-message")
    assert {f["language"] for f in messages.values() if "OPENAI_API_KEY" in f["message"]} == {
        "python",
        "node",
    }
    # C#'s check of the key returns 0 from Main: found statically and not reported twice.
    csharp = [f for f in seed_run["findings"] if f["rule"] == "missing-key-exit-zero"]
    assert sorted(f["line"] for f in csharp) == [133, 382, 523]


def test_csharp_without_usings_does_not_build_as_pasted(seed_run):
    failures = by_rule(seed_run, "build-failure")
    assert sorted(failures) == [125, 515]
    assert "error CS0246: The type or namespace name `HttpClient'" in failures[125]["evidence"]


def test_the_samples_that_work_have_no_run_findings(seed_run):
    run_rules = {
        "request-mismatch",
        "build-failure",
        "missing-dependency",
        "error-exit-zero",
        "error-body-lost",
        "no-output",
        "success-exit-nonzero",
        "timeout",
        "not-run",
    }
    ran_bad = {f["block"] for f in seed_run["findings"] if f["rule"] in run_rules}
    # The OpenAI SDK samples in Python and Node.js raise on a 401: non-zero, message shown.
    assert 19 not in ran_bad and 34 not in ran_bad
    assert seed_run["run"] is True


def shapes(endpoint: Endpoint) -> set[tuple[str, object]]:
    """What a run of an endpoint's samples exercises: its API family, answer (JSON, either
    stream, task, binary) and reply kind (text, vector...), method, body (JSON, multipart,
    none) and whether it has path or query parameters."""
    return {
        ("style", endpoint.style),
        ("format", endpoint.response_format),
        ("answer", endpoint.response_kind),
        ("reply", endpoint.reply_kind),
        ("method", endpoint.method),
        ("body", endpoint.body_kind),
        ("path parameters", bool(endpoint.path_params)),
        ("query", bool(endpoint.query_params)),
    }


def representative(endpoints: list[Endpoint]) -> list[Endpoint]:
    """Few endpoints that together show every shape of every endpoint (greedy: the one with
    the most shapes not yet shown, ties to the first id)."""
    left = set().union(*map(shapes, endpoints))
    chosen: list[Endpoint] = []
    while left:
        best = min(endpoints, key=lambda e: (-len(shapes(e) & left), e.id))
        chosen.append(best)
        left -= shapes(best)
    return chosen


def synced_page(endpoints: list[Endpoint]) -> tuple[str, int]:
    """A page with a tabs marker for each of ``endpoints`` (every variant of each), and how
    many samples sync puts in it."""
    markers = "".join(
        f"<!-- samplegen: {e.id} tabs -->\n<!-- /samplegen -->\n\n" for e in endpoints
    )
    count = sum(1 for e in endpoints for v in VARIANTS if v.supports(e))
    return f"# Every endpoint, synced in every language\n\n{markers}", count


def test_pages_synced_from_samplegen_report_nothing_under_run(tmp_path: Path):
    """Samplegen's own samples, synced into a page, and the seed page after --fix: run as
    pasted, nothing is reported.

    Every endpoint of specs/ in every variant (186 samples with the seed's) takes 3m47s on
    two cores, 5m41s when they are busy; the representative subset (94) takes 2m00s. So the
    page holds the subset (SAMPLEGEN_AUDIT_RUN_ALL=1: all of them):
    endpoints that together show every shape (:func:`shapes`): plain JSON, OpenAI and
    DashScope streams, a vector reply, an asynchronous task, GET and DELETE with a path
    parameter, a query parameter, a multipart upload (the file the sample reads is the
    spec's example, as a reader has it), both API families. The seed after --fix adds plain
    chat-completions and text-generation in every language. Every endpoint is matched
    statically in tests/unit/test_audit_match.py and test_audit.py."""
    endpoints = load_specs(ROOT / "specs")
    chosen = endpoints if os.environ.get("SAMPLEGEN_AUDIT_RUN_ALL") else representative(endpoints)
    assert set().union(*map(shapes, chosen)) == set().union(*map(shapes, endpoints))
    page = tmp_path / "synced.md"
    text, synced = synced_page(chosen)
    page.write_text(text)
    assert samplegen("sync", str(page)).returncode == 0
    fixed = tmp_path / "fixed.txt"
    shutil.copyfile(SEED, fixed)
    assert samplegen("audit", "--fix", str(fixed)).returncode == 0
    seed_samples = len(audit_paths([fixed], ROOT / "specs").samples)
    done = samplegen("audit", "--run", "--fail-on", "info", str(page), str(fixed))
    assert done.returncode == 0, done.stdout[-3000:]
    assert done.stdout.endswith(": no findings; 3 silenced by ignore markers\n"), done.stdout
    summary = done.stdout.rsplit("\n", 2)[-2]
    assert summary.startswith(f"{synced + seed_samples} sample(s) in 2 file(s), ")
    assert f", {synced + seed_samples} run: " in summary  # every sample ran
    assert seed_samples == 15


def test_the_representative_endpoints_show_every_shape_with_few_of_them():
    endpoints = load_specs(ROOT / "specs")
    chosen = representative(endpoints)
    assert set().union(*map(shapes, chosen)) == set().union(*map(shapes, endpoints))
    assert len(chosen) < len(endpoints)
    kinds = {e.response_kind for e in chosen} | {e.body_kind for e in chosen}
    assert {"json", "sse", "task", "multipart", "none"} <= kinds
    assert {e.method for e in chosen} >= {"GET", "POST", "DELETE"}


SMALL = """# Python samples: three wrong in one way each, and one right

```python
import os, time
url = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"
time.sleep(60)
```

```python
import os, requests
requests.post(
    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
    headers={"Authorization": "Bearer " + os.environ["DASHSCOPE_API_KEY"]},
    json={"model": "qwen-plus", "messages": [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Who are you?"}]},
).raise_for_status()
```

```python
import os, requests
r = requests.post(
    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
    headers={"Authorization": "Bearer " + os.environ["DASHSCOPE_API_KEY"]},
    json={"model": "qwen-plus", "messages": [{"role": "user", "content": "Hi"}],
          "temperature": 5},
)
r.raise_for_status()
print(r.json()["choices"][0]["message"]["content"])
```

```python
import os, requests
r = requests.post(
    "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions",
    headers={"Authorization": "Bearer " + os.environ["DASHSCOPE_API_KEY"]},
    json={"model": "qwen-max", "messages": [{"role": "user", "content": "Hello"}]},
)
if not r.ok:
    raise SystemExit(f"HTTP {r.status_code}: {r.text}")
print(r.json()["choices"][0]["message"]["content"])
```
"""


def test_a_hang_a_silent_success_and_a_wrong_body_are_each_reported(tmp_path: Path):
    page = tmp_path / "small.md"
    page.write_text(SMALL)
    done = samplegen("audit", "--run", "--timeout", "3", "--format", "json", str(page))
    data = json.loads(done.stdout)
    found = {(f["line"], f["rule"]) for f in data["findings"] if f["evidence"]}
    assert (4, "timeout") in found  # killed at the limit
    assert (10, "no-output") in found  # a 200 and nothing printed
    # A body the request schema refuses (temperature above 2) is a mismatch, with a diff...
    [body] = [f for f in data["findings"] if f["rule"] == "request-mismatch"]
    assert body["block"] == 21
    assert "body.temperature: 5 is greater than the maximum of 2" in body["message"]
    assert "body diff (spec -> sent):" in body["evidence"]
    assert '+      "content": "Hi",' in body["evidence"]
    # ...but a valid body of the sample's own (one message, another model) is none: the
    # mock checks a page's sample against the schema, not against the spec's example.
    assert [s["line"] for s in data["samples"]] == [4, 10, 21, 33]
    assert [f for f in data["findings"] if f["block"] == 33] == []
