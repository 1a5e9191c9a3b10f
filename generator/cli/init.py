"""``samplegen init`` (start a docs project) and ``samplegen guide`` (print a packaged guide).

``init --docs SYSTEM`` writes a project that builds with that system's own tool: the example
spec, a page in the system's syntax, the site's configuration (generator/docs/site.py), a
``samplegen.toml`` naming the system, and a ``.pre-commit-config.yaml`` whose hooks run the
samplegen installed on the machine (``repo: local``): this project publishes no tags, so a
``rev:`` would name nothing that exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import click

from generator import __version__
from generator.config import CONFIG_FILE
from generator.docs import site, systems
from generator.errors import SamplegenError
from generator.resources import example_api, example_spec, guides

EXAMPLE_ENDPOINT = "chat-completions"
PRECOMMIT = ".pre-commit-config.yaml"


class SystemName(click.ParamType):
    """A docs system's name (generator/docs/systems.py); an old name works, with a note."""

    name = "system"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(systems.SYSTEMS) + "]"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            system = systems.canonical(value)
        except systems.UnknownSystem as err:
            self.fail(f"{value!r} is not a docs system: {err}", param, ctx)
        note = systems.alias_note(value)
        if note:
            click.echo(f"note: {note}", err=True)
        return system


# -- the example page, in each system's syntax -------------------------------------------------

_INTRO = (
    "The samples below are generated from the spec; `samplegen sync` rewrites the block\n"
    "between the markers, and the pre-commit hook stops a stale page.\n"
)


def markdown_page(endpoint: str, marker: str = "<!-- samplegen: {} -->") -> str:
    """A Markdown page (MkDocs, MyST, plain) with one tab set of every language's sample."""
    opening = marker.format(f"{endpoint} tabs")
    return f"# {endpoint}\n\n{_INTRO}\n{opening}\n<!-- /samplegen -->\n"


def mdx_page(endpoint: str) -> str:
    """A Docusaurus MDX page: JSX-comment markers (an HTML comment is invalid MDX 3); the
    site's home page (``slug: /``), so that the navbar's link to ``/`` has a page."""
    markers = f"{{/* samplegen: {endpoint} tabs */}}\n{{/* /samplegen */}}\n"
    return f"---\nslug: /\n---\n\n# {endpoint}\n\n{_INTRO}\n{markers}"


def rst_page(endpoint: str) -> str:
    """A Sphinx reST page: comment markers, which Sphinx does not show."""
    intro = _INTRO.replace("`samplegen sync`", "``samplegen sync``")
    return (
        f"{endpoint}\n{'=' * len(endpoint)}\n\n{intro}\n"
        f".. samplegen: {endpoint} tabs\n\n.. /samplegen\n"
    )


def rst_index() -> str:
    """The root page of a Sphinx site: a table of contents naming the API page."""
    return "API samples\n===========\n\n.. toctree::\n\n   api\n"


def myst_index() -> str:
    """The root page of a MyST site."""
    return "# API samples\n\n```{toctree}\napi\n```\n"


@dataclass(frozen=True)
class Layout:
    """What ``init --docs SYSTEM`` writes: the page, and the site's own files."""

    page: str
    page_text: str
    site_files: tuple[tuple[str, str], ...]  # (path, text): kept when they exist already
    site_config: str | None  # the site file `sync --check` reads (None: plain Markdown)
    ignored: tuple[str, ...]  # what the system builds, for .gitignore
    install: str | None  # the command that installs the system's tool
    build: str | None  # its build, at its default strictness


def layout(system: str, include: bool) -> Layout:
    """The files of a new project of ``system`` (``include``: include mode)."""
    page = markdown_page(EXAMPLE_ENDPOINT)
    if system == "mkdocs":
        return Layout(
            "docs/api.md",
            page,
            (("mkdocs.yml", site.mkdocs_yml(include)),),
            "mkdocs.yml",
            ("site/",),
            "pip install mkdocs-material",
            "mkdocs build --strict",
        )
    if system == "docusaurus":
        return Layout(
            "docs/api.mdx",
            mdx_page(EXAMPLE_ENDPOINT),
            (
                ("package.json", site.docusaurus_package(include)),
                ("docusaurus.config.js", site.docusaurus_config()),
            ),
            "docusaurus.config.js",
            ("node_modules", "build/", ".docusaurus/"),
            "npm install",
            "npm run build",
        )
    if system in ("sphinx", "sphinx-tabs"):
        tool = "sphinx-design" if system == "sphinx" else "sphinx-tabs"
        return Layout(
            "docs/api.rst",
            rst_page(EXAMPLE_ENDPOINT),
            (("docs/conf.py", site.sphinx_conf(system)), ("docs/index.rst", rst_index())),
            "docs/conf.py",
            ("docs/_build/",),
            f"pip install sphinx {tool}",
            "sphinx-build -W docs docs/_build/html",
        )
    if system == "myst":
        return Layout(
            "docs/api.md",
            page,
            (("docs/conf.py", site.sphinx_conf(system)), ("docs/index.md", myst_index())),
            "docs/conf.py",
            ("docs/_build/",),
            "pip install sphinx sphinx-design myst-parser",
            "sphinx-build -W docs docs/_build/html",
        )
    return Layout("docs/api.md", page, (), None, (), None, None)


