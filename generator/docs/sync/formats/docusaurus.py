"""Docusaurus (MDX 3): ``{/* samplegen: … */}`` markers, ``<Tabs>``/``<TabItem>`` and imports.

An HTML comment is invalid MDX 3, so the markers are JSX comments. A page with a tabs
marker needs ``import Tabs from '@theme/Tabs';`` and ``import TabItem from '@theme/TabItem';``;
sync adds the missing ones once, after the front matter, and never touches them again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.docs.sync.formats.base import Code, DocsFormat, Insertion, Tab
from generator.docs.sync.formats.markdown import fenced, fenced_lines, normalized, quoted

GROUP_ID = "language"
IMPORTS = {
    "Tabs": "import Tabs from '@theme/Tabs';",
    "TabItem": "import TabItem from '@theme/TabItem';",
}
# Include mode shows each generated file with Docusaurus' CodeBlock component.
CODE_BLOCK = {"CodeBlock": "import CodeBlock from '@theme/CodeBlock';"}
_IMPORTED = re.compile(r"^import\s+(?P<name>\w+)\s+from\s+['\"]@theme/(?P=name)['\"]")
_IMPORT = re.compile(r"^import\s.*\bfrom\s+['\"][^'\"]+['\"];?[ \t]*$")
_FRONT_MATTER = re.compile(r"^---[ \t]*$")


class Docusaurus(DocsFormat):
    """Docusaurus pages (``.mdx``; ``.md`` too with ``--format docusaurus``)."""

    name = "docusaurus"
    suffixes = (".mdx", ".md", ".markdown")
    open_marker = "{{/* samplegen: {} */}}"
    close_marker = "{/* /samplegen */}"
    open_pattern = re.compile(r"^(?P<indent>[ \t]*)\{/\*[ \t]*samplegen:(?P<args>.*?)\*/\}[ \t]*$")
    close_pattern = re.compile(r"^[ \t]*\{/\*[ \t]*/samplegen[ \t]*\*/\}[ \t]*$")
    # An HTML-comment marker is a mistake here (MDX 3 rejects it): say how to write it.
    loose_pattern = re.compile(r"^[ \t]*(\{/\*|<!--)[ \t]*/?[ \t]*samplegen", re.IGNORECASE)

    def candidate_lines(self, text: str) -> set[int]:
        """Every line outside fenced code (MDX 3 has no indented code blocks)."""
        normal = normalized(text)
        return set(range(normal.count("\n") + 1)) - fenced_lines(normal)

    def render_code(self, code: Code, indent: str, eol: str) -> list[str]:
        """A fenced block; a caption becomes its ``title``. In include mode a ``CodeBlock``
        showing the file's raw import (:meth:`include_imports`)."""
        title = f' title="{quoted(code.caption)}"' if code.caption else ""
        if code.include is not None:
            return [
                f'{indent}<CodeBlock language="{code.info}"{title}>{{{code.name}}}</CodeBlock>{eol}'
            ]
        return fenced(code, indent, eol, code.info + title)

    def include_imports(self, codes: Sequence[Code]) -> list[str]:
        """``import NAME from '!!raw-loader!PATH';`` per file (raw-loader: the file's text)."""
        return [f"import {c.name} from '!!raw-loader!{c.include}';" for c in codes if c.include]

    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """``<Tabs groupId="language">`` and a ``<TabItem>`` per language, code between."""
        out = [f'{indent}<Tabs groupId="{GROUP_ID}">{eol}']
        for tab in tabs:
            out.append(f'{indent}<TabItem value="{tab.key}" label="{quoted(tab.label)}">{eol}')
            for code in tab.codes:
                out.append(eol)
                out.extend(self.render_code(code, indent, eol))
            out.extend([eol, f"{indent}</TabItem>{eol}"])
        out.append(f"{indent}</Tabs>{eol}")
        return out

    def insertions(
        self, lines: Sequence[str], uses_tabs: bool, includes: bool = False
    ) -> list[Insertion]:
        """The Tabs and TabItem imports the page lacks (and CodeBlock's, in include mode):
        after its own imports, or at the top.

        The top is the first line after the front matter and the blank lines after it; the
        page's imports are the ``import`` lines there (one line each).
        """
        wanted = {**(IMPORTS if uses_tabs else {}), **(CODE_BLOCK if includes else {})}
        if not wanted:
            return []
        index = 0
        if lines and _FRONT_MATTER.match(lines[0]):
            end = next((i for i in range(1, len(lines)) if _FRONT_MATTER.match(lines[i])), None)
            if end is not None:
                index = end + 1
        own: list[int] = []
        cursor = index
        while cursor < len(lines) and (not lines[cursor].strip() or _IMPORT.match(lines[cursor])):
            if lines[cursor].strip():
                own.append(cursor)
            cursor += 1
        present = {m["name"] for i in own if (m := _IMPORTED.match(lines[i]))}
        missing = tuple(text for name, text in wanted.items() if name not in present)
        if not missing:
            return []
        if own:
            return [Insertion(own[-1] + 1, missing, "imports", blank_after=False)]
        while index < len(lines) and not lines[index].strip():
            index += 1
        return [Insertion(index, missing, "imports")]
