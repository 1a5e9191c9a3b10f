"""Tell a code sample's language and read it with that language's tree-sitter grammar."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import tree_sitter
import tree_sitter_bash
import tree_sitter_c_sharp
import tree_sitter_go
import tree_sitter_java
import tree_sitter_javascript
import tree_sitter_php
import tree_sitter_python

from generator.render.registry import LANGUAGES

_GRAMMARS: dict[str, Callable[[], Any]] = {
    "python": tree_sitter_python.language,
    "node": tree_sitter_javascript.language,
    "curl": tree_sitter_bash.language,
    "php": tree_sitter_php.language_php,
    "csharp": tree_sitter_c_sharp.language,
    "go": tree_sitter_go.language,
    "java": tree_sitter_java.language,
}

# Names a page may use for a language: fence info strings, tab titles, heading lines.
_ALIASES: dict[str, str] = {
    "py": "python",
    "python3": "python",
    "js": "node",
    "mjs": "node",
    "cjs": "node",
    "nodejs": "node",
    "node.js": "node",
    "sh": "curl",
    "bash": "curl",
    "shell": "curl",
    "console": "curl",
    "zsh": "curl",
    "cs": "csharp",
    "c#": "csharp",
    "golang": "go",
}
for _lang in LANGUAGES:
    _ALIASES.setdefault(_lang.key, _lang.key)
    _ALIASES.setdefault(_lang.label.lower(), _lang.key)
    _ALIASES.setdefault(_lang.info_string, _lang.key)

# Content signatures, used only when a block carries no language name.
_SIGNATURES: dict[str, tuple[str, ...]] = {
    "php": (r"<\?php",),
    "go": (r"^package \w+\s*$", r"\bfmt\.Print", r":= "),
    "csharp": (
        r"^using System",
        r"\bConsole\.Write",
        r"\bstatic async Task\b",
        r"\bvar \w+ = new ",
    ),
    "java": (r"^import java\.", r"\bpublic static void main\b", r"\bSystem\.out\.print"),
    "curl": (r"^\s*curl\s", r"^\s*export \w+="),
    "node": (r"\brequire\(", r"^import .+ from ['\"]", r"\bconsole\.log\(", r"\bprocess\.env\b"),
    "python": (
        r"^from [\w.]+ import ",
        r"^import \w+\s*$",
        r"\bprint\(",
        r"\bos\.(getenv|environ)\b",
    ),
}

_COMMENT_TYPES = ("comment", "line_comment", "block_comment")


def language_from_name(name: str) -> str | None:
    """The language key a fence info string or a label names (``js`` -> ``node``), if any."""
    word = name.strip().split()[0].lower() if name.strip() else ""
    word = word.strip("{}.").removeprefix("language-")
    return _ALIASES.get(word)


@cache
def parser(language: str) -> tree_sitter.Parser:
    """A tree-sitter parser for ``language`` (a registry language key)."""
    return tree_sitter.Parser(tree_sitter.Language(_GRAMMARS[language]()))


def parse(language: str, code: str) -> tree_sitter.Tree:
    """The syntax tree of ``code``."""
    return parser(language).parse(code.encode("utf-8"))


def _walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    cursor = node.walk()
    while True:
        yield cursor.node  # type: ignore[misc]
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def error_count(tree: tree_sitter.Tree) -> int:
    """How many ERROR or MISSING nodes the parse produced (0 for valid code)."""
    if not tree.root_node.has_error:
        return 0
    return sum(1 for n in _walk(tree.root_node) if n.is_error or n.is_missing)


def detect(code: str) -> str | None:
    """Guess the language of unlabeled ``code``: signatures first, then the cleanest parse."""
    scores = {
        lang: sum(1 for pattern in patterns if re.search(pattern, code, re.MULTILINE))
        for lang, patterns in _SIGNATURES.items()
    }
    best = max(scores.values())
    if best == 0:
        return None
    tied = [lang for lang, score in scores.items() if score == best]
    if len(tied) == 1:
        return tied[0]
    return min(tied, key=lambda lang: error_count(parse(lang, code)))


@dataclass(frozen=True)
class Located:
    """A piece of text found in a sample, with its 0-based line inside the sample."""

    text: str
    line: int


@dataclass
class BodyShape:
    """A mapping found in code that looks like a request body (it has a ``model`` key).

    ``keys`` maps each key to its line and, for nested mappings, their shapes. A ``flat``
    shape comes from declarations (Go struct tags, Java fields) and has no nesting;
    ``kwargs`` marks the keyword arguments of an SDK call.
    """

    keys: dict[str, tuple[int, list[BodyShape]]] = field(default_factory=dict)
    flat: bool = False
    kwargs: bool = False


@dataclass
class CodeFacts:
    """What the audit needs from one sample, read through its syntax tree."""

    language: str
    code_only: list[str]  # the sample's lines with every comment blanked out
    strings: list[Located]  # string literal contents (unquoted, best effort)
    bodies: list[BodyShape]
    parse_errors: int


def _blank_comments(code: str, tree: tree_sitter.Tree) -> list[str]:
    data = bytearray(code.encode("utf-8"))
    for node in _walk(tree.root_node):
        if node.type in _COMMENT_TYPES:
            for i in range(node.start_byte, node.end_byte):
                if data[i] not in (0x0A, 0x0D):
                    data[i] = 0x20
    return data.decode("utf-8", errors="replace").split("\n")


def _text(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


_QUOTES = re.compile(r'^(?:[@$]|[rRbBuUfF]{0,2})("""|\'\'\'|"|\'|`)(?P<body>.*)\1$', re.DOTALL)


