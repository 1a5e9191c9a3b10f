"""JavaScript (Node.js ESM) literals, printed the way prettier 3 (default options) leaves them."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from generator.render.filters.common import escape_unsafe, has_unsafe, is_identifier

PRINT_WIDTH = 80  # prettier's default printWidth
STEP = 2  # prettier's default tabWidth
MAX_SAFE_INTEGER = 2**53 - 1  # Number.MAX_SAFE_INTEGER
_SHORT_KEY = STEP + 3  # prettier never moves a string below a key narrower than this

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SIMPLE_NUMBER = re.compile(r"\d+|\d+\.\d+")
# ES5 IdentifierStart / IdentifierPart as Unicode general categories (ECMA-262 5.1, 7.6);
# prettier unquotes a property key only when it is an ES5 identifier name (BMP only).
_ID_START = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"}
_ID_PART = _ID_START | {"Mn", "Mc", "Nd", "Pc"}


def node_str(text: str) -> str:
    """A JavaScript string literal for ``text``, as prettier prints it.

    Double quotes unless the text holds more double than single quotes (prettier's
    rule). Backslash, the quote, CR, LF and tab are escaped, and every control, bidi,
    separator (U+2028 is a line break in older engines) or lone-surrogate code point
    becomes ``\\uXXXX``; nothing else is special in a quoted (non-template) literal,
    so ``${...}`` and backticks stay inert.
    """
    quote = "'" if text.count('"') > text.count("'") else '"'
    if not has_unsafe(text):  # fast path: no control (so no CR, LF, tab), bidi or surrogate
        return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    return _node_str_chars(text, quote)


def _node_str_chars(text: str, quote: str) -> str:
    """:func:`node_str` one character at a time (the reference its fast path is tested on)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == quote:
            out.append("\\" + char)
        else:
            out.append(escape_unsafe(char))
    return quote + "".join(out) + quote


def _is_es5_identifier(key: str) -> bool:
    if not key:
        return False
    if is_identifier(key):  # fast path: an ASCII identifier is an ES5 identifier
        return True
    return _is_es5_identifier_chars(key)


def _is_es5_identifier_chars(key: str) -> bool:
    """:func:`_is_es5_identifier` one character at a time (the reference of its fast path)."""
    for i, char in enumerate(key):
        if char in "$_" or (i and char in "\u200c\u200d"):
            continue
        if ord(char) > 0xFFFF:
            return False
        allowed = _ID_PART if i else _ID_START
        if unicodedata.category(char) not in allowed:
            return False
    return True


def _js_number(value: float) -> str:
    """ECMAScript Number::toString for a finite double, then prettier's number normalising."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr() gives the shortest round-trip digits, as ECMAScript requires.
    _, digit_tuple, exp = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    point = len(digits) + int(exp)  # where the decimal point goes, relative to the digits
    k, n = len(digits), point
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + f"e{'-' if e < 0 else ''}{abs(e)}"
    return sign + text


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return node_str(value)
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ValueError(
                f"{value} is beyond Number.MAX_SAFE_INTEGER: a JavaScript number cannot hold it "
                "exactly, so the sample would send a different value"
            )
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a JSON number")
        if value == 0 and math.copysign(1.0, value) < 0:
            raise ValueError("-0.0 would be sent as 0 by JSON.stringify")
        return _js_number(value)
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def node_number_limit(value: Any) -> str | None:
    """Why a JavaScript number cannot carry a number of the JSON ``value`` exactly (an
    integer beyond ``Number.MAX_SAFE_INTEGER``, or ``-0.0``, which JSON.stringify writes
    as 0; see :func:`_scalar`), or None when it can carry them all."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return next((r for v in value if (r := node_number_limit(v)) is not None), None)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
        return f"{value} is beyond Number.MAX_SAFE_INTEGER (a JavaScript number rounds it)"
    if isinstance(value, float) and value == 0 and math.copysign(1.0, value) < 0:
        return "-0.0 would be sent as 0 (JSON.stringify writes -0 as 0)"
    return None


