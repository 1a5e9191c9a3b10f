"""`audit --fix` migrates a page to sync-marked samples; `--format sarif` is valid SARIF 2.1.0."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.docs.audit.report import audit_paths
from generator.docs.audit.rules import RULE_IDS
from generator.render.registry import language
from tests.unit.test_audit_match import HAND_WRITTEN

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "docs" / "seed-000_db3b9d1e76d7666d.txt"  # a copy of /work/shared/seeds/...
HANDWRITTEN = FIXTURES / "docs" / "handwritten.md"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())


def outside_blocks(text: str, regions: list[tuple[int, int]]) -> list[str]:
    """The page's lines with the given 1-based inclusive regions cut out."""
    lines = text.splitlines(keepends=True)
    cut = {n for a, b in regions for n in range(a, b + 1)}
    return [line for n, line in enumerate(lines, 1) if n not in cut]


def marked_regions(text: str) -> list[tuple[int, int]]:
    """Where --fix wrote: each audit-ignore + samplegen marker pair, with what is between."""
    regions, start = [], None
    for n, line in enumerate(text.splitlines(), 1):
        if start is None and re.match(r"<!-- (audit-ignore|samplegen):", line):
            start = n
        elif line.startswith("<!-- /samplegen -->"):
            nxt = text.splitlines()[n] if n < len(text.splitlines()) else ""
            if nxt.strip() == "" and n + 1 < len(text.splitlines()):
                following = text.splitlines()[n + 1]
                if following.startswith("<!-- samplegen:"):
                    continue  # an added block follows this one
            regions.append((start, n))
            start = None
    return regions


@pytest.fixture(scope="module")
def fixed(tmp_path_factory) -> tuple[Path, str]:
    page = tmp_path_factory.mktemp("fix") / "page.txt"
    shutil.copyfile(SEED, page)
    result = CliRunner().invoke(main, ["audit", "--fix", str(page)])
    assert result.exit_code == 0, result.output
    return page, result.output


def test_fix_replaces_every_recognised_sample_and_adds_the_missing_go_one(fixed):
    page, output = fixed
    assert output.count("replaced: ") == 14
    assert f"added: {page}:319: text-generation go-nethttp" in output
    text = page.read_text()
    assert "<!-- samplegen: chat-completions java-httpclient -->" in text  # plain HTTP stays so
    assert "<!-- samplegen: text-generation java-dashscope -->" in text  # the SDK sample too
    assert "<!-- samplegen: chat-completions python-openai -->" in text
    assert "getInputStream" not in text and "aliyuncs-intl.com" not in text


def test_fix_keeps_every_byte_outside_the_samples(fixed):
    page, _ = fixed
    original = SEED.read_text()
    report = audit_paths([SEED], SPECS)
    before = outside_blocks(original, [(s.line, s.end_line) for s in report.samples])
    after = outside_blocks(page.read_text(), marked_regions(page.read_text()))
    assert after == before


def test_the_fixed_page_is_in_sync_and_audits_clean(fixed):
    page, output = fixed
    check = CliRunner().invoke(main, ["sync", "--check", str(page)])
    assert check.exit_code == 0, check.output
    assert "15 block(s) in 1 file(s) are up to date" in check.output
    audit = CliRunner().invoke(main, ["audit", str(page), "--fail-on", "info"])
    assert audit.exit_code == 0, audit.output
    assert "15 sample(s) in 1 file(s): no findings; 3 silenced by ignore markers" in audit.output
    # The sentences --fix may not edit are left for people, and said so.
    assert ":243: [no-sdk-claim]" in output  # OpenAI は Java SDK を提供していません
    assert ":56: [key-in-code-advice]" in output and ":404: [key-in-code-advice]" in output
    assert output.count("left for you: ") == 3


def test_fix_twice_changes_nothing(fixed, tmp_path: Path):
    page, _ = fixed
    again = tmp_path / "again.txt"
    shutil.copyfile(page, again)
    result = CliRunner().invoke(main, ["audit", "--fix", str(again)])
    assert result.exit_code == 2  # nothing hand-written is left to fix
    assert again.read_text() == page.read_text()


def test_fix_in_japanese_renders_japanese_comments_that_sync_ja_accepts(tmp_path: Path):
    page = tmp_path / "page.md"
    shutil.copyfile(HANDWRITTEN, page)
    result = CliRunner().invoke(main, ["audit", "--fix", str(page), "--locale", "ja"])
    assert result.exit_code == 0, result.output
    assert "keep it synced with: samplegen sync --locale ja" in result.output
    check = CliRunner().invoke(main, ["sync", "--check", "--locale", "ja", str(page)])
    assert check.exit_code == 0, check.output


def sarif_of(*args: str) -> dict:
    result = CliRunner().invoke(main, ["audit", *args, "--format", "sarif", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("page", [SEED, HANDWRITTEN], ids=lambda p: p.name)
def test_sarif_output_validates_against_the_official_sarif_2_1_0_schema(page: Path):
    log = sarif_of(str(page))
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert log["version"] == "2.1.0"


def test_sarif_results_sit_on_the_pages_lines_with_their_rules():
    log = sarif_of(str(SEED))
    (run,) = log["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == list(RULE_IDS)
    host = next(r for r in run["results"] if r["ruleId"] == "host")
    location = host["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 136}
    assert location["artifactLocation"]["uri"].endswith("seed-000_db3b9d1e76d7666d.txt")
    assert host["level"] == "error" and rules[host["ruleIndex"]] == "host"
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}


def test_sarif_paths_are_relative_to_the_checkout(monkeypatch):
    monkeypatch.chdir(ROOT)
    log = sarif_of(str(SEED.relative_to(ROOT)))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "tests/fixtures/docs/seed-000_db3b9d1e76d7666d.txt",
        "uriBaseId": "%SRCROOT%",
    }


def test_fix_migrates_hand_written_samples_of_every_operation_to_their_own_endpoint(
    tmp_path: Path,
):
    """Uploads, deletes, task polls, reranking...: each block becomes its own endpoint's
    marker, in the variant it is (SDK or plain HTTP), and the page then syncs and audits."""

    page = tmp_path / "page.md"
    page.write_text(
        "".join(f"```{language(lang).info_string}\n{code}```\n\n" for lang, code, _ in HAND_WRITTEN)
    )
    result = CliRunner().invoke(main, ["audit", "--fix", str(page)])
    assert result.exit_code == 0, result.output
    replaced = re.findall(r"^replaced: \S+: (\S+) (\S+)$", result.output, re.MULTILINE)
    assert [m[0] for m in replaced] == [e for _, _, e in HAND_WRITTEN]
    assert [m[1] for m in replaced] == [
        "python-requests",
        "node-fetch",
        "go-nethttp",
        "curl-curl",
        "python-dashscope",
        "python-openai",
        "java-openai",
        "python-requests",
    ]
    assert CliRunner().invoke(main, ["sync", "--check", str(page)]).exit_code == 0
    assert audit_paths([page], SPECS).findings == []
