"""`samplegen sync`: replace the code between sync markers in Markdown with generated samples.

Marker syntax (documented in docs/docs-workflows.md)::

    <!-- samplegen: chat-completions python-openai -->
    ...generated fenced code block...
    <!-- /samplegen -->

    <!-- samplegen: chat-completions tabs languages=python,curl region=cn -->
    ...generated MkDocs Material content tabs...
    <!-- /samplegen -->

Everything between a marker pair belongs to samplegen; every other byte of the file is kept.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt

from generator.docs.errors import MarkerError
from generator.docs.files import line_ending, read_text, split_lines, strip_eol, walk, write_text
from generator.i18n import DEFAULT_LOCALE
from generator.model import Endpoint
from generator.registry import LANGUAGES, Variant, language, variants
from generator.render import DEFAULT_TEMPLATES, TemplateDirs, make_environment, render_sample
from generator.spec_loader import load_specs

MARKDOWN_SUFFIXES = (".md", ".markdown")
TABS = "tabs"

_OPEN = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*samplegen:(?P<args>.*?)-->[ \t]*$")
_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*/samplegen[ \t]*-->[ \t]*$")
_LOOSE = re.compile(r"^[ \t]*<!--[ \t]*/?[ \t]*samplegen", re.IGNORECASE)
_OPTION = re.compile(r"^(?P<key>[a-z]+)=(?P<value>\S+)$")
_CLOSE_ENOUGH = 0.5  # difflib ratio of a spelling suggestion
_NEARLY = 0.1  # how much worse than the closest a suggestion may be


@dataclass(frozen=True)
class Marker:
    """One parsed opening marker: which sample(s) to put between it and its closing marker."""

    line: int  # 1-based line of the opening marker
    end_line: int  # 1-based line of the closing marker
    indent: str
    endpoint: Endpoint
    variants: tuple[Variant, ...]
    tabs: bool
    region: str | None

    @property
    def name(self) -> str:
        """How the marker names its content, for messages: ``chat-completions python-openai``."""
        what = TABS if self.tabs else self.variants[0].name
        return f"{self.endpoint.id} {what}"


@dataclass
class BlockChange:
    """One marked block whose content differs from what the specs produce."""

    marker: Marker
    diff: str


@dataclass
class FileSync:
    """The outcome of syncing one file: its old and new text and the stale blocks."""

    path: Path
    old: str
    new: str
    markers: list[Marker] = field(default_factory=list)
    changes: list[BlockChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether syncing changes the file."""
        return self.old != self.new


def suggestions(word: str, choices: Iterable[str]) -> list[str]:
    """The names in ``choices`` that ``word`` most likely meant (at most three).

    Close spellings count only if nearly as close as the closest one (so that
    ``chat-completion`` suggests ``chat-completions`` and not every name that contains it);
    without any, names that contain ``word`` (``stream`` -> the streamed endpoints).
    """
    names = list(dict.fromkeys(choices))
    scored = sorted(
        ((difflib.SequenceMatcher(None, word, name).ratio(), name) for name in names),
        key=lambda pair: (-pair[0], pair[1]),
    )
    if scored and scored[0][0] >= _CLOSE_ENOUGH:
        best = scored[0][0]
        return [name for ratio, name in scored if ratio >= best - _NEARLY][:3]
    if len(word) < 3:
        return []
    return [name for name in names if word.lower() in name.lower()][:3]


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = suggestions(word, choices)
    return f"; did you mean {' or '.join(close)}?" if close else ""


