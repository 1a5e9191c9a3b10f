"""Spec errors in words a writer understands: what is wrong, where, and what is wanted.

JSON Schema validators report ``'x' does not match '^[a-z0-9][a-z0-9-]*$'`` or ``None is
not of type 'string'``: a regular expression and a Python value. :func:`describe` turns
such an error into ``id: "x y" is not an id: use lower-case letters, digits and dashes
(e.g. chat-completions)``. Values are shown as they would be written in JSON; each pattern
of ``spec.schema.json`` has its words, in an ``x-expected`` annotation beside it or in
:data:`PATTERN_WORDS` (a test checks that none is missing); a pattern without words is
described by the key it belongs to, never shown.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

# What each pattern of spec.schema.json wants, as a phrase after "is not".
PATTERN_WORDS: dict[str, str] = {
    "^[0-9a-f]{8}$": (
        "the hash of the English title and description: 8 digits or letters a-f, as "
        '`samplegen check` prints it (quoted if it is digits only: "42112796")'
    ),
    "^[a-z0-9][a-z0-9-]*$": (
        "an id: use lower-case letters, digits and dashes, starting with a letter or digit "
        "(e.g. chat-completions)"
    ),
    "^[a-z][a-z0-9-]*$": (
        "a name of lower-case letters, digits and dashes, starting with a letter (e.g. intl)"
    ),
    "^https://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$": (
        "a base URL: https:// and a lower-case host name, without port, path or trailing "
        "slash (e.g. https://api.example.com)"
    ),
    "^/([A-Za-z0-9/_.~:-]|\\{[a-z_][a-z0-9_]*\\})*$": (
        "a path: it starts with / and holds letters, digits, / _ . ~ : - and {name} for a "
        "path parameter (a lower-case name)"
    ),
    "^/[A-Za-z0-9/_.~-]*$": "a path: it starts with / and holds letters, digits and / _ . ~ -",
    "^[A-Za-z0-9-]+$": "a header name: letters, digits and dashes (e.g. X-Api-Key)",
    "^[A-Za-z0-9-]*$": "a scheme word: letters, digits and dashes (e.g. Token)",
    "^[A-Za-z_][A-Za-z0-9_-]*$": (
        "a parameter name: letters, digits, _ and -, starting with a letter or _"
    ),
    "^[A-Z_][A-Z0-9_]*$": (
        "an environment variable name: upper-case letters, digits and _, not starting with "
        "a digit (e.g. ACME_API_KEY)"
    ),
    "^[\\t\\u0020-\\u007e]*$": (
        "a header value of printable ASCII characters on one line (letters, digits, spaces "
        "and punctuation)"
    ),
    "^[A-Za-z_][A-Za-z0-9_.-]*$": (
        "a field name: letters, digits, _ . and -, starting with a letter or _"
    ),
    "^[A-Za-z0-9_][A-Za-z0-9_.-]*$": (
        "a plain file name: letters, digits, _ . and -, no folder, not starting with . or - "
        "(e.g. photo.png)"
    ),
    "^[a-z]+/[A-Za-z0-9.+-]+$": "a media type such as image/png or application/octet-stream",
    "^[a-z][a-z0-9.-]*$": (
        "an operation name: lower-case letters, digits, dots and dashes (e.g. files.create)"
    ),
    "^[A-Za-z_][A-Za-z0-9_.\\-\\[\\]]*$": (
        "a parameter name: letters, digits, _ . - and [], starting with a letter or _"
    ),
}

# What a JSON Schema type is called in a message.
TYPE_WORDS = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping (key: value)",
    "array": "a list",
    "null": "null",
}
_LIMIT = 60  # characters of a value shown in a message


def where(path: Iterable[str | int]) -> str:
    """A data path as a writer reads it: ``errors[0].when``, ``request.example.n``."""
    text = ""
    for part in path:
        if isinstance(part, int) or not _PLAIN_KEY.match(part):
            text += f"[{part}]" if isinstance(part, int) else f"[{show(part)}]"
        else:
            text += f".{part}" if text else part
    return text


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")  # a key shown bare in a path


def show(value: Any) -> str:
    """A value as JSON would write it (texts quoted, ``null``, ``true``), cut when long."""
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping {}"
    if isinstance(value, list):
        return "a list" if value else "an empty list []"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**_LIMIT:
        return f"a number of {len(str(abs(value)))} digits"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _LIMIT else text[: _LIMIT - 4] + '..."'


def quoted(name: str) -> str:
    """A key or name in double quotes, as JSON writes it (escapes visible)."""
    return show(name)


def kind(value: Any) -> str:
    """What ``value`` is, in words (``a text``, ``a whole number``, ``null``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _bare(option: Any) -> str:
    plain = isinstance(option, str) and option and not any(c in option for c in " ,\"'\\")
    return option if plain and option.isprintable() else show(option)


def one_of(options: Sequence[Any]) -> str:
    """``a, b or c``: texts bare when that is unambiguous, other values as JSON."""
    shown = [_bare(o) for o in options]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def _types(wanted: str | list[str]) -> str:
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    words = [TYPE_WORDS.get(n, n) for n in names]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _in_property_names(error: jsonschema.ValidationError) -> bool:
    return "propertyNames" in error.absolute_schema_path


def _key_words(path: Sequence[str | int]) -> str:
    last = next((p for p in reversed(path) if isinstance(p, str)), "")
    return f"in the form {last or 'this key'} takes (see the spec format in the README)"


def describe(
    error: jsonschema.ValidationError, prefix: Sequence[str | int] = (), by: str = ""
) -> str:
    """One validation error as ``path: what is wrong; what is wanted``.

    ``prefix`` is put before the error's own path (``request.example`` for an example
    checked against its schema), and ``by`` names that schema (``request.schema``).
    """
    text = _describe(error, [*prefix, *error.absolute_path], by)
    value = error.instance
    if error.validator == "type" and isinstance(value, str) and _NUMBER_TEXT.match(value):
        text += f" (YAML reads {value} as a text: write a number with a dot, e.g. 1.0e+3)"
    elif by and error.validator != "required":
        text += f" (by {by})"
    return text


_NUMBER_TEXT = re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9]*)?[eE][-+]?[0-9]+$")


