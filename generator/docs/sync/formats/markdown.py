"""What the Markdown-based systems share: fences, and where markers may live (markdown-it)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt

from generator.docs.sync.formats.base import Code, indented

HTML_OPEN = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*samplegen:(?P<args>.*?)-->[ \t]*$")
HTML_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*/samplegen[ \t]*-->[ \t]*$")
HTML_LOOSE = re.compile(r"^[ \t]*<!--[ \t]*/?[ \t]*samplegen", re.IGNORECASE)


def fence_for(code: str, at_least: int = 3) -> str:
    """A backtick fence longer than any backtick run in ``code`` (at least ``at_least``)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(at_least, longest + 1)


def fenced(code: Code, indent: str, eol: str, info: str, fence: str | None = None) -> list[str]:
    """A fenced code block: ``fence`` + ``info``, the code, the closing fence."""
    fence = fence or fence_for(code.text)
    body = indented(indent, code.text.rstrip("\n"), eol)
    return [f"{indent}{fence}{info}{eol}", *body, f"{indent}{fence}{eol}"]


def normalized(text: str) -> str:
    """``text`` with every line ending as ``\\n`` (markdown-it's line numbers stay right)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_block_lines(
    text: str, offset: int = 0, transparent: Callable[[str], bool] | None = None
) -> set[int]:
    """0-based lines inside HTML blocks: where an HTML-comment marker is markup.

    Indented code blocks are parsed again (the content of MkDocs admonitions and tabs is
    Markdown there); so are fences whose info string ``transparent`` accepts (MyST
    directives such as ``{tab-set}`` hold Markdown).
    """
    found: set[int] = set()
    for token in MarkdownIt("commonmark").parse(text):
        if not token.map:
            continue
        if token.type == "html_block":
            found.update(range(offset + token.map[0], offset + token.map[1]))
        elif token.type == "code_block":
            found.update(html_block_lines(token.content, offset + token.map[0], transparent))
        elif token.type == "fence" and transparent and transparent(token.info):
            inner = offset + token.map[0] + 1
            found.update(html_block_lines(token.content, inner, transparent))
    return found


def fenced_lines(text: str, offset: int = 0) -> set[int]:
    """0-based lines of fenced code blocks (fences included), indented content too."""
    found: set[int] = set()
    for token in MarkdownIt("commonmark").parse(text):
        if not token.map:
            continue
        if token.type == "fence":
            found.update(range(offset + token.map[0], offset + token.map[1]))
        elif token.type == "code_block":
            found.update(fenced_lines(token.content, offset + token.map[0]))
    return found


def quoted(text: str) -> str:
    """``text`` safe inside a double-quoted attribute (tab titles, code titles)."""
    return text.replace('"', "'")
