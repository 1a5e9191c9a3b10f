"""POSIX shell quoting (bash): values that are always inert, whatever they contain."""

from __future__ import annotations

from typing import Any

from generator.filters.common import json_text


def sh_single(text: str) -> str:
    """A single-quoted shell word for ``text``; inside single quotes nothing is special.

    A single quote itself ends the quoting, so it is written as ``'\\''``
    (POSIX, Shell Command Language 2.2.2).
    """
    return "'" + text.replace("'", "'\\''") + "'"


def sh_json(value: Any, indent: int = 2) -> str:
    """A JSON value as one single-quoted shell word, pretty-printed over several lines."""
    return sh_single(json_text(value, indent))


FILTERS = {"sh_single": sh_single, "sh_json": sh_json}