def _unquote(language: str, node: tree_sitter.Node) -> str:
    raw = _text(node)
    if language == "csharp" and raw.startswith('@"'):
        return raw[2:-1].replace('""', '"')
    if language == "curl" and node.type == "raw_string":
        return raw[1:-1]
    match = _QUOTES.match(raw.strip())
    if not match:
        return raw
    body = match["body"]
    if match.group(1) in ('"', "'") and "\\" in body:
        try:  # C-style escapes (\", \n, \u00e9) read as JSON string escapes
            return json.loads(f'"{body}"')
        except json.JSONDecodeError:
            return body
    return body


_STRING_TYPES = {
    "python": {"string"},
    "node": {"string", "template_string"},
    "curl": {"string", "raw_string"},
    "php": {"string", "encapsed_string"},
    "csharp": {"string_literal", "verbatim_string_literal", "raw_string_literal"},
    "go": {"interpreted_string_literal", "raw_string_literal"},
    "java": {"string_literal"},
}


def _json_shape(value: Any, lines_of: Callable[[str], int]) -> BodyShape | None:
    if not isinstance(value, dict):
        return None
    shape = BodyShape()
    for key, inner in value.items():
        nested = [s for s in _json_children(inner, lines_of) if s is not None]
        shape.keys[key] = (lines_of(key), nested)
    return shape


def _json_children(value: Any, lines_of: Callable[[str], int]) -> list[BodyShape | None]:
    if isinstance(value, dict):
        return [_json_shape(value, lines_of)]
    if isinstance(value, list):
        out: list[BodyShape | None] = []
        for item in value:
            out.extend(_json_children(item, lines_of))
        return out
    return []


def _string_key(language: str, node: tree_sitter.Node | None) -> str | None:
    if node is None:
        return None
    if node.type in ("property_identifier", "identifier", "field_identifier"):
        return _text(node) if language == "node" else None
    if node.type in _STRING_TYPES[language] or node.type == "literal_element":
        inner = node.named_children[0] if node.type == "literal_element" else node
        if inner.type not in _STRING_TYPES[language]:
            return None
        return _unquote(language, inner)
    return None


def _mapping_shape(language: str, node: tree_sitter.Node) -> BodyShape | None:
    """The shape of a dict / object / PHP array / Go keyed literal, if its keys are strings."""
    shape = BodyShape()
    for child in node.named_children:
        key_node = value_node = None
        if language in ("python", "node") and child.type == "pair":
            key_node, value_node = (
                child.child_by_field_name("key"),
                child.child_by_field_name("value"),
            )
        elif (language, child.type) in (
            ("php", "array_element_initializer"),
            ("go", "keyed_element"),
        ):
            parts = child.named_children
            if len(parts) == 2:
                key_node, value_node = parts
        key = _string_key(language, key_node)
        if key is None:
            continue
        shape.keys[key] = (child.start_point[0], _nested(language, value_node))
    return shape if shape.keys else None


_MAPPING_TYPES = {
    "python": {"dictionary"},
    "node": {"object"},
    "php": {"array_creation_expression"},
    "go": {"literal_value"},
}


