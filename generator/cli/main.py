"""The ``samplegen`` command line: a thin click layer over :mod:`generator.output.pipeline`."""

from __future__ import annotations

import functools
import importlib
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from generator import __version__
from generator.config import Config, load_config
from generator.errors import EXIT_BAD_INPUT, EXIT_DRIFT, SamplegenError
from generator.i18n import LOCALES
from generator.render.registry import LANGUAGES, VARIANTS

if TYPE_CHECKING:
    from generator.render.environment import TemplateDirs
    from generator.render.selection import Selection

CONFIG_KEY = "samplegen.config"  # where the project config sits in click's ctx.meta
WITHOUT_CONFIG = {"init", "guide"}  # commands that do not read a project config


def _pipeline() -> Any:
    """generator.output.pipeline, imported on first use (it loads Jinja, YAML and the schema
    validator, which ``--help`` and the lazy commands' listing never need)."""
    from generator.output import pipeline

    return pipeline


def _default_templates() -> Path:
    from generator.resources import templates_dir  # what render.DEFAULT_TEMPLATES is

    return templates_dir()


# pipeline.DEFAULT_SPECS and DEFAULT_OUT (a test checks they agree), without importing it.
DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("output")

specs_option = click.option(
    "--specs",
    type=click.Path(path_type=Path),
    default=DEFAULT_SPECS,
    show_default=True,
    help="Folder of endpoint specs (*.yaml) and OpenAPI documents, or one OpenAPI document.",
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder the samples are written to.",
)


