"""Escaping for the kits' project files: TOML, XML, Markdown and plain identifiers."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.render.filters.common import escape_unsafe, is_identifier

_SURROGATE = re.compile("[\ud800-\udfff]")
# XML 1.0 (section 2.2): the only characters a document may contain, even as references.
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Punctuation that can start Markdown markup anywhere in a line; the rest ('",.:;?()/%@=)
# only means something after one of these, or (-, +, digits and . or )) at a line's start.
_MD_SPECIAL = re.compile(r"([!#$&*<>\[\\\]^_`{|}~])")


def kit_toml_str(text: str) -> str:
    """A TOML basic string (``"..."``) holding exactly ``text`` (TOML 1.0, "String").

    Backslash and quote are escaped, controls and invisible code points become ``\\uXXXX``.
    A lone surrogate has no TOML representation: it is an error, never silently changed.
    """
    if _SURROGATE.search(text):
        raise ValueError(f"{text!r} holds a lone surrogate, which TOML cannot represent")
    escaped = "".join(_TOML_ESCAPES.get(char, char) for char in text)
    return '"' + escape_unsafe(escaped, "\\u{:04X}") + '"'


def kit_xml_text(text: str) -> str:
    """``text`` as XML character data, also safe inside a double- or single-quoted attribute.

    Markup characters become entities, invisible code points character references; a code
    point XML 1.0 forbids (most C0 controls, surrogates, U+FFFE/U+FFFF) is an error.
    """
    bad = _XML_FORBIDDEN.search(text)
    if bad:
        raise ValueError(f"{text!r} holds U+{ord(bad.group()):04X}, which XML 1.0 forbids")
    text = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )
    return escape_unsafe(text, "&#x{:X};")


def kit_md_text(text: str) -> str:
    """``text`` as one line of inert Markdown: no markup, links, HTML or line breaks.

    ASCII punctuation that can start markup is backslash-escaped (CommonMark 0.31,
    "Backslash escapes"); ``- + 1.`` are escaped only where they could open a list, at the
    start. Line breaks and tabs become spaces, surrounding spaces are dropped (Markdown
    drops them too), other control or invisible code points are shown as ``U+XXXX``.
    """
    flat = re.sub("\r\n|[\r\n\t]", " ", text).strip(" ")
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    opener = re.match(r"[-+]|\d+[.)]", escaped)  # would open a list item
    if opener:
        cut = opener.end() - 1
        escaped = escaped[:cut] + "\\" + escaped[cut:]
    return escape_unsafe(escaped, "U+{:04X}")


def kit_identifier(name: str) -> str:
    """``name`` unchanged if it is a plain ASCII identifier (an environment variable name)."""
    if not is_identifier(name):
        raise ValueError(f"{name!r} is not a plain identifier")
    return name


def kit_pascal(name: str) -> str:
    """A PascalCase identifier from a spec id (``chat-completions`` -> ``ChatCompletions``)."""
    result = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name))
    if not result or not is_identifier(result):
        result = "Sample" + result
    return kit_identifier(result)


FILTERS: dict[str, Callable[..., Any]] = {
    "kit_toml_str": kit_toml_str,
    "kit_xml_text": kit_xml_text,
    "kit_md_text": kit_md_text,
    "kit_identifier": kit_identifier,
    "kit_pascal": kit_pascal,
}
