"""The importable core behind the CLI: generate and check an output folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from typing import TYPE_CHECKING

from generator.i18n import DEFAULT_LOCALE
from generator.render.registry import variant as find_variant
from generator.render.environment import DEFAULT_TEMPLATES, TemplateDirs
from generator.render.samples import Sample, render_all, render_editions, render_matrix
from generator.render.selection import EVERYTHING, Selection
from generator.sources import load_specs
from generator.output.writer import Drift, WriteReport, diff_tree, write_tree

if TYPE_CHECKING:
    from generator.sources.openapi import Imported

DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("output")


def render_tree(
    specs: Path = DEFAULT_SPECS,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    languages: Iterable[str] | None = None,
    region: str | None = None,
    locale: str | None = None,
    selection: Selection = EVERYTHING,
) -> list[Sample]:
    """Load and validate every spec, then render every sample in memory.

    Without ``region`` and ``locale`` this is the whole matrix (default edition, other
    regions, other locales, as far as ``selection`` keeps them); with either, just that one
    edition in the plain layout.
    """
    endpoints = load_specs(specs)
    selection.check(endpoints)
    languages = languages if languages is not None else selection.languages
    for name in selection.variants or ():
        find_variant(name)  # an unknown name is an error, not an empty selection
    if region is None and locale is None:
        if selection == EVERYTHING:
            samples = render_matrix(endpoints, templates, languages)
        else:
            samples = render_editions(endpoints, selection.editions, templates, languages)
    else:
        samples = render_all(endpoints, templates, languages, region, locale or DEFAULT_LOCALE)
    return [s for s in samples if selection.keeps(s)]


FAMILY_ONLY = "it calls "  # an SDK variant and an API of another family: not news


def decline_notes(
    specs: Path = DEFAULT_SPECS,
    languages: Iterable[str] | None = None,
    selection: Selection = EVERYTHING,
    verbose: bool = False,
) -> list[str]:
    """One line per variant and reason: how many endpoints it does not render, and why
    (the ids too when ``verbose``), of the variants ``languages`` and ``selection`` keep: a
    project that renders one language hears nothing about the others. An SDK variant that
    does not speak an endpoint's API family says nothing: that is what it is for."""
    from generator.render.registry import declines, variants

    chosen = [
        v
        for v in variants(languages if languages is not None else selection.languages)
        if not selection.variants or v.name in selection.variants
    ]
    grouped: dict[tuple[str, str], list[str]] = {}
    for endpoint in load_specs(specs):
        for variant, reason in declines(endpoint, chosen):
            if variant.is_sdk and reason.startswith(FAMILY_ONLY):
                continue
            shown = endpoint.id
            if reason.startswith("it can call only"):
                shown += f" ({endpoint.operation or 'no operation'})"
            grouped.setdefault((variant.name, reason), []).append(shown)
    return [
        f"{name} declines {', '.join(ids) if verbose else _count(len(ids), 'endpoint')}: {reason}"
        for (name, reason), ids in grouped.items()
    ]


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def import_notes(specs: Path = DEFAULT_SPECS, verbose: bool = False) -> list[str]:
    """What the OpenAPI documents of ``specs`` gave: per document one line of counts, then
    one line per skip reason (with the operations when ``verbose``), and warnings."""
    from generator.sources import import_reports

    notes = []
    for imported in import_reports(specs):
        notes += summary_notes(imported, verbose)
    return notes


def summary_notes(imported: Imported, verbose: bool = False) -> list[str]:
    """The notes of one document's import (see :func:`import_notes`)."""
    notes = []
    report = imported.report
    line = f"{imported.source}: {_count(len(imported.specs), 'endpoint')} imported"
    if report.left_out:
        reasons: dict[str, int] = {}
        for _, why in report.left_out:
            reasons[why] = reasons.get(why, 0) + 1
        kinds = ", ".join(f"{n} {why}" for why, n in reasons.items())
        line += f", {_count(len(report.left_out), 'operation')} left out ({kinds})"
    if report.skipped:
        line += f", {_count(len(report.skipped), 'operation')} skipped"
    notes.append(line)
    by_reason: dict[str, list[str]] = {}
    for label, reason in report.skipped:
        by_reason.setdefault(reason, []).append(label)
    for reason, labels in by_reason.items():
        what = "; ".join(labels) if verbose or len(labels) == 1 else _count(len(labels), "operation")
        notes.append(f"{imported.source}: skipped {what}: {reason}")
    for warning in report.warnings if verbose else report.warnings[:5]:
        notes.append(f"{imported.source}: {warning}")
    if not verbose and len(report.warnings) > 5:
        notes.append(f"{imported.source}: {len(report.warnings) - 5} more warnings (--verbose)")
    return notes


def generate(
    specs: Path = DEFAULT_SPECS,
    out: Path = DEFAULT_OUT,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    region: str | None = None,
    locale: str | None = None,
    selection: Selection = EVERYTHING,
) -> WriteReport:
    """Render everything first, then write it; a failure leaves ``out`` untouched."""
    samples = render_tree(specs, templates, region=region, locale=locale, selection=selection)
    return write_tree(out, {s.relpath: s.text for s in samples})


def check(
    specs: Path = DEFAULT_SPECS,
    out: Path = DEFAULT_OUT,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    region: str | None = None,
    locale: str | None = None,
    selection: Selection = EVERYTHING,
) -> Drift:
    """Render in memory and report how ``out`` differs from it (on every core when there
    are many specs and everything is rendered, see :mod:`generator.output.parallel`)."""
    from generator.output.parallel import check_parallel, jobs_for, spec_files

    from generator.sources import documents_in

    if (
        selection == EVERYTHING
        and specs.is_dir()
        and not documents_in(specs)  # workers read spec files; a document is read whole
        and (jobs := jobs_for(len(spec_files(specs)))) > 1
    ):
        return check_parallel(specs, out, templates, region, locale, jobs)
    samples = render_tree(specs, templates, region=region, locale=locale, selection=selection)
    return diff_tree(out, {s.relpath: s.text for s in samples})
