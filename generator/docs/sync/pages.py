"""`samplegen sync`: replace the code between sync markers in docs pages with generated samples.

Each docs system has its own marker, code and tab syntax (generator/docs/sync/formats/, one module
each; docs/docs-workflows.md documents them). In Markdown (MkDocs Material, MyST, plain)::

    <!-- samplegen: chat-completions python-openai -->
    ...generated fenced code block...
    <!-- /samplegen -->

    <!-- samplegen: chat-completions tabs languages=python,curl region=cn -->
    ...generated tabs, one per language...
    <!-- /samplegen -->

Everything between a marker pair belongs to samplegen; every other byte of the file is kept
(but for the imports a Docusaurus page with tabs needs).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.docs.errors import DocsInputError, MarkerError
from generator.docs.files import (
    line_ending,
    read_text,
    split_lines,
    strip_eol,
    walk,
    write_pages,
)
from generator.docs.sync.formats import (
    CLOSE,
    OPEN,
    Code,
    DocsFormat,
    Insertion,
    Tab,
    docs_format_for,
    docs_suffixes,
)
from generator.docs.sync.formats.markdown import fence_for
from generator.i18n import DEFAULT_LOCALE
from generator.model import Endpoint
from generator.render.environment import DEFAULT_TEMPLATES, TemplateDirs, make_environment
from generator.render.registry import LANGUAGES, Variant, language, variants
from generator.render.samples import render_sample
from generator.sources import load_specs

__all__ = ["fence_for"]  # re-exported: the Markdown fence rule

TABS = "tabs"
BOM = "\ufeff"

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
    """One marked block (or a page's missing imports) that differs from what sync writes."""

    line: int  # 1-based line of the opening marker, or where the inserted lines go
    name: str  # ``chat-completions tabs``, ``imports``
    diff: str
    marker: Marker | None = None


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
                named[0].decline_reason(endpoint) or "declined"
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
    args: str, source: SampleSource, path: Path, line: int, fmt: DocsFormat
) -> tuple[Endpoint, tuple[Variant, ...], bool, str | None]:
    words = args.split()
    if len(words) < 2:
        raise MarkerError(
            "a marker needs an endpoint and a sample: "
            f"{fmt.opening('ENDPOINT SAMPLE')} or {fmt.opening('ENDPOINT tabs')}",
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


def find_markers(
    text: str, path: Path, source: SampleSource, fmt: DocsFormat | None = None
) -> list[Marker]:
    """Every marker pair in ``text``; malformed, unclosed or nested markers are errors.

    ``fmt`` is the page's docs system (default: chosen by the file's suffix).
    """
    fmt = fmt or docs_format_for(path)
    lines = [strip_eol(line) for line in split_lines(text)]
    markers: list[Marker] = []
    opened: tuple[int, str, str] | None = None  # (line, indent, args)
    for found in fmt.scan(text, lines):
        number = found.index + 1
        if found.kind == OPEN:
            if opened is not None:
                raise MarkerError(
                    f"nested samplegen marker: the marker on line {opened[0]} is not closed yet",
                    path,
                    number,
                )
            opened = (number, found.indent, found.args)
        elif found.kind == CLOSE:
            if opened is None:
                raise MarkerError(f"{fmt.close_marker} without an opening marker", path, number)
            start, indent, args = opened
            endpoint, chosen, tabs, region = _parse_args(args, source, path, start, fmt)
            markers.append(Marker(start, number, indent, endpoint, chosen, tabs, region))
            opened = None
        else:
            raise MarkerError(
                f"malformed samplegen marker; write {fmt.opening('ENDPOINT SAMPLE')} "
                f"or {fmt.close_marker}",
                path,
                number,
            )
    if opened is not None:
        raise MarkerError(
            f"samplegen marker has no closing {fmt.close_marker} marker "
            "(or the closing marker sits inside an unclosed code fence)",
            path,
            opened[0],
        )
    return markers


def tabs_for(marker: Marker, source: SampleSource) -> list[Tab]:
    """One tab per language, in registry order, holding that language's samples.

    The label is the language's name alone (``Python``), on every page and for every
    endpoint, so that tabs link; a language with several samples captions each one with
    its variant (``OpenAI SDK``, ``requests``).
    """
    tabs: list[Tab] = []
    for lang in LANGUAGES:
        chosen = [v for v in marker.variants if v.language == lang.key]
        codes = tuple(
            Code(
                lang.info_string,
                source.render(marker.endpoint, v, marker.region),
                v.label if len(chosen) > 1 else None,
            )
            for v in chosen
        )
        if codes:
            tabs.append(Tab(lang.key, lang.label, codes))
    return tabs


def render_block(marker: Marker, source: SampleSource, eol: str, fmt: DocsFormat) -> list[str]:
    """The lines samplegen puts between ``marker`` and its closing marker.

    A blank line separates the content from each marker, so that every engine (CommonMark,
    Python-Markdown, MDX, docutils) sees the marker and the code as separate blocks.
    """
    if marker.tabs:
        body = fmt.render_tabs(tabs_for(marker, source), marker.indent, eol)
    else:
        variant = marker.variants[0]
        code = Code(
            language(variant.language).info_string,
            source.render(marker.endpoint, variant, marker.region),
        )
        body = fmt.render_code(code, marker.indent, eol)
    return [eol, *body, eol]


def _diff(path: Path, line: int, name: str, old: list[str], new: list[str]) -> str:
    lines = difflib.unified_diff(
        [strip_eol(x) for x in old],
        [strip_eol(x) for x in new],
        fromfile=f"{path}:{line} ({name}, in the file)",
        tofile=f"{path}:{line} ({name}, from the specs)",
        lineterm="",
    )
    return "".join(f"{line}\n" for line in lines)


def _inserted(insertion: Insertion, eol: str) -> list[str]:
    lines = [f"{line}{eol}" for line in insertion.lines]
    return [*lines, eol] if insertion.blank_after else lines


def sync_text(
    text: str, path: Path, source: SampleSource, fmt: DocsFormat | None = None
) -> FileSync:
    """Sync one file's text in memory; only lines between marker pairs change.

    A byte-order mark is set aside while the page is read and put back unchanged.
    ``fmt`` is the page's docs system (default: chosen by the file's suffix).
    """
    fmt = fmt or docs_format_for(path)
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    markers = find_markers(body, path, source, fmt)
    lines = split_lines(body)
    eol = line_ending(lines[0]) if lines else "\n"
    bare = [strip_eol(line) for line in lines]
    pending = sorted(fmt.insertions(bare, any(m.tabs for m in markers)), key=lambda i: i.index)
    result: list[str] = []
    changes: list[BlockChange] = []

    def copy_until(end: int) -> None:
        """Copy the page up to line ``end``, with the insertions that go before it."""
        nonlocal cursor
        while pending and (pending[0].index < end or end == len(lines)):
            insertion = pending.pop(0)
            result.extend(lines[cursor : insertion.index])
            new = _inserted(insertion, eol)
            number = insertion.index + 1
            changes.append(
                BlockChange(number, insertion.name, _diff(path, number, insertion.name, [], new))
            )
            result.extend(new)
            cursor = insertion.index
        result.extend(lines[cursor:end])
        cursor = end

    cursor = 0
    for marker in markers:
        opening = marker.line - 1
        closing = marker.end_line - 1
        copy_until(opening + 1)
        new_block = render_block(marker, source, line_ending(lines[opening]), fmt)
        old_block = lines[opening + 1 : closing]
        if new_block != old_block:
            diff = _diff(path, marker.line, marker.name, old_block, new_block)
            changes.append(BlockChange(marker.line, marker.name, diff, marker))
        result.extend(new_block)
        cursor = closing
    copy_until(len(lines))
    changes.sort(key=lambda change: change.line)
    return FileSync(path, text, bom + "".join(result), markers, changes)


class NoMarkersError(DocsInputError):
    """The paths given to sync hold no samplegen marker at all: nothing would be checked."""


def sync_paths(
    paths: Iterable[Path],
    specs: Path,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    check: bool = False,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
    formats: str | Iterable[str] | None = None,
) -> list[FileSync]:
    """Sync every docs page in ``paths`` (folders are searched for .md, .markdown, .mdx, .rst).

    ``formats`` names the docs system(s) to use where a suffix alone would not say
    (:func:`docs_format_for`). All files are parsed and rendered before any is written, so
    an error anywhere leaves every file untouched. With ``check`` nothing is written at all.
    No marker in any of the files is an error (:class:`NoMarkersError`).
    """
    paths = list(paths)
    configured = [formats] if isinstance(formats, str) else list(formats or ())
    files = walk(paths, docs_suffixes())
    source = SampleSource(specs, templates, region, locale)
    results = [sync_text(read_text(p), p, source, docs_format_for(p, configured)) for p in files]
    if not any(r.markers for r in results):
        where = ", ".join(str(p) for p in paths)
        suffixes = ", ".join(f"*{s}" for s in docs_suffixes())
        raise NoMarkersError(
            f"no samplegen marker in {len(results)} file(s) under {where} "
            f"(folders are searched for {suffixes}); nothing to sync"
        )
    if not check:
        changed = {r.path: r.new for r in results if r.changed}
        write_pages(changed, pages=[r.path for r in results])
    return results
