"""Derive each SDK's operation table from its pinned package and write it as committed data.

Run by a developer when a pin changes: ``make sdk-tables`` (``python -m
generator.sdk.derive``). The tests re-derive and compare, so a pin change without a
refreshed table fails loudly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.sdk.catalog import SOURCES, SdkSource
from generator.sdk.derive import java_stainless, node_stainless, python_stainless
from generator.sdk.derive.fetch import sources
from generator.sdk.tables import TABLES_DIR

FORMAT = 1  # bump when the rows change shape


def derive(sdk: SdkSource, cache: Path) -> dict[str, Any]:
    """The table of ``sdk`` read from its pinned package (fetched into ``cache``)."""
    where = sources(sdk, cache)
    if sdk.reader == "python-stainless":
        rows = python_stainless.read_package(where, sdk.module, sdk.client)
    elif sdk.reader == "node-stainless":
        rows = node_stainless.read_package(where)
    elif sdk.reader == "java-stainless":
        rows = java_stainless.read_package(where, sdk.client)
    else:
        raise ValueError(f"unknown SDK reader {sdk.reader!r}")
    return {
        "format": FORMAT,
        "sdk": sdk.name,
        "language": sdk.language,
        "registry": sdk.registry,
        "package": sdk.package,
        "version": sdk.version,
        "derived_by": f"generator/sdk/derive ({sdk.reader})",
        "operations": rows,
    }


def dumps(table: dict[str, Any]) -> str:
    """The committed text of a table: stable key order, one operation per line block."""
    return json.dumps(table, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def write_all(cache: Path, names: list[str] | None = None, out: Path = TABLES_DIR) -> list[Path]:
    """Derive every table (or those ``names``) and write them under ``out``."""
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for sdk in SOURCES:
        if names and sdk.name not in names:
            continue
        target = out / f"{sdk.name}.json"
        target.write_text(dumps(derive(sdk, cache)), "utf-8")
        written.append(target)
    return written
