"""OpenAPI document files -> plain JSON data, with the line of every key (for file:line).

Documents are JSON values written as YAML or JSON. PyYAML reads YAML 1.1, which turns
``2024-01-01`` into a date, ``on`` into ``True`` and ``1:30`` into 90; a document means the
text. :class:`_CoreLoader` resolves plain scalars by YAML 1.2's core schema (null, true and
false, decimal/octal/hex integers, floats) and keeps everything else a string, as JSON tools
read the same file. Unlike samplegen's own specs (:mod:`generator.sources.yaml_text`), a
vendor's document may use anchors and aliases; the number of values read is bounded so an
alias bomb is an error, not a hang. JSON files are read with :mod:`json` (fast); their lines
are found only when an error needs one.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator.errors import SpecError
from generator.sources.yaml_text import PathKey

MAX_DOCUMENT_BYTES = 64_000_000
MAX_VALUES = 5_000_000  # values composed, aliases counted each time they are used
MAX_DEPTH = 256

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreLoader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader whose implicit types are YAML 1.2's core schema (JSON's values)."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}


_CORE = {
    "null": (r"^(?:~|null|Null|NULL|)$", [*list("~nN"), ""]),
    "bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    "int": (r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    "float": (
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
}
_CORE["merge"] = (r"^<<$", ["<"])  # YAML 1.1 merge keys, which documents use
for _name, (_pattern, _first) in _CORE.items():
    _CoreLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_name}", re.compile(_pattern), _first)

_TAG = "tag:yaml.org,2002:"


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, text = node.tag, node.value
    if tag == _TAG + "str" or (tag == "!" and node.style is not None):
        return text
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return text.lower() == "true"
    if tag == _TAG + "int":
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 16) if text.startswith("0x") else int(text)
    if tag == _TAG + "float":
        if text.lower().lstrip("+-") in (".inf", ".nan"):
            return text  # not a JSON number: keep the text
        return float(text)
    if tag in (_TAG + "timestamp", _TAG + "binary"):
        return text
    raise SpecError(
        f"the YAML tag {tag} is not allowed: a document holds plain JSON values",
        line=node.start_mark.line + 1,
    )


class _Composer:
    """Composed YAML nodes -> Python values, recording the line of each mapping key."""

    def __init__(self, lines: dict[PathKey, int] | None) -> None:
        self.lines = lines
        self.count = 0

    def value(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise SpecError(
                f"the document holds more than {MAX_VALUES} values (an alias bomb?)",
                line=node.start_mark.line + 1,
            )
        if len(path) > MAX_DEPTH:
            raise SpecError(
                f"the document is nested more than {MAX_DEPTH} levels deep",
                line=node.start_mark.line + 1,
            )
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":  # YAML 1.1 merge keys (<<: *base)
                merged = self.value(value_node, path)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            result.setdefault(k, v)
                continue
            key = self.value(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key, bool | int | float) or key is None:
                # JSON keys are text: `200:` is the response "200", `null:` the text null.
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raise SpecError("mapping keys must be text", line=key_node.start_mark.line + 1)
            if self.lines is not None:
                self.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.value(value_node, (*path, key))
        return result


def _compose(text: str, source: Path, lines: dict[PathKey, int] | None) -> Any:
    loader = _CoreLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SpecError("the file is empty", source, 1)
        if lines is not None:
            lines[()] = node.start_mark.line + 1
        return _Composer(lines).value(node, ())
    except SpecError as err:
        err.path = source
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"
        line = mark.line + 1 if mark else None
        raise SpecError(f"YAML syntax error: {problem}", source, line) from None
    except yaml.YAMLError as err:
        raise SpecError(f"YAML error: {err}", source) from None
    except RecursionError:
        raise SpecError("the document is nested too deeply", source) from None
    finally:
        loader.dispose()


def decode(raw: bytes, source: Path) -> str:
    """The UTF-8 text of a document file (a BOM is allowed), or a located error."""
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise SpecError(f"the file is larger than {MAX_DOCUMENT_BYTES} bytes", source)
    if b"\0" in raw:
        raise SpecError("the file is binary (it contains NUL bytes), not YAML or JSON", source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SpecError("the file is not valid UTF-8", source, line) from None


def is_json(source: Path, text: str) -> bool:
    """Whether ``text`` is read as JSON (a .json file, or text that starts with ``{``)."""
    return source.suffix.lower() == ".json" or text.lstrip()[:1] == "{"


def parse(raw: bytes, source: Path) -> Any:
    """The JSON data of a document file (YAML or JSON), without line numbers."""
    return parse_with_lines(raw, source)[0]


def parse_with_lines(raw: bytes, source: Path) -> tuple[Any, dict[PathKey, int] | None]:
    """The JSON data of a document file, and the line of each key when it was read as
    YAML (recording them costs little there; JSON is read without them, much faster)."""
    text = decode(raw, source)
    if is_json(source, text):
        try:
            return json.loads(text, parse_constant=str), None
        except json.JSONDecodeError as err:
            if source.suffix.lower() == ".json":
                raise SpecError(f"JSON syntax error: {err.msg}", source, err.lineno) from None
    lines: dict[PathKey, int] = {}
    return _compose(text, source, lines), lines


def lines_of(raw: bytes, source: Path) -> dict[PathKey, int]:
    """The line of each mapping key of a document file (composed again: errors only)."""
    lines: dict[PathKey, int] = {}
    # A JSON file PyYAML cannot read: lines stay unknown, the message stays.
    with contextlib.suppress(SpecError):
        _compose(decode(raw, source), source, lines)
    return lines


def line_for(lines: dict[PathKey, int], path: PathKey) -> int | None:
    """The line of the deepest recorded ancestor of ``path``."""
    key = tuple(path)
    while key and key not in lines:
        key = key[:-1]
    return lines.get(key)
