"""Read spec YAML files, validate them against the spec JSON Schema, build the typed model.

Every problem is raised as a :class:`SpecError` naming the file and the line.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.cache import content_key, read_entry, write_entry
from generator.errors import SpecError

if TYPE_CHECKING:  # jsonschema is imported only when a spec has to be validated
    import jsonschema
from generator.model import Auth, Endpoint, ErrorResponse, Region

MAX_SPEC_BYTES = 1_000_000
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
                    f"mapping keys must be strings, got {key!r}", line=key_node.start_mark.line + 1
                )
            if key in result:
                raise SpecError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
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


@cache
def spec_schema() -> dict[str, Any]:
    """The JSON Schema every spec file must satisfy."""
    return json.loads(_schema_text())


@cache
def _schema_text() -> str:
    return resources.files("generator").joinpath("spec.schema.json").read_text("utf-8")


@cache
def _validation_salt() -> bytes:
    """What a validation result depends on besides the spec: the schema, these rules and
    the installed jsonschema (located, not imported: its path and its files' mtime)."""
    found = importlib.util.find_spec("jsonschema")
    origin = Path(found.origin) if found and found.origin else None
    installed = f"{origin}:{origin.stat().st_mtime_ns}" if origin else "jsonschema?"
    return _schema_text().encode() + Path(__file__).read_bytes() + installed.encode()


def _validated_key(data: Any) -> str:
    """The cache key saying "this spec content passed :func:`validate`" (content hashed)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return content_key(canonical.encode("utf-8", "surrogatepass"), _validation_salt())


def _line_for(lines: dict[PathKey, int], path: Iterable[str | int]) -> int | None:
    """The line of the deepest recorded ancestor of ``path``."""
    key = tuple(path)
    while key not in lines and key:
        key = key[:-1]
    return lines.get(key)


def _describe(error: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{where}: unknown key {', '.join(map(repr, extra))} (allowed: {known})"
    if error.validator == "required":
        return f"{where}: {error.message}"
    return f"{where}: {error.message}"


def _unknown_key_path(error: jsonschema.ValidationError) -> list[str | int]:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if extra:
            path.append(extra[0])
    return path


def _resolves(document: Any, path: list[str | int]) -> bool:
    """Whether ``path`` leads from ``document`` to a string."""
    node = document
    for part in path:
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            return False
        node = node[part]
    return isinstance(node, str)


@cache
def _spec_validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(spec_schema())


@lru_cache(maxsize=1024)
def _check_schema(canonical: str) -> None:
    """Check a JSON Schema (given as canonical JSON text) once; specs often share schemas."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(json.loads(canonical))


def validate(data: Any, lines: dict[PathKey, int], source: Path) -> None:
    """Check ``data`` against the spec schema and the rules a schema cannot express.

    A spec whose content (with this schema and these rules) passed before, in any process,
    is not checked again: the result is cached by content hash (:mod:`generator.cache`),
    so an unchanged spec costs no jsonschema import. Failures are never cached.
    """
    key = _validated_key(data)
    if read_entry("valid", key) is not None:
        return
    _validate(data, lines, source)
    write_entry("valid", key, b"")


def _validate(data: Any, lines: dict[PathKey, int], source: Path) -> None:
    import jsonschema

    validator = _spec_validator()
    errors = sorted(
        validator.iter_errors(data), key=lambda e: _line_for(lines, e.absolute_path) or 0
    )
    if errors:
        first = errors[0]
        # Prefer the most specific error of a oneOf/anyOf family.
        best = jsonschema.exceptions.best_match([first]) or first
        raise SpecError(_describe(best), source, _line_for(lines, _unknown_key_path(best)))
    for key in ("request", "response"):
        schema = data[key].get("schema")
        if schema is None:
            continue
        try:
            _check_schema(json.dumps(schema, sort_keys=True))
        except jsonschema.SchemaError as err:
            raise SpecError(
                f"{key}.schema is not a valid JSON Schema: {err.message}",
                source,
                _line_for(lines, (key, "schema", *err.absolute_path)),
            ) from None
        problem = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema).iter_errors(data[key]["example"])
        )
        if problem is not None:
            raise SpecError(
                f"{key}.example does not match {key}.schema: {problem.message}",
                source,
                _line_for(lines, (key, "example", *problem.absolute_path)),
            )
    default = data.get("default_region", "intl" if "intl" in data["regions"] else None)
    if default not in data["regions"]:
        raise SpecError(
            f"default_region {default!r} is not one of the regions "
            f"({', '.join(sorted(data['regions']))})",
            source,
            _line_for(lines, ("default_region",)) or _line_for(lines, ("regions",)),
        )
    if not _resolves(data["response"]["example"], data["response"]["reply_path"]):
        raise SpecError(
            "response.reply_path does not lead to a text in response.example",
            source,
            _line_for(lines, ("response", "reply_path")),
        )
    seen: set[str] = set()
    for i, err in enumerate(data["errors"]):
        if err["when"] in seen:
            raise SpecError(
                f"errors[{i}]: a second error for condition {err['when']!r}",
                source,
                _line_for(lines, ("errors", i, "when")),
            )
        seen.add(err["when"])
    if "invalid_api_key" not in seen:
        raise SpecError(
            "errors: an endpoint must document its invalid_api_key error (the samples' error path)",
            source,
            _line_for(lines, ("errors",)),
        )


