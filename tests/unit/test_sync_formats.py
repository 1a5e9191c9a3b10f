"""`samplegen sync` in every docs system: its own markers and tabs, every other byte kept."""

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
from generator.docs.sync.formats import FORMATS, docs_format_for
from generator.docs.sync.pages import (
    NoMarkersError,
    SampleSource,
    find_markers,
    sync_paths,
    sync_text,
)

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
PAGES = ROOT / "tests" / "docs_tools" / "pages"
IMPORTS = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n"

# (fixture page, --format, the opening marker of its tab set)
SYSTEMS = {
    "mkdocs": ("mkdocs.md", None),
    "docusaurus": ("docusaurus.mdx", None),
    "sphinx": ("sphinx.rst", None),
    "sphinx-tabs": ("tabs.rst", "sphinx-tabs"),
    "myst": ("myst.md", "myst"),
}


@pytest.fixture(scope="module")
def source() -> SampleSource:
    return SampleSource(SPECS)


def outside(text: str, path: Path, source: SampleSource, fmt: str | None) -> list[str]:
    """The page's lines outside every marked block (the marker lines themselves kept)."""
    lines = split_lines(text)
    kept: list[str] = []
    cursor = 0
    for marker in find_markers(text, path, source, docs_format_for(path, fmt)):
        kept.extend(lines[cursor : marker.line])
        cursor = marker.end_line - 1
    return kept + lines[cursor:]


@pytest.mark.parametrize("system", SYSTEMS)
def test_a_synced_page_keeps_every_byte_outside_its_markers_and_round_trips(
    system: str, tmp_path: Path, source: SampleSource
):
    name, fmt = SYSTEMS[system]
    page = tmp_path / name
    shutil.copy(PAGES / name, page)
    before = page.read_text()
    [first] = sync_paths([page], SPECS, formats=fmt)
    after = page.read_text()
    assert first.changed and first.markers
    kept = outside(after, page, source, fmt)
    if system == "docusaurus":  # the two imports a page with tabs needs, added once
        assert IMPORTS in after and IMPORTS not in before
        kept = [line for line in kept if line not in IMPORTS.splitlines(keepends=True)]
    assert kept == outside(before, page, source, fmt)
    [second] = sync_paths([page], SPECS, formats=fmt)
    assert not second.changed and not second.changes
    assert page.read_text() == after
    [check] = sync_paths([page], SPECS, check=True, formats=fmt)
    assert not check.changes


@pytest.mark.parametrize("system", SYSTEMS)
def test_a_spec_change_updates_exactly_the_marked_blocks_of_that_endpoint(
    system: str, tmp_path: Path
):
    name, fmt = SYSTEMS[system]
    page, specs = tmp_path / name, tmp_path / "specs"
    shutil.copy(PAGES / name, page)
    shutil.copytree(SPECS, specs)
    sync_paths([page], specs, formats=fmt)
    synced = page.read_text()
    endpoint = "text-generation" if system == "sphinx-tabs" else "chat-completions"
    spec_file = specs / f"{endpoint}.yaml"
    data = yaml.safe_load(spec_file.read_text())
    data["request"]["example"]["model"] = "qwen-max"
    spec_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    [check] = sync_paths([page], specs, check=True, formats=fmt)
    assert page.read_text() == synced, "--check writes nothing"
    assert [c.name for c in check.changes] == [f"{endpoint} tabs"]
    [marker] = [m for m in check.markers if m.endpoint.id == endpoint]

    sync_paths([page], specs, formats=fmt)
    old_lines, new_lines = synced.split("\n"), page.read_text().split("\n")
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed, "the model appears in the samples"
    for i in changed:
        assert marker.line <= i + 1 < marker.end_line, f"line {i + 1} is outside the block"
        assert old_lines[i].replace("qwen-plus", "qwen-max") == new_lines[i]
    # One changed line per sample in the tabs (each sample names the model once).
    assert len(changed) == len(marker.variants)


