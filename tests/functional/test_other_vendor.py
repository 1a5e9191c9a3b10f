"""Any HTTP API, no code change: other vendors' endpoints (their own hosts, key variables,
API-key headers or bearer tokens, query-string keys, path and query parameters, form and
multipart bodies, binary answers) generate in all seven languages and pass the harness."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.harness.runner import PASSED
from generator.harness.verify import verify
from generator.output import pipeline
from generator.render.registry import LANGUAGES, VARIANTS
from generator.sources import load_specs
from tests.conftest import ROOT

VENDOR = ROOT / "tests" / "fixtures" / "other-vendor"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("other-vendor")
    report = pipeline.generate(VENDOR, out, locale="en")
    assert report.written
    return out


def test_every_language_renders_every_endpoint(rendered: Path) -> None:
    endpoints = load_specs(VENDOR)
    plain = [v for v in VARIANTS if not v.is_sdk]
    assert {v.language for v in plain} == {lang.key for lang in LANGUAGES}
    for endpoint in endpoints:
        for variant in plain:
            sample = rendered / endpoint.id / variant.language / variant.key / variant.filename
            assert sample.is_file(), f"{variant.name} did not render {endpoint.id}"
            text = sample.read_text("utf-8")
            assert endpoint.auth.env in text or endpoint.auth.kind == "none"
            assert "DASHSCOPE_API_KEY" not in text


def test_every_sample_passes_the_harness(rendered: Path) -> None:
    report = verify(rendered, VENDOR, strict=True, locale="en")
    failures = [r.message for r in report.results if r.status != PASSED and not r.allowed_skip]
    assert not failures, "\n\n".join(failures)
    ran = {r.job.variant.language for r in report.results if r.status == PASSED}
    assert ran == {lang.key for lang in LANGUAGES}
