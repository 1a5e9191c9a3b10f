"""``samplegen verify`` against its floor: the same cases, run by verify and by bare runtimes.

The floor of a case is what no harness can avoid: one start of the sample's runtime per
case, and one compile per sample flavour the way the harness does it at best (one batch per
language). Per language:

- python: the harness's venv interpreter, ``python -c pass``
- node: ``node -e 0``
- curl: ``bash -c 'curl --version >/dev/null'`` (a curl sample is a bash script running curl)
- php: ``php -r ''``
- go: one ``go build`` of as many trivial main packages as samples (the harness's build
  cache and flags), then one trivial binary per case
- java: one ``javac`` of as many trivial classes, then ``java -cp classes MainN`` per case
  with the harness's JVM flags
- csharp (Mono): one ``mcs`` of as many trivial classes, then ``mono floor.exe`` per case
  (the .NET run is skipped where there is no ``dotnet``: no case, no floor)

Everything above the floor is verify's: Python start-up and spec loading, runtime set-up
(trust stores, version probes), the proxy and its TLS, the mock, process start, batching,
and the samples' own work (SDK imports, the TLS client side, a task's polling sleeps).

Each round runs one ``samplegen verify --no-cache`` of the chosen endpoints' default edition
(``--region intl --locale en``) in the chosen languages, and the floor of exactly the cases
it ran (counted from its JUnit report), in an order that turns round by round, with the same
parallelism (``--jobs``). CPU is user + system time of each side's whole process tree
(steadier than wall time on a shared machine); "its own" is the CPU of verify's own Python
process (imports, spec loading, the proxy, TLS, the mock, starting processes), the rest is
its children's (samples, compilers, version probes). Wall time is beside it. Ratios are the
median of the round-by-round ratios (paired), as in ``make bench``.

Usage: ``.venv/bin/python bench/verify_floor.py [--rounds N] [--lang L]... [--endpoint ID]...``
(``--all-endpoints``: every spec; ``--per-language``: also each language alone;
``--against DIR [--against-cache DIR]``: another checkout's verify in the same rounds, for a
before/after; ``--json FILE`` keeps the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Checkout:
    """A checkout whose verify is measured: its folder (its .venv, specs and output), the
    dependency cache it uses, and the options its verify knows (``--no-cache``)."""

    root: Path
    cache: Path
    extra: tuple[str, ...] = ()

    @classmethod
    def at(cls, root: Path, cache: Path) -> Checkout:
        helped = subprocess.run(
            [str(root / ".venv" / "bin" / "samplegen"), "verify", "--help"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        return cls(
            root.resolve(), cache.resolve(), ("--no-cache",) if "--no-cache" in helped else ()
        )


from generator.harness.runner import default_cache  # noqa: E402
from generator.harness.runtimes.go import LDFLAGS, go_env  # noqa: E402
from generator.harness.runtimes.python import PythonRuntime  # noqa: E402

LANGUAGES = ("python", "node", "curl", "php", "go", "java", "csharp")
# One endpoint of each shape: plain JSON (the first by id also probes every documented
# error), a stream of each family, native JSON, a multipart upload, a binary answer is not
# shipped; the task endpoint polls with the spec's 1 s interval (wall time, not CPU).
ENDPOINTS = (
    "chat-completions",
    "chat-completions-stream",
    "embeddings",
    "file-upload",
    "image-synthesis",
    "text-generation-stream",
)
JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # what the harness gives samples


def children_cpu() -> float:
    """User + system seconds of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Side:
    """One measurement: CPU and wall seconds (``own``: verify's own process, not its children)."""

    cpu: float
    wall: float
    own: float = 0.0


@dataclass
class Cases:
    """What one verify run ran, per language: sample flavours compiled and case runs."""

    units: dict[str, int] = field(default_factory=dict)
    runs: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.runs.values())


