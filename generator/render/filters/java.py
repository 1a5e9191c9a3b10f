"""Java literals and escaping: ASCII-only source that no spec value can break out of."""

from __future__ import annotations

import itertools
import math
import re
from collections import deque
from dataclasses import dataclass
from typing import Any

from generator.render.filters.common import duration_units, is_identifier, json_text

# Java translates \uXXXX escapes before it lexes anything, even inside comments and
# string literals (JLS 3.3), so a spec value written as \u0022 or \u000a would end a
# literal or a comment. Every filter here therefore (1) doubles each backslash it copies
# from the value (a backslash preceded by an odd number of backslashes never starts a
# Unicode escape) and (2) writes \uXXXX itself only for code points above U+007F, which
# can never be a quote, a backslash or a Java line terminator (CR, LF).
# The output is pure ASCII: `java Main.java` on JDK 17 reads sources in the platform
# charset, which is ASCII under a POSIX locale, so raw non-ASCII text could be garbled.

LINE_LIMIT = 100  # google-java-format's column limit

_STR_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}

# Reserved words and literals (JLS 3.9) plus the contextual ones; never a method name.
_JAVA_KEYWORDS = frozenset(
    (  # noqa: SIM905
        "abstract assert boolean break byte case catch char class const continue default do "
        "double else enum extends final finally float for goto if implements import instanceof "
        "int interface long native new package private protected public return short static "
        "strictfp super switch synchronized this throw throws transient try void volatile while "
        "true false null var yield record sealed permits"
    ).split()
)


def _utf16_escapes(char: str) -> str:
    """``\\uXXXX`` escapes for one code point above U+007F (a surrogate pair if astral)."""
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(
        f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2)
    )


def java_str(text: str) -> str:
    """A Java string literal ``"..."`` for ``text`` (any code points), in pure ASCII.

    Controls below U+0080 use the named escapes or a three-digit octal escape (JLS 3.10.7),
    never ``\\u``; code points above U+007F use ``\\uXXXX`` (UTF-16 code units). A
    backslash followed by ``t``, ``n`` or ``r`` is written ``\\134``: google-java-format
    splits a long literal before every ``\\t``/``\\n``/``\\r`` it sees, even the second
    half of ``\\\\t``, and a break there would cut the ``\\\\`` escape in two (it then
    aborts with an internal error instead of formatting the file).
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a string for a Java string literal, got {text!r}")
    if text.isascii() and text.isprintable() and "\\" not in text:
        return '"' + text.replace('"', '\\"') + '"'  # fast path: only quotes escape
    if "\\" not in text and _NON_ASCII_RUNS.sub("", text).isprintable():
        # fast path: printable ASCII around runs of non-ASCII, escaped a run at a time
        return '"' + _NON_ASCII_RUNS.sub(_utf16_run, text.replace('"', '\\"')) + '"'
    return _java_str_chars(text)


_NON_ASCII_RUNS = re.compile("[^\x00-\x7f]+")


def _utf16_run(match: re.Match[str]) -> str:
    """``\\uXXXX`` escapes for a run of code points above U+007F (as :func:`_utf16_escapes`)."""
    units = match.group().encode("utf-16-be", "surrogatepass").hex()
    return "".join("\\u" + units[i : i + 4] for i in range(0, len(units), 4))


def _java_str_chars(text: str) -> str:
    """:func:`java_str` one character at a time (the reference its fast paths are tested on)."""
    out = []
    for i, char in enumerate(text):
        code = ord(char)
        if char == "\\" and text[i + 1 : i + 2] in ("t", "n", "r"):
            out.append("\\134")
        elif char in _STR_ESCAPES:
            out.append(_STR_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\{code:03o}")
        elif code < 0x80:
            out.append(char)
        else:
            out.append(_utf16_escapes(char))
    return '"' + "".join(out) + '"'


def _ascii_json(value: Any, indent: int | None) -> str:
    """JSON text for ``value`` with every non-ASCII code point as a JSON ``\\uXXXX`` escape.

    Outside strings JSON text is ASCII, so escaping every non-ASCII char keeps it valid.
    """
    text = json_text(value, indent)
    return re.sub(r"[^\x00-\x7f]", lambda m: _utf16_escapes(m.group()), text)


def java_json_block(value: Any, indent: int = 4) -> str:
    """A Java text block (JLS 3.10.6) whose value is the JSON text of ``value``.

    The block opens with ``\"\"\"`` and a line break; each JSON line and the closing
    delimiter are indented by ``indent`` spaces (the incidental indentation Java strips),
    so the string is the JSON text plus one trailing newline. The JSON is pure ASCII
    without raw controls (C0 controls and non-ASCII are JSON escapes), has no trailing
    whitespace, every backslash is doubled (so no Java escape or Unicode escape can
    appear) and any run of three quotes is broken with ``\\"``.
    """
    text = _ascii_json(value, 2).replace("\\", "\\\\").replace('"""', '""\\"')
    pad = " " * indent
    lines = text.split("\n")
    return '"""\n' + "".join(f"{pad}{line}\n" for line in lines) + pad + '"""'


