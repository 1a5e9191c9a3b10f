"""The docs system and the edition are settings every docs command obeys: the config's
docs_system (and per-path overrides) decide a page's syntax, its region, locale and
languages decide what the pages show, sync --check reports what a site's configuration
lacks, include mode names the generated files, and --prune removes blocks of deleted specs.

The same projects built by the real tools: tests/docs_tools/test_systems.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.drift import DIFF_SHOWN
from generator.cli.main import main
from generator.docs.site import docusaurus_config, docusaurus_package, mkdocs_yml, sphinx_conf
from generator.docs.systems import SystemChoice
from tests.conftest import copy_specs

TABS = "<!-- samplegen: chat-completions tabs -->\n<!-- /samplegen -->\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a copy of two specs, the current folder of the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAMPLEGEN_CONFIG", raising=False)
    copy_specs(tmp_path / "specs", "chat-completions.yaml", "text-generation.yaml")
    (tmp_path / "docs").mkdir()
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def config(project: Path, text: str) -> None:
    (project / "samplegen.toml").write_text('docs = ["docs"]\noutput = "samples"\n' + text)


def test_the_config_docs_system_decides_the_syntax_of_sync_and_of_the_hooks_check(
    project: Path,
) -> None:
    """The issue's case: a MyST page synced right must not be stale for a bare --check."""
    config(project, 'docs_system = "myst"\n')
    (project / "docs" / "api.md").write_text(TABS)
    assert run("sync").exit_code == 0
    text = (project / "docs" / "api.md").read_text()
    assert "{tab-set}" in text and '=== "Python"' not in text
    check = run("sync", "--check")  # what the pre-commit hook runs: no --format
    assert check.exit_code == 0, check.output


def test_per_path_overrides_pick_another_system_for_part_of_a_site(project: Path) -> None:
    config(
        project,
        'docs_system = "mkdocs"\n[docs_system_overrides]\n"docs/readme" = "markdown"\n'
        '"docs/**/*.sphinx.md" = "myst"\n',
    )
    (project / "docs" / "readme").mkdir()
    (project / "docs" / "deep" / "er").mkdir(parents=True)
    for page in ("api.md", "readme/api.md", "deep/er/x.sphinx.md"):
        (project / "docs" / page).write_text(TABS)
    assert run("sync").exit_code == 0
    assert '=== "Python"' in (project / "docs" / "api.md").read_text()
    plain = (project / "docs" / "readme" / "api.md").read_text()
    assert "**Python (OpenAI SDK)**" in plain and '=== "Python"' not in plain
    assert "{tab-set}" in (project / "docs" / "deep" / "er" / "x.sphinx.md").read_text()
    assert run("sync", "--check").exit_code == 0


def test_the_most_specific_override_wins() -> None:
    base = Path("/site").resolve().as_posix()
    choice = SystemChoice(
        default="mkdocs",
        overrides=((f"{base}/docs", "markdown"), (f"{base}/docs/sphinx", "sphinx")),
    )
    assert choice.format_for(Path("/site/docs/a.md")) == "markdown"
    assert choice.format_for(Path("/site/docs/sphinx/a.md")) == "myst"
    assert choice.format_for(Path("/site/other/a.md")) == "mkdocs"
    # --format wins; a Sphinx project's .md pages are MyST (rst is sphinx's old name).
    assert SystemChoice(given=("rst",), default="mkdocs").format_for(Path("/x/a.md")) == "myst"


def test_an_unknown_system_or_override_is_a_located_config_error(project: Path) -> None:
    config(project, '[docs_system_overrides]\n"docs/x" = "hugo"\n')
    result = run("sync")
    assert result.exit_code == 2
    assert result.output == (
        "error: samplegen.toml:3: docs_system_overrides: \"docs/x\" = 'hugo' names no docs "
        "system (known: mkdocs, docusaurus, sphinx, sphinx-tabs, myst, markdown)\n"
    )


