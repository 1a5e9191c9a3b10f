"""``samplegen verify`` as a library: run every sample in an output folder and report."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import SamplegenError
from generator.harness.result_cache import CachingSession
from generator.harness.runner import (
    FAILED,
    PASSED,
    SKIPPED,
    CaseResult,
    SampleJob,
    find_jobs,
)
from generator.render.editions import sample_relpath
from generator.render.selection import EVERYTHING, Selection
from generator.sources import load_specs

_SHARD = re.compile(r"([0-9]+)/([0-9]+)")
CACHED = "cached"  # a passed case answered from the result cache, as tables show it


@dataclass
class VerifyReport:
    """Every case's verdict (strict mode already applied)."""

    results: list[CaseResult]
    batch_builds: list[tuple[str, int, float]] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many cases ended with ``status``."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        """True when nothing failed (skips are failures only under ``--strict``)."""
        return self.count(FAILED) == 0

    @property
    def cached(self) -> int:
        """How many of the passed cases were answered from the result cache."""
        return sum(1 for r in self.results if r.cached)

    def summary(self) -> str:
        """The closing line: ``verify: N passed, N failed, N skipped``, followed by
        ``(M cached)`` when M of the passed came from the result cache (at the end, so that
        what parses the counts keeps working)."""
        cached = f" ({self.cached} cached)" if self.cached else ""
        return (
            f"verify: {self.count(PASSED)} passed, {self.count(FAILED)} failed, "
            f"{self.count(SKIPPED)} skipped{cached}"
        )

    def batch_lines(self) -> list[str]:
        """One line per batch build (its time is in no sample's row)."""
        return [
            f"batch build: {language}, {count} samples in {seconds:.1f}s"
            for language, count, seconds in self.batch_builds
        ]


def apply_strict(results: Iterable[CaseResult]) -> list[CaseResult]:
    """Turn every skip that its runtime did not mark as allowed into a failure."""
    out = []
    for r in results:
        if r.status == SKIPPED and not r.allowed_skip:
            r = dataclasses.replace(r, status=FAILED, message=f"strict: skipped: {r.message}")
        out.append(r)
    return out


def available_cores() -> int:
    """The CPUs this process may run on (its affinity mask), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` -> ``(K, N)`` with ``1 <= K <= N``; raises :class:`SamplegenError` otherwise."""
    match = _SHARD.fullmatch(text.strip())
    if match is None:
        raise SamplegenError(f"--shard {text}: expected K/N, for example --shard 1/3")
    k, n = int(match.group(1)), int(match.group(2))
    if n < 1:
        raise SamplegenError(f"--shard {text}: N must be at least 1")
    if not 1 <= k <= n:
        raise SamplegenError(f"--shard {text}: K must be between 1 and N ({n})")
    return k, n


def shard_of(job: SampleJob, count: int) -> int:
    """The shard (1..``count``) that runs ``job``: a hash of its path below the output folder.

    A sample's shard depends only on its own path, so adding or removing samples never
    moves another sample to a different shard.
    """
    relpath = sample_relpath(job.endpoint, job.variant, job.prefix)
    digest = hashlib.sha256(relpath.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(jobs: Iterable[SampleJob], shard: tuple[int, int]) -> list[SampleJob]:
    """The jobs of shard ``K/N`` in their original order (the shards partition ``jobs``)."""
    k, n = shard
    return [job for job in jobs if shard_of(job, n) == k]


def verify(
    out: Path,
    specs: Path,
    languages: Iterable[str] | None = None,
    *,
    workers: int | None = None,
    strict: bool = False,
    cache: Path | None = None,
    progress: Callable[[list[CaseResult]], None] | None = None,
    region: str | None = None,
    locale: str | None = None,
    selection: Selection = EVERYTHING,
    shard: tuple[int, int] | None = None,
    reuse: bool = True,
) -> VerifyReport:
    """Run every sample the specs expect in ``out`` (success and invalid-key paths, and the
    cases their endpoint needs); of the matrix, only the part ``selection`` (a project config)
    keeps.

    ``workers`` samples run at once (default: the machine's cores); with ``shard=(K, N)``
    only the samples of shard K of N (see :func:`shard_of`). A sample flavour whose inputs
    did not change since all its cases passed is answered from the result cache
    (:mod:`generator.harness.result_cache`) unless ``reuse`` is False; either way every
    flavour that runs and passes is remembered.
    """
    if not out.is_dir():
        raise SamplegenError("the output folder does not exist (run: samplegen generate)", out)
    endpoints = load_specs(specs)
    if region is not None:
        for endpoint in endpoints:  # refused at once, with generate's own message
            endpoint.region(region)
    selection.check(endpoints)
    jobs = find_jobs(out, endpoints, languages, region, locale)
    if region is None and locale is None:
        jobs = [j for j in jobs if selection.keeps_job(j.endpoint, j.variant, j.prefix)]
    if shard is not None:
        total = len(jobs)
        jobs = select_shard(jobs, shard)
        if not jobs:
            raise SamplegenError(
                f"--shard {shard[0]}/{shard[1]} selects none of the {total} samples "
                "(use fewer shards)"
            )
    with CachingSession(cache, reuse=reuse) as session:
        results = session.run_all(jobs, workers or available_cores(), progress)
    return VerifyReport(apply_strict(results) if strict else results, session.batch_builds)


def shown_status(result: CaseResult) -> str:
    """A case's status as tables and progress lines show it: ``cached`` for a pass from
    the result cache."""
    return CACHED if result.cached else result.status


def _row_status(cases: list[CaseResult]) -> str:
    statuses = {c.status for c in cases}
    if FAILED in statuses:
        return FAILED
    if statuses != {PASSED}:
        return SKIPPED
    return CACHED if all(c.cached for c in cases) else PASSED


def format_table(results: Iterable[CaseResult]) -> str:
    """A table: language, variant, endpoint (flavour) -> status per path, and time."""
    rows: dict[tuple[str, str, str], list[CaseResult]] = {}
    for r in results:
        endpoint = r.job.prefix + r.job.endpoint.id + (f" [{r.flavour}]" if r.flavour else "")
        rows.setdefault((r.job.variant.language, r.job.variant.key, endpoint), []).append(r)
    names = list(dict.fromkeys(c.case for cases in rows.values() for c in cases))
    header = ("language", "variant", "endpoint", "result", *names, "time")
    lines = [header]
    for (lang, variant, endpoint), cases in rows.items():
        by_case = {c.case: shown_status(c) for c in cases}
        seconds = sum(c.duration for c in cases)
        lines.append(
            (
                lang,
                variant,
                endpoint,
                _row_status(cases),
                *(by_case.get(name, "-") for name in names),
                f"{seconds:.1f}s",
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in lines
    )


def skip_reasons(results: Iterable[CaseResult]) -> list[str]:
    """One line per distinct skip reason, naming the samples it affects."""
    reasons: dict[str, list[str]] = {}
    for r in results:
        if r.status == SKIPPED:
            name = r.job.label + (f" [{r.flavour}]" if r.flavour else "")
            names = reasons.setdefault(r.message, [])
            if name not in names:
                names.append(name)
    return [f"skipped ({', '.join(names)}): {reason}" for reason, names in reasons.items()]


def write_junit(results: Iterable[CaseResult], path: Path) -> None:
    """JUnit XML: one testcase per sample, flavour and path; skips carry their reason, and
    a pass from the result cache a property ``cached=true`` and a ``system-out`` saying so.

    Testcases are ordered by sample file (a stable sort: a file's flavours and paths keep
    their run order), so the reports of ``verify --shard`` runs merge (``junit-merge``)
    into exactly the report of one unsharded run.
    """
    results = sorted(results, key=lambda r: str(r.job.path))
    suite = ET.Element(
        "testsuite",
        name="samplegen verify",
        tests=str(len(results)),
        failures=str(sum(r.status == FAILED for r in results)),
        errors="0",
        skipped=str(sum(r.status == SKIPPED for r in results)),
        time=f"{sum(r.duration for r in results):.3f}",
    )
    for r in results:
        flavour = f"[{r.flavour}]" if r.flavour else ""
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"samples.{r.job.variant.language}.{r.job.variant.key}",
            name=f"{r.job.endpoint.id}{flavour} {r.case}",
            file=str(r.job.path),
            time=f"{r.duration:.3f}",
        )
        if r.status == FAILED:
            first = r.message.splitlines()[0] if r.message else "failed"
            ET.SubElement(case, "failure", message=first).text = r.message
        elif r.status == SKIPPED:
            ET.SubElement(case, "skipped", message=r.message)
        elif r.cached:
            properties = ET.SubElement(case, "properties")
            ET.SubElement(properties, "property", name=CACHED, value="true")
            ET.SubElement(case, "system-out").text = r.message
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