@pytest.mark.parametrize(
    ("name", "fmt", "opening", "closing"),
    [
        ("page.md", None, "<!-- samplegen: chat-completions tabs -->", "<!-- /samplegen -->"),
        ("page.md", "myst", "<!-- samplegen: chat-completions curl -->", "<!-- /samplegen -->"),
        ("page.mdx", None, "{/* samplegen: chat-completions curl */}", "{/* /samplegen */}"),
        ("page.rst", None, ".. samplegen: chat-completions tabs", ".. /samplegen"),
    ],
)
def test_a_byte_order_mark_before_a_marker_on_line_1_is_kept(
    tmp_path: Path, name: str, fmt: str | None, opening: str, closing: str
):
    page = tmp_path / name
    page.write_bytes(f"\ufeff{opening}\n\n{closing}\nAfter.\n".encode())
    [result] = sync_paths([page], SPECS, formats=fmt)
    assert [m.line for m in result.markers] == [1]
    raw = page.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + opening.encode() + b"\n\n")
    assert raw.endswith(f"\n{closing}\nAfter.\n".encode())
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert not sync_paths([page], SPECS, check=True, formats=fmt)[0].changes


def test_the_suffix_chooses_the_docs_system_unless_one_is_configured():
    chosen = {
        name: docs_format_for(Path(name)).name
        for name in ("a.md", "a.markdown", "a.mdx", "a.rst", "README.txt")
    }
    assert chosen == {
        "a.md": "mkdocs",
        "a.markdown": "mkdocs",
        "a.mdx": "docusaurus",
        "a.rst": "sphinx",
        "README.txt": "markdown",
    }
    assert docs_format_for(Path("a.md"), "myst").name == "myst"
    assert docs_format_for(Path("a.md"), "docusaurus").name == "docusaurus"
    # A Sphinx project's .md pages are MyST; a Docusaurus site reads .md as MDX.
    assert docs_format_for(Path("a.md"), "sphinx").name == "myst"
    assert docs_format_for(Path("a.rst"), "sphinx").name == "sphinx"
    # A configured system applies to the files it reads; the others keep their default.
    both = ["myst", "sphinx-tabs"]
    assert docs_format_for(Path("a.rst"), both).name == "sphinx-tabs"
    assert docs_format_for(Path("a.md"), both).name == "myst"
    assert docs_format_for(Path("a.mdx"), "myst").name == "docusaurus"
    # The names earlier versions used still work.
    assert docs_format_for(Path("a.rst"), "rst-sphinx-tabs").name == "sphinx-tabs"
    assert docs_format_for(Path("a.md"), "plain").name == "markdown"
    assert sorted(FORMATS) == sorted(
        ["mkdocs", "docusaurus", "sphinx", "sphinx-tabs", "myst", "markdown"]
    )


@pytest.mark.parametrize("suffix", [".mdx", ".rst", ".md"])
def test_a_check_that_finds_no_marker_fails_and_says_so(tmp_path: Path, suffix: str):
    (tmp_path / f"a{suffix}").write_text("# A page\n\nNo markers here.\n")
    (tmp_path / f"b{suffix}").write_text("Nor here.\n")
    with pytest.raises(NoMarkersError):
        sync_paths([tmp_path], SPECS, check=True)
    result = CliRunner().invoke(main, ["sync", "--check", str(tmp_path), "--specs", str(SPECS)])
    assert result.exit_code == 2
    assert result.output == (
        f"error: no samplegen marker in 2 file(s) under {tmp_path} "
        "(folders are searched for *.md, *.markdown, *.mdx, *.rst); nothing to sync\n"
    )


def test_an_empty_folder_is_no_marker_either(tmp_path: Path):
    result = CliRunner().invoke(main, ["sync", "--check", str(tmp_path), "--specs", str(SPECS)])
    assert result.exit_code == 2
    assert "no samplegen marker in 0 file(s)" in result.output


