"""Plain Markdown (GitHub, GitLab, any CommonMark site): HTML-comment markers, fenced code.

No tab syntax exists there, so a tabs marker writes one captioned block per sample.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.docs.sync.formats.base import Code, Tab
from generator.docs.sync.formats.markdown import fenced
from generator.docs.sync.formats.mkdocs import MkDocs


class Plain(MkDocs):
    """Markdown without tabs; also the format of files whose suffix no docs system claims."""

    name = "markdown"
    supports_include = False  # CommonMark has no include

    def render_code(self, code: Code, indent: str, eol: str) -> list[str]:
        """A fenced block with the language's info string."""
        return fenced(code, indent, eol, code.info)

    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """``**Python (OpenAI SDK)**`` then its block, for every sample of every tab."""
        out: list[str] = []
        for tab in tabs:
            for code in tab.codes:
                if out:
                    out.append(eol)
                caption = f"{tab.label} ({code.caption})" if code.caption else tab.label
                out.extend([f"{indent}**{caption}**{eol}", eol])
                out.extend(self.render_code(code, indent, eol))
        return out
