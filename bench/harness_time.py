"""Wall time of the sample harness (samplegen verify), cold and warm, printed side by side.

Cold: an empty dependency cache (every SDK, npm package, Maven artifact and Go build is
fetched or built again). Warm: the same cache a second time (nothing is downloaded). Every
sample runs each time (``--no-cache``: the result cache would answer a second run).
``--scope default`` runs the default edition (intl, English) only; ``--scope matrix`` every
region and locale edition, as ``make test`` does. ``--lang`` narrows the run to some
languages; ``--cache DIR`` reuses (and keeps) a cache folder and measures warm runs only,
``--repeat`` times, so a before/after comparison on a busy machine can take the best of a few.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_verify(
    cache: Path, scope: str, languages: list[str], jobs: int | None = None
) -> tuple[float, str, float]:
    """Wall seconds one ``samplegen verify`` run took, its closing summary line, and the
    CPU seconds (user + system) of its whole process tree: steadier than wall time on a
    machine other work shares."""
    argv = [sys.executable, "-m", "generator", "verify", "--cache", str(cache), "--no-cache"]
    if scope == "default":
        argv += ["--region", "intl", "--locale", "en"]
    for language in languages:
        argv += ["--lang", language]
    if jobs is not None:
        argv += ["--jobs", str(jobs)]
    started, cpu = time.monotonic(), _children_cpu()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds, cpu = time.monotonic() - started, _children_cpu() - cpu
    if os.environ.get("HARNESS_TIME_LOG"):  # keep the last run's table for a closer look
        Path(os.environ["HARNESS_TIME_LOG"]).write_text(done.stdout + done.stderr)
    summary = re.findall(r"^verify: .*$", done.stdout, flags=re.M)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-2000:])
        raise SystemExit(f"verify failed ({summary[-1] if summary else 'no summary'})")
    return seconds, summary[-1], cpu


def main() -> None:
    """Measure a cold then a warm run (or, with ``--cache``, warm runs only) and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", choices=["default", "matrix"], default="matrix")
    parser.add_argument("--lang", action="append", default=[], help="only this language")
    parser.add_argument("--jobs", type=int, default=None, help="verify --jobs (default: its own)")
    parser.add_argument(
        "--cache", type=Path, default=None, help="a kept cache folder: warm runs only"
    )
    parser.add_argument("--repeat", type=int, default=1, help="warm runs to take the best of")
    args = parser.parse_args()
    what = f"{args.scope} scope" + (f", {' '.join(args.lang)}" if args.lang else "")
    where = f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    if args.cache is not None:
        cache = args.cache.resolve()
        runs = [run_verify(cache, args.scope, args.lang, args.jobs) for _ in range(args.repeat)]
        walls = ", ".join(f"{wall:.1f}" for wall, _, _ in runs)
        cpus = ", ".join(f"{cpu:.1f}" for _, _, cpu in runs)
        print(f"harness wall time ({what}; {where}): {runs[-1][1]}")
        print(f"  warm cache: best {min(r[0] for r in runs):7.1f} s wall of {len(runs)} ({walls})")
        print(f"              best {min(r[2] for r in runs):7.1f} s CPU ({cpus})")
        return
    with tempfile.TemporaryDirectory(prefix="samplegen-bench-cache-") as tmp:
        cache = Path(tmp)
        cold, summary, cold_cpu = run_verify(cache, args.scope, args.lang, args.jobs)
        warm_runs = [
            run_verify(cache, args.scope, args.lang, args.jobs) for _ in range(args.repeat)
        ]
    warm, warm_cpu = min(r[0] for r in warm_runs), min(r[2] for r in warm_runs)
    print(f"harness wall time ({what}; {where}): {summary}")
    print(f"  cold cache: {cold:7.1f} s  ({cold_cpu:.1f} s CPU)")
    print(f"  warm cache: {warm:7.1f} s  ({warm_cpu:.1f} s CPU; cold/warm {cold / warm:.1f}x)")


if __name__ == "__main__":
    main()