def java_assign(target: str, literal: str, indent: int) -> str:
    """``target = literal;`` on one line, or broken after ``=`` as google-java-format does.

    ``indent`` is the column the statement starts at; the limit is 100 columns and the
    continuation indent is +4. ``target`` is template text, ``literal`` a filter's output;
    a string literal still too long after the break is split as ``java_reflow`` does.
    """
    line = f"{target} = {literal};"
    if indent + len(line) <= LINE_LIMIT:
        return line
    return f"{target} =\n{' ' * (indent + 4)}{_fit(literal, indent + 4, ';')}"


# -- google-java-format's long-string reflow ------------------------------------------
# After laying out the code, google-java-format (StringWrapper) rewrites every string
# literal that ends on a line longer than 100 columns into a concatenation that fits:
# ``"first words"`` then ``+ " more words"`` lines. The helpers below port that pass
# (its stringComponents and reflow methods, quirks included) for the one-literal case
# the filters produce, so the samples are already in the shape the formatter leaves.

# One complete Java string literal, as java_str writes it (no raw quote or line break).
_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def _escaped_newline(text: str, idx: int) -> int:
    """The length of the ``\\r\\n``, ``\\r`` or ``\\n`` escape at ``idx`` in ``text``, else 0."""
    for escape in ("\\r\\n", "\\r", "\\n"):
        if text.startswith(escape, idx):
            return len(escape)
    return 0


_PIECE_BREAK = re.compile(r"[ \\]")  # the only characters java_string_pieces looks at


def java_string_pieces(body: str) -> list[str]:
    """The words google-java-format may break a literal's source text ``body`` between.

    ``body`` is the text between the quotes. A word ends before a space or a ``\\t``
    escape, and after a run of ``\\n``/``\\r`` escapes (the character right after such
    a run never starts a word: the formatter skips it). The words join back to ``body``.
    """
    pieces: list[str] = []
    start = idx = 0
    while idx < len(body):
        found = _PIECE_BREAK.search(body, idx)  # fast path: skip to the next space or backslash
        if found is None:
            break
        idx = found.start()
        if body[idx] == " " or body.startswith("\\t", idx):
            pass
        elif _escaped_newline(body, idx):
            while length := _escaped_newline(body, idx):
                idx += length
        else:
            idx += 1
            continue
        pieces.append(body[start:idx])
        start = idx
        idx += 1
    if start < len(body):
        pieces.append(body[start:])
    return pieces


def java_reflow(literal: str, column: int, trailing: int, first: bool = True) -> str:
    """The string literal ``literal`` at ``column`` as google-java-format reflows it.

    ``trailing`` is the number of characters that follow the literal on its line (``);``).
    Lines are filled word by word to 100 columns (a line takes at least 5 characters
    of words; a word ending in ``\\n`` ends its line); later lines start with ``+ "`` at
    ``column + 4``, or at ``column - 2`` when the literal is not ``first`` in its ``+``
    chain (it then follows a ``+ ``, so ``column`` is at least 2). The result has the same
    value as ``literal``.
    """
    if not _LITERAL.fullmatch(literal):
        raise ValueError(f"not one Java string literal: {literal!r}")
    if column < (0 if first else 2):
        raise ValueError(f"a literal after '+ ' cannot start at column {column}")
    width = LINE_LIMIT - column - 2
    queue = deque(java_string_pieces(literal[1:-1]))
    lines: list[str] = []
    while queue:
        length = 0
        line: list[str] = []
        if sum(map(len, queue)) <= width:
            width -= trailing
        while queue and (length <= 4 or length + len(queue[0]) <= width):
            word = queue.popleft()
            line.append(word)
            length += len(word)
            if word.endswith(("\\n", "\\r")):
                break
        lines.append("".join(line))
        if first and len(lines) == 1:
            width -= 6  # later lines start 6 columns further right, with "+ "
    indent = column + 4 if first else column - 2
    return '"' + f'"\n{" " * indent}+ "'.join(lines) + '"'


