"""C# literals: regular strings, verbatim-string JSON, JSON paths as XPath, comments, headers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.render.filters.common import (
    escape_unsafe,
    has_unsafe,
    is_identifier,
    json_text,
    seconds_value,
)

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
    if text.isprintable() and not has_unsafe(text):
        # fast path: every character is kept as it is, but for the two escaped ones
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _cs_str_chars(text)


def _cs_str_chars(text: str) -> str:
    """:func:`cs_str` one character at a time (the reference its fast path is tested on)."""
    return '"' + "".join(_cs_escape(char) for char in text) + '"'


def cs_verbatim_json(value: Any, indent: int = 2) -> str:
    """A C# verbatim string ``@"..."`` holding the JSON text of ``value``.

    In a verbatim string only ``"`` is special (written ``""``); backslashes and line
    breaks are kept as they are. :func:`json_text` escapes every control, line-terminator
    and bidi character, so the only raw line breaks are the indentation's own.
    """
    return '@"' + json_text(value, indent).replace('"', '""') + '"'


def _xpath_literal(text: str) -> str:
    """An XPath 1.0 string literal for ``text`` (XPath has no escapes: concat() if needed)."""
    if '"' not in text:
        return '"' + text + '"'
    if "'" not in text:
        return "'" + text + "'"
    parts = text.split('"')
    return "concat(" + ", '\"', ".join(f'"{part}"' for part in parts) + ")"


def cs_json_xpath(path: Sequence[str | int]) -> str:
    """An XPath to the value at JSON ``path`` in the XML view of DataContractJsonSerializer.

    ``JsonReaderWriterFactory.CreateJsonReader`` reads JSON as XML: the document element
    is ``root``; an array's items are ``item`` elements (index ``n`` is ``item[n+1]``); an
    object member is an element named after its key, or, when the key is no XML name
    (spaces, colons, on Mono any non-ASCII), an ``item`` element in the ``item`` namespace
    whose ``item`` attribute holds the key. ASCII identifiers are XML names and become
    plain steps; any other key becomes a step that matches either mapping exactly. The
    result is XPath text: put it into C# with :func:`cs_str`.
    """
    steps = ["/root"]
    for step in path:
        if isinstance(step, bool) or not isinstance(step, str | int):
            raise ValueError(f"a JSON path step is a key or an index, not {step!r}")
        if isinstance(step, int):
            if step < 0:
                raise ValueError(f"a JSON array index cannot be negative: {step}")
            steps.append(f"item[{step + 1}]")
        elif is_identifier(step):
            steps.append(step)
        else:
            key = _xpath_literal(step)
            steps.append(f"*[@item={key} or (not(@item) and name()={key})]")
    return "/".join(steps)


def cs_comment(text: str) -> str:
    """``text`` made safe for a ``//`` comment: it cannot end the line or hide characters."""
    return escape_unsafe(text)


def cs_is_content_header(name: str) -> bool:
    """Whether .NET wants header ``name`` on ``HttpContent.Headers`` (Content-Type...)."""
    return name.lower() in _CONTENT_HEADERS


def cs_format(text: str) -> str:
    """A C# string literal that, as a composite format (``Console.WriteLine(format, arg)``),
    prints ``text``, where each NUL in ``text`` stands for argument ``{0}``.

    Braces are the only characters a composite format interprets; they are doubled
    (``{{``, ``}}``), so the rest of ``text`` prints exactly.
    """
    return cs_str(text.replace("{", "{{").replace("}", "}}").replace("\0", "{0}"))


def cs_seconds(seconds: float) -> str:
    """A C# ``double`` literal for a number of seconds (``TimeSpan.FromSeconds(...)``)."""
    seconds_value(seconds)
    return str(int(seconds)) if float(seconds).is_integer() else repr(float(seconds))


FILTERS = {
    "cs_format": cs_format,
    "cs_seconds": cs_seconds,
    "cs_str": cs_str,
    "cs_verbatim_json": cs_verbatim_json,
    "cs_json_xpath": cs_json_xpath,
    "cs_comment": cs_comment,
    "cs_is_content_header": cs_is_content_header,
}
