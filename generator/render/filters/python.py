"""Python literals: strings and JSON values rendered the way ``ruff format`` leaves them."""

from __future__ import annotations

import keyword
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from generator.model.params import encode_segment
from generator.render.filters.common import UNSAFE_CHARS, has_unsafe, is_identifier

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_invisible(char: str) -> str:
    if not has_unsafe(char):
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_PY_SPECIAL = re.compile(f"[\\\\\"'{UNSAFE_CHARS}]")


def py_str(text: str) -> str:
    """A Python string literal for ``text``; double quotes unless single quotes escape less.

    Follows ruff format's quote preference, so generated code is already formatted.
    """
    quote = _quote_for(text)
    if text.isascii() and text.isprintable():  # fast path: only backslash and quote escape
        return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote
    return _py_str_chars(text, quote)


def _py_str_chars(text: str, quote: str) -> str:
    """:func:`py_str` by regex substitution (the reference its fast path is tested on)."""
    return quote + _escape(text, quote) + quote


def _quote_for(text: str) -> str:
    return "'" if text.count('"') > text.count("'") else '"'


def _escape(text: str, quote: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        if char == quote:
            return "\\" + char
        return char if char in "\"'" else _escape_invisible(char)

    return _PY_SPECIAL.sub(escape, text)


def py_docstring(text: str) -> str:
    """A one-line docstring holding ``text``: backslashes doubled, every quote that starts a
    run of quotes or ends the text escaped (so nothing can close it early), invisible
    characters written as escapes."""
    if '"' not in text and not has_unsafe(text):  # fast path: only backslashes escape
        return '"""' + text.replace("\\", "\\\\") + '"""'
    return _py_docstring_chars(text)


def _py_docstring_chars(text: str) -> str:
    """:func:`py_docstring` one character at a time (the reference of its fast path)."""
    out = []
    for i, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char == '"' and (i + 1 == len(text) or text[i + 1] == '"'):
            out.append('\\"')
        else:
            out.append(_escape_invisible(char))
    return '"""' + "".join(out) + '"""'


def py_value(value: Any, indent: int = 0, step: int = 4) -> str:
    """A Python literal for a JSON value; containers exploded one item per line.

    Trailing commas keep ruff format from joining the lines (magic trailing comma).
    ``indent`` is the column of the line the literal starts on.
    """
    pad = " " * (indent + step)
    end = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}{py_str(k)}: {py_value(v, indent + step, step)}," for k, v in value.items()]
        return "{\n" + "\n".join(items) + "\n" + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [f"{pad}{py_value(v, indent + step, step)}," for v in value]
        return "[\n" + "\n".join(items) + "\n" + end + "]"
    if isinstance(value, str):
        return py_str(value)
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} is not a JSON number")
    if isinstance(value, float):
        return repr(value).replace("e+", "e")  # ruff format writes 1e16, not 1e+16
    return repr(value)


def py_kwargs(value: dict[str, Any], indent: int = 4) -> str:
    """Keyword arguments ``key=value,`` one per line, for an SDK call taking a JSON object.

    A key that cannot be an argument name (not an identifier, or a Python keyword) is
    passed in a trailing ``**{...}`` dict literal, so no key can change the code.
    """
    pad = " " * indent
    plain = {k: v for k, v in value.items() if is_identifier(k) and not keyword.iskeyword(k)}
    other = {k: v for k, v in value.items() if k not in plain}
    lines = [f"{pad}{k}={py_value(v, indent)}," for k, v in plain.items()]
    if other:
        lines.append(f"{pad}**{py_value(other, indent)},")
    return "\n".join(lines)


# Request fields the OpenAI Python SDK's ``chat.completions.create`` takes as keyword
# arguments (openai 3.x). Anything else (DashScope extensions such as ``enable_thinking``)
# must travel in ``extra_body``, exactly as Model Studio's own docs do it.
OPENAI_CREATE_PARAMS = frozenset(
    {
        "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs",
        "max_completion_tokens", "max_tokens", "messages", "metadata", "modalities", "model",
        "n", "parallel_tool_calls", "prediction", "presence_penalty", "reasoning_effort",
        "response_format", "seed", "service_tier", "stop", "store", "stream", "stream_options",
        "temperature", "tool_choice", "tools", "top_logprobs", "top_p", "user",
    }
)  # fmt: skip


# The keyword arguments of the other OpenAI Python SDK calls the templates render (openai 3.x);
# for files.create the ``file`` argument is the template's, from the spec's upload file.
OPENAI_PARAMS = {
    "chat-completions": OPENAI_CREATE_PARAMS,
    "embeddings": frozenset({"input", "model", "dimensions", "encoding_format", "user"}),
    "files.create": frozenset({"purpose", "expires_after"}),
    "files.list": frozenset({"after", "limit", "order", "purpose"}),
    "files.delete": frozenset({"file_id"}),
}