def test_a_site_in_one_region_and_locale_says_so_in_the_config_and_every_command_follows(
    project: Path,
) -> None:
    config(project, 'region = "cn"\nlocale = "ja"\nlanguages = ["python", "curl"]\n')
    (project / "docs" / "api.md").write_text(TABS.replace("chat-completions", "text-generation"))
    assert run("generate").exit_code == 0
    curl = project / "samples" / "text-generation" / "curl" / "curl" / "request.sh"
    assert "dashscope.aliyuncs.com" in curl.read_text()
    assert "環境変数" in curl.read_text()
    assert not (project / "samples" / "regions").exists()
    assert run("check").exit_code == 0
    assert run("sync").exit_code == 0
    page = (project / "docs" / "api.md").read_text()
    assert "https://dashscope.aliyuncs.com/api/v1/" in page and "環境変数" in page
    assert [t for t in ('"Python"', '"curl"', '"Go"', '"Node.js"') if t in page] == [
        '"Python"',
        '"curl"',
    ], "tabs hold only the config's languages"
    assert run("sync", "--check").exit_code == 0
    # A spec change: the hint repeats nothing the config says, so running it keeps cn/ja.
    spec = project / "specs" / "text-generation.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max"))
    stale = run("sync", "--check")
    assert stale.exit_code == 1
    assert (
        stale.output.splitlines()[0] == "1 block(s) in 1 page(s) out of date; run: samplegen sync"
    )
    assert run("sync").exit_code == 0
    page = (project / "docs" / "api.md").read_text()
    assert "qwen-max" in page and "環境変数" in page and "dashscope.aliyuncs.com/api" in page


def test_a_marker_outside_the_configs_languages_is_an_error(project: Path) -> None:
    config(project, 'languages = ["python"]\n')
    (project / "docs" / "api.md").write_text(
        "<!-- samplegen: chat-completions go -->\n<!-- /samplegen -->\n"
    )
    result = run("sync")
    assert result.exit_code == 2
    assert "sample 'go' is not in this project's selection (samplegen.toml: languages = " in (
        result.output
    )


def test_region_and_regions_exclude_each_other(project: Path) -> None:
    config(project, 'region = "cn"\nregions = ["cn"]\n')
    result = run("check")
    assert result.exit_code == 2
    assert "samplegen.toml:4: region (the one edition a site shows) and regions" in result.output


# -- what a site's configuration lacks ---------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "page", "site_file", "broken", "said"),
    [
        (
            "mkdocs",
            "docs/api.md",
            "mkdocs.yml",
            "site_name: x\nmarkdown_extensions:\n  - admonition\n",
            [
                "mkdocs.yml:2: the samplegen pages need pymdownx.superfences",
                "      alternate_style: true",
            ],
        ),
        (
            "docusaurus",
            "docs/api.mdx",
            "docusaurus.config.js",
            docusaurus_config().replace("'bash', 'php', 'csharp', 'java'", "'java'"),
            [
                "the code of the bash, csharp, php samples is not highlighted",
                "additionalLanguages: ['bash', 'php', 'csharp', 'java']",
            ],
        ),
        (
            "sphinx",
            "docs/api.rst",
            "docs/conf.py",
            sphinx_conf("sphinx").replace('"sphinx_design",', ""),
            ["need the Sphinx extension(s) sphinx_design", 'extensions.append("sphinx_design")'],
        ),
        (
            "myst",
            "docs/api.md",
            "docs/conf.py",
            'extensions = ["sphinx_design"]\n',
            ["need the Sphinx extension(s) myst_parser", 'extensions.append("myst_parser")'],
        ),
    ],
)
def test_check_reports_what_the_site_configuration_lacks_and_the_lines_to_add(
    project: Path, system: str, page: str, site_file: str, broken: str, said: list[str]
) -> None:
    config(project, f'docs_system = "{system}"\n')
    marker = {
        "docusaurus": "{/* samplegen: chat-completions tabs */}\n{/* /samplegen */}\n",
        "sphinx": ".. samplegen: chat-completions tabs\n\n.. /samplegen\n",
    }.get(system, TABS)
    (project / page).write_text(marker)
    (project / site_file).write_text(broken)
    synced = run("sync")
    assert synced.exit_code == 0, synced.output
    assert "warning: " in synced.output  # sync writes, and says what the site lacks
    check = run("sync", "--check")
    assert check.exit_code == 1, check.output
    assert check.output.startswith("1 site configuration(s) lack what the samplegen pages need")
    for text in said:
        assert text in check.output
    fixed = {
        "mkdocs": mkdocs_yml(False),
        "docusaurus": docusaurus_config(),
        "sphinx": sphinx_conf("sphinx"),
        "myst": sphinx_conf("myst"),
    }[system]
    (project / site_file).write_text(fixed)
    assert run("sync", "--check").exit_code == 0