def _fit(node: str, column: int, tail: str, first: bool = True) -> str:
    """``node`` + ``tail`` on a line starting at ``column``; a string literal that does not
    fit is reflowed, anything else is left whole (as the formatter leaves it)."""
    if column + len(node) + len(tail) <= LINE_LIMIT or not _LITERAL.fullmatch(node):
        return node + tail
    return java_reflow(node, column, len(tail), first) + tail


class JavaConcat(str):
    """A string concatenation ``a + b + ...`` (as its one-line text) that the layout
    filters can break the way google-java-format breaks a ``+`` chain."""

    parts: tuple[str, ...]

    def __new__(cls, parts: tuple[str, ...]) -> JavaConcat:
        """The concatenation of ``parts`` (Java expressions, typically literals)."""
        self = super().__new__(cls, " + ".join(parts))
        self.parts = parts
        return self


def java_concat(parts: list[str]) -> JavaConcat:
    """``parts[0] + parts[1] + ...`` as one argument for ``java_call``.

    ``parts`` are Java expressions: literals from other filters or template code such as
    ``e``. Two string literals in a row are refused (the formatter would reflow them as
    one text, which these filters do not model).
    """
    if len(parts) < 2 or not all(isinstance(part, str) and part for part in parts):
        raise ValueError(f"a concatenation needs two or more expressions: {parts!r}")
    for left, right in itertools.pairwise(parts):
        if _LITERAL.fullmatch(left) and _LITERAL.fullmatch(right):
            raise ValueError(f"two string literals in a row: {left} + {right}")
    return JavaConcat(tuple(parts))


def _comment_text(text: str) -> str:
    """``text`` made inert after ``//``: no line break, no Unicode escape, pure ASCII."""
    if text.isascii() and text.isprintable():
        return text.replace("\\", "\\\\")  # fast path: only backslashes escape
    if _NON_ASCII_RUNS.sub("", text).isprintable():
        # fast path: printable ASCII around runs of non-ASCII, escaped a run at a time
        return _NON_ASCII_RUNS.sub(_utf16_run, text.replace("\\", "\\\\"))
    return _comment_text_chars(text)


def _comment_text_chars(text: str) -> str:
    """:func:`_comment_text` one character at a time (the reference of its fast paths)."""
    out = []
    for char in text:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F:
            out.append(f"U+{code:04X}")
        elif code < 0x80:
            out.append(char)
        else:
            out.append(_utf16_escapes(char))
    return "".join(out)


def java_comment(text: str, indent: int = 0) -> str:
    """``// text`` as one or more line comments, wrapped the way google-java-format does.

    Backslashes are doubled (so ``\\u000a`` cannot become a line break), C0/DEL
    controls become ``U+XXXX`` text, and code points above U+007F become ``\\uXXXX``
    escapes, which Java translates back to the (harmless inside a comment) character.
    Lines longer than 100 columns are broken at the last space that fits, as
    google-java-format's JavaCommentsHelper does; ``indent`` is the comment's column and
    continuation lines are indented to it.
    """
    line = "// " + _comment_text(text)
    lines = []
    while len(line) + indent > LINE_LIMIT:
        idx = LINE_LIMIT - indent
        while idx >= 2 and line[idx] != " ":
            idx -= 1
        if idx <= 2:
            break
        lines.append(line[:idx])
        line = "//" + line[idx:]
    lines.append(line)
    return ("\n" + " " * indent).join(lines)


