"""The OpenAPI reader on samplegen's own fixture documents (tests/fixtures/openapi/): what
each operation becomes in spec data, and what is skipped or left out, and why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator import cache
from generator.errors import SpecError
from generator.sources import load_specs
from generator.sources.openapi import convert_document, load_document, read_document
from generator.sources.openapi.schemas import Converter
from generator.sources.openapi.security import title_prefix
from generator.sources.openapi.settings import ImportSettings, SchemeEnv
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "openapi"
SHOP = FIXTURES / "shop" / "shop.yaml"
NOTES = FIXTURES / "notes" / "notes.json"
OVERLAY = FIXTURES / "shop" / "overlay.yaml"


def _specs(path: Path, **settings: Any) -> dict[str, dict[str, Any]]:
    found, _, _ = convert_document(path, ImportSettings(**settings))
    return {f.data["id"]: f.data for f in found}


def _accepts(schema: dict[str, Any], value: Any) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(value)


@pytest.fixture(scope="module")
def shop() -> dict[str, dict[str, Any]]:
    return _specs(SHOP)


@pytest.fixture(scope="module")
def notes() -> dict[str, dict[str, Any]]:
    return _specs(NOTES)


# -- what every operation becomes -------------------------------------------------------------


def test_every_operation_becomes_an_endpoint_and_deprecated_ones_stay_out() -> None:
    found, report, _ = convert_document(SHOP, ImportSettings())
    ids = [f.data["id"] for f in found]
    assert ids == [
        "list-pets",
        "create-pet",
        "create-pet-streamed",
        "get-pet",
        "delete-pet",
        "download-photo",
        "upload-photo",
        "health",
    ]
    assert report.skipped == []
    assert report.left_out == [("GET /orders (listOrders)", "deprecated")]
    assert "list-orders" in _specs(SHOP, deprecated=True)


def test_servers_with_variables_are_regions_and_the_base_path_moves_into_the_path(shop) -> None:
    spec = shop["get-pet"]
    assert spec["regions"] == {
        "eu": {"base_url": "https://eu.shop.example.com", "label": "Production (eu)"},
        "us": {"base_url": "https://us.shop.example.com", "label": "Production (us)"},
    }
    assert spec["default_region"] == "eu"
    assert spec["path"] == "/v2/pets/{pet_id}" and spec["sdk_base_path"] == "/v2"


def test_an_operations_own_server_wins(notes) -> None:
    assert notes["get-text"]["regions"] == {
        "local-replica": {"base_url": "http://localhost:8081", "label": "Local replica"}
    }
    assert notes["create-note"]["regions"] == {"notes": {"base_url": "https://notes.example.com"}}


def test_path_parameters_are_values_never_placeholders(shop) -> None:
    (param,) = shop["get-pet"]["parameters"]
    # petId is renamed for the spec format's {name} (the name never travels); the value is
    # an int64 within its minimum.
    assert param == {
        "name": "pet_id",
        "in": "path",
        "example": 1,
        "schema": {"type": "integer", "format": "int64", "minimum": 1},
    }


def test_query_arrays_deep_objects_and_header_parameters(shop) -> None:
    params = {p["name"]: p for p in shop["list-pets"]["parameters"]}
    assert "limit" not in params  # optional: absent unless configured
    assert params["tags"]["example"] == ["dog"] and "style" not in params["tags"]
    assert params["filter"]["example"] == {"color": "brown", "size": 2}
    assert (params["filter"]["style"], params["filter"]["explode"]) == ("deepObject", True)
    trace = params["X-Trace-Id"]  # a header parameter through a cross-file $ref
    assert trace["in"] == "header" and trace["example"] == "aaaaaaaa"
    assert _accepts(trace["schema"], trace["example"])
    optional = {
        p["name"]: p for p in _specs(SHOP, optional_parameters=True)["list-pets"]["parameters"]
    }
    assert optional["limit"]["example"] == 1


def test_pipe_delimited_unique_arrays_and_cookies(notes) -> None:
    params = {p["name"]: p for p in notes["session-notes"]["parameters"]}
    assert params["ids"]["example"] == [1, 2]
    assert params["ids"]["style"] == "pipeDelimited" and "explode" not in params["ids"]
    assert params["lang"] == {
        "name": "lang",
        "in": "cookie",
        "example": "en",
        "schema": {"type": "string", "enum": ["en", "fr"]},
        "required": True,
    }


def test_named_examples_are_one_endpoint_each_and_pick_their_answer(shop) -> None:
    plain, streamed = shop["create-pet"], shop["create-pet-streamed"]
    assert plain["request"]["example"] == {
        "name": "Rex",
        "kind": "dog",
        "born": "2024-01-01",  # an unquoted YAML date stays the text the document wrote
        "stream": False,
    }
    assert plain["response"]["format"] == "json" and plain["response"]["status"] == 201
    assert plain["response"]["example"]["id"] == 7
    assert streamed["title"] == "Add a pet (Streamed progress)"
    # A plain stream prints each event's data whole, as it arrives: the example is its text.
    assert streamed["response"] == {
        "status": 201,
        "format": "sse",
        "example": '{"step":"registered","percent":50}',
    }


def test_request_schemas_are_json_schema_2020_12_with_defs(shop) -> None:
    schema = shop["create-pet"]["request"]["schema"]
    assert schema["$ref"] == "#/$defs/NewPet"
    weight = schema["$defs"]["NewPet"]["properties"]["weight"]
    # OpenAPI 3.0: nullable and a boolean exclusiveMinimum
    assert weight == {"type": ["number", "null"], "exclusiveMinimum": 0}
    jsonschema.Draft202012Validator.check_schema(schema)
    assert _accepts(schema, {"name": "Rex", "kind": "dog", "weight": None})
    assert not _accepts(schema, {"name": "Rex", "kind": "dog", "weight": 0})


def test_answers_hold_read_only_fields_and_recursion_stays_finite(shop) -> None:
    response = shop["get-pet"]["response"]
    schema = response["schema"]
    assert set(schema["$defs"]) == {"NewPet", "Person", "Pet"}
    assert schema["$defs"]["Person"]["properties"]["friend"] == {"$ref": "#/$defs/Person"}
    assert response["example"]["id"] == 1 and _accepts(schema, response["example"])
    assert response["reply_path"] == []  # the whole answer, unless an extension says where


def test_read_only_fields_are_not_required_of_a_request(shop) -> None:
    upload = shop["upload-photo"]["response"]["schema"]
    assert upload["required"] == ["url"]  # an answer keeps readOnly fields required
    converter_request = _specs(SHOP)["create-pet"]["request"]["schema"]["$defs"]["NewPet"]
    assert "id" not in converter_request.get("required", [])


def test_multipart_binary_parts_are_files_and_objects_json_parts(shop) -> None:
    request = shop["upload-photo"]["request"]
    assert request["content_type"] == "multipart/form-data"
    assert request["files"] == [
        {"field": "photo", "path": "photo.png", "content_type": "image/png"}
    ]
    assert request["example"] == {"caption": "caption", "meta": {"taken": "2024-01-01"}}
    assert request["encoding"] == {"meta": {"content_type": "application/json"}}
    assert "photo" not in request["schema"]["properties"]  # files are checked apart
    assert _accepts(request["schema"], request["example"])


def test_form_bodies_keep_their_encoding(notes) -> None:
    request = notes["create-note"]["request"]
    assert request["content_type"] == "application/x-www-form-urlencoded"
    assert request["example"] == {
        "title": "Groceries",
        "labels": ["label", "label-2"],
        "meta": {"pinned": False},
    }
    assert request["encoding"] == {
        "labels": {"style": "form", "explode": False},
        "meta": {"style": "deepObject", "explode": True},
    }


def test_raw_bodies_are_a_text_or_a_file(notes) -> None:
    assert notes["replace-text"]["request"] == {
        "content_type": "text/plain",
        "example": "Milk, eggs\nand bread.",
    }
    assert notes["attach"]["request"] == {
        "content_type": "application/octet-stream",
        "file": {"path": "attach.bin"},
    }


def test_each_kind_of_answer(shop, notes) -> None:
    assert shop["delete-pet"]["response"] == {"status": 204, "format": "empty"}
    assert shop["download-photo"]["response"] == {
        "status": 200,
        "format": "binary",
        "content_type": "image/png",
        "save_as": "download-photo.png",
    }
    assert notes["get-text"]["response"]["format"] == "text"
    assert notes["export-notes"]["response"]["example"].endswith("<notes/>\n")
    assert notes["old-home"]["response"] == {
        "status": 301,
        "format": "redirect",
        "example": "https://notes.example.com/api/notes",
    }
    feed = notes["feed"]["response"]
    assert feed["format"] == "sse"
    assert "secret" not in json.loads(feed["example"])  # writeOnly: never in an answer


def test_generated_texts_say_what_they_are(notes, shop) -> None:
    note = json.loads(notes["feed"]["response"]["example"])
    assert note == {
        "id": "123e4567-e89b-12d3-a456-426614174000",
        "title": "title",
        "created": "2024-01-01T12:00:00Z",
    }
    assert shop["health"]["response"]["example"] == {
        "status": "ok",
        "checked": "2024-01-01T12:00:00Z",
    }
    assert "string" not in set(_example_texts([shop, notes]))


def _example_texts(specs: Any) -> list[str]:
    """Every text a sample sends or the mock answers (examples, never schemas)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for group in specs:
        for spec in group.values():
            for part in ("request", "response"):
                walk((spec.get(part) or {}).get("example"))
            for param in spec.get("parameters", []):
                walk(param["example"])
            for error in spec["errors"]:
                walk(error["body"])
    return found


