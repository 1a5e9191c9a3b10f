"""Drawn path and query values, form fields and upload files reach the mock exactly.

For the plain-HTTP samples of curl, PHP, Go and C#: each example writes a spec around
drawn values (loaded by the real spec loader), renders one sample, and runs it against
the mock in exact mode. The mock decodes the path parameter and the query and compares
the text; it parses the urlencoded or multipart body and compares every field, the file's
bytes, its filename and content type. The harness's verdicts (success, invalid key) must
both pass. ``SAMPLEGEN_FUZZ_EXAMPLES=N`` draws N per test; see fuzz_support.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.harness.runner import HarnessSession
from generator.render.registry import variant
from generator.sources import load_spec
from tests.functional.fuzz_support import (
    fuzz_settings,
    hostile_text,
    nonempty_hostile_text,
    render_job,
    run_and_judge,
)

# The plain-HTTP sample of each language and how many examples CI draws per test
# (fewer where every example is a compile: Go, C#).
SAMPLES = {"curl-curl": 3, "php-curl": 3, "go-nethttp": 2, "csharp-httpclient": 2}

# A shell word cannot hold NUL (curl takes form values as arguments): curl draws without it.
_NO_NUL = hostile_text.map(lambda t: t.replace("\x00", ""))
# Multipart part names: the characters the spec schema allows for file fields. Quoting of
# other names differs between clients (curl %22, Go \", .NET none) and no API needs them.
part_name = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,10}", fullmatch=True)
file_name = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}", fullmatch=True).filter(
    lambda n: n not in (".", "..")
)


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


def spec(endpoint_id: str, method: str, path: str, **extra: Any) -> dict[str, Any]:
    """A spec of another vendor's endpoint: its own host and key variable."""
    return {
        "id": endpoint_id,
        "title": f"Fuzzed {endpoint_id}",
        "style": "fuzz",
        "regions": {"prod": {"label": "Production", "base_url": "https://api.fuzz-vendor.test"}},
        "default_region": "prod",
        "method": method,
        "path": path,
        "auth": {"type": "bearer", "env": "FUZZ_TOKEN"},
        "response": {"status": 200, "reply_path": ["result"], "example": {"result": "ok"}},
        "errors": [{"status": 401, "when": "invalid_api_key", "body": {"message": "Bad token."}}],
        **extra,
    }


def run(session: HarnessSession, name: str, data: dict[str, Any]) -> None:
    """Write ``data`` as a spec, load it, render sample ``name``, run and judge it."""
    with tempfile.TemporaryDirectory(prefix="samplegen-fuzz-") as tmp:
        path = Path(tmp) / "spec" / f"{data['id']}.yaml"
        path.parent.mkdir()
        # ASCII-only YAML: PyYAML would write U+0085 raw, which YAML reads as a line break.
        path.write_text(yaml.safe_dump(data, allow_unicode=False, width=10**6), "utf-8")
        endpoint = load_spec(path)
        reason = variant(name).decline_reason(endpoint)
        if reason is not None:  # a value the language cannot send: declined, saying why
            assert "does not render" not in reason, reason
            return
        run_and_judge(session, render_job(Path(tmp) / "out", endpoint, name))


