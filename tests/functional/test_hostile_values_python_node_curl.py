"""Issue 22's hostile values through the Python requests, Node.js fetch and curl samples.

The same cases as test_hostile_values_php_go.py (the survey's values in
tests/fixtures/hostile-values.json, each alone in the request part the survey found it in,
plus every byte of files and raw bodies): the endpoint is rendered as a python-requests,
node-fetch and curl-curl sample and run against the mock, whose success verdict requires
the exact request (path, query, headers, cookies, every field name and value, every file
byte). A value a variant cannot send must instead be declined with a one-line reason that
names the spec key, and the endpoint must still render in the other variants.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.harness.runner import HarnessSession
from generator.render.registry import variant
from tests.functional.fuzz_support import render_job, run_and_judge
from tests.functional.test_hostile_values_php_go import (
    EVERY_CHAR,
    EXTRA,
    REFUSED_HERE,
    accepted_values,
    load,
    spec_with,
)

VARIANTS = ("python-requests", "node-fetch", "curl-curl")

# (variant, value id) -> the start of its decline reason (the spec key first); every other
# pair must arrive exactly.
NODE_NUMBER = "request.example: "
DECLINES: dict[tuple[str, str], str] = {
    ("curl-curl", "multipart-field-name-empty"): "request.example: curl --form cannot send",
    ("curl-curl", "raw-text-every-char"): "request.example: the body holds NUL",
    ("curl-curl", "multipart-text-every-char"): "request.example: field 't' holds NUL",
    ("node-fetch", "multipart-field-name-lf"): "request.example: FormData turns the lone CR",
    ("node-fetch", "multipart-text-lf"): "request.example.t: FormData turns a lone CR or LF",
    ("node-fetch", "multipart-text-cr"): "request.example.t: FormData turns a lone CR or LF",
    ("node-fetch", "multipart-text-every-char"): "request.example.t: FormData turns",
    ("node-fetch", "integer-2-53-plus-1"): NODE_NUMBER + "9007199254740993 is beyond",
    ("node-fetch", "integer-minus-2-53-minus-1"): NODE_NUMBER + "-9007199254740993 is beyond",
    ("node-fetch", "integer-2-63"): NODE_NUMBER + "9223372036854775808 is beyond",
    ("node-fetch", "integer-2-64"): NODE_NUMBER + "18446744073709551616 is beyond",
    ("node-fetch", "float-negative-zero"): NODE_NUMBER + "-0.0 would be sent as 0",
    ("node-fetch", "path-dot-dot"): "parameters[0]: the WHATWG URL parser of fetch() removes",
    ("node-fetch", "path-dot"): "parameters[0]: the WHATWG URL parser of fetch() removes",
    **{
        (name, "multipart-field-name-escape"): "request.example: the multipart name 'a%22b'"
        for name in VARIANTS
    },
}


# Beyond the survey and the PHP/Go cases: dot segments, urlencoded forms, and a multipart
# name holding a text the HTML standard's name encoding writes for a quote.
MORE = [
    {"id": "path-dot-dot", "part": "path", "value": ".."},
    {"id": "path-dot", "part": "path", "value": "."},
    {"id": "form-field-name-empty", "part": "form-name", "value": ""},
    {"id": "form-field-name-every-char", "part": "form-name", "value": EVERY_CHAR},
    {"id": "form-value-every-char", "part": "form-value", "value": EVERY_CHAR},
    {"id": "multipart-field-name-escape", "part": "multipart-field-name", "value": "a%22b"},
]


def spec_for(part: str, value: Any) -> dict[str, Any]:
    """:func:`spec_with`, and urlencoded forms with ``value`` as a field name or value."""
    if part not in ("form-name", "form-value"):
        return spec_with(part, value)
    data = spec_with("json", 1)
    fields = {value: "v", "other": "x"} if part == "form-name" else {"f": value, "other": "x"}
    data["request"] = {"content_type": "application/x-www-form-urlencoded", "example": fields}
    return data


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("entry", accepted_values() + EXTRA + MORE, ids=lambda e: e["id"])
def test_each_hostile_value_arrives_exactly_or_is_declined(
    session: HarnessSession, tmp_path: Path, entry: dict[str, Any], name: str
) -> None:
    data = spec_for(entry["part"], entry["value"])
    if entry["id"] in REFUSED_HERE:
        with pytest.raises(SpecError, match="cannot start or end with a blank"):
            load(tmp_path / "spec", data)
        return
    endpoint = load(tmp_path / "spec", data)
    reason = variant(name).decline_reason(endpoint)
    expected = DECLINES.get((name, entry["id"]))
    if expected is not None:
        assert reason is not None and reason.startswith(expected), reason
        assert "\n" not in reason
        others = [v for v in VARIANTS if (v, entry["id"]) not in DECLINES]
        assert all(variant(v).decline_reason(endpoint) is None for v in others)
        return
    assert reason is None, reason
    run_and_judge(session, render_job(tmp_path / "out", endpoint, name))


def test_every_expected_decline_names_a_value() -> None:
    ids = {e["id"] for e in accepted_values() + EXTRA + MORE}
    assert {value_id for _, value_id in DECLINES} <= ids