def node_line_break_limit(text: str) -> bool:
    """Whether ``text`` holds a CR or LF that is not part of a CRLF: FormData (the HTML
    standard's multipart encoding) turns each into CRLF in names and text values."""
    return bool(re.search(r"\r(?!\n)|(?<!\r)\n", text))


def node_key(key: str) -> str:
    """An object-literal property key, quoted only where prettier (quoteProps "as-needed") would.

    Identifiers and canonical decimal numbers go bare (``model``, ``1``); everything else
    is a string literal. ``__proto__`` is written as a computed key: a plain
    ``__proto__:`` would set the object's prototype instead of adding the property.
    """
    if key == "__proto__":
        return '["__proto__"]'
    literal = node_str(key)
    if literal[1:-1] != key:  # prettier never unquotes a key that needs escapes
        return literal
    if _is_es5_identifier(key):
        return key
    if _SIMPLE_NUMBER.fullmatch(key) and _js_number(float(key)) == key:
        return key
    return literal


def _width(text: str) -> int:
    """Columns ``text`` takes, as prettier's getStringWidth counts them."""
    if text.isascii():
        return len(text)
    return _wide_width(text)


@lru_cache(maxsize=4096)
def _wide_width(text: str) -> int:
    """:func:`_width` of a non-ASCII text, memoised: the layout measures the same texts
    many times (each nesting level, every edition of a sample)."""
    return _width_chars(text)


def _width_chars(text: str) -> int:
    """:func:`_width` one character at a time."""
    width = 0
    for char in text:
        code = ord(char)
        if code <= 0x1F or 0x7F <= code <= 0x9F or 0x300 <= code <= 0x36F:
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += 2
        else:
            width += 1
    return width


def _concise(value: list[Any]) -> bool:
    """Prettier fills arrays of two or more numbers several per line."""
    return len(value) > 1 and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    )


def _must_break(value: list[Any]) -> bool:
    """Prettier always breaks an array of 2+ objects (or arrays) that each hold 2+ entries."""
    if len(value) < 2:
        return False
    first = type(value[0])
    return first in (dict, list) and all(type(v) is first and len(v) > 1 for v in value)


