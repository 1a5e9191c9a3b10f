"""The docs commands of the CLI, `sync` and `audit`: thin click layers over generator.docs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.cli import specs_option, templates_option
from generator.docs import audit as audit_core
from generator.docs import audit_fix, audit_sarif
from generator.docs.sync import sync_paths
from generator.errors import EXIT_BAD_INPUT, EXIT_DRIFT
from generator.i18n import DEFAULT_LOCALE, LOCALES

_paths = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False)
)


@click.command()
@_paths
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 with a diff of each stale block."
)
@specs_option
@templates_option
@click.option(
    "--region",
    default=None,
    help="Region of markers that name none (default: each spec's default region).",
)
@click.option(
    "--locale",
    type=click.Choice(list(LOCALES)),
    default=DEFAULT_LOCALE,
    show_default=True,
    help="Language of the samples' comments and messages.",
)
def sync(
    paths: tuple[Path, ...],
    check: bool,
    specs: Path,
    templates: Path,
    region: str | None,
    locale: str,
) -> None:
    """Replace the code between samplegen markers in Markdown files with generated samples.

    PATHS are Markdown files or folders (searched for *.md and *.markdown). Every other
    byte of each file is kept. See docs/docs-workflows.md for the marker syntax.
    """
    results = sync_paths(paths, specs, templates, check=check, region=region, locale=locale)
    blocks = sum(len(r.markers) for r in results)
    stale = [r for r in results if r.changes]
    if not check:
        for result in stale:
            click.echo(f"updated: {result.path} ({len(result.changes)} block(s))")
        click.echo(f"{len(stale)} file(s) updated; {blocks} block(s) in {len(results)} file(s)")
        return
    if not stale:
        click.echo(f"{blocks} block(s) in {len(results)} file(s) are up to date")
        return
    for result in stale:
        for change in result.changes:
            click.echo(f"stale: {result.path}:{change.marker.line} ({change.marker.name})")
            click.echo(change.diff, nl=False)
    total = sum(len(r.changes) for r in stale)
    options = [f"--region {region}"] if region else []
    options += [f"--locale {locale}"] if locale != DEFAULT_LOCALE else []
    command = " ".join(["samplegen sync", *options, *map(str, paths)])
    click.echo(f"{total} block(s) out of date; run: {command}", err=True)
    sys.exit(EXIT_DRIFT)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="text for people, json for machines (schema: generator/audit.schema.json), "
    "sarif (SARIF 2.1.0) for code scanning.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*audit_core.SEVERITIES, "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding has this severity or a higher one.",
)
@click.option(
    "--run",
    "run",
    is_flag=True,
    help="Also run every recognised sample, as pasted, against the mock (success path and "
    "an invalid key).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=None,
    help="Seconds one run of a sample may take (--run; default: the language's own limit, "
    "as verify: 60, Java 90, curl and PHP 30).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Samples run at a time (--run).",
)
@click.option(
    "--fix",
    "fix",
    type=click.Path(path_type=Path, exists=False),
    default=None,
    metavar="PAGE",
    help="Rewrite PAGE: every recognised sample becomes a sync-marked block of the generated "
    "sample (text outside the samples is kept byte for byte).",
)
@click.option(
    "--locale",
    type=click.Choice(list(LOCALES)),
    default=DEFAULT_LOCALE,
    show_default=True,
    help="--fix: language of the generated samples' comments (sync needs the same --locale).",
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Dependency cache for --run (default: $SAMPLEGEN_CACHE or ./.cache).",
)
@specs_option
@templates_option
def audit(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str,
    run: bool,
    timeout: float | None,
    jobs: int,
    fix: Path | None,
    locale: str,
    cache: Path | None,
    specs: Path,
    templates: Path,
) -> None:
    """Find the code samples in hand-written docs and report where they disagree with the specs.

    PATHS are Markdown or plain-text files, or folders (searched for *.md, *.markdown, *.txt).
    With --run each recognised sample is also run as pasted against the mock; with --fix PAGE
    the page's samples are replaced by sync-marked generated samples. Rules, ignore markers and
    CI set-up: docs/audit.md.
    """
    if fix is not None:
        if paths:
            raise click.UsageError("--fix PAGE takes one page and no other PATHS")
        result = audit_fix.fix_page(fix, specs, templates, locale)
        for line in result.messages():
            click.echo(line)
        return
    if not paths:
        raise click.UsageError("give PATHS to audit, or --fix PAGE")

    def progress(text: str) -> None:
        if fmt == "text":
            click.echo(text, err=True)

    report = audit_core.audit_paths(
        paths, specs, run=run, cache=cache, timeout=timeout, progress=progress, jobs=jobs
    )
    if not report.samples:
        where = ", ".join(map(str, paths))
        click.echo(f"error: {where}: no code sample that calls the API was found", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "sarif":
        click.echo(json.dumps(audit_sarif.to_sarif(report), ensure_ascii=False, indent=2))
    else:
        click.echo(report.to_text(), nl=False)
    if report.fails(fail_on):
        sys.exit(EXIT_DRIFT)