def config_text(docs_system: str, page: str, include: bool) -> str:
    """The ``samplegen.toml`` that ``init`` writes: every key, the optional ones commented."""
    docs_folder = page.rsplit("/", 1)[0]
    mode = 'docs_mode = "include"  # pages include the files of samples/ (default: "inline")\n'
    return f"""\
# samplegen project config (paths are relative to this file). Flags override it.
# Reference: `samplegen guide docs-workflows` and the README of samplegen.
specs = "specs"       # one YAML spec per endpoint
output = "samples"    # where `samplegen generate` writes the samples
docs = ["{docs_folder}"]     # pages `samplegen sync` and `sync --check` use when given none
docs_system = "{docs_system}"  # the marker and tab syntax of sync, sync --check, audit --fix
{mode if include else '# docs_mode = "include"  # pages include the files of samples/'}
# The one edition the site shows (every command and hook follows it):
# region = "cn"         # the region of the samples (default: each spec's default region)
# locale = "ja"         # the language of their comments (default: English)
# languages = ["python", "node", "curl"]  # render (and show in tabs) only these languages
# variants = ["python-openai"]  # render only these variants
# template_overrides = "templates"  # a file here replaces the packaged template of that path
# [docs_system_overrides]   # pages of a mixed site in another system
# "docs/readme" = "markdown"
"""


HOOKS = (
    ("samplegen-check", "samplegen check", "the generated samples match the specs"),
    ("samplegen-sync-check", "samplegen sync --check", "the docs pages match the specs"),
)


def precommit_text(repository: str | None = None, rev: str | None = None) -> str:
    """A ``.pre-commit-config.yaml`` with samplegen's two hooks: local hooks running the
    installed samplegen, or those of ``repository`` at ``rev`` (a tag that exists)."""
    if repository is not None:
        hooks = "".join(f"      - id: {hook}  # {what}\n" for hook, _, what in HOOKS)
        return f"repos:\n  - repo: {repository}\n    rev: {rev}\n    hooks:\n{hooks}"
    hooks = "".join(
        f"      - id: {hook}\n"
        f"        name: {entry} ({what})\n"
        f"        entry: {entry}\n"
        "        language: system\n"
        "        pass_filenames: false\n"
        "        always_run: true\n"
        for hook, entry, what in HOOKS
    )
    return (
        "# samplegen's hooks run the samplegen installed on this machine (the one on PATH when\n"
        "# you commit: pipx install samplegen-*.whl, or the virtualenv you commit from).\n"
        "# Both run on every commit: a commit that changes only a spec must check the pages.\n"
        f"repos:\n  - repo: local\n    hooks:\n{hooks}"
    )


