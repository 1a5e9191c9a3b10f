"""The ``samplegen`` command line: a thin click layer over :mod:`generator.pipeline`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from generator import __version__, pipeline
from generator.errors import EXIT_DRIFT, SamplegenError
from generator.i18n import LOCALES
from generator.render import DEFAULT_TEMPLATES

specs_option = click.option(
    "--specs",
    type=click.Path(path_type=Path, file_okay=False),
    default=pipeline.DEFAULT_SPECS,
    show_default=True,
    help="Folder of endpoint specs (*.yaml).",
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=pipeline.DEFAULT_OUT,
    show_default=True,
    help="Folder the samples are written to.",
)
templates_option = click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_TEMPLATES,
    show_default="the project's templates/",
    help="Folder of Jinja templates, one subfolder per language and variant.",
)


region_option = click.option(
    "--region",
    default=None,
    help="Only this region's edition (a key of the specs' regions, e.g. intl, cn), in the "
    "plain layout. Default: the whole matrix (every region and locale).",
)
locale_option = click.option(
    "--locale",
    type=click.Choice(list(LOCALES)),
    default=None,
    help="Only this comment locale's edition, in the plain layout. Default: the whole matrix.",
)


# Commands that live in their own modules, imported only when used (fast start-up):
# name -> "module:attribute". Add a line here to register a new command module.
LAZY_COMMANDS = {
    "audit": "generator.cli_docs:audit",
    "kit": "generator.cli_kit:kit",
    "mock": "generator.cli_harness:mock",
    "sync": "generator.cli_docs:sync",
    "verify": "generator.cli_harness:verify",
}


class Group(click.Group):
    """Turns :class:`SamplegenError` into one line on stderr and its exit code, and loads
    the commands of :data:`LAZY_COMMANDS` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SamplegenError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="samplegen")
def main() -> None:
    """Generate, check and run API code samples from one spec per endpoint."""


@main.command()
@specs_option
@out_option
@templates_option
@region_option
@locale_option
def generate(
    specs: Path, out: Path, templates: Path, region: str | None, locale: str | None
) -> None:
    """Render every sample and write it into the output folder.

    By default the whole matrix: the default region in English at the top, other regions
    under regions/<key>/, other comment locales under locales/<code>/. Writing is all or
    nothing: every sample is rendered in memory first, so a bad spec or template leaves
    the output folder as it was. Files a previous run generated that are no longer
    produced are removed.
    """
    report = pipeline.generate(specs, out, templates, region, locale)
    for note in pipeline.decline_notes(specs):
        click.echo(f"note: {note}", err=True)
    click.echo(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed in {out}/"
    )


@main.command()
@specs_option
@out_option
@templates_option
@region_option
@locale_option
def check(specs: Path, out: Path, templates: Path, region: str | None, locale: str | None) -> None:
    """Exit 1 with a diff when the output folder differs from what the specs produce.

    Give the same --region/--locale as the generate run that wrote the folder.
    """
    drift = pipeline.check(specs, out, templates, region, locale)
    if not drift:
        click.echo(f"{out}/ is up to date")
        return
    for rel, diff in drift.changed.items():
        click.echo(f"drifted: {out / rel}")
        click.echo(diff, nl=False)
    for rel in drift.missing:
        click.echo(f"missing: {out / rel}")
    for rel in drift.extra:
        click.echo(f"extra (not generated from the specs): {out / rel}")
    total = len(drift.changed) + len(drift.missing) + len(drift.extra)
    click.echo(f"{total} file(s) out of date; run: make generate", err=True)
    sys.exit(EXIT_DRIFT)


@main.command()
@specs_option
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the document to this file (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default="yaml",
    show_default=True,
    help="Serialization of the document.",
)
def openapi(specs: Path, out_file: Path | None, fmt: str) -> None:
    """Export the specs as one OpenAPI 3.1 document, validated before it is written."""
    import json

    import yaml

    from generator.openapi import build_openapi, validate_openapi
    from generator.spec_loader import load_specs

    document = build_openapi(load_specs(specs))
    validate_openapi(document)
    if fmt == "json":
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    if out_file is None:
        click.echo(text, nl=False)
    else:
        from generator.writer import atomic_write

        atomic_write(out_file, text.encode("utf-8"))
        click.echo(f"wrote {out_file}", err=True)
