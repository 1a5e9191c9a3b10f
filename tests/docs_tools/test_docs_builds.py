"""Synced pages build in the real docs tools: MkDocs Material, Sphinx (reST, MyST), MDX 3."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from generator.docs.site import docusaurus_config, mkdocs_yml, sphinx_conf
from tests.docs_tools.support import (
    CACHE,
    HERE,
    build_mkdocs,
    documented_file,
    expected_tabs,
    in_order,
    node,
    require,
    run,
    sync_into,
    text_of,
)


def test_mkdocs_material_builds_the_synced_pages_strictly_with_the_documented_config(
    tmp_path: Path,
):
    built = build_mkdocs(tmp_path)
    page = (built / "index.html").read_text(encoding="utf-8")
    sets = re.findall(r'<div class="tabbed-set tabbed-alternate".*?</div>\n</div>', page, re.S)
    labels = [
        re.findall(r'<label for="__tabbed_\d+_\d+">([^<]*)</label>', s)
        for s in re.findall(r'<div class="tabbed-labels">(.*?)</div>', page, re.S)
    ]
    tabs = expected_tabs(tmp_path / "docs" / "index.md")
    assert (
        labels
        == [[t.label for t in ts] for ts in tabs]
        == [["Python", "curl", "Go"], ["Node.js", "Java"]]
    )
    assert sets, "the tab sets are rendered as Material content tabs"
    blocks = [
        text_of(b)
        for b in re.findall(r"<pre[^>]*>(?:<span></span>)?<code>(.*?)</code></pre>", page, re.S)
    ]
    codes = [c.text for ts in tabs for t in ts for c in t.codes]
    assert in_order(codes, blocks), "every sample is a code block, tabs kept (preserve_tabs)"
    titles = re.findall(r'<span class="filename">([^<]*)</span>', page)
    assert titles[:2] == ["OpenAI SDK", "requests"]


def test_sphinx_builds_a_synced_rest_page_and_a_synced_myst_page_with_W(tmp_path: Path):
    src = tmp_path / "src"
    sync_into(src, {"sphinx.rst": "index.rst"})
    sync_into(src, {"myst.md": "myst.md"}, formats=["myst"])
    sync_into(src, {"tabs.rst": "tabs.rst"}, formats=["sphinx-tabs"])
    # One project with all three: the documented conf.py, and sphinx-tabs' extension added
    # as the guide's second conf.py lists it.
    conf = documented_file("conf.py") + 'extensions.append("sphinx_tabs.tabs")\n'
    (src / "conf.py").write_text(conf, encoding="utf-8")
    run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        cwd=tmp_path,
    )
    design = r'<label[^>]*class="sd-tab-label"[^>]*>\s*([^<]*?)</label>'
    for source, fmt, tab_pattern in [
        ("index.rst", "sphinx", design),
        ("myst.md", "myst", design),
        ("tabs.rst", "sphinx-tabs", r'class="sphinx-tabs-tab group-tab"[^>]*>([^<]*)</button>'),
    ]:
        name = source.split(".")[0]
        tabs = expected_tabs(src / source, fmt)
        page = (tmp_path / "out" / f"{name}.html").read_text(encoding="utf-8")
        assert re.findall(tab_pattern, page) == [t.label for ts in tabs for t in ts], name
        blocks = [
            text_of(b).rstrip("\n")
            for b in re.findall(r'<div class="highlight"><pre>(.*?)</pre>', page, re.S)
        ]
        # reST has no literal tabs (docutils expands them); MyST keeps them.
        expand = 8 if fmt.startswith("sphinx") else 0
        codes = [
            (c.text.expandtabs(expand) if expand else c.text).rstrip("\n")
            for ts in tabs
            for t in ts
            for c in t.codes
        ]
        assert in_order(codes, blocks), f"{name}: every sample is a code block"
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'data-sync-id="python"' in index, "sphinx-design links tabs by language"


def _render_mdx(page: Path, work: Path) -> list:
    mdx = require(CACHE / "mdx" / "node_modules" / "@mdx-js" / "mdx", "@mdx-js/mdx")
    done = run(
        [node(), str(HERE / "mdx_render.mjs"), str(page), str(mdx.parents[2]), str(work)], cwd=work
    )
    return json.loads(done.stdout)


def _find(tree: list, component: str) -> list[dict]:
    found: list[dict] = []
    for node_ in tree:
        if isinstance(node_, dict):
            if node_.get("component") == component:
                found.append(node_)
            found.extend(_find(node_["children"], component))
    return found


def _code_texts(tree: list) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for node_ in tree:
        if isinstance(node_, dict):
            if node_.get("tag") == "code" and "className" in node_["props"]:
                out.append(
                    (
                        node_["props"]["className"],
                        "".join(c for c in node_["children"] if isinstance(c, str)),
                    )
                )
            else:
                out.extend(_code_texts(node_["children"]))
    return out


def test_a_synced_docusaurus_page_compiles_with_mdx_3_and_renders_its_tabs(tmp_path: Path):
    sync_into(tmp_path / "docs", {"docusaurus.mdx": "page.mdx"})
    page = tmp_path / "docs" / "page.mdx"
    tree = _render_mdx(page, tmp_path)
    [tabs] = expected_tabs(page)
    [rendered] = _find(tree, "Tabs")
    assert rendered["props"] == {"groupId": "language"}
    items = _find(rendered["children"], "TabItem")
    assert [i["props"] for i in items] == [{"value": t.key, "label": t.label} for t in tabs]
    for item, tab in zip(items, tabs, strict=True):
        assert _code_texts(item["children"]) == [
            (f"language-{c.info}", c.text) for c in tab.codes
        ], "each tab shows exactly its language's samples"


def test_mdx_3_rejects_the_html_comment_markers_that_mkdocs_uses(tmp_path: Path):
    """Why Docusaurus pages have JSX-comment markers: MDX 3 cannot compile an HTML comment."""
    page = tmp_path / "bad.mdx"
    page.write_text("<!-- samplegen: chat-completions curl -->\n")
    mdx = require(CACHE / "mdx" / "node_modules" / "@mdx-js" / "mdx", "@mdx-js/mdx")
    done = subprocess.run(
        [node(), str(HERE / "mdx_render.mjs"), str(page), str(mdx.parents[2]), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Unexpected character `!`" in done.stderr


def test_the_guide_shows_exactly_the_site_files_init_writes():
    """The configuration the guide documents is the one `init` writes and the tests build."""
    assert documented_file("mkdocs.yml") == mkdocs_yml(False)
    assert documented_file("conf.py") == sphinx_conf("myst")
    assert documented_file("conf.py (sphinx-tabs)") == sphinx_conf("sphinx-tabs")
    assert documented_file("docusaurus.config.js") == docusaurus_config()
