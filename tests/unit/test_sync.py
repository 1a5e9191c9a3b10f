"""`samplegen sync`: marked blocks follow the specs, every other byte of the page stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.docs.errors import MarkerError
from generator.docs.files import split_lines
from generator.docs.sync.pages import (
    SampleSource,
    fence_for,
    suggestions,
    sync_paths,
    sync_text,
    tabs_for,
)
from generator.render.environment import DEFAULT_TEMPLATES

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
FIXTURES = ROOT / "tests" / "fixtures" / "docs"
PAGE = Path("page.md")


@pytest.fixture(scope="module")
def source() -> SampleSource:
    return SampleSource(SPECS)


def outside_markers(text: str) -> list[str]:
    """The page's lines with everything between marker pairs dropped (markers kept)."""
    kept, inside = [], False
    for line in split_lines(text):
        if "<!-- /samplegen -->" in line:
            inside = False
        if not inside:
            kept.append(line)
        if "<!-- samplegen:" in line and "```" not in line:
            inside = True
    return kept


def test_the_fixture_page_changes_only_between_markers_and_then_round_trips(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    page = site / "index.md"
    before = page.read_bytes()
    [first] = sync_paths([page], SPECS)
    after = page.read_bytes()
    assert first.changed
    assert outside_markers(after.decode()) == outside_markers(before.decode())
    assert not after.endswith(b"\n"), "the page's missing final newline is kept"
    assert b"# Call Qwen-Plus from your code   \n" in after, "trailing spaces are kept"
    assert b"```bash\npip install -U openai dashscope\n```" in after
    [second] = sync_paths([page], SPECS)
    assert not second.changed and not second.changes
    assert page.read_bytes() == after


def test_marked_blocks_hold_the_generated_sample_with_its_info_string(
    tmp_path: Path, source: SampleSource
):
    text = "<!-- samplegen: text-generation curl -->\n<!-- /samplegen -->\n"
    result = sync_text(text, PAGE, source)
    curl = source.render(source.endpoints["text-generation"], result.markers[0].variants[0], None)
    assert result.new == (
        "<!-- samplegen: text-generation curl -->\n\n```bash\n"
        + curl.rstrip("\n")
        + "\n```\n\n<!-- /samplegen -->\n"
    )


def test_a_spec_change_updates_exactly_the_blocks_of_that_endpoint(tmp_path: Path):
    site, specs = tmp_path / "site", tmp_path / "specs"
    shutil.copytree(FIXTURES / "site", site)
    shutil.copytree(SPECS, specs)
    page = site / "index.md"
    sync_paths([page], specs)
    synced = page.read_text()
    spec_file = specs / "chat-completions.yaml"
    data = yaml.safe_load(spec_file.read_text())
    data["request"]["example"]["model"] = "qwen-max"
    spec_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    [check] = sync_paths([page], specs, check=True)
    assert page.read_text() == synced, "--check writes nothing"
    assert [c.name for c in check.changes] == [
        "chat-completions python-openai",
        "chat-completions curl-curl",
    ]
    assert '+        model="qwen-max",' in check.changes[0].diff
    assert '+  "model": "qwen-max",' in check.changes[1].diff

    sync_paths([page], specs)
    updated = page.read_text()
    changed = [
        (old, new)
        for old, new in zip(synced.split("\n"), updated.split("\n"), strict=True)
        if old != new
    ]
    assert changed == [
        ('        model="qwen-plus",', '        model="qwen-max",'),
        ('  "model": "qwen-plus",', '  "model": "qwen-max",'),
    ]


def test_crlf_pages_keep_crlf_everywhere(source: SampleSource):
    marker = "<!-- samplegen: chat-completions curl -->"
    text = f"Intro\r\n\r\n{marker}\r\n<!-- /samplegen -->\r\nEnd\r\n"
    new = sync_text(text, PAGE, source).new
    assert new.startswith(f"Intro\r\n\r\n{marker}\r\n\r\n```bash\r\n")
    assert new.endswith("```\r\n\r\n<!-- /samplegen -->\r\nEnd\r\n")
    assert "\n" not in new.replace("\r\n", "")


def test_tabs_marker_renders_one_content_tab_per_language(source: SampleSource):
    """A language's variants share its tab, each block titled with the variant."""
    text = "<!-- samplegen: chat-completions tabs languages=python,curl -->\n<!-- /samplegen -->\n"
    new = sync_text(text, PAGE, source).new
    titles = [line for line in new.split("\n") if line.startswith("=== ")]
    assert titles == ['=== "Python"', '=== "curl"']
    assert '=== "Python"\n\n    ```python title="OpenAI SDK"\n    """Call Qwen-Plus' in new
    assert '\n\n    ```python title="requests"\n' in new
    assert '=== "curl"\n\n    ```bash\n    #!/usr/bin/env bash\n' in new


def test_markers_in_fenced_code_are_left_alone(source: SampleSource):
    text = "```markdown\n<!-- samplegen: nope nothing -->\n```\n"
    result = sync_text(text, PAGE, source)
    assert result.new == text and result.markers == []


def test_a_fence_is_longer_than_any_backtick_run_in_the_code():
    assert fence_for("print('x')") == "```"
    assert fence_for("echo ```` done") == "`````"


KNOWN_ENDPOINTS = "known: " + ", ".join(sorted(SampleSource(SPECS).endpoints))
CHAT_SAMPLES = (
    "python-openai, python-requests, node-openai, node-fetch, curl-curl, php-curl, "
    "csharp-httpclient, go-nethttp, java-httpclient, java-openai"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a\n<!-- samplegen: chat-completions python-openai -->\nb\n",
            "page.md:2: samplegen marker has no closing <!-- /samplegen --> marker "
            "(or the closing marker sits inside an unclosed code fence)",
        ),
        (
            "<!-- samplegen: chat-completions curl -->\n\n"
            "<!-- samplegen: text-generation curl -->\n<!-- /samplegen -->\n",
            "page.md:3: nested samplegen marker: the marker on line 1 is not closed yet",
        ),
        ("x\n\n<!-- /samplegen -->\n", "page.md:3: <!-- /samplegen --> without an opening marker"),
        (
            "<!-- samplegen: chat-completions python-opnai -->\n<!-- /samplegen -->\n",
            "page.md:1: unknown sample 'python-opnai'; did you mean python-openai? "
            f"(samples for chat-completions: {CHAT_SAMPLES})",
        ),
        (  # one suggestion, not every endpoint whose name contains the typo
            "<!-- samplegen: chat-completion curl -->\n<!-- /samplegen -->\n",
            "page.md:1: unknown endpoint 'chat-completion'; did you mean chat-completions? "
            f"({KNOWN_ENDPOINTS})",
        ),
        (
            "<!-- samplegen: text-generation-streaming curl -->\n<!-- /samplegen -->\n",
            "page.md:1: unknown endpoint 'text-generation-streaming'; "
            "did you mean text-generation-stream or text-generation-stream-full? "
            f"({KNOWN_ENDPOINTS})",
        ),
        (  # the closest spellings
            "<!-- samplegen: stream curl -->\n<!-- /samplegen -->\n",
            "page.md:1: unknown endpoint 'stream'; did you mean responses-stream or text-rerank? "
            f"({KNOWN_ENDPOINTS})",
        ),
        (
            "<!-- samplegen: chat-completions python -->\n<!-- /samplegen -->\n",
            "page.md:1: 'python' has several samples for chat-completions; "
            "name one: python-openai, python-requests",
        ),
        (
            "<!-- samplegen: multimodal-generation java -->\n<!-- /samplegen -->\n",
            "page.md:1: 'java' has several samples for multimodal-generation; "
            "name one: java-httpclient, java-dashscope",
        ),
        (
            "<!-- samplegen: chat-completions python-dashscope -->\n<!-- /samplegen -->\n",
            "page.md:1: sample 'python-dashscope' cannot call chat-completions "
            f"(openai-compatible); samples for it: {CHAT_SAMPLES}",
        ),
        (
            "<!-- samplegen: app-completion java-dashscope -->\n<!-- /samplegen -->\n",
            "page.md:1: sample 'java-dashscope' cannot call app-completion (ApplicationParam "
            "never sends debug (only input, parameters), and always adds "
            "parameters.incremental_output and parameters.has_thoughts, which the request does "
            "not send); samples for it: python-requests, node-fetch, curl-curl, php-curl, "
            "csharp-httpclient, go-nethttp, java-httpclient",
        ),
        (
            "<!-- samplegen: chat-completions curl region=eu -->\n<!-- /samplegen -->\n",
            "page.md:1: endpoint chat-completions has no region 'eu' (known: intl, cn, us)",
        ),
        (
            "<!-- samplegen: vision-chat-completions tabs languages=pyhton -->\n"
            "<!-- /samplegen -->\n",
            "page.md:1: unknown language 'pyhton'; did you mean python? "
            "(known: python, node, curl, php, csharp, go, java)",
        ),
        (
            "<!-- samplegen chat-completions curl -->\n",
            "page.md:1: malformed samplegen marker; write <!-- samplegen: ENDPOINT SAMPLE --> "
            "or <!-- /samplegen -->",
        ),
    ],
)
def test_bad_markers_are_errors_with_file_and_line(source: SampleSource, text: str, message: str):
    with pytest.raises(MarkerError) as info:
        sync_text(text, PAGE, source)
    assert str(info.value) == message


