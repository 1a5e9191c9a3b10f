"""Accumulating DashScope streams (``incremental_output`` false): each event carries the whole
text so far, the DashScope SDKs' declared rewrite of the request is accepted, and the harness
fails a sample that prints each event's whole text (the reply many times over)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from generator.harness.runner import streamed_reply_problems
from generator.mock import IncomingRequest, Mock, MockConfig
from generator.mock.rewrites import MERGED_BY_SDK, as_asked
from generator.model.streams import accumulates, split_reply, stream_frames
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}
FULL = ENDPOINTS["text-generation-stream-full"]
KEY = "sk-accumulation-test"
REPLY = "samplegen mock reply 0123456789abcdef"


def _texts(frames: list[str]) -> list[str]:
    """The reply text of each result event."""
    texts = []
    for frame in frames:
        lines = frame.split("\n")
        if "event:result" in lines:
            data = json.loads(lines[-1].removeprefix("data:"))
            texts.append(data["output"]["choices"][0]["message"]["content"])
    return texts


def _request(body: dict, user_agent: str | None = None) -> IncomingRequest:
    headers = [
        ("Host", "dashscope-intl.aliyuncs.com"),
        ("Authorization", f"Bearer {KEY}"),
        ("Content-Type", "application/json"),
        ("X-DashScope-SSE", "enable"),
    ]
    if user_agent is not None:
        headers.append(("User-Agent", user_agent))
    return IncomingRequest("POST", FULL.path, tuple(headers), json.dumps(body).encode(), "https")


def _sdk_body() -> dict:
    """The shipped example as the DashScope SDKs send it: incremental_output turned true."""
    body = json.loads(json.dumps(FULL.request_example))
    body["parameters"]["incremental_output"] = True
    return body


def test_the_shipped_full_stream_spec_accumulates() -> None:
    assert FULL.request_example["parameters"]["incremental_output"] is False
    assert accumulates(FULL)
    assert not accumulates(ENDPOINTS["text-generation-stream"])


def test_each_event_of_the_full_stream_holds_the_whole_text_so_far() -> None:
    pieces = split_reply(REPLY)
    texts = _texts(stream_frames(FULL, REPLY))
    assert texts == ["".join(pieces[:n]) for n in range(1, len(pieces) + 1)]
    assert texts[-1] == REPLY


def test_printing_only_the_new_text_of_each_event_passes_the_judge() -> None:
    assert streamed_reply_problems(REPLY + "\n", REPLY) == []


def test_printing_each_events_whole_text_fails_the_judge() -> None:
    texts = _texts(stream_frames(FULL, REPLY))
    naive = "".join(texts) + "\n"  # what a sample that ignores accumulation prints
    assert REPLY in naive  # so "stdout contains the reply" alone would let it pass
    assert streamed_reply_problems(naive, REPLY) == [
        "stdout repeats the streamed reply: its first piece 'samplegen moc' appears 3 times, "
        "expected 1 (printed the whole text of each event, not only the new text?)"
    ]


def test_printing_the_reply_again_after_the_stream_fails_the_judge() -> None:
    assert streamed_reply_problems(f"{REPLY}\n{REPLY}\n", REPLY)


LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"))


@given(reply=LINE.filter(bool))
def test_the_judge_passes_the_pieces_and_fails_the_accumulated_texts(reply: str) -> None:
    pieces = split_reply(reply)
    assert streamed_reply_problems("".join(pieces) + "\n", reply) == []
    accumulated = "".join("".join(pieces[:n]) for n in range(1, len(pieces) + 1))
    assert bool(streamed_reply_problems(accumulated + "\n", reply)) == (len(pieces) > 1)


def test_the_sdks_declared_rewrite_is_no_mismatch_and_gets_incremental_events() -> None:
    mock = Mock([FULL], MockConfig(api_key=KEY, reply=REPLY, exact_body=True))
    agent = f"dashscope/2.0.2; python/3.11.2; {MERGED_BY_SDK}"
    response = mock.handle(_request(_sdk_body(), agent))
    assert response.status == 200
    assert mock.requests[0].mismatches == []
    # The wire asked for pieces, so pieces it gets; the SDK merges them for the sample.
    assert _texts([f for f in b"".join(response.body).decode().split("\n\n") if f]) == (
        split_reply(REPLY)
    )


def test_without_the_sdks_declaration_incremental_output_true_is_a_mismatch() -> None:
    for agent in (None, "python-requests/2.32.3", "dashscope/2.0.2; incremental_to_full/0"):
        mock = Mock([FULL], MockConfig(api_key=KEY, reply=REPLY, exact_body=True))
        mock.handle(_request(_sdk_body(), agent))
        assert mock.requests[0].mismatches == [
            "body.parameters.incremental_output: saw true, spec says false"
        ], agent


def test_as_asked_changes_nothing_else() -> None:
    headers = (("user-agent", MERGED_BY_SDK),)
    body = _sdk_body()
    assert as_asked(body, headers) == FULL.request_example
    assert body["parameters"]["incremental_output"] is True  # the request is not modified
    plain = {"model": "qwen-plus", "parameters": {"incremental_output": False}}
    assert as_asked(plain, headers) is plain
    assert as_asked(["not", "an", "object"], headers) == ["not", "an", "object"]
