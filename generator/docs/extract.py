"""Find the code samples in a documentation page: Markdown code blocks or plain-text sections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from generator.docs.files import split_lines, strip_eol
from generator.docs.languages import detect, error_count, language_from_name, parse
from generator.render.registry import NATIVE, OPENAI

# Section headings that say which API family the samples below them call.
_STYLE_HEADINGS = {
    "openai": OPENAI,
    "openai compatible": OPENAI,
    "openai-compatible": OPENAI,
    "openai compatible api": OPENAI,
    "dashscope": NATIVE,
    "dashscope native": NATIVE,
    "dashscope api": NATIVE,
}
# Lines that end a plain-text sample without starting one.
_PLAIN_BOUNDARIES = {"http"}

# Where code starts in a plain-text section (prose may sit between the label and the code).
_CODE_START = {
    "python": r"^(import |from \S+ import |#|[A-Za-z_][\w.]* = )",
    "node": r"^(import |const |let |var |//|require\(|async function|fetch\()",
    "curl": r"^(curl |#!|export |: )",
    "php": r"^<\?php",
    "csharp": r"^(using |class |namespace |//|var |public |static )",
    "go": r"^(package |import |//)",
    "java": r"^(import |package |//|public |class )",
}


@dataclass(frozen=True)
class CodeSample:
    """One code sample found in a page."""

    path: Path
    line: int  # 1-based line of the sample's first code line
    language: str
    code: str
    style: str | None  # the API family named by the enclosing section heading, if any
    section_line: int | None  # where that heading is


def style_of_heading(text: str) -> str | None:
    """The API family a section heading names (``OpenAI`` -> openai-compatible), if any."""
    return _STYLE_HEADINGS.get(text.strip().strip("#").strip().lower())


def _markdown_samples(
    path: Path, text: str, offset: int, context: list[tuple[str | None, int | None]]
) -> list[CodeSample]:
    tokens = MarkdownIt("commonmark").parse(text)
    samples: list[CodeSample] = []
    style, section_line = context[0]
    label: str | None = None
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens) and token.map:
            found = style_of_heading(tokens[i + 1].content)
            if found:
                style, section_line = found, offset + token.map[0] + 1
        elif token.type == "inline" and token.map:
            # Tab titles (=== "Python") and one-word language lines label the next block.
            tab = re.fullmatch(r'[=?!]{3}\+?\s+"([^"]*)"', token.content.strip())
            single = len(token.content.split()) == 1
            label = tab.group(1) if tab else token.content.strip() if single else None
        elif token.type == "fence" and token.map:
            lang = language_from_name(token.info) if token.info.strip() else None
            lang = lang or (language_from_name(label) if label else None) or detect(token.content)
            if lang:
                line = offset + token.map[0] + 2
                samples.append(CodeSample(path, line, lang, token.content, style, section_line))
        elif token.type == "code_block" and token.map:
            holder = [(style, section_line)]
            inner = _markdown_samples(path, token.content, offset + token.map[0], holder)
            if inner:
                samples.extend(inner)
            else:
                lang = (language_from_name(label) if label else None) or detect(token.content)
                if lang:
                    line = offset + token.map[0] + 1
                    samples.append(CodeSample(path, line, lang, token.content, style, section_line))
        if token.type in ("fence", "code_block"):
            label = None
    context[0] = (style, section_line)
    return samples


def markdown_samples(path: Path, text: str) -> list[CodeSample]:
    """Every fenced or indented code block (MkDocs content tabs included) with its language."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return _markdown_samples(path, normalized, 0, [(None, None)])


def _trim_end(language: str, lines: list[str]) -> list[str]:
    """The longest prefix of ``lines`` that parses cleanly (all of them if none does)."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    for end in range(len(lines), 0, -1):
        candidate = lines[:end]
        if not candidate[-1].strip():
            continue
        if error_count(parse(language, "\n".join(candidate) + "\n")) == 0:
            return candidate
    return lines


def plain_text_samples(path: Path, text: str) -> list[CodeSample]:
    """Samples in a page without code fences, delimited by language-name lines.

    A line that is only a language name ("Python", "Node.js", "C#") starts a sample; the
    next such line, a section heading ("OpenAI", "DashScope") or "HTTP" ends it. Prose
    between the name and the code is skipped, and trailing prose is cut where the code
    stops parsing cleanly.
    """
    lines = [strip_eol(line) for line in split_lines(text)]
    samples: list[CodeSample] = []
    style: str | None = None
    section_line: int | None = None
    current: tuple[str, int] | None = None  # (language, index of its first line)

    def close(end: int) -> None:
        if current is None:
            return
        lang, start = current
        body = lines[start:end]
        pattern = re.compile(_CODE_START[lang])
        first = next((i for i, line in enumerate(body) if pattern.match(line)), None)
        if first is None:
            return
        code_lines = _trim_end(lang, body[first:])
        if code_lines:
            code = "\n".join(code_lines) + "\n"
            samples.append(CodeSample(path, start + first + 1, lang, code, style, section_line))

    for index, line in enumerate(lines):
        stripped = line.strip()
        heading = style_of_heading(stripped) if stripped else None
        lang = language_from_name(stripped) if stripped and len(stripped.split()) == 1 else None
        if heading or lang or stripped.lower() in _PLAIN_BOUNDARIES:
            close(index)
            current = None
        if heading:
            style, section_line = heading, index + 1
        elif lang:
            current = (lang, index + 1)
    close(len(lines))
    return samples


def find_samples(path: Path, text: str) -> list[CodeSample]:
    """The code samples of a page: Markdown code blocks, or plain-text sections if it has none."""
    samples = markdown_samples(path, text)
    if samples or path.suffix.lower() in (".md", ".markdown"):
        return samples
    return plain_text_samples(path, text)