# -- security -> auth -------------------------------------------------------------------------


def test_security_schemes_become_auth(shop, notes) -> None:
    assert shop["get-pet"]["auth"] == {
        "type": "header",
        "header": "X-Shop-Key",
        "env": "ACME_SHOP_API_KEY",
    }
    assert shop["health"]["auth"] == {"type": "none"}  # security: []
    assert notes["create-note"]["auth"] == {
        "type": "basic",
        "env": "NOTES_SERVICE_USERNAME",
        "password_env": "NOTES_SERVICE_PASSWORD",
    }
    assert notes["session-notes"]["auth"] == {
        "type": "cookie",
        "name": "sid",
        "env": "NOTES_SERVICE_SESSION",
    }


def test_the_config_names_each_schemes_variables() -> None:
    settings = {
        "env": (
            ("basicAuth", SchemeEnv(env="NOTES_USER", password_env="NOTES_PASS")),
            ("session", SchemeEnv(env="NOTES_SID")),
        )
    }
    specs = _specs(NOTES, **settings)
    assert specs["create-note"]["auth"]["env"] == "NOTES_USER"
    assert specs["create-note"]["auth"]["password_env"] == "NOTES_PASS"
    assert specs["session-notes"]["auth"]["env"] == "NOTES_SID"


@pytest.mark.parametrize(
    ("title", "prefix"),
    [
        ("OpenAI API", "OPENAI"),
        ("GitHub v3 REST API", "GITHUB"),
        ("Swagger Petstore - OpenAPI 3.0", "PETSTORE"),
        ("Stripe API", "STRIPE"),
        ("", "API"),
        ("1Password Connect", "1PASSWORD_CONNECT"),
    ],
)
def test_the_default_variable_comes_from_the_title(title: str, prefix: str) -> None:
    got = title_prefix(title)
    assert got.endswith(prefix)
    assert got[0].isalpha() or got[0] == "_"