def test_a_configured_system_without_its_site_file_is_a_note_not_a_failure(
    project: Path,
) -> None:
    config(project, 'docs_system = "mkdocs"\n')
    (project / "docs" / "api.md").write_text(TABS)
    assert run("sync").exit_code == 0
    check = run("sync", "--check")
    assert check.exit_code == 0
    assert "note: docs/api.md: no mkdocs.yml or mkdocs.yaml found above it" in check.output


# -- reading a failed check -----------------------------------------------------------------


def test_a_long_diff_is_capped_after_the_summary_and_diff_shows_all(project: Path) -> None:
    config(project, "")
    for n in range(3):
        (project / "docs" / f"p{n}.md").write_text(TABS)
    stale = run("sync", "--check")
    lines = stale.output.splitlines()
    assert lines[0] == "3 block(s) in 3 page(s) out of date; run: samplegen sync"
    assert lines[1:4] == [f"  docs/p{n}.md:1 (chat-completions tabs)" for n in range(3)]
    assert lines[-1].startswith("... ") and lines[-1].endswith(
        "more line(s) of diff; all of it: samplegen sync --check --diff"
    )
    assert len(lines) == 4 + 1 + DIFF_SHOWN + 1
    full = run("sync", "--check", "--diff")
    assert len(full.output.splitlines()) > 3 * 200 and "more line(s)" not in full.output


# -- deleted specs --------------------------------------------------------------------------


def test_a_block_of_a_deleted_spec_names_the_command_that_removes_it(project: Path) -> None:
    config(project, "")
    page = project / "docs" / "api.md"
    page.write_text(
        "# API\n\n"
        + TABS.replace("chat-completions", "text-generation")
        + "\nText between.\n\n"
        + TABS
        + "\nAfter.\n"
    )
    assert run("sync").exit_code == 0
    (project / "specs" / "text-generation.yaml").unlink()
    error = run("sync", "--check")
    assert error.exit_code == 2
    assert error.output == (
        "error: docs/api.md:3: no spec has the id 'text-generation' any more (in specs); if it "
        "was removed on purpose, run samplegen sync --prune docs/api.md to remove this block, "
        "or name another endpoint (known: chat-completions)\n"
    )
    check = run("sync", "--check", "--prune")
    assert check.exit_code == 1
    assert check.output.splitlines()[0].endswith("run: samplegen sync --prune")
    assert "docs/api.md:3 (text-generation: no such endpoint, removed)" in check.output
    pruned = run("sync", "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert "removed: docs/api.md:3" in pruned.output
    text = page.read_text()
    assert "text-generation" not in text
    assert text.startswith("# API\n\n\nText between.\n\n<!-- samplegen: chat-completions tabs")
    assert text.endswith("<!-- /samplegen -->\n\nAfter.\n")
    assert run("sync", "--check").exit_code == 0


# -- include mode ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "page", "marker", "expected"),
    [
        (
            "mkdocs",
            "docs/api.md",
            TABS,
            '    --8<-- "samples/chat-completions/python/openai/main.py"',
        ),
        (
            "sphinx",
            "docs/api.rst",
            ".. samplegen: chat-completions tabs\n\n.. /samplegen\n",
            "      .. literalinclude:: ../samples/chat-completions/python/openai/main.py",
        ),
        ("myst", "docs/api.md", TABS, "```{literalinclude} ../samples/chat-completions/python/"),
        (
            "docusaurus",
            "docs/api.mdx",
            "{/* samplegen: chat-completions tabs */}\n{/* /samplegen */}\n",
            "import ChatCompletionsPythonOpenaiMainPy from "
            "'!!raw-loader!../samples/chat-completions/python/openai/main.py';",
        ),
    ],
)
def test_include_mode_names_the_generated_files_and_checks_them(
    project: Path, system: str, page: str, marker: str, expected: str
) -> None:
    config(project, f'docs_system = "{system}"\ndocs_mode = "include"\n')
    site_file, site_text = {
        "mkdocs": ("mkdocs.yml", mkdocs_yml(True)),
        "sphinx": ("docs/conf.py", sphinx_conf("sphinx")),
        "myst": ("docs/conf.py", sphinx_conf("myst")),
        "docusaurus": ("docusaurus.config.js", docusaurus_config()),
    }[system]
    (project / site_file).write_text(site_text)
    if system == "docusaurus":  # include mode imports with raw-loader: the site installs it
        (project / "package.json").write_text(docusaurus_package(True))
    (project / page).write_text(marker)
    assert run("generate").exit_code == 0
    synced = run("sync")
    assert synced.exit_code == 0, synced.output
    text = (project / page).read_text()
    assert expected in text.splitlines() or expected in text
    assert "client.chat.completions.create" not in text, "the page holds no sample text"
    assert run("sync", "--check").exit_code == 0
    # A spec change makes the files stale: the page itself is not, and check says so.
    spec = project / "specs" / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max"))
    stale = run("sync", "--check")
    assert stale.exit_code == 1
    first = stale.output.splitlines()[0]
    assert first == (
        "10 generated file(s) the pages include are missing or out of date; run: samplegen generate"
    )
    assert "  samples/chat-completions/python/openai/main.py: differs from the specs" in (
        stale.output
    )
    assert run("generate").exit_code == 0
    assert run("sync", "--check").exit_code == 0


