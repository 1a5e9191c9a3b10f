"""The harness on real rendered samples: they pass, and it fails (loudly) on wrong ones."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.harness.discovery import RuntimeUnavailable, find_runtime
from generator.harness.runner import (
    FAILED,
    PASSED,
    SKIPPED,
    HarnessSession,
    SampleJob,
    cases_for,
    find_jobs,
    job_cases,
)
from generator.harness.runtimes.curl import CurlRuntime
from generator.harness.verify import apply_strict
from generator.render.editions import sample_relpath
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs
from tests.conftest import SPECS, copy_specs

ENDPOINTS = load_specs(SPECS)
BY_ID = {e.id: e for e in ENDPOINTS}
FAST = ["curl", "python"]


@pytest.fixture(scope="module")
def session():
    with HarnessSession() as harness:
        yield harness


def render(out: Path, endpoint, name: str, shipped=None) -> SampleJob:
    """Render ``endpoint`` as ``name`` into ``out``; the job judges it against ``shipped``."""
    chosen = variant(name)
    text = render_sample(make_environment(), endpoint, chosen)
    target = shipped or endpoint
    path = out / sample_relpath(target, chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return SampleJob(target, chosen, path)


@pytest.mark.parametrize(
    "name", ["curl-curl", "python-requests", "python-openai", "python-dashscope"]
)
def test_rendered_samples_pass_both_paths(session, tmp_path: Path, name: str) -> None:
    chosen = variant(name)
    endpoints = [e for e in ENDPOINTS if chosen.supports(e)]
    jobs = [render(tmp_path, e, name) for e in endpoints]
    results = session.run_all(jobs, workers=2)
    assert [(r.test_id, r.status, r.message) for r in results] == [
        (f"{e.id}/{chosen.language}/{chosen.key}::{case}", PASSED, "")
        for e in endpoints
        for case in cases_for(e)
    ]


def _wrong_host(endpoint):
    regions = tuple(
        dataclasses.replace(r, base_url="https://dashscope.aliyuncs-intl.com")
        if r.key == "intl"
        else r
        for r in endpoint.regions
    )
    return dataclasses.replace(endpoint, regions=regions)


def test_a_sample_sending_to_the_wrong_host_fails_and_the_message_says_so(
    session, tmp_path: Path
) -> None:
    chat = BY_ID["chat-completions"]
    job = render(tmp_path, _wrong_host(chat), "curl-curl", shipped=chat)
    success, invalid = session.run_sample(job)
    assert success.status == FAILED
    assert success.message.startswith(
        f"curl curl sample for chat-completions (success path): {job.path}"
    )
    assert "host: saw dashscope.aliyuncs-intl.com, spec says dashscope-intl.aliyuncs.com" in (
        success.message
    )
    assert "mock expected: exactly 1 request: POST https://dashscope-intl.aliyuncs.com" in (
        success.message
    )
    assert "output tail:" in success.message
    assert invalid.status == PASSED  # the error path is still right: a 401 and its message


def test_a_sample_sending_a_different_body_fails_and_the_message_shows_the_difference(
    session, tmp_path: Path
) -> None:
    native = BY_ID["text-generation"]
    body = json.loads(json.dumps(native.request_example))
    body["input"]["messages"][1]["content"] = "Who are you, really?"
    changed = dataclasses.replace(native, request_example=body)
    job = render(tmp_path, changed, "curl-curl", shipped=native)
    success = session.run_sample(job)[0]
    assert success.status == FAILED
    assert "curl curl sample for text-generation (success path)" in success.message
    assert (
        'body.input.messages[1].content: saw "Who are you, really?", spec says "Who are you?"'
        in success.message
    )
    # A valid body that differs from the example is answered as the service answers it
    # (200): the sample itself succeeds, only the harness's comparison fails the case.
    assert "answered 200 success" in success.message
    assert "exit status: 0; output tail:" in success.message


def test_a_sample_that_ignores_errors_fails_the_invalid_key_path(session, tmp_path: Path) -> None:
    chat = BY_ID["chat-completions"]
    job = render(tmp_path, chat, "curl-curl")
    text = job.path.read_text()
    assert "if [[ $status != 2* ]]; then" in text
    job.path.write_text(text.replace("if [[ $status != 2* ]]; then", "if false; then"))
    success, invalid = session.run_sample(job)
    assert success.status == PASSED
    assert invalid.status == FAILED
    assert "exit status 0 after an invalid key, expected non-zero" in invalid.message


def test_a_sample_that_prints_each_events_whole_text_fails_the_accumulating_stream(
    session, tmp_path: Path
) -> None:
    full = BY_ID["text-generation-stream-full"]
    job = render(tmp_path, full, "python-requests")
    text = job.path.read_text()
    only_new = 'print(whole.removeprefix(printed), end="", flush=True)'
    assert only_new in text
    job.path.write_text(text.replace(only_new, 'print(whole, end="", flush=True)'))
    success = session.run_sample(job)[0]
    assert success.status == FAILED
    # The whole reply is in stdout (its last event), only repeated: the judge says so.
    assert "stdout does not contain" not in success.message
    assert "stdout repeats the streamed reply: its first piece 'samplegen moc' appears 3 times" in (
        success.message
    )


def test_a_missing_sample_file_is_skipped_and_strict_turns_that_into_a_failure(
    session, tmp_path: Path
) -> None:
    job = find_jobs(tmp_path, [BY_ID["chat-completions"]], ["curl"])[0]
    results = session.run_sample(job)
    assert {r.status for r in results} == {SKIPPED}
    assert "sample file not found" in results[0].message
    assert {r.status for r in apply_strict(results)} == {FAILED}


def test_a_language_without_a_runtime_module_is_skipped_never_passed() -> None:
    with pytest.raises(RuntimeUnavailable) as caught:
        find_runtime("cobol")
    assert caught.value.skip
    assert caught.value.reason == "no runtime module (generator/harness/runtimes/cobol.py)"


def test_runtimes_are_found_by_language() -> None:
    assert isinstance(find_runtime("curl"), CurlRuntime)


def test_verify_prints_a_table_a_closing_line_and_junit(tmp_path: Path) -> None:
    out = tmp_path / "out"
    chat = BY_ID["chat-completions"]
    render(out, chat, "curl-curl")
    render(out, _wrong_host(BY_ID["text-generation"]), "curl-curl")
    junit = tmp_path / "junit.xml"
    specs = copy_specs(tmp_path / "specs", "chat-completions.yaml", "text-generation.yaml")
    options = ["--specs", str(specs), "--region", "intl", "--locale", "en"]  # plain layout
    options.append("--no-cache")  # chat-completions really runs (it may have passed before)
    result = CliRunner().invoke(
        main, ["verify", "--out", str(out), "--lang", "curl", "--junit", str(junit), *options]
    )
    assert result.exit_code == 1, result.output
    jobs = find_jobs(out, load_specs(specs), ["curl"], region="intl", locale="en")
    expected = {f"{j.endpoint.id} {case}": [] for j in jobs for case in job_cases(j)}
    expected["text-generation success"] = ["failure"]  # the wrong host; its other cases pass
    lines = result.output.splitlines()
    assert lines[-1] == f"verify: {len(expected) - 1} passed, 1 failed, 0 skipped"
    assert any(line.split()[:4] == ["curl", "curl", "chat-completions", "passed"] for line in lines)
    assert any(line.split()[:4] == ["curl", "curl", "text-generation", "failed"] for line in lines)
    cases = ET.parse(junit).getroot().iter("testcase")
    verdicts = {c.get("name"): [child.tag for child in c] for c in cases}
    assert verdicts == expected
    assert {"chat-completions success", "text-generation invalid-key"} <= verdicts.keys()


def test_verify_strict_fails_on_a_skip(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(main, ["verify", "--out", str(out), "--lang", "curl", "--strict"])
    assert result.exit_code == 1
    # every case of every curl sample of every edition, none present
    runs = sum(len(job_cases(j)) for j in find_jobs(out, ENDPOINTS, ["curl"]))
    assert runs > 2 * len(BY_ID)
    assert result.output.splitlines()[-1] == f"verify: 0 passed, {runs} failed, 0 skipped"