def java_chain(head: str, calls: list[str], indent: int, tail: str = "") -> str:
    """A method chain ``head.a().b()`` on one line if it fits, else one call per line.

    Mirrors google-java-format: the chain starts at column ``indent``; ``tail`` is what
    follows it on its last line (``,`` or ``);``); broken calls get a +4 indent.
    """
    one_line = head + "".join(calls) + tail
    if indent + len(one_line) <= LINE_LIMIT:
        return one_line
    pad = "\n" + " " * (indent + 4)
    return head + "".join(pad + call for call in calls) + tail


def java_value(value: Any) -> str:
    """A Java literal for a JSON scalar: a string, ``true``/``false``, an int or a double."""
    if isinstance(value, str):
        return java_str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if -(2**31) <= value < 2**31:
            return str(value)
        if -(2**63) <= value < 2**63:
            return f"{value}L"
        raise ValueError(f"{value} does not fit a Java long")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a JSON number")
        return repr(value)
    raise ValueError(f"no Java literal for {type(value).__name__} values: {value!r}")


def java_method(key: str) -> str:
    """The camelCase builder method for a snake_case JSON key (``max_tokens`` -> ``maxTokens``).

    Only plain identifiers are accepted: the result is code, so it must never be
    able to carry anything but a method name.
    """
    if not is_identifier(key):
        raise ValueError(f"{key!r} is not an identifier; it cannot name a builder method")
    head, *rest = key.split("_")
    name = head + "".join(part[:1].upper() + part[1:] for part in rest if part)
    if not name or name in _JAVA_KEYWORDS or not is_identifier(name):
        raise ValueError(f"{key!r} does not map to a usable Java method name")
    return name


_OPENAI_ROLES = {
    "system": "addSystemMessage",
    "developer": "addDeveloperMessage",
    "user": "addUserMessage",
    "assistant": "addAssistantMessage",
}


def java_openai_add_message(role: str) -> str:
    """The OpenAI Java SDK builder method that adds a text message with ``role``."""
    try:
        return _OPENAI_ROLES[role]
    except (KeyError, TypeError):
        known = ", ".join(sorted(_OPENAI_ROLES))
        raise ValueError(
            f"the OpenAI Java sample cannot add a {role!r} message (supported: {known})"
        ) from None


@dataclass(frozen=True)
class _Call:
    """A method call ``head(args...)`` whose arguments are literals or nested calls."""

    head: str
    args: tuple[_Call | Chain | str, ...]

    def flat(self) -> str:
        """The call on one line."""
        return self.head + "(" + ", ".join(_flat(arg) for arg in self.args) + ")"


@dataclass(frozen=True)
class Chain:
    """A method chain ``head.a(...).b(...)``: ``head`` is text (``Foo.builder()``), each
    call a :class:`Call` whose head starts with a dot."""

    head: str
    calls: tuple[_Call, ...]

    def flat(self) -> str:
        """The chain on one line."""
        return self.head + "".join(call.flat() for call in self.calls)


Call = _Call  # the public name of the call node the layout filters build
Node = _Call | Chain | str


def _flat(node: Node) -> str:
    return node if isinstance(node, str) else node.flat()


def _layout(node: Node, indent: int, tail: str) -> str:
    """``node`` + ``tail`` laid out as google-java-format breaks method arguments.

    On one line if it fits in 100 columns from ``indent``; else broken after ``(`` with
    every argument on one line at +4 if they fit there; else one argument per line at +4,
    each laid out the same way. A method chain that does not fit puts each call on its own
    line at +4. A concatenation that does not fit puts each ``+ part``
    on its own line at +4. A string literal that does not fit is reflowed (``java_reflow``);
    any other expression that does not fit stays whole (as the formatter leaves it).
    """
    one_line = _flat(node) + tail
    if indent + len(one_line) <= LINE_LIMIT:
        return one_line
    if isinstance(node, JavaConcat):
        head, *rest = node.parts
        lines = [_fit(head, indent, "")]
        for i, part in enumerate(rest):
            end = tail if i == len(rest) - 1 else ""
            lines.append("+ " + _fit(part, indent + 6, end, first=False))
        return ("\n" + " " * (indent + 4)).join(lines)
    if isinstance(node, str):
        return _fit(node, indent, tail)
    pad = " " * (indent + 4)
    if isinstance(node, Chain):
        last = len(node.calls) - 1
        calls = [
            _layout(c, indent + 4, tail if i == last else "") for i, c in enumerate(node.calls)
        ]
        return node.head + "".join("\n" + pad + call for call in calls)
    args = ", ".join(_flat(arg) for arg in node.args)
    if indent + 4 + len(args) + 1 + len(tail) <= LINE_LIMIT:
        return f"{node.head}(\n{pad}{args}){tail}"
    parts = [
        _layout(arg, indent + 4, "," if i < len(node.args) - 1 else ")" + tail)
        for i, arg in enumerate(node.args)
    ]
    return node.head + "(\n" + "\n".join(pad + part for part in parts)


