"""A translation records the hash of the English it translates; when the English title or
description changes, `check` (the pre-commit hook) fails naming the translation and the hash
to set, and `generate` warns. The shipped specs' translations are all current."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import main
from generator.translations import source_hash, stale_translations, yaml_text
from tests.conftest import SPECS


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAMPLEGEN_CONFIG", raising=False)
    (tmp_path / "specs").mkdir()
    for name in ("_api.yaml", "chat-completions.yaml", "chat-completions-stream.yaml"):
        shutil.copy(SPECS / name, tmp_path / "specs" / name)
    (tmp_path / "samplegen.toml").write_text('output = "samples"\nlanguages = ["curl"]\n')
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_every_shipped_translation_records_the_english_it_translates() -> None:
    assert stale_translations(SPECS) == []
    for spec in SPECS.glob("*.yaml"):
        data = yaml.safe_load(spec.read_text())
        for locale, entry in (data.get("translations") or {}).items():
            english = source_hash(data["title"], data.get("description", ""))
            assert entry["source"] == english, (spec.name, locale)


def test_changing_the_english_makes_check_fail_until_the_translation_is_updated(
    project: Path,
) -> None:
    assert run("generate").exit_code == 0
    assert run("check").exit_code == 0
    spec = project / "specs" / "chat-completions.yaml"
    old = "title: Call Qwen-Plus through the OpenAI-compatible API"
    new = "title: Call Qwen-Max through the OpenAI-compatible API"
    spec.write_text(spec.read_text().replace(old, new))
    now = source_hash(
        "Call Qwen-Max through the OpenAI-compatible API",
        yaml.safe_load(spec.read_text())["description"],
    )
    generated = run("generate")
    assert generated.exit_code == 0  # generate writes, and warns
    assert (
        f"warning: specs/chat-completions.yaml:11: the ja translation is stale: the English "
        f"title or description changed since it was translated (source 77864b6c, English now "
        f"{now}); update the translation, then set `source: {now}`"
    ) in generated.output
    check = run("check")
    assert check.exit_code == 1
    lines = check.output.splitlines()
    assert lines[0] == (
        "2 translation(s) translate an English title or description that changed since; "
        "update each, then set its source as shown:"
    )
    assert lines[1].startswith("  specs/chat-completions.yaml:11: the ja translation is stale")
    assert lines[2].startswith("  specs/chat-completions.yaml:15: the zh translation is stale")
    # The writer updates both translations (here: keeps them) and records the new hash.
    spec.write_text(spec.read_text().replace("source: 77864b6c", f"source: {now}"))
    assert run("check").exit_code == 0


def test_a_flow_style_translation_is_located_on_its_line(project: Path) -> None:
    spec = project / "specs" / "chat-completions-stream.yaml"
    spec.write_text(spec.read_text().replace("Stream a Qwen-Plus reply", "Stream a reply"))
    [ja, zh] = stale_translations(project / "specs")
    assert (ja.locale, ja.line, zh.locale, zh.line) == ("ja", 6, "zh", 7)


def test_a_translation_without_a_source_is_a_note_of_generate_not_a_failure(
    project: Path,
) -> None:
    spec = project / "specs" / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("    source: 77864b6c\n", "", 1))
    generated = run("generate")
    assert "note: specs/chat-completions.yaml:8: the ja translation records no source; add " in (
        generated.output
    )
    assert run("check").exit_code == 0


def test_a_source_that_is_no_hash_is_refused_with_its_line(project: Path) -> None:
    spec = project / "specs" / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("source: 77864b6c", "source: latest", 1))
    result = run("check")
    assert result.exit_code == 2
    assert result.output.startswith("error: specs/chat-completions.yaml:11: ")


@pytest.mark.parametrize("digest", ["42112796", "0b101010", "abc12345", "1e234567", "0b12cdef"])
def test_the_source_a_note_proposes_reads_back_as_a_text(digest: str) -> None:
    # A hash of digits only is a number to YAML: the note proposes it quoted, so that
    # pasting it gives a spec that loads.
    assert yaml.safe_load(f"source: {yaml_text(digest)}") == {"source": digest}