def ran_cases(junit: Path) -> Cases:
    """The sample flavours and case runs of a verify report, per language (skips cost
    nothing: no floor)."""
    cases, units = Cases(), set()
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            continue
        if case.find("failure") is not None:
            cases.failed.append(case.get("name", ""))
        language = case.get("classname", "").split(".")[1]
        flavour = case.get("name", "").split(" ")[0].partition("[")[2]
        units.add((language, case.get("file"), flavour))
        cases.runs[language] = cases.runs.get(language, 0) + 1
    for language, _, _ in units:
        cases.units[language] = cases.units.get(language, 0) + 1
    return cases


# verify run in-process behind a probe that writes its own CPU time (all threads) at exit.
OWN_CPU = """import atexit, resource, sys
out = sys.argv[1]
def _own():
    u = resource.getrusage(resource.RUSAGE_SELF)
    with open(out, "w") as f:
        f.write(str(u.ru_utime + u.ru_stime))
atexit.register(_own)
from generator.cli.main import main
main(sys.argv[2:], prog_name="samplegen")
"""


def run_verify(
    checkout: Checkout, languages: list[str], specs: Path, jobs: int, work: Path
) -> tuple[Side, Cases]:
    """One ``samplegen verify`` of ``languages``' samples: its cost and what it ran."""
    junit, own = work / "verify.xml", work / "own-cpu.txt"
    junit.unlink(missing_ok=True)
    root = checkout.root
    argv = [
        str(root / ".venv" / "bin" / "python"), "-c", OWN_CPU, str(own),
        "verify", "--specs", str(specs), "--out", str(root / "output"),
        "--region", "intl", "--locale", "en", *checkout.extra,
        "--jobs", str(jobs), "--cache", str(checkout.cache), "--junit", str(junit),
    ]  # fmt: skip
    for language in languages:
        argv += ["--lang", language]
    cpu, started = children_cpu(), time.monotonic()
    done = subprocess.run(argv, cwd=root, capture_output=True, text=True, check=False)
    side = Side(children_cpu() - cpu, time.monotonic() - started)
    if not junit.is_file() or not own.is_file():
        raise SystemExit(f"verify wrote no report:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    side.own = float(own.read_text())
    cases = ran_cases(junit)
    if cases.failed:
        raise SystemExit(f"verify failed: {', '.join(cases.failed[:5])}")
    return side, cases


# -- the floor -------------------------------------------------------------------------


class Floor:
    """A language's floor: ``compile(n)`` once per round, then ``case(i)`` per case run."""

    def __init__(self, language: str, cache: Path, work: Path) -> None:
        self.language = language
        self.cache = cache
        self.work = work / f"floor-{language}"
        self.env = dict(os.environ)
        self.python: str | None = None
        if language == "python":
            runtime = PythonRuntime()
            runtime.setup(cache)
            assert runtime.venv is not None
            self.python = str(runtime.venv / "bin" / "python")
        if language == "go":
            self.env.update(go_env(cache))

    def compile(self, units: int) -> list[list[str]]:
        """Build ``units`` trivial programs (compiled languages) and return the commands that
        run one each (the others: the one start-up command)."""
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        w = self.work
        if self.language == "python":
            return [[str(self.python), "-c", "pass"]]
        if self.language == "node":
            return [["node", "-e", "0"]]
        if self.language == "curl":
            return [["bash", "-c", "curl --version >/dev/null"]]
        if self.language == "php":
            return [["php", "-r", ""]]
        if self.language == "go":
            (w / "go.mod").write_text("module floor\n\ngo 1.19\n")
            for n in range(units):
                (w / f"p{n:04d}").mkdir()
                (w / f"p{n:04d}" / "main.go").write_text("package main\n\nfunc main() {}\n")
            self._tool(["go", "build", LDFLAGS, "-o", f"{w / 'bin'}/", "./..."])
            return [[str(w / "bin" / f"p{n:04d}")] for n in range(units)]
        if self.language == "java":
            sources = []
            for n in range(units):
                sources.append(w / f"Main{n}.java")
                sources[-1].write_text(
                    f"public class Main{n} {{ public static void main(String[] a) {{ }} }}\n"
                )
            self._tool(
                ["javac", "-encoding", "UTF-8", "-d", str(w / "classes"), *map(str, sources)]
            )
            return [
                ["java", *JVM_FLAGS, "-cp", str(w / "classes"), f"Main{n}"] for n in range(units)
            ]
        if self.language == "csharp":
            sources = []
            for n in range(units):
                sources.append(w / f"P{n}.cs")
                sources[-1].write_text(f"static class P{n} {{ static void Main() {{ }} }}\n")
            self._tool(["mcs", "-nologo", "-main:P0", "-out:floor.exe", *map(str, sources)])
            return [["mono", str(w / "floor.exe")]]
        raise SystemExit(f"no floor for {self.language}")

    def _tool(self, argv: list[str]) -> None:
        subprocess.run(argv, cwd=self.work, env=self.env, check=True, capture_output=True)

    def measure(self, units: int, runs: int, jobs: int) -> Side:
        """The floor of ``runs`` case runs of ``units`` sample flavours: the compile, then
        every run, ``jobs`` at a time."""
        cpu, started = children_cpu(), time.monotonic()
        commands = self.compile(units)

        def one(i: int) -> None:
            subprocess.run(
                commands[i % len(commands)], cwd=self.work, env=self.env, check=True,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(one, range(runs)))
        return Side(children_cpu() - cpu, time.monotonic() - started)


def floor_of(floors: dict[str, Floor], cases: Cases, jobs: int) -> Side:
    """The floor of every case ``cases`` counts, language after language."""
    total = Side(0.0, 0.0)
    for language, runs in cases.runs.items():
        side = floors[language].measure(cases.units[language], runs, jobs)
        total.cpu += side.cpu
        total.wall += side.wall
    return total


# -- rounds and report -----------------------------------------------------------------


def paired(ours: list[float], floor: list[float]) -> float:
    """The median of the round-by-round ratios."""
    return statistics.median(a / b for a, b in zip(ours, floor, strict=True))


def spread(values: list[float]) -> float:
    """(max - min) / median of the round-by-round ratios: how steady the rounds were."""
    return (max(values) - min(values)) / statistics.median(values) if len(values) > 1 else 0.0


def measure(
    checkouts: list[Checkout], languages: list[str], endpoints: list[str], rounds: int, jobs: int
) -> dict[str, dict]:
    """Interleaved rounds: one verify of ``languages`` by each checkout, and the floor of the
    same cases (the order turns round by round); the figures of each checkout."""
    with tempfile.TemporaryDirectory(prefix="samplegen-verify-floor-") as tmp:
        work = Path(tmp)
        specs = work / "specs"
        specs.mkdir()
        for path in sorted((checkouts[0].root / "specs").glob("*.yaml")):
            if path.stem in endpoints or path.name.startswith("_"):
                shutil.copy(path, specs)
        floors = {language: Floor(language, checkouts[0].cache, work) for language in languages}
        cases = None
        for checkout in checkouts:  # warm-up: OS caches, batch builds, class archives
            _, ran = run_verify(checkout, languages, specs, jobs, work)
            if cases is not None and ran.runs != cases.runs:
                raise SystemExit(f"{checkout.root} runs other cases: {ran.runs} != {cases.runs}")
            cases = ran
        assert cases is not None
        floor_of(floors, cases, jobs)
        sides: dict[str, list[Side]] = {str(c.root): [] for c in checkouts}
        sides["floor"] = []
        steps = [*checkouts, None]
        for n in range(rounds):
            for step in steps[n % len(steps) :] + steps[: n % len(steps)]:
                if step is None:
                    sides["floor"].append(floor_of(floors, cases, jobs))
                else:
                    sides[str(step.root)].append(run_verify(step, languages, specs, jobs, work)[0])
            text = "; ".join(
                f"{name}: {runs[-1].cpu:.1f}s CPU ({runs[-1].own:.1f}s its own) / "
                f"{runs[-1].wall:.1f}s wall"
                for name, runs in sides.items()
            )
            print(f"  round {n + 1}/{rounds}: {text}", file=sys.stderr, flush=True)
    floor = sides.pop("floor")
    rows = {}
    for name, ours in sides.items():
        cpu_ratios = [a.cpu / b.cpu for a, b in zip(ours, floor, strict=True)]
        rows[name] = {
            "languages": languages,
            "cases": cases.total,
            "cases_by_language": cases.runs,
            "verify_cpu": statistics.median(s.cpu for s in ours),
            "verify_own_cpu": statistics.median(s.own for s in ours),
            "floor_cpu": statistics.median(s.cpu for s in floor),
            "verify_wall": statistics.median(s.wall for s in ours),
            "floor_wall": statistics.median(s.wall for s in floor),
            "cpu_ratio": statistics.median(cpu_ratios),
            "own_ratio": paired([s.own for s in ours], [s.cpu for s in floor]),
            "wall_ratio": paired([s.wall for s in ours], [s.wall for s in floor]),
            "cpu_spread": spread(cpu_ratios),
        }
    return rows


def report(rows: dict[str, dict], meta: dict) -> str:
    """The figures as a Markdown table: one row per checkout (and language set)."""
    lines = [
        f"verify against its floor ({meta['machine']}; {meta['rounds']} rounds, --jobs "
        f"{meta['jobs']}; endpoints {', '.join(meta['endpoints'])}; default edition)",
        "",
        "| verify of | languages | cases | verify cases/s | floor cases/s | CPU ratio | "
        "of it, verify's own process | wall ratio | spread |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        checkout, _, languages = name.partition(" ")
        lines.append(
            f"| {checkout} | {languages or 'all'} | {r['cases']} | "
            f"{r['cases'] / r['verify_wall']:.2f} | {r['cases'] / r['floor_wall']:.2f} | "
            f"{r['cpu_ratio']:.2f}x | {r['own_ratio']:.2f}x | {r['wall_ratio']:.2f}x | "
            f"{100 * r['cpu_spread']:.0f}% |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure and print; ``--json FILE`` also keeps the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lang", action="append", choices=LANGUAGES, default=[])
    parser.add_argument("--endpoint", action="append", default=[])
    parser.add_argument("--all-endpoints", action="store_true")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--cache", type=Path, default=None, help="dependency cache")
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="also measure this checkout's verify in the same rounds (e.g. a clone of main)",
    )
    parser.add_argument("--against-cache", type=Path, default=None)
    parser.add_argument(
        "--per-language", action="store_true", help="also each language alone (slower)"
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    languages = args.lang or list(LANGUAGES)
    if args.all_endpoints:
        endpoints = sorted(p.stem for p in (ROOT / "specs").glob("*.yaml"))
    else:
        endpoints = args.endpoint or list(ENDPOINTS)
    cache = args.cache or default_cache()
    checkouts = [Checkout.at(ROOT, cache)]
    if args.against is not None:
        checkouts.append(Checkout.at(args.against, args.against_cache or cache))
    meta = {
        "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load {os.getloadavg()[0]:.1f} at start",
        "rounds": args.rounds,
        "jobs": args.jobs,
        "endpoints": endpoints,
    }
    rows = measure(checkouts, languages, endpoints, args.rounds, args.jobs)
    if args.per_language:
        for language in languages:
            each = measure(checkouts, [language], endpoints, args.rounds, args.jobs)
            rows.update({f"{name} {language}": row for name, row in each.items()})
    meta["machine"] += f", {os.getloadavg()[0]:.1f} at the end"
    print(report(rows, meta))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
