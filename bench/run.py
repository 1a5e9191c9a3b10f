"""``make bench``: samplegen's generation speed, side by side with httpsnippet, and its scaling.

Measures, in one run:

1. per-snippet throughput of our renderer vs httpsnippet (pinned npm package, installed
   into .cache/bench-node/) for the chat-completions request and one target per language;
2. full ``generate`` and ``check`` of the shipped specs (CLI wall clock and in-process);
3. a scale curve: generate and check of 10, 100 and 1,000 synthetic specs.

Every figure is the median of several repetitions after a warm-up. Languages whose
templates are not written yet (or do not render) are left out and named in the report;
once every registered variant has a working template, all of them are measured.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.errors import SamplegenError  # noqa: E402
from generator.model import Endpoint  # noqa: E402
from generator.registry import LANGUAGES, VARIANTS, Variant  # noqa: E402
from generator.render import (  # noqa: E402
    DEFAULT_TEMPLATES,
    make_environment,
    render_matrix,
    render_sample,
)
from generator.spec_loader import load_specs  # noqa: E402
from generator.writer import diff_tree, write_tree  # noqa: E402

NODE_DIR = ROOT / ".cache" / "bench-node"
NODE_PINS = ROOT / "bench" / "node"
NODE_SCRIPT = ROOT / "bench" / "httpsnippet_bench.mjs"
SPECS = ROOT / "specs"
BENCH_ENDPOINT = "chat-completions"

# Our variant for each language, and the httpsnippet target/client that does the same job.
MATCHING_TARGETS: dict[str, tuple[str, tuple[str, str]]] = {
    "python": ("python-requests", ("python", "requests")),
    "node": ("node-fetch", ("node", "fetch")),
    "curl": ("curl-curl", ("shell", "curl")),
    "php": ("php-curl", ("php", "curl")),
    "csharp": ("csharp-httpclient", ("csharp", "httpclient")),
    "go": ("go-nethttp", ("go", "native")),
    "java": ("java-httpclient", ("java", "nethttp")),
}

AIM_REGENERATE_S = 0.5
AIM_CHECK_1000_S = 10.0


@dataclass
class Timing:
    """Repeated measurements of one thing, in seconds."""

    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        """The median run."""
        return statistics.median(self.runs)


def time_runs(func: Callable[[], object], reps: int, warmup: int = 1) -> Timing:
    """Run ``func`` ``warmup`` times untimed, then ``reps`` times timed."""
    for _ in range(warmup):
        func()
    timing = Timing()
    for _ in range(reps):
        start = time.perf_counter()
        func()
        timing.runs.append(time.perf_counter() - start)
    return timing


# --- which languages can be measured ---------------------------------------------------------


def usable_languages(endpoints: list[Endpoint]) -> tuple[list[str], dict[str, str]]:
    """Languages whose every variant renders the shipped specs, and why the others do not."""
    env = make_environment(DEFAULT_TEMPLATES)
    skipped: dict[str, str] = {}
    for variant in VARIANTS:
        if variant.language in skipped:
            continue
        for endpoint in endpoints:
            if not variant.supports(endpoint.style):
                continue
            try:
                render_sample(env, endpoint, variant)
            except SamplegenError as err:
                skipped[variant.language] = f"{variant.name}: {err.message}"
                break
    usable = [lang.key for lang in LANGUAGES if lang.key not in skipped]
    return usable, skipped


# --- throughput vs httpsnippet --------------------------------------------------------------


def har_for(endpoint: Endpoint) -> dict[str, object]:
    """The endpoint's request as a HAR request, the input httpsnippet takes."""
    auth = endpoint.auth
    headers = [{"name": auth.header, "value": f"{auth.value_prefix()}${{{auth.env}}}"}]
    headers += [{"name": name, "value": value} for name, value in endpoint.headers]
    return {
        "method": endpoint.method,
        "url": endpoint.url(),
        "httpVersion": "HTTP/1.1",
        "headers": headers,
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": -1,
        "postData": {"mimeType": "application/json", "text": json.dumps(endpoint.request_example)},
    }


def ensure_httpsnippet() -> None:
    """Install the pinned httpsnippet into .cache/bench-node/ unless it is already there."""
    wanted = json.loads((NODE_PINS / "package.json").read_text())["dependencies"]["httpsnippet"]
    installed = NODE_DIR / "node_modules" / "httpsnippet" / "package.json"
    if installed.is_file() and json.loads(installed.read_text())["version"] == wanted:
        return
    if shutil.which("npm") is None:
        sys.exit("make bench needs Node.js and npm (apt-get install nodejs npm)")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(NODE_PINS / name, NODE_DIR / name)
    print(f"installing httpsnippet {wanted} into {NODE_DIR.relative_to(ROOT)}/ ...", flush=True)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_DIR, check=True
    )