def templates_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--templates`` and ``--template-overrides``, handed to the command as one
    ``templates`` value: the override folder first, so its files shadow the templates."""

    @functools.wraps(command)
    def with_templates(
        *args: Any, templates: Path, template_overrides: Path | None, **kwargs: Any
    ) -> Any:
        return command(*args, templates=template_dirs(templates, template_overrides), **kwargs)

    with_templates = click.option(
        "--template-overrides",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="Folder of your own templates: a file here replaces the template of the same "
        "path (e.g. python/openai/main.py.j2). Config key: template_overrides.",
    )(with_templates)
    return click.option(
        "--templates",
        type=click.Path(path_type=Path, file_okay=False),
        default=_default_templates,  # evaluated when a command runs
        show_default="the templates samplegen ships",
        help="Folder of Jinja templates, one subfolder per language and variant.",
    )(with_templates)


def template_dirs(templates: Path, overrides: Path | None) -> TemplateDirs:
    """The folders templates are looked up in, the override folder first.

    A file of the override folder that replaces no template would be silently unused: it
    is an error (a misspelt ``python/openai/mian.py.j2``), told at the config line when the
    project config named the folder.
    """
    if overrides is None:
        return templates
    for file in sorted(overrides.rglob("*")):
        rel = file.relative_to(overrides)
        if file.is_dir() or any(part.startswith(".") for part in rel.parts):
            continue
        if not (templates / rel).is_file():
            config = project_config()
            named = config.path is not None and config.template_overrides == overrides
            line = config.lines.get("template_overrides") if named else None
            where, at = (config.path, line) if line else (file, None)
            known = [t.relative_to(templates).as_posix() for t in templates.rglob("*.j2")]
            from difflib import get_close_matches  # only on this error path

            close = get_close_matches(rel.as_posix(), known, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise SamplegenError(
                f"template_overrides: {rel.as_posix()} replaces no template{hint} (an override "
                "has the path of the template it replaces)",
                where,
                at,
            )
    return (overrides, templates)


languages_option = click.option(
    "--lang",
    "languages",
    multiple=True,
    type=click.Choice([lang.key for lang in LANGUAGES]),
    help="Only this language (repeatable). Default: all, or the config's languages.",
)
variants_option = click.option(
    "--variant",
    "variant_names",
    multiple=True,
    type=click.Choice([v.name for v in VARIANTS]),
    help="Only this variant (repeatable). Default: all, or the config's variants.",
)


def project_config(ctx: click.Context | None = None) -> Config:
    """The project config the running command was started with (``Config()`` if none)."""
    ctx = ctx or click.get_current_context()
    return ctx.meta.get(CONFIG_KEY) or Config()


def rerun_hint(ctx: click.Context, command: str | None = None, words: tuple[str, ...] = ()) -> str:
    """``samplegen COMMAND`` (default: the running one) with the options this run was given
    on the command line, then ``words``: a printed fix that works as written (defaults and
    config values need no repeating)."""
    options: list[str] = []
    for param in ctx.command.params:
        if not isinstance(param, click.Option) or param.name is None:
            continue
        if ctx.get_parameter_source(param.name) is not ParameterSource.COMMANDLINE:
            continue
        value = ctx.params.get(param.name, None)
        if param.is_flag or value is None:
            continue
        name = param.opts[0]
        for item in value if isinstance(value, tuple | list) else (value,):
            options += [name, str(item)]
    return shlex.join(["samplegen", command or ctx.info_name or "", *options, *words])


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
    "audit": "generator.cli.docs:audit",
    "guide": "generator.cli.init:guide",
    "import": "generator.cli.importer:import_command",
    "init": "generator.cli.init:init",
    "junit-merge": "generator.cli.harness:junit_merge",
    "kit": "generator.cli.kit:kit",
    "mock": "generator.cli.harness:mock",
    "sync": "generator.cli.docs:sync",
    "verify": "generator.cli.harness:verify",
}
# Their one-line help in ``samplegen --help``, so listing them imports none of them (a test
# checks each against the command's own docstring). A command missing here is imported.
LAZY_HELP = {
    "audit": "Find the code samples in hand-written docs and report where they disagree with "
    "the specs.",
    "guide": "Print one of the guides installed with samplegen (without NAME: list them).",
    "import": "Write the YAML specs an OpenAPI document gives, one per endpoint, into OUT.",
    "init": "Start a samplegen project in FOLDER (default: the current folder).",
    "junit-merge": "Merge the JUnit reports of verify --shard runs (INPUTS) into OUT.",
    "kit": "Write starter kits: one runnable project per endpoint around the generated sample.",
    "mock": "Serve the mock API in the foreground until Ctrl-C (loopback only).",
    "sync": "Replace the code between samplegen markers in docs pages with generated samples.",
    "verify": "Run every generated sample, unmodified, against the mock; exit 0 only if all pass.",
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's command list, with :data:`LAZY_HELP` for commands not imported yet."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names), default=0)
        rows = []
        for name in names:
            if name in LAZY_HELP and name not in self.commands:
                text = LAZY_HELP[name]
                rows.append((name, click.utils.make_default_short_help(text, limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SamplegenError as err:
            click.echo(f"error: {_located(ctx, err)}", err=True)
            sys.exit(err.exit_code)
        except BrokenPipeError:  # the reader of our output went away (samplegen ... | head)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(128 + 13)  # as if SIGPIPE had ended the process, like any other tool
        except OSError as err:  # a file the core did not expect to fail: still one line
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"error: {where}{err.strerror or err}", err=True)
            sys.exit(EXIT_BAD_INPUT)


def _located(ctx: click.Context, err: SamplegenError) -> SamplegenError:
    """``err``, told at the config line that named its folder or file when the config did
    (``specs = "api/specs"`` that does not exist is the config's error, not the folder's)."""
    config: Config | None = ctx.meta.get(CONFIG_KEY)
    if err.line is not None or config is None or config.path is None:
        return err
    origin = config.origin_of(err.path)
    if origin is None:
        return err
    key, line = origin
    return SamplegenError(f"{key}: {err.message} ({err.path})", config.path, line)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="samplegen")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    envvar="SAMPLEGEN_CONFIG",
    help="Project config to use. Default: the nearest samplegen.toml, or pyproject.toml with "
    "[tool.samplegen], from the current folder upwards.",
)
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """Generate, check and run API code samples from one spec per endpoint.

    Settings come from the project config (see `samplegen init`); flags override it.
    """
    if ctx.invoked_subcommand in WITHOUT_CONFIG:
        return
    config = load_config(config_path)
    ctx.meta[CONFIG_KEY] = config
    from generator.sources.openapi.settings import configure

    configure(config.openapi)  # every command reads documents with the project's settings
    defaults = config.default_map()
    for command, values in (ctx.default_map or {}).items():
        defaults.setdefault(command, {}).update(values)
    ctx.default_map = defaults


def _selection(languages: tuple[str, ...], variant_names: tuple[str, ...]) -> Selection:
    from generator.render.selection import Selection

    config = project_config()
    return Selection(
        languages=languages or None,
        variants=variant_names or None,
        regions=config.regions,
        locales=config.locales,
        origin=config.origins(),
    )


@main.command()
@specs_option
@out_option
@templates_option
@languages_option
@variants_option
@region_option
@locale_option
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Name every endpoint a variant declines and every operation a document skips "
    "(by default each reason is one line with a count).",
)
def generate(
    specs: Path,
    out: Path,
    templates: TemplateDirs,
    languages: tuple[str, ...],
    variant_names: tuple[str, ...],
    region: str | None,
    locale: str | None,
    verbose: bool,
) -> None:
    """Render every sample and write it into the output folder.

    By default the whole matrix: the default region in English at the top, other regions
    under regions/<key>/, other comment locales under locales/<code>/. Writing is all or
    nothing: every sample is rendered in memory first, so a bad spec or template leaves
    the output folder as it was. Files a previous run generated that are no longer
    produced are removed.
    """
    from generator.output import check_cache

    selection = _selection(languages, variant_names)
    report = _pipeline().generate(specs, out, templates, region, locale, selection)
    # The files just rendered are check's answer for these inputs (see check_cache).
    if (key := check_cache.inputs_key(specs, templates, region, locale, selection)) is not None:
        check_cache.remember_folder(key, out, [*report.written, *report.unchanged])
    for note in _pipeline().import_notes(specs, verbose=verbose):
        click.echo(f"note: {note}", err=True)
    for note in _pipeline().decline_notes(specs, selection=selection, verbose=verbose):
        click.echo(f"note: {note}", err=True)
    from generator.translations import stale_translations

    for stale in stale_translations(specs):
        click.echo(
            f"{'note' if stale.recorded is None else 'warning'}: {stale.message()}", err=True
        )
    click.echo(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed in {out}/"
    )


@main.command()
@specs_option
@out_option
@templates_option
@languages_option
@variants_option
@region_option
@locale_option
@click.option(
    "--diff",
    "full_diff",
    is_flag=True,
    help="Show the whole diff (by default the first 60 lines, after the names of the files).",
)
@click.pass_context
def check(
    ctx: click.Context,
    specs: Path,
    out: Path,
    templates: TemplateDirs,
    languages: tuple[str, ...],
    variant_names: tuple[str, ...],
    region: str | None,
    locale: str | None,
    full_diff: bool,
) -> None:
    """Exit 1 with a diff when the output folder differs from what the specs produce.

    Give the same options as the generate run that wrote the folder.
    """
    from generator.output import check_cache
    from generator.output.writer import files_on_disk
    from generator.translations import stale_translations

    selection = _selection(languages, variant_names)
    # A translation of an English text that changed since (remembered per spec content).
    stale = [t for t in stale_translations(specs) if t.recorded is not None]
    # Inputs seen before whose output is unchanged: nothing to render (see check_cache).
    key = check_cache.inputs_key(specs, templates, region, locale, selection)
    if key is not None and check_cache.answers(key, out):
        drift = None
    else:
        drift = _pipeline().check(specs, out, templates, region, locale, selection)
        if not drift and key is not None:
            check_cache.remember_folder(key, out, files_on_disk(out))
    if stale:
        click.echo(
            f"{len(stale)} translation(s) translate an English title or description that "
            "changed since; update each, then set its source as shown:"
        )
        for translation in stale:
            click.echo(f"  {translation.message()}")
    if not drift:
        if not stale:
            click.echo(f"{out}/ is up to date")
            return
        sys.exit(EXIT_DRIFT)
    from generator.cli.drift import report_drift

    names = [f"drifted: {out / rel}" for rel in drift.changed]
    names += [f"missing: {out / rel}" for rel in drift.missing]
    names += [f"extra (not generated from the specs): {out / rel}" for rel in drift.extra]
    report_drift(
        f"{len(names)} file(s) in {out}/ out of date; run: {rerun_hint(ctx, 'generate')}",
        names,
        list(drift.changed.values()),
        full_diff,
        rerun_hint(ctx, words=("--diff",)),
    )
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
@click.option(
    "--code-samples",
    is_flag=True,
    help="Add x-codeSamples to every operation: the samples generate writes (Redoc, Scalar, "
    "ReadMe show them).",
)
@templates_option
def openapi(
    specs: Path, out_file: Path | None, fmt: str, code_samples: bool, templates: Path
) -> None:
    """Export the specs as one OpenAPI 3.1 document, validated before it is written."""
    import json

    import yaml

    from generator.export.openapi import build_openapi, validate_openapi
    from generator.sources import load_specs

    endpoints = load_specs(specs)
    samples = None
    if code_samples:
        from generator.render.samples import render_all

        samples = render_all(endpoints, templates)
    document = build_openapi(endpoints, samples=samples)
    validate_openapi(document)
    if fmt == "json":
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    if out_file is None:
        click.echo(text, nl=False)
    else:
        from generator.output.writer import atomic_write

        atomic_write(out_file, text.encode("utf-8"))
        click.echo(f"wrote {out_file}", err=True)
