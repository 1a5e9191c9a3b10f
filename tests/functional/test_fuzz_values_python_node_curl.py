"""Drawn values in every request part arrive exactly from the Python, Node.js and curl
samples (plain HTTP and SDK), or the variant declines the endpoint naming the spec key.

Each example draws a whole request: a path value (empty and dot segments included), query
names and values, a header value (empty included), a cookie value, and a body (a form of
drawn names and values; a multipart body of drawn field names, text, a part of JSON and
files of drawn names and bytes, an empty one among them; or a JSON body of drawn keys and
values). The spec is loaded the real way, rendered as python-requests, node-fetch and
curl-curl and run against the mock, whose success verdict requires every value exactly.
The SDK samples get drawn path, query and header values in the shipped specs they render
(a task for python-dashscope, a batch and a page of batches for the OpenAI SDKs).
``SAMPLEGEN_FUZZ_EXAMPLES=N`` raises the number of examples (see fuzz_support).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.harness.runner import HarnessSession
from generator.model import Endpoint
from generator.render.registry import variant
from generator.sources import load_spec
from tests.functional.fuzz_support import (
    fuzz_settings,
    header_value,
    hostile_text,
    json_values,
    render_job,
    run_and_judge,
)
from tests.functional.test_hostile_values_sdks import OPENAI_SDKS, shipped

PLAIN = ("python-requests", "node-fetch", "curl-curl")
# A decline names the spec key first and says what the client cannot do, on one line.
REASON = re.compile(r"(parameters\[\d+\]|headers\.[^:]+|request\.[A-Za-z0-9_.\[\]]*): .+")

path_values = st.one_of(st.sampled_from(["", ".", "..", "%2E", "a/b", "%00"]), hostile_text)
file_names = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
file_bytes = st.one_of(st.just(""), hostile_text)  # a file's example text, written as UTF-8
scalars = st.one_of(hostile_text, st.integers(-(10**12), 10**12), st.booleans())
headers = st.one_of(st.just(""), header_value)


@st.composite
def requests_(draw: st.DrawFn, body: str) -> dict[str, Any]:
    """A spec with drawn path, query, header and cookie values and a ``body`` body."""
    query = draw(st.dictionaries(hostile_text.filter(bool), scalars, max_size=2))
    parameters = [{"name": "item", "in": "path", "example": draw(path_values)}]
    parameters += [{"name": name, "in": "query", "example": v} for name, v in query.items()]
    parameters.append({"name": "X-Drawn", "in": "header", "example": draw(header_value)})
    parameters.append({"name": "pref", "in": "cookie", "example": draw(hostile_text)})
    request: dict[str, Any]
    if body == "form":
        fields = draw(st.dictionaries(hostile_text, scalars, max_size=4))
        request = {"content_type": "application/x-www-form-urlencoded", "example": fields}
    elif body == "multipart":
        fields = draw(
            st.dictionaries(hostile_text.filter(lambda n: n != "meta"), scalars, max_size=3)
        )
        fields["meta"] = {"tags": [draw(hostile_text)], draw(hostile_text): draw(st.integers())}
        files = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "field": st.from_regex(r"file[0-9]", fullmatch=True),
                        "path": file_names,
                        "content_type": st.sampled_from(["text/plain", "image/png"]),
                        "example": file_bytes,
                    }
                ),
                max_size=2,
                unique_by=(lambda f: f["field"], lambda f: f["path"]),
            )
        )
        request = {
            "content_type": "multipart/form-data",
            "example": fields,
            "encoding": {"meta": {"content_type": "application/json"}},
            **({"files": files} if files else {}),
        }
    else:
        request = {"example": draw(st.dictionaries(hostile_text, json_values(), max_size=4))}
    return {
        "id": "fuzz-values",
        "title": "Drawn values",
        "style": "fuzz",
        "regions": {"prod": {"label": "Production", "base_url": "https://api.fuzz-vendor.test"}},
        "method": "POST",
        "path": "/v1/items/{item}/parts",
        "parameters": parameters,
        "auth": {"type": "bearer", "env": "FUZZ_TOKEN"},
        "request": request,
        "response": {"status": 200, "reply_path": ["part", "id"], "example": {"part": {"id": "p"}}},
        "errors": [{"status": 401, "when": "invalid_api_key", "body": {"message": "Bad key."}}],
        "headers": {"X-Fixed": draw(headers)},  # a spec header may be empty, a parameter not
    }


def load(folder: Path, data: dict[str, Any]) -> Endpoint:
    """Write ``data`` as ASCII YAML (beside any _api.yaml there) and load it the real way."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6))
    return load_spec(path)


def run_or_declined(session: HarnessSession, folder: Path, endpoint: Endpoint, name: str) -> None:
    """Run the sample and judge it, or check the variant's reason names the spec key."""
    reason = variant(name).decline_reason(endpoint)
    if reason is None:
        run_and_judge(session, render_job(folder, endpoint, name))
        return
    assert REASON.fullmatch(reason), f"{name}: {reason}"
    assert "does not render" not in reason, reason


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


@pytest.mark.parametrize("body", ["form", "multipart", "json"])
def test_drawn_values_in_every_part_arrive_exactly_or_are_declined(
    session: HarnessSession, body: str
) -> None:
    @fuzz_settings(2)
    @given(data=requests_(body))
    def check(data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory(prefix="samplegen-values-") as tmp:
            endpoint = load(Path(tmp) / "spec", data)
            for name in PLAIN:
                run_or_declined(session, Path(tmp) / "out", endpoint, name)

    check()


@st.composite
def sdk_specs(draw: st.DrawFn, folder: Path) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A shipped spec an SDK renders, with a drawn path, query or header value."""
    case = draw(st.sampled_from(["task", "batch", "page"]))
    if case == "task":
        data = shipped("task-status", folder)
        data["parameters"][0] = {"name": "task_id", "in": "path", "example": draw(path_values)}
        return data, ("python-dashscope",)
    if case == "batch":
        data = shipped("batch-retrieve", folder)
        data["parameters"][0]["example"] = draw(path_values)
        return data, OPENAI_SDKS
    data = shipped("batch-list", folder)
    data["parameters"][1]["example"] = draw(hostile_text)
    data["headers"] = {**data.get("headers", {}), "X-Drawn": draw(headers)}
    return data, OPENAI_SDKS


def test_drawn_path_query_and_header_values_through_the_sdks(session: HarnessSession) -> None:
    @fuzz_settings(3)
    @given(draw=st.data())
    def check(draw: st.DataObject) -> None:
        with tempfile.TemporaryDirectory(prefix="samplegen-sdk-values-") as tmp:
            data, names = draw.draw(sdk_specs(Path(tmp) / "spec"))
            endpoint = load(Path(tmp) / "spec", data)
            for name in names:
                run_or_declined(session, Path(tmp) / "out", endpoint, name)

    check()
