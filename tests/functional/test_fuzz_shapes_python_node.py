"""Drawn path and query values, form fields and multipart files arrive exactly from the
Python requests and Node.js fetch samples.

Each example writes a spec of another vendor's API around the drawn values (loaded through
the real spec loader), renders the plain-HTTP sample, and runs it against the mock: the
harness's success verdict requires the path parameter, every query parameter, the key
(in a header or the query), each form field and each uploaded file's bytes, name and type
exactly as the spec says; its invalid-key verdict requires the error body and a non-zero
exit. ``SAMPLEGEN_FUZZ_EXAMPLES=N`` raises the number of examples (see fuzz_support).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.harness.runner import FAILED, HarnessSession
from generator.model import Endpoint
from generator.sources import load_spec
from tests.functional.fuzz_support import (
    fuzz_settings,
    hostile_text,
    nonempty_hostile_text,
    render_job,
    run_and_judge,
)

VARIANTS = {"python-requests": 4, "node-fetch": 4}

# What the spec schema allows as parameter, multipart field and file names.
param_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-\[\]]{0,10}", fullmatch=True)
field_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
file_names = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
# "." and ".." are dot segments: every URL parser removes them from a path (RFC 3986, 5.2.4).
path_values = st.one_of(
    nonempty_hostile_text.filter(lambda v: v not in (".", "..")),
    st.integers(-(10**12), 10**12),
)
scalars = st.one_of(hostile_text, st.integers(-(10**12), 10**12), st.booleans())
auths = st.sampled_from(
    [
        {"type": "bearer", "env": "FUZZ_TOKEN"},
        {"type": "header", "header": "x-api-key", "env": "FUZZ_API_KEY"},
        {"type": "query", "name": "api_key", "env": "FUZZ_QUERY_KEY"},
    ]
)


@st.composite
def shape_specs(draw: st.DrawFn, body: str, node: bool = False) -> dict[str, Any]:
    """A spec: a path parameter, 0-3 query parameters, an auth kind, and a ``body`` body
    (``form``: any field names and values; ``multipart``: fields and 1-2 drawn files)."""
    auth = draw(auths)
    taken = {"item", auth.get("name", "")}
    query = draw(
        st.lists(
            st.tuples(param_names.filter(lambda n: n not in taken), scalars),
            max_size=3,
            unique_by=lambda pair: pair[0],
        )
    )
    parameters = [{"name": "item", "in": "path", "example": draw(path_values)}]
    parameters += [{"name": name, "in": "query", "example": value} for name, value in query]
    request: dict[str, Any]
    if body == "form":
        fields = draw(st.dictionaries(nonempty_hostile_text, scalars, min_size=1, max_size=4))
        request = {"content_type": "application/x-www-form-urlencoded", "example": fields}
    else:
        values = scalars
        if node:
            # FormData turns every line break of a text field into CRLF (the HTML standard's
            # multipart/form-data encoding), so Node.js cannot send a lone CR or LF there.
            values = scalars.filter(lambda v: not (isinstance(v, str) and {"\r", "\n"} & set(v)))
        fields = draw(st.dictionaries(field_names, values, max_size=3))
        files = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "field": field_names.filter(lambda n: n not in fields),
                        "path": file_names,
                        "content_type": st.sampled_from(
                            ["text/plain", "application/octet-stream", "image/png"]
                        ),
                        "example": hostile_text,
                    }
                ),
                min_size=1,
                max_size=2,
                unique_by=(lambda f: f["field"], lambda f: f["path"]),
            )
        )
        request = {"content_type": "multipart/form-data", "example": fields, "files": files}
    return {
        "id": "fuzz-shape",
        "title": "Fuzzed request shape",
        "description": "A drawn path, query and body.",
        "style": "fuzz",
        "regions": {"prod": {"label": "Production", "base_url": "https://api.fuzz-vendor.test"}},
        "default_region": "prod",
        "method": draw(st.sampled_from(["POST", "PUT", "PATCH"])),
        "path": "/v1/items/{item}/parts",
        "parameters": parameters,
        "auth": auth,
        "request": request,
        "response": {
            "status": 200,
            "reply_path": ["part", "id"],
            "example": {"part": {"id": "p1"}},
        },
        "errors": [
            {
                "status": 401,
                "when": "invalid_api_key",
                "body": {"error": {"message": "The key is not valid."}},
            }
        ],
    }


def _load(folder: Path, data: dict[str, Any]) -> Endpoint:
    """Write ``data`` as ASCII YAML and load it the real way; it must keep every value."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fuzz-shape.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6))
    endpoint = load_spec(path)
    want = [(p["name"], p["example"]) for p in data["parameters"]]
    assert [(p.name, p.example) for p in endpoint.parameters] == want
    assert endpoint.request_example == data["request"]["example"]
    assert [f.example for f in endpoint.files] == [
        f["example"] for f in data["request"].get("files", [])
    ]
    return endpoint


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