def test_docusaurus_tabs_are_tab_items_of_one_language_group(source: SampleSource):
    text = "{/* samplegen: chat-completions tabs languages=python,go */}\n{/* /samplegen */}\n"
    new = sync_text(text, Path("p.mdx"), source).new
    assert new.startswith(IMPORTS + "\n{/* samplegen: chat-completions tabs")
    assert '\n<Tabs groupId="language">\n<TabItem value="python" label="Python">\n\n' in new
    assert '```python title="OpenAI SDK"\n' in new and '```python title="requests"\n' in new
    assert '</TabItem>\n<TabItem value="go" label="Go">\n\n```go\n// Call Qwen-Plus' in new
    assert new.endswith("```\n\n</TabItem>\n</Tabs>\n\n{/* /samplegen */}\n")


def test_docusaurus_imports_go_after_the_front_matter_and_the_pages_own_imports(
    source: SampleSource,
):
    marker = "{/* samplegen: text-generation tabs */}\n{/* /samplegen */}\n"
    own = "---\nid: x\n---\n\nimport Tabs from '@theme/Tabs';\nimport Foo from './foo';\n\n"
    new = sync_text(own + "# T\n\n" + marker, Path("p.mdx"), source).new
    assert new.startswith(
        own.replace("'./foo';\n", "'./foo';\nimport TabItem from '@theme/TabItem';\n")
    )
    fresh = sync_text("---\nid: x\n---\n# T\n\n" + marker, Path("p.mdx"), source).new
    assert fresh.startswith("---\nid: x\n---\n" + IMPORTS + "\n# T\n")
    # A page without a tabs marker needs no import.
    single = "{/* samplegen: text-generation curl */}\n{/* /samplegen */}\n"
    assert sync_text(single, Path("p.mdx"), source).new.startswith(
        single.split("\n")[0] + "\n\n```bash"
    )


def test_a_missing_import_is_stale_for_check(tmp_path: Path):
    page = tmp_path / "p.mdx"
    page.write_text("# T\n\n{/* samplegen: text-generation tabs */}\n{/* /samplegen */}\n")
    sync_paths([page], SPECS)
    page.write_text(page.read_text().replace("import TabItem from '@theme/TabItem';\n", ""))
    result = CliRunner().invoke(main, ["sync", "--check", str(page), "--specs", str(SPECS)])
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"1 block(s) in 1 page(s) out of date; run: samplegen sync --specs {SPECS} {page}",
        f"  {page}:2 (imports)",
    ]
    assert "+import TabItem from '@theme/TabItem';" in result.output


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "p.mdx",
            "<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n",
            "p.mdx:1: malformed samplegen marker; write {/* samplegen: ENDPOINT SAMPLE */} "
            "or {/* /samplegen */}",
        ),
        (
            "p.mdx",
            "{/* samplegen: chat-completions curl */}\n",
            "p.mdx:1: samplegen marker has no closing {/* /samplegen */} marker "
            "(or the closing marker sits inside an unclosed code fence)",
        ),
        ("p.rst", "Text\n\n.. /samplegen\n", "p.rst:3: .. /samplegen without an opening marker"),
        (
            "p.rst",
            ".. samplegen: chat-completions\n\n.. /samplegen\n",
            "p.rst:1: a marker needs an endpoint and a sample: .. samplegen: ENDPOINT SAMPLE "
            "or .. samplegen: ENDPOINT tabs",
        ),
        (
            "p.rst",
            ".. samplegen chat-completions curl\n",
            "p.rst:1: malformed samplegen marker; write .. samplegen: ENDPOINT SAMPLE "
            "or .. /samplegen",
        ),
    ],
)
def test_bad_markers_are_reported_in_the_systems_own_syntax(
    source: SampleSource, name: str, text: str, message: str
):
    with pytest.raises(MarkerError) as info:
        sync_text(text, Path(name), source)
    assert str(info.value) == message


