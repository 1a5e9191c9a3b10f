"""POSIX shell quoting (bash): values that are always inert, whatever they contain."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from generator.filters.common import is_identifier, json_text

# Words jq's grammar reserves; older jq versions refuse them after a dot (``.if``).
_JQ_KEYWORDS = frozenset(
    {
        "__loc__", "and", "as", "catch", "def", "elif", "else", "end", "foreach", "if",
        "import", "include", "label", "module", "not", "or", "reduce", "then", "try",
    }
)  # fmt: skip


def sh_single(text: str) -> str:
    """A single-quoted shell word for ``text``; inside single quotes nothing is special.

    A single quote itself ends the quoting, so it is written as ``'\\''``
    (POSIX, Shell Command Language 2.2.2).
    """
    return "'" + text.replace("'", "'\\''") + "'"


def sh_json(value: Any, indent: int = 2) -> str:
    """A JSON value as one single-quoted shell word, pretty-printed over several lines."""
    return sh_single(json_text(value, indent))


def sh_jq_path(path: Sequence[str | int]) -> str:
    """A jq path expression for a JSON path: ``.choices[0].delta.content``.

    Plain identifiers are written after a dot; any other key as ``["..."]``, a JSON string
    (ASCII-only, so jq reads back exactly the key and ``\\(`` can never start an
    interpolation). The result is jq source, not yet a shell word (see :func:`sh_jq_text`).
    """
    out = []
    for part in path:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise TypeError(f"a JSON path holds keys and indexes, not {part!r}")
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif is_identifier(part) and part not in _JQ_KEYWORDS:
            out.append(f".{part}")
        else:
            out.append(f"[{json.dumps(part)}]")
    text = "".join(out)
    return text if text.startswith(".") else "." + text


def sh_jq_text(path: Sequence[str | int]) -> str:
    """A single-quoted jq program printing the text at ``path``, or nothing when it is
    missing, null or false (``// empty``); use with ``jq --join-output``."""
    return sh_single(f"{sh_jq_path(path)} // empty")


FILTERS = {
    "sh_single": sh_single,
    "sh_json": sh_json,
    "sh_jq_path": sh_jq_path,
    "sh_jq_text": sh_jq_text,
}
