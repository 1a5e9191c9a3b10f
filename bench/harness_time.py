"""Wall time of the sample harness (samplegen verify), cold and warm, printed side by side.

Cold: an empty dependency cache (every SDK, npm package, Maven artifact and Go build is
fetched or built again). Warm: the same cache a second time (nothing is downloaded).
``--scope default`` runs the default edition (intl, English) only; ``--scope matrix`` every
region and locale edition, as ``make test`` does.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_verify(cache: Path, scope: str) -> tuple[float, str]:
    """Seconds one ``samplegen verify`` run took, and its closing summary line."""
    argv = [sys.executable, "-m", "generator", "verify", "--cache", str(cache)]
    if scope == "default":
        argv += ["--region", "intl", "--locale", "en"]
    started = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    summary = re.findall(r"^verify: .*$", done.stdout, flags=re.M)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-2000:])
        raise SystemExit(f"verify failed ({summary[-1] if summary else 'no summary'})")
    return seconds, summary[-1]


def main() -> None:
    """Measure a cold then a warm run in one fresh cache folder and print both."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", choices=["default", "matrix"], default="matrix")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="samplegen-bench-cache-") as tmp:
        cache = Path(tmp)
        cold, summary = run_verify(cache, args.scope)
        warm, _ = run_verify(cache, args.scope)
    print(f"harness wall time ({args.scope} scope, {os.cpu_count()} CPUs): {summary}")
    print(f"  cold cache: {cold:7.1f} s")
    print(f"  warm cache: {warm:7.1f} s  (cold/warm {cold / warm:.1f}x)")


if __name__ == "__main__":
    main()