def py_openai_kwargs(
    body: dict[str, Any], indent: int = 4, operation: str = "chat-completions"
) -> str:
    """Arguments of the OpenAI SDK call for ``operation``: its parameters as keywords, every
    other field inside ``extra_body`` (``extra_query`` for a GET), so any JSON key, even a
    non-identifier, is sent as is.
    """
    params = OPENAI_PARAMS.get(operation, frozenset())
    known = {k: v for k, v in body.items() if k in params}
    extra = {k: v for k, v in body.items() if k not in params}
    lines = py_kwargs(known, indent)
    if extra:
        pad = " " * indent
        where = "extra_query" if operation == "files.list" else "extra_body"
        lines += ("\n" if lines else "") + f"{pad}{where}={py_value(extra, indent)},"
    return lines


def py_param_dict(params: Sequence[Any]) -> dict[str, Any]:
    """The example values of path or query parameters, by name (their JSON types kept)."""
    return {p.name: p.example for p in params}


def py_sdk_value(path: Sequence[str | int], root: str) -> str:
    """The value at ``path`` of an OpenAI SDK object ``root``: attribute access
    (``root.data[0].embedding``), or ``root.to_dict()`` subscripts when a key is not an
    attribute name."""
    try:
        return root + py_attrs(path)
    except ValueError:
        return f"{root}.to_dict(){py_subscripts(path)}"


def py_subscripts(path: Sequence[str | int]) -> str:
    """Subscripts reaching ``path`` in parsed JSON: ``["choices"][0]["delta"]["content"]``.

    Keys are :func:`py_str` literals and indexes plain integers, so any key is safe.
    """
    parts = []
    for part in path:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise TypeError(f"a JSON path holds keys and indexes, not {part!r}")
        parts.append(f"[{py_str(part) if isinstance(part, str) else part}]")
    return "".join(parts)


def py_attrs(path: Sequence[str | int]) -> str:
    """Attribute and index access reaching ``path`` in an SDK object: ``.choices[0].delta``.

    SDK response types mirror the JSON keys as attributes; a key that is not a plain
    identifier (or is a Python keyword) cannot be an attribute, and is an error.
    """
    parts = []
    for part in path:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise TypeError(f"a JSON path holds keys and indexes, not {part!r}")
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif is_identifier(part) and not keyword.iskeyword(part):
            parts.append(f".{part}")
        else:
            raise ValueError(f"{part!r} cannot be an attribute name; use py_subscripts")
    return "".join(parts)


# The DashScope Python SDK class that calls each operation (dashscope 2.x).
DASHSCOPE_APIS = {
    "text-generation": "Generation",
    "multimodal-generation": "MultiModalConversation",
    "text-embedding": "TextEmbedding",
    "text-rerank": "TextReRank",
    "image-synthesis": "ImageSynthesis",
    "application": "Application",
    "tasks.get": "ImageSynthesis",  # fetch() of any task id (BaseAsyncApi.fetch)
}


def py_dashscope_api(operation: str) -> str:
    """The ``dashscope`` SDK class for ``operation``: ``Generation``, ``TextEmbedding``..."""
    try:
        return DASHSCOPE_APIS[operation]
    except KeyError:
        raise ValueError(f"the DashScope Python SDK has no API for {operation!r}") from None


def py_dashscope_task_id(task_id: str) -> str:
    """The task id as ``dashscope``'s ``fetch()`` must get it: percent-encoded as one path
    segment, since the SDK joins it into the URL as it is (a ``/`` would split the path,
    ``#`` and ``?`` cut it, ``%00`` be decoded). A usual id (letters, digits, ``-``)
    stays as it is."""
    return encode_segment(task_id)


