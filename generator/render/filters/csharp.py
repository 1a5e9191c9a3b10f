"""C# literals: regular strings, verbatim-string JSON, JSON paths as XPath, comments, headers,
and what System.Uri does to a URL."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote_to_bytes

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


def cs_has_content_header(headers: Sequence[tuple[str, str]]) -> bool:
    """Whether any of ``headers`` is a content header (see :func:`cs_is_content_header`)."""
    return any(cs_is_content_header(name) for name, _value in headers)


def cs_keyed(prefix: str, suffix: str, key: str = "apiKey") -> str:
    """The expression of a header value that carries the key between ``prefix`` and
    ``suffix``: ``apiKey``, ``"Bearer " + apiKey``, ``"session=" + apiKey + "; lang=en"``."""
    parts = [cs_str(prefix)] if prefix else []
    parts.append(key)
    if suffix:
        parts.append(cs_str(suffix))
    return " + ".join(parts)


def cs_json_str(value: Any) -> str:
    """A C# regular string literal holding the compact (one-line) JSON text of ``value``."""
    return cs_str(json_text(value, None))


# System.Uri (Mono's, with IRI parsing, as every Mono program has it) rewrites a URL's path and
# query before HttpClient sends them: it percent-encodes the characters a URI cannot hold
# ("<>^`{|} and the double quote; a backslash too, which in a path becomes a slash), decodes
# percent-escapes of unreserved characters (%2E -> .), drops the bidi formatting characters
# U+200E, U+200F and U+202A..U+202E even when percent-encoded, and then removes the dot
# segments of the path (/a/%2E%2E/b -> /b).
_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_UTF8_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
_NOT_IN_URI = {char: f"%{ord(char):02X}" for char in '"<>\\^`{|}'}


def _escape_not_in_uri(text: str, path: bool) -> str:
    """``text`` with the characters a URI cannot hold percent-encoded (a backslash in a
    path becomes a slash, as System.Uri reads it)."""
    table = {**_NOT_IN_URI, "\\": "/"} if path else _NOT_IN_URI
    return "".join(table.get(char, char) for char in text)


def _uri_component(text: str) -> str:
    """``text`` (a path or a query, already escaped) as System.Uri keeps it: unreserved
    escapes decoded, escaped bidi formatting characters dropped, other escapes kept."""

    def run(match: re.Match[str]) -> str:
        escapes = _ESCAPE.findall(match.group())
        out, idx = [], 0
        while idx < len(escapes):
            raw = unquote_to_bytes(escapes[idx])[0]
            if raw in _UNRESERVED:
                out.append(chr(raw))
                idx += 1
                continue
            size = 3 if 0xE0 <= raw < 0xF0 else 0  # the bidi characters are 3 UTF-8 bytes
            chunk = escapes[idx : idx + size]
            if size and len(chunk) == size:
                try:
                    char = unquote_to_bytes("".join(chunk)).decode("utf-8")
                except UnicodeDecodeError:
                    char = ""
                if char in _BIDI:
                    idx += size
                    continue
            out.append(escapes[idx])
            idx += 1
        return "".join(out)

    return _UTF8_ESCAPES.sub(run, text)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, as System.Uri compresses a path."""
    out: list[str] = []
    segments = path.split("/")
    for idx, segment in enumerate(segments):
        last = idx == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/".join(out)


def _path_and_query(url: str) -> tuple[str, str, str]:
    rest = url.split("://", 1)[1]
    slash = rest.find("/")
    return rest[slash:].partition("?") if slash >= 0 else ("/", "", "")


def cs_uri_sent(url: str) -> str:
    """The path and query System.Uri on Mono sends for ``url``, an absolute http(s) URL
    without a fragment whose path and query are ASCII."""
    path, sep, query = _path_and_query(url)
    path = _remove_dot_segments(_uri_component(_escape_not_in_uri(path, path=True)))
    return path + sep + _uri_component(_escape_not_in_uri(query, path=False))


def cs_uri_change(url: str) -> str | None:
    """What System.Uri on Mono sends instead of the path and query of ``url`` (see
    :func:`cs_uri_sent`), or None when it sends them as written, or only with the
    characters a URI cannot hold (``|`` of a pipeDelimited list...) percent-encoded,
    which a server decodes to the same text."""
    path, sep, query = _path_and_query(url)
    escaped = _escape_not_in_uri(path, path=False) + sep + _escape_not_in_uri(query, path=False)
    sent = cs_uri_sent(url)
    return None if sent == escaped else sent


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
    "cs_has_content_header": cs_has_content_header,
    "cs_keyed": cs_keyed,
    "cs_json_str": cs_json_str,
}
