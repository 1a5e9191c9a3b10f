"""Spec loading: the shipped specs load; every broken spec is an error naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.sources import load_spec, load_specs
from tests.conftest import SPECS


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
    path = tmp_path / "broken.yaml"
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
    text = _shipped().replace("sdk_base_path:", "sdk_base_pth:")
    err = _error(_write(tmp_path, text))
    assert err.line == _line_of(text, "sdk_base_pth:")
    assert 'unknown key "sdk_base_pth"; did you mean sdk_base_path?' in err.message


def test_a_misspelt_nested_key_is_caught_too(tmp_path: Path) -> None:
    text = _shipped().replace("  scheme: Bearer", "  schema: Bearer")
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
    with pytest.raises(SpecError, match="duplicate endpoint id 'chat-completions'"):
        load_specs(tmp_path)


def test_an_endpoint_must_document_its_invalid_key_error(tmp_path: Path) -> None:
    text = _shipped().replace("when: invalid_api_key", "when: access_denied")
    err = _error(_write(tmp_path, text))
    assert "second error for condition 'access_denied'" in err.message


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
