"""``samplegen init`` (start a docs project) and ``samplegen guide`` (print a packaged guide)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path

import click

from generator import __version__
from generator.config import CONFIG_FILE, DOCS_SYSTEMS
from generator.errors import SamplegenError
from generator.resources import example_api, example_spec, guides

EXAMPLE_ENDPOINT = "chat-completions"
# Written as the hooks' repository when the package names none (no Project-URL Repository).
UNKNOWN_REPOSITORY = "<samplegen repository URL>"


def hooks_repository() -> str | None:
    """The repository the installed package says it comes from (``[project.urls]``
    Repository or Source in pyproject.toml), where pre-commit takes the hooks."""
    try:
        urls = metadata.metadata("samplegen").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in {"repository", "source"}:
            return url.strip()
    return None


def markdown_page(endpoint: str) -> str:
    """A Markdown page with one tabbed block of every language's sample of ``endpoint``
    (the marker syntax of `samplegen guide docs-workflows`)."""
    return (
        f"# {endpoint}\n\n"
        "The samples below are generated from the spec; `samplegen sync` rewrites the block\n"
        "between the markers, and the pre-commit hook stops a stale page.\n\n"
        f"<!-- samplegen: {endpoint} tabs -->\n"
        "<!-- /samplegen -->\n"
    )


# docs system -> (the page's path in the project, the writer of its text). Each system gets
# the Markdown markers for now; a system with its own syntax adds its writer here.
PAGE_WRITERS: dict[str, tuple[str, Callable[[str], str]]] = {
    system: ("docs/api.md", markdown_page) for system in DOCS_SYSTEMS
}


def config_text(docs_system: str, page: str) -> str:
    """The ``samplegen.toml`` that ``init`` writes: every key, the optional ones commented."""
    docs_folder = page.rsplit("/", 1)[0]
    return f"""\
# samplegen project config (paths are relative to this file). Flags override it.
# Reference: `samplegen guide docs-workflows` and the README of samplegen.
specs = "specs"       # one YAML spec per endpoint
output = "samples"    # where `samplegen generate` writes the samples
docs = ["{docs_folder}"]     # pages `samplegen sync` and `sync --check` use when given none
docs_system = "{docs_system}"
# template_overrides = "templates"  # a file here replaces the packaged template of that path
# languages = ["python", "node", "curl"]  # render only these languages
# variants = ["python-openai"]  # render only these variants
# regions = []          # other regions of the matrix (default: every region)
# locales = ["ja"]      # other comment locales of the matrix (default: all)
"""


def precommit_text(repository: str) -> str:
    """A ``.pre-commit-config.yaml`` running samplegen's hooks at this version's tag."""
    return f"""\
repos:
  - repo: {repository}
    rev: v{__version__}
    hooks:
      - id: samplegen-check       # the generated samples match the specs and templates
      - id: samplegen-sync-check  # the marked blocks of the docs pages match the specs
"""


def project_files(docs_system: str, repository: str) -> dict[str, bytes]:
    """Every file ``init`` writes, by path relative to the project folder."""
    page, writer = PAGE_WRITERS[docs_system]
    return {
        CONFIG_FILE: config_text(docs_system, page).encode(),
        f"specs/{example_api().name}": example_api().read_bytes(),
        f"specs/{example_spec().name}": example_spec().read_bytes(),
        page: writer(EXAMPLE_ENDPOINT).encode(),
        ".pre-commit-config.yaml": precommit_text(repository).encode(),
    }


def write_new_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` below ``root``, all or nothing: an existing file is an error naming it
    (before anything is written), and a failure part-way removes what was written."""
    for rel in files:
        if (root / rel).exists():
            raise SamplegenError("already exists; init writes only new files", root / rel)
    written: list[Path] = []
    created: list[Path] = []
    try:
        for rel, data in files.items():
            target = root / rel
            for parent in reversed(target.relative_to(root).parents):
                folder = root / parent
                if not folder.exists():
                    folder.mkdir()
                    created.append(folder)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.link(tmp, target)  # fails if the file appeared meanwhile: never overwrites
            os.unlink(tmp)
            written.append(target)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise


@click.command()
@click.argument(
    "folder", default=".", type=click.Path(path_type=Path, file_okay=False, exists=False)
)
@click.option(
    "--docs",
    "docs_system",
    type=click.Choice(DOCS_SYSTEMS),
    default="mkdocs",
    show_default=True,
    help="The docs system of the project (decides the markers of the example page).",
)
@click.option(
    "--hooks-repo",
    default=None,
    help="Repository (URL or path) the .pre-commit-config.yaml takes the hooks from. "
    "Default: the repository the installed package names.",
)
def init(folder: Path, docs_system: str, hooks_repo: str | None) -> None:
    """Start a samplegen project in FOLDER (default: the current folder).

    Writes samplegen.toml, an example spec (specs/chat-completions.yaml and the API-level
    specs/_api.yaml it inherits), a docs page with markers and a .pre-commit-config.yaml
    using samplegen's hooks. Refuses to overwrite any existing file (exit 2 naming it,
    nothing written).
    """
    repository = hooks_repo or hooks_repository()
    folder.mkdir(parents=True, exist_ok=True)
    files = project_files(docs_system, repository or UNKNOWN_REPOSITORY)
    write_new_files(folder, files)
    for rel in files:
        click.echo(f"wrote {folder / rel}")
    if repository is None:
        click.echo(
            f"note: set repo: in {folder / '.pre-commit-config.yaml'} to samplegen's "
            "repository (this install names none), or run init with --hooks-repo",
            err=True,
        )
    cd = [] if folder.resolve() == Path.cwd().resolve() else [f"cd {folder}"]
    click.echo("\nnext:")
    for command in [
        *cd,
        "samplegen generate        # render the samples into samples/",
        "samplegen sync            # write them into the docs pages",
        "samplegen verify --lang python --lang curl   # run them against the mock",
        "pre-commit install        # stop commits that leave a page or a sample stale",
    ]:
        click.echo(f"  {command}")


@click.command()
@click.argument("name", required=False)
@click.option("--path", "show_path", is_flag=True, help="Print where the guide is installed.")
def guide(name: str | None, show_path: bool) -> None:
    """Print one of the guides installed with samplegen (without NAME: list them).

    \b
    samplegen guide docs-workflows    # markers, sync, audit, hooks
    samplegen guide kits              # starter kits
    """
    found = guides()
    if name is None:
        for key, path in found.items():
            click.echo(f"{key:16} {path}")
        return
    if name not in found:
        raise SamplegenError(f"unknown guide {name!r} (known: {', '.join(found)})")
    click.echo(found[name] if show_path else found[name].read_text(encoding="utf-8"), nl=False)
    if show_path:
        click.echo("")
