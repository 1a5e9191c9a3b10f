"""The audit's static rules (no run): what each finds on the seed page and on small pages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from generator.cli.main import main
from generator.docs.audit.markers import ignore_markers
from generator.docs.audit.report import audit_paths, audit_schema, audit_text
from generator.docs.audit.rules import RULE_IDS, RULES
from generator.docs.audit.static import no_sdk_claims, text_language
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
SEED = ROOT / "tests" / "fixtures" / "docs" / "seed-000_db3b9d1e76d7666d.txt"  # /work/shared/seeds
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"source page not found at {SEED}")


def found(report, rule: str) -> list[int]:
    return [f.line for f in report.findings if f.rule == rule]


@pytest.fixture(scope="module")
def seed_report():
    return audit_paths([SEED], SPECS)


@needs_seed
def test_the_seed_pages_static_findings_are_each_on_the_line_that_shows_them(seed_report):
    assert found(seed_report, "host") == [136]
    assert found(seed_report, "missing-language") == [319]
    assert found(seed_report, "no-sdk-claim") == [243]  # "OpenAI は Java SDK を提供していません"
    assert found(seed_report, "duplicate-option") == [457]  # CURLOPT_RETURNTRANSFER again
    assert found(seed_report, "malformed-header") == [287, 631]  # "application/json; utf-8"
    assert found(seed_report, "missing-key-exit-zero") == [133, 523]  # C#: `return;` from Main
    # English comments (Python, Node.js) and messages (PHP, Java, C#) on a Japanese page.
    assert found(seed_report, "mixed-language") == [22, 37, 113, 396, 522]
    idioms = {f.line: f.page for f in seed_report.findings if f.rule == "outdated-idiom"}
    assert idioms == {
        119: "?>",
        162: "DefaultRequestHeaders.Accept.Add(",
        247: "HttpURLConnection",
        358: "import java.lang.System;",
        470: "?>",
        473: "from 'node-fetch'",
        557: "DefaultRequestHeaders.Accept.Add(",
        576: "HttpURLConnection",
    }
    # Every sample's comment that says: replace the line with api_key="sk-xxx", and the curl
    # sections' sentence that says to replace $DASHSCOPE_API_KEY by the key.
    advice = found(seed_report, "key-in-code-advice")
    assert len(advice) == 14 and {56, 404} <= set(advice)


@needs_seed
def test_the_csharp_message_in_english_is_the_evidence_of_mixed_languages(seed_report):
    csharp = next(f for f in seed_report.findings if f.rule == "mixed-language" and f.line == 522)
    assert "API Key is not set" in csharp.page
    assert "line 567: message: Request failed" in csharp.evidence  # an interpolated string
    assert csharp.message == "messages in English on a Japanese page"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("リクエストが失敗しました", "ja"),
        ("请求失败", "zh"),
        ("Request failed: {0}", "en"),
        ("Error:", None),  # one word says nothing about the language
        ("see https://example.com/some/long/path", None),
        ("推奨 dashscope SDK バージョン >= 2.12.0", "ja"),
    ],
)
def test_a_texts_human_language(text: str, lang: str | None):
    assert text_language(text) == lang


@given(st.text(alphabet="ぁあいうえおかきくけこアイウエオ", min_size=1))
def test_any_kana_makes_a_text_japanese(kana: str):
    assert text_language(f"Some English words {kana}") == "ja"


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("OpenAI は Java SDK を提供していません。", "java"),
        ("OpenAI does not provide a Java SDK.", "java"),
        ("DashScope doesn't offer a Python SDK", "python"),
    ],
)
def test_sentences_that_deny_an_sdk_samplegen_has(sentence: str, lang: str):
    assert [(c[1], c[2].split("-")[0]) for c in no_sdk_claims([sentence])] == [(lang, lang)]


def test_a_sentence_that_denies_an_sdk_samplegen_lacks_too_is_not_a_finding():
    # samplegen has no DashScope SDK sample for Node.js: the seed's line 472 is true.
    assert no_sdk_claims(["DashScope は Node.js 環境用の SDK を提供していません。"]) == []


PHP_TWICE = """# Call

```php
<?php
$ch = curl_init("https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions");
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, ["Authorization: Bearer " . getenv("DASHSCOPE_API_KEY")]);
```
"""


def test_an_option_set_twice_is_reported_on_the_second_line():
    report = audit_text(Path("p.md"), PHP_TWICE, load_specs(SPECS))
    (twice,) = [f for f in report.findings if f.rule == "duplicate-option"]
    assert twice.line == 7
    assert twice.message.startswith("CURLOPT_RETURNTRANSFER is set twice (first on line 6)")


@pytest.mark.parametrize(
    ("marker", "silenced"),
    [
        ("<!-- audit-ignore: duplicate-option -->", 1),
        ("<!-- audit-ignore: duplicate-option, host -- set twice on purpose -->", 1),
        ("<!-- audit-ignore: all -->", None),
        ("<!-- audit-ignore: host -->", 0),
        ("<!-- audit-ignore-file: duplicate-option -->", 1),
    ],
)
def test_an_ignore_marker_silences_its_rules_on_the_next_block(marker: str, silenced):
    plain = audit_text(Path("p.md"), PHP_TWICE, load_specs(SPECS))
    page = PHP_TWICE.replace("```php", f"{marker}\n\n```php")
    report = audit_text(Path("p.md"), page, load_specs(SPECS))
    assert report.silenced == (len(plain.findings) if silenced is None else silenced)
    assert len(report.findings) == len(plain.findings) - report.silenced
    if silenced is not None and silenced:
        assert "duplicate-option" not in {f.rule for f in report.findings}


def test_an_ignore_marker_acts_on_the_following_block_only():
    page = "<!-- audit-ignore: duplicate-option -->\n\n" + PHP_TWICE + "\n" + PHP_TWICE
    report = audit_text(Path("p.md"), page, load_specs(SPECS))
    assert report.silenced == 1
    assert [f.rule for f in report.findings].count("duplicate-option") == 1


def test_ignore_markers_are_read_with_their_rules():
    lines = ["x", "<!-- audit-ignore: host, path -- why -->", "<!-- audit-ignore-file: all -->"]
    assert ignore_markers(lines) == ([(2, {"host", "path"})], {"all"})


def test_every_rule_is_in_the_json_schema_and_documented():
    schema_rules = audit_schema()["properties"]["findings"]["items"]["properties"]["rule"]["enum"]
    assert schema_rules == list(RULE_IDS)
    doc = (ROOT / "docs" / "audit.md").read_text()
    for rule in RULES:
        assert f"`{rule.id}`" in doc, f"docs/audit.md does not explain {rule.id}"


@needs_seed
def test_the_json_report_validates_and_carries_evidence(tmp_path: Path):
    result = CliRunner().invoke(main, ["audit", str(SEED), "--format", "json"])
    assert result.exit_code == 1, result.output  # the C# host is an error
    data = json.loads(result.output)
    jsonschema.validate(data, audit_schema())
    assert data["version"] == 2 and data["run"] is False
    mixed = [f for f in data["findings"] if f["rule"] == "mixed-language"]
    assert all(f["evidence"] and f["block"] for f in mixed)


def test_a_page_without_any_api_sample_is_an_error_not_a_pass(tmp_path: Path):
    page = tmp_path / "empty.md"
    page.write_text("# Nothing here\n\n```sh\npip install openai\n```\n")
    result = CliRunner().invoke(main, ["audit", str(page)])
    assert result.exit_code == 2
    assert "no code sample that calls the API was found" in result.output
