"""The importable core behind the CLI: generate and check an output folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.render import DEFAULT_TEMPLATES, Sample, render_all
from generator.spec_loader import load_specs
from generator.writer import Drift, WriteReport, diff_tree, write_tree

DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("output")


def render_tree(
    specs: Path = DEFAULT_SPECS,
    templates: Path = DEFAULT_TEMPLATES,
    languages: Iterable[str] | None = None,
) -> list[Sample]:
    """Load and validate every spec, then render every sample in memory."""
    return render_all(load_specs(specs), templates, languages)


def generate(
    specs: Path = DEFAULT_SPECS, out: Path = DEFAULT_OUT, templates: Path = DEFAULT_TEMPLATES
) -> WriteReport:
    """Render everything first, then write it; a failure leaves ``out`` untouched."""
    samples = render_tree(specs, templates)
    return write_tree(out, {s.relpath: s.text for s in samples})


def check(
    specs: Path = DEFAULT_SPECS, out: Path = DEFAULT_OUT, templates: Path = DEFAULT_TEMPLATES
) -> Drift:
    """Render in memory and report how ``out`` differs from it."""
    samples = render_tree(specs, templates)
    return diff_tree(out, {s.relpath: s.text for s in samples})