def test_include_mode_follows_the_edition_a_marker_asks_for(project: Path) -> None:
    config(project, 'docs_mode = "include"\n')
    (project / "mkdocs.yml").write_text(mkdocs_yml(True))
    (project / "docs" / "api.md").write_text(
        "<!-- samplegen: text-generation curl region=cn -->\n<!-- /samplegen -->\n"
    )
    assert run("generate").exit_code == 0
    assert run("sync").exit_code == 0
    assert '--8<-- "samples/regions/cn/text-generation/curl/curl/request.sh"' in (
        (project / "docs" / "api.md").read_text()
    )
    both = run("sync", "--locale", "ja")
    assert both.exit_code == 2
    assert "generate writes no cn/ja edition of text-generation" in both.output


def test_plain_markdown_has_no_include(project: Path) -> None:
    config(project, 'docs_system = "markdown"\ndocs_mode = "include"\n')
    (project / "docs" / "api.md").write_text(TABS)
    result = run("sync")
    assert result.exit_code == 2
    assert "markdown pages cannot include files (CommonMark has no include)" in result.output


def test_the_audit_follows_includes_and_locates_findings_in_the_included_file(
    project: Path,
) -> None:
    config(project, 'docs_system = "sphinx"\ndocs_mode = "include"\n')
    (project / "docs" / "conf.py").write_text(sphinx_conf("sphinx"))
    (project / "docs" / "api.rst").write_text(
        ".. samplegen: chat-completions tabs\n\n.. /samplegen\n"
    )
    assert run("generate").exit_code == 0 and run("sync").exit_code == 0
    clean = run("audit")
    assert clean.exit_code == 0, clean.output
    assert clean.output.endswith("10 sample(s) in 1 file(s): no findings\n")
    curl = project / "samples" / "chat-completions" / "curl" / "curl" / "request.sh"
    curl.write_text(curl.read_text().replace("/chat/completions", "/chat/completion"))
    found = run("audit")
    assert found.exit_code == 1
    assert found.output.startswith("samples/chat-completions/curl/curl/request.sh:"), found.output
    assert "[path] curl (chat-completions): no endpoint has the path" in found.output


def test_the_audit_reads_the_code_blocks_of_rest_pages(project: Path) -> None:
    config(project, 'docs_system = "sphinx"\n')
    (project / "docs" / "api.rst").write_text(
        ".. samplegen: text-generation tabs\n\n.. /samplegen\n"
    )
    assert run("sync").exit_code == 0
    result = run("audit")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("sample(s) in 1 file(s): no findings\n")
    assert int(result.output.split(" sample(s)")[0].split("\n")[-1]) >= 7


def test_fix_writes_the_markers_of_the_pages_docs_system(project: Path) -> None:
    config(project, 'docs_system = "docusaurus"\n')
    page = project / "docs" / "api.mdx"
    page.write_text(
        "# Chat\n\n```bash\ncurl -X POST https://dashscope-intl.aliyuncs.com/compatible-mode/v1/"
        'chat/completions \\\n  -H "Authorization: Bearer $DASHSCOPE_API_KEY" \\\n'
        """  -d '{"model": "qwen-plus", "messages": []}'\n```\n"""
    )
    fixed = run("audit", "--fix", "docs/api.mdx")
    assert fixed.exit_code == 0, fixed.output
    text = page.read_text()
    assert "{/* samplegen: chat-completions curl-curl */}" in text
    assert "<!--" not in text, "an HTML comment is invalid MDX 3"
    assert run("sync", "--check").exit_code == 0