def _flat(value: Any) -> str | None:
    """The one-line form of ``value``, or None when prettier would never print it flat."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            flat = _flat(item)
            if flat is None:
                return None
            parts.append(f"{node_key(key)}: {flat}")
        return "{ " + ", ".join(parts) + " }"
    if isinstance(value, list):
        if _must_break(value):
            return None
        items = [_flat(v) for v in value]
        if any(item is None for item in items):
            return None
        return "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    return _scalar(value)


def _print(value: Any, indent: int, column: int, tail: int, expand: bool) -> str:
    flat = _flat(value)
    if flat is not None and not expand and column + _width(flat) + tail <= PRINT_WIDTH:
        return flat
    if not isinstance(value, dict | list) or not value:
        return flat if flat is not None else _scalar(value)
    inner = indent + STEP
    pad = " " * inner
    if isinstance(value, dict):
        lines = [node_prop(item, key, inner) for key, item in value.items()]
        return "{\n" + "\n".join(lines) + "\n" + " " * indent + "}"
    if _concise(value):
        lines, line = [], ""
        for item in (_scalar(v) + "," for v in value):
            if line and inner + _width(line) + 1 + _width(item) <= PRINT_WIDTH:
                line += " " + item
            else:
                if line:
                    lines.append(pad + line)
                line = item
        lines.append(pad + line)
        return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"
    lines = [pad + _print(item, inner, inner, 1, False) + "," for item in value]
    return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"


def node_value(value: Any, indent: int = 0, column: int | None = None, tail: int = 1) -> str:
    """A JavaScript literal for a JSON value, laid out exactly as prettier prints it.

    ``indent`` is the indentation of the line the literal starts on; ``column`` the
    column it starts at (default ``indent``) and ``tail`` how many characters follow
    it on that line (``;`` or ``)``), which decide whether a top-level array fits on
    one line. A top-level object is always one property per line (prettier keeps an
    object expanded when its first property is on a new line); nested objects and
    arrays go on one line when they fit in 80 columns, as prettier would put them, and
    a string that overflows moves below its key (prettier's "break-after-operator").
    Not reproduced: prettier's "fluid" layout for keys so long that ``key: [`` itself
    overflows 80 columns (keys of 70+ characters).

    Integers beyond ``Number.MAX_SAFE_INTEGER`` and ``-0.0`` raise ``ValueError``: a JS
    number would silently send another value. Floats print as JavaScript prints them
    (``1.0`` becomes ``1``: the same JSON number, as ``JSON.stringify`` sends it).
    """
    start = indent if column is None else column
    return _print(value, indent, start, tail, isinstance(value, dict))


def node_prop(value: Any, key: str, indent: int = 2) -> str:
    """One object property line ``key: <value>,`` at ``indent``, as prettier lays it out."""
    printed = node_key(key)
    head = f"{' ' * indent}{printed}: "
    text = _print(value, indent, _width(head), 1, False)
    long_key = _width(printed) >= _SHORT_KEY
    if isinstance(value, str) and long_key and _width(head + text) + 1 > PRINT_WIDTH:
        # prettier's "break-after-operator" layout for a string that does not fit
        head = f"{' ' * indent}{printed}:\n{' ' * (indent + STEP)}"
    return head + text + ","


def node_const(value: Any, name: str, indent: int = 0) -> str:
    """A declaration ``const <name> = <value>;`` at ``indent``, as prettier lays it out.

    A string that does not fit on the line moves below the ``=``; an object is one
    property per line (see :func:`node_value`).
    """
    head = f"{' ' * indent}const {name} = "
    text = node_value(value, indent, column=_width(head), tail=1)
    if isinstance(value, str) and _width(head + text) + 1 > PRINT_WIDTH:
        head = f"{' ' * indent}const {name} =\n{' ' * (indent + STEP)}"
    return head + text + ";"


def node_call(args: list[str], callee: str, indent: int = 0) -> str:
    """A call statement ``callee(arg, ...);`` at ``indent``; ``args`` are JavaScript expressions.

    On one line when it fits in 80 columns, else one argument per line with a trailing
    comma, as prettier prints calls whose arguments are plain literals or names.
    """
    pad = " " * indent
    line = f"{pad}{callee}({', '.join(args)});"
    if _width(line) <= PRINT_WIDTH:
        return line
    inner = " " * (indent + STEP)
    return f"{pad}{callee}(\n" + "".join(f"{inner}{arg},\n" for arg in args) + f"{pad});"


# Names every object inherits from Object.prototype: reading one from an event that lacks
# it finds the inherited member instead of undefined, so a path may not use them.
_INHERITED = frozenset(
    {
        "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
        "__lookupSetter__", "constructor", "hasOwnProperty", "isPrototypeOf",
        "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
    }
)  # fmt: skip


def _member(key: str | int, optional: bool) -> str:
    """One member access step: ``.key`` for an identifier, else ``[<literal>]``."""
    dot = "?." if optional else "."
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise TypeError(f"{key!r} is not a path step (a property name or an array index)")
    if key in _INHERITED:
        raise ValueError(f"{key!r} is inherited by every JavaScript object: not a path step")
    if isinstance(key, int):
        if key < 0:
            raise ValueError(f"{key} is not an array index")
        return f"{dot if optional else ''}[{key}]"
    if _is_es5_identifier(key) and node_str(key)[1:-1] == key:
        return f"{dot}{key}"
    return f"{dot if optional else ''}[{node_str(key)}]"


def node_path(path: Sequence[str | int], root: str) -> str:
    """A JavaScript expression reading ``path`` inside ``root``: ``root.choices?.[0]?.delta``.

    Every step after the first is optional chaining (``?.``), so an event without the
    field gives ``undefined`` instead of a ``TypeError``. Identifier names (ES5 rules, as
    for :func:`node_key`) use dot access; every other name is a :func:`node_str` literal
    in brackets, so no spec text can leave the expression; integers index arrays.
    ``root`` is the template's own variable name and must be a plain identifier.
    """
    if not is_identifier(root):
        raise ValueError(f"{root!r} is not a plain identifier")
    return root + "".join(_member(key, i > 0) for i, key in enumerate(path))


def node_path_const(path: Sequence[str | int], name: str, root: str, indent: int = 0) -> str:
    """A declaration ``const <name> = <root and path>;`` at ``indent``, as prettier lays it out.

    When the line is wider than 80 columns prettier moves the expression below the
    ``=``. Not reproduced: the way prettier breaks a member chain that still does not
    fit there (a path of 70+ characters); the code is then valid but not prettier's.
    """
    pad = " " * indent
    expression = node_path(path, root)
    line = f"{pad}const {name} = {expression};"
    if _width(line) <= PRINT_WIDTH:
        return line
    return f"{pad}const {name} =\n{pad}{' ' * STEP}{expression};"


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TEMPLATE_ESCAPES = {"\\": "\\\\", "`": "\\`", "\r": "\\r", "\t": "\\t", "\n": "\\n"}


def _template_text(text: str) -> str:
    out = []
    for i, char in enumerate(text):
        if char in _TEMPLATE_ESCAPES:
            out.append(_TEMPLATE_ESCAPES[char])
        elif char == "$" and text[i + 1 : i + 2] == "{":
            out.append("\\$")
        else:
            out.append(escape_unsafe(char))
    return "".join(out)


def node_format(message: str, values: dict[str, str]) -> str:
    """A template literal printing ``message`` with each ``{name}`` replaced by the
    JavaScript expression ``values[name]`` (a translated text the sample fills at run time).

    Backslashes, backticks, ``${`` and line breaks of the text are escaped; an unknown
    placeholder is an error.
    """
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        name = match.group(1)
        if name not in values:
            raise ValueError(f"{message!r} has an unknown placeholder {{{name}}}")
        parts.append(_template_text(message[position : match.start()]))
        parts.append("${" + values[name] + "}")
        position = match.end()
    parts.append(_template_text(message[position:]))
    return "`" + "".join(parts) + "`"


def node_keyed(prefix: str, suffix: str, key: str = "apiKey") -> str:
    """The expression of a header value that carries the key between ``prefix`` and
    ``suffix``: ``apiKey``, ``"Bearer " + apiKey``, or a template literal when text follows
    the key (a template literal such as ``session=${apiKey}; lang=en`` in backticks),
    which prettier never breaks."""
    if suffix:
        return "`" + _template_text(prefix) + "${" + key + "}" + _template_text(suffix) + "`"
    return f"{node_str(prefix)} + {key}" if prefix else key


def node_assign(operands: Sequence[str], name: str, indent: int = 0) -> str:
    """``const <name> = a + b + ...;`` (``operands`` are JavaScript expressions), laid out as
    prettier does: on one line when it fits in 80 columns, else broken after ``=``, else
    one operand per line."""
    pad = " " * indent
    inner = pad + " " * STEP
    expression = " + ".join(operands)
    line = f"{pad}const {name} = {expression};"
    if _width(line) <= PRINT_WIDTH:
        return line
    if _width(f"{inner}{expression};") <= PRINT_WIDTH:
        return f"{pad}const {name} =\n{inner}{expression};"
    return f"{pad}const {name} =\n" + " +\n".join(inner + o for o in operands) + ";"


def node_query_key(param: str, has_query: bool) -> str:
    """The string literal that joins an API key to a URL: ``"?api_key="`` (``"&..."`` when
    the URL has a query already), the parameter name percent-encoded."""
    return node_str(("&" if has_query else "?") + quote(param, safe="") + "=")


FILTERS = {
    "node_str": node_str,
    "node_key": node_key,
    "node_value": node_value,
    "node_prop": node_prop,
    "node_const": node_const,
    "node_call": node_call,
    "node_path": node_path,
    "node_path_const": node_path_const,
    "node_format": node_format,
    "node_assign": node_assign,
    "node_query_key": node_query_key,
    "node_keyed": node_keyed,
}
