"""Server-sent events as the two API families frame them (the mock sends them, docs show them)."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterable

from generator.model import JSON, Endpoint, value_at

STREAM_PIECES = 3  # a streamed reply arrives in this many events


def put_at(document: JSON, path: Iterable[str | int], value: JSON) -> JSON:
    """A deep copy of ``document`` with ``value`` placed at ``path`` (created if missing)."""
    result = copy.deepcopy(document)
    parts = list(path)
    if not parts:
        return value
    node = result
    for part, nxt in itertools.pairwise(parts):
        if isinstance(node, list):
            node = node[part]  # type: ignore[index]
            continue
        if part not in node or not isinstance(node[part], dict | list):
            node[part] = [] if isinstance(nxt, int) else {}
        node = node[part]
    last = parts[-1]
    if isinstance(node, list):
        while len(node) <= last:  # type: ignore[operator]
            node.append(None)
    node[last] = value  # type: ignore[index]
    return result


def split_reply(reply: str, pieces: int = STREAM_PIECES) -> list[str]:
    """``reply`` cut into ``pieces`` consecutive, non-empty parts (fewer if it is short)."""
    size = max(1, -(-len(reply) // pieces))
    return [reply[i : i + size] for i in range(0, len(reply), size)] or [""]


def _parameters(body: JSON) -> dict:
    params = body.get("parameters") if isinstance(body, dict) else None
    return params if isinstance(params, dict) else {}


def accumulates(endpoint: Endpoint, body: JSON = None) -> bool:
    """Whether each DashScope event carries the whole text so far (``incremental_output``
    false, the service's default) rather than only the new piece."""
    if endpoint.response_format != "dashscope-sse":
        return False
    body = endpoint.request_example if body is None else body
    return _parameters(body).get("incremental_output") is not True


def text_format(endpoint: Endpoint, body: JSON = None) -> bool:
    """Whether a DashScope text-generation answer is text-shaped (``output.text``:
    ``result_format`` text, the service's default) rather than message-shaped."""
    if endpoint.style != "dashscope-native" or endpoint.operation != "text-generation":
        return False
    body = endpoint.request_example if body is None else body
    return _parameters(body).get("result_format", "text") == "text"


def includes_usage(endpoint: Endpoint, body: JSON = None) -> bool:
    """Whether an OpenAI-compatible stream ends with a usage chunk (``stream_options``)."""
    body = endpoint.request_example if body is None else body
    options = body.get("stream_options") if isinstance(body, dict) else None
    return isinstance(options, dict) and options.get("include_usage") is True


STREAM_ERROR = {
    "code": "DataInspectionFailed",
    "message": "Output data may contain inappropriate content.",
}


def stream_frames(
    endpoint: Endpoint,
    reply: str,
    body: JSON = None,
    *,
    request_id: str = "00000000-0000-4000-8000-000000000000",
    error: bool = False,
) -> list[str]:
    """The server-sent events of a streamed answer, as the endpoint's API family sends them.

    ``openai-sse``: a first chunk whose delta carries the role, one chunk per piece, a final
    chunk with ``finish_reason: "stop"``, a usage chunk with empty ``choices`` when the
    request asked ``stream_options.include_usage``, then ``data: [DONE]``.
    ``dashscope-sse``: ``id:``, ``event:result``, ``:HTTP_STATUS/200`` and ``data:`` lines per
    piece, ``finish_reason`` "null" until the last event's "stop", usage in every event, the
    whole text so far in each event unless ``incremental_output`` is true, and ``output.text``
    when ``result_format`` is text.
    With ``error``, the stream breaks off after the first piece with the family's error event.
    ``body`` is the request (default: the spec's example).
    """
    body = endpoint.request_example if body is None else body
    pieces = split_reply(reply)
    if endpoint.response_format == "openai-sse":
        return _openai_frames(endpoint, pieces, body, request_id, error)
    return _dashscope_frames(endpoint, pieces, body, request_id, error)


def _openai_frames(
    endpoint: Endpoint, pieces: list[str], body: JSON, request_id: str, error: bool
) -> list[str]:
    path = tuple(endpoint.reply_path)
    choice = path[:2] if len(path) >= 2 and path[0] == "choices" else None
    usage = includes_usage(endpoint, body)
    kind = event_type(endpoint)
    named = f"event: {kind}\n" if kind else ""  # typed events name themselves (SSE event:)

    def chunk(piece: str, *, first: bool = False, finish: str | None = None) -> str:
        doc = put_at(endpoint.response_example, path, piece)
        delta = value_at(doc, path[:-1]) if choice is not None else None
        if isinstance(delta, dict):  # the role comes once, first in the first delta
            rest = {k: v for k, v in delta.items() if k != "role"}
            doc = put_at(doc, path[:-1], {"role": "assistant", **rest} if first else rest)
        if choice is not None:
            doc = put_at(doc, (*choice, "finish_reason"), finish)
        if usage and isinstance(doc, dict):
            doc["usage"] = None
        return named + "data: " + json.dumps(doc, ensure_ascii=False)

    frames = [chunk(pieces[0], first=True)]
    if error and kind:
        # A stream of typed events breaks off with an ``error`` event (Anthropic's shape,
        # which the OpenAI SDKs raise too: its data carries an ``error`` object).
        typed = {
            "type": "error",
            "error": {
                "type": "data_inspection_failed",
                "message": STREAM_ERROR["message"],
                "param": None,
                "code": "data_inspection_failed",
            },
            "request_id": request_id,
        }
        return [*frames, "event: error\ndata: " + json.dumps(typed)]
    if error:
        problem = {
            "error": {
                "message": STREAM_ERROR["message"],
                "type": "data_inspection_failed",
                "param": None,
                "code": "data_inspection_failed",
            },
            "request_id": request_id,
        }
        return [*frames, "data: " + json.dumps(problem)]
    frames += [chunk(piece) for piece in pieces[1:]]
    frames.append(chunk("", finish="stop"))
    if usage and isinstance(endpoint.response_example, dict):
        tail = {k: v for k, v in endpoint.response_example.items() if k != "choices"}
        tail["choices"] = []
        tail["usage"] = {
            "prompt_tokens": 12,
            "completion_tokens": len(pieces),
            "total_tokens": 12 + len(pieces),
        }
        frames.append("data: " + json.dumps(tail, ensure_ascii=False))
    return [*frames, "data: [DONE]"]


def event_type(endpoint: Endpoint) -> str:
    """The ``type`` an openai-sse stream's example event names (Responses API and Anthropic
    events: ``response.output_text.delta``, ``content_block_delta``), or "" for chat chunks."""
    example = endpoint.response_example
    kind = example.get("type") if isinstance(example, dict) else None
    return kind if isinstance(kind, str) else ""


def _dashscope_frames(
    endpoint: Endpoint, pieces: list[str], body: JSON, request_id: str, error: bool
) -> list[str]:
    path = tuple(endpoint.reply_path)
    as_text = text_format(endpoint, body)
    whole = accumulates(endpoint, body)
    frames = []
    for n, piece in enumerate(pieces, 1):
        text = "".join(pieces[:n]) if whole else piece
        finish = "stop" if n == len(pieces) else "null"
        if as_text:
            doc: JSON = {"output": {"finish_reason": finish, "text": text}}
        else:
            doc = put_at(endpoint.response_example, path, text)
            if len(path) >= 4 and path[:2] == ("output", "choices"):
                doc = put_at(doc, (*path[:3], "finish_reason"), finish)
        if isinstance(doc, dict):
            doc["usage"] = {"input_tokens": 12, "output_tokens": n, "total_tokens": 12 + n}
            doc["request_id"] = request_id
        frames.append(
            f"id:{n}\nevent:result\n:HTTP_STATUS/200\ndata:{json.dumps(doc, ensure_ascii=False)}"
        )
        if error:
            problem = {**STREAM_ERROR, "request_id": request_id}
            frames.append(f"id:{n + 1}\nevent:error\n:HTTP_STATUS/400\ndata:{json.dumps(problem)}")
            break
    return frames
