"""OpenAPI 3.1 parameter serialisation (``style``/``explode``), in one place.

The model uses it to build what a request carries (the path, the query string, header
values, the ``Cookie`` header, form fields); the mock uses it to parse a request back. Both
follow the style table of OpenAPI 3.1 (RFC 6570 for ``simple``, ``label``, ``matrix`` and
``form``), with the value ``color`` = ``"blue"``, ``["blue", "black", "brown"]`` or
``{"R": 100, "G": 200}``:

=============== ======= ======================== ================================
style           explode array                    object
=============== ======= ======================== ================================
simple          false   ``blue,black,brown``     ``R,100,G,200``
simple          true    ``blue,black,brown``     ``R=100,G=200``
label           false   ``.blue,black,brown``    ``.R,100,G,200``
label           true    ``.blue.black.brown``    ``.R=100.G=200``
matrix          false   ``;color=blue,black``    ``;color=R,100,G,200``
matrix          true    ``;color=blue;color=..`` ``;R=100;G=200``
form            false   ``color=blue,black``     ``color=R,100,G,200``
form            true    ``color=blue&color=..``  ``R=100&G=200``
spaceDelimited  false   ``color=blue%20black``   ``color=R%20100%20G%20200``
pipeDelimited   false   ``color=blue|black``     ``color=R|100|G|200``
deepObject      true    (none)                   ``color[R]=100&color[G]=200``
=============== ======= ======================== ================================

A scalar is its text in every style (``;color=blue`` in matrix, ``.blue`` in label). A
``spaceDelimited`` or ``pipeDelimited`` array that explodes repeats its key, as ``form``
does. Values are texts, numbers and booleans (JSON's spelling: ``true``, ``10``); lists and
objects hold such scalars only. :func:`value_problem` says in words why a value cannot be
sent so that it parses back to itself (a delimiter inside an item, a nested list, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

JSON = Any
Texts = str | list[str] | dict[str, str]  # a value with every scalar as its text

LOCATIONS = ("path", "query", "header", "cookie")
STYLES: dict[str, tuple[str, ...]] = {
    "path": ("simple", "label", "matrix"),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
}
DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
FORM_STYLES = ("form", "spaceDelimited", "pipeDelimited", "deepObject")  # form body fields

# The decoded text between the items of a list or object that does not explode.
_JOIN = {"spaceDelimited": " ", "pipeDelimited": "|"}
# RFC 3986 reserved characters a value keeps with allow_reserved, but for "&" and "#",
# which would end the pair and the URL, and "+", which servers read as a space in a
# query (application/x-www-form-urlencoded; see split_query).
_RESERVED_KEPT = ":/?[]@!$'()*,;="
# RFC 6265 cookie-octets, less "%" (the escape itself): what a cookie value keeps unescaped.
_COOKIE_SAFE = "".join(
    c for c in map(chr, range(0x21, 0x7F)) if c not in '",;\\%' and not c.isalnum()
)


def default_explode(style: str) -> bool:
    """OpenAPI's default: ``explode`` is true for ``form``, false for every other style."""
    return style == "form"


