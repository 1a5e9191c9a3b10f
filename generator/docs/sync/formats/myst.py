"""MyST Markdown (Sphinx with myst-parser): HTML-comment markers, sphinx-design directives.

Tabs are backtick-fenced directives, ```` ```{tab-set} ```` holding ```` ```{tab-item} ````,
each fence longer than the fences it holds; ``:sync:`` links tabs of the same language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.docs.sync.formats.base import Code, Tab
from generator.docs.sync.formats.markdown import fence_for, fenced, html_block_lines, normalized
from generator.docs.sync.formats.mkdocs import MkDocs

# Directives whose content is code, not Markdown: a marker inside them is text.
_CODE_DIRECTIVES = {"code-block", "code", "sourcecode", "code-cell", "literalinclude", "raw"}
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}")


def _holds_markdown(info: str) -> bool:
    match = _DIRECTIVE.match(info.strip())
    return bool(match) and match["name"] not in _CODE_DIRECTIVES


class MyST(MkDocs):
    """MyST pages (``.md`` in a Sphinx project; chosen by ``--format myst``)."""

    name = "myst"

    def candidate_lines(self, text: str) -> set[int]:
        """HTML blocks, also inside directives that hold Markdown (``{note}``, ``{tab-item}``)."""
        return html_block_lines(normalized(text), transparent=_holds_markdown)

    def render_code(self, code: Code, indent: str, eol: str, fence: str | None = None) -> list[str]:
        """A fenced block; with a caption, a ``{code-block}`` directive with ``:caption:``.

        In include mode a ``{literalinclude}`` directive (its path relative to the page).
        """
        if code.include is not None:
            fence = fence or "```"
            out = [f"{indent}{fence}{{literalinclude}} {code.include}{eol}"]
            out.append(f"{indent}:language: {code.info}{eol}")
            if code.caption:
                out.append(f"{indent}:caption: {code.caption}{eol}")
            return [*out, f"{indent}{fence}{eol}"]
        if not code.caption:
            return fenced(code, indent, eol, code.info, fence)
        fence = fence or fence_for(code.text)
        block = fenced(code, indent, eol, f"{{code-block}} {code.info}", fence)
        return [block[0], f"{indent}:caption: {code.caption}{eol}", eol, *block[1:]]

    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """```` ```{tab-set} ```` with one ```` ```{tab-item} Label ```` per language."""
        codes = "".join(code.text for tab in tabs for code in tab.codes)
        inner = fence_for(codes)
        item, outer = inner + "`", inner + "``"
        out = [f"{indent}{outer}{{tab-set}}{eol}"]
        for tab in tabs:
            out.append(f"{indent}{item}{{tab-item}} {tab.label}{eol}")
            out.append(f"{indent}:sync: {tab.key}{eol}")
            for code in tab.codes:
                out.append(eol)
                out.extend(self.render_code(code, indent, eol, inner))
            out.append(f"{indent}{item}{eol}")
        out.append(f"{indent}{outer}{eol}")
        return out