def _describe(error: jsonschema.ValidationError, path: list[str | int], by: str) -> str:
    at = where(path) or "the spec"
    value = error.instance
    rule = error.validator
    wanted = error.validator_value
    vague = value is None or isinstance(value, dict | list)  # shown by its kind alone
    if _in_property_names(error):
        subject = f"{at}: the key {show(value)}"
    else:
        subject = f"{at}: {show(value)}"
    if rule == "type":
        if vague:
            return f"{at}: {_given(value)} is given; {_types(wanted)} is wanted"
        return f"{subject} is {kind(value)}; {_types(wanted)} is wanted"
    if rule == "enum":
        if vague:
            return f"{at}: {_given(value)} is given; one of {one_of(wanted)} is wanted"
        return f"{subject} is not one of {one_of(wanted)}"
    if rule == "const":
        return f"{subject} must be {show(wanted)}"
    if rule == "pattern":
        if isinstance(value, str) and ("\r" in value or "\n" in value):
            return f"{subject} holds a line break (CR or LF), which no client can send there"
        if isinstance(value, str) and "\0" in value:
            return f"{subject} holds a NUL character, which no client can send there"
        words = error.schema.get("x-expected") or PATTERN_WORDS.get(wanted)
        return f"{subject} is not {words}" if words else f"{subject} is not {_key_words(path)}"
    if rule == "required":
        missing = [k for k in wanted if isinstance(value, dict) and k not in value]
        name = missing[0] if missing else "a key"
        return (
            f"{at}: {name} is missing ({by} requires it)"
            if by
            else (f"{at}: {name} is missing (it is required)")
        )
    if rule == "additionalProperties" and isinstance(value, dict):
        known = set(error.schema.get("properties", {}))
        extra = sorted(set(value) - known)
        allowed = ", ".join(sorted(known))
        close = difflib.get_close_matches(extra[0], known, n=1) if extra else []
        hint = f"; did you mean {close[0]}?" if close else ""
        return f"{at}: unknown key {', '.join(map(quoted, extra))}{hint} (allowed: {allowed})"
    if rule in ("minLength", "minItems", "minProperties"):
        if wanted == 1:
            return f"{at}: must not be empty"
        return f"{at}: must have at least {wanted} {_unit(rule)}"
    if rule in ("maxLength", "maxItems", "maxProperties"):
        return f"{at}: must have at most {wanted} {_unit(rule)}"
    if rule == "minimum":
        return f"{subject} is less than {wanted}, the smallest allowed"
    if rule == "maximum":
        return f"{subject} is more than {wanted}, the largest allowed"
    if rule == "exclusiveMinimum":
        return f"{subject} must be more than {wanted}"
    if rule == "exclusiveMaximum":
        return f"{subject} must be less than {wanted}"
    if rule == "multipleOf":
        return f"{subject} must be a multiple of {wanted}"
    if rule == "uniqueItems":
        return f"{subject} holds the same item twice"
    if rule == "format":
        return f"{subject} is not a valid {wanted}"
    if rule in ("oneOf", "anyOf"):
        return f"{subject} does not have any of the shapes the schema allows here"
    if rule == "not":
        return f"{subject} has a shape the schema forbids here"
    if rule == "dependentRequired" and isinstance(wanted, dict):
        return f"{at}: {error.message.split(' is a dependency')[0]} needs other keys too"
    return f"{subject} does not satisfy the schema's {rule!s} rule"


def _given(value: Any) -> str:
    return "null (no value)" if value is None else kind(value)


def _unit(rule: str) -> str:
    return {"minLength": "characters", "maxLength": "characters"}.get(rule, "items")


def describe_schema_problem(error: jsonschema.SchemaError, prefix: Sequence[str | int]) -> str:
    """An embedded JSON Schema (``request.schema``) that is not a valid JSON Schema: where
    in it, and what is wrong (the JSON Schema 2020-12 meta-schema decides)."""
    inside = where(error.absolute_path)
    keyword = next((p for p in reversed(error.absolute_path) if isinstance(p, str)), "")
    head = f"{where(prefix)} is not a valid JSON Schema: "
    at = f"{inside}: " if inside else ""
    if keyword == "type":
        return head + (
            f"{at}{show(error.instance)} is not a JSON Schema type (array, boolean, integer, "
            "null, number, object or string)"
        )
    if error.validator == "type":
        return (
            head
            + f"{at}{_given(error.instance)} is given; {_types(error.validator_value)} is wanted"
        )
    return head + f"{at}{show(error.instance)} is not a valid value of {keyword or 'the schema'}"
