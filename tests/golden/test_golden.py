"""Each hostile case (case x language x variant) renders exactly as its committed golden file."""

from __future__ import annotations

import pytest

from generator.output.writer import read_manifest
from tests.golden.golden import EXPECTED, render_cases

SAMPLES = render_cases()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.relpath for s in SAMPLES])
def test_sample_matches_its_golden(sample) -> None:
    golden = EXPECTED / sample.relpath
    assert golden.is_file(), f"missing golden {golden}: run `make goldens` and review the diff"
    assert sample.text == golden.read_text(encoding="utf-8")


def test_no_golden_is_left_without_a_case() -> None:
    produced = {s.relpath for s in SAMPLES}
    assert set(read_manifest(EXPECTED)) == produced
