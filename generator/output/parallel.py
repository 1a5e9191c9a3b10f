"""``check`` of many specs on every core: each worker loads, renders and diffs a slice.

The specs folder is cut into contiguous slices of its sorted file list; each worker process
loads its slice, renders it and compares it with the output folder, and sends back only
what it found (the paths it produced, the diffs, the first error), never the rendered text.
The result is the :class:`~generator.output.writer.Drift` a single process finds, and errors are
reported as a single process would report them: the first bad spec in file order, then a
duplicate id, then the first failing render.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import SamplegenError, SpecError
from generator.output.writer import Drift

MIN_SPECS = 48  # below this a pool's start-up costs more than it saves


@dataclass
class _Slice:
    """What one worker found in its slice of the specs."""

    ids: list[tuple[str, str, int]] = field(default_factory=list)  # id, file, id line
    produced: list[str] = field(default_factory=list)
    drift: Drift = field(default_factory=Drift)
    spec_error: _Error | None = None
    render_error: tuple[str, _Error] | None = None  # the endpoint id, the error


# A SamplegenError as plain data (its dataclass form does not survive pickling).
_Error = tuple[type[SamplegenError], str, str | None, int | None]


def _as_data(err: SamplegenError) -> _Error:
    return type(err), err.message, (str(err.path) if err.path is not None else None), err.line


def _raise(error: _Error) -> None:
    cls, message, path, line = error
    raise cls(message, path, line)


def spec_files(directory: Path) -> list[Path]:
    """The spec files of ``directory`` in the order :func:`load_specs` reads them (files
    starting with ``_``, such as the API-level ``_api.yaml``, are not specs)."""
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in (".yaml", ".yml") and not p.name.startswith("_")
    )


def jobs_for(count: int) -> int:
    """How many workers to use for ``count`` spec files (1: do not use a pool)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 1 if count < MIN_SPECS else max(1, min(cpus or 1, count // (MIN_SPECS // 2)))


def _check_slice(
    files: Sequence[Path],
    out: Path,
    templates: Path,
    region: str | None,
    locale: str | None,
) -> _Slice:
    from generator.i18n import DEFAULT_LOCALE
    from generator.render.samples import render_all, render_matrix
    from generator.sources import load_spec
    from generator.output.writer import diff_tree

    found = _Slice()
    endpoints = []
    for file in files:
        try:
            endpoint = load_spec(file)
        except SamplegenError as err:
            found.spec_error = _as_data(err)
            return found
        endpoints.append(endpoint)
        found.ids.append((endpoint.id, str(file), endpoint.id_line))
    samples = []
    for endpoint in sorted(endpoints, key=lambda e: e.id):
        try:
            if region is None and locale is None:
                samples += render_matrix([endpoint], templates)
            else:
                samples += render_all([endpoint], templates, None, region, locale or DEFAULT_LOCALE)
        except SamplegenError as err:
            found.render_error = (endpoint.id, _as_data(err))
            return found
    files_by_path = {s.relpath: s.text for s in samples}
    found.produced = sorted(files_by_path)
    found.drift = diff_tree(out, files_by_path, extra=False)
    return found


def check_parallel(
    specs: Path,
    out: Path,
    templates: Path,
    region: str | None,
    locale: str | None,
    jobs: int,
) -> Drift:
    """How ``out`` differs from what ``specs`` produce, found by ``jobs`` worker processes."""
    from generator.output.writer import files_on_disk

    files = spec_files(specs)
    size = -(-len(files) // (jobs * 2))  # two slices per worker evens out slow slices
    slices = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(
            pool.map(
                _check_slice,
                slices,
                *zip(*[(out, templates, region, locale)] * len(slices), strict=True),
            )
        )
    seen: dict[str, str] = {}
    for result in results:  # in file order, as load_specs meets them
        for endpoint_id, file, line in result.ids:
            if endpoint_id in seen:
                raise SpecError(
                    f"duplicate endpoint id {endpoint_id} (also in {seen[endpoint_id]})",
                    Path(file),
                    line,
                )
            seen[endpoint_id] = file
        if result.spec_error:
            _raise(result.spec_error)
    failures = sorted((r.render_error for r in results if r.render_error), key=lambda f: f[0])
    if failures:  # the first endpoint, in id order, whose samples do not render
        _raise(failures[0][1])
    drift = Drift()
    produced: set[str] = set()
    for result in results:
        drift.changed.update(result.drift.changed)
        drift.missing += result.drift.missing
        produced.update(result.produced)
    drift.changed = dict(sorted(drift.changed.items()))
    drift.missing.sort()
    drift.extra = sorted(files_on_disk(out) - produced)
    return drift
