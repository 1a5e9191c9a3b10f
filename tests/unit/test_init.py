"""`samplegen init` starts a working project in each docs system and never overwrites;
`guide` prints the packaged guides; packaged files and the cache folder are found where an
installed tool expects them. (The real builds of each system: tests/docs_tools/.)"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import __version__
from generator.cli.init import write_new_files
from generator.cli.main import main
from generator.config import DOCS_SYSTEMS, load_config
from generator.docs.site import PRISM_LANGUAGES
from generator.errors import SamplegenError
from generator.harness.runner import default_cache
from generator.resources import example_spec, guides, templates_dir
from generator.sources import load_specs
from tests.conftest import ROOT, SPECS

OWN = {"samplegen.toml", "specs/_api.yaml", "specs/chat-completions.yaml", "docs/api.md"}
FILES = OWN | {"mkdocs.yml", ".pre-commit-config.yaml", ".gitignore"}
# docs system -> (the page, its opening marker, the site's files)
SYSTEM_FILES = {
    "mkdocs": ("docs/api.md", "<!-- samplegen: chat-completions tabs -->", {"mkdocs.yml"}),
    "docusaurus": (
        "docs/api.mdx",
        "{/* samplegen: chat-completions tabs */}",
        {"package.json", "docusaurus.config.js"},
    ),
    "sphinx": (
        "docs/api.rst",
        ".. samplegen: chat-completions tabs",
        {"docs/conf.py", "docs/index.rst"},
    ),
    "sphinx-tabs": (
        "docs/api.rst",
        ".. samplegen: chat-completions tabs",
        {"docs/conf.py", "docs/index.rst"},
    ),
    "myst": (
        "docs/api.md",
        "<!-- samplegen: chat-completions tabs -->",
        {"docs/conf.py", "docs/index.md"},
    ),
    "markdown": ("docs/api.md", "<!-- samplegen: chat-completions tabs -->", set()),
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAMPLEGEN_CONFIG", raising=False)
    return tmp_path


def test_init_writes_a_project_every_command_can_use(here: Path) -> None:
    result = run("init")
    assert result.exit_code == 0, result.output
    assert set(tree(here)) == FILES
    assert "next (MkDocs Material):" in result.output and "samplegen sync" in result.output
    config = load_config()
    assert config.specs == Path("specs") and config.docs == (Path("docs"),)
    assert [e.id for e in load_specs(config.specs)] == ["chat-completions"]
    hooks = yaml.safe_load((here / ".pre-commit-config.yaml").read_text())
    (repo,) = hooks["repos"]
    # Local hooks that run the installed samplegen: no repository or tag that does not exist.
    assert repo["repo"] == "local" and "rev" not in repo
    assert [h["id"] for h in repo["hooks"]] == ["samplegen-check", "samplegen-sync-check"]
    published = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    for hook in repo["hooks"]:
        shared = ("entry", "pass_filenames", "always_run")
        assert {k: hook[k] for k in shared} == {k: published[hook["id"]][k] for k in shared}
        assert hook["language"] == "system"
    assert "<" not in (here / ".pre-commit-config.yaml").read_text(), "no placeholder"
    assert run("generate").exit_code == 0
    assert run("sync").exit_code == 0
    assert run("sync", "--check").exit_code == 0 and run("check").exit_code == 0


def test_the_example_spec_is_the_shipped_one(here: Path) -> None:
    assert run("init").exit_code == 0
    shipped = (SPECS / "chat-completions.yaml").read_bytes()
    assert (here / "specs" / "chat-completions.yaml").read_bytes() == shipped
    assert (here / "specs" / "_api.yaml").read_bytes() == (SPECS / "_api.yaml").read_bytes()


@pytest.mark.parametrize("existing", sorted(OWN))
def test_init_refuses_to_overwrite_and_writes_nothing(here: Path, existing: str) -> None:
    (here / existing).parent.mkdir(parents=True, exist_ok=True)
    (here / existing).write_text("mine\n")
    before = tree(here)
    result = run("init")
    assert result.exit_code == 2
    assert result.output == f"error: {existing}: already exists; init writes only new files\n"
    assert tree(here) == before


def test_a_site_file_that_exists_is_kept_and_init_says_what_it_lacks(here: Path) -> None:
    (here / "mkdocs.yml").write_text("site_name: Ours\nmarkdown_extensions:\n  - admonition\n")
    (here / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = run("init")
    assert result.exit_code == 0, result.output
    assert (here / "mkdocs.yml").read_text().startswith("site_name: Ours")
    assert (here / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "kept mkdocs.yml:2: the samplegen pages need pymdownx.superfences" in result.output
    assert "      alternate_style: true" in result.output
    assert "kept .pre-commit-config.yaml: add samplegen's hooks" in result.output
    assert "entry: samplegen sync --check" in result.output


@pytest.mark.parametrize("system", DOCS_SYSTEMS)
def test_init_writes_each_docs_systems_page_and_site_and_they_sync_clean(
    here: Path, system: str
) -> None:
    result = run("init", "--docs", system, "project")
    assert result.exit_code == 0, result.output
    page, marker, site = SYSTEM_FILES[system]
    project = here / "project"
    assert f'docs_system = "{system}"' in (project / "samplegen.toml").read_text()
    assert marker in (project / page).read_text()
    written = set(tree(project))
    assert site <= written and {page, ".pre-commit-config.yaml"} <= written
    assert "next (" in result.output and "cd project" in result.output
    for path in written:  # files of a repository, not secrets
        assert (project / path).stat().st_mode & 0o044 == 0o044, path

    os.chdir(project)
    assert run("generate").exit_code == 0
    synced = run("sync")
    assert synced.exit_code == 0, synced.output
    check = run("sync", "--check")
    assert check.exit_code == 0 and "up to date" in check.output, check.output


def test_the_docusaurus_site_highlights_every_language_samplegen_renders(here: Path) -> None:
    assert run("init", "--docs", "docusaurus").exit_code == 0
    config = (here / "docusaurus.config.js").read_text()
    assert set(PRISM_LANGUAGES) == {"bash", "php", "csharp", "java"}
    assert "additionalLanguages: ['bash', 'php', 'csharp', 'java']" in config
    assert "slug: /" in (here / "docs/api.mdx").read_text()


def test_old_system_names_are_aliases_with_a_note(here: Path) -> None:
    result = CliRunner().invoke(main, ["init", "--docs", "rst"])
    assert result.exit_code == 0, result.output
    assert "note: 'rst' is now called 'sphinx'" in result.output
    assert 'docs_system = "sphinx"' in (here / "samplegen.toml").read_text()
    wrong = run("init", "--docs", "hugo", "other")
    assert wrong.exit_code == 2 and "one of mkdocs, docusaurus, sphinx" in wrong.output


def test_include_mode_is_not_offered_for_plain_markdown(here: Path) -> None:
    result = run("init", "--docs", "markdown", "--include")
    assert result.exit_code == 2 and "plain Markdown has no include" in result.output
    assert tree(here) == {}


def test_a_failure_part_way_removes_what_was_written(tmp_path: Path) -> None:
    files = {"a/first.txt": b"1", "a/first.txt/second.txt": b"2"}  # a file as a folder
    with pytest.raises(OSError):
        write_new_files(tmp_path, files)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_named_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "late.txt").write_text("x")
    with pytest.raises(SamplegenError, match=r"late\.txt: already exists"):
        write_new_files(tmp_path, {"early.txt": b"1", "late.txt": b"2"})
    assert not (tmp_path / "early.txt").exists()


def test_guide_lists_and_prints_the_packaged_guides(here: Path) -> None:
    listing = run("guide")
    assert "docs-workflows" in listing.output and "audit-schema" in listing.output
    page = run("guide", "docs-workflows")
    assert page.exit_code == 0 and page.output == guides()["docs-workflows"].read_text()
    assert run("guide", "nope").exit_code == 2


def test_from_a_checkout_the_top_level_folders_are_used() -> None:
    # Running from the source tree (editable install): the repo's own files, not a copy.
    assert templates_dir() == ROOT / "templates"
    assert example_spec() == ROOT / "specs" / "chat-completions.yaml"
    assert guides()["kits"] == ROOT / "docs" / "kits.md"


def test_the_cache_follows_samplegen_cache(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAMPLEGEN_CACHE", str(tmp_path / "c"))
    assert default_cache() == tmp_path / "c"


def test_without_samplegen_cache_the_cache_is_the_user_cache_folder(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SAMPLEGEN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert default_cache() == tmp_path / "xdg" / "samplegen"
    assert not (tmp_path / ".cache").exists()


def _tagged_repository(folder: Path, tag: str) -> Path:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "PATH": "/usr/bin:/bin", "HOME": str(folder)}  # fmt: skip
    folder.mkdir()
    for args in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "r"], ["tag", tag]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True)
    return folder


def test_a_hooks_repository_is_used_only_with_a_tag_it_has(here: Path) -> None:
    hooks = _tagged_repository(here / "hooks", f"v{__version__}")
    result = run("init", "--hooks-repo", str(hooks), "project")
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((here / "project" / ".pre-commit-config.yaml").read_text())
    assert config["repos"][0]["repo"] == str(hooks)
    assert config["repos"][0]["rev"] == f"v{__version__}"
    missing = run("init", "--hooks-repo", str(hooks), "--hooks-rev", "v9.9.9", "other")
    assert missing.exit_code == 2
    assert "has no tag or branch 'v9.9.9'" in missing.output
    assert not (here / "other").exists()
