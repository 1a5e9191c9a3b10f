"""The samples of a page that are not Markdown code: reST ``code-block`` directives, and the
files a page includes in its docs system's own way (include mode, or a team's own includes):
MkDocs snippets (``--8<-- "PATH"``), Sphinx and MyST ``literalinclude``, and Docusaurus raw
imports shown by ``CodeBlock``. An included file is audited as a sample of its own, its
findings located in that file; the include's page line ties it to the sync marker around it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.docs.extract import CodeSample
from generator.docs.files import read_text, split_lines, strip_eol
from generator.docs.languages import detect, language_from_name
from generator.docs.site import site_root


@dataclass(frozen=True)
class Included:
    """A sample a page shows from elsewhere (or from a reST directive), and the page line
    that shows it."""

    sample: CodeSample
    page_line: int  # 1-based line of the directive in the page


_SNIPPET = re.compile(r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+["'](?P<path>[^"']+)["'][ \t]*$""")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\s`]*)")
_RST_INCLUDE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+literalinclude::[ \t]*(?P<path>\S+)")
_MYST_INCLUDE = re.compile(r"^[ \t]*(?P<fence>`{3,}|:{3,})\{literalinclude\}[ \t]*(?P<path>\S+)")
_LANGUAGE_OPTION = re.compile(r"^[ \t]*:language:[ \t]*(?P<lang>\S+)")
_RAW_IMPORT = re.compile(
    r"""^import[ \t]+(?P<name>\w+)[ \t]+from[ \t]+['"]!!raw-loader!(?P<path>[^'"]+)['"]"""
)
_CODE_BLOCK = re.compile(
    r"""<CodeBlock\b(?P<attrs>[^>]*)>\s*\{\s*(?P<name>\w+)\s*\}\s*</CodeBlock>"""
)
_RST_CODE = re.compile(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*(?P<lang>\S*)"
)


def _width(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def _language(name: str | None, code: str) -> str | None:
    return (language_from_name(name) if name else None) or detect(code)


def _file_sample(page: Path, target: Path, line: int, language_name: str | None) -> Included | None:
    target = Path(os.path.normpath(target))  # docs/../samples/x.py -> samples/x.py
    if not target.is_file():
        return None
    code = read_text(target)
    language = _language(language_name or target.suffix.lstrip("."), code)
    if language is None:
        return None
    return Included(CodeSample(target, 1, language, code, None, None), line)


def _snippets(page: Path, lines: list[str]) -> list[Included]:
    """``--8<-- "PATH"`` inside a fence: relative to mkdocs.yml's folder (snippets' base_path
    ``.``), else to the page's folder."""
    root = site_root(page, "mkdocs") or page.parent
    found: list[Included] = []
    info: str | None = None
    for number, line in enumerate(lines, 1):
        fence = _FENCE.match(line)
        if fence:
            info = fence["info"] if info is None else None
            continue
        match = _SNIPPET.match(line)
        if match:
            hit = _file_sample(page, root / match["path"], number, info)
            found.extend([hit] if hit else [])
    return found


def _literal_includes(page: Path, lines: list[str]) -> list[Included]:
    """reST ``.. literalinclude:: PATH`` and MyST ```` ```{literalinclude} PATH ````, with
    their ``:language:`` option; paths relative to the page."""
    found: list[Included] = []
    for number, line in enumerate(lines, 1):
        match = _RST_INCLUDE.match(line) or _MYST_INCLUDE.match(line)
        if not match:
            continue
        language = None
        for option in lines[number : number + 6]:
            if lang := _LANGUAGE_OPTION.match(option):
                language = lang["lang"]
                break
        target = page.parent / match["path"].lstrip("/")
        hit = _file_sample(page, target, number, language)
        found.extend([hit] if hit else [])
    return found


def _raw_imports(page: Path, lines: list[str]) -> list[Included]:
    """Docusaurus: ``import X from '!!raw-loader!PATH'`` shown by ``<CodeBlock>{X}``; the
    sample's page line is the CodeBlock's."""
    imported = {}
    for line in lines:
        if match := _RAW_IMPORT.match(line):
            imported[match["name"]] = match["path"]
    found: list[Included] = []
    for number, line in enumerate(lines, 1):
        for match in _CODE_BLOCK.finditer(line):
            if match["name"] not in imported:
                continue
            lang = re.search(r"""language=["']([^"']+)["']""", match["attrs"])
            target = page.parent / imported[match["name"]]
            hit = _file_sample(page, target, number, lang.group(1) if lang else None)
            found.extend([hit] if hit else [])
    return found


def _rst_code_blocks(page: Path, lines: list[str]) -> list[Included]:
    """reST ``.. code-block:: LANG`` directives: the indented content after the options."""
    found: list[Included] = []
    index = 0
    while index < len(lines):
        match = _RST_CODE.match(lines[index])
        index += 1
        if not match:
            continue
        depth = _width(lines[index - 1])
        while index < len(lines) and lines[index].strip().startswith(":"):
            index += 1  # options (:caption:, :linenos:)
        start = index
        while index < len(lines) and (not lines[index].strip() or _width(lines[index]) > depth):
            index += 1
        body = lines[start:index]
        while body and not body[0].strip():
            body, start = body[1:], start + 1
        while body and not body[-1].strip():
            body = body[:-1]
        if not body:
            continue
        cut = min(_width(line) for line in body if line.strip())
        code = "\n".join(line.expandtabs(8)[cut:] for line in body) + "\n"
        language = _language(match["lang"], code)
        if language:
            sample = CodeSample(page, start + 1, language, code, None, None)
            found.append(Included(sample, start + 1))
    return found


def included_samples(page: Path, text: str) -> list[Included]:
    """The samples of ``page`` that Markdown parsing does not find, in page order."""
    lines = [strip_eol(line) for line in split_lines(text)]
    suffix = page.suffix.lower()
    found = _literal_includes(page, lines)
    if suffix == ".rst":
        found += _rst_code_blocks(page, lines)
    elif suffix == ".mdx" or any(_RAW_IMPORT.match(line) for line in lines):
        found += _raw_imports(page, lines)
    if suffix != ".rst":
        found += _snippets(page, lines)
    return sorted(found, key=lambda i: i.page_line)