def test_rst_markers_in_literal_blocks_and_comments_are_text(source: SampleSource):
    text = (
        "Example::\n\n   .. samplegen: nope nothing\n\n"
        ".. code-block:: rst\n\n   .. /samplegen\n\n"
        "..\n   .. samplegen: commented out\n\nEnd.\n"
    )
    result = sync_text(text, Path("p.rst"), source)
    assert result.markers == [] and result.new == text


def test_rst_code_is_indented_under_its_directive_with_tabs_expanded(source: SampleSource):
    text = ".. samplegen: chat-completions go\n\n.. /samplegen\n"
    new = sync_text(text, Path("p.rst"), source).new
    assert new.startswith(
        ".. samplegen: chat-completions go\n\n.. code-block:: go\n\n   // Call Qwen-Plus"
    )
    assert "\t" not in new and "\n           " in new


def test_myst_tab_fences_are_longer_than_the_code_fences_they_hold(source: SampleSource):
    text = "<!-- samplegen: chat-completions tabs languages=python,go -->\n<!-- /samplegen -->\n"
    new = sync_text(text, Path("p.md"), source, FORMATS["myst"]).new
    assert "\n`````{tab-set}\n````{tab-item} Python\n:sync: python\n\n" in new
    assert "```{code-block} python\n:caption: OpenAI SDK\n\n" in new
    assert "````{tab-item} Go\n:sync: go\n\n```go\n// Call Qwen-Plus" in new
    assert new.endswith("```\n````\n`````\n\n<!-- /samplegen -->\n")
    assert "===" not in new


def test_plain_markdown_captions_each_sample_instead_of_tabs(source: SampleSource):
    text = "<!-- samplegen: chat-completions tabs languages=python,curl -->\n<!-- /samplegen -->\n"
    new = sync_text(text, Path("README.txt"), source).new
    assert "**Python (OpenAI SDK)**\n\n```python\n" in new
    assert "**Python (requests)**\n\n```python\n" in new
    assert "**curl**\n\n```bash\n" in new
    assert "===" not in new


_prose = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<`~\r\ufeff"),
    max_size=60,
)
_MARKERS = {
    "page.md": ("<!-- samplegen: chat-completions curl -->", "<!-- /samplegen -->", None),
    "myst.md": ("<!-- samplegen: chat-completions curl -->", "<!-- /samplegen -->", "myst"),
    "page.mdx": ("{/* samplegen: chat-completions curl */}", "{/* /samplegen */}", None),
    "page.rst": (".. samplegen: chat-completions curl", ".. /samplegen", None),
}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(sorted(_MARKERS)),
    before=_prose,
    after=_prose,
    eol=st.sampled_from(["\n", "\r\n"]),
)
def test_every_system_keeps_any_surrounding_text_and_is_idempotent(
    source: SampleSource, name: str, before: str, after: str, eol: str
):
    opening, closing, fmt = _MARKERS[name]
    before, after = before.replace("\n", eol), after.replace("\n", eol)
    text = f"{before}{eol}{eol}{opening}{eol}stale{eol}{closing}{eol}{eol}{after}"
    chosen = FORMATS[fmt] if fmt else None
    once = sync_text(text, Path(name), source, chosen).new
    assert once.startswith(f"{before}{eol}{eol}{opening}{eol}{eol}")
    assert once.endswith(f"{eol}{closing}{eol}{eol}{after}")
    assert "stale" not in once.removeprefix(before).removesuffix(after)
    assert sync_text(once, Path(name), source, chosen).new == once


def test_rst_markers_nested_in_directives_are_markup(source: SampleSource):
    text = (
        ".. note::\n\n   .. tab-set::\n\n      .. tab-item:: Setup\n\n"
        "         .. samplegen: text-generation curl\n\n         .. /samplegen\n"
    )
    [marker] = sync_text(text, Path("p.rst"), source).markers
    assert (marker.line, marker.indent) == (7, "         ")
