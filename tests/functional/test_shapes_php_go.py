"""Every shape fixture of the grown spec format (tests/fixtures/shapes) through the PHP curl
and Go net/http samples, in every region of its spec, against the mock: the harness's
success verdict (the exact request, the printed answer) and its invalid-key and documented
error verdicts. ``samplegen verify --lang php --lang go`` on that folder does the same for
every edition; this keeps it in the test suite."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.harness.runner import HarnessSession, SampleJob
from generator.render.registry import ALL_SHAPES, variant
from generator.sources import load_specs
from tests.conftest import SHAPES
from tests.functional.fuzz_support import render_job, run_and_judge

VARIANTS = ("php-curl", "go-nethttp")
ENDPOINTS = load_specs(SHAPES)


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


def test_the_fixtures_show_every_shape_and_both_variants_render_them() -> None:
    assert set().union(*(e.shapes for e in ENDPOINTS)) == ALL_SHAPES
    for name in VARIANTS:
        assert variant(name).shapes == ALL_SHAPES
        assert [e.id for e in ENDPOINTS if variant(name).decline_reason(e)] == []


@pytest.mark.parametrize("name", VARIANTS)
@pytest.mark.parametrize(
    ("endpoint", "region"),
    [(e, r.key) for e in ENDPOINTS for r in e.regions],
    ids=lambda x: x if isinstance(x, str) else x.id,
)
def test_each_shape_runs_against_the_mock(
    session: HarnessSession, tmp_path: Path, endpoint, region: str, name: str
) -> None:
    edition = dataclasses.replace(endpoint, default_region=region)
    job = render_job(tmp_path, edition, name)
    run_and_judge(session, SampleJob(edition, job.variant, job.path, probe_errors=True))
