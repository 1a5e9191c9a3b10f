"""Server-sent events as the two API families frame them (the mock sends them, docs show them)."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterable

from generator.model import JSON, Endpoint

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


def stream_frames(endpoint: Endpoint, reply: str) -> list[str]:
    """The server-sent events of a streamed answer, in the endpoint's framing.

    ``openai-sse``: ``data: <chunk>`` per piece, then ``data: [DONE]`` (OpenAI's protocol).
    ``dashscope-sse``: ``id:``, ``event:result``, ``:HTTP_STATUS/200`` and ``data:`` lines
    per piece, as DashScope sends with ``X-DashScope-SSE: enable`` and incremental output.
    """
    chunks = [
        json.dumps(
            put_at(endpoint.response_example, endpoint.reply_path, piece), ensure_ascii=False
        )
        for piece in split_reply(reply)
    ]
    if endpoint.response_format == "openai-sse":
        return [f"data: {chunk}" for chunk in chunks] + ["data: [DONE]"]
    return [
        f"id:{n}\nevent:result\n:HTTP_STATUS/200\ndata:{chunk}" for n, chunk in enumerate(chunks, 1)
    ]
