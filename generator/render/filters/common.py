"""Language-neutral helpers the per-language filters build on."""

from __future__ import annotations

import json
import math
import re
from json.encoder import encode_basestring
from typing import Any

# Characters that are legal in JSON strings but dangerous or invisible in source code:
# C0/C1 controls, line/paragraph separators (line breaks in JS and Java), bidi overrides
# (Trojan Source, CVE-2021-42574), the BOM, and lone surrogates (not encodable as UTF-8).
UNSAFE_CHARS = (
    "\x00-\x1f\x7f-\x9f\u2028\u2029\u200b\u200e\u200f\u2060\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff"
)  # a regex character-class body, for filters that add their own special characters
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")


def escape_unsafe(text: str, fmt: str = "\\u{:04x}", keep: str = "") -> str:
    """Replace each unsafe code point in ``text`` (except those in ``keep``) with ``fmt``."""
    if text.isascii() and text.isprintable():  # fast path: no ASCII control, no DEL
        return text
    if _UNSAFE.search(text) is None:  # fast path: non-ASCII text with nothing to escape
        return text
    return _UNSAFE.sub(
        lambda m: m.group() if m.group() in keep else fmt.format(ord(m.group())), text
    )


def has_unsafe(text: str) -> bool:
    """Whether ``text`` contains a control, bidi or otherwise invisible code point."""
    return _UNSAFE.search(text) is not None


def json_text(value: Any, indent: int | None = 2) -> str:
    """JSON text for ``value``: readable (non-ASCII kept) but with every unsafe char escaped.

    The result parses back to exactly ``value`` (round-trip tested) and contains no
    raw control, bidi or separator characters, so it can sit inside any source literal.
    """
    if indent is None:  # json.dumps uses its C encoder for the one-line layout
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    else:
        text = _indented_json(value, indent)
    # json.dumps already escapes C0 controls; this catches the rest (C1, bidi, U+2028...).
    # Raw newlines in its output are the indentation's own: keep those.
    if text.isascii() and "\x7f" not in text:  # fast path: nothing else can be unsafe
        return text
    return escape_unsafe(text, keep="\n")


class _NotPlainJSON(Exception):
    """A value :func:`_indented_json` leaves to ``json.dumps`` (non-string keys, subclasses)."""


def _indented_json(value: Any, indent: int) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent, separators=(",", ": "))``,
    the same text, built with the C string encoder instead of the pure-Python encoder that
    ``json.dumps`` falls back to whenever ``indent`` is set (several times faster)."""
    out: list[str] = []
    try:
        _encode_into(value, "\n", "\n" + " " * indent if indent > 0 else "\n", out)
    except (_NotPlainJSON, RecursionError):
        return json.dumps(value, ensure_ascii=False, indent=indent, separators=(",", ": "))
    return "".join(out)


def _encode_into(value: Any, pad: str, step: str, out: list[str]) -> None:
    """Append the JSON text of ``value`` to ``out``; ``pad`` is its own line break and
    indentation, ``step`` one level of indentation (a line break and spaces)."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float_text(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = pad + step[1:]
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlainJSON
            out.append(sep)
            out.append(encode_basestring(key))
            out.append(": ")
            _encode_into(item, inner, step, out)
            sep = "," + inner
        out.append(pad + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = pad + step[1:]
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _encode_into(item, inner, step, out)
            sep = "," + inner
        out.append(pad + "]")
    else:
        raise _NotPlainJSON


def _float_text(value: float) -> str:
    """A float as ``json.dumps`` writes it (``NaN`` and ``Infinity`` included)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def is_identifier(key: str) -> bool:
    """Whether ``key`` is a plain ASCII identifier usable bare in most languages."""
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) is not None


def seconds_value(seconds: float) -> float:
    """``seconds`` when it is a number of seconds (finite, not negative); else ValueError."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"{seconds!r} is not a number of seconds")
    return seconds


def duration_units(seconds: float) -> tuple[int, bool]:
    """``seconds`` as a count and whether it counts whole seconds: ``(2, True)``, or
    milliseconds when it is not whole, ``(1500, False)`` (a finer value rounds up to one)."""
    if float(seconds_value(seconds)).is_integer():
        return int(seconds), True
    return max(1, round(seconds * 1000)), False
