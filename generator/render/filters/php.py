"""PHP literals: strings that never interpolate and JSON values in PSR-12 short-array style."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from generator.render.filters.common import escape_unsafe, has_unsafe, is_identifier

STEP = 4  # PSR-12 indentation
PHP_INT_MAX = 2**63 - 1
_DOUBLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "$": "\\$", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def php_str(text: str) -> str:
    """A PHP string literal for ``text`` that evaluates to exactly ``text``.

    Single-quoted when ``text`` is all visible characters: inside single quotes only
    ``\\\\`` and ``\\'`` are escapes and nothing interpolates (PHP manual, Strings,
    "Single quoted"). Otherwise double-quoted with ``\\n``, ``\\u{...}`` and friends, where
    ``$`` is written ``\\$`` so neither ``$x`` nor ``{$x}`` nor ``${x}`` can interpolate.
    A ``?>`` (an XML declaration in a body) is written ``?\\x3e``: inside a literal it is
    harmless to PHP, but no sample holds the closing tag anywhere (tools that cut PHP out
    of a page stop there). Lone surrogates cannot be UTF-8 and raise ``ValueError``.
    """
    if text.isascii() and text.isprintable() and "?>" not in text:  # fast path
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return _php_str_chars(text)


def _php_str_chars(text: str) -> str:
    """:func:`php_str` without its fast path (the reference it is tested on)."""
    if re.search("[\ud800-\udfff]", text):
        raise ValueError(f"{text!r} holds a lone surrogate: it cannot be sent as UTF-8")
    if not has_unsafe(text) and "?>" not in text:
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    out = []
    for n, char in enumerate(text):
        if char in _DOUBLE_ESCAPES:
            out.append(_DOUBLE_ESCAPES[char])
        elif char == ">" and n and text[n - 1] == "?":
            out.append("\\x3e")
        elif has_unsafe(char):
            out.append(f"\\u{{{ord(char):04x}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return php_str(value)
    if isinstance(value, int):
        if not -PHP_INT_MAX - 1 <= value <= PHP_INT_MAX:
            raise ValueError(f"{value} does not fit a PHP int: PHP would turn it into a float")
        if value == -PHP_INT_MAX - 1:
            return "PHP_INT_MIN"  # the literal 9223372036854775808 would be a float
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a JSON number")
        text = repr(value)  # shortest round-trip digits; PHP reads 1e-05 and 1.5e+300 alike
        return text if ("." in text or "e" in text) else text + ".0"
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def php_value(value: Any, indent: int = 0) -> str:
    """A PHP expression for a JSON value: short arrays, exploded one entry per line.

    ``indent`` is the column of the line the literal starts on. JSON objects become
    string-keyed arrays (``json_encode`` sends them back as objects) except the empty
    object, which becomes ``new \\stdClass()`` so it is not sent as ``[]``. Floats keep a
    ``.0`` so they stay floats (send with ``JSON_PRESERVE_ZERO_FRACTION``).

    A JSON object whose keys are ``"0"``, ``"1"``... in order would be a list to PHP
    (``json_encode`` would send ``[...]``), so it is cast: ``(object) [...]``.
    Integers outside PHP's int range raise ``ValueError`` (PHP would make them floats).
    """
    pad = " " * (indent + STEP)
    end = " " * indent
    if isinstance(value, dict):
        if not value:
            return "new \\stdClass()"
        cast = "(object) " if list(value) == [str(i) for i in range(len(value))] else ""
        items = [f"{pad}{php_str(k)} => {php_value(v, indent + STEP)}," for k, v in value.items()]
        return cast + "[\n" + "\n".join(items) + "\n" + end + "]"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{pad}{php_value(v, indent + STEP)}," for v in value]
        return "[\n" + "\n".join(items) + "\n" + end + "]"
    return _scalar(value)


def php_comment(text: str) -> str:
    """Text for a ``//`` comment: line breaks and invisible characters escaped, ``?>`` split.

    A ``//`` comment ends at a line break or at ``?>`` (PHP manual, Comments), which
    would drop back to HTML output; ``?\u003e`` keeps the text readable and inert.
    """
    return escape_unsafe(text).replace("?>", "?\\u003e")


def php_path(path: Sequence[str | int], root: str) -> str:
    """A PHP expression reading ``path`` inside the decoded array ``$root``.

    ``$event['choices'][0]['delta']['content']``: names are :func:`php_str` literals (which
    never interpolate), integers index lists. Read it with ``??`` so a missing step gives
    the default instead of a warning. ``root`` is the template's own variable name and
    must be a plain identifier.
    """
    if not is_identifier(root):
        raise ValueError(f"{root!r} is not a plain identifier")
    steps = []
    for key in path:
        if isinstance(key, bool) or not isinstance(key, str | int):
            raise TypeError(f"{key!r} is not a path step (an array key or a list index)")
        if isinstance(key, int) and key < 0:
            raise ValueError(f"{key} is not a list index")
        steps.append(f"[{key}]" if isinstance(key, int) else f"[{php_str(key)}]")
    return f"${root}" + "".join(steps)


def php_printf(text: str) -> str:
    """A PHP string literal that, as a ``printf`` format, prints ``text``, where each NUL
    in ``text`` stands for one ``%d`` argument (``%`` is doubled: it is the only character
    ``printf`` interprets)."""
    return php_str(text.replace("%", "%%").replace("\0", "%d"))


def php_header(name: str, value: str) -> str:
    """The ``CURLOPT_HTTPHEADER`` entry that makes curl send the header ``name: value``.

    curl sends an entry as it is written (blanks around the value included), but takes
    ``Name:`` with nothing after the colon as an order to drop a header of its own; an
    empty value is written ``Name;``, which curl sends as ``Name:`` (libcurl manual,
    CURLOPT_HTTPHEADER). A value of blanks only cannot be sent (see ``php_header_limit``).
    """
    return php_str(f"{name}: {value}" if value else f"{name};")


def php_header_limit(name: str, value: str) -> str | None:
    """Why curl cannot send the header ``name: value`` exactly, or None when it can:
    curl drops an entry whose value is blanks only, and the ``Name;`` form holds nothing."""
    if value and not value.strip(" \t"):
        return f"curl drops a header whose value is only blanks, as {name}'s is"
    return None


def php_keyed(head: str, suffix: str = "", key: str = "$apiKey") -> str:
    """The ``CURLOPT_HTTPHEADER`` entry of the header that carries the key: ``head`` (the
    name, ``: `` and what precedes the key), the key variable, then ``suffix`` (the other
    cookies after a key in a cookie): ``'Cookie: session=' . $apiKey . '; lang=en'``."""
    if not re.fullmatch(r"\$[A-Za-z_][A-Za-z0-9_]*", key):
        raise ValueError(f"{key!r} is not a PHP variable")
    return f"{php_str(head)} . {key}" + (f" . {php_str(suffix)}" if suffix else "")


def php_int_limit(value: Any) -> int | None:
    """The first integer in the JSON ``value`` that PHP cannot hold (it would become a
    float, see :func:`php_value`), or None."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return next((n for v in value if (n := php_int_limit(v)) is not None), None)
    if isinstance(value, int) and not isinstance(value, bool):
        return None if -PHP_INT_MAX - 1 <= value <= PHP_INT_MAX else value
    return None


FILTERS = {
    "php_header": php_header,
    "php_keyed": php_keyed,
    "php_printf": php_printf,
    "php_str": php_str,
    "php_value": php_value,
    "php_comment": php_comment,
    "php_path": php_path,
}