def checked_rev(repository: str, rev: str) -> str:
    """``rev`` if ``repository`` has it (``git ls-remote``); else an error saying so."""
    git = shutil.which("git")
    if git is None:
        raise SamplegenError("--hooks-repo needs git to check the repository has " + rev)
    try:
        done = subprocess.run(
            [git, "ls-remote", "--tags", "--heads", repository, rev],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SamplegenError(f"--hooks-repo: {repository} did not answer in 60 s") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git ls-remote failed"])[-1]
        raise SamplegenError(f"--hooks-repo: cannot read {repository}: {reason}")
    if not done.stdout.strip():
        raise SamplegenError(
            f"--hooks-repo: {repository} has no tag or branch {rev!r}; give one it has with "
            "--hooks-rev, or leave out --hooks-repo for hooks that run the installed samplegen"
        )
    return rev


def own_files(system: str, include: bool) -> dict[str, bytes]:
    """The files ``init`` refuses to overwrite: config, example spec, the page."""
    where = layout(system, include)
    return {
        CONFIG_FILE: config_text(system, where.page, include).encode(),
        f"specs/{example_api().name}": example_api().read_bytes(),
        f"specs/{example_spec().name}": example_spec().read_bytes(),
        where.page: where.page_text.encode(),
    }


def project_files(
    docs_system: str, repository: str | None = None, rev: str | None = None, include: bool = False
) -> dict[str, bytes]:
    """Every file ``init`` writes in an empty folder, by path relative to it."""
    where = layout(docs_system, include)
    files = own_files(docs_system, include)
    for path, text in where.site_files:
        files[path] = text.encode()
    files[PRECOMMIT] = precommit_text(repository, rev).encode()
    if where.ignored:
        files[".gitignore"] = "".join(f"{entry}\n" for entry in where.ignored).encode()
    return files


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
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not pages
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


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _kept_note(folder: Path, system: str, rel: str, include: bool) -> str:
    """What to tell about a site file that exists already: what it lacks, or that it is fine."""
    path = folder / rel
    if rel == PRECOMMIT:
        return f"kept {path}: add samplegen's hooks to it:\n" + "".join(
            f"    {line}\n" for line in precommit_text().splitlines()[3:]
        )
    if rel == ".gitignore":
        return f"kept {path}"
    if rel not in (layout(system, include).site_config,):
        return f"kept {path}"
    from generator.docs.sync.formats import docs_format_for

    page = layout(system, include).page
    needs = site.Needs(
        tabs=True,
        includes=include,
        infos=set(site.PRISM_LANGUAGES) | {"python", "javascript", "go"},
        formats={docs_format_for(Path(page), system).name},
    )
    problems = site.check_site(system, path, needs)
    if not problems:
        return f"kept {path} (it has what the samplegen pages need)"
    return "kept " + "".join(p.text() for p in problems).rstrip("\n")


@click.command()
@click.argument(
    "folder", default=".", type=click.Path(path_type=Path, file_okay=False, exists=False)
)
@click.option(
    "--docs",
    "docs_system",
    type=SystemName(),
    default="mkdocs",
    show_default=True,
    help="The docs system of the project: its page syntax, site configuration and build.",
)
@click.option(
    "--include",
    is_flag=True,
    help="Include mode: the pages include the generated files (MkDocs snippets, Sphinx "
    "literalinclude, Docusaurus CodeBlock) instead of holding their text.",
)
@click.option(
    "--hooks-repo",
    default=None,
    metavar="URL",
    help="Take the hooks from this git repository (it must have --hooks-rev) instead of "
    "running the installed samplegen (the default: local hooks).",
)
@click.option(
    "--hooks-rev",
    default=f"v{__version__}",
    show_default=True,
    help="With --hooks-repo: the tag or branch the hooks come from (checked with git).",
)
def init(
    folder: Path, docs_system: str, include: bool, hooks_repo: str | None, hooks_rev: str
) -> None:
    """Start a samplegen project in FOLDER (default: the current folder).

    Writes samplegen.toml, an example spec (specs/chat-completions.yaml and the API-level
    specs/_api.yaml it inherits), a docs page with
    markers in the docs system's syntax, the site's configuration (mkdocs.yml, conf.py,
    docusaurus.config.js and package.json) and a .pre-commit-config.yaml whose hooks run
    the installed samplegen. Refuses to overwrite samplegen's own files (exit 2 naming one,
    nothing written); a site file or hook config that exists is kept, and init says what
    it lacks.
    """
    if include and docs_system == "markdown":
        raise SamplegenError(
            "--include: plain Markdown has no include (CommonMark); pick mkdocs, docusaurus, "
            "sphinx or myst, or leave out --include"
        )
    rev = checked_rev(hooks_repo, hooks_rev) if hooks_repo else None
    files = project_files(docs_system, hooks_repo, rev, include)
    mine = own_files(docs_system, include)
    kept = [rel for rel in files if rel not in mine and (folder / rel).exists()]
    folder.mkdir(parents=True, exist_ok=True)
    write_new_files(folder, {rel: data for rel, data in files.items() if rel not in kept})
    for rel in files:
        if rel not in kept:
            click.echo(f"wrote {folder / rel}")
    for rel in kept:
        click.echo(_kept_note(folder, docs_system, rel, include))
    where = layout(docs_system, include)
    steps = [] if folder.resolve() == Path.cwd().resolve() else [f"cd {folder}"]
    if where.install:
        steps.append(f"{where.install:<26}# the docs tool")
    steps += [
        "samplegen generate        # render the samples into samples/",
        "samplegen sync            # write them into the docs pages",
    ]
    if where.build:
        steps.append(f"{where.build:<26}# build the site, as strict as it gets")
    else:
        steps.append(f"# {where.page} renders as it is on GitHub and GitLab")
    steps.append("samplegen verify --lang python --lang curl   # run them against the mock")
    if not _in_git_repository(folder):
        steps.append("git init")
    steps.append("pre-commit install        # the hooks stop commits that leave a page stale")
    click.echo(f"\nnext ({systems.LABELS[docs_system]}):")
    for step in steps:
        click.echo(f"  {step}")


def _in_git_repository(folder: Path) -> bool:
    here = folder.resolve()
    return any((p / ".git").exists() for p in (here, *here.parents))


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
