"""An unknown model gets its API family's documented error, naming the model that was sent;
a snapshot or ``-latest`` alias of a listed model is answered like the model."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.mock import IncomingRequest, Mock, MockConfig
from generator.mock.model_errors import NATIVE_TEXT, model_message, name_model
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}
KEY = "sk-unknown-model-test"
NATIVE = ("text-generation", "text-generation-stream", "text-generation-stream-full")
COMPATIBLE = ("chat-completions", "chat-completions-stream")


def _ask(endpoint_id: str, model: str) -> tuple[int, dict, dict]:
    endpoint = ENDPOINTS[endpoint_id]
    body = dict(endpoint.request_example, model=model)
    headers = (
        ("Host", "dashscope-intl.aliyuncs.com"),
        ("Authorization", f"Bearer {KEY}"),
        ("Content-Type", "application/json"),
        *((name, value) for name, value in endpoint.headers if name != "Content-Type"),
    )
    request = IncomingRequest("POST", endpoint.path, headers, json.dumps(body).encode(), "https")
    response = Mock([endpoint], MockConfig(api_key=KEY)).handle(request)
    answer = json.loads(response.body) if isinstance(response.body, bytes) else {}
    return response.status, answer, dict((k.lower(), v) for k, v in response.headers)


@pytest.mark.parametrize("endpoint_id", NATIVE)
def test_the_native_family_answers_400_invalid_parameter_naming_the_model(endpoint_id) -> None:
    status, answer, _ = _ask(endpoint_id, "qwen-nonexistent")
    assert status == 400
    assert answer["code"] == "InvalidParameter"
    assert answer["message"] == "Model not exist: qwen-nonexistent."
    assert answer["message"].startswith("Model not exist")  # still the service's words


@pytest.mark.parametrize("endpoint_id", COMPATIBLE)
def test_the_compatible_family_answers_404_naming_the_model_sent(endpoint_id) -> None:
    status, answer, headers = _ask(endpoint_id, "qwen-made-up-2")
    assert status == 404
    assert answer["error"]["code"] == "model_not_found"
    assert answer["error"]["message"] == (
        "The model `qwen-made-up-2` does not exist or you do not have access to it."
    )
    assert answer["request_id"] == headers["x-request-id"]


@pytest.mark.parametrize("endpoint_id", NATIVE + COMPATIBLE)
def test_a_latest_alias_is_answered_like_the_model(endpoint_id) -> None:
    assert _ask(endpoint_id, "qwen-plus-latest")[0] == 200


def test_a_documented_text_with_a_placeholder_is_filled_and_others_are_left_alone() -> None:
    assert model_message("The model `{model}` is gone.", "m1") == "The model `m1` is gone."
    assert model_message("Invalid API-key provided.", "m1") == "Invalid API-key provided."
    assert model_message(NATIVE_TEXT, "") == NATIVE_TEXT  # no model sent: the bare text
    body = {"code": "InvalidParameter", "message": NATIVE_TEXT, "request_id": "r"}
    assert name_model(body, "m1") == {**body, "message": "Model not exist: m1."}


@given(st.text(min_size=1).filter(lambda m: "{model}" not in m))
def test_the_native_text_always_ends_with_the_model_and_a_period(model: str) -> None:
    assert model_message(NATIVE_TEXT, model) == f"Model not exist: {model}."
