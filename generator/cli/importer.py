"""``samplegen import``: write the YAML specs an OpenAPI document gives, one per endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from generator.cli.main import project_config
from generator.errors import SamplegenError

MAX_PROBLEMS = 5  # openapi-spec-validator findings printed (the count says how many more)


@click.command("import")
@click.argument("document", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder the YAML specs are written to (created if missing).",
)
@click.option("--force", is_flag=True, help="Replace spec files that exist with other content.")
@click.option(
    "--validate/--no-validate",
    default=True,
    show_default=True,
    help="Check the document with openapi-spec-validator and print what it finds "
    "(a problem does not stop the import; it can take seconds on a large document).",
)
@click.option(
    "--api-file/--no-api-file",
    default=True,
    show_default=True,
    help="Write what the specs share (regions, auth, errors...) once, into OUT/_api.yaml, "
    "which every spec of the folder inherits.",
)
@click.option("--verbose", "-v", is_flag=True, help="Name every operation skipped or left out.")
def import_command(
    document: Path, out: Path, force: bool, validate: bool, api_file: bool, verbose: bool
) -> None:
    """Write the YAML specs an OpenAPI document gives, one per endpoint, into OUT.

    The specs render exactly the samples the document renders (byte for byte), for a team
    that wants to own and edit them. Operations the document cannot give are skipped with
    their reason; the config's [openapi] table chooses what is imported.
    """
    from generator.output.writer import atomic_write
    from generator.sources.openapi import is_document, read_document
    from generator.sources.openapi.dump import api_yaml, factor, spec_yaml

    if not is_document(document):
        raise SamplegenError("not an OpenAPI document (no openapi: at its top level)", document)
    settings = project_config().openapi
    if validate:
        for problem in document_problems(document):
            click.echo(f"warning: {problem}", err=True)
    imported = read_document(document, settings)
    specs = [data for data, _ in imported.specs]
    api, specs = factor(specs) if api_file else ({}, specs)
    files: dict[Path, bytes] = {}
    if api:
        files[out / "_api.yaml"] = api_yaml(api, document).encode("utf-8")
    for data, (_, line) in zip(specs, imported.specs, strict=True):
        files[out / f"{data['id']}.yaml"] = spec_yaml(data, document, line).encode("utf-8")
    clashes = [path for path, text in files.items() if path.is_file() and path.read_bytes() != text]
    if clashes and not force:
        names = ", ".join(str(p) for p in clashes[:3]) + (" ..." if len(clashes) > 3 else "")
        raise SamplegenError(
            f"{len(clashes)} spec file(s) exist with other content ({names}); "
            "nothing was written (--force replaces them)",
            out,
        )
    out.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        atomic_write(path, text)
    from generator.output.pipeline import summary_notes

    for note in summary_notes(imported, verbose):
        click.echo(f"note: {note}", err=True)
    written = len(files) - (1 if api else 0)
    also = " and _api.yaml" if api else ""
    click.echo(f"{written} spec(s){also} written to {out}/")


def document_problems(document: Path) -> list[str]:
    """What openapi-spec-validator finds wrong with ``document``, located (file:line)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    from generator.sources.openapi import text as doc_text

    raw = document.read_bytes()
    data = doc_text.parse(raw, document)
    version = str(data.get("openapi", "")) if isinstance(data, dict) else ""
    cls = OpenAPIV30SpecValidator if version.startswith("3.0") else OpenAPIV31SpecValidator
    problems: list[str] = []
    lines: dict[Any, int] | None = None
    count = 0
    try:
        for error in cls(data, base_uri=document.resolve().as_uri()).iter_errors():
            count += 1
            if len(problems) >= MAX_PROBLEMS:
                continue
            lines = lines if lines is not None else doc_text.lines_of(raw, document)
            where = tuple(getattr(error, "absolute_path", ()) or ())
            line = doc_text.line_for(lines, where)
            message = str(getattr(error, "message", error)).splitlines()[0][:200]
            problems.append(f"{document}:{line or 1}: not valid OpenAPI: {message}")
    except Exception as err:
        problems.append(f"{document}: openapi-spec-validator stopped: {err}"[:300])
    if count > MAX_PROBLEMS:
        problems.append(f"{document}: {count - MAX_PROBLEMS} more problems")
    return problems
