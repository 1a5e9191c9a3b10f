"""The docs commands of the CLI, `sync` and `audit`: thin click layers over generator.docs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator.cli.drift import DIFF_SHOWN, report_drift
from generator.cli.init import SystemName
from generator.cli.main import project_config, rerun_hint, specs_option, templates_option
from generator.docs import systems
from generator.docs.audit import fix as audit_fix
from generator.docs.audit import report as audit_core
from generator.docs.audit import sarif as audit_sarif
from generator.docs.site import SITE_FILES
from generator.docs.sync.formats import docs_format_for
from generator.docs.sync.pages import sync_paths
from generator.errors import EXIT_BAD_INPUT, EXIT_DRIFT, SamplegenError
from generator.i18n import DEFAULT_LOCALE, LOCALES
from generator.render.environment import TemplateDirs

_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))


def docs_paths(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """``paths``, or the project config's ``docs`` when none are given."""
    if paths:
        return paths
    config = project_config()
    if config.docs:
        return config.docs
    where = f" (none in {config.path})" if config.path else " (no samplegen.toml found)"
    raise SamplegenError(f"no PATHS given and no docs paths in the project config{where}")


@click.command()
@_paths
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 when a block (or what it needs) is stale."
)
@click.option(
    "--diff",
    "full_diff",
    is_flag=True,
    help=f"--check: show the whole diff (by default the first {DIFF_SHOWN} lines).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the marked blocks of endpoints no spec has any more (markers and content).",
)
@click.pass_context
@specs_option
@templates_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Include mode: the folder generate writes (config key: output).",
)
@click.option(
    "--region",
    default=None,
    help="Region of markers that name none (default: the config's region, else each spec's "
    "default region).",
)
@click.option(
    "--locale",
    type=click.Choice(list(LOCALES)),
    default=DEFAULT_LOCALE,
    show_default=True,
    help="Language of the samples' comments and messages (default: the config's locale).",
)
@click.option(
    "--format",
    "formats",
    type=SystemName(),
    multiple=True,
    help="Docs system of the pages (repeatable: the first that reads a page's suffix wins). "
    "Default: the config's docs_system and docs_system_overrides, else by suffix "
    "(.md mkdocs, .mdx docusaurus, .rst sphinx).",
)
def sync(
    ctx: click.Context,
    paths: tuple[Path, ...],
    check: bool,
    full_diff: bool,
    prune: bool,
    specs: Path,
    templates: TemplateDirs,
    out: Path,
    region: str | None,
    locale: str,
    formats: tuple[str, ...],
) -> None:
    """Replace the code between samplegen markers in docs pages with generated samples.

    PATHS are pages or folders (searched for *.md, *.markdown, *.mdx and *.rst): MkDocs
    Material, Docusaurus MDX, Sphinx reST or MyST, plain Markdown, each with its own markers
    and tabs (the config's docs_system decides); default: the docs paths of the project
    config. Every other byte of each page is kept. No marker at all is an error. The marker
    syntax: `samplegen guide docs-workflows`.
    """
    from generator.docs.sync.pages import INLINE, SampleSource, site_problems

    config = project_config()
    paths = docs_paths(paths)
    choice = systems.SystemChoice(
        given=formats, default=config.docs_system, overrides=config.docs_system_overrides
    )
    edition = (config.region, config.locale) if (config.region or config.locale) else None
    source = SampleSource(
        specs,
        templates,
        region,
        locale,
        languages=config.languages or None,
        variant_names=config.variants or None,
        out=out,
        edition=edition,
        matrix=(config.regions, config.locales),
        mode=config.docs_mode or INLINE,
    )
    results = sync_paths(paths, formats=choice, source=source, check=check, prune=prune)
    site = site_problems(results, choice)
    blocks = sum(len(r.markers) for r in results)
    stale = [r for r in results if r.changes]
    files = [f for r in results for f in r.stale_files]

    def notes() -> None:
        for page, system in site.unchecked:
            names = " or ".join(SITE_FILES[system])
            click.echo(
                f"note: {page}: no {names} found above it, so nothing checked that the "
                f"{system} site loads what its samplegen blocks need",
                err=True,
            )

    generate = "samplegen generate"
    if not check:
        for result in stale:
            for change in result.changes:
                if change.name.endswith("removed"):
                    click.echo(f"removed: {result.path}:{change.line} ({change.name})")
            click.echo(f"updated: {result.path} ({len(result.changes)} block(s))")
        click.echo(f"{len(stale)} file(s) updated; {blocks} block(s) in {len(results)} file(s)")
        for problem in site.problems:
            click.echo(f"warning: {problem.text()}", err=True, nl=False)
        for f in files:
            state = "missing" if f.missing else "out of date"
            click.echo(f"note: {f.path} ({f.page}:{f.line}) is {state}; run: {generate}", err=True)
        notes()
        return
    if not stale and not files and not site.problems:
        click.echo(f"{blocks} block(s) in {len(results)} file(s) are up to date")
        notes()
        return
    given = tuple(map(str, ctx.params["paths"]))  # none: the config's docs paths again
    fix = rerun_hint(ctx, words=("--prune", *given) if prune else given)
    flags = ("--check", "--diff", *(("--prune",) if prune else ()))
    full = rerun_hint(ctx, words=(*flags, *given))
    if stale:
        total = sum(len(r.changes) for r in stale)
        report_drift(
            f"{total} block(s) in {len(stale)} page(s) out of date; run: {fix}",
            [f"{r.path}:{c.line} ({c.name})" for r in stale for c in r.changes],
            [c.diff for r in stale for c in r.changes],
            full_diff,
            full,
        )
    if files:
        report_drift(
            f"{len(files)} generated file(s) the pages include are missing or out of date; "
            f"run: {generate}",
            [
                f"{f.path}: {'missing' if f.missing else 'differs from the specs'} "
                f"(included by {f.page}:{f.line})"
                for f in files
            ],
            [],
            full_diff,
            full,
        )
    if site.problems:
        click.echo(
            f"{len(site.problems)} site configuration(s) lack what the samplegen pages need; "
            "add the lines shown:"
        )
        for problem in site.problems:
            click.echo(f"  {problem.text()}", nl=False)
    notes()
    sys.exit(EXIT_DRIFT)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="text for people, json for machines (JSON Schema: `samplegen guide audit-schema`), "
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
    help="Dependency cache for --run (default: $SAMPLEGEN_CACHE, else the user cache folder).",
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

    PATHS are Markdown or plain-text files, or folders (searched for *.md, *.markdown, *.txt);
    default: the docs paths of the project config.
    With --run each recognised sample is also run as pasted against the mock; with --fix PAGE
    the page's samples are replaced by sync-marked generated samples. Rules, ignore markers and
    CI set-up: `samplegen guide audit`.
    """
    if fix is not None:
        if paths:
            raise click.UsageError("--fix PAGE takes one page and no other PATHS")
        config = project_config()
        choice = systems.SystemChoice(
            default=config.docs_system, overrides=config.docs_system_overrides
        )
        fmt = docs_format_for(fix, choice)
        result = audit_fix.fix_page(fix, specs, templates, locale, fmt, config.region)
        for line in result.messages():
            click.echo(line)
        return
    paths = docs_paths(paths)

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
