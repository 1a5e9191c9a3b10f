"""``python -m generator.sdk.derive [NAME...]``: rewrite the SDK operation tables."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from generator.sdk.derive.build import write_all


def main(argv: list[str]) -> int:
    """Derive the tables named in ``argv`` (default: all) into generator/sdk/tables/."""
    cache = Path(os.environ.get("SAMPLEGEN_CACHE") or Path.cwd() / ".cache")
    for path in write_all(cache, argv or None):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