def test_errors_map_to_when_and_a_401_is_added(shop, notes) -> None:
    errors = {e["when"]: e for e in shop["list-pets"]["errors"]}
    assert set(errors) == {"invalid_parameter", "rate_limited", "invalid_api_key"}
    assert errors["invalid_parameter"]["status"] == 422
    assert errors["invalid_api_key"]["body"] == {
        "error": {"code": "code", "message": "Invalid API key."}
    }
    documented = {e["when"]: e for e in shop["create-pet"]["errors"]}["invalid_api_key"]
    assert documented["body"] == {"error": {"code": "unauthorized", "message": "Bad key."}}
    assert {e["when"] for e in shop["get-pet"]["errors"]} == {"not_found", "invalid_api_key"}
    assert shop["health"]["errors"] == []  # no key, no 401
    bad_form = notes["create-note"]["errors"][0]
    assert bad_form == {
        "status": 400,
        "when": "invalid_parameter",
        "description": "Bad form.",
        "body": {"message": "Bad form."},
    }


def test_an_openai_compatible_api_answers_undocumented_error_bodies_as_openai_does() -> None:
    """The OpenAI SDKs read an error's message from ``error.message``: an error the document
    gives no body for is shaped so for the openai-compatible family."""
    notes = _specs(NOTES, style="openai-compatible")
    bad_form = notes["create-note"]["errors"][0]["body"]
    assert bad_form == {
        "error": {
            "message": "Bad form.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_parameter",
        }
    }
    wrong_key = {e["when"]: e for e in notes["get-text"]["errors"]}["invalid_api_key"]["body"]
    assert wrong_key["error"]["message"] == "Invalid API key."
    assert wrong_key["error"]["code"] == "invalid_api_key"
    assert set(wrong_key["error"]) == {"message", "type", "param", "code"}


