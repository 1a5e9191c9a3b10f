"""Find the code samples in a documentation page: Markdown code blocks or plain-text sections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from tree_sitter import Node

from generator.docs.files import split_lines, strip_eol
from generator.docs.languages import detect, error_count, language_from_name, parse
from generator.render.registry import LANGUAGES, NATIVE, OPENAI

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
BOM = "\ufeff"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
_LANGUAGE_LABELS = {lang.key: lang.label for lang in LANGUAGES}
# Lines that end a plain-text sample without starting one.
_PLAIN_BOUNDARIES = {"http"}

# Where code starts in a plain-text section (prose may sit between the label and the code).
_CODE_START = {
    "python": r"^(import |from \S+ import |#|[A-Za-z_][\w.]* = |\"{3}|'{3})",
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
    # Why the sample's last line is uncertain (plain text: code-like lines follow where the
    # parser says the code ends); ``audit --fix`` leaves such a sample as it is.
    end_note: str | None = None


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


def _normalized(text: str) -> str:
    """``text`` without a leading byte-order mark, with ``\\n`` line endings (same lines)."""
    return text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")


def markdown_samples(path: Path, text: str) -> list[CodeSample]:
    """Every fenced or indented code block (MkDocs content tabs included) with its language.

    A byte-order mark before the first line is not part of it (a fence on line 1 counts).
    """
    return _markdown_samples(path, _normalized(text), 0, [(None, None)])


def _trim_end(language: str, lines: list[str]) -> list[str] | None:
    """The longest prefix of ``lines`` that parses cleanly (None if none does)."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    for end in range(len(lines), 0, -1):
        candidate = lines[:end]
        if not candidate[-1].strip():
            continue
        if error_count(parse(language, "\n".join(candidate) + "\n")) == 0:
            return candidate
    return None


# Shell commands a sample may end with whose arguments are all plain words (prose reads as
# a command too: "The response is JSON." is the command "The" with three arguments).
_SHELL_COMMAND_NAMES = (
    "curl wget echo printf cat jq exit export set unset trap rm mktemp read source cd ls "
    "grep sed awk sleep test true false eval exec return shift wait env printenv base64 tee "
    "head tail sort tr cut wc date local declare readonly chmod mkdir touch xargs openssl "
    "python python3 node npm npx pip pip3 go java javac mvn gradle dotnet mono mcs php "
    "composer cp mv ln find dirname basename realpath stat file du diff cmp gzip gunzip tar "
    "unzip zip sha256sum md5sum xxd od iconv uniq paste seq kill bash sh zsh sudo apt-get "
    "apt brew install open xdg-open : [ [["
)
_SHELL_COMMANDS = frozenset(_SHELL_COMMAND_NAMES.split())
_SHELL_PLAIN_WORD = re.compile(r"^[\w'\u2019.,;:!?()-]+$")
_SENTENCE_END = re.compile(r"[A-Za-z)\]'\u2019\"][.!?:]$")
_COMMENT_NODES = ("comment", "line_comment", "block_comment")
_STRING_NODE_NAMES = (
    "string raw_string string_literal string_content interpreted_string_literal "
    "raw_string_literal template_string encapsed_string verbatim_string_literal "
    "string_fragment heredoc_body text"
)
_STRING_NODES = frozenset(_STRING_NODE_NAMES.split())


def _outside_strings(node: Node) -> str:
    """The node's source text without its strings and comments."""
    if node.type in _STRING_NODES or node.type in _COMMENT_NODES:
        return " "
    if not node.children:
        return (node.text or b"").decode("utf-8", "replace")
    return " ".join(_outside_strings(child) for child in node.children)


def _first_command(node: Node) -> Node | None:
    if node.type == "command":
        return node
    for child in node.named_children:
        found = _first_command(child)
        if found is not None:
            return found
    return None