class SampleSource:
    """Renders samples in memory from the specs and templates, each at most once."""

    def __init__(
        self,
        specs: Path,
        templates: TemplateDirs = DEFAULT_TEMPLATES,
        region: str | None = None,
        locale: str = DEFAULT_LOCALE,
    ) -> None:
        """Load and validate every spec in ``specs``; templates load lazily.

        ``region`` is the region of markers that name none (default: each spec's own);
        ``locale`` the language of the samples' comments and messages.
        """
        self.endpoints = {e.id: e for e in load_specs(specs)}
        self.region = region
        self.locale = locale
        self._env: jinja2.Environment = make_environment(templates, locale)
        self._cache: dict[tuple[str, str, str | None], str] = {}

    def render(self, endpoint: Endpoint, variant: Variant, region: str | None) -> str:
        """The text of ``endpoint`` rendered as ``variant`` in ``region`` (or the default)."""
        region = region or self.region
        key = (endpoint.id, variant.name, region)
        if key not in self._cache:
            self._cache[key] = render_sample(self._env, endpoint, variant, region, self.locale)
        return self._cache[key]

    def resolve_endpoint(self, name: str, path: Path, line: int) -> Endpoint:
        """The endpoint called ``name``; unknown names suggest the closest ones."""
        if name in self.endpoints:
            return self.endpoints[name]
        known = ", ".join(self.endpoints)
        raise MarkerError(
            f"unknown endpoint {name!r}{_suggest(name, self.endpoints)} (known: {known})",
            path,
            line,
        )

    @staticmethod
    def resolve_variant(endpoint: Endpoint, name: str, path: Path, line: int) -> Variant:
        """The variant ``name`` (``python-openai``, or a language key with one variant)."""
        usable = [v for v in variants() if v.supports(endpoint)]
        for v in usable:
            if v.name == name:
                return v
        same_language = [v for v in usable if v.language == name]
        if len(same_language) == 1:
            return same_language[0]
        if same_language:
            options = ", ".join(v.name for v in same_language)
            raise MarkerError(
                f"{name!r} has several samples for {endpoint.id}; name one: {options}", path, line
            )
        named = [v for v in variants() if v.name == name]
        if named:
            options = ", ".join(v.name for v in usable)
            why = (
                f"a streamed endpoint; {name} does not stream"
                if named[0].supports(endpoint.style)
                else endpoint.style
            )
            raise MarkerError(
                f"sample {name!r} cannot call {endpoint.id} ({why}); samples for it: {options}",
                path,
                line,
            )
        names = [v.name for v in usable] + [lang.key for lang in LANGUAGES]
        raise MarkerError(
            f"unknown sample {name!r}{_suggest(name, names)} "
            f"(samples for {endpoint.id}: {', '.join(v.name for v in usable)})",
            path,
            line,
        )


def _parse_args(
    args: str, source: SampleSource, path: Path, line: int
) -> tuple[Endpoint, tuple[Variant, ...], bool, str | None]:
    words = args.split()
    if len(words) < 2:
        raise MarkerError(
            "a marker needs an endpoint and a sample: "
            "<!-- samplegen: ENDPOINT SAMPLE --> or <!-- samplegen: ENDPOINT tabs -->",
            path,
            line,
        )
    endpoint = source.resolve_endpoint(words[0], path, line)
    options: dict[str, str] = {}
    for word in words[2:]:
        match = _OPTION.match(word)
        if not match or match["key"] not in ("region", "languages"):
            raise MarkerError(
                f"unknown marker option {word!r} (options: region=KEY, languages=KEY,KEY)",
                path,
                line,
            )
        options[match["key"]] = match["value"]
    region = options.get("region")
    known = ", ".join(r.key for r in endpoint.regions)
    if region is not None and region not in {r.key for r in endpoint.regions}:
        raise MarkerError(
            f"endpoint {endpoint.id} has no region {region!r} (known: {known})", path, line
        )
    if region is None and source.region not in (None, *(r.key for r in endpoint.regions)):
        raise MarkerError(
            f"endpoint {endpoint.id} has no region {source.region!r} (from --region; "
            f"known: {known}; a marker may name one with region=KEY)",
            path,
            line,
        )
    if words[1] != TABS:
        if "languages" in options:
            raise MarkerError("languages= only applies to a tabs marker", path, line)
        return endpoint, (source.resolve_variant(endpoint, words[1], path, line),), False, region
    wanted = options.get("languages")
    if wanted is not None:
        keys = wanted.split(",")
        for key in keys:
            if key not in {lang.key for lang in LANGUAGES}:
                names = [lang.key for lang in LANGUAGES]
                raise MarkerError(
                    f"unknown language {key!r}{_suggest(key, names)} (known: {', '.join(names)})",
                    path,
                    line,
                )
    chosen = tuple(
        v for v in variants(None if wanted is None else wanted.split(",")) if v.supports(endpoint)
    )
    return endpoint, chosen, True, region


def _html_lines(text: str, offset: int) -> set[int]:
    found: set[int] = set()
    for token in MarkdownIt("commonmark").parse(text):
        if not token.map:
            continue
        if token.type == "html_block":
            found.update(range(offset + token.map[0], offset + token.map[1]))
        elif token.type == "code_block":
            # Indented content of MkDocs containers (admonitions, tabs) is Markdown there.
            found.update(_html_lines(token.content, offset + token.map[0]))
    return found


def _marker_lines(text: str) -> set[int]:
    """0-based lines where markers may live: HTML blocks, never fenced code or prose."""
    return _html_lines(text.replace("\r\n", "\n").replace("\r", "\n"), 0)


