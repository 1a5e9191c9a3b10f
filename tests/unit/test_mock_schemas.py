"""Every answer the mock gives validates against the service's own schemas: the OpenAI
OpenAPI document for the compatible API (tests/fixtures/openai-schemas.json, extracted from
github.com/openai/openai-openapi) and the DashScope documented shapes
(tests/fixtures/dashscope-schemas.json): plain answers, each stream chunk, each error."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator.mock import IncomingRequest, Mock, MockConfig
from generator.model import Endpoint
from generator.sources import load_specs
from tests.conftest import ROOT, SPECS

FIXTURES = ROOT / "tests" / "fixtures"
ENDPOINTS = load_specs(SPECS)
KEY = "sk-schema-test"

OPENAI_SCHEMA = {
    "chat-completions": "CreateChatCompletionResponse",
    "embeddings": "CreateEmbeddingResponse",
    "files.create": "OpenAIFile",
    "files.list": "ListFilesResponse",
    "files.delete": "DeleteFileResponse",
}
DASHSCOPE_SCHEMA = {
    "text-generation": "Generation",
    "multimodal-generation": "Generation",
    "text-embedding": "Embedding",
    "text-rerank": "Rerank",
    "image-synthesis": "Task",
    "video-synthesis": "Task",
    "tasks.get": "Task",
    "application": "Application",
}


def _dashscope_deviations(defs: dict) -> None:
    """Where Model Studio's OpenAI-compatible API answers differently from OpenAI's schema
    (seen in its API reference and wire captures); each is applied to the schema, by name,
    so that nothing else is loosened."""
    message = defs["ChatCompletionResponseMessage"]
    message["required"] = [r for r in message["required"] if r != "refusal"]  # never sent
    for name in ("CreateChatCompletionResponse", "CreateChatCompletionStreamResponse"):
        defs[name]["properties"]["system_fingerprint"]["type"] = ["string", "null"]  # null
    file = defs["OpenAIFile"]["properties"]
    file["purpose"]["enum"] = [*file["purpose"]["enum"], "file-extract"]  # document parsing
    file["status_details"]["type"] = ["string", "null"]
    listing = defs["ListFilesResponse"]
    listing["required"] = [r for r in listing["required"] if r not in ("first_id", "last_id")]


def _validator(file: str, name: str) -> jsonschema.Draft202012Validator:
    document = json.loads((FIXTURES / file).read_text("utf-8"))
    if file == "openai-schemas.json":
        _dashscope_deviations(document["$defs"])
    return jsonschema.Draft202012Validator({**document, "$ref": f"#/$defs/{name}"})


def _schema(endpoint: Endpoint, *, stream: bool = False, error: bool = False):
    if endpoint.style == "openai-compatible":
        if not error and endpoint.operation not in OPENAI_SCHEMA:
            # An operation the extracted schemas do not hold (batches, models, responses):
            # the spec's own schema of its answer (of each event, for a stream).
            assert endpoint.response_schema, f"{endpoint.id} needs response.schema"
            return jsonschema.Draft202012Validator(endpoint.response_schema)
        name = "ErrorResponse" if error else OPENAI_SCHEMA[endpoint.operation]
        if stream and not error:
            name = "CreateChatCompletionStreamResponse"
        return _validator("openai-schemas.json", name)
    name = "Error" if error else DASHSCOPE_SCHEMA[endpoint.operation]
    return _validator("dashscope-schemas.json", name)


def _request(endpoint: Endpoint, key: str = KEY, body: bytes | None = None) -> IncomingRequest:
    headers = [("Host", endpoint.region().host), ("Authorization", f"Bearer {key}")]
    headers += [(k, v) for k, v in endpoint.headers]
    if body is None and endpoint.body_kind == "json":
        body = json.dumps(endpoint.request_example).encode()
    if endpoint.body_kind == "multipart":
        boundary = "schema-test"
        parts = b""
        for name, value in (endpoint.request_example or {}).items():
            parts += (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            ).encode()
        for upload in endpoint.files:
            parts += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{upload.field}"; '
                    f'filename="{upload.path}"\r\nContent-Type: {upload.content_type}\r\n\r\n'
                ).encode()
                + upload.example_bytes
                + b"\r\n"
            )
        body = parts + f"--{boundary}--\r\n".encode()
        headers.append(("Content-Type", f"multipart/form-data; boundary={boundary}"))
    target = endpoint.url().split(endpoint.region().host, 1)[1]
    return IncomingRequest(endpoint.method, target, tuple(headers), body or b"", "https")


def _events(response) -> list[tuple[str, str]]:
    """(event name, data) of each server-sent event."""
    text = b"".join(response.body).decode("utf-8")
    events = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        name = next((ln[6:] for ln in block.split("\n") if ln.startswith("event:")), "message")
        data = "".join(
            ln.split(":", 1)[1].lstrip() for ln in block.split("\n") if ln[:5] == "data:"
        )
        events.append((name, data))
    return events


def _check(validator: jsonschema.Draft202012Validator, document: object, what: str) -> None:
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not problems, f"{what}: {problems[:3]}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_success_answers_validate(endpoint: Endpoint) -> None:
    mock = Mock([endpoint], MockConfig(api_key=KEY))
    response = mock.handle(_request(endpoint))
    assert response.status == endpoint.response_status, mock.requests[-1].mismatches
    if endpoint.streams:
        validator = _schema(endpoint, stream=True)
        for _, data in _events(response):
            if data != "[DONE]":
                _check(validator, json.loads(data), f"{endpoint.id} chunk {data[:60]}")
        return
    if endpoint.binary:
        assert isinstance(response.body, bytes) and response.body  # a file, no JSON to check
        return
    document = json.loads(response.body)
    _check(_schema(endpoint), document, endpoint.id)
    if endpoint.task is not None:
        task_id = document["output"]["task_id"]
        for _ in range(3):
            poll = IncomingRequest(
                "GET",
                endpoint.task.poll_path_for(task_id),
                (("Host", endpoint.region().host), ("Authorization", f"Bearer {KEY}")),
                b"",
                "https",
            )
            _check(_schema(endpoint), json.loads(mock.handle(poll).body), f"{endpoint.id} poll")


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.streams], ids=lambda e: e.id)
def test_a_mid_stream_error_event_validates_as_the_familys_error(endpoint: Endpoint) -> None:
    mock = Mock([endpoint], MockConfig(api_key=KEY, stream_error=True))
    events = _events(mock.handle(_request(endpoint)))
    name, data = events[-1]
    error = json.loads(data)
    _check(_schema(endpoint, error=True), error, f"{endpoint.id} error event")
    if endpoint.response_format == "dashscope-sse":
        assert name == "error"
    assert all(d != "[DONE]" for _, d in events)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_every_documented_error_validates_and_carries_a_fresh_request_id(
    endpoint: Endpoint,
) -> None:
    seen = set()
    for error in endpoint.errors:
        config = MockConfig(api_key=KEY, force_error=error.when)
        if error.when == "invalid_api_key":
            config = MockConfig(api_key="sk-other")
        response = Mock([endpoint], config).handle(_request(endpoint))
        body = json.loads(response.body)
        assert response.status == error.status
        _check(_schema(endpoint, error=True), body, f"{endpoint.id} {error.when}")
        request_id = body["request_id"]
        assert request_id not in seen
        seen.add(request_id)
        header = dict((k.lower(), v) for k, v in response.headers)
        assert request_id in (header.get("x-request-id"), header.get("x-dashscope-request-id"))


def test_a_dashscope_stream_accumulates_unless_incremental_output() -> None:
    stream = next(e for e in ENDPOINTS if e.id == "text-generation-stream")
    body = json.loads(json.dumps(stream.request_example))
    texts = {}
    for incremental in (True, False):
        body["parameters"]["incremental_output"] = incremental
        mock = Mock([stream], MockConfig(api_key=KEY, reply="one two three"))
        events = _events(mock.handle(_request(stream, body=json.dumps(body).encode())))
        datas = [json.loads(d) for _, d in events]
        texts[incremental] = [d["output"]["choices"][0]["message"]["content"] for d in datas]
        assert [d["output"]["choices"][0]["finish_reason"] for d in datas][-1] == "stop"
    assert "".join(texts[True]) == "one two three"
    assert texts[False][-1] == "one two three"
    assert texts[False] == ["".join(texts[True][: i + 1]) for i in range(len(texts[True]))]


def test_result_format_text_answers_output_text() -> None:
    plain = next(e for e in ENDPOINTS if e.id == "text-generation")
    body = json.loads(json.dumps(plain.request_example))
    body["parameters"]["result_format"] = "text"
    mock = Mock([plain], MockConfig(api_key=KEY, reply="plain words"))
    answer = json.loads(mock.handle(_request(plain, body=json.dumps(body).encode())).body)
    assert answer["output"] == {"finish_reason": "stop", "text": "plain words"}
    _check(_schema(plain), answer, "result_format text")


def test_include_usage_ends_with_an_empty_choices_usage_chunk() -> None:
    stream = next(e for e in ENDPOINTS if e.id == "chat-completions-params-stream")
    events = _events(Mock([stream], MockConfig(api_key=KEY)).handle(_request(stream)))
    chunks = [json.loads(d) for _, d in events if d != "[DONE]"]
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] > 0
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop"
    assert [("role" in c["choices"][0]["delta"]) for c in chunks[:-1]] == [True] + [False] * (
        len(chunks) - 2
    )


def test_a_wrong_model_gets_the_familys_error_naming_it() -> None:
    chat = next(e for e in ENDPOINTS if e.id == "chat-completions")
    native = next(e for e in ENDPOINTS if e.id == "text-generation")
    for endpoint, status in ((chat, 404), (native, 400)):
        body = dict(endpoint.request_example, model="qwen-nonexistent")
        response = Mock([endpoint], MockConfig(api_key=KEY)).handle(
            _request(endpoint, body=json.dumps(body).encode())
        )
        answer = json.loads(response.body)
        assert response.status == status
        if endpoint is chat:
            assert "`qwen-nonexistent`" in answer["error"]["message"]
        else:
            assert (answer["code"], answer["message"]) == (
                "InvalidParameter",
                "Model not exist: qwen-nonexistent.",
            )


def test_the_fixtures_name_where_they_came_from() -> None:
    for name in ("openai-schemas.json", "dashscope-schemas.json"):
        document = json.loads(Path(FIXTURES / name).read_text("utf-8"))
        assert document["$comment"]