def _shape_test(name: str, body: str) -> Callable[..., None]:
    @fuzz_settings(VARIANTS[name])
    @given(data=shape_specs(body, node=name.startswith("node-")))
    def test(session: HarnessSession, data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory(prefix="samplegen-shape-") as tmp:
            endpoint = _load(Path(tmp) / "spec", data)
            run_and_judge(session, render_job(Path(tmp) / "out", endpoint, name))

    test.__name__ = test.__qualname__ = f"test_fuzzed_{body}_{name.replace('-', '_')}"
    test.__doc__ = f"Drawn path/query values and {body} bodies through the {name} sample."
    return test


test_fuzzed_form_python_requests = _shape_test("python-requests", "form")
test_fuzzed_multipart_python_requests = _shape_test("python-requests", "multipart")
test_fuzzed_form_node_fetch = _shape_test("node-fetch", "form")
test_fuzzed_multipart_node_fetch = _shape_test("node-fetch", "multipart")


def _fixed_spec(path_value: str, file_path: str) -> dict[str, Any]:
    return {
        "id": "fuzz-shape",
        "title": "Fixed request shape",
        "description": "A fixed path, query and multipart body.",
        "style": "fuzz",
        "regions": {"prod": {"label": "Production", "base_url": "https://api.fuzz-vendor.test"}},
        "default_region": "prod",
        "method": "PUT",
        "path": "/v1/items/{item}/parts",
        "parameters": [
            {"name": "item", "in": "path", "example": path_value},
            {"name": "q", "in": "query", "example": "a b&c"},
        ],
        "auth": {"type": "bearer", "env": "FUZZ_TOKEN"},
        "request": {
            "content_type": "multipart/form-data",
            "example": {"album": "x"},
            "files": [{"field": "file", "path": file_path, "example": "bytes\r\n\x00"}],
        },
        "response": {"status": 200, "reply_path": ["part", "id"], "example": {"part": {"id": "p"}}},
        "errors": [
            {"status": 401, "when": "invalid_api_key", "body": {"message": "The key is not valid."}}
        ],
    }


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_sample_sending_another_path_value_fails(
    session: HarnessSession, tmp_path: Path, name: str
) -> None:
    """The verdict really compares path parameters: a sample for item "a/b" judged
    against a spec that says "a b" fails, and says where."""
    job = render_job(tmp_path / "out", _load(tmp_path / "sent", _fixed_spec("a/b", "f.txt")), name)
    judged = _load(tmp_path / "judged", _fixed_spec("a b", "f.txt"))
    results = session.run_sample(type(job)(judged, job.variant, job.path))
    success = next(r for r in results if r.case == "success")
    assert success.status == FAILED, success.message


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_missing_upload_file_is_a_clear_error(
    session: HarnessSession, tmp_path: Path, name: str
) -> None:
    """A sample whose file to upload is not there says so and exits non-zero."""
    job = render_job(tmp_path / "out", _load(tmp_path / "sent", _fixed_spec("a", "gone.txt")), name)
    judged = _load(tmp_path / "judged", _fixed_spec("a", "other.txt"))
    results = session.run_sample(type(job)(judged, job.variant, job.path))
    success = next(r for r in results if r.case == "success")
    assert success.status == FAILED
    assert "Cannot read the file to upload:" in success.message
    assert "gone.txt" in success.message
