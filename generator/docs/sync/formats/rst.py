"""Sphinx reStructuredText: ``.. samplegen:`` comments, ``code-block`` directives, tab sets.

Tabs are sphinx-design's ``tab-set``/``tab-item`` (``:sync:`` links tabs of one language
across tab sets and pages), or sphinx-tabs' ``tabs``/``group-tab`` (``--format
rst-sphinx-tabs``; tabs with the same label are linked).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.docs.sync.formats.base import Code, DocsFormat, Tab, indented

STEP = "   "  # reST's customary indentation of directive content
# A line after which more-indented lines are literal text, not markup.
_LITERAL_NAMES = (
    "code-block|code|sourcecode|parsed-literal|raw|math|doctest|testcode|testoutput|code-cell"
)
_LITERAL_DIRECTIVE = re.compile(rf"^(?P<indent>[ \t]*)\.\.[ \t]+({_LITERAL_NAMES})::")
_LITERAL_PARAGRAPH = re.compile(r"^(?P<indent>[ \t]*)(?![ \t]|\.\.[ \t]).*::[ \t]*$")
_COMMENT = re.compile(r"^(?P<indent>[ \t]*)\.\.([ \t]*$|[ \t]+(?!\w[\w:.-]*::)(?!_|\[|\|))")


def _indent_width(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


class Rst(DocsFormat):
    """reST pages (``.rst``) with sphinx-design tabs (the default)."""

    name = "sphinx"
    suffixes = (".rst",)
    open_marker = ".. samplegen: {}"
    close_marker = ".. /samplegen"
    open_pattern = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+samplegen:(?P<args>.*?)[ \t]*$")
    close_pattern = re.compile(r"^[ \t]*\.\.[ \t]+/samplegen[ \t]*$")
    loose_pattern = re.compile(r"^[ \t]*(\.\.|<!--)[ \t]*/?[ \t]*samplegen", re.IGNORECASE)

    def candidate_lines(self, text: str) -> set[int]:
        """Every line but the content of literal blocks and of comments' bodies."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        found: set[int] = set()
        literal_below: int | None = None  # indentation of the line that opened a literal block
        for index, line in enumerate(lines):
            if literal_below is not None:
                if not line.strip() or _indent_width(line) > literal_below:
                    continue
                literal_below = None
            found.add(index)
            if self.open_pattern.match(line) or self.close_pattern.match(line):
                continue
            for pattern in (_LITERAL_DIRECTIVE, _LITERAL_PARAGRAPH, _COMMENT):
                if pattern.match(line):
                    literal_below = _indent_width(line)
                    break
        return found

    def render_code(self, code: Code, indent: str, eol: str) -> list[str]:
        """``.. code-block:: LANG`` (with ``:caption:``), a blank line, the code indented;
        in include mode ``.. literalinclude:: PATH`` (relative to the page)."""
        if code.include is not None:
            out = [f"{indent}.. literalinclude:: {code.include}{eol}"]
            out.append(f"{indent}{STEP}:language: {code.info}{eol}")
            if code.caption:
                out.append(f"{indent}{STEP}:caption: {code.caption}{eol}")
            return out
        out = [f"{indent}.. code-block:: {code.info}{eol}"]
        if code.caption:
            out.append(f"{indent}{STEP}:caption: {code.caption}{eol}")
        out.append(eol)
        # docutils expands tabs at 8-column stops of the file's lines; expanding them here,
        # from the code's own first column, keeps Go's indentation as gofmt meant it.
        out.extend(indented(indent + STEP, code.text.rstrip("\n").expandtabs(8), eol))
        return out

    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """``.. tab-set::`` with one ``.. tab-item:: Label`` (``:sync: key``) per language."""
        item = indent + STEP
        out = [f"{indent}.. tab-set::{eol}"]
        for tab in tabs:
            out.extend([eol, f"{item}.. tab-item:: {tab.label}{eol}"])
            out.append(f"{item}{STEP}:sync: {tab.key}{eol}")
            out.extend(self._codes(tab, item + STEP, eol))
        return out

    def _codes(self, tab: Tab, indent: str, eol: str) -> list[str]:
        out: list[str] = []
        for code in tab.codes:
            out.append(eol)
            out.extend(self.render_code(code, indent, eol))
        return out


class RstSphinxTabs(Rst):
    """reST pages with sphinx-tabs' ``tabs``/``group-tab`` (``--format rst-sphinx-tabs``)."""

    name = "sphinx-tabs"

    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """``.. tabs::`` with one ``.. group-tab:: Label`` per language."""
        item = indent + STEP
        out = [f"{indent}.. tabs::{eol}"]
        for tab in tabs:
            out.extend([eol, f"{item}.. group-tab:: {tab.label}{eol}"])
            out.extend(self._codes(tab, item + STEP, eol))
        return out
