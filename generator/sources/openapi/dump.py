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
