"""The audit catches what a reader would: a request to the API's host that no endpoint answers
(a wrong path, a method no endpoint with that path takes) is reported with the endpoint it
most likely meant, and body keys the schema does not know get a "did you mean".

The pages in tests/fixtures/docs/strays/ are written by hand for this test, in the styles
docs pages use (plain HTTP in six languages, an SDK call); no other test reads them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.docs.audit.report import audit_paths
from tests.conftest import ROOT, SPECS

STRAYS = ROOT / "tests" / "fixtures" / "docs" / "strays"

# page -> every finding: (line, severity, rule, endpoint, message)
EXPECTED = {
    "python-dashscope.md": [
        (
            10,
            "error",
            "path",
            "text-generation",
            "no endpoint has the path '/api/v1/services/aigc/text-generation/generate' (POST to "
            "the API's host); did you mean text-generation "
            "(POST /api/v1/services/aigc/text-generation/generation)?",
        ),
        (
            15,
            "error",
            "body-key",
            "text-generation",
            "body key 'parameters.temprature' is not in the request schema; "
            "did you mean 'parameters.temperature'?",
        ),
    ],
    "go-embeddings.md": [
        (
            17,
            "error",
            "body-key",
            "embeddings",
            "body key 'dimension' is not in the request schema; did you mean 'dimensions'?",
        ),
        (
            22,
            "error",
            "path",
            "embeddings",
            "no endpoint has the path '/compatible-mode/v1/embedding' (POST to the API's host); "
            "did you mean embeddings (POST /compatible-mode/v1/embeddings)?",
        ),
    ],
    "java-get.md": [
        (
            13,
            "error",
            "method",
            "chat-completions",
            "no endpoint takes GET /compatible-mode/v1/chat/completions; "
            "chat-completions takes POST there",
        ),
    ],
    "php-chat.md": [
        (
            7,
            "error",
            "path",
            "chat-completions",
            "no endpoint has the path '/compatible-mode/v1/chat/completion' (POST to the API's "
            "host); did you mean chat-completions (POST /compatible-mode/v1/chat/completions)?",
        ),
        (
            11,
            "error",
            "body-key",
            "chat-completions",
            "body key 'max_token' is not in the request schema; did you mean 'max_tokens'?",
        ),
    ],
    "csharp-chat.md": [
        (
            12,
            "error",
            "body-key",
            "chat-completions",
            "body key 'messsages' is not in the request schema; did you mean 'messages'?",
        ),
    ],
    "curl-files.md": [
        (
            4,
            "error",
            "path",
            "file-delete",
            "no endpoint has the path '/compatible-mode/v1/file/file-fe-123' (DELETE to the "
            "API's host); did you mean file-delete (DELETE /compatible-mode/v1/files/{file_id})?",
        ),
    ],
    "node-sdk.md": [
        (
            14,
            "error",
            "body-key",
            "chat-completions",
            "body key 'temprature' is not in the request schema; did you mean 'temperature'?",
        ),
    ],
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_wrong_paths_methods_and_misspelt_keys_are_found(page: str) -> None:
    report = audit_paths([STRAYS / page], SPECS)
    found = [(f.line, f.severity, f.rule, f.endpoint, f.message) for f in report.findings]
    assert found == EXPECTED[page]


def test_every_stray_page_is_in_the_table() -> None:
    assert sorted(p.name for p in STRAYS.glob("*.md")) == sorted(EXPECTED)


def test_the_finding_says_what_the_spec_has_and_what_the_page_calls() -> None:
    report = audit_paths([STRAYS / "php-chat.md"], SPECS)
    path = next(f for f in report.findings if f.rule == "path")
    assert (
        path.spec == "POST https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions"
    )
    assert path.page == "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completion"
    key = next(f for f in report.findings if f.rule == "body-key")
    assert key.spec == "top-level keys: max_tokens, messages, model, stream, temperature, top_p"


def test_an_unknown_key_with_no_near_spelling_is_a_warning_without_a_guess(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(
        (STRAYS / "php-chat.md").read_text().replace("'max_token' => 100", "'colour' => 'red'")
    )
    report = audit_paths([page], SPECS)
    key = next(f for f in report.findings if f.rule == "body-key")
    assert (key.severity, key.message) == (
        "warning",
        "body key 'colour' is not in the request schema",
    )


def test_fix_migrates_a_stray_sample_to_the_endpoint_it_meant(tmp_path: Path) -> None:
    page = tmp_path / "php-chat.md"
    shutil.copy(STRAYS / "php-chat.md", page)
    result = CliRunner().invoke(main, ["audit", "--fix", str(page), "--specs", str(SPECS)])
    assert result.exit_code == 0, result.output
    assert f"replaced: {page}:6: chat-completions php-curl" in result.output
    text = page.read_text()
    assert "/compatible-mode/v1/chat/completions'" in text and "max_token'" not in text
    after = audit_paths([page], SPECS)
    assert [f for f in after.findings if f.severity == "error"] == []
