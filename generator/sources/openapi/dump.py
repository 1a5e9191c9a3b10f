"""Spec data -> the text of a YAML spec file (``samplegen import``), readable and exact.

Keys keep the order :mod:`.operations` gives them; values that YAML would read as other
types (``2024-01-01``, ``on``, ``1e3``) are quoted, so loading the file gives the same data
back; no anchors or aliases (specs refuse them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data and data.strip() == data.rstrip("\n") and "\t" not in data else None
    if style and any(ord(c) < 32 and c != "\n" for c in data):
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)


def spec_yaml(data: dict[str, Any], document: Path, line: int) -> str:
    """The YAML spec of ``data``, with a comment saying where it came from."""
    where = f", line {line}" if line > 1 else ""
    head = f"# Imported by samplegen import from {document.name}{where}; edit freely.\n"
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return head + body


SHARED_WHOLE = ("regions", "default_region", "sdk_base_path", "style")


def factor(specs: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An API-level file (``_api.yaml``) of what the specs share, and the specs without it.

    Taken out: the keys every spec has with the same value (regions, default region, base
    path, style), the ``auth`` most of them have (the others keep theirs: a spec's own
    ``auth`` replaces the inherited one whole), and each ``errors`` entry every spec has
    alike (errors merge by ``when``, so one a spec lacks must not be inherited). Loading the
    folder gives each spec back exactly as it was.
    """
    if len(specs) < 2:
        return {}, specs
    api: dict[str, Any] = {}
    for key in SHARED_WHOLE:
        values = [spec.get(key) for spec in specs]
        if values[0] is not None and all(v == values[0] for v in values):
            api[key] = values[0]
    # The most common regions (with their default) and auth: a spec with others keeps its own.
    groups = {"regions": ("regions", "default_region"), "auth": ("auth",)}
    for name, keys in groups.items():
        if name in api:
            continue
        values = [tuple(spec.get(k) for k in keys) for spec in specs]
        common = max(values, key=lambda v: (values.count(v), -values.index(v)))
        if common[0] is not None and values.count(common) > 1:
            api.update({k: v for k, v in zip(keys, common, strict=True) if v is not None})
    shared_errors = [
        error
        for error in specs[0].get("errors", [])
        if all(error in spec.get("errors", []) for spec in specs[1:])
    ]
    if shared_errors:
        api["errors"] = shared_errors
    out = []
    for spec in specs:
        reduced = dict(spec)
        for key in SHARED_WHOLE:
            if key in api and key not in ("regions", "default_region"):
                reduced.pop(key, None)
        if (spec.get("regions"), spec.get("default_region")) == (
            api.get("regions"),
            api.get("default_region"),
        ):
            reduced.pop("regions", None)
            reduced.pop("default_region", None)
        if "auth" in api and reduced.get("auth") == api["auth"]:
            reduced.pop("auth")
        if "errors" in api:
            reduced["errors"] = [e for e in spec["errors"] if e not in api["errors"]]
        out.append(reduced)
    return api, out


def api_yaml(api: dict[str, Any], document: Path) -> str:
    """The text of the ``_api.yaml`` :func:`factor` made."""
    head = (
        f"# What every spec imported from {document.name} shares (samplegen import); each spec "
        "of this folder\n# inherits it and may override it.\n"
    )
    body = yaml.dump(api, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
    return head + body
