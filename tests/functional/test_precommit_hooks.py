"""The pre-commit hooks in another repository: the local hooks `init` writes (they run the
installed samplegen), or the hooks of a copy of this repository at a tag (as a team would take
them from a repository that publishes releases; `init --hooks-repo` checks the tag exists).
Either way a commit that changes a spec without re-syncing the page that shows it is stopped,
and the hook's first lines say what drifted and the command that fixes it."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from generator import __version__
from tests.conftest import ROOT
from tests.functional.installed import clean_env, ok, run

pytestmark = pytest.mark.installed

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
SAMPLEGEN = [sys.executable, "-m", "generator"]
TAG = f"v{__version__}"


def git_env(tmp: Path) -> dict[str, str]:
    return clean_env(
        GIT_AUTHOR_NAME="Docs Writer",
        GIT_AUTHOR_EMAIL="writer@example.invalid",
        GIT_COMMITTER_NAME="Docs Writer",
        GIT_COMMITTER_EMAIL="writer@example.invalid",
        GIT_CONFIG_GLOBAL=str(tmp / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        PATH=f"{PRE_COMMIT.parent}:{clean_env()['PATH']}",
    )


def hooks_repository(target: Path, env: dict[str, str]) -> Path:
    """This repository as a release would be: its files (the working tree, so the test sees
    uncommitted edits too) committed in a new repository and tagged like a release."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT)
    for rel in filter(None, listed.stdout.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    ok(["git", "init", "-q", "-b", "main"], target, env)
    ok(["git", "add", "-A"], target, env)
    ok(["git", "commit", "-q", "-m", "release"], target, env)
    ok(["git", "tag", "-a", TAG, "-m", f"samplegen {__version__}"], target, env)
    return target


@pytest.mark.parametrize("hooks", ["local", "tagged repository"])
def test_a_spec_change_without_a_synced_page_is_blocked(tmp_path: Path, hooks: str) -> None:
    env = git_env(tmp_path)
    docs = tmp_path / "docs-repo"
    docs.mkdir()
    ok(["git", "init", "-q", "-b", "main"], docs, env)
    if hooks == "local":
        ok([*SAMPLEGEN, "init"], docs, env)
        assert "repo: local" in (docs / ".pre-commit-config.yaml").read_text()
    else:
        repository = hooks_repository(tmp_path / "samplegen", env)
        ok([*SAMPLEGEN, "init", "--hooks-repo", str(repository)], docs, env)
        assert f"rev: {TAG}" in (docs / ".pre-commit-config.yaml").read_text()
    ok([*SAMPLEGEN, "generate"], docs, env)
    ok([*SAMPLEGEN, "sync"], docs, env)
    ok([str(PRE_COMMIT), "install"], docs, env)
    ok(["git", "add", "-A"], docs, env)
    first = ok(["git", "commit", "-m", "docs with generated samples"], docs, env)
    assert "samplegen sync --check" in first and "Passed" in first

    # A spec-only commit: the samples are regenerated, the page is not.
    spec = docs / "specs" / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max"))
    ok([*SAMPLEGEN, "generate"], docs, env)
    ok(["git", "add", "specs", "samples"], docs, env)
    blocked = run(["git", "commit", "-m", "use qwen-max"], docs, env)
    said = blocked.stdout + blocked.stderr  # git shows the hooks' output on stderr
    assert blocked.returncode != 0, said
    assert re.search(r"^samplegen check \(.*\.Passed$", said, re.M), said
    assert re.search(r"^samplegen sync --check \(.*\.Failed$", said, re.M), said
    hook = said.split("samplegen sync --check (", 1)[1]
    # First what drifted and the command that fixes it, then the blocks, then the diff.
    lines = [line for line in hook.splitlines() if line.strip()]
    assert lines[3:5] == [
        "1 block(s) in 1 page(s) out of date; run: samplegen sync",
        "  docs/api.md:6 (chat-completions tabs)",
    ], hook
    assert re.search(r'^\+\s+model="qwen-max",$', said, re.M), said
    assert "use qwen-max" not in ok(["git", "log", "--format=%s"], docs, env)

    ok([*SAMPLEGEN, "sync"], docs, env)
    ok(["git", "add", "docs"], docs, env)
    ok(["git", "commit", "-m", "use qwen-max"], docs, env)
    assert "qwen-max" in ok(["git", "show", "HEAD:docs/api.md"], docs, env)
