"""Issue 22's hostile values through the PHP curl and Go net/http samples.

Each value of the survey (tests/fixtures/hostile-values.json) that the spec loader accepts
is put, alone, in the request part the survey found it in; the endpoint is rendered as a
php-curl and a go-nethttp sample and run against the mock, whose success verdict requires
the exact request (path, query, headers, cookies, every field name and value, every file
byte). A value a language cannot send must instead be declined with its reason, and the
endpoint must still render in the other variant. Drawn multipart field names (quotes, line
breaks, non-ASCII, empty) go the same way.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.harness.runner import HarnessSession
from generator.model import Endpoint
from generator.render.registry import variant
from generator.sources import load_spec
from tests.conftest import ROOT
from tests.functional.fuzz_support import fuzz_settings, render_job, run_and_judge

HOSTILE = ROOT / "tests" / "fixtures" / "hostile-values.json"
VARIANTS = ("php-curl", "go-nethttp")

# (variant, value id) -> words its decline reason holds; every other pair must arrive.
DECLINES = {
    ("php-curl", "integer-2-63"): "PHP's integers are 64-bit",
    ("php-curl", "integer-2-64"): "PHP's integers are 64-bit",
    ("go-nethttp", "header-leading-blank"): "net/http trims the blanks",
    ("go-nethttp", "header-trailing-blank"): "net/http trims the blanks",
    ("go-nethttp", "header-blanks-and-tabs"): "net/http trims the blanks",
}
# Values the survey saw accepted that the loader of this branch refuses at their line
# (HTTP itself drops the blanks around a header value): should it accept them again, the
# expectations above apply (PHP's curl sends them as written, net/http trims them).
REFUSED_HERE = {"header-leading-blank", "header-trailing-blank", "header-blanks-and-tabs"}

BASE: dict[str, Any] = {
    "id": "hostile-value",
    "title": "A hostile value",
    "style": "hostile",
    "regions": {"prod": {"label": "Production", "base_url": "https://api.hostile.test"}},
    "method": "POST",
    "path": "/v1/things/{item}/parts",
    "parameters": [{"name": "item", "in": "path", "example": "t-1"}],
    "auth": {"type": "bearer", "env": "HOSTILE_TOKEN"},
    "request": {"example": {"n": 1}},
    "response": {"status": 200, "reply_path": ["part", "id"], "example": {"part": {"id": "p"}}},
    "errors": [{"status": 401, "when": "invalid_api_key", "body": {"message": "Bad key."}}],
}


def decode(value: Any) -> Any:
    """A value of the file: ``{"$integer_digits": N}`` is the integer of N nines."""
    if isinstance(value, dict) and set(value) == {"$integer_digits"}:
        return 10 ** value["$integer_digits"] - 1
    return value


def accepted_values() -> list[dict[str, Any]]:
    """The entries the survey found accepted by the loader."""
    entries = json.loads(HOSTILE.read_text("utf-8"))["values"]
    return [{**e, "value": decode(e["value"])} for e in entries if e["loader"] == "accepted"]


# Beyond the survey: every byte of raw bodies and files, and text no literal may mangle.
EVERY_CHAR = (
    "NUL \x00 CR \r LF \n CRLF \r\n tab \t ?> <?php $x ${x} {$x} \\ \\' \\\" ' \" ` %s {0} "
    "\u202e RTL \u2028 \ufeff \x7f \x85 😀 日本語"
)
EXTRA = [
    {"id": "raw-text-every-char", "part": "raw-text", "value": EVERY_CHAR},
    {"id": "raw-file-every-byte", "part": "raw-file", "value": None},
    {"id": "multipart-file-every-byte", "part": "multipart-file", "value": None},
    {"id": "multipart-text-every-char", "part": "multipart-text", "value": EVERY_CHAR},
    {"id": "json-every-char", "part": "json", "value": EVERY_CHAR},
]


def spec_with(part: str, value: Any) -> dict[str, Any]:
    """The base spec with ``value`` in request part ``part`` (the file's names)."""
    data = copy.deepcopy(BASE)
    params, request = data["parameters"], data["request"]
    if part == "path":
        params[0]["example"] = value
    elif part == "query":
        params.append({"name": "q", "in": "query", "example": value})
    elif part == "query-name":
        params.append({"name": value, "in": "query", "example": "v"})
    elif part == "header":
        data["headers"] = {"X-Value": value}
    elif part == "cookie":
        params.append({"name": "c", "in": "cookie", "example": value})
    elif part == "multipart-field-name":
        data["request"] = {
            "content_type": "multipart/form-data",
            "example": {value: "text", "other": "x"},
            "files": [{"field": "upload", "path": "upload.txt", "example": "ab\r\n\x00"}],
        }
    elif part == "multipart-text":
        data["request"] = {"content_type": "multipart/form-data", "example": {"t": value}}
    elif part == "multipart-body":
        data["request"] = {"content_type": "multipart/form-data", "example": value}
    elif part == "file":
        data["request"] = {
            "content_type": "multipart/form-data",
            "example": {"purpose": "x"},
            "files": [{"field": "f", "path": "f.txt", "example": value}],
        }
    elif part == "raw-text":
        data["request"] = {"content_type": "text/plain", "example": value}
    elif part == "raw-file":  # no example: the harness writes every byte value into it
        data["request"] = {"content_type": "application/octet-stream", "file": {"path": "b.bin"}}
    elif part == "multipart-file":
        data["request"] = {
            "content_type": "multipart/form-data",
            "example": {"purpose": "x"},
            "files": [{"field": "f", "path": "b.bin", "content_type": "image/png"}],
        }
    elif part == "json":
        request["example"] = {"n": value, "list": [value], "nested": {"deep": value}}
    else:
        raise AssertionError(f"unknown part {part}")
    return data


def load(folder: Path, data: dict[str, Any]) -> Endpoint:
    """Write ``data`` as YAML (non-ASCII escaped) and load it the real way."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile-value.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6))
    return load_spec(path)


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("entry", accepted_values() + EXTRA, ids=lambda e: e["id"])
def test_each_hostile_value_arrives_exactly_or_is_declined(
    session: HarnessSession, tmp_path: Path, entry: dict[str, Any], name: str
) -> None:
    data = spec_with(entry["part"], entry["value"])
    if entry["id"] in REFUSED_HERE:
        with pytest.raises(SpecError, match="cannot start or end with a blank"):
            load(tmp_path / "spec", data)
        return
    endpoint = load(tmp_path / "spec", data)
    reason = variant(name).decline_reason(endpoint)
    expected = DECLINES.get((name, entry["id"]))
    if expected is not None:
        assert reason is not None and expected in reason, reason
        others = [v for v in VARIANTS if v != name]
        assert all(variant(v).decline_reason(endpoint) is None for v in others)
        return
    assert reason is None, reason
    run_and_judge(session, render_job(tmp_path / "out", endpoint, name))


def test_every_expected_decline_names_a_value_of_the_file() -> None:
    ids = {e["id"] for e in accepted_values()}
    assert {value_id for _, value_id in DECLINES} <= ids
    assert ids >= REFUSED_HERE


# Multipart text field names: anything but what HTML's form encoding cannot carry back (a
# name that holds %22, %0D or %0A itself: those variants decline it, tested below).
field_names = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(['"', "\r", "\n", "\\", "%"]),
    max_size=12,
).filter(lambda n: not any(code in n for code in ("%22", "%0D", "%0A")))


@pytest.mark.parametrize("name", VARIANTS)
def test_drawn_multipart_field_names_arrive_exactly(session: HarnessSession, name: str) -> None:
    @fuzz_settings(3)
    @given(names=st.lists(field_names, min_size=1, max_size=8, unique=True))
    def check(names: list[str]) -> None:
        data = spec_with("multipart-text", "x")
        data["request"]["example"] = {n: f"value of {n!r}" for n in names}
        data["request"]["example"][names[0]] = {"as": ["json", names[0]]}
        with tempfile.TemporaryDirectory(prefix="samplegen-names-") as tmp:
            endpoint = load(Path(tmp) / "spec", data)
            assert variant(name).decline_reason(endpoint) is None
            run_and_judge(session, render_job(Path(tmp) / "out", endpoint, name))

    check()


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize("field", ["100%22", "a%0Db", "%0A"])
def test_a_field_name_that_reads_back_as_another_is_declined(
    tmp_path: Path, name: str, field: str
) -> None:
    data = spec_with("multipart-field-name", field)
    reason = variant(name).decline_reason(load(tmp_path, data))
    assert reason is not None and reason.startswith("request.example: the multipart name ")
    assert "%22, %0D or %0A" in reason and repr(field) in reason