def _language_test(name: str, kind: str, default: int) -> Any:
    values = _NO_NUL if name == "curl-curl" else hostile_text
    if kind == "url":

        @fuzz_settings(default)
        @given(
            item=nonempty_hostile_text,
            query=st.lists(st.tuples(st.sampled_from(["q", "tag", "x.y", "a[b]"]), values)),
            flag=st.booleans() | st.integers(-(2**31), 2**31),
        )
        def test(session: HarnessSession, item: str, query, flag) -> None:
            names = dict(query)  # one value per name
            params = [{"name": "item_id", "in": "path", "example": item}]
            params += [{"name": n, "in": "query", "example": v} for n, v in names.items()]
            params.append({"name": "flag", "in": "query", "example": flag})
            data = spec("fuzz-url", "GET", "/v1/items/{item_id}/view", parameters=params)
            run(session, name, data)

        doc = "Drawn path parameter (any text, / included) and query values arrive exactly"
    elif kind == "form":

        @fuzz_settings(default)
        @given(
            fields=st.dictionaries(nonempty_hostile_text, values, min_size=1, max_size=5),
            account=nonempty_hostile_text,
        )
        def test(session: HarnessSession, fields: dict[str, str], account: str) -> None:
            data = spec(
                "fuzz-form",
                "POST",
                "/v1/accounts/{account}/messages",
                parameters=[{"name": "account", "in": "path", "example": account}],
                request={"content_type": "application/x-www-form-urlencoded", "example": fields},
                auth={"type": "query", "name": "api_key", "env": "FUZZ_KEY"},
            )
            run(session, name, data)

        doc = "Drawn form fields (names and values) and a query-string key arrive exactly"
    else:

        @fuzz_settings(default)
        @given(
            fields=st.dictionaries(part_name, values, max_size=3),
            files=st.lists(
                st.tuples(
                    part_name,
                    file_name,
                    st.sampled_from(["text/plain", "image/png", "application/x-ndjson"]),
                    hostile_text,
                ),
                min_size=1,
                max_size=2,
                unique_by=(lambda f: f[0], lambda f: f[1]),
            ),
        )
        def test(session: HarnessSession, fields: dict[str, str], files) -> None:
            uploads = [
                {"field": f, "path": p, "content_type": t, "example": text}
                for f, p, t, text in files
                if f not in fields
            ]
            if not uploads:
                uploads = [{"field": "upload", "path": "data.bin", "example": files[0][3]}]
                fields.pop("upload", None)
            data = spec(
                "fuzz-upload",
                "PUT",
                "/v3/assets",
                request={
                    "content_type": "multipart/form-data",
                    "example": fields,
                    "files": uploads,
                },
                auth={"type": "header", "header": "x-api-key", "env": "FUZZ_KEY"},
            )
            run(session, name, data)

        doc = "Drawn multipart fields and file contents (every byte the text holds) arrive exactly"
    test.__name__ = test.__qualname__ = f"test_fuzzed_{kind}_{name.replace('-', '_')}"
    test.__doc__ = f"{doc} through the {name} sample."
    return test


test_fuzzed_url_curl_curl = _language_test("curl-curl", "url", SAMPLES["curl-curl"])
test_fuzzed_url_php_curl = _language_test("php-curl", "url", SAMPLES["php-curl"])
test_fuzzed_url_go_nethttp = _language_test("go-nethttp", "url", SAMPLES["go-nethttp"])
test_fuzzed_url_csharp_httpclient = _language_test(
    "csharp-httpclient", "url", SAMPLES["csharp-httpclient"]
)
test_fuzzed_form_curl_curl = _language_test("curl-curl", "form", SAMPLES["curl-curl"])
test_fuzzed_form_php_curl = _language_test("php-curl", "form", SAMPLES["php-curl"])
test_fuzzed_form_go_nethttp = _language_test("go-nethttp", "form", SAMPLES["go-nethttp"])
test_fuzzed_form_csharp_httpclient = _language_test(
    "csharp-httpclient", "form", SAMPLES["csharp-httpclient"]
)
test_fuzzed_upload_curl_curl = _language_test("curl-curl", "upload", SAMPLES["curl-curl"])
test_fuzzed_upload_php_curl = _language_test("php-curl", "upload", SAMPLES["php-curl"])
test_fuzzed_upload_go_nethttp = _language_test("go-nethttp", "upload", SAMPLES["go-nethttp"])
test_fuzzed_upload_csharp_httpclient = _language_test(
    "csharp-httpclient", "upload", SAMPLES["csharp-httpclient"]
)


def test_the_url_check_can_fail(session: HarnessSession, tmp_path: Path) -> None:
    """The mock really compares the path parameter: a sample sending another value fails."""
    from generator.harness.runner import FAILED, SampleJob

    sent = spec("fuzz-url", "GET", "/v1/items/{item_id}/view")
    sent["parameters"] = [{"name": "item_id", "in": "path", "example": "a/b c"}]
    judged = {**sent, "parameters": [{"name": "item_id", "in": "path", "example": "a/b d"}]}
    paths = []
    for n, data in enumerate((sent, judged)):
        path = tmp_path / str(n) / "fuzz-url.yaml"
        path.parent.mkdir()
        path.write_text(yaml.safe_dump(data), "utf-8")
        paths.append(load_spec(path))
    job = render_job(tmp_path / "out", paths[0], "curl-curl")
    results = session.run_sample(SampleJob(paths[1], job.variant, job.path))
    if all(r.status == "skipped" for r in results):
        pytest.skip(f"curl not run: {results[0].message}")
    success = next(r for r in results if r.case == "success")
    assert success.status == FAILED
    assert "path parameter item_id: saw 'a/b c', spec says 'a/b d'" in success.message