DEFAULT_OPERATION = {"openai-compatible": "chat-completions", "dashscope-native": "text-generation"}


def build_endpoint(data: dict[str, Any], source: Path, id_line: int = 1) -> Endpoint:
    """Turn validated spec data into the typed :class:`Endpoint`."""
    regions = tuple(
        Region(key=k, base_url=v["base_url"], label=v.get("label", k))
        for k, v in data["regions"].items()
    )
    default = data.get("default_region", "intl" if "intl" in data["regions"] else regions[0].key)
    return Endpoint(
        id=data["id"],
        title=data["title"],
        description=data.get("description", ""),
        style=data["style"],
        regions=regions,
        default_region=default,
        method=data["method"],
        path=data["path"],
        sdk_base_path=data.get("sdk_base_path", ""),
        auth=Auth(**data["auth"]),
        headers=tuple(data.get("headers", {}).items()),
        request_example=data["request"]["example"],
        request_schema=data["request"]["schema"],
        request_defaults=data["request"].get("defaults", {}),
        response_status=data["response"]["status"],
        response_example=data["response"]["example"],
        response_schema=data["response"].get("schema", {}),
        reply_path=tuple(data["response"]["reply_path"]),
        errors=tuple(
            ErrorResponse(
                status=e["status"],
                when=e["when"],
                body=e["body"],
                description=e.get("description", ""),
            )
            for e in data["errors"]
        ),
        models=tuple(data.get("models", ())),
        source=source,
        id_line=id_line,
        operation=data.get("operation", DEFAULT_OPERATION[data["style"]]),
        response_format=data["response"].get("format", "json"),
        translations=tuple(
            (loc, t["title"], t.get("description", ""))
            for loc, t in sorted(data.get("translations", {}).items())
        ),
    )


def load_spec(path: Path) -> Endpoint:
    """Read, validate and model one spec file."""
    if path.is_dir():
        raise SpecError("cannot read the file: it is a folder", path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SpecError(f"cannot read the file: {err.strerror}", path) from None
    if len(raw) > MAX_SPEC_BYTES:
        raise SpecError(f"the file is larger than {MAX_SPEC_BYTES} bytes", path)
    if b"\0" in raw:
        raise SpecError("the file is binary (it contains NUL bytes), not YAML", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise SpecError("the file is not valid UTF-8", path, line) from None
    data, lines = parse_yaml(text, path)
    if not isinstance(data, dict):
        raise SpecError("a spec must be a YAML mapping at the top level", path, 1)
    validate(data, lines, path)
    return build_endpoint(data, path, lines.get(("id",), 1))


def load_specs(directory: Path) -> list[Endpoint]:
    """Load every ``*.yaml``/``*.yml`` spec in ``directory``, sorted by id; ids must be unique."""
    if not directory.is_dir():
        raise SpecError("the specs folder does not exist", directory)
    files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    if not files:
        raise SpecError("no spec files (*.yaml) found", directory)
    endpoints: dict[str, Endpoint] = {}
    for file in files:
        endpoint = load_spec(file)
        if endpoint.id in endpoints:
            other = endpoints[endpoint.id].source
            raise SpecError(
                f"duplicate endpoint id {endpoint.id!r} (also in {other})", file, endpoint.id_line
            )
        endpoints[endpoint.id] = endpoint
    return [endpoints[k] for k in sorted(endpoints)]