_IDS = sorted(SampleSource(SPECS).endpoints)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(_IDS),
    edit=st.sampled_from(["delete", "insert", "replace", "swap"]),
    where=st.integers(min_value=0),
    char=st.sampled_from("abcdefghijklmnopqrstuvwxyz-"),
)
def test_a_one_letter_typo_of_an_endpoint_suggests_it_first(
    name: str, edit: str, where: int, char: str
):
    i = where % (len(name) - 1)
    typo = {
        "delete": name[:i] + name[i + 1 :],
        "insert": name[:i] + char + name[i:],
        "replace": name[:i] + char + name[i + 1 :],
        "swap": name[:i] + name[i + 1] + name[i] + name[i + 2 :],
    }[edit]
    close = suggestions(typo, _IDS)
    # The endpoint meant comes first; a few near misses of about the same spelling may follow
    # (file-list and file-delete, the -params and -stream siblings), at most three in all.
    assert close[0] == name
    assert len(close) <= 3
    # Not the longer names that merely contain it (chat-completions-stream for chat-completions),
    # except chat-completions-params and text-generation-stream, whose siblings (-params-stream,
    # -stream-full) differ from them by a short suffix alone while a one-letter typo makes both
    # about equally close.
    if name not in ("chat-completions-params", "text-generation-stream"):
        assert [other for other in close if other != name and name in other] == []