def _shell_prose(node: Node) -> bool:
    command = _first_command(node)
    if command is None or command.start_point != node.start_point:
        return False
    name_node = command.child_by_field_name("name")
    name = (name_node.text or b"").decode("utf-8", "replace") if name_node else ""
    parts = [
        c for c in command.named_children if c.type not in ("command_name", "variable_assignment")
    ]
    args = [(c.text or b"").decode("utf-8", "replace") for c in parts]
    plain = all(c.type == "word" for c in parts) and all(
        _SHELL_PLAIN_WORD.match(a) and not a.startswith("-") for a in args
    )
    if re.match(r"^[A-Z][a-z]", name) or name.endswith((":", ",")):
        return True  # "The response ...", "Note: ...", "Output:"
    if name not in _SHELL_COMMANDS and re.fullmatch(r"[a-z]+", name):
        return True  # a lower-case word no sample runs: "and you get ...", "sample response:"
    if len(args) >= 3 and all(re.fullmatch(r"[A-Za-z'\u2019]+", a) for a in args):
        return True  # words only, even after a command's name: "echo is not needed here"
    return plain and len(args) >= 2 and bool(_SENTENCE_END.search(args[-1]))


def _is_prose(language: str, node: Node) -> bool:
    """Whether a top-level node of a clean parse is a sentence that happens to parse."""
    if any(ord(c) > 127 and c.isalpha() for c in _outside_strings(node)):
        return True  # CJK or accented words outside any string or comment
    if "label" in node.type:
        return True  # a label statement: JavaScript's or PHP's reading of "Note: see below"
    if node.type == "expression_statement" and [c.type for c in node.named_children] == [
        "identifier"
    ]:
        return True  # a lone word: "Done", "Output"
    if language == "php" and node.type == "text_interpolation":
        return any(c.type == "text" and (c.text or b"").strip() for c in node.children)
    if language == "curl":
        return _shell_prose(node)
    return False


def _cut_prose(language: str, lines: list[str]) -> list[str]:
    """``lines`` up to the first top-level statement (after the first) that is prose."""
    tree = parse(language, "\n".join(lines) + "\n")
    for index, node in enumerate(tree.root_node.children):
        if index == 0 or not _is_prose(language, node):
            continue
        row, column = node.start_point
        if language == "php" and node.type == "text_interpolation":
            # The sentence starts at the first word after "?>" (which stays with the code).
            text = (node.text or b"").decode("utf-8", "replace")
            after = text.find("?>") + 2
            words = after + len(text[after:]) - len(text[after:].lstrip())
            if "\n" not in text[after:words]:
                continue  # "?> words" on one line: not ours to split
            row, column = row + text[:words].count("\n"), 0
        if row >= len(lines) or lines[row][:column].strip():
            continue  # the sentence starts in the middle of a code line: not ours to cut
        kept = lines[:row]
        while kept and not kept[-1].strip():
            kept = kept[:-1]
        if kept:
            return kept
    return lines


_CODE_ENDINGS = (";", "{", "(", "[", "\\")
_CODE_OPENINGS = ("}", ")", "]")


def _sentence(line: str) -> bool:
    """A line that reads as a sentence: words, no code punctuation, a full stop at the end."""
    stripped = line.strip()
    words = stripped.split()
    return (
        len(words) >= 3
        and bool(_SENTENCE_END.search(stripped))
        and not re.search(r"[;{}()\[\]=<>\\]", stripped)
    )


def looks_like_code(language: str, line: str) -> bool:
    """Whether a line after a plain-text sample's end still looks like its code."""
    stripped = line.strip()
    if not stripped or _sentence(line):
        return False
    if re.match(_CODE_START[language], line) or stripped.endswith(_CODE_ENDINGS):
        return True
    if stripped.startswith(_CODE_OPENINGS):
        return True
    if language == "curl" and stripped.split()[0] in _SHELL_COMMANDS:
        return True
    return line[:1] in (" ", "\t") and stripped.endswith((")", ":", ",", "]", "}"))


def _code_extent(language: str, body: list[str], offset: int) -> tuple[list[str], str | None]:
    """Where a plain-text sample's code ends: the parser's own end (the longest part that
    parses cleanly, without trailing sentences that happen to parse), and why that end is
    uncertain (None when it is not): more lines that look like code follow it.

    ``offset`` is the 0-based page line of ``body[0]`` (messages name page lines).
    """
    name = _LANGUAGE_LABELS.get(language, language)
    clean = _trim_end(language, body)
    if clean is None:
        looks = [i for i, line in enumerate(body) if looks_like_code(language, line)]
        code = body[: (looks[-1] + 1) if looks else 1]
        return code, f"the {name} code from line {offset + 1} on does not parse as {name}"
    code = _cut_prose(language, clean)
    for index, line in enumerate(body[len(code) :], len(code)):
        if not line.strip():
            continue
        if looks_like_code(language, line):
            return code, (
                f"the {name} code parses only up to line {offset + len(code)}, and line "
                f"{offset + index + 1} still looks like {name} code"
            )
        break
    return code, None


