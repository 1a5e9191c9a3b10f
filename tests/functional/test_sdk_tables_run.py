"""SDK samples rendered from the derived operation tables run like plain ones: Anthropic's
Python SDK (a registry entry and a pin, no template of its own) and the OpenAI SDKs on the
shapes the shipped specs did not have (a page, a binary download, typed stream events, a
body-less POST), success and error paths, streams included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.harness.runner import PASSED
from generator.harness.verify import verify
from generator.output import pipeline
from generator.render.selection import Selection
from generator.sources.openapi import settings
from generator.sources.openapi.settings import ImportSettings
from tests.conftest import ROOT

ANTHROPIC = ROOT / "tests" / "fixtures" / "anthropic"
# One endpoint of each shape the generic OpenAI SDK templates render from the tables.
SHAPES = ("batch-list", "batch-cancel", "batch-create", "file-content", "responses-stream")


def _run(specs: Path, out: Path, language: str, region: str) -> list:
    report = pipeline.generate(specs, out, region=region, locale="en")
    assert report.written
    result = verify(out, specs, [language], strict=True, region=region, locale="en")
    failures = [r.message for r in result.results if r.status != PASSED and not r.allowed_skip]
    assert not failures, "\n\n".join(failures)
    return result.results


def test_anthropic_samples_pass_the_harness_with_streams_and_errors(tmp_path: Path) -> None:
    results = _run(ANTHROPIC, tmp_path / "out", "python", "default")
    results = [r for r in results if r.job.variant.name == "python-anthropic"]
    cases = {(r.job.endpoint.id, r.case) for r in results if r.status == PASSED}
    assert ("anthropic-messages-stream", "stream-error") in cases
    assert ("anthropic-messages", "invalid-key") in cases
    assert {r.job.endpoint.id for r in results} == {
        "anthropic-messages",
        "anthropic-messages-stream",
        "anthropic-count-tokens",
        "anthropic-models-list",
    }


@pytest.mark.parametrize("variant", ["python-openai", "node-openai", "java-openai"])
def test_openai_sdk_samples_of_every_shape_pass_the_harness(tmp_path: Path, variant: str) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    for name in ("_api", *SHAPES):  # _api.yaml: what the shipped specs share
        shutil.copy(ROOT / "specs" / f"{name}.yaml", specs)
    results = _run(specs, tmp_path / "out", variant.split("-")[0], "intl")
    ran = {
        r.job.endpoint.id for r in results if r.status == PASSED and r.job.variant.name == variant
    }
    assert ran == set(SHAPES)


OPENAI = os.environ.get("SAMPLEGEN_OPENAI_DOC")
# Operations of OpenAI's document whose SDK samples once failed: embeddings (the SDKs ask
# for base64 unless told the API's default), answers that require no property (the mock had
# nowhere to put its reply), a 401 shaped like a 404 documented as the inner Error object, an
# answer of flags only, a page whose items require nothing; and a plain call of each shape.
DOCUMENT_SUBSET = (
    "createEmbedding",
    "deleteEvalRun",
    "validateGrader",
    "cancelResponse",
    "retrieve-project-hosted-tool-permissions",
    "retrieveVectorStoreFileContent",
    "listFiles",
    "createChatCompletion",
    "retrieveBatch",
)


@pytest.mark.skipif(
    not OPENAI,
    reason="OpenAI's document is not vendored: set SAMPLEGEN_OPENAI_DOC to a copy of "
    "openai-openapi's openapi.yaml to run this",
)
@pytest.mark.parametrize("variant", ["python-openai", "node-openai", "java-openai"])
def test_openai_document_sdk_samples_pass_the_harness(tmp_path: Path, variant: str) -> None:
    """A subset of OpenAI's document read with the style openai-compatible: every SDK sample
    of it runs, success and wrong-key paths (README: the full run's figures)."""
    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(Path(OPENAI or ""), specs / "openapi.yaml")
    before = settings.current()
    settings.configure(
        ImportSettings(style="openai-compatible", include_operations=DOCUMENT_SUBSET)
    )
    only = Selection(variants=[variant])
    try:
        out = tmp_path / "out"
        assert pipeline.generate(specs, out, selection=only).written
        language = variant.split("-")[0]
        result = verify(out, specs, [language], strict=True, selection=only)
    finally:
        settings.configure(before)
    failures = [r.message for r in result.results if r.status != PASSED]
    assert not failures, "\n\n".join(failures)
    ran = {r.job.endpoint.id for r in result.results if r.job.variant.name == variant}
    if variant == "node-openai":  # the Node.js pin predates the hosted tool permissions
        ran.add("retrieve-project-hosted-tool-permissions")
    assert {
        "create-embedding",
        "delete-eval-run",
        "validate-grader",
        "cancel-response",
        "retrieve-project-hosted-tool-permissions",
        "retrieve-vector-store-file-content",
        "list-files",
        "retrieve-batch",
    } <= ran
