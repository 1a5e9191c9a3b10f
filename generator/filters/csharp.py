"""C# literals: regular string literals, verbatim-string JSON bodies, comments, header kinds."""

from __future__ import annotations

from typing import Any

from generator.filters.common import escape_unsafe, has_unsafe, json_text

# The simple escape sequences of C# (ECMA-334, "Character literals").
_ESCAPES = {
    "\0": "\\0",
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

# Headers .NET only accepts on HttpContent.Headers (HttpContentHeaders), not on the request.
_CONTENT_HEADERS = frozenset(
    {
        "allow",
        "content-disposition",
        "content-encoding",
        "content-language",
        "content-length",
        "content-location",
        "content-md5",
        "content-range",
        "content-type",
        "expires",
        "last-modified",
    }
)


def _cs_escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char.isprintable() and not has_unsafe(char):
        return char
    code = ord(char)
    # Never \x: it takes one to four hex digits and would swallow a following digit.
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def cs_str(text: str) -> str:
    """A C# regular string literal for ``text`` (not interpolated: ``{`` is plain text).

    ``"`` and ``\\`` are escaped; controls, line terminators (U+0085, U+2028, U+2029 end a
    line in C#), bidi and other invisible characters become ``\\0``..``\\v``, ``\\uNNNN``
    or ``\\UNNNNNNNN``. Lone surrogates are representable: C# strings are UTF-16.
    """
    return '"' + "".join(_cs_escape(char) for char in text) + '"'


def cs_verbatim_json(value: Any, indent: int = 2) -> str:
    """A C# verbatim string ``@"..."`` holding the JSON text of ``value``.

    In a verbatim string only ``"`` is special (written ``""``); backslashes and line
    breaks are kept as they are. :func:`json_text` escapes every control, line-terminator
    and bidi character, so the only raw line breaks are the indentation's own.
    """
    return '@"' + json_text(value, indent).replace('"', '""') + '"'


def cs_comment(text: str) -> str:
    """``text`` made safe for a ``//`` comment: it cannot end the line or hide characters."""
    return escape_unsafe(text)


def cs_is_content_header(name: str) -> bool:
    """Whether .NET wants header ``name`` on ``HttpContent.Headers`` (Content-Type...)."""
    return name.lower() in _CONTENT_HEADERS


FILTERS = {
    "cs_str": cs_str,
    "cs_verbatim_json": cs_verbatim_json,
    "cs_comment": cs_comment,
    "cs_is_content_header": cs_is_content_header,
}
