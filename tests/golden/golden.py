"""Golden cases: hostile specs rendered in every language and variant, compared as text.

Regenerate the expected files only on purpose: ``make goldens`` (never inside a test run).
"""

from __future__ import annotations

from pathlib import Path

from generator.output.writer import write_tree
from generator.render.samples import Sample, render_all
from generator.sources import load_specs

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"


def render_cases() -> list[Sample]:
    """Every golden case rendered with every variant that supports its API style."""
    return render_all(load_specs(CASES))


def regenerate() -> None:
    """Rewrite tests/golden/expected from the current templates."""
    report = write_tree(EXPECTED, {s.relpath: s.text for s in render_cases()})
    print(f"goldens: {len(report.written)} written, {len(report.removed)} removed")


if __name__ == "__main__":
    regenerate()
