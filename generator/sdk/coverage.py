"""How many operations of an OpenAPI document each SDK table has a call for.

``python -m generator.sdk.coverage DOC [--base-path /v1] [--sdk NAME]...`` prints, per SDK,
the calls in its table, the document's operations (method and path below the server's base
path) it has a call for, and the ones it has not. The matching is the one samples use
(:func:`generator.sdk.tables.canonical` routes, a fixed query such as ``?beta=true`` kept).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.sdk.catalog import SOURCES
from generator.sdk.tables import canonical, table

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def document_operations(path: Path, base_path: str | None = None) -> set[tuple[str, str]]:
    """(METHOD, route) of every operation of the OpenAPI document at ``path``; routes are
    below ``base_path`` (default: the path of the document's first server URL)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    if base_path is None:
        servers = data.get("servers") or [{}]
        base_path = urlsplit(servers[0].get("url", "")).path.rstrip("/")
    out = set()
    for route, item in (data.get("paths") or {}).items():
        for method in item:
            if method in _METHODS:
                out.add((method.upper(), canonical(route)))
    return out


def coverage(doc: set[tuple[str, str]], sdk: str) -> tuple[int, set, set]:
    """(calls in the table, document operations it has, document operations it lacks)."""
    rows = table(sdk).rows
    routes = {(row["method"], canonical(row["route"])) for row in rows}
    return len(rows), doc & routes, doc - routes


def main(argv: list[str] | None = None) -> int:
    """Print the coverage of each SDK table (``--sdk``: only those) for one document."""
    parser = argparse.ArgumentParser(prog="python -m generator.sdk.coverage")
    parser.add_argument("document", type=Path)
    parser.add_argument("--base-path", default=None)
    parser.add_argument("--sdk", action="append", default=None)
    parser.add_argument("--missing", action="store_true", help="list what each SDK lacks")
    args = parser.parse_args(argv)
    doc = document_operations(args.document, args.base_path)
    for source in SOURCES:
        if args.sdk and source.name not in args.sdk:
            continue
        calls, have, lack = coverage(doc, source.name)
        share = 100 * len(have) / len(doc) if doc else 0.0
        print(
            f"{source.name} {source.version}: {calls} calls in the table; "
            f"{len(have)} of the document's {len(doc)} operations ({share:.1f}%)"
        )
        if args.missing:
            for method, route in sorted(lack, key=lambda k: (k[1], k[0])):
                print(f"  no call: {method} {route}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
