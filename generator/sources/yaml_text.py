"""YAML text -> plain JSON data, with the line of every value (for file:line errors).

Refuses what is not JSON (dates, tags, NaN), anchors and aliases, duplicate keys and deep
nesting, each as a :class:`SpecError` with its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError
from generator.sources.messages import kind, quoted

MAX_DEPTH = 64  # far beyond any real request body; keeps recursion bounded
# The longest integer a spec may hold: 4,300 digits, the most Python's standard library
# reads or writes by default (the loader, the mock, the harness and the Python samples all
# use it); no client can be judged sending a longer one. Longer numbers are refused.
MAX_INTEGER_DIGITS = 4300
_INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS
PathKey = tuple[str | int, ...]


# libyaml's C parser when PyYAML was built with it (about 5x faster), else pure Python.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _refuse_yaml_features(text: str) -> None:
    """One pass over the parse events: no anchors or aliases (no alias bombs, no hidden
    sharing) and no nesting deeper than MAX_DEPTH, before anything is composed."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise SpecError("YAML aliases (*name) are not allowed in specs", line=line)
        if getattr(event, "anchor", None):
            raise SpecError("YAML anchors (&name) are not allowed in specs", line=line)
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise SpecError(f"the YAML is nested more than {MAX_DEPTH} levels deep", line=line)
        elif isinstance(event, _CLOSE):
            depth -= 1


_JSON_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null")
}


def _json_text(value: Any) -> str:
    """A YAML scalar as a writer reads it (``404``, ``true``, ``null``)."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    return str(value)


def _to_python(node: yaml.Node, loader: Any, path: PathKey, lines: dict) -> Any:
    """Turn a composed YAML node into plain data, recording each path's line number.

    A mapping key's path maps to the key's own line (where a reader looks for it).
    """
    lines.setdefault(path, node.start_mark.line + 1)
    if node.tag == "tag:yaml.org,2002:timestamp":
        raise SpecError(
            f'a date is not a JSON value; quote it as a text ("{node.value}")',
            line=node.start_mark.line + 1,
        )
    if node.tag not in _JSON_TAGS:
        raise SpecError(
            f"the YAML tag {_tag(node.tag)} is not allowed: specs hold plain JSON values",
            line=node.start_mark.line + 1,
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise SpecError(
                    f"the key {key_node.value} is {kind(key)}; keys are texts: quote it "
                    f'("{key_node.value}")',
                    line=key_node.start_mark.line + 1,
                )
            if key in result:
                raise SpecError(
                    f"the key {quoted(key)} is given twice", line=key_node.start_mark.line + 1
                )
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, loader, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, loader, (*path, i), lines) for i, item in enumerate(node.value)]
    line = node.start_mark.line + 1
    try:
        value = loader.construct_object(node, deep=True)
    except ValueError:  # an integer beyond Python's conversion limit
        raise SpecError(_too_long(node.value), line=line) from None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INTEGER_LIMIT:
        raise SpecError(_too_long(node.value), line=line)
    if isinstance(value, float) and value != value:
        raise SpecError("NaN is not a JSON value; write a number, or quote it as a text", line=line)
    if value in (float("inf"), float("-inf")):
        if node.value.lower().lstrip("+-") in (".inf",):
            raise SpecError("infinity is not a JSON value; write a number", line=line)
        raise SpecError(
            f"{node.value[:30]} is too large for a number (the largest is about 1.8e308); "
            "quote it as a text",
            line=line,
        )
    if not isinstance(value, str | int | float | bool | type(None)):
        raise SpecError(
            f"{type(value).__name__} values are not JSON; quote it as a string",
            line=node.start_mark.line + 1,
        )
    return value


def _too_long(text: str) -> str:
    digits = sum(c.isdigit() for c in text)
    decimal = text.lstrip("+-").isdigit()
    size = f"has {digits:,} digits" if decimal else "is too large"
    return (
        f"this integer {size}; a spec holds integers of at most {MAX_INTEGER_DIGITS:,} digits "
        "(no client's JSON reader takes more); quote it as a text"
    )


def _tag(tag: str) -> str:
    """A YAML tag as it is written (``!!binary``, ``!include``)."""
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


# PyYAML's problems, in words (the first that appears in its message wins).
_YAML_PROBLEMS = (
    ("tab character", "a tab character: YAML indents with spaces only"),
    ("found character '\\t'", "a tab character: YAML indents with spaces only"),
    ("unknown escape character", "an unknown escape (backslash) in a double-quoted text"),
    ("cannot start any token", "a character that cannot start a value here: quote the text"),
    ("expected a single document", "a second YAML document (after ---): a spec is one document"),
    ("flow sequence", "a list opened with [ is not closed with ] (or lacks a comma)"),
    ("flow mapping", "a mapping opened with { is not closed with } (or lacks a comma)"),
    (
        "mapping values are not allowed",
        "a colon where no key can start: quote the text, or check the indentation",
    ),
    ("could not find expected ':'", "a line without the colon of a key: value pair"),
    ("quoted scalar", "a quoted text is not closed"),
    ("unknown escape character", "an unknown escape (backslash) in a double-quoted text"),
    ("unacceptable character", "a control character: YAML allows only printable text"),
    ("block mapping", "the indentation does not line up with the keys above it"),
    ("block collection", "the indentation does not line up with the list above it"),
    ("did not find expected", "the indentation does not line up with the lines above it"),
    ("found undefined tag", "an unknown YAML tag (!name): specs hold plain values"),
    ("alias", "a YAML alias (*name): specs do not use them"),
    ("anchor", "a YAML anchor (&name): specs do not use them"),
)


def yaml_problem(problem: str) -> str:
    """PyYAML's message in words a writer understands (no parser states)."""
    for needle, words in _YAML_PROBLEMS:
        if needle in problem:
            return words
    cleaned = re.sub(r"'?<[a-z ]+>'?", "", problem).strip(" ,") or "invalid YAML"
    return cleaned


def parse_yaml(text: str, source: Path) -> tuple[Any, dict[PathKey, int]]:
    """Parse one YAML document into JSON-like data plus a map from data path to line."""
    loader = None
    try:
        _refuse_yaml_features(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise SpecError("the file is empty", source, 1)
        lines: dict[PathKey, int] = {}
        return _to_python(node, loader, (), lines), lines
    except SpecError as err:
        err.path = source
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own limit, met before ours in some builds
            raise SpecError(
                f"the YAML is nested more than {MAX_DEPTH} levels deep", source, line
            ) from None
        raise SpecError(f"not valid YAML: {yaml_problem(problem)}", source, line) from None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow, at a position
        line = text[: err.position].count("\n") + 1 if err.position is not None else None
        raise SpecError(f"not valid YAML: {yaml_problem(str(err))}", source, line) from None
    except yaml.YAMLError as err:
        raise SpecError(f"not valid YAML: {yaml_problem(str(err))}", source, None) from None
    except RecursionError:
        raise SpecError("the YAML is nested too deeply to be a spec", source, None) from None
    finally:
        if loader is not None:
            loader.dispose()