def test_an_openai_compatible_error_documented_as_the_inner_object_is_wrapped(
    tmp_path: Path,
) -> None:
    """OpenAI's document gives some errors as its Error schema; the API wraps it."""
    inner = {
        "type": "object",
        "properties": {"message": {"type": "string"}, "type": {"type": "string"}},
        "required": ["message", "type"],
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Runs", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "components": {"securitySchemes": {"Key": {"type": "http", "scheme": "bearer"}}},
        "security": [{"Key": []}],
        "paths": {
            "/runs": {
                "get": {
                    "operationId": "listRuns",
                    "responses": {
                        "200": {"description": "OK", "content": {"text/plain": {}}},
                        "404": {
                            "description": "Not found",
                            "content": {"application/json": {"schema": inner}},
                        },
                    },
                }
            }
        },
    }
    path = tmp_path / "runs.json"
    path.write_text(json.dumps(document), "utf-8")
    errors = {
        e["when"]: e["body"] for e in _specs(path, style="openai-compatible")["list-runs"]["errors"]
    }
    assert set(errors["not_found"]) == {"error"} and _accepts(inner, errors["not_found"]["error"])
    assert errors["invalid_api_key"]["error"]["message"] == "Invalid API key."
    assert (
        "error"
        not in {e["when"]: e["body"] for e in _specs(path)["list-runs"]["errors"]}["not_found"]
    )


def test_an_answer_that_requires_no_property_is_generated_with_its_optional_ones(
    tmp_path: Path,
) -> None:
    """``{}`` would show a reader nothing and give the mock no value to print."""
    answer = {
        "type": "object",
        "properties": {"object": {"type": "string"}, "deleted": {"type": "boolean"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Runs", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": {
            "/runs/{id}": {
                "delete": {
                    "operationId": "deleteRun",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "Deleted",
                            "content": {"application/json": {"schema": answer}},
                        }
                    },
                }
            }
        },
    }
    path = tmp_path / "runs.json"
    path.write_text(json.dumps(document), "utf-8")
    example = _specs(path)["delete-run"]["response"]["example"]
    assert set(example) == {"object", "deleted"}
    assert _accepts(answer, example)


# -- selection, extensions, overlays ----------------------------------------------------------


def test_include_and_exclude_by_tag_operation_and_path() -> None:
    assert set(_specs(SHOP, include_tags=("admin",))) == {"delete-pet", "health"}
    assert "delete-pet" not in _specs(SHOP, exclude_tags=("admin",))
    assert set(_specs(SHOP, include_operations=("*Photo",))) == {"upload-photo", "download-photo"}
    assert set(_specs(SHOP, exclude_paths=("/pets*",))) == {"health"}
    _, report, _ = convert_document(SHOP, ImportSettings(include_paths=("/health",)))
    assert ("GET /pets (listPets)", "its path is not included") in report.left_out


def test_an_overlay_adds_what_the_document_lacks() -> None:
    found, report, _ = convert_document(SHOP, ImportSettings(overlays=(OVERLAY,)))
    specs = {f.data["id"]: f.data for f in found}
    assert specs["list-pets"]["response"]["reply_path"] == [0, "name"]
    assert specs["list-pets"]["headers"] == {"X-Client": "samplegen-docs"}
    assert specs["get-pet"]["response"]["example"]["name"] == "Bella"
    assert specs["health"]["operation"] == "health.get"
    assert report.left_out == []  # /orders was removed by the overlay, not left out
    assert report.warnings == [f"{OVERLAY}: overlay action 5 ($.paths['/nowhere']) selects nothing"]


def test_an_overlay_for_another_document_is_not_applied() -> None:
    specs = _specs(NOTES, overlays=(OVERLAY,))
    assert "headers" not in specs["create-note"]


def test_a_bad_overlay_is_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "overlay.yaml"
    bad.write_text(
        "overlay: 1.0.0\ninfo: {title: x, version: '1'}\nactions:\n"
        "  - target: $.paths[\n    update: {}\n",
        "utf-8",
    )
    with pytest.raises(SpecError, match=r"actions\[0\].target: not a JSONPath query") as caught:
        convert_document(SHOP, ImportSettings(overlays=(bad,)))
    assert caught.value.line == 4 and caught.value.path == bad


def test_unknown_extensions_are_reported(tmp_path: Path) -> None:
    doc = tmp_path / "doc.yaml"
    doc.write_text(
        "openapi: 3.1.0\ninfo: {title: X, version: '1'}\nservers: [{url: 'https://x.example.com'}]\n"
        "paths:\n  /a:\n    get:\n      x-samplegen-reply-pth: [a]\n      x-samplegen-skip: "
        "the docs show it elsewhere\n      responses: {'200': {description: ok}}\n",
        "utf-8",
    )
    found, report, _ = convert_document(doc, ImportSettings())
    assert found == []
    assert report.skipped == [("GET /a", "the docs show it elsewhere")]
    assert report.warnings == ["GET /a: unknown extension x-samplegen-reply-pth"]