def layout(node: Node, indent: int, tail: str = "") -> str:
    """``node`` + ``tail`` starting at column ``indent``, broken as google-java-format does."""
    return _layout(node, indent, tail)


def java_call(head: str, args: list[str], indent: int, tail: str = "") -> str:
    """``head(args...)tail`` starting at column ``indent``, broken as google-java-format does.

    ``head`` is template text (a method name, possibly ``.name`` in a chain); ``args`` are
    literals made by other filters.
    """
    return _layout(_Call(head, tuple(args)), indent, tail)


def java_dashscope_content(parts: list[Any], indent: int) -> str:
    """The builder call ``.content(List.of(Map.of("image", "..."), Map.of("text", "...")))``.

    A DashScope multimodal message's content is a list of JSON objects of scalar values
    (``{"image": url}``, ``{"text": ...}``); the SDK takes ``List<Map<String, Object>>``.
    Laid out from column ``indent`` as google-java-format would.
    """
    if not isinstance(parts, list) or not parts:
        raise ValueError(f"a DashScope multimodal content must be a non-empty list: {parts!r}")
    calls: list[_Call | str] = []
    for part in parts:
        if not isinstance(part, dict) or not part or len(part) > 10:
            raise ValueError(f"a content part must be an object of 1 to 10 fields: {part!r}")
        args = [text for key, value in part.items() for text in (java_str(key), java_value(value))]
        calls.append(_Call("Map.of", tuple(args)))
    return _layout(_Call(".content", (_Call("List.of", tuple(calls)),)), indent, "")


# OpenAI content parts -> (the sample's helper method, the part's one string field).
_OPENAI_PARTS = {
    "text": ("textPart", ("text",)),
    "image_url": ("imagePart", ("image_url", "url")),
}


def _openai_part(part: Any) -> _Call:
    """``imagePart("url")`` or ``textPart("text")`` for one OpenAI content part."""
    kind = part.get("type") if isinstance(part, dict) else None
    if kind not in _OPENAI_PARTS:
        known = ", ".join(sorted(_OPENAI_PARTS))
        raise ValueError(f"the OpenAI Java sample supports content parts of type {known}: {part!r}")
    helper, path = _OPENAI_PARTS[kind]
    value: Any = part
    for key in path:
        if not isinstance(value, dict) or set(value) - {"type", key}:
            raise ValueError(f"unsupported fields in a {kind} content part: {part!r}")
        value = value.get(key)
    return _Call(helper, (java_str(value),))


def java_openai_uses_parts(messages: list[Any]) -> bool:
    """Whether any message has a list of content parts (the sample then needs its helpers)."""
    return any(_typed_parts(m) for m in messages) if isinstance(messages, list) else False


def _typed_parts(message: Any) -> bool:
    try:
        openai_message_node(message)
    except ValueError:
        return False
    return isinstance(message.get("content"), list)


def java_openai_message(message: dict[str, Any], indent: int) -> str:
    """The builder call that adds ``message``: ``.addUserMessage("...")``, or for a user
    message made of content parts ``.addUserMessageOfArrayOfContentParts(List.of(...))``
    with the sample's ``imagePart``/``textPart`` helpers (the SDK's typed parts).
    """
    return _layout(openai_message_node(message), indent, "")


