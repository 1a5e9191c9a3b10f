"""OpenAPI Overlay 1.0: add to a document without editing it.

An overlay is a list of actions, each a JSONPath ``target`` (RFC 9535, evaluated by the
``jsonpath-rfc9535`` library) with an ``update`` (merged into each object it selects,
appended to each list) or ``remove: true``. Actions apply in order; one that selects
nothing is reported, as the standard says, not an error. An overlay whose ``extends``
names a document applies to that document only (matched by file name); without
``extends`` it applies to every document the settings read.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import SpecError
from generator.sources.openapi import text as doc_text


def read(path: Path) -> tuple[dict[str, Any], bytes]:
    """The overlay at ``path``, checked for its shape (errors name the file and line)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SpecError(f"cannot read the overlay: {err.strerror}", path) from None
    data = doc_text.parse(raw, path)
    lines = None

    def fail(message: str, *where: str | int) -> None:
        nonlocal lines
        lines = lines if lines is not None else doc_text.lines_of(raw, path)
        raise SpecError(message, path, doc_text.line_for(lines, where))

    if not isinstance(data, dict) or not isinstance(data.get("overlay"), str):
        fail("not an OpenAPI Overlay: the top level needs overlay: 1.0.0")
    if not data["overlay"].startswith("1."):
        fail(f"overlay version {data['overlay']} is not read (1.x is)", "overlay")
    actions = data.get("actions")
    if not isinstance(actions, list) or not actions:
        fail("actions: an overlay needs a list of actions", "actions")
    for i, action in enumerate(actions):
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            fail(f"actions[{i}]: an action needs a target (a JSONPath)", "actions", i)
        if "update" not in action and action.get("remove") is not True:
            fail(f"actions[{i}]: an action needs update or remove: true", "actions", i)
        try:
            _compile(action["target"])
        except Exception as err:  # the library's JSONPathSyntaxError and friends
            fail(f"actions[{i}].target: not a JSONPath query: {err}", "actions", i, "target")
    return data, raw


def applies_to(overlay: dict[str, Any], document: Path) -> bool:
    """Whether ``overlay`` is meant for ``document`` (its ``extends``, by file name)."""
    extends = overlay.get("extends")
    if not isinstance(extends, str) or not extends:
        return True
    name = Path(urlsplit(extends).path).name
    return name == document.name


def _compile(target: str) -> Any:
    import jsonpath_rfc9535

    return jsonpath_rfc9535.compile(target)


def apply(overlay: dict[str, Any], document: Any) -> tuple[Any, list[str]]:
    """``document`` with the overlay's actions applied (a copy), and what did nothing."""
    document = copy.deepcopy(document)
    notes: list[str] = []
    for i, action in enumerate(overlay["actions"]):
        nodes = list(_compile(action["target"]).find(document))
        if not nodes:
            notes.append(f"overlay action {i + 1} ({action['target']}) selects nothing")
            continue
        if action.get("remove") is True:
            # Deepest and last first, so removing one does not move the others.
            for node in sorted(nodes, key=lambda n: n.location, reverse=True):
                parent = _at(document, node.location[:-1])
                key = node.location[-1]
                if isinstance(parent, dict):
                    parent.pop(key, None)
                elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
                    del parent[key]
            continue
        for node in nodes:
            update = copy.deepcopy(action["update"])
            if not node.location:
                document = merge(document, update)
                continue
            parent = _at(document, node.location[:-1])
            parent[node.location[-1]] = merge(node.value, update)
    return document, notes


def _at(document: Any, location: tuple) -> Any:
    for key in location:
        document = document[key]
    return document


def merge(target: Any, update: Any) -> Any:
    """``update`` merged into the selected ``target``: a list gets it appended (a list
    update: its items); objects merge key by key, recursively for nested objects, any
    other value (a list inside the object too) replaced."""
    if isinstance(target, list):
        return [*target, *(update if isinstance(update, list) else [update])]
    return _merge_objects(target, update)


def _merge_objects(target: Any, update: Any) -> Any:
    if isinstance(target, dict) and isinstance(update, dict):
        out = dict(target)
        for key, value in update.items():
            out[key] = _merge_objects(out[key], value) if key in out else value
        return out
    return update