def find_markers(text: str, path: Path, source: SampleSource) -> list[Marker]:
    """Every marker pair in ``text``; malformed, unclosed or nested markers are errors."""
    lines = split_lines(text)
    markers: list[Marker] = []
    opened: tuple[int, re.Match[str]] | None = None
    for index in sorted(_marker_lines(text)):
        if index >= len(lines):
            continue
        content = strip_eol(lines[index])
        number = index + 1
        if match := _OPEN.match(content):
            if opened is not None:
                raise MarkerError(
                    f"nested samplegen marker: the marker on line {opened[0]} is not closed yet",
                    path,
                    number,
                )
            opened = (number, match)
        elif _CLOSE.match(content):
            if opened is None:
                raise MarkerError("<!-- /samplegen --> without an opening marker", path, number)
            start, match = opened
            endpoint, chosen, tabs, region = _parse_args(match["args"], source, path, start)
            markers.append(Marker(start, number, match["indent"], endpoint, chosen, tabs, region))
            opened = None
        elif _LOOSE.match(content):
            raise MarkerError(
                "malformed samplegen marker; write <!-- samplegen: ENDPOINT SAMPLE --> "
                "or <!-- /samplegen -->",
                path,
                number,
            )
    if opened is not None:
        raise MarkerError(
            "samplegen marker has no closing <!-- /samplegen --> marker "
            "(or the closing marker sits inside an unclosed code fence)",
            path,
            opened[0],
        )
    return markers


def fence_for(code: str) -> str:
    """A backtick fence longer than any backtick run in ``code`` (at least three)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _code_block(code: str, info: str, indent: str, eol: str) -> list[str]:
    body = code.rstrip("\n").split("\n")
    fence = fence_for(code)
    out = [f"{indent}{fence}{info}{eol}"]
    out.extend(f"{indent}{line}{eol}" if line else eol for line in body)
    out.append(f"{indent}{fence}{eol}")
    return out


def tab_label(variant: Variant, siblings: Iterable[Variant]) -> str:
    """The content-tab title: the language, plus the variant when the language has several."""
    label = language(variant.language).label
    if sum(1 for v in siblings if v.language == variant.language) > 1:
        return f"{label} ({variant.label})"
    return label


def render_block(marker: Marker, source: SampleSource, eol: str) -> list[str]:
    """The lines samplegen puts between ``marker`` and its closing marker.

    A blank line separates the content from each marker, so that every Markdown engine
    (CommonMark, Python-Markdown) sees the HTML comment and the code as separate blocks.
    """
    if not marker.tabs:
        variant = marker.variants[0]
        code = source.render(marker.endpoint, variant, marker.region)
        info = language(variant.language).info_string
        return [eol, *_code_block(code, info, marker.indent, eol), eol]
    out: list[str] = [eol]
    for i, variant in enumerate(marker.variants):
        code = source.render(marker.endpoint, variant, marker.region)
        if i:
            out.append(eol)
        title = tab_label(variant, marker.variants).replace('"', "'")
        out.append(f'{marker.indent}=== "{title}"{eol}')
        out.append(eol)
        info = language(variant.language).info_string
        out.extend(_code_block(code, info, marker.indent + "    ", eol))
    out.append(eol)
    return out


def _diff(path: Path, marker: Marker, old: list[str], new: list[str]) -> str:
    lines = difflib.unified_diff(
        [strip_eol(x) for x in old],
        [strip_eol(x) for x in new],
        fromfile=f"{path}:{marker.line} ({marker.name}, in the file)",
        tofile=f"{path}:{marker.line} ({marker.name}, from the specs)",
        lineterm="",
    )
    return "".join(f"{line}\n" for line in lines)


def sync_text(text: str, path: Path, source: SampleSource) -> FileSync:
    """Sync one file's text in memory; only lines between marker pairs change."""
    markers = find_markers(text, path, source)
    lines = split_lines(text)
    result: list[str] = []
    changes: list[BlockChange] = []
    cursor = 0
    for marker in markers:
        opening = marker.line - 1
        closing = marker.end_line - 1
        result.extend(lines[cursor : opening + 1])
        new_block = render_block(marker, source, line_ending(lines[opening]))
        old_block = lines[opening + 1 : closing]
        if new_block != old_block:
            changes.append(BlockChange(marker, _diff(path, marker, old_block, new_block)))
        result.extend(new_block)
        cursor = closing
    result.extend(lines[cursor:])
    return FileSync(path, text, "".join(result), markers, changes)


def sync_paths(
    paths: Iterable[Path],
    specs: Path,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    check: bool = False,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> list[FileSync]:
    """Sync every Markdown file in ``paths`` (folders are walked).

    All files are parsed and rendered before any is written, so an error anywhere leaves
    every file untouched. With ``check`` nothing is written at all.
    """
    source = SampleSource(specs, templates, region, locale)
    results = [sync_text(read_text(p), p, source) for p in walk(paths, MARKDOWN_SUFFIXES)]
    if not check:
        for result in results:
            if result.changed:
                write_text(result.path, result.new)
    return results