def test_a_language_key_picks_the_one_sample_that_can_call_the_endpoint(source: SampleSource):
    """The DashScope Java SDK declines app-completion, so `java` means java.net.http
    for it (and is ambiguous where both can call it: text-embedding)."""
    text = "<!-- samplegen: app-completion java -->\n<!-- /samplegen -->\n"
    assert [m.name for m in sync_text(text, PAGE, source).markers] == [
        "app-completion java-httpclient"
    ]
    with pytest.raises(MarkerError, match="name one: java-httpclient, java-dashscope"):
        sync_text("<!-- samplegen: text-embedding java -->\n<!-- /samplegen -->\n", PAGE, source)


def test_a_default_region_an_endpoint_lacks_is_an_error_at_the_marker():
    source = SampleSource(SPECS, region="eu")
    text = "intro\n\n<!-- samplegen: text-generation curl -->\n<!-- /samplegen -->\n"
    with pytest.raises(MarkerError) as info:
        sync_text(text, PAGE, source)
    assert str(info.value) == (
        "page.md:3: endpoint text-generation has no region 'eu' (from --region or the "
        "config's region; known: intl, cn, us; a marker may name one with region=KEY)"
    )
    # A marker's own region=KEY wins over the default.
    named = "<!-- samplegen: text-generation curl region=cn -->\n<!-- /samplegen -->\n"
    assert "https://dashscope.aliyuncs.com/api/v1/" in sync_text(named, PAGE, source).new