# -- what cannot be read ----------------------------------------------------------------------


def test_broken_references_skip_the_operation_with_their_reason() -> None:
    found, report, _ = convert_document(FIXTURES / "bad" / "refs.yaml", ImportSettings())
    assert [f.data["id"] for f in found] == ["fine"]
    reasons = dict(report.skipped)
    assert "'#/components/responses/Nope' cannot be resolved" in reasons["GET /a (missingLocal)"]
    assert "absent.yaml" in reasons["GET /b (missingFile)"]
    assert "remote references are not fetched" in reasons["GET /c (remote)"]


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("swagger.yaml", "Swagger 2.0 documents are not read", 1),
        ("version.yaml", "openapi: version '4.0.0' is not read", 1),
        ("syntax.yaml", "YAML syntax error", 6),
    ],
)
def test_a_document_that_cannot_be_read_is_a_located_error(
    name: str, message: str, line: int
) -> None:
    with pytest.raises(SpecError, match=message) as caught:
        read_document(FIXTURES / "bad" / name)
    assert caught.value.line == line
    assert Path(caught.value.path).name == name


def test_ecma_patterns_and_impossible_schemas_are_skips_not_crashes(tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "Edge", "version": "1"},
                "paths": {
                    "/never": {
                        "post": {
                            "operationId": "never",
                            "requestBody": {
                                "content": {"application/json": {"schema": {"not": {}}}}
                            },
                            "responses": {"200": {"description": "ok"}},
                        }
                    },
                    "/short": {
                        "get": {
                            "operationId": "short",
                            "parameters": [
                                {
                                    "name": "code",
                                    "in": "query",
                                    "required": True,
                                    "schema": {"type": "string", "minLength": 5, "maxLength": 3},
                                }
                            ],
                            "responses": {"200": {"description": "ok"}},
                        }
                    },
                },
            }
        ),
        "utf-8",
    )
    found, report, _ = convert_document(doc, ImportSettings())
    assert found == []
    reasons = dict(report.skipped)
    assert reasons["POST /never (never)"].startswith("no value of the schema that its schema")
    assert "cannot make a text of 5 to 3 characters" in reasons["GET /short (short)"]
    assert all(r.count("\n") == 0 for r in reasons.values())


def test_converted_components_are_shared_and_named_after_them() -> None:
    found, _, files = convert_document(SHOP, ImportSettings())
    names = {
        name
        for f in found
        for part in ("request", "response")
        for name in (f.data.get(part, {}).get("schema") or {}).get("$defs", {})
    }
    assert names == {"NewPet", "Pet", "Person"}
    assert isinstance(Converter, type)
    assert {Path(p).name for p in files.digests()} == {
        "shop.yaml",
        "schemas.yaml",
        "parameters.yaml",
    }


# -- the cache --------------------------------------------------------------------------------


def test_a_second_load_answers_from_the_cache_until_a_referenced_file_changes(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("SAMPLEGEN_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "shop"
    shutil.copytree(SHOP.parent, folder)
    document = folder / "shop.yaml"
    first = load_document(document)
    entries = list((cache.cache_dir() / "openapi").iterdir())
    assert len(entries) == 1
    calls = []
    import generator.sources.openapi as reader

    real = reader.read_document
    monkeypatch.setattr(reader, "read_document", lambda *a, **k: calls.append(a) or real(*a, **k))
    again = load_document(document)
    assert calls == [] and again.specs == first.specs
    schemas = folder / "common" / "schemas.yaml"
    schemas.write_text(schemas.read_text("utf-8").replace("maxLength: 30", "maxLength: 31"))
    load_document(document)
    assert len(calls) == 1  # a file the document references changed: read again
    load_document(document, ImportSettings(optional_fields=True))
    assert len(calls) == 2  # other settings: another import


# -- the spec validator and the model (the format of CONTRACT.md) -----------------------------


@pytest.mark.parametrize("document", [SHOP, NOTES], ids=["shop", "notes"])
def test_every_fixture_operation_passes_the_spec_validator(document: Path) -> None:
    imported = read_document(document)
    assert imported.report.skipped == []
    assert len(imported.endpoints()) == len(convert_document(document)[0])


def test_a_folder_holds_documents_beside_yaml_specs(specs_copy: Path) -> None:
    shutil.copytree(SHOP.parent, specs_copy / "shop")
    shutil.copy(NOTES, specs_copy / "notes.json")
    endpoints = {e.id for e in load_specs(specs_copy)}
    assert {"chat-completions", "create-note", "feed"} <= endpoints
    assert {e.id for e in load_specs(NOTES)} == set(_specs(NOTES))
