"""The survey's hostile values (tests/fixtures/hostile-values.json, kept for issue 22's
item 1): the file reads back, and the values no client can send are refused by the spec
loader at their line, never with a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.sources import load_spec
from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile-values.json"
PARTS = {
    "path", "query", "query-name", "header", "cookie", "multipart-field-name",
    "multipart-text", "multipart-body", "file", "json",
}  # fmt: skip


def decode(value: Any) -> Any:
    """A value of the file: ``{"$integer_digits": N}`` is the integer of N nines."""
    if isinstance(value, dict) and set(value) == {"$integer_digits"}:
        return 10 ** value["$integer_digits"] - 1  # str() of it would exceed Python's limit
    return value


def hostile_values() -> list[dict[str, Any]]:
    """Every entry of the file, its value decoded (``raw``: as the file writes it)."""
    entries = json.loads(HOSTILE.read_text("utf-8"))["values"]
    return [{**entry, "raw": entry["value"], "value": decode(entry["value"])} for entry in entries]


def test_the_file_names_a_known_request_part_and_an_outcome_for_every_value() -> None:
    entries = hostile_values()
    assert len({e["id"] for e in entries}) == len(entries) >= 30
    assert {e["part"] for e in entries} <= PARTS
    assert {e["loader"] for e in entries} == {"accepted", "refused"}
    assert any(isinstance(e["value"], int) and e["value"] > 10**4300 for e in entries)
    assert any(isinstance(e["value"], float) and str(e["value"]) == "-0.0" for e in entries)


SPEC = """id: hostile
title: A hostile value
regions:
  intl: {base_url: https://api.example.com}
method: POST
path: /v1/things
auth: {type: bearer, env: ACME_KEY}
headers:
  X-Value: HEADER
request:
  example:
    n: JSON
response:
  status: 200
  reply_path: [id]
  example: {id: 1}
errors:
  - {status: 401, when: invalid_api_key, body: {message: bad key}}
"""


@pytest.mark.parametrize(
    "entry", [e for e in hostile_values() if e["loader"] == "refused"], ids=lambda e: e["id"]
)
def test_values_no_client_can_send_are_refused_at_their_line(tmp_path: Path, entry: dict) -> None:
    value, raw = entry["value"], entry["raw"]
    if entry["part"] == "header":
        spec = SPEC.replace("HEADER", json.dumps(value))
        line = 9
    else:
        digits = "9" * raw["$integer_digits"] if isinstance(raw, dict) else json.dumps(raw)
        spec = SPEC.replace("JSON", digits)
        line = 12
    path = tmp_path / "hostile.yaml"
    path.write_text(spec, "utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert (caught.value.path, caught.value.line) == (path, line)
