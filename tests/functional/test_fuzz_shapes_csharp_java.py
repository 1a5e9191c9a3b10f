"""Drawn and hostile values arrive exactly from the C# (HttpClient, on Mono) and Java
(java.net.http) samples, or the variant declines the endpoint with its reason.

Each example writes a spec of another vendor's API (loaded through the real spec loader),
renders the plain-HTTP sample and runs it against the mock: the harness's success verdict
requires the path parameter, every query parameter, the headers, each form field, each
multipart field (drawn names: CR, LF, quotes, non-ASCII...) and each uploaded file's bytes,
name and type, and the raw body, exactly as the spec says. The fixed cases are the values
issue 22's survey found lost (the pages branch keeps them in tests/fixtures/
hostile-values.json). ``SAMPLEGEN_FUZZ_EXAMPLES=N`` raises the number of drawn examples.
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

from generator.harness.runner import HarnessSession
from generator.model import Endpoint
from generator.render.registry import variant
from generator.sources import load_spec
from tests.functional.fuzz_support import (
    fuzz_settings,
    hostile_text,
    nonempty_hostile_text,
    render_job,
    run_and_judge,
)

VARIANTS = {"csharp-httpclient": 3, "java-httpclient": 3}

param_names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-\[\]]{0,10}", fullmatch=True)
file_names = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
path_values = st.one_of(nonempty_hostile_text, st.integers(-(10**12), 10**12))
scalars = st.one_of(hostile_text, st.integers(-(10**12), 10**12), st.booleans())
# Multipart field names: any text (the HTML standard's encoding carries every character),
# but one that holds %0D, %0A or %22 itself, which a server would decode (both decline it).
field_names = hostile_text.filter(lambda n: not any(e in n.upper() for e in ("%0D", "%0A", "%22")))
auths = st.sampled_from(
    [
        {"type": "bearer", "env": "FUZZ_TOKEN"},
        {"type": "cookie", "name": "session", "env": "FUZZ_SESSION"},
        {"type": "query", "name": "api_key", "env": "FUZZ_QUERY_KEY"},
        {"type": "basic", "env": "FUZZ_USER", "password_env": "FUZZ_PASSWORD"},
    ]
)
ERRORS = [{"status": 401, "when": "invalid_api_key", "body": {"message": "The key is not valid."}}]


def spec(parameters: list[dict[str, Any]], request: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A spec of another vendor's API around ``parameters`` and ``request``."""
    return {
        "id": "fuzz-shape",
        "title": "Fuzzed request shape",
        "style": "fuzz",
        "regions": {"prod": {"label": "Production", "base_url": "https://api.fuzz-vendor.test"}},
        "method": "POST",
        "path": "/v1/items/{item}/parts",
        "parameters": parameters,
        "auth": {"type": "bearer", "env": "FUZZ_TOKEN"},
        "request": request,
        "response": {"status": 200, "reply_path": ["part", "id"], "example": {"part": {"id": "p"}}},
        "errors": ERRORS,
        **extra,
    }


@st.composite
def shape_specs(draw: st.DrawFn, body: str) -> dict[str, Any]:
    """A path parameter, 0-3 query parameters, a cookie parameter, an auth kind and a
    ``body`` body (``form``: any names and values; ``multipart``: any field names and
    values, a part of JSON, and 1-2 drawn files, an empty one among them)."""
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
    parameters.append({"name": "pref", "in": "cookie", "example": draw(hostile_text)})
    request: dict[str, Any]
    if body == "form":
        fields = draw(st.dictionaries(hostile_text, scalars, max_size=4))
        request = {"content_type": "application/x-www-form-urlencoded", "example": fields}
    else:
        fields = draw(st.dictionaries(field_names, scalars, max_size=3))
        fields["meta"] = {"tags": [draw(hostile_text)], "n": draw(st.integers())}
        files = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "field": st.from_regex(r"file[0-9]", fullmatch=True),
                        "path": file_names,
                        "content_type": st.sampled_from(["text/plain", "image/png"]),
                        "example": st.one_of(st.just(""), hostile_text),
                    }
                ),
                min_size=1,
                max_size=2,
                unique_by=(lambda f: f["field"], lambda f: f["path"]),
            )
        )
        request = {
            "content_type": "multipart/form-data",
            "example": fields,
            "encoding": {"meta": {"content_type": "application/json"}},
            "files": files,
        }
    return spec(parameters, request, auth=auth, method=draw(st.sampled_from(["POST", "PATCH"])))