# A line that starts a sample without a language-name line above it: samplegen's own
# samples and most pasted programs begin so (comment lines may come first).
_SIGNATURES = (
    ("curl", re.compile(r"^#!\s*/(usr/)?bin/(env\s+)?(ba|z)?sh\b")),
    ("php", re.compile(r"^<\?php\b")),
    ("go", re.compile(r"^package main\s*$")),
    ("csharp", re.compile(r"^using System(\.[\w.]+)?;\s*$")),
    ("java", re.compile(r"^import (java|javax|com|org|io)\.[\w.*]+;\s*$")),
)
_LEAD_COMMENT = re.compile(r"^(//|#(?!!))")
_LOOKAHEAD = 6  # comment or blank lines a signature may sit below


def _signature(line: str) -> str | None:
    return next((language for language, pattern in _SIGNATURES if pattern.match(line)), None)


def _signature_start(lines: list[str], index: int) -> str | None:
    """The language of a sample that starts at ``index`` without a label, if one does: its
    line is a program's first line, or a comment that such a line follows (after more
    comment or blank lines)."""
    window = lines[index : index + _LOOKAHEAD]
    if not window or not (_signature(window[0]) or _LEAD_COMMENT.match(window[0])):
        return None
    for line in window:
        if found := _signature(line):
            return found
        if line.strip() and not _LEAD_COMMENT.match(line):
            return None
    return None


def plain_text_samples(path: Path, text: str) -> list[CodeSample]:
    """Samples in a page without code fences, delimited by language-name lines.

    A line that is only a language name ("Python", "Node.js", "C#") starts a sample; the
    next such line, a section heading ("OpenAI", "DashScope") or "HTTP" ends it. Prose
    between the name and the code is skipped. The code ends where its parser says it ends:
    the longest part that parses cleanly, without trailing sentences that parse by chance
    (shell reads "The answer is JSON." as a command); when lines that still look like code
    follow that end, the sample says so (``CodeSample.end_note``) and ``audit --fix`` leaves
    it as it is. Outside a section, a program's own first line (``#!/usr/bin/env bash``,
    ``<?php``, ``package main``, ``using System;``, ``import java.``), with the comment lines
    above it, starts a sample too.
    """
    lines = [strip_eol(line) for line in split_lines(text.removeprefix(BOM))]
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
        first = next(
            (i for i, line in enumerate(body) if pattern.match(line) and not _sentence(line)),
            None,
        )  # "curl prints the answer." starts like code, but it is a sentence
        if first is None:
            return
        code_lines, note = _code_extent(lang, body[first:], start + first)
        if code_lines:
            code = "\n".join(code_lines) + "\n"
            samples.append(
                CodeSample(path, start + first + 1, lang, code, style, section_line, note)
            )

    labeled = False  # whether the open section began with a language line
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
            current, labeled = (lang, index + 1), True
        elif (
            (current is None or not labeled)
            and (index == 0 or not lines[index - 1].strip())
            and (found := _signature_start(lines, index))
            and (current is None or found != current[0])
        ):
            close(index)
            current, labeled = (found, index), False
    close(len(lines))
    return samples


def _has_fence(text: str) -> bool:
    return any(token.type == "fence" for token in MarkdownIt("commonmark").parse(_normalized(text)))


def find_samples(path: Path, text: str) -> list[CodeSample]:
    """The code samples of a page (a byte-order mark before its first line is ignored).

    A Markdown page (``.md``, ``.markdown``), or any page with a fenced code block, is read
    as Markdown (fenced and indented blocks). Any other page is plain text (language-name
    lines, see :func:`plain_text_samples`): there indentation is just the code's own, so an
    indented line is not a block of its own; its Markdown reading (indented blocks only)
    is the fallback when no plain-text sample is found.
    """
    if path.suffix.lower() in MARKDOWN_SUFFIXES or _has_fence(text):
        return markdown_samples(path, text)
    return plain_text_samples(path, text) or markdown_samples(path, text)
