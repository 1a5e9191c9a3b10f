"""The interface of a docs system: where its markers are, how it writes code and tabs."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

OPEN, CLOSE, LOOSE = "open", "close", "loose"


@dataclass(frozen=True)
class Code:
    """One sample to show: its highlighting name, its text, and a caption inside a tab.

    In include mode ``include`` is the generated file's path as the page names it (the
    system's own include: a MkDocs snippet, a Sphinx ``literalinclude``, a Docusaurus raw
    import called ``name``), and ``text`` is what that file holds.
    """

    info: str  # the fence info string / Pygments lexer (python, javascript, bash...)
    text: str
    caption: str | None = None  # the variant, when a tab holds several (``OpenAI SDK``)
    include: str | None = None  # include mode: the file's path as the page writes it
    name: str | None = None  # include mode, Docusaurus: the identifier of its raw import


@dataclass(frozen=True)
class Tab:
    """One language tab: the same key and label on every page, so tabs link across pages."""

    key: str  # the registry's language key (``python``): sync key, TabItem value
    label: str  # the language's name (``Python``)
    codes: tuple[Code, ...]


@dataclass(frozen=True)
class MarkerLine:
    """A line that is, or tries to be, a samplegen marker."""

    index: int  # 0-based line number
    kind: Literal["open", "close", "loose"]
    indent: str = ""
    args: str = ""


@dataclass(frozen=True)
class Insertion:
    """Lines a page needs outside the markers (Docusaurus imports), and where they go."""

    index: int  # 0-based line the new lines go before
    lines: tuple[str, ...]
    name: str  # how messages name it: ``imports``
    blank_after: bool = True  # a blank line between them and what follows


class DocsFormat(ABC):
    """A docs system: its file suffixes, marker syntax, and code and tab syntax.

    Subclasses set the class variables and implement :meth:`candidate_lines`,
    :meth:`render_code` and :meth:`render_tabs`; everything else is shared.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    open_marker: ClassVar[str]  # the opening marker with ``{}`` for its arguments
    close_marker: ClassVar[str]  # the closing marker, exactly
    open_pattern: ClassVar[re.Pattern[str]]  # groups: indent, args
    close_pattern: ClassVar[re.Pattern[str]]
    loose_pattern: ClassVar[re.Pattern[str]]  # anything that looks like a marker

    def opening(self, args: str) -> str:
        """The opening marker around ``args``: ``<!-- samplegen: ENDPOINT SAMPLE -->``."""
        return self.open_marker.format(args)

    @abstractmethod
    def candidate_lines(self, text: str) -> set[int]:
        """0-based lines where a marker is markup (not text inside a code block)."""

    def scan(self, text: str, lines: Sequence[str]) -> list[MarkerLine]:
        """The marker lines of a page, in order; ``lines`` are the lines without endings."""
        found: list[MarkerLine] = []
        for index in sorted(self.candidate_lines(text)):
            if index >= len(lines):
                continue
            content = lines[index]
            if match := self.open_pattern.match(content):
                found.append(MarkerLine(index, OPEN, match["indent"], match["args"]))
            elif self.close_pattern.match(content):
                found.append(MarkerLine(index, CLOSE))
            elif self.loose_pattern.match(content):
                found.append(MarkerLine(index, LOOSE))
        return found

    @abstractmethod
    def render_code(self, code: Code, indent: str, eol: str) -> list[str]:
        """The lines of one code block, each ending in ``eol``."""

    @abstractmethod
    def render_tabs(self, tabs: Sequence[Tab], indent: str, eol: str) -> list[str]:
        """The lines of one tab set, one tab per language, each line ending in ``eol``."""

    def insertions(
        self, lines: Sequence[str], uses_tabs: bool, includes: bool = False
    ) -> list[Insertion]:
        """What the page needs outside the markers (nothing, but for Docusaurus' imports)."""
        return []

    supports_include: ClassVar[bool] = True

    def include_imports(self, codes: Sequence[Code]) -> list[str]:
        """Lines a block in include mode needs before its code (Docusaurus' raw imports)."""
        return []


def indented(indent: str, text: str, eol: str) -> list[str]:
    """``text``'s lines with ``indent`` before each non-empty one; empty lines stay empty."""
    return [f"{indent}{line}{eol}" if line else eol for line in text.split("\n")]