def _nested(language: str, node: tree_sitter.Node | None) -> list[BodyShape]:
    """Shapes of the mappings directly inside ``node`` (through lists and arrays)."""
    if node is None:
        return []
    if node.type in _MAPPING_TYPES.get(language, ()):
        shape = _mapping_shape(language, node)
        if shape is not None and not _is_list_of_mappings(language, node):
            return [shape]
    out: list[BodyShape] = []
    for child in node.named_children:
        if child.type in ("pair", "keyed_element"):
            continue
        out.extend(_nested(language, child))
    return out


def _is_list_of_mappings(language: str, node: tree_sitter.Node) -> bool:
    # A PHP array / Go literal without string keys is a list: its elements are the mappings.
    return language in ("php", "go") and all(
        c.type not in ("array_element_initializer", "keyed_element") or len(c.named_children) < 2
        for c in node.named_children
    )


def _kwargs_shape(node: tree_sitter.Node) -> BodyShape | None:
    shape = BodyShape(kwargs=True)
    for child in node.named_children:
        if child.type == "keyword_argument":
            name = child.child_by_field_name("name")
            value = child.child_by_field_name("value")
            if name is not None:
                shape.keys[_text(name)] = (child.start_point[0], _nested("python", value))
    return shape if shape.keys else None


_GO_TAG = re.compile(r'json:"([^",]+)')


def _in_class(node: tree_sitter.Node) -> bool:
    body = node.parent
    return body is not None and body.parent is not None and body.parent.type == "class_declaration"


def _declared_shape(language: str, root: tree_sitter.Node) -> BodyShape | None:
    """Body keys declared as Go struct json tags or Java class fields (no nesting)."""
    shape = BodyShape(flat=True)
    for node in _walk(root):
        if language == "go" and node.type == "field_declaration":
            tag = node.child_by_field_name("tag")
            if tag is not None and (m := _GO_TAG.search(_text(tag))):
                shape.keys.setdefault(m.group(1), (node.start_point[0], []))
        elif language == "java" and node.type == "field_declaration" and _in_class(node):
            for declarator in node.children_by_field_name("declarator"):
                name = declarator.child_by_field_name("name")
                if name is not None:
                    shape.keys.setdefault(_text(name), (node.start_point[0], []))
    return shape if "model" in shape.keys else None


def read_facts(language: str, code: str) -> CodeFacts:
    """Parse ``code`` and collect what the audit checks: code without comments, strings, bodies."""
    tree = parse(language, code)
    strings: list[Located] = []
    bodies: list[BodyShape] = []
    string_types = _STRING_TYPES[language]
    mapping_types = _MAPPING_TYPES.get(language, set())
    for node in _walk(tree.root_node):
        if node.type in string_types and (
            node.parent is None or node.parent.type not in string_types
        ):
            value = _unquote(language, node)
            strings.append(Located(value, node.start_point[0]))
            stripped = value.strip()
            if stripped.startswith("{") and '"model"' in stripped:
                try:
                    data = json.loads(stripped)
                except json.JSONDecodeError:
                    continue
                base = node.start_point[0]
                lines = value.split("\n")

                def line_of(key: str, base: int = base, lines: list[str] = lines) -> int:
                    for i, text in enumerate(lines):
                        if f'"{key}"' in text:
                            return base + i
                    return base

                shape = _json_shape(data, line_of)
                if shape is not None:
                    bodies.append(shape)
        elif node.type in mapping_types:
            shape = _mapping_shape(language, node)
            if shape is not None and "model" in shape.keys:
                bodies.append(shape)
        elif language == "python" and node.type == "argument_list":
            shape = _kwargs_shape(node)
            if shape is not None and "model" in shape.keys:
                bodies.append(shape)
    declared = _declared_shape(language, tree.root_node) if language in ("go", "java") else None
    if declared is not None:
        bodies.append(declared)
    return CodeFacts(
        language=language,
        code_only=_blank_comments(code, tree),
        strings=strings,
        bodies=bodies,
        parse_errors=error_count(tree),
    )


def comments(language: str, code: str) -> list[tuple[int, str]]:
    """Every comment of ``code`` as (0-based line, text without the comment markers)."""
    found = []
    for node in _walk(parse(language, code).root_node):
        if node.type in _COMMENT_TYPES:
            text = re.sub(r"^\s*(?://+|#+|/\*+|\*+)|\*+/\s*$", "", _text(node)).strip()
            found.append((node.start_point[0], text))
    return found
