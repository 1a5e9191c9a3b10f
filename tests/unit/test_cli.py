"""The CLI contract: generate/check exit codes, one-line errors with file:line, no half-writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.output.pipeline import render_tree
from generator.render.registry import VARIANTS
from tests.conftest import OUTPUT, SPECS, TEMPLATES


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def generated(tmp_path: Path, specs_copy: Path) -> Path:
    out = tmp_path / "out"
    result = run("generate", "--specs", str(specs_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_every_command_has_help() -> None:
    for command in [[], *([name] for name in main.commands)]:
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_generate_is_deterministic(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert run("generate", "--specs", str(SPECS), "--out", str(tmp_path / name)).exit_code == 0
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


def test_output_has_every_language_for_both_endpoints(generated: Path) -> None:
    for endpoint in ("chat-completions", "text-generation"):
        languages = {p.name for p in (generated / endpoint).iterdir()}
        assert languages == {v.language for v in VARIANTS}


def test_check_is_clean_on_the_committed_output() -> None:
    result = run("check", "--specs", str(SPECS), "--out", str(OUTPUT))
    assert result.exit_code == 0, result.output


def test_check_names_every_sample_a_spec_change_affects(generated: Path, specs_copy: Path) -> None:
    spec = specs_copy / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max"))
    result = run("check", "--specs", str(specs_copy), "--out", str(generated), "--diff")
    assert result.exit_code == 1
    drifted = {
        line.split()[-1] for line in result.output.splitlines() if line.startswith("  drifted:")
    }
    expected = {
        str(generated / sample.relpath)
        for sample in render_tree(SPECS)
        if sample.endpoint.id == "chat-completions"
    }
    editions = 5  # the default, the regions cn and us, the locales ja and zh
    assert len(expected) == editions * sum(1 for v in VARIANTS if v.supports("openai-compatible"))
    assert drifted == expected
    # The first line says what drifted and the command that fixes it; names, then the diff.
    assert result.output.splitlines()[0] == (
        f"{len(expected)} file(s) in {generated}/ out of date; "
        f"run: samplegen generate --specs {specs_copy} --out {generated}"
    )
    assert "-" in result.output and "qwen-max" in result.output
    # Without --diff: 20 names, then 60 lines of diff, then how to see the rest.
    short = run("check", "--specs", str(specs_copy), "--out", str(generated)).output.splitlines()
    assert short[21] == f"  ... and {len(expected) - 20} more"
    assert len(short) == 1 + 21 + 1 + 60 + 1
    assert short[-1].endswith(
        f"line(s) of diff; all of it: samplegen check --specs {specs_copy} --out {generated} --diff"
    )


def test_check_names_missing_and_extra_files(generated: Path) -> None:
    victim = generated / "text-generation" / "go" / "nethttp" / "main.go"
    victim.unlink()
    (generated / "stray.txt").write_text("x")
    result = run("check", "--specs", str(SPECS), "--out", str(generated))
    assert result.exit_code == 1
    assert f"missing: {victim}" in result.output
    assert f"extra (not generated from the specs): {generated / 'stray.txt'}" in result.output


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("models:", "modles:", "modles:"),  # a misspelt key
        ("method: POST", "method: [POST", "path:"),  # YAML syntax error (reported where seen)
        ("path: /compatible-mode/v1/chat/completions\n", "", "id:"),  # a missing required field
    ],
)
def test_bad_specs_exit_2_with_one_line_and_write_nothing(
    generated: Path, specs_copy: Path, old: str, new: str, needle: str
) -> None:
    spec = specs_copy / "chat-completions.yaml"
    text = spec.read_text().replace(old, new)
    spec.write_text(text)
    before = _snapshot(generated)
    result = CliRunner().invoke(
        main, ["generate", "--specs", str(specs_copy), "--out", str(generated)]
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    line = next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)
    assert lines[0].startswith(f"error: {spec}:{line}: ")
    assert "Traceback" not in result.output
    assert _snapshot(generated) == before


def test_a_template_error_exits_2_naming_the_template_and_writes_nothing(
    tmp_path: Path, generated: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    broken = templates / "python" / "requests" / "main.py.j2"
    broken.write_text(broken.read_text() + "{{ no_such_name }}\n")
    bad_line = len(broken.read_text().splitlines())
    before = _snapshot(generated)
    result = run(
        "generate", "--specs", str(SPECS), "--out", str(generated), "--templates", str(templates)
    )
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {broken}:{bad_line}: ")
    assert "'no_such_name' is undefined" in result.output
    assert _snapshot(generated) == before


def test_generate_removes_samples_of_a_deleted_spec(generated: Path, specs_copy: Path) -> None:
    (specs_copy / "text-generation.yaml").unlink()
    assert run("generate", "--specs", str(specs_copy), "--out", str(generated)).exit_code == 0
    assert not (generated / "text-generation").exists()
    assert (generated / "chat-completions").is_dir()