LINE_LENGTH = 88  # ruff format's default line length (the samples carry no ruff config)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _width(text: str) -> int:
    """Columns ``text`` takes as ruff counts them (East Asian wide characters take two)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def py_call(args: Sequence[str], head: str, indent: int = 0) -> str:
    """A call ``head(arg, ...)`` at ``indent``, laid out as ruff format leaves it.

    ``args`` are Python expressions (``headers=headers``). On one line when it fits in 88
    columns; else the arguments together on one indented line; else one per line with a
    trailing comma (a single argument that fits nowhere stays on the call's line).
    """
    pad = " " * indent
    inner = pad + " " * 4
    joined = ", ".join(args)
    line = f"{pad}{head}({joined})"
    if _width(line) <= LINE_LENGTH or not args:
        return line
    if _width(inner + joined) <= LINE_LENGTH:
        return f"{pad}{head}(\n{inner}{joined}\n{pad})"
    if len(args) == 1:
        return line
    return f"{pad}{head}(\n" + "".join(f"{inner}{arg},\n" for arg in args) + f"{pad})"


def py_assign(expression: str, name: str) -> str:
    """``name = expression`` at the top level, as ruff format leaves it: an atom (a string
    literal) that does not fit in 88 columns goes in parentheses on its own line, when it
    fits there."""
    line = f"{name} = {expression}"
    if _width(line) <= LINE_LENGTH or _width("    " + expression) > LINE_LENGTH:
        return line
    return f"{name} = (\n    {expression}\n)"


def py_tuple_expr(items: Sequence[Any], indent: int = 0, tail: str = ",", head: str = "") -> str:
    """A tuple of expressions (nested lists are nested tuples) at ``indent``, after ``head``
    (``file=``) and followed by ``tail``, as ruff format lays out a collection: on one line
    when it fits, else one element per line with a trailing comma."""

    def flat(value: Any) -> str:
        if isinstance(value, str):
            return value
        inner = [flat(v) for v in value]
        return "(" + ", ".join(inner) + ("," if len(inner) == 1 else "") + ")"

    pad = " " * indent
    line = pad + head + flat(items) + tail
    if _width(line) <= LINE_LENGTH or isinstance(items, str):
        return line
    lines = [py_tuple_expr(v, indent + 4, ",") for v in items]
    return pad + head + "(\n" + "\n".join(lines) + "\n" + pad + ")" + tail


def py_tuple(items: Sequence[str]) -> str:
    """A one-line tuple of string literals: ``("FAILED",)``, ``("FAILED", "CANCELED")``."""
    literals = [py_str(item) for item in items]
    if len(literals) == 1:
        return f"({literals[0]},)"
    return "(" + ", ".join(literals) + ")"


def py_dict(pairs: Sequence[tuple[str, Any]], indent: int = 0) -> str:
    """A dict literal of ``(key, value)`` pairs (a form's fields), as :func:`py_value` lays it."""
    return py_value(dict(pairs), indent)


def py_format(message: str, values: dict[str, str]) -> str:
    """An f-string printing ``message`` with each ``{name}`` replaced by the expression
    ``values[name]`` (a translated text whose placeholders the sample fills at run time).

    The text parts are escaped as in :func:`py_str` (braces doubled); an unknown
    placeholder is an error, so a translation cannot reference a name that is not there.
    """
    quote = _quote_for(message)
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(message):
        name = match.group(1)
        if name not in values:
            raise ValueError(f"{message!r} has an unknown placeholder {{{name}}}")
        parts.append(_fstring_text(message[position : match.start()], quote))
        parts.append("{" + values[name] + "}")
        position = match.end()
    parts.append(_fstring_text(message[position:], quote))
    return "f" + quote + "".join(parts) + quote


def _fstring_text(text: str, quote: str) -> str:
    return _escape(text, quote).replace("{", "{{").replace("}", "}}")


def py_keyed(prefix: str, suffix: str, key: str = "api_key") -> str:
    """The expression of a header value that carries the key between ``prefix`` and
    ``suffix``: ``api_key``, ``"Bearer " + api_key``, or an f-string when text follows the
    key (``f"session={api_key}; lang=en"``, braces of the text doubled)."""
    if suffix:
        quote = _quote_for(prefix + suffix)
        inner = _fstring_text(prefix, quote) + "{" + key + "}" + _fstring_text(suffix, quote)
        return "f" + quote + inner + quote
    return f"{py_str(prefix)} + {key}" if prefix else key


def py_index_guard(path: Sequence[str | int], root: str, subscripts: bool = False) -> str:
    """A condition that holds when every list on ``path`` (attribute access from ``root``)
    is long enough for its index: ``chunk.choices`` for ``[choices, 0, ...]``, or
    ``len(chunk.choices) > 2``; ``True`` when the path indexes no list.

    Streams end with chunks whose lists are empty (OpenAI's usage chunk has no choices).
    With ``subscripts`` the path is read from parsed JSON (``event["choices"]``).
    """
    conditions = []
    for i, part in enumerate(path):
        if isinstance(part, int) and not isinstance(part, bool):
            if i == 0:
                continue  # a path cannot index the SDK object itself
            reach = py_subscripts(path[:i]) if subscripts else None
            prefix = root + reach if reach is not None else py_sdk_value(path[:i], root)
            conditions.append(prefix if part == 0 else f"len({prefix}) > {part}")
    return " and ".join(conditions) or "True"


FILTERS = {
    "py_str": py_str,
    "py_docstring": py_docstring,
    "py_value": py_value,
    "py_kwargs": py_kwargs,
    "py_openai_kwargs": py_openai_kwargs,
    "py_subscripts": py_subscripts,
    "py_attrs": py_attrs,
    "py_dashscope_api": py_dashscope_api,
    "py_dashscope_task_id": py_dashscope_task_id,
    "py_call": py_call,
    "py_param_dict": py_param_dict,
    "py_sdk_value": py_sdk_value,
    "py_assign": py_assign,
    "py_tuple_expr": py_tuple_expr,
    "py_tuple": py_tuple,
    "py_dict": py_dict,
    "py_format": py_format,
    "py_index_guard": py_index_guard,
    "py_keyed": py_keyed,
}
