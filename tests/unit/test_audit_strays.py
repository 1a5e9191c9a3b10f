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
from generator.docs.audit.report import _did_you_mean, audit_paths
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


# A page of five endpoints (so the missing-language rule has its say too, not checked here):
# paths joined to a base URL in code (an f-string, Go's +, PHP's .), a typo in a curl URL, and
# a wrong host with a wrong path.
CHAT = "(POST /compatible-mode/v1/chat/completions)?"
EXPECTED["joined-paths.md"] = [
    (
        7,
        "error",
        "path",
        "chat-completions",
        "no endpoint has the path '/compatible-mode/v1/chat/completion' (POST to the API's "
        f"host); did you mean chat-completions {CHAT}",
    ),
    (
        11,
        "warning",
        "body-key",
        "chat-completions",
        "body key 'top_k' is not in the request schema",  # top_k is no slip of top_p
    ),
    (
        26,
        "error",
        "path",
        "file-list",
        "no endpoint has the path '/compatible-mode/v1/file' (GET to the API's host); "
        "did you mean file-list (GET /compatible-mode/v1/files)?",
    ),
    (
        50,
        "error",
        "path",
        "chat-completions",
        "no endpoint has the path '/compatible-mode/v1/chat/completionz' (POST to the API's "
        f"host); did you mean chat-completions {CHAT}",
    ),
    (
        57,
        "error",
        "host",
        "chat-completions",
        "the API host 'dashscope.aliyuncs-intl.com' is not one of the spec's regions",
    ),
    (
        57,
        "error",
        "path",
        "chat-completions",
        "no endpoint has the path '/compatible-mode/v1/chat/completion' (POST to "
        f"dashscope.aliyuncs-intl.com); did you mean chat-completions {CHAT}",
    ),
]
REQUESTS = {"host", "path", "method", "body-key"}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_wrong_paths_methods_and_misspelt_keys_are_found(page: str) -> None:
    report = audit_paths([STRAYS / page], SPECS)
    found = [
        (f.line, f.severity, f.rule, f.endpoint, f.message)
        for f in report.findings
        if f.rule in REQUESTS or page != "joined-paths.md"
    ]
    assert found == EXPECTED[page]


def test_every_stray_page_is_in_the_table() -> None:
    assert sorted(p.name for p in STRAYS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("temprature", "temperature"),
        ("max_token", "max_tokens"),
        ("messsages", "messages"),
        ("modle", "model"),
        ("streem", "stream"),
        ("topP", "top_p"),
        ("top-p", "top_p"),
        ("top_k", None),  # another parameter, not a slip
        ("colour", None),
    ],
)
def test_did_you_mean_is_offered_for_slips_of_the_pen_only(key: str, meant: str | None) -> None:
    known = ["max_tokens", "messages", "model", "stream", "temperature", "top_p"]
    assert _did_you_mean(key, known) == meant


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
