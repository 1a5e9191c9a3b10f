"""The ``samplegen kit`` command: starter kits (a thin layer over :mod:`generator.kits`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.main import specs_option, templates_option
from generator.errors import EXIT_DRIFT, SamplegenError
from generator.i18n import DEFAULT_LOCALE, LOCALES
from generator.kits import check_kit, find_kits, plan, render_kits, write_kits
from generator.sources import load_specs


@click.command()
@click.argument("lang", required=False)
@click.option("--endpoint", "endpoint_ids", multiple=True, help="Endpoint id (repeatable).")
@click.option("--variant", help="Variant of LANG (openai, requests, ...). Default: per endpoint.")
@click.option("--region", help="Region key. Default: each spec's default region.")
@click.option(
    "--locale",
    type=click.Choice(list(LOCALES)),
    default=DEFAULT_LOCALE,
    show_default=True,
    help="Language of the comments and messages.",
)
@click.option("--all", "every", is_flag=True, help="Every language and variant.")
@click.option("--zip", "as_zip", is_flag=True, help="Write OUT/<kit>.zip archives, not folders.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Where kits go.")
@click.option(
    "--check",
    "check_path",
    type=click.Path(path_type=Path),
    help="Tell whether the kit (folder or .zip), or the kits in this folder, are current.",
)
@specs_option
@templates_option
def kit(
    lang: str | None,
    endpoint_ids: tuple[str, ...],
    variant: str | None,
    region: str | None,
    locale: str,
    every: bool,
    as_zip: bool,
    out: Path | None,
    check_path: Path | None,
    specs: Path,
    templates: Path,
) -> None:
    """Write starter kits: one runnable project per endpoint around the generated sample.

    \b
    samplegen kit python --endpoint chat-completions --out kits/
    samplegen kit --all --zip --out site/downloads/
    samplegen kit --check kits/chat-completions-python-openai

    Each kit goes to OUT/<endpoint>-<language>[-<variant>]/ (or a .zip of that folder)
    and records what it was made from in samplegen-kit.json; --check re-renders it from
    that manifest and exits 1 naming the stale files.
    """
    endpoints = load_specs(specs)
    if check_path is not None:
        if lang or every or out or endpoint_ids or variant or region or as_zip:
            raise SamplegenError("--check takes only a path (and --specs/--templates)")
        _check(check_path, endpoints, templates)
        return
    if out is None:
        raise SamplegenError("--out is required (the folder the kits are written to)")
    requests = plan(
        endpoints,
        lang,
        endpoint_ids=endpoint_ids,
        variant=variant,
        region=region,
        locale=locale,
        every=every,
    )
    kits = render_kits(requests, endpoints, templates)  # everything in memory first
    report = write_kits(kits, out, as_zip)
    for path in report.paths:
        click.echo(f"kit: {path}")
    click.echo(f"{len(kits)} kit(s): {report.written} written, {report.unchanged} unchanged")


def _check(path: Path, endpoints: list, templates: Path) -> None:
    stale = 0
    for found in find_kits(path):
        status = check_kit(found, endpoints, templates)
        if status.fresh:
            click.echo(f"up to date: {found}")
            continue
        stale += 1
        click.echo(f"stale: {found}")
        if status.problem:
            click.echo(f"  {status.problem}")
        for rel in status.changed:
            click.echo(f"  changed: {rel}")
        for rel in status.missing:
            click.echo(f"  missing: {rel}")
        for rel in status.obsolete:
            click.echo(f"  no longer generated: {rel}")
    if stale:
        click.echo(f"{stale} kit(s) out of date; make them again with samplegen kit", err=True)
        sys.exit(EXIT_DRIFT)
