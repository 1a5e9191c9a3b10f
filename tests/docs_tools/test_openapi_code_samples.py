"""`samplegen openapi --code-samples`: every operation carries the very files `generate` writes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import main
from generator.export.openapi import CODE_SAMPLE_LANG, validate_openapi
from generator.output import pipeline
from generator.render.registry import variants
from generator.sources import load_specs
from tests.conftest import SPECS


def test_every_operation_has_one_sample_per_variant_byte_equal_to_the_generated_file(
    tmp_path: Path,
) -> None:
    document_file, out = tmp_path / "openapi.json", tmp_path / "output"
    result = CliRunner().invoke(
        main,
        ["openapi", "--specs", str(SPECS), "--format", "json", "--code-samples",
         "--out", str(document_file)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(document_file.read_text(encoding="utf-8"))
    validate_openapi(document)
    pipeline.generate(SPECS, out)
    endpoints = {e.id: e for e in load_specs(SPECS)}
    operations = [op for item in document["paths"].values() for op in item.values()]
    assert sum(len(op["x-samplegen-endpoints"]) for op in operations) == len(endpoints)
    for operation in operations:
        members = [endpoints[name] for name in operation["x-samplegen-endpoints"]]
        expected = [
            f"{e.id}/{v.language}/{v.key}/{v.filename}"
            for e in members
            for v in variants()
            if v.supports(e)
        ]
        samples = operation["x-codeSamples"]
        assert [s["x-samplegen-file"] for s in samples] == expected
        for sample in samples:
            generated = (out / sample["x-samplegen-file"]).read_bytes()
            assert sample["source"].encode("utf-8") == generated
            assert sample["lang"] in CODE_SAMPLE_LANG.values()
        assert len({s["label"] for s in samples}) == len(samples), "labels tell samples apart"


def test_labels_name_the_endpoint_only_where_an_operation_serves_several() -> None:
    result = CliRunner().invoke(
        main, ["openapi", "--specs", str(SPECS), "--format", "json", "--code-samples"]
    )
    assert result.exit_code == 0, result.output
    paths = json.loads(result.output)["paths"]
    chat = paths["/compatible-mode/v1/chat/completions"]["post"]["x-codeSamples"]
    assert chat[0] == {
        **chat[0],
        "lang": "Python",
        "label": "chat-completions: Python (OpenAI SDK)",
    }
    # The endpoints that share the operation, from the specs (not a hard-coded list).
    endpoints = load_specs(SPECS)
    sharing = {
        e.id
        for e in endpoints
        if e.path == "/compatible-mode/v1/chat/completions" and e.method.upper() == "POST"
    }
    assert {"chat-completions", "chat-completions-stream", "vision-chat-completions"} <= sharing
    assert {s["label"].split(":")[0] for s in chat} == sharing
    # An operation that serves one endpoint labels its samples without the endpoint's name.
    for path, operations in paths.items():
        for method, operation in operations.items():
            served = {
                e.id for e in endpoints if e.path == path and e.method.upper() == method.upper()
            }
            for sample in operation.get("x-codeSamples", []):
                named = sample["label"].split(": ")[0] in served
                assert named == (len(served) > 1), (path, method, sample["label"])
    # Without the option the document has no samples (the export stays small).
    plain = CliRunner().invoke(main, ["openapi", "--specs", str(SPECS), "--format", "json"])
    assert "x-codeSamples" not in plain.output
