"""samplegen import, generate's notes on documents, and the config's [openapi] table."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.config import ConfigError, load_config
from generator.output.pipeline import decline_notes, import_notes
from generator.render.samples import render_all
from generator.sources import load_specs
from generator.sources.openapi.settings import DEFAULT, SchemeEnv, configure
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "openapi"
SHOP = FIXTURES / "shop" / "shop.yaml"
NOTES = FIXTURES / "notes" / "notes.json"


@pytest.fixture(autouse=True)
def _default_settings():
    yield
    configure(DEFAULT)  # a command run here configured the reader; the next test starts clean


@pytest.mark.parametrize("document", [SHOP, NOTES], ids=["shop-3.0-yaml", "notes-3.1-json"])
def test_imported_specs_render_the_same_bytes_as_the_document(
    document: Path, tmp_path: Path
) -> None:
    out = tmp_path / "specs"
    result = CliRunner().invoke(main, ["import", str(document), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"8 spec(s) and _api.yaml written to {out}/"
    api = (out / "_api.yaml").read_text("utf-8")
    assert "regions:" in api and "auth:" in api  # what every spec shares, written once
    from_document = load_specs(document)
    from_yaml = load_specs(out)
    assert from_yaml == from_document  # every field of the model (the source aside)
    rendered = {s.relpath: s.text for s in render_all(from_document)}
    assert {s.relpath: s.text for s in render_all(from_yaml)} == rendered
    text = (out / f"{from_document[0].id}.yaml").read_text("utf-8")
    assert text.startswith(f"# Imported by samplegen import from {document.name}")
    assert "&id" not in text and "*id" not in text  # no YAML aliases: specs refuse them


def test_import_without_an_api_file_writes_whole_specs(tmp_path: Path) -> None:
    out = tmp_path / "specs"
    result = CliRunner().invoke(
        main, ["import", str(NOTES), "--out", str(out), "--no-validate", "--no-api-file"]
    )
    assert result.exit_code == 0, result.output
    assert not (out / "_api.yaml").exists()
    assert "regions:" in (out / "feed.yaml").read_text("utf-8")
    assert load_specs(out) == load_specs(NOTES)


def test_import_refuses_to_overwrite_other_content(tmp_path: Path) -> None:
    out = tmp_path / "specs"
    out.mkdir()
    (out / "health.yaml").write_text("# my own\n", "utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(SHOP), "--out", str(out), "--no-validate"])
    assert result.exit_code == 2
    assert "1 spec file(s) exist with other content" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["health.yaml"]  # nothing written
    result = runner.invoke(
        main, ["import", str(SHOP), "--out", str(out), "--no-validate", "--force"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "health.yaml").read_text("utf-8").startswith("# Imported")


def test_import_reports_what_openapi_spec_validator_finds(tmp_path: Path) -> None:
    document = tmp_path / "doc.yaml"
    document.write_text(
        SHOP.read_text("utf-8").replace("      operationId: health\n", "      operationId: 7\n"),
        "utf-8",
    )
    shutil.copytree(SHOP.parent / "common", tmp_path / "common")
    result = CliRunner().invoke(main, ["import", str(document), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings and warnings[0].startswith(f"warning: {document}:")
    # Its message, as its backend words it (jsonschema-rs, a dependency, quotes with ").
    assert re.search(r"not valid OpenAPI: 7 is not of type [\"']string[\"']", warnings[0])


def test_generate_notes_count_by_reason_and_name_ids_when_verbose(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["generate", "--specs", str(SHOP), "--out", str(tmp_path / "out")]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert notes[0] == (f"note: {SHOP}: 8 endpoints imported, 1 operation left out (1 deprecated)")
    # SDK variants do not speak this API's family: not news.
    assert not [n for n in notes if "openai" in n or "dashscope" in n]
    verbose = runner.invoke(main, [*args, "--verbose"])
    assert verbose.exit_code == 0


def test_decline_notes_are_one_line_per_variant_and_reason(specs_copy: Path) -> None:
    text = (specs_copy / "chat-completions.yaml").read_text("utf-8")
    for n in range(3):
        (specs_copy / f"speech-{n}.yaml").write_text(
            text.replace("id: chat-completions", f"id: speech-{n}").replace(
                "/v1/chat/completions", "/v1/audio/nothing"
            ),
            "utf-8",
        )
    notes = [n for n in decline_notes(specs_copy) if "3 endpoints" in n]
    assert [n.split(" declines")[0] for n in notes] == [
        "python-openai",
        "node-openai",
        "java-openai",
    ]
    assert all("has no call for POST /audio/nothing" in n for n in notes)
    verbose = decline_notes(specs_copy, verbose=True)
    assert any("declines speech-0, speech-1, speech-2: openai " in n for n in verbose)


def test_an_explicit_sdk_operation_at_another_route_is_declined(specs_copy: Path) -> None:
    # The SDKs have audio.speech.create, but at its own route: a sample of it would miss the
    # spec's path, so every OpenAI SDK variant declines, naming both routes.
    text = (specs_copy / "chat-completions.yaml").read_text("utf-8")
    (specs_copy / "speech.yaml").write_text(
        text.replace("id: chat-completions", "id: speech").replace(
            "style: openai-compatible", "style: openai-compatible\noperation: audio.speech.create"
        ),
        "utf-8",
    )
    notes = [n for n in decline_notes(specs_copy) if "audio.speech.create" in n]
    assert len(notes) == 3 and all(
        "operation audio.speech.create is POST /audio/speech, not POST /chat/completions" in n
        for n in notes
    ), notes


def test_import_notes_group_skips_by_reason(tmp_path: Path) -> None:
    document = FIXTURES / "bad" / "refs.yaml"
    notes = import_notes(document)
    assert notes[0] == f"{document}: 1 endpoint imported, 3 operations skipped"
    assert any("skipped GET /c (remote):" in n for n in notes)


# -- the [openapi] table ----------------------------------------------------------------------


def test_the_openapi_table_becomes_import_settings(tmp_path: Path) -> None:
    config = tmp_path / "samplegen.toml"
    (tmp_path / "overlay.yaml").write_text("overlay: 1.0.0\n", "utf-8")
    config.write_text(
        '[openapi]\ninclude_tags = ["pets"]\nexclude_operations = ["delete*"]\n'
        'optional_parameters = true\noverlays = ["overlay.yaml"]\nstyle = "openai-compatible"\n'
        '[openapi.env]\nShopKey = "SHOP_KEY"\nbasicAuth = {user = "U", password = "P"}\n',
        "utf-8",
    )
    settings = load_config(config).openapi
    assert settings.include_tags == ("pets",)
    assert settings.exclude_operations == ("delete*",)
    assert settings.optional_parameters is True and settings.deprecated is False
    assert settings.overlays[0].resolve() == (tmp_path / "overlay.yaml").resolve()
    assert settings.env_for("basicAuth") == SchemeEnv(env="U", password_env="P")
    assert settings.style == "openai-compatible"


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("[openapi]\ninclude_tag = []\n", "openapi.include_tag: unknown key", 2),
        ("[openapi]\ndeprecated = 1\n", "openapi.deprecated must be true or false", 2),
        ('[openapi]\n\n[openapi.env]\nKey = "lower"\n', "openapi.env: each scheme takes", 3),
        ('[openapi]\nserver_base = "ftp://x"\n', "openapi.server_base must be an http(s) URL", 2),
    ],
)
def test_a_wrong_openapi_key_is_located(tmp_path: Path, body: str, message: str, line: int) -> None:
    config = tmp_path / "samplegen.toml"
    config.write_text(body, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert message in caught.value.message and caught.value.line == line