def openai_message_node(message: Any) -> _Call:
    """The builder call of :func:`java_openai_message`, as a layout node; a message of
    any other shape is a ValueError."""
    if not isinstance(message, dict) or set(message) - {"role", "content"}:
        raise ValueError(f"the OpenAI Java sample adds messages of role and content: {message!r}")
    role, content = message.get("role"), message.get("content")
    method = java_openai_add_message(role)
    if isinstance(content, str):
        return _Call("." + method, (java_str(content),))
    if role != "user" or not isinstance(content, list) or not content:
        raise ValueError(f"the OpenAI Java sample sends content parts only for users: {message!r}")
    parts = _Call("List.of", tuple(_openai_part(part) for part in content))
    return _Call(f".{method}OfArrayOfContentParts", (parts,))


def java_openai_extra_body(body: dict[str, Any], stream: bool) -> list[tuple[str, Any]]:
    """Body fields the OpenAI Java SDK has no typed builder call for in this sample.

    ``model`` and ``messages`` have builder calls; ``stream`` is what ``createStreaming``
    sends itself (so a streamed sample must not add it again).
    """
    typed = {"model", "messages"} | ({"stream"} if stream else set())
    return [(key, value) for key, value in body.items() if key not in typed]


def java_declare(target: str, node: Node, indent: int) -> str:
    """``target = node;`` on one line, or broken after ``=`` with ``node`` laid out at +4
    (google-java-format's assignment break)."""
    line = f"{target} = {_flat(node)};"
    if indent + len(line) <= LINE_LIMIT:
        return line
    return f"{target} =\n{' ' * (indent + 4)}{_layout(node, indent + 4, ';')}"


def java_json_at(target: str, value: str, path: Any, indent: int) -> str:
    """``target = Json.at(value, "key", 0, ...);``: the value at a JSON path through the
    sample's own small JSON reader (object keys as strings, array indexes as ints), laid
    out as google-java-format breaks it."""
    steps = tuple(str(step) if isinstance(step, int) else java_str(step) for step in path)
    return java_declare(target, _Call("Json.at", (value, *steps)), indent)


def java_form_join(pairs: list[tuple[str, str]], indent: int) -> str:
    """``String form = String.join("&", field("name", "value"), ...);``: the sample's
    ``field`` helper URL-encodes each pair (an empty form is ``""``)."""
    if not pairs:
        return 'String form = "";'
    fields = tuple(_Call("field", (java_str(name), java_str(value))) for name, value in pairs)
    return java_declare("String form", _Call("String.join", ('"&"', *fields)), indent)


def java_pointer(path: Any) -> str:
    """The JSON Pointer (RFC 6901) of a reply path, as a Java string literal for
    Jackson's ``JsonNode.at``: ``[choices, 0, message]`` -> ``"/choices/0/message"``."""
    parts = [str(part).replace("~", "~0").replace("/", "~1") for part in path]
    return java_str("".join("/" + part for part in parts))


def java_message(text: str, *expressions: str) -> str:
    """A translated message with placeholders as a Java expression: ``text`` holds
    ``\0``, ``\1``... where ``expressions[0]``, ``expressions[1]``... go (a translation
    may reorder them); the result is one literal or a :func:`java_concat` chain."""
    parts: list[str] = []
    literal = ""
    for char in text:
        index = ord(char)
        if index < len(expressions):
            if literal:
                parts.append(java_str(literal))
            parts.append(expressions[index])
            literal = ""
        else:
            literal += char
    if literal:
        parts.append(java_str(literal))
    if len(parts) == 1 and parts[0].startswith('"'):
        return parts[0]
    if len(parts) == 1:
        parts = ['""', parts[0]]
    return java_concat(parts)


def java_builder(target: str, head: str, calls: list[str], indent: int) -> str:
    """``target = head.a().b();``, a builder chain laid out as google-java-format does: on
    one line if it fits, else broken after ``=`` with the chain on one line at +4, else
    one call per line at +8. ``calls`` (``.header("a", "b")``...) are laid out for column
    ``indent + 8`` already; one that spans lines forces the last layout."""
    flat = head + "".join(calls) + ";"
    if not any("\n" in call for call in calls):
        if indent + len(f"{target} = {flat}") <= LINE_LIMIT:
            return f"{target} = {flat}"
        if indent + 4 + len(flat) <= LINE_LIMIT:
            return f"{target} =\n{' ' * (indent + 4)}{flat}"
    pad = "\n" + " " * (indent + 8)
    return f"{target} =\n{' ' * (indent + 4)}{head}" + "".join(pad + c for c in calls) + ";"


