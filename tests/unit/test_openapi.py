"""OpenAPI export: a valid 3.1 document that contains every endpoint of the specs."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from generator.cli.main import main
from generator.export.openapi import build_openapi, validate_openapi
from generator.sources import load_specs
from tests.conftest import SPECS


def test_every_endpoint_is_an_operation_with_its_examples() -> None:
    endpoints = load_specs(SPECS)
    document = build_openapi(endpoints)
    validate_openapi(document)
    for endpoint in endpoints:
        operation = document["paths"][endpoint.path][endpoint.method.lower()]
        assert endpoint.id in operation["x-samplegen-endpoints"]
        names = {(p["in"], p["name"]) for p in operation.get("parameters", [])}
        assert {(p.location, p.name) for p in endpoint.parameters} <= names
        if not endpoint.has_body:
            assert "requestBody" not in operation
            continue
        media = {"json": "application/json", "multipart": "multipart/form-data"}
        body = operation["requestBody"]["content"][media[endpoint.body_kind]]
        assert body["examples"][endpoint.id]["value"] == endpoint.request_example
        schema = body["schema"]
        schema = schema["allOf"][0] if "allOf" in schema else schema
        assert endpoint.request_schema in (schema, *schema.get("anyOf", []))
        success = operation["responses"][str(endpoint.response_status)]["content"]
        media = "text/event-stream" if endpoint.streams else "application/json"
        assert endpoint.id in success[media]["examples"]
        for error in endpoint.errors:
            examples = operation["responses"][str(error.status)]["content"]["application/json"]
            assert error.when in examples["examples"]
    urls = {server["url"] for server in document["servers"]}
    assert urls == {r.base_url for e in endpoints for r in e.regions}
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_validator_rejects_a_broken_document() -> None:
    document = build_openapi(load_specs(SPECS))
    document["paths"]["/compatible-mode/v1/chat/completions"]["post"]["requestBody"] = {}
    with pytest.raises(OpenAPIValidationError):
        validate_openapi(document)


def test_the_cli_writes_json_that_matches_the_builder(tmp_path) -> None:
    out = tmp_path / "openapi.json"
    result = CliRunner().invoke(
        main, ["openapi", "--specs", str(SPECS), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == build_openapi(load_specs(SPECS))
