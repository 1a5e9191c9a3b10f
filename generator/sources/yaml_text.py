"""YAML text -> plain JSON data, with the line of every value (for file:line errors).

Refuses what is not JSON (dates, tags, NaN), anchors and aliases, duplicate keys and deep
nesting, each as a :class:`SpecError` with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError

MAX_DEPTH = 64  # far beyond any real request body; keeps recursion bounded
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
            "date values are not JSON; quote it as a string", line=node.start_mark.line + 1
        )
    if node.tag not in _JSON_TAGS:
        raise SpecError(
            f"the YAML tag {node.tag} is not allowed: specs hold plain JSON values",
            line=node.start_mark.line + 1,
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise SpecError(
                    f"mapping keys must be texts, not {_json_text(key)} (quote it)",
                    line=key_node.start_mark.line + 1,
                )
            if key in result:
                raise SpecError(f'duplicate key "{key}"', line=key_node.start_mark.line + 1)
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, loader, (*path, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, loader, (*path, i), lines) for i, item in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
        raise SpecError("NaN and infinity are not JSON values", line=node.start_mark.line + 1)
    if not isinstance(value, str | int | float | bool | type(None)):
        raise SpecError(
            f"{type(value).__name__} values are not JSON; quote it as a string",
            line=node.start_mark.line + 1,
        )
    return value


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
        raise SpecError(f"YAML syntax error: {problem}", source, line) from None
    except yaml.YAMLError as err:
        raise SpecError(f"YAML error: {err}", source, None) from None
    except RecursionError:
        raise SpecError("the YAML is nested too deeply to be a spec", source, None) from None
    finally:
        if loader is not None:
            loader.dispose()
