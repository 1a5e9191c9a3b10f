"""POSIX shell quoting (bash): values that are always inert, whatever they contain."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from generator.render.filters.common import has_unsafe, is_identifier, json_text

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


def sh_text(text: str) -> str:
    """A shell word for ``text`` that keeps every byte and shows no invisible character.

    Visible text is single-quoted (:func:`sh_single`). Text with a control, bidi or other
    invisible character becomes ANSI-C quoting, ``$'...'``, where each such character is
    written as the ``\\xHH`` escapes of its UTF-8 bytes (byte-exact in any locale, unlike
    ``\\u``) and ``\\`` and ``'`` are escaped. A shell word cannot hold NUL (it ends a C
    string), so NUL raises ``ValueError``.
    """
    if "\0" in text:
        raise ValueError("a shell word cannot hold NUL: bash would cut the text there")
    if not has_unsafe(text):
        return sh_single(text)
    out = []
    for char in text:
        if char in "\\'":
            out.append("\\" + char)
        elif has_unsafe(char):
            out.append("".join(f"\\x{byte:02x}" for byte in char.encode("utf-8")))
        else:
            out.append(char)
    return "$'" + "".join(out) + "'"


def sh_dq(text: str) -> str:
    """``text`` escaped for use inside a double-quoted shell word (without the quotes).

    Inside double quotes ``$``, backquote, ``"`` and ``\\`` are special (POSIX 2.2.3):
    each gets a backslash. Meant for the visible ASCII around a ``"${VAR}"`` expansion
    (a header name and scheme); invisible characters raise ``ValueError``.
    """
    if has_unsafe(text):
        raise ValueError(f"{text!r} holds an invisible character")
    return "".join("\\" + c if c in '$`"\\' else c for c in text)


def sh_header(name: str, value: str) -> str:
    """The shell word for curl's ``--header``: ``Name: value``, or ``Name;`` for an empty
    value (curl(1): ``Name:`` with nothing after it removes the header instead)."""
    return sh_text(f"{name}: {value}" if value else f"{name};")


def sh_urlencoded_pair(name: str, value: str) -> str:
    """The shell word for curl's ``--data-urlencode name=value``: curl encodes the value.

    curl takes the name as already URL-encoded (curl(1), ``--data-urlencode``), so the
    name is percent-encoded here; everything after the first ``=`` is the value, as is.
    """
    return sh_text(quote(name, safe="") + "=" + value)


def sh_form_pair(name: str, value: str) -> str:
    """The curl option and word that send one urlencoded form field exactly.

    ``--data-urlencode name=value`` (curl encodes the value) for most; a field whose name
    is empty (curl would read ``=value`` as a value without a name) or that holds NUL (no
    shell word holds it) is encoded here and sent as it is with ``--data-raw``.
    """
    if name and "\0" not in name + value:
        return "--data-urlencode " + sh_urlencoded_pair(name, value)
    return "--data-raw " + sh_text(quote(name, safe="") + "=" + quote(value, safe=""))


def sh_form_string(name: str, value: str) -> str:
    """The shell word for curl's ``--form-string name=value``: the value is sent literally.

    curl splits at the first ``=``, so a name holding ``=`` cannot be expressed and
    raises ``ValueError``; ``--form-string`` gives ``@``, ``<`` and ``;`` no meaning.
    """
    if "=" in name:
        raise ValueError(f"curl --form-string cannot send a field named {name!r} (it holds =)")
    return sh_text(name + "=" + value)


def sh_form_json(name: str, value: Any) -> str:
    """The shell word for ``--form-string name=<JSON text>``: a list or object sent as one
    part of compact JSON."""
    return sh_form_string(name, json_text(value, None))


def sh_form_file(field: str, path: str, content_type: str) -> str:
    """The shell word for curl's ``--form field=@path;type=...;filename=path``.

    The file is read from ``path``; the part carries ``filename=path`` and the content
    type. Each piece is written in double quotes with ``\\`` and ``"`` escaped, the
    quoting curl's ``-F`` parser understands (so ``;`` or ``,`` cannot split it).
    """
    if "=" in field:
        raise ValueError(f"curl --form cannot send a field named {field!r} (it holds =)")

    def quoted(text: str) -> str:
        if re.fullmatch(r"[A-Za-z0-9_./+-]+", text):
            return text
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    word = f"{field}=@{quoted(path)};type={quoted(content_type)};filename={quoted(path)}"
    return sh_text(word)


def sh_jq_uri(path: Sequence[str | int]) -> str:
    """A single-quoted jq program printing the text at ``path`` percent-encoded (``@uri``),
    or nothing when it is missing; use with ``jq --raw-output``."""
    return sh_single(f"{sh_jq_path(path)} // empty | @uri")


def sh_printf(text: str) -> str:
    """A single-quoted ``printf`` format that prints ``text`` and a line break, where each
    NUL in ``text`` stands for one ``%s`` argument.

    ``%`` and ``\\`` are the only characters ``printf`` interprets in a format; they are
    doubled, so the rest of ``text`` prints exactly. A leading ``-`` would make bash read
    the format as an option: it is written as the octal escape ``\\055``.
    """
    body = text.replace("\\", "\\\\").replace("%", "%%").replace("\0", "%s")
    if body.startswith("-"):
        body = "\\055" + body[1:]
    return sh_text(body + "\\n")


def sh_seconds(seconds: float) -> str:
    """A number of seconds as ``sleep`` takes it: ``1``, ``0.5``."""
    return _number(seconds)


def sh_whole_seconds(seconds: float) -> str:
    """A number of seconds rounded up to a whole second (bash arithmetic has no fractions)."""
    return str(math.ceil(seconds))


def _number(value: float) -> str:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{value!r} is not a number of seconds")
    return str(int(value)) if float(value).is_integer() else repr(float(value))


FILTERS = {
    "sh_text": sh_text,
    "sh_dq": sh_dq,
    "sh_header": sh_header,
    "sh_urlencoded_pair": sh_urlencoded_pair,
    "sh_form_pair": sh_form_pair,
    "sh_form_string": sh_form_string,
    "sh_form_file": sh_form_file,
    "sh_form_json": sh_form_json,
    "sh_jq_uri": sh_jq_uri,
    "sh_printf": sh_printf,
    "sh_seconds": sh_seconds,
    "sh_whole_seconds": sh_whole_seconds,
    "sh_single": sh_single,
    "sh_json": sh_json,
    "sh_jq_path": sh_jq_path,
    "sh_jq_text": sh_jq_text,
}