def java_keyed(prefix: str, suffix: str, key: str = "apiKey") -> str:
    """The expression of a header value that carries the key between ``prefix`` and
    ``suffix``: ``apiKey``, or a :func:`java_concat` such as ``"Bearer " + apiKey`` or
    ``"session=" + apiKey + "; lang=en"`` (for ``java_call`` to lay out)."""
    parts = [java_str(prefix)] if prefix else []
    parts.append(key)
    if suffix:
        parts.append(java_str(suffix))
    return java_concat(parts) if len(parts) > 1 else key


def java_json_str(value: Any) -> str:
    """A Java string literal holding the compact (one-line) JSON text of ``value``."""
    return java_str(json_text(value, None))


# What java.net.URI accepts unescaped in a path and a query (RFC 2396 with RFC 2732's
# brackets, which it takes in a query only): letters, digits, the marks and the reserved
# characters. Anything else (such as "|", which pipeDelimited joins a list with) makes
# URI.create throw; RFC 3986 allows none of them in a URI either.
_URI_PATH = re.compile(r"[A-Za-z0-9\-_.!~*'();/?:@&=+$,]|%[0-9A-Fa-f]{2}")
_URI_QUERY = re.compile(r"[A-Za-z0-9\-_.!~*'();/?:@&=+$,\[\]]|%[0-9A-Fa-f]{2}")


def _uri_escape(text: str, legal: re.Pattern[str]) -> str:
    out, idx = [], 0
    while idx < len(text):
        found = legal.match(text, idx)
        if found:
            out.append(found.group())
            idx = found.end()
        else:
            out.append("".join(f"%{byte:02X}" for byte in text[idx].encode("utf-8")))
            idx += 1
    return "".join(out)


def java_uri(url: str) -> str:
    """``url`` as ``URI.create`` takes it: the characters java.net.URI refuses in the path
    and the query (``|``, ``^``, a space...) percent-encoded as UTF-8, everything else
    (escapes included) kept as written. A server decodes the same text from both forms.
    ``url`` is an absolute http(s) URL without a fragment."""
    scheme, sep, rest = url.partition("://")
    slash = rest.find("/")
    if not sep or slash < 0:
        return url
    authority, path_query = rest[:slash], rest[slash:]
    path, mark, query = path_query.partition("?")
    escaped = _uri_escape(path, _URI_PATH) + mark + _uri_escape(query, _URI_QUERY)
    return f"{scheme}://{authority}{escaped}"


def java_duration(seconds: float) -> str:
    """A ``java.time.Duration`` for ``seconds``: ``Duration.ofSeconds(2)``,
    ``Duration.ofMillis(1500)`` (whole milliseconds; a finer value is rounded up to one)."""
    count, whole = duration_units(seconds)
    return f"Duration.ofSeconds({count})" if whole else f"Duration.ofMillis({count})"


FILTERS = {
    "java_duration": java_duration,
    "java_keyed": java_keyed,
    "java_builder": java_builder,
    "java_json_str": java_json_str,
    "java_uri": java_uri,
    "java_json_at": java_json_at,
    "java_form_join": java_form_join,
    "java_pointer": java_pointer,
    "java_message": java_message,
    "java_str": java_str,
    "java_json_block": java_json_block,
    "java_comment": java_comment,
    "java_assign": java_assign,
    "java_chain": java_chain,
    "java_value": java_value,
    "java_method": java_method,
    "java_openai_add_message": java_openai_add_message,
    "java_call": java_call,
    "java_concat": java_concat,
    "java_dashscope_content": java_dashscope_content,
    "java_openai_uses_parts": java_openai_uses_parts,
    "java_openai_message": java_openai_message,
    "java_openai_extra_body": java_openai_extra_body,
}