def scalar_text(value: JSON) -> str:
    """A scalar as text in a URL, a header or a form: JSON's spelling for booleans and
    numbers (``true``, ``10``, ``0.5``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def shape(value: JSON) -> str:
    """``scalar``, ``array`` or ``object``."""
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "scalar"


def texts(value: JSON) -> Texts:
    """``value`` with every scalar as its text: what the parsers below give back."""
    if isinstance(value, list):
        return [scalar_text(v) for v in value]
    if isinstance(value, dict):
        return {k: scalar_text(v) for k, v in value.items()}
    return scalar_text(value)


def _items(value: JSON, pairs: bool) -> list[str]:
    """A list's items, or an object's keys and values in turn (``R, 100, G, 200``)."""
    if isinstance(value, dict):
        if pairs:
            return [f"{k}={scalar_text(v)}" for k, v in value.items()]
        return [t for k, v in value.items() for t in (k, scalar_text(v))]
    return [scalar_text(v) for v in value]


def _separator(style: str, explode: bool, where: str) -> str:
    """The decoded text between the items of a list or object (see the module's table)."""
    if where == "label":
        return "." if explode else ","
    if where == "matrix":
        return ";" if explode else ","
    return _JOIN.get(style, ",")


# -- problems ---------------------------------------------------------------------------
def value_problem(value: JSON, location: str, style: str, explode: bool) -> str | None:
    """Why ``value`` cannot be sent as a parameter (or a form field, ``location`` "form")
    with this ``style`` so that it parses back to itself, in words; None when it can."""
    kind = shape(value)
    if value is None:
        return "the example cannot be null (leave the value out instead)"
    if kind != "scalar":
        if not value:
            return f"an empty {'list' if kind == 'array' else 'object'} sends nothing"
        inner = value.values() if isinstance(value, dict) else value
        if any(isinstance(v, dict | list) or v is None for v in inner):
            return "a list or an object here holds texts, numbers or booleans only"
    if style == "deepObject" and kind != "object":
        return "style deepObject sends an object (a mapping of names to values)"
    if style == "deepObject" and not explode:
        return "style deepObject always explodes (explode: true)"
    if style in _JOIN and kind == "scalar":
        return f"style {style} sends a list or an object, not a single value"
    if style in _JOIN and explode and kind == "object":
        return f"style {style} cannot explode an object (use style form)"
    if location == "cookie" and kind == "object" and explode:
        for key in value:
            if not _TOKEN.fullmatch(key):
                return (
                    f'the key "{key}" is not a cookie name (an exploded object sends each key '
                    "as a cookie: letters, digits and - among others, no spaces or ;)"
                )
    if location == "path" and style == "label" and explode and kind != "scalar":
        # "." separates the items, and clients may send an escaped "%2E" as "." (RFC 3986
        # counts them the same)
        for item in _items(value, pairs=True):
            if "." in item:
                return (
                    f'the item "{item}" holds ".", which separates the items of an exploded '
                    "label (and clients may unescape %2E)"
                )
    if kind == "scalar" or location in ("path", "cookie"):
        return None  # items are percent-encoded there: any text parses back
    if location == "header":
        separators = {",": "a comma"}
    elif explode or style == "deepObject":
        return None  # every item is a pair of its own
    else:
        separators = {_JOIN.get(style, ","): _SAYS.get(style, "a comma")}
    for item in _items(value, pairs=False):
        for char, says in separators.items():
            if char in item:
                return (
                    f'the item "{item}" holds {says}, which separates the items of this '
                    f"value (style {style}{', exploded' if explode else ''})"
                )
    if location == "header" and kind == "object" and explode:
        for key in value:
            if "=" in key:
                return f'the key "{key}" holds "=", which separates keys from values here'
    return None


_SAYS = {"spaceDelimited": "a space", "pipeDelimited": 'a "|"'}
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 token: header and cookie names


# -- path --------------------------------------------------------------------------------
def encode_segment(text: str) -> str:
    """``text`` percent-encoded as (part of) one path segment; ``.`` and ``..`` too, which
    URL parsers would otherwise resolve away."""
    encoded = quote(text, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def _enc_label(text: str) -> str:
    return quote(text, safe="").replace(".", "%2E")


def path_text(name: str, value: JSON, style: str, explode: bool) -> str:
    """What ``{name}`` becomes in the path: the serialised value, percent-encoded."""
    if style == "simple" and shape(value) == "scalar":
        return encode_segment(scalar_text(value))
    enc = _enc_label if style == "label" else encode_segment
    pairs = explode and isinstance(value, dict)
    if shape(value) == "scalar":
        parts = [enc(scalar_text(value))]
    elif pairs:
        parts = [f"{enc(k)}={enc(scalar_text(v))}" for k, v in value.items()]
    else:
        parts = [enc(t) for t in _items(value, pairs=False)]
    if style == "simple":
        return ",".join(parts)
    if style == "label":
        return "." + ("." if explode else ",").join(parts)
    # matrix
    key = encode_segment(name)
    if shape(value) == "scalar":
        return f";{key}={parts[0]}"
    if explode and isinstance(value, list):
        return "".join(f";{key}={p}" for p in parts)
    if pairs:
        return "".join(f";{p}" for p in parts)
    return f";{key}=" + ",".join(parts)


def parse_path(raw: str, name: str, style: str, explode: bool, kind: str) -> Texts | None:
    """The value of path parameter ``name`` from its raw (percent-encoded) text, or None
    when the text does not have the style's form (or is not UTF-8 once decoded)."""
    try:
        if style == "simple":
            return _split_back(raw, ",", explode, kind)
        if style == "label":
            if not raw.startswith("."):
                return None
            return _split_back(raw[1:], "." if explode else ",", explode, kind)
        if not raw.startswith(";"):
            return None
        pieces = raw[1:].split(";")
        if kind == "object" and explode:
            return _pairs_to_object(pieces)
        values = []
        for piece in pieces:
            key, sep, text = piece.partition("=")
            if not sep or _decode(key) != name:
                return None
            values.append(text)
        if kind == "array" and explode:
            return [_decode(v) for v in values]
        if len(values) != 1:
            return None
        return _split_back(values[0], ",", False, kind)
    except (UnicodeDecodeError, ValueError):
        return None


def _decode(text: str) -> str:
    return unquote(text, errors="strict")


def _split_back(raw: str, separator: str, explode: bool, kind: str) -> Texts | None:
    if kind == "scalar":
        return _decode(raw)
    pieces = raw.split(separator)
    if kind == "array":
        return [_decode(p) for p in pieces]
    if explode:
        return _pairs_to_object(pieces)
    if len(pieces) % 2:
        return None
    return {_decode(pieces[i]): _decode(pieces[i + 1]) for i in range(0, len(pieces), 2)}


def _pairs_to_object(pieces: Iterable[str]) -> dict[str, str] | None:
    result = {}
    for piece in pieces:
        key, sep, text = piece.partition("=")
        if not sep:
            return None
        result[_decode(key)] = _decode(text)
    return result


# -- query -------------------------------------------------------------------------------
def query_pairs(name: str, value: JSON, style: str, explode: bool) -> list[tuple[str, str]]:
    """The decoded (name, text) pairs parameter ``name`` adds to the query, in order
    (repeated names kept)."""
    kind = shape(value)
    if kind == "scalar":
        return [(name, scalar_text(value))]
    if style == "deepObject":
        return [(f"{name}[{k}]", scalar_text(v)) for k, v in value.items()]
    if explode and kind == "array":
        return [(name, scalar_text(v)) for v in value]
    if explode and kind == "object":
        return [(k, scalar_text(v)) for k, v in value.items()]
    return [(name, _separator(style, False, "").join(_items(value, pairs=False)))]


def encode_query(pairs: Iterable[tuple[str, str]], *, allow_reserved: bool = False) -> str:
    """``pairs`` as a query string (no leading ``?``): names and values percent-encoded with
    nothing kept but letters, digits and ``-._~`` (with ``allow_reserved``, RFC 3986's
    reserved characters too, but ``&`` and ``#``)."""
    safe = _RESERVED_KEPT if allow_reserved else ""
    return "&".join(f"{quote(n, safe=safe)}={quote(v, safe=safe)}" for n, v in pairs)


def query_text(name: str, value: JSON, style: str, explode: bool, allow_reserved: bool) -> str:
    """The encoded query pairs of one parameter: like :func:`encode_query` of its
    :func:`query_pairs`, but the separators of a list that does not explode stay as the
    style writes them (``3,4``, ``3%204``, ``3|4``)."""
    safe = _RESERVED_KEPT if allow_reserved else ""
    kind = shape(value)
    if kind == "scalar" or explode or style == "deepObject":
        return encode_query(query_pairs(name, value, style, explode), allow_reserved=allow_reserved)
    raw_join = {"spaceDelimited": "%20", "pipeDelimited": "|"}.get(style, ",")
    items = _items(value, pairs=False)
    return f"{quote(name, safe=safe)}=" + raw_join.join(quote(t, safe=safe) for t in items)


def split_query(query: str) -> list[tuple[str, str]]:
    """A raw query string as decoded (name, text) pairs in order, repeated names kept.

    A raw ``+`` is a space, as servers read a query (the URL standard's
    application/x-www-form-urlencoded parser, Python's parse_qsl, Go's ParseQuery, PHP):
    clients built on them (httpx, URLSearchParams) write a space as ``+``, and the
    samples' own encoders write a plus sign as ``%2B``. Raises ValueError on a
    percent-escape that is not UTF-8."""
    if not query:
        return []
    pairs = []
    for piece in query.split("&"):
        name, _sep, text = piece.replace("+", " ").partition("=")
        pairs.append((_decode(name), _decode(text)))
    return pairs


def query_value(
    pairs: list[tuple[str, str]], name: str, style: str, explode: bool, kind: str
) -> tuple[Texts | None, list[int]]:
    """The value of query parameter ``name`` in decoded ``pairs`` and the indexes of the
    pairs it took; (None, []) when it is absent. An exploded ``form`` object takes the
    pairs no other parameter claims: the caller passes only those."""
    if kind == "object" and style == "deepObject":
        prefix = f"{name}["
        taken = [i for i, (n, _) in enumerate(pairs) if n.startswith(prefix) and n.endswith("]")]
        if not taken:
            return None, []
        return {pairs[i][0][len(prefix) : -1]: pairs[i][1] for i in taken}, taken
    if kind == "object" and explode:
        taken = list(range(len(pairs)))
        return ({n: t for n, t in pairs} if pairs else None), taken
    taken = [i for i, (n, _) in enumerate(pairs) if n == name]
    if not taken:
        return None, []
    if kind == "array" and explode:
        return [pairs[i][1] for i in taken], taken
    text = pairs[taken[0]][1]
    if kind == "scalar":
        return text, taken[:1]
    return _split_text(text, _separator(style, False, ""), kind), taken[:1]


def _split_text(text: str, separator: str, kind: str) -> Texts | None:
    pieces = text.split(separator)
    if kind == "array":
        return pieces
    if len(pieces) % 2:
        return None
    return {pieces[i]: pieces[i + 1] for i in range(0, len(pieces), 2)}


# -- header ------------------------------------------------------------------------------
def header_text(value: JSON, explode: bool) -> str:
    """A header parameter's value (style ``simple``): no percent-encoding, items joined
    with ``,`` (an exploded object as ``R=100,G=200``)."""
    if shape(value) == "scalar":
        return scalar_text(value)
    return ",".join(_items(value, pairs=explode))


def parse_header(text: str, explode: bool, kind: str) -> Texts | None:
    """A header parameter's value back from the header's text."""
    if kind == "scalar":
        return text
    pieces = text.split(",")
    if kind == "array":
        return pieces
    if explode:
        result = {}
        for piece in pieces:
            key, sep, item = piece.partition("=")
            if not sep:
                return None
            result[key] = item
        return result
    return _split_text(text, ",", kind)


# -- cookie ------------------------------------------------------------------------------
def encode_cookie_value(text: str) -> str:
    """``text`` with every character outside RFC 6265's cookie-octets (and ``%``)
    percent-encoded as UTF-8."""
    return quote(text, safe=_COOKIE_SAFE)


def cookie_pairs(name: str, value: JSON, explode: bool) -> list[tuple[str, str]]:
    """The (name, encoded value) pairs of a cookie parameter (style ``form``)."""
    kind = shape(value)
    enc = encode_cookie_value
    if kind == "scalar":
        return [(name, enc(scalar_text(value)))]
    if explode and kind == "array":
        return [(name, enc(scalar_text(v))) for v in value]
    if explode:
        return [(k, enc(scalar_text(v))) for k, v in value.items()]
    return [(name, ",".join(enc(t) for t in _items(value, pairs=False)))]


def cookie_header(pairs: Iterable[tuple[str, str]]) -> str:
    """One ``Cookie`` header value: ``a=1; b=2``."""
    return "; ".join(f"{n}={v}" for n, v in pairs)


def split_cookies(header: str) -> list[tuple[str, str]]:
    """A ``Cookie`` header as raw (name, value) pairs in order."""
    pairs = []
    for piece in header.split(";"):
        piece = piece.strip(" \t")
        if piece:
            name, _sep, value = piece.partition("=")
            pairs.append((name.strip(), value.strip()))
    return pairs


def cookie_value(
    pairs: list[tuple[str, str]], name: str, explode: bool, kind: str
) -> tuple[Texts | None, list[int]]:
    """A cookie parameter back from raw cookie ``pairs`` (an exploded object takes the
    pairs the caller passes), and the indexes it took."""
    try:
        if kind == "object" and explode:
            taken = list(range(len(pairs)))
            return ({n: _decode(v) for n, v in pairs} if pairs else None), taken
        taken = [i for i, (n, _) in enumerate(pairs) if n == name]
        if not taken:
            return None, []
        if kind == "array" and explode:
            return [_decode(pairs[i][1]) for i in taken], taken
        raw = pairs[taken[0]][1]
        if kind == "scalar":
            return _decode(raw), taken[:1]
        found = _split_back(raw, ",", False, kind)
        return found, taken[:1]
    except (UnicodeDecodeError, ValueError):
        return None, []


# -- form bodies ---------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldEncoding:
    """How a form body field that holds a list or an object is sent (``request.encoding``)."""

    style: str = "form"
    explode: bool = True
    content_type: str = ""  # multipart: the part's media type (application/json for JSON parts)


def form_pairs(
    fields: Mapping[str, JSON], encoding: Mapping[str, FieldEncoding]
) -> list[tuple[str, str]]:
    """A form body's decoded (name, text) pairs in order, repeated names kept: each field
    serialised by its encoding (default ``form``, exploded) as a query parameter would be."""
    pairs: list[tuple[str, str]] = []
    for name, value in fields.items():
        how = encoding.get(name, FieldEncoding())
        pairs += query_pairs(name, value, how.style, how.explode)
    return pairs


def form_fields(
    pairs: list[tuple[str, str]],
    example: Mapping[str, JSON],
    encoding: Mapping[str, FieldEncoding],
) -> dict[str, Texts]:
    """A form body's fields back from its decoded pairs, shaped like ``example`` (the spec's
    fields); a pair no field takes is kept under its own name."""
    fields: dict[str, Texts] = {}
    left = list(range(len(pairs)))
    loose: str | None = None
    for name, value in example.items():
        how = encoding.get(name, FieldEncoding())
        kind = shape(value)
        if kind == "object" and how.explode and how.style != "deepObject":
            loose = name  # takes what the other fields leave
            continue
        found, taken = query_value([pairs[i] for i in left], name, how.style, how.explode, kind)
        if found is not None:
            fields[name] = found
        left = [i for n, i in enumerate(left) if n not in set(taken)]
    if loose is not None:
        rest = [pairs[i] for i in left]
        if rest:
            fields[loose] = dict(rest)
        left = []
    for i in left:
        name, text = pairs[i]
        fields.setdefault(name, text)
    return fields


# -- types back from texts -----------------------------------------------------------------
def coerce(value: Texts | None, schema: JSON) -> JSON:
    """A parsed value with its texts turned into the types ``schema`` names (integer,
    number, boolean, null; items and properties), so that the schema can validate it."""
    if not isinstance(schema, dict) or value is None:
        return value
    types = schema.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    if isinstance(value, list):
        items = schema.get("items")
        return [coerce(v, items) for v in value]
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        extra = schema.get("additionalProperties")
        return {k: coerce(v, props.get(k, extra)) for k, v in value.items()}
    if not isinstance(value, str):
        return value  # already typed (a JSON part of a multipart body)
    if not types and "enum" in schema:
        types = sorted({_json_type(v) for v in schema["enum"]})
    if not types and "const" in schema:
        types = [_json_type(schema["const"])]
    for kind in types:
        converted = _convert(value, kind)
        if converted is not _NO:
            return converted
    return value


_NO = object()


def _json_type(value: JSON) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    return "string"


_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _convert(text: str, kind: str) -> JSON:
    """``text`` as a JSON value of type ``kind`` (JSON's own spelling only), or _NO."""
    if kind == "string":
        return text
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, _NO)
    if kind == "null":
        return None if text in ("", "null") else _NO
    if kind == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if kind in ("integer", "number") and _NUMBER.fullmatch(text):
        number = float(text)
        if kind == "integer" and not number.is_integer():
            return _NO
        return int(text) if _INTEGER.fullmatch(text) else number
    return _NO
