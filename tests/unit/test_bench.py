"""The benchmark's own inputs stay true to the product: the f-string floor writes exactly
what the templates write, and every synthetic spec of the scale curve is a valid, distinct
spec (a bench that fails after a template or spec change is found here, not at bench time)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from floor import FLOORS, check_floor  # noqa: E402
from synthetic import write_distinct_specs  # noqa: E402

from generator.render.environment import make_environment  # noqa: E402
from generator.render.registry import variant  # noqa: E402
from generator.render.samples import render_sample  # noqa: E402
from generator.sources import load_specs  # noqa: E402

SPECS = ROOT / "specs"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_floor_writes_the_templates_bytes(name: str) -> None:
    endpoint = next(e for e in load_specs(SPECS) if e.id == "chat-completions")
    chosen = variant(name)
    check_floor(endpoint, chosen, render_sample(make_environment(), endpoint, chosen))


def test_the_scale_curves_specs_are_valid_and_distinct(tmp_path: Path) -> None:
    paths = write_distinct_specs(SPECS, tmp_path, 120)
    endpoints = load_specs(tmp_path)
    assert len(endpoints) == len(paths) == 120
    bodies = {repr((e.request_example, [f.path for f in e.files])) for e in endpoints}
    assert len(bodies) == 120, "two synthetic specs share a request"
