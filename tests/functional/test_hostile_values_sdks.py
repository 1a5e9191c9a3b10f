"""Issue 22's hostile values through the SDK samples that send path, query and header values.

A shipped spec (a task, a batch, a page of batches; an Anthropic model) gets one hostile
value in its path parameter, a query parameter or a header, is loaded the real way, rendered
as each SDK sample that renders it (python-dashscope, python-openai, node-openai,
java-openai, python-anthropic) and run against the mock, whose success verdict requires the
exact request. A value an SDK cannot send must be declined with a one-line reason naming the
spec key (``parameters[i]``, ``headers.<name>``); the endpoint still renders elsewhere.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.harness.runner import HarnessSession
from generator.model import Endpoint
from generator.render.registry import variant
from generator.sources import load_spec
from tests.conftest import ROOT, SPECS
from tests.functional.fuzz_support import render_job, run_and_judge

OPENAI_SDKS = ("python-openai", "node-openai", "java-openai")
ANTHROPIC_FIXTURES = ROOT / "tests" / "fixtures" / "anthropic"
LABELS = {
    "python-openai": "OpenAI Python SDK",
    "node-openai": "OpenAI Node.js SDK",
    "java-openai": "OpenAI Java SDK",
    "python-anthropic": "Anthropic Python SDK",
}

# Path values: the survey's, dot segments, and a segment of every kind of character.
PATH_VALUES = {
    "empty": "",
    "slash": "a/b",
    "hash-question": "a#b?c",
    "percent-00": "%00",
    "rtl-override": "abc\u202edef",
    "dot-dot": "..",
    "dot": ".",
    "percent-2e": "%2E%2E",
    "reserved": "a:b@c;d=e,f+g$h&i!j*k'l(m)n[o]",
    "every-char": "NUL \x00 CR \r LF \n tab \t é 😀 日本語 \ufeff \\ \" ' `",
}
QUERY_VALUES = {
    "empty": "",
    "rtl-override": "x\u202ey",
    "separators": "a&b=c;d+e f#g?h%20",
    "every-char": "NUL \x00 CR \r LF \n tab \t é 😀 日本語 \ufeff \\ \" ' `",
}
HEADER_VALUES = {"empty": "", "quotes": "a \"b\" 'c' \\d $e `f` %g"}

# (variant, case) -> the start of the reason it declines with; every other pair arrives.
# The Stainless SDKs raise on an empty path value (openai-node sends it) and on a dot
# segment; dashscope's fetch() raises on an empty task id.
DECLINES: dict[tuple[str, str], str] = {
    ("python-dashscope", "dashscope-path-empty"): "parameters[0]: the DashScope SDK's fetch()",
    ("python-anthropic", "anthropic-path-empty"): "parameters[0]: the Anthropic Python SDK refuses",
    **{
        (name, f"{kind}path-{key}"): f"parameters[0]: the {LABELS[name]} refuses the dot"
        for kind, names in (("", OPENAI_SDKS), ("anthropic-", ("python-anthropic",)))
        for name in names
        for key in ("dot", "dot-dot")
    },
    ("python-openai", "path-empty"): "parameters[0]: the OpenAI Python SDK refuses an empty",
    ("java-openai", "path-empty"): "parameters[0]: the OpenAI Java SDK refuses an empty",
}


def shipped(endpoint_id: str, folder: Path) -> dict[str, Any]:
    """Spec ``endpoint_id`` (from specs/ or the Anthropic fixtures) with its _api.yaml."""
    source = (
        SPECS if (SPECS / f"{endpoint_id}.yaml").exists() else ROOT / "tests/fixtures/anthropic"
    )
    folder.mkdir(parents=True, exist_ok=True)
    if (source / "_api.yaml").exists():
        shutil.copyfile(source / "_api.yaml", folder / "_api.yaml")
    data = yaml.safe_load((source / f"{endpoint_id}.yaml").read_text("utf-8"))
    data.pop("translations", None)
    return data


def anthropic_model(folder: Path) -> dict[str, Any]:
    """Anthropic's ``models.retrieve`` (GET /v1/models/{model_id}), from the models list."""
    data = shipped("models-list", folder)
    data.update(id="anthropic-model", title="Get a Claude model", path="/v1/models/{model_id}")
    data["parameters"] = [{"name": "model_id", "in": "path", "example": "claude-x"}]
    data["response"] = {
        "status": 200,
        "reply_path": ["id"],
        "example": {"type": "model", "id": "claude-x", "display_name": "Claude X"},
    }
    return data


def case_spec(case: str, value: str, folder: Path) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The spec of ``case`` (``path-*``, ``dashscope-path-*``, ``anthropic-path-*``,
    ``query-*``, ``header-*``) holding ``value``, and the SDK variants it is meant for."""
    if case.startswith("dashscope-path-"):
        data = shipped("task-status", folder)
        data["parameters"][0]["example"] = value
        data["parameters"][0].pop("schema", None)
        return data, ("python-dashscope",)
    if case.startswith("anthropic-path-"):
        data = anthropic_model(folder)
        data["parameters"][0]["example"] = value
        return data, ("python-anthropic",)
    if case.startswith("path-"):
        data = shipped("batch-retrieve", folder)
        data["parameters"][0]["example"] = value
        return data, OPENAI_SDKS
    data = shipped("batch-list", folder)
    if case.startswith("query-"):
        data["parameters"][1]["example"] = value  # ds_name: an extra query parameter
    else:
        data["headers"] = {**data.get("headers", {}), "X-Value": value}
    return data, OPENAI_SDKS


def load(folder: Path, data: dict[str, Any]) -> Endpoint:
    """Write ``data`` as ASCII YAML beside its _api.yaml and load it the real way."""
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6))
    return load_spec(path)


CASES = [
    *(f"{kind}path-{key}" for kind in ("", "dashscope-", "anthropic-") for key in PATH_VALUES),
    *(f"query-{key}" for key in QUERY_VALUES),
    *(f"header-{key}" for key in HEADER_VALUES),
]


def value_of(case: str) -> str:
    """The hostile value of ``case``."""
    for prefix, values in (
        ("dashscope-path-", PATH_VALUES),
        ("anthropic-path-", PATH_VALUES),
        ("path-", PATH_VALUES),
        ("query-", QUERY_VALUES),
        ("header-", HEADER_VALUES),
    ):
        if case.startswith(prefix):
            return values[case.removeprefix(prefix)]
    raise AssertionError(case)


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


@pytest.mark.parametrize("case", CASES)
def test_each_hostile_value_arrives_exactly_from_each_sdk_or_is_declined(
    session: HarnessSession, tmp_path: Path, case: str
) -> None:
    data, names = case_spec(case, value_of(case), tmp_path / "spec")
    endpoint = load(tmp_path / "spec", data)
    failures = []
    for name in names:
        reason = variant(name).decline_reason(endpoint)
        expected = DECLINES.get((name, case))
        if expected is not None:
            assert reason is not None and reason.startswith(expected), (name, reason)
            continue
        assert reason is None, (name, reason)
        try:
            run_and_judge(session, render_job(tmp_path / "out", endpoint, name))
        except pytest.fail.Exception as failure:
            failures.append(f"{name}: {failure}")
    assert not failures, "\n\n".join(failures)
