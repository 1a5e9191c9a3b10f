"""Streaming endpoints: the mock answers with server-sent events that carry the reply in order."""

from __future__ import annotations

import json

from generator.mock.core import Mock, MockConfig
from generator.model.streams import split_reply, stream_frames
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}


def test_split_reply_keeps_every_character_in_order() -> None:
    for reply in ("", "a", "ab", "Hello from the samplegen mock.", "你好世界🚀"):
        pieces = split_reply(reply)
        assert "".join(pieces) == reply
        assert len(pieces) == (min(3, len(reply)) or 1)


def test_openai_frames_are_data_lines_ending_with_done() -> None:
    endpoint = ENDPOINTS["chat-completions-stream"]
    frames = stream_frames(endpoint, "one two three")
    assert frames[-1] == "data: [DONE]"
    chunks = [json.loads(f.removeprefix("data: ")) for f in frames[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert "".join(c["choices"][0]["delta"]["content"] for c in chunks) == "one two three"


def test_dashscope_frames_carry_id_event_status_and_data() -> None:
    endpoint = ENDPOINTS["text-generation-stream"]
    frames = stream_frames(endpoint, "one two three")
    text = ""
    for n, frame in enumerate(frames, 1):
        lines = frame.split("\n")
        assert lines[:3] == [f"id:{n}", "event:result", ":HTTP_STATUS/200"]
        data = json.loads(lines[3].removeprefix("data:"))
        text += data["output"]["choices"][0]["message"]["content"]
    assert text == "one two three"


def test_a_streaming_endpoint_answers_text_event_stream_and_errors_as_json() -> None:
    endpoint = ENDPOINTS["text-generation-stream"]
    mock = Mock([endpoint], MockConfig(reply="streamed reply"))
    answer = mock.success(endpoint, endpoint.request_example)
    assert answer.headers[0] == ("Content-Type", "text/event-stream;charset=UTF-8")
    body = b"".join(answer.body).decode()
    assert body.endswith("\n\n") and body.count("event:result") == 3
    error = mock.error(endpoint, "invalid_api_key")
    assert error.status == 401 and json.loads(error.body)["code"] == "InvalidApiKey"


def test_a_shared_path_is_resolved_by_the_request() -> None:
    from generator.mock.core import IncomingRequest

    mock = Mock(list(ENDPOINTS.values()))

    def pick(endpoint_id: str, headers: tuple[tuple[str, str], ...] = ()) -> str:
        endpoint = ENDPOINTS[endpoint_id]
        body = json.dumps(endpoint.request_example).encode()
        request = IncomingRequest("POST", endpoint.path, headers, body)
        return mock.endpoint_for(endpoint.path, request).id

    assert pick("chat-completions") == "chat-completions"
    assert pick("chat-completions-stream") == "chat-completions-stream"
    assert pick("vision-chat-completions") == "vision-chat-completions"
    assert pick("text-generation") == "text-generation"
    sse = (("X-DashScope-SSE", "enable"),)
    assert pick("text-generation-stream", sse) == "text-generation-stream"