def ours_per_snippet(
    endpoint: Endpoint, variants: list[Variant], iterations: int, reps: int, warmup: int
) -> Timing:
    """Microseconds per snippet for our renderer (typed model -> template -> text)."""
    env = make_environment(DEFAULT_TEMPLATES)

    def one_pass() -> None:
        for _ in range(iterations):
            for variant in variants:
                render_sample(env, endpoint, variant)

    timing = time_runs(one_pass, reps, warmup)
    timing.runs = [t * 1e6 / (iterations * len(variants)) for t in timing.runs]
    return timing


def httpsnippet_per_snippet(
    endpoint: Endpoint, targets: list[tuple[str, str]], iterations: int, reps: int, warmup: int
) -> dict[str, object]:
    """httpsnippet's microseconds per snippet for the same request (run by Node)."""
    config = {
        "har": har_for(endpoint),
        "targets": targets,
        "warmup": warmup * iterations,
        "reps": reps,
        "iterations": iterations,
        "module_dir": str(NODE_DIR),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(config, handle)
    try:
        result = subprocess.run(
            ["node", str(NODE_SCRIPT), handle.name],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    return json.loads(result.stdout)


# --- regeneration, check and scale ----------------------------------------------------------

_SHIM = """
import sys
from pathlib import Path
from generator.render import render_matrix
from generator.spec_loader import load_specs
from generator.writer import diff_tree, write_tree
cmd, specs, out, langs = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4].split(",")
files = {s.relpath: s.text for s in render_matrix(load_specs(specs), languages=langs)}
if cmd == "generate":
    write_tree(out, files)
else:
    sys.exit(1 if diff_tree(out, files) else 0)
"""


def cli_command(cmd: str, specs: Path, out: Path, languages: list[str] | None) -> list[str]:
    """The real CLI when every language is usable, else a one-file equivalent limited to
    ``languages`` (the CLI has no language filter)."""
    if languages is None:
        return [sys.executable, "-m", "generator", cmd, "--specs", str(specs), "--out", str(out)]
    return [sys.executable, "-c", _SHIM, cmd, str(specs), str(out), ",".join(languages)]


def cli_wall(
    cmd: str, specs: Path, languages: list[str] | None, reps: int, warm: bool = True
) -> Timing:
    """Wall clock of a ``generate`` (into a fresh folder each time) or ``check`` process.

    With ``warm``, one untimed run first warms the OS caches.
    """
    timing = Timing()
    with tempfile.TemporaryDirectory() as tmp:
        ready = Path(tmp) / "ready"
        subprocess.run(cli_command("generate", specs, ready, languages), cwd=ROOT, check=True)
        first = 0 if warm else 1
        for i in range(first, reps + 1):
            out = Path(tmp) / f"out{i}" if cmd == "generate" else ready
            start = time.perf_counter()
            subprocess.run(
                cli_command(cmd, specs, out, languages),
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            if i:
                timing.runs.append(time.perf_counter() - start)
    return timing


def in_process(
    specs: Path, languages: list[str] | None, reps: int, phase_reps: int | None = None
) -> dict[str, Timing]:
    """In-process phases: load, render, generate (load+render+write), check (load+render+diff).

    ``phase_reps`` (default ``reps``) repetitions time the load and render phases alone.
    """
    phase_reps = phase_reps or reps
    warmup = 1 if reps > 3 else 0
    timings: dict[str, Timing] = {}
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(1_000_000))

        def generate() -> None:
            samples = render_matrix(load_specs(specs), languages=languages)
            write_tree(Path(tmp) / f"out{next(counter)}", {s.relpath: s.text for s in samples})

        ready = Path(tmp) / "ready"
        samples = render_matrix(load_specs(specs), languages=languages)
        write_tree(ready, {s.relpath: s.text for s in samples})

        def check() -> None:
            samples = render_matrix(load_specs(specs), languages=languages)
            files = {s.relpath: s.text for s in samples}
            if diff_tree(ready, files):
                raise RuntimeError("check found drift in a folder generate just wrote")

        endpoints = load_specs(specs)
        timings["load"] = time_runs(lambda: load_specs(specs), phase_reps, warmup)
        timings["render"] = time_runs(
            lambda: render_matrix(endpoints, languages=languages), phase_reps, warmup
        )
        timings["generate"] = time_runs(generate, reps, warmup)
        timings["check"] = time_runs(check, reps, warmup)
    return timings


def synthetic_specs(folder: Path, count: int) -> None:
    """``count`` copies of the shipped specs, each with a new id."""
    sources = sorted(SPECS.glob("*.yaml"))
    for i in range(count):
        source = sources[i % len(sources)]
        text = source.read_text("utf-8")
        old_id = load_specs_id(source)
        new_id = f"{old_id}-{i:05d}"
        text = text.replace(f"\nid: {old_id}\n", f"\nid: {new_id}\n", 1)
        (folder / f"{new_id}.yaml").write_text(text, "utf-8")


def load_specs_id(path: Path) -> str:
    """The ``id:`` of a spec file (read from its text; the file is a shipped, valid spec)."""
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("id: "):
            return line[4:].strip()
    raise ValueError(f"{path} has no top-level id line")


def profile_top(specs: Path, languages: list[str] | None, limit: int = 15) -> str:
    """cProfile of one in-process check: the functions with the most cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    render_matrix(load_specs(specs), languages=languages)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(limit)
    return stream.getvalue()


# --- report ---------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def ms(seconds: float) -> str:
    """Seconds as milliseconds with one decimal."""
    return f"{seconds * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the report, optionally write it to a Markdown file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the report here (docs/performance.md)")
    parser.add_argument(
        "--readme", type=Path, help="replace the bench:start/bench:end block of this README"
    )
    parser.add_argument("--reps", type=int, default=7, help="timed repetitions (median)")
    parser.add_argument("--iterations", type=int, default=200, help="passes per throughput run")
    parser.add_argument("--scale", default="10,100,1000", help="synthetic spec counts")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of check@max")
    args = parser.parse_args(argv)
    os.chdir(ROOT)

    endpoints = load_specs(SPECS)
    usable, skipped = usable_languages(endpoints)
    all_usable = not skipped
    languages = None if all_usable else usable
    endpoint = next(e for e in endpoints if e.id == BENCH_ENDPOINT)
    matched = [lang for lang in usable if lang in MATCHING_TARGETS]
    ours_variants = [v for v in VARIANTS if v.name in {MATCHING_TARGETS[k][0] for k in matched}]
    targets = [MATCHING_TARGETS[k][1] for k in matched]

    scope = (
        "all registered languages"
        if all_usable
        else f"languages with working templates only: {', '.join(usable)}; left out: "
        + "; ".join(f"{k} ({v})" for k, v in skipped.items())
    )
    print(f"measuring {scope}", flush=True)

    ensure_httpsnippet()
    ours = ours_per_snippet(endpoint, ours_variants, args.iterations, args.reps, warmup=1)
    theirs = httpsnippet_per_snippet(endpoint, targets, args.iterations, args.reps, warmup=1)
    theirs_us = theirs["convert"]["median_us"]  # type: ignore[index]
    theirs_full_us = theirs["construct_and_convert"]["median_us"]  # type: ignore[index]

    shipped = in_process(SPECS, languages, args.reps)
    shipped_files = len(render_matrix(endpoints, languages=languages))
    regen_cli = cli_wall("generate", SPECS, languages, args.reps)
    check_cli = cli_wall("check", SPECS, languages, args.reps)

    scale_rows: list[list[str]] = []
    scale_data: dict[int, dict[str, Timing]] = {}
    counts = [int(c) for c in args.scale.split(",") if c]
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            folder = Path(tmp) / f"specs{count}"
            folder.mkdir()
            synthetic_specs(folder, count)
            big = count > 100
            reps = max(3, args.reps // 2) if big else args.reps
            data = in_process(folder, languages, reps, phase_reps=1 if big else None)
            files = len(render_matrix(load_specs(folder), languages=languages))
            data["check_cli"] = cli_wall("check", folder, languages, 1 if big else 3, warm=not big)
            scale_data[count] = data
            scale_rows.append(
                [
                    str(count),
                    str(files),
                    ms(data["load"].median),
                    ms(data["render"].median),
                    ms(data["generate"].median),
                    ms(data["check"].median),
                    ms(data["check_cli"].median),
                    f"{data['generate'].median / count * 1000:.2f} ms",
                    f"{data['check'].median / count * 1000:.2f} ms",
                ]
            )
            print(f"scale {count}: check {ms(data['check'].median)}", flush=True)
        profile = profile_top(folder, languages) if args.profile and counts else ""

    ratio = theirs_us / ours.median
    ratio_full = theirs_full_us / ours.median
    throughput_rows = [
        [
            "samplegen (render_sample)",
            f"{ours.median:.1f} µs",
            f"{1e6 / ours.median:,.0f}",
            ", ".join(v.name for v in ours_variants),
        ],
        [
            f"httpsnippet {theirs['version']} (convert)",
            f"{theirs_us:.1f} µs",
            f"{1e6 / theirs_us:,.0f}",
            ", ".join(f"{t}/{c}" for t, c in targets),
        ],
        [
            f"httpsnippet {theirs['version']} (new HTTPSnippet + convert)",
            f"{theirs_full_us:.1f} µs",
            f"{1e6 / theirs_full_us:,.0f}",
            "same",
        ],
    ]
    check_1000 = scale_data.get(1000, {}).get("check")
    first, last = (counts[-2], counts[-1]) if len(counts) > 1 else (counts[0], counts[0])
    per_first = scale_data[first]["check"].median / first
    per_last = scale_data[last]["check"].median / last
    aims = [
        [
            "per-snippet throughput ≥ httpsnippet's",
            f"{ratio:.2f}x httpsnippet convert",
            "met" if ratio >= 1 else "NOT met",
        ],
        [
            f"full regeneration < {AIM_REGENERATE_S} s",
            f"{ms(regen_cli.median)} CLI, {ms(shipped['generate'].median)} in-process",
            "met" if regen_cli.median < AIM_REGENERATE_S else "NOT met",
        ],
        [
            f"check of 1,000 specs < {AIM_CHECK_1000_S:.0f} s",
            ms(check_1000.median) if check_1000 else "not measured",
            ("met" if check_1000.median < AIM_CHECK_1000_S else "NOT met") if check_1000 else "-",
        ],
        [
            "check grows linearly",
            f"{per_first * 1000:.2f} ms/spec at {first}, {per_last * 1000:.2f} ms/spec at {last}",
            "met" if per_last <= per_first * 1.5 else "NOT met",
        ],
    ]

    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = f"""# Performance

Latest `make bench` figures ({now}; Python {platform.python_version()}, Node {theirs["node"]},
{os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}). Every figure is the median of
{args.reps} timed repetitions after a warm-up (rows over 100 specs: fewer repetitions, no
warm-up, load and render phases timed once). Scope: {scope}.

## Aims

{table(["aim", "measured", "status"], aims)}

## Per-snippet generation vs httpsnippet

The `{BENCH_ENDPOINT}` request (POST, URL, auth and Content-Type headers, JSON body), one
target per language, {len(targets)} targets on each side, {args.iterations} passes per repetition.
samplegen renders from the loaded, validated spec (model -> context -> compiled template);
httpsnippet converts from a HAR request, once with the `HTTPSnippet` built ahead (the like for
like) and once building it for each snippet.

{table(["generator", "per snippet", "snippets/s", "targets"], throughput_rows)}

Ratio: samplegen is **{ratio:.2f}x** httpsnippet's `convert` throughput
({ratio_full:.2f}x with httpsnippet's HAR parsing included).

## Shipped specs

{len(endpoints)} specs, {shipped_files} files.

{
        table(
            ["phase", "median"],
            [
                ["`generate`, CLI process (fresh folder)", ms(regen_cli.median)],
                ["`check`, CLI process", ms(check_cli.median)],
                ["load + validate specs (in-process)", ms(shipped["load"].median)],
                ["render all samples (in-process)", ms(shipped["render"].median)],
                ["generate (in-process)", ms(shipped["generate"].median)],
                ["check (in-process)", ms(shipped["check"].median)],
            ],
        )
    }

## Scale: synthetic specs

Copies of the shipped specs with new ids.

{
        table(
            [
                "specs",
                "files",
                "load",
                "render",
                "generate",
                "check",
                "check (CLI)",
                "generate/spec",
                "check/spec",
            ],
            scale_rows,
        )
    }
"""
    print(report)
    if profile:
        print(profile)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(report, "utf-8")
        print(f"wrote {args.write}")
    if args.readme:
        summary = (
            f"Latest `make bench` ({now}, {os.cpu_count()} CPUs; details and the scale curve in "
            "[docs/performance.md](docs/performance.md)):\n\n"
            + table(["aim", "measured", "status"], aims)
            + f"\n\nPer snippet: samplegen {ours.median:.1f} µs, httpsnippet {theirs['version']} "
            f"{theirs_us:.1f} µs (`convert`) / {theirs_full_us:.1f} µs (with HAR parsing): "
            f"ratio {ratio:.2f}x / {ratio_full:.2f}x."
        )
        replace_block(args.readme, summary)
        print(f"updated {args.readme}")
    return 0


def replace_block(path: Path, body: str) -> None:
    """Replace the text between ``<!-- bench:start -->`` and ``<!-- bench:end -->``."""
    text = path.read_text("utf-8")
    start, end = "<!-- bench:start -->\n", "<!-- bench:end -->"
    head, _, rest = text.partition(start)
    _, found, tail = rest.partition(end)
    if not found:
        raise SystemExit(f"{path}: no bench:start/bench:end markers")
    path.write_text(f"{head}{start}{body}\n{end}{tail}", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
