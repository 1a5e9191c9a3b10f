"""Start-up stays light: what ``--help`` and an unchanged ``check`` import, and the caches
that make it so (compiled templates, catalogs and spec validation, keyed on content)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from generator.cli import main as cli
from generator.errors import SpecError
from generator.output import pipeline
from generator.sources import load_spec
from tests.conftest import copy_specs

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("jinja2", "jsonschema", "yaml", "babel", "trustme", "markdown_it", "tree_sitter")


def _imported_by(args: list[str], cache: Path) -> set[str]:
    """The modules a ``samplegen ARGS`` process has imported when it exits."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('MODULES', ' '.join(sorted(sys.modules)), "
        "file=sys.stderr))\n"
        "from generator.cli.main import main\n"
        f"main({args!r})\n"
    )
    env = {**os.environ, "SAMPLEGEN_CACHE": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


def _heavy(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in HEAVY}


def test_help_imports_no_command_module_and_nothing_heavy(tmp_path: Path) -> None:
    modules = _imported_by(["--help"], tmp_path)
    assert not _heavy(modules)
    lazy = {target.split(":")[0] for target in cli.LAZY_COMMANDS.values()}
    assert not lazy & modules
    assert "generator.output.pipeline" not in modules


def test_a_second_check_of_unchanged_specs_imports_no_validator_nor_babel(tmp_path: Path) -> None:
    first = _imported_by(["check"], tmp_path)
    assert "jsonschema" in first  # nothing cached yet: every spec is validated
    assert "jinja2" in first  # and every sample rendered
    # Without check's remembered answer (results/), the specs' validation and the compiled
    # catalogs are still cached: the check renders, but validates nothing and needs no Babel.
    for entry in (tmp_path / "check" / "results").iterdir():
        entry.unlink()
    rendering = _imported_by(["check"], tmp_path)
    assert "jinja2" in rendering  # it did render
    assert not {name.split(".")[0] for name in _heavy(rendering)} - {"jinja2", "yaml"}
    # And with it, nothing that decides the samples changed: nothing heavy at all.
    answered = _imported_by(["check"], tmp_path)
    assert not _heavy(answered), _heavy(answered)
    assert (
        "generator.render.samples" not in answered and "generator.output.pipeline" not in answered
    )


def test_lazy_help_is_each_commands_own_short_help() -> None:
    ctx = click.Context(cli.main)
    for name in cli.LAZY_COMMANDS:
        command = cli.main.get_command(ctx, name)
        assert command is not None
        assert cli.LAZY_HELP[name] == command.get_short_help_str(1000), name


def test_cli_defaults_are_the_pipelines() -> None:
    assert cli.DEFAULT_SPECS == pipeline.DEFAULT_SPECS
    assert cli.DEFAULT_OUT == pipeline.DEFAULT_OUT


def test_a_spec_validated_once_is_still_refused_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMPLEGEN_CACHE", str(tmp_path / "cache"))
    spec = copy_specs(tmp_path, "chat-completions.yaml") / "chat-completions.yaml"
    text = spec.read_text("utf-8")
    spec.write_text(text, "utf-8")
    load_spec(spec)
    assert list((tmp_path / "cache" / "check" / "valid").iterdir())  # the result is cached
    load_spec(spec)  # and found again
    spec.write_text(text.replace("method: POST", "method: Post"), "utf-8")
    with pytest.raises(SpecError, match="method"):
        load_spec(spec)
    with pytest.raises(SpecError, match="method"):  # failures are never cached
        load_spec(spec)


def test_the_validation_key_follows_the_content_not_the_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMPLEGEN_CACHE", str(tmp_path / "cache"))
    copy_specs(tmp_path)  # the API-level file the spec inherits
    spec = tmp_path / "a.yaml"
    text = (ROOT / "specs" / "chat-completions.yaml").read_text("utf-8")
    spec.write_text(text, "utf-8")
    load_spec(spec)
    spec.write_text("# a comment changes nothing\n" + text, "utf-8")
    load_spec(spec)
    # one entry for the spec (as it inherits), one for the API-level file
    assert len(list((tmp_path / "cache" / "check" / "valid").iterdir())) == 2
