"""MkDocs Material: HTML-comment markers, content tabs (``=== "Python"``) with fenced code.

Needs ``pymdownx.superfences`` and ``pymdownx.tabbed`` with ``alternate_style: true``;
identical tab labels link tab sets (``content.tabs.link``) within and across pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.docs.sync.formats.base import Code, DocsFormat, Tab
from generator.docs.sync.formats.markdown import (
    HTML_CLOSE,
    HTML_LOOSE,
    HTML_OPEN,
    fence_for,
    fenced,
    html_block_lines,
    normalized,
    quoted,
)

TAB_INDENT = "    "


class MkDocs(DocsFormat):
    """MkDocs Material pages (``.md``)."""

    name = "mkdocs"
    suffixes = (".md", ".markdown")
    open_marker = "<!-- samplegen: {} -->"
    close_marker = "<!-- /samplegen -->"
    open_pattern = HTML_OPEN
    close_pattern = HTML_CLOSE
    loose_pattern = HTML_LOOSE

    def candidate_lines(self, text: str) -> set[int]:
        """HTML blocks, also inside admonitions and tabs; never fenced code or prose."""
        return html_block_lines(normalized(text))

    def render_code(self, code: Code, indent: str, eol: str) -> list[str]:
        """A fenced block; a caption becomes the block's ``title`` (pymdownx.highlight).

        In include mode the block holds one ``--8<--`` line: pymdownx.snippets puts the
        file there, indented like the line, when the site is built.
        """
        title = f' title="{quoted(code.caption)}"' if code.caption else ""
        if code.include is not None:
            fence = fence_for(code.text)
            snippet = f'--8<-- "{code.include}"'
            return [f"{indent}{fence}{code.info}{title}{eol}", f"{indent}{snippet}{eol}",
                    f"{indent}{fence}{eol}"]  # fmt: skip
        return fenced(code, indent, eol, code.info + title)

    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """``=== "Label"`` per language, its blocks indented by four spaces below it."""
        out: list[str] = []
        for i, tab in enumerate(tabs):
            if i:
                out.append(eol)
            out.append(f'{indent}=== "{quoted(tab.label)}"{eol}')
            for code in tab.codes:
                out.append(eol)
                out.extend(self.render_code(code, indent + TAB_INDENT, eol))
        return out
