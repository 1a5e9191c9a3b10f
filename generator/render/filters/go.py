"""Go literals: interpreted strings (strconv.Quote style), raw-string JSON, JSON paths, comments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.render.filters.common import (
    duration_units,
    escape_unsafe,
    has_unsafe,
    is_identifier,
    json_text,
)

# The single-letter escapes of the Go spec ("Rune literals"), as strconv.Quote uses them.
_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}


def _go_escape(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        # Go strings are UTF-8 and "\ud800" does not compile: no exact literal exists.
        raise ValueError(f"U+{code:04X} is a lone surrogate; a Go string cannot hold it")
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable() and not has_unsafe(char):
        return char
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def go_str(text: str) -> str:
    """A Go interpreted string literal for ``text``, with strconv.Quote semantics.

    Printable characters (Unicode letters, marks, numbers, punctuation, symbols and the
    ASCII space) are kept as they are; ``"`` and ``\\`` are escaped; everything else
    (controls, line/paragraph separators, bidi and other format characters, unassigned
    code points) becomes ``\\a``..``\\v``, ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``.
    Nothing else is special inside a Go string (no interpolation), see
    https://go.dev/ref/spec#String_literals.
    """
    if text.isprintable() and not has_unsafe(text):
        # fast path: every character is kept as it is, but for the two escaped ones
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _go_str_chars(text)


def _go_str_chars(text: str) -> str:
    """:func:`go_str` one character at a time (the reference its fast path is tested on)."""
    return '"' + "".join(_go_escape(char) for char in text) + '"'


def go_raw_json(value: Any, indent: int = 2) -> str:
    """A Go raw string literal (backquotes) holding the JSON text of ``value``.

    A raw string ends only at a backquote and keeps everything else, including
    backslashes, verbatim (``\\r`` would be dropped, but JSON text never holds one raw).
    A backquote can only occur inside a JSON string, so it is written as the JSON escape
    ``\\u0060``: the text still decodes to exactly ``value``. :func:`json_text` already
    escapes every control, bidi and separator character.
    """
    text = json_text(value, indent).replace("`", "\\u0060")
    return "`" + text + "`"


def go_json_path(path: Sequence[str | int]) -> str:
    """The steps of a JSON path as Go call arguments: ``"choices", 0, "delta", "content"``.

    Object keys become :func:`go_str` literals (any key is safe: nothing in a Go string is
    interpolated) and array indexes become untyped integer constants, so a call like
    ``textAt(event, {{ reply_path | go_json_path }})`` passes them as ``string`` and
    ``int`` values of a variadic ``...any`` parameter.
    """
    steps = []
    for step in path:
        if isinstance(step, bool) or not isinstance(step, str | int):
            raise ValueError(f"a JSON path step is a key or an index, not {step!r}")
        if isinstance(step, int) and step < 0:
            raise ValueError(f"a JSON array index cannot be negative: {step}")
        steps.append(go_str(step) if isinstance(step, str) else str(step))
    return ", ".join(steps)


def go_comment(text: str) -> str:
    """``text`` made safe for a ``//`` comment: it cannot end the line or hide characters."""
    return escape_unsafe(text)


def go_printf(text: str) -> str:
    """A Go string literal that, as an ``fmt.Printf`` format, prints ``text`` and a line
    break, where each NUL in ``text`` stands for one ``%d`` argument (``%`` is doubled:
    it is the only character a format interprets)."""
    return go_str(text.replace("%", "%%").replace("\0", "%d") + "\n")


def go_duration(seconds: float) -> str:
    """A ``time.Duration`` expression for ``seconds``: ``2 * time.Second``, ``1500 *
    time.Millisecond`` (whole milliseconds; a finer value is rounded up to one)."""
    count, whole = duration_units(seconds)
    return f"{count} * time.Second" if whole else f"{count} * time.Millisecond"


def go_keyed(prefix: str, suffix: str = "", key: str = "apiKey") -> str:
    """The value of the header that carries the key: ``apiKey``, ``"Bearer "+apiKey``, or
    with text after the key (the other cookies after a key in a cookie)
    ``"session="+apiKey+"; lang=en"``, written as gofmt lays out a call argument."""
    if not is_identifier(key):
        raise ValueError(f"{key!r} is not a Go identifier")
    parts = ([go_str(prefix)] if prefix else []) + [key] + ([go_str(suffix)] if suffix else [])
    return "+".join(parts)


def go_header_limit(name: str, value: str) -> str | None:
    """Why net/http cannot send the header ``name: value`` exactly, or None: it trims
    blanks (spaces and tabs) at either end of every header value it writes
    (``http.Header.Write``)."""
    if value != value.strip(" \t"):
        return f"net/http trims the blanks at either end of a header value, as {name}'s has"
    return None


FILTERS = {
    "go_keyed": go_keyed,
    "go_printf": go_printf,
    "go_duration": go_duration,
    "go_str": go_str,
    "go_raw_json": go_raw_json,
    "go_json_path": go_json_path,
    "go_comment": go_comment,
}
