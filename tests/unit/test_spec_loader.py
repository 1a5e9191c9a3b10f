"""Spec loading: the shipped specs load; every broken spec is an error naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.sources import load_spec, load_specs
from tests.conftest import API_FILE, SPECS, copy_specs


def test_shipped_specs_load_with_the_seed_values() -> None:
    endpoints = {e.id: e for e in load_specs(SPECS)}
    assert set(endpoints) >= {
        "chat-completions",
        "chat-completions-stream",
        "vision-chat-completions",
        "text-generation",
        "text-generation-stream",
        "multimodal-generation",
    }
    chat = endpoints["chat-completions"]
    assert chat.url() == "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"
    assert chat.url("cn") == "https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions"
    assert chat.request_example["messages"][0]["content"] == "You are a helpful assistant."
    native = endpoints["text-generation"]
    assert native.request_example["parameters"] == {"result_format": "message"}
    assert {e.status for e in native.errors} == {400, 401, 403}  # a wrong model is a 400 too
    assert native.error("model_not_found").body["message"] == "Model not exist."
    assert native.error("invalid_api_key").body["code"] == "InvalidApiKey"
    assert endpoints["text-generation-stream"].response_format == "dashscope-sse"
    assert ("X-DashScope-SSE", "enable") in endpoints["text-generation-stream"].headers
    assert endpoints["chat-completions-stream"].request_example["stream"] is True
    assert endpoints["multimodal-generation"].operation == "multimodal-generation"


def _write(tmp_path: Path, text: str) -> Path:
    path = copy_specs(tmp_path) / "broken.yaml"  # beside the API-level file it inherits
    path.write_text(text, encoding="utf-8")
    return path


def _shipped(name: str = "chat-completions.yaml") -> str:
    return (SPECS / name).read_text(encoding="utf-8")


def _error(path: Path) -> SpecError:
    with pytest.raises(SpecError) as info:
        load_spec(path)
    return info.value


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_misspelt_key_names_the_key_and_its_line(tmp_path: Path) -> None:
    text = _shipped().replace("sdk_base_path:", "sdk_base_pth:") + "sdk_base_pth: /v1\n"
    err = _error(_write(tmp_path, text))
    assert err.line == _line_of(text, "sdk_base_pth:")
    assert 'unknown key "sdk_base_pth"; did you mean sdk_base_path?' in err.message


def test_a_misspelt_nested_key_is_caught_too(tmp_path: Path) -> None:
    text = _shipped() + "auth:\n  type: bearer\n  schema: Bearer\n"
    err = _error(_write(tmp_path, text))
    assert err.line == _line_of(text, "schema: Bearer")
    assert "auth" in err.message


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = _shipped().replace("method: POST", "method: [POST")
    err = _error(_write(tmp_path, text))
    assert err.message.startswith("not valid YAML: a list opened with [ is not closed")
    assert err.line is not None and err.line >= _line_of(text, "method: [POST")


def test_a_missing_required_field_is_named(tmp_path: Path) -> None:
    text = _shipped().replace("path: /compatible-mode/v1/chat/completions\n", "")
    err = _error(_write(tmp_path, text))
    assert "the spec: path is missing (it is required)" in err.message
    assert err.line == _line_of(text, "id: chat-completions")  # where the mapping starts


def test_an_example_that_breaks_its_own_schema_is_rejected(tmp_path: Path) -> None:
    text = _shipped().replace("    model: qwen-plus\n", "    model: 42\n", 1)
    err = _error(_write(tmp_path, text))
    assert err.message == (
        "request.example.model: 42 is a whole number; a text is wanted (by request.schema)"
    )
    assert err.line == _line_of(text, "model: 42")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1]\nb: *x\n", "anchors"),
        ("id: a\nid: b\n", 'the key "id" is given twice'),
        ("- 1\n", "a spec is a mapping of keys (id: ..., title: ...); this file holds a list"),
        ("", "empty"),
        ("x: .nan\n", "NaN"),
        ("x: 2024-01-01\n", "a date is not a JSON value"),
    ],
)
def test_yaml_features_that_are_not_json_are_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    assert message in _error(_write(tmp_path, text)).message


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_shipped(), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(_shipped(), encoding="utf-8")
    copy_specs(tmp_path)
    with pytest.raises(SpecError, match="duplicate endpoint id chat-completions"):
        load_specs(tmp_path)


def test_an_endpoint_must_document_its_invalid_key_error(tmp_path: Path) -> None:
    text = _shipped().replace("when: access_denied", "when: model_not_found", 1)
    err = _error(_write(tmp_path, text))
    assert "a second error for condition model_not_found" in err.message
    (tmp_path / "_api.yaml").unlink()
    spec = tmp_path / "alone.yaml"
    spec.write_text(
        "id: a\ntitle: A\nregions: {p: {base_url: https://a.example}}\nmethod: GET\n"
        "path: /a\nauth: {type: bearer, env: A_KEY}\nerrors: []\n"
        "response: {status: 200, reply_path: [], example: {a: 1}}\n"
    )
    err = _error(spec)
    assert "must document its invalid_api_key error" in err.message
    assert err.line == 7


def test_errors_render_as_file_colon_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: [\n")
    assert str(_error(path)).startswith(f"{path}:")


def test_a_reply_path_that_leads_nowhere_is_refused(tmp_path: Path) -> None:
    text = _shipped().replace(
        "reply_path: [choices, 0, message, content]", "reply_path: [choices, 1]"
    )
    err = _error(_write(tmp_path, text))
    assert "reply_path does not lead to a value" in err.message
    assert err.line == _line_of(text, "reply_path:")


# -- the API-level file ----------------------------------------------------------------------
API = """\
regions:
  prod: {base_url: https://api.acme.test, label: Production}
  staging: {base_url: http://localhost:8080/api, label: Staging}
default_region: prod
auth: {type: header, header: X-Api-Key, env: ACME_KEY}
headers: {X-Client: docs, Accept: application/json}
errors:
  - {status: 401, when: invalid_api_key, body: {message: bad key}}
  - {status: 429, when: rate_limited, body: {message: slow down}}
families:
  acme-v2:
    headers: {x-client: docs-v2}
    errors:
      - {status: 404, when: not_found, body: {message: gone}}
"""
SPEC = """\
id: widget
title: Get a widget
method: GET
path: /widgets/1
response: {status: 200, reply_path: [name], example: {name: w}}
"""


def _api_folder(tmp_path: Path, api: str = API, spec: str = SPEC) -> Path:
    (tmp_path / "_api.yaml").write_text(api, "utf-8")
    (tmp_path / "widget.yaml").write_text(spec, "utf-8")
    return tmp_path


def test_a_spec_inherits_the_api_level_keys(tmp_path: Path) -> None:
    (endpoint,) = load_specs(_api_folder(tmp_path))
    assert [r.key for r in endpoint.regions] == ["prod", "staging"]
    assert endpoint.url("staging") == "http://localhost:8080/api/widgets/1"
    assert endpoint.auth.header == "X-Api-Key" and endpoint.auth.env == "ACME_KEY"
    assert endpoint.headers == (("X-Client", "docs"), ("Accept", "application/json"))
    assert [e.when for e in endpoint.errors] == ["invalid_api_key", "rate_limited"]


def test_a_spec_overrides_headers_by_name_errors_by_condition_and_the_rest_whole(
    tmp_path: Path,
) -> None:
    spec = SPEC + (
        "regions: {eu: {base_url: https://eu.acme.test}}\ndefault_region: eu\n"
        "headers: {accept: text/plain, X-Trace: abc}\n"
        "errors:\n  - {status: 429, when: rate_limited, body: {message: mine}}\n"
        "  - {status: 409, when: conflict, body: {message: clash}}\n"
    )
    (endpoint,) = load_specs(_api_folder(tmp_path, spec=spec))
    assert [r.key for r in endpoint.regions] == ["eu"]  # replaced whole
    assert endpoint.headers == (("X-Client", "docs"), ("accept", "text/plain"), ("X-Trace", "abc"))
    assert [(e.when, e.body["message"]) for e in endpoint.errors] == [
        ("invalid_api_key", "bad key"),
        ("rate_limited", "mine"),
        ("conflict", "clash"),
    ]


def test_a_family_section_applies_to_the_specs_of_that_style(tmp_path: Path) -> None:
    (endpoint,) = load_specs(_api_folder(tmp_path, spec=SPEC + "style: acme-v2\n"))
    assert endpoint.headers == (("x-client", "docs-v2"), ("Accept", "application/json"))
    assert [e.when for e in endpoint.errors] == ["invalid_api_key", "rate_limited", "not_found"]


def test_an_error_in_an_inherited_key_names_the_api_file_and_its_line(tmp_path: Path) -> None:
    api = API.replace("default_region: prod", "default_region: moon")
    with pytest.raises(SpecError) as caught:
        load_specs(_api_folder(tmp_path, api=api))
    assert caught.value.path == tmp_path / "_api.yaml"
    assert caught.value.line == 4
    assert (
        'default_region: "moon" is not one of the regions (prod, staging)' in caught.value.message
    )


def test_a_spec_error_still_names_the_spec(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load_specs(_api_folder(tmp_path, spec=SPEC.replace("path: /widgets/1", "path: widgets")))
    assert caught.value.path == tmp_path / "widget.yaml"
    assert caught.value.line == 4


def test_an_inherited_error_entry_names_the_api_file(tmp_path: Path) -> None:
    api = API.replace("body: {message: slow down}", 'body: "slow down", content_type: text/html')
    api = api.replace("when: rate_limited, body", "when: rate_limited, content_type: x, body")
    with pytest.raises(SpecError) as caught:
        load_specs(_api_folder(tmp_path, api=api))
    assert caught.value.path == tmp_path / "_api.yaml"
    assert caught.value.line == 9


@pytest.mark.parametrize(
    ("api", "line", "message"),
    [
        ("id: x\n", 1, 'unknown key "id"'),
        ("families: {acme: {style: x}}\n", 1, 'unknown key "style"'),
        ("headers: {X-A: '1', x-a: '2'}\n", 1, "x-a and X-A are the same header"),
        ("- a\n", 1, "an API-level file must be a YAML mapping"),
    ],
)
def test_a_broken_api_file_is_refused_with_its_line(
    tmp_path: Path, api: str, line: int, message: str
) -> None:
    with pytest.raises(SpecError) as caught:
        load_specs(_api_folder(tmp_path, api=api))
    assert caught.value.path == tmp_path / "_api.yaml"
    assert caught.value.line == line
    assert message in caught.value.message


def test_files_starting_with_an_underscore_are_not_specs(tmp_path: Path) -> None:
    _api_folder(tmp_path)
    (tmp_path / "_draft.yaml").write_text("not: a spec\n", "utf-8")
    assert [e.id for e in load_specs(tmp_path)] == ["widget"]


def test_the_shipped_specs_keep_only_what_is_their_own() -> None:
    """Nothing a spec says is what it would inherit anyway."""
    import yaml

    api = yaml.safe_load(API_FILE.read_text("utf-8"))
    for path in sorted(SPECS.glob("[!_]*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        inherited = {**api, **api["families"].get(data.get("style"), {})}
        for key in ("regions", "default_region", "auth", "sdk_base_path"):
            assert data.get(key, object()) != inherited.get(key), (path.name, key)
        for entry in data.get("errors", []):
            assert entry not in inherited.get("errors", []), (path.name, entry["when"])