def load(folder: Path, data: dict[str, Any]) -> Endpoint:
    """Write ``data`` as ASCII YAML and load it the real way; it must keep every value."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fuzz-shape.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6))
    endpoint = load_spec(path)
    want = [(p["name"], p["example"]) for p in data["parameters"]]
    assert [(p.name, p.example) for p in endpoint.parameters] == want
    assert endpoint.request_example == data["request"].get("example")
    return endpoint


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


def run_or_declined(session: HarnessSession, folder: Path, endpoint: Endpoint, name: str) -> None:
    """Run the sample and judge it; a variant that declines the endpoint must say why in
    terms of a limit of its language (never a template that lacks a shape)."""
    reason = variant(name).decline_reason(endpoint)
    if reason is not None:
        assert "does not render" not in reason, reason
        assert "System.Uri" in reason or "%-escape" in reason or "java.net.http" in reason
        return
    run_and_judge(session, render_job(folder, endpoint, name))


def _shape_test(name: str, body: str) -> Callable[..., None]:
    @fuzz_settings(VARIANTS[name])
    @given(data=shape_specs(body))
    def test(session: HarnessSession, data: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory(prefix="samplegen-shape-") as tmp:
            endpoint = load(Path(tmp) / "spec", data)
            run_or_declined(session, Path(tmp) / "out", endpoint, name)

    test.__name__ = test.__qualname__ = f"test_fuzzed_{body}_{name.replace('-', '_')}"
    test.__doc__ = f"Drawn path, query, cookie values and {body} bodies through {name}."
    return test


test_fuzzed_form_csharp_httpclient = _shape_test("csharp-httpclient", "form")
test_fuzzed_multipart_csharp_httpclient = _shape_test("csharp-httpclient", "multipart")
test_fuzzed_form_java_httpclient = _shape_test("java-httpclient", "form")
test_fuzzed_multipart_java_httpclient = _shape_test("java-httpclient", "multipart")


# -- the survey's hostile values (issue 22) -------------------------------------------------
HOSTILE_NAMES = ["a\r\nContent-Type: text/evil", "a\nb", 'a"b', "", "naïve-名前", "back\\slash\\"]
HOSTILE_SPECS = {
    # multipart field names CR/LF (a header injection attempt), LF, a quote, empty, non-ASCII
    # and backslashes; text with lone CR and LF; an empty file
    "multipart-names": spec(
        [{"name": "item", "in": "path", "example": "x"}],
        {
            "content_type": "multipart/form-data",
            "example": {
                **{name: f"value {i}" for i, name in enumerate(HOSTILE_NAMES)},
                "text": "line1\nline2\ra\r\nb",
            },
            "files": [{"field": "file", "path": "empty.txt", "example": ""}],
        },
    ),
    # a non-ASCII query name, a cookie value outside cookie-octets, an empty header value,
    # and a raw text body of every kind of character
    "query-cookie-header-raw": spec(
        [
            {"name": "item", "in": "path", "example": "a/b#c?d %00"},
            {"name": "名前", "in": "query", "example": "v"},
            {"name": "c", "in": "cookie", "example": "a; b"},
        ],
        {"content_type": "text/plain", "example": "NUL \x00 CR \r LF \n é 😀 \u202e \ufeff end"},
        headers={"X-Empty": ""},
    ),
    # U+202E in a path and a query value: Mono's System.Uri drops it (C# declines)
    "rtl-override": spec(
        [
            {"name": "item", "in": "path", "example": "abc\u202edef"},
            {"name": "q", "in": "query", "example": "x\u202ey"},
        ],
        {"content_type": "none"},
        method="GET",
    ),
    # a raw body read from a file the harness fills with every byte value
    "raw-file-bytes": spec(
        [{"name": "item", "in": "path", "example": "%2E%2E"}],
        {"content_type": "application/octet-stream", "file": {"path": "blob.bin"}},
        method="PUT",
    ),
}
DECLINED = {("csharp-httpclient", "rtl-override"): "System.Uri (Mono) would send"}


@pytest.mark.parametrize("case", sorted(HOSTILE_SPECS))
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_hostile_values_arrive_exactly_or_are_declined(
    session: HarnessSession, tmp_path: Path, name: str, case: str
) -> None:
    endpoint = load(tmp_path / "spec", HOSTILE_SPECS[case])
    reason = variant(name).decline_reason(endpoint)
    if (name, case) in DECLINED:
        assert reason is not None and reason.startswith(DECLINED[name, case]), reason
        return
    assert reason is None
    run_and_judge(session, render_job(tmp_path / "out", endpoint, name))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_field_name_holding_an_escape_of_the_encoding_is_declined(
    tmp_path: Path, name: str
) -> None:
    data = spec(
        [{"name": "item", "in": "path", "example": "x"}],
        {"content_type": "multipart/form-data", "example": {"a%22b": "v"}},
    )
    reason = variant(name).decline_reason(load(tmp_path, data))
    assert reason is not None and "'a%22b'" in reason and "%-escape" in reason
