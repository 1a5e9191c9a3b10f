"""Read samplegen's YAML spec files: bytes -> YAML data -> validated spec data -> model."""

from __future__ import annotations

from pathlib import Path

from generator.errors import SpecError
from generator.model import Endpoint
from generator.sources.messages import kind
from generator.sources.spec_data import build_endpoint, validate
from generator.sources.yaml_text import parse_yaml

MAX_SPEC_BYTES = 1_000_000


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
        raise SpecError(
            f"a spec is a mapping of keys (id: ..., title: ...); this file holds {kind(data)}",
            path,
            1,
        )
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
                f"duplicate endpoint id '{endpoint.id}' (also in {other})", file, endpoint.id_line
            )
        endpoints[endpoint.id] = endpoint
    return [endpoints[k] for k in sorted(endpoints)]
