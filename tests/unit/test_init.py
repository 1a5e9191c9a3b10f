"""`samplegen init` starts a working project and never overwrites; `guide` prints the packaged
guides; packaged files and the cache folder are found where an installed tool expects them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import __version__
from generator.cli.init import hooks_repository, write_new_files
from generator.cli.main import main
from generator.config import DOCS_SYSTEMS, load_config
from generator.errors import SamplegenError
from generator.harness.runner import default_cache
from generator.resources import example_spec, guides, templates_dir
from generator.sources import load_specs
from tests.conftest import ROOT, SPECS

FILES = {
    "samplegen.toml",
    "specs/_api.yaml",
    "specs/chat-completions.yaml",
    "docs/api.md",
    ".pre-commit-config.yaml",
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
    assert "next:" in result.output and "samplegen sync" in result.output
    config = load_config()
    assert config.specs == Path("specs") and config.docs == (Path("docs"),)
    assert [e.id for e in load_specs(config.specs)] == ["chat-completions"]
    hooks = yaml.safe_load((here / ".pre-commit-config.yaml").read_text())
    (repo,) = hooks["repos"]
    assert repo["rev"] == f"v{__version__}"
    assert [h["id"] for h in repo["hooks"]] == ["samplegen-check", "samplegen-sync-check"]
    ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {h["id"] for h in repo["hooks"]} <= ids
    assert run("generate").exit_code == 0
    assert run("sync").exit_code == 0
    assert run("sync", "--check").exit_code == 0 and run("check").exit_code == 0


def test_the_example_spec_is_the_shipped_one(here: Path) -> None:
    assert run("init").exit_code == 0
    shipped = (SPECS / "chat-completions.yaml").read_bytes()
    assert (here / "specs" / "chat-completions.yaml").read_bytes() == shipped
    assert (here / "specs" / "_api.yaml").read_bytes() == (SPECS / "_api.yaml").read_bytes()


@pytest.mark.parametrize("existing", sorted(FILES))
def test_init_refuses_to_overwrite_and_writes_nothing(here: Path, existing: str) -> None:
    (here / existing).parent.mkdir(parents=True, exist_ok=True)
    (here / existing).write_text("mine\n")
    before = tree(here)
    result = run("init")
    assert result.exit_code == 2
    assert result.output == f"error: {existing}: already exists; init writes only new files\n"
    assert tree(here) == before


@pytest.mark.parametrize("system", DOCS_SYSTEMS)
def test_init_accepts_every_docs_system(here: Path, system: str) -> None:
    assert run("init", "--docs", system, "project").exit_code == 0
    assert f'docs_system = "{system}"' in (here / "project" / "samplegen.toml").read_text()
    assert "<!-- samplegen: chat-completions tabs -->" in (here / "project/docs/api.md").read_text()


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


def test_the_hooks_repository_is_the_one_given(here: Path) -> None:
    assert run("init", "--hooks-repo", "https://git.example.invalid/samplegen").exit_code == 0
    hooks = yaml.safe_load((here / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["repo"] == "https://git.example.invalid/samplegen"


def test_without_a_known_repository_init_says_what_to_set(here: Path) -> None:
    result = run("init")
    if hooks_repository() is None:  # this checkout's pyproject.toml names no Repository URL
        assert "note: set repo: in .pre-commit-config.yaml" in result.output
        assert "<samplegen repository URL>" in (here / ".pre-commit-config.yaml").read_text()
    else:
        assert hooks_repository() in (here / ".pre-commit-config.yaml").read_text()