def test_an_error_in_one_file_leaves_every_file_untouched(tmp_path: Path):
    good = tmp_path / "a.md"
    bad = tmp_path / "b.md"
    good.write_text("<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n")
    bad.write_text("<!-- samplegen: chat-completions curl -->\n")
    runner = CliRunner()
    result = runner.invoke(main, ["sync", str(tmp_path), "--specs", str(SPECS)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {bad}:1: samplegen marker has no closing <!-- /samplegen --> marker "
        "(or the closing marker sits inside an unclosed code fence)"
    )
    assert good.read_text() == "<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n"


def test_cli_check_exits_1_with_a_diff_and_then_0_after_sync(tmp_path: Path):
    page = tmp_path / "p.md"
    page.write_text("<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n")
    runner = CliRunner()
    stale = runner.invoke(main, ["sync", "--check", str(page), "--specs", str(SPECS)])
    assert stale.exit_code == 1
    assert f"\n  {page}:1 (chat-completions curl-curl)\n" in stale.output
    assert "+```bash" in stale.output
    assert runner.invoke(main, ["sync", str(page), "--specs", str(SPECS)]).exit_code == 0
    fresh = runner.invoke(main, ["sync", "--check", str(page), "--specs", str(SPECS)])
    assert fresh.exit_code == 0, fresh.output


_prose = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<`~\r"),
    max_size=60,
)
_line_endings = st.sampled_from(["\n", "\r\n"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=_prose, after=_prose, eol=_line_endings)
def test_sync_keeps_any_surrounding_text_and_is_idempotent(
    source: SampleSource, before: str, after: str, eol: str
):
    before = before.replace("\n", eol)
    after = after.replace("\n", eol)
    block = f"<!-- samplegen: chat-completions curl -->{eol}stale{eol}<!-- /samplegen -->{eol}"
    text = f"{before}{eol}{eol}{block}{eol}{after}"
    once = sync_text(text, PAGE, source).new
    assert once.startswith(f"{before}{eol}{eol}<!-- samplegen: chat-completions curl -->{eol}")
    assert once.endswith(f"<!-- /samplegen -->{eol}{eol}{after}")
    assert sync_text(once, PAGE, source).new == once


def _missing_templates() -> list[str]:
    from generator.render.registry import VARIANTS

    return [v.template for v in VARIANTS if not (DEFAULT_TEMPLATES / v.template).is_file()]


def test_all_language_tabs_sync_and_round_trip(tmp_path: Path):
    missing = _missing_templates()
    if missing:
        pytest.skip(f"LOUD SKIP: templates not written yet: {', '.join(missing)}")
    # The six-endpoint fixture page, then one tab set for every other spec.
    page = tmp_path / "all.md"
    shutil.copy(FIXTURES / "site" / "guide" / "all-languages.md", page)
    source = SampleSource(SPECS)
    on_page = {line.split()[2] for line in page.read_text().splitlines() if "samplegen:" in line}
    others = sorted(set(source.endpoints) - on_page)
    with page.open("a") as extra:
        extra.write("\n## Every other spec\n\n")
        for endpoint in others:
            extra.write(f"<!-- samplegen: {endpoint} tabs -->\n<!-- /samplegen -->\n\n")
    [result] = sync_paths([page], SPECS)
    assert sorted(m.endpoint.id for m in result.markers) == sorted(source.endpoints)
    text = page.read_text()
    every = ("Python", "Node.js", "curl", "PHP", "C#", "Go", "Java")
    for title in every:
        assert f'=== "{title}"' in text
    assert '```java title="java.net.http"' in text
    # Every tab set has the same labels, in the same order, whatever the endpoint; only a
    # language with no sample for the endpoint would lack its tab; every one has them all.
    labels = {m.endpoint.id: tuple(t.label for t in tabs_for(m, source)) for m in result.markers}
    lacking = {e: tuple(t for t in every if t not in tabs) for e, tabs in labels.items()}
    assert {e: gap for e, gap in lacking.items() if gap} == {}
    for tabs in labels.values():
        assert tabs == tuple(t for t in every if t in tabs)
    # A streamed endpoint's Java tab holds java.net.http and the SDK, each with its caption.
    stream = next(m for m in result.markers if m.endpoint.id == "chat-completions-stream")
    [java] = [t for t in tabs_for(stream, source) if t.key == "java"]
    assert [c.caption for c in java.codes] == ["java.net.http", "OpenAI Java SDK"]
    assert not sync_paths([page], SPECS, check=True)[0].changes


def test_sync_region_and_locale_options_change_the_default_edition(tmp_path: Path) -> None:
    """--region sets the region of markers that name none; --locale the comment language."""
    page = tmp_path / "page.md"
    page.write_text("<!-- samplegen: text-generation curl -->\n<!-- /samplegen -->\n")
    result = CliRunner().invoke(
        main, ["sync", str(page), "--specs", str(SPECS), "--region", "cn", "--locale", "ja"]
    )
    assert result.exit_code == 0, result.output
    text = page.read_text()
    assert "https://dashscope.aliyuncs.com/api/v1/" in text
    assert "環境変数 DASHSCOPE_API_KEY に API キーを設定してください。" in text
    # --check needs the same edition; the hint to fix a stale page repeats the options.
    same = ["sync", "--check", str(page), "--specs", str(SPECS), "--region", "cn", "--locale", "ja"]
    assert CliRunner().invoke(main, same).exit_code == 0
    plain = CliRunner().invoke(main, ["sync", "--check", str(page), "--specs", str(SPECS)])
    assert plain.exit_code == 1
    # The hint repeats the options given on the command line, so it works as written.
    assert plain.output.startswith(
        f"1 block(s) in 1 page(s) out of date; run: samplegen sync --specs {SPECS} {page}\n"
    )
    stale = CliRunner().invoke(main, [*same[:-4], "--region", "intl", "--locale", "ja"])
    assert stale.exit_code == 1
    assert stale.output.startswith(
        "1 block(s) in 1 page(s) out of date; "
        f"run: samplegen sync --specs {SPECS} --region intl --locale ja {page}\n"
    )
