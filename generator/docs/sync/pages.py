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
(but for the imports a Docusaurus page with tabs needs). In include mode (``mode=include``,
or the config's ``docs_mode = "include"``) the block names the generated files in the docs
system's own include syntax instead of holding their text, and ``--check`` also compares
those files with the specs.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.docs import systems
from generator.docs.errors import DocsInputError, MarkerError
from generator.docs.files import (
    line_ending,
    read_text,
    split_lines,
    strip_eol,
    walk,
    write_pages,
)
from generator.docs.site import SITE_FILES, Needs, SiteProblem, check_site, site_config, site_root
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
from generator.render.editions import sample_relpath
from generator.render.environment import DEFAULT_TEMPLATES, TemplateDirs, make_environment
from generator.render.registry import LANGUAGES, Variant, language, variants
from generator.render.samples import render_sample
from generator.sources import load_specs

__all__ = ["fence_for"]  # re-exported: the Markdown fence rule

TABS = "tabs"
BOM = "\ufeff"
INLINE, INCLUDE = "inline", "include"
MODES = (INLINE, INCLUDE)

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
    include: bool = False  # include mode: the page names the generated files

    @property
    def name(self) -> str:
        """How the marker names its content, for messages: ``chat-completions python-openai``."""
        what = TABS if self.tabs else self.variants[0].name
        return f"{self.endpoint.id} {what}"


@dataclass(frozen=True)
class Pruned:
    """A marker pair naming an endpoint no spec has any more, removed by ``sync --prune``."""

    line: int  # 1-based line of the opening marker
    end_line: int  # 1-based line of the closing marker
    endpoint: str


@dataclass(frozen=True)
class StaleFile:
    """A generated file an include-mode block names that is missing or differs from the
    specs (``samplegen generate`` writes it)."""

    page: Path
    line: int  # the block's opening marker
    path: Path  # the file, as the user would type it
    missing: bool


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
    stale_files: list[StaleFile] = field(default_factory=list)
    pruned: list[Pruned] = field(default_factory=list)

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
        *,
        languages: Collection[str] | None = None,
        variant_names: Collection[str] | None = None,
        out: Path | None = None,
        edition: tuple[str | None, str | None] | None = None,
        matrix: tuple[Collection[str] | None, Collection[str] | None] = (None, None),
        mode: str = INLINE,
    ) -> None:
        """Load and validate every spec in ``specs``; templates load lazily.

        ``region`` is the region of markers that name none (default: each spec's own);
        ``locale`` the language of the samples' comments and messages. ``languages`` and
        ``variant_names`` are the project's selection (tabs hold only those). For include
        mode: ``out`` is the folder ``generate`` writes, ``edition`` the one (region,
        locale) it writes there in the plain layout (None: the matrix, of which ``matrix``
        keeps these other regions and locales), ``mode`` the mode of markers that name none.
        """
        self.specs = specs
        self.endpoints = {e.id: e for e in load_specs(specs)}
        self.region = region
        self.locale = locale
        self.languages = tuple(languages) if languages else None
        self.variant_names = tuple(variant_names) if variant_names else None
        self.out = out
        self.edition = edition
        self.matrix = matrix
        self.mode = mode
        self._env: jinja2.Environment = make_environment(templates, locale)
        self._cache: dict[tuple[str, str, str | None], str] = {}

    def render(self, endpoint: Endpoint, variant: Variant, region: str | None) -> str:
        """The text of ``endpoint`` rendered as ``variant`` in ``region`` (or the default)."""
        region = region or self.region
        key = (endpoint.id, variant.name, region)
        if key not in self._cache:
            self._cache[key] = render_sample(self._env, endpoint, variant, region, self.locale)
        return self._cache[key]

    def selected(self, variant: Variant) -> bool:
        """Whether the project's selection (config ``languages``, ``variants``) keeps it."""
        if self.languages is not None and variant.language not in self.languages:
            return False
        return self.variant_names is None or variant.name in self.variant_names

    def usable(self, endpoint: Endpoint) -> list[Variant]:
        """The variants that can call ``endpoint`` and the project's selection keeps."""
        return [v for v in variants() if v.supports(endpoint) and self.selected(v)]

    def selection_note(self) -> str:
        """How messages name the selection: ``samplegen.toml: languages = python, curl``."""
        parts = []
        if self.languages is not None:
            parts.append(f"languages = {', '.join(self.languages)}")
        if self.variant_names is not None:
            parts.append(f"variants = {', '.join(self.variant_names)}")
        return "; ".join(parts)

    def generated_file(self, endpoint: Endpoint, variant: Variant, region: str | None) -> str:
        """Where ``generate`` writes this sample below the output folder (include mode);
        a ValueError says why it writes none there."""
        default = endpoint.default_region
        wanted = region or self.region or default
        if self.edition is not None:
            plain_region = self.edition[0] or default
            plain_locale = self.edition[1] or DEFAULT_LOCALE
            if (wanted, self.locale) != (plain_region, plain_locale):
                raise ValueError(
                    f"generate writes only the {plain_region}/{plain_locale} edition of "
                    f"{endpoint.id} (the config's region and locale), not {wanted}/{self.locale}"
                )
            return sample_relpath(endpoint, variant)
        regions, locales = self.matrix
        if wanted == default and self.locale == DEFAULT_LOCALE:
            return sample_relpath(endpoint, variant)
        if self.locale == DEFAULT_LOCALE and (regions is None or wanted in regions):
            return sample_relpath(endpoint, variant, f"regions/{wanted}/")
        if wanted == default and (locales is None or self.locale in locales):
            return sample_relpath(endpoint, variant, f"locales/{self.locale}/")
        raise ValueError(
            f"generate writes no {wanted}/{self.locale} edition of {endpoint.id} (the matrix "
            "holds other regions in English and other locales in the default region; a site "
            "in one region and locale sets region and locale in samplegen.toml)"
        )

    def resolve_endpoint(self, name: str, path: Path, line: int, synced: bool = False) -> Endpoint:
        """The endpoint called ``name``; unknown names suggest the closest ones, and the
        command that removes a block whose spec is gone (``synced``: it holds content)."""
        if name in self.endpoints:
            return self.endpoints[name]
        known = ", ".join(self.endpoints)
        close = _suggest(name, self.endpoints)
        prune = f"samplegen sync --prune {path}"
        message = f"unknown endpoint {name!r}{close} (known: {known})"
        if synced and not close:
            message = (
                f"no spec has the id {name!r} any more (in {self.specs}); if it was removed "
                f"on purpose, run {prune} to remove this block, or name another endpoint "
                f"(known: {known})"
            )
        elif synced or not close:  # a block that held samples, or no typo in sight
            message += f"; if its spec was removed on purpose, run {prune} to remove this block"
        raise MarkerError(message, path, line)

    def resolve_variant(self, endpoint: Endpoint, name: str, path: Path, line: int) -> Variant:
        """The variant ``name`` (``python-openai``, or a language key with one variant)."""
        every = [v for v in variants() if v.supports(endpoint)]
        usable = self.usable(endpoint)
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
        if any(v.name == name or v.language == name for v in every):
            raise MarkerError(
                f"sample {name!r} is not in this project's selection "
                f"(samplegen.toml: {self.selection_note()}); samples for {endpoint.id}: "
                f"{', '.join(v.name for v in usable) or 'none'}",
                path,
                line,
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


_OPTIONS = ("region", "languages", "mode")


@dataclass(frozen=True)
class _Parsed:
    endpoint: Endpoint
    variants: tuple[Variant, ...]
    tabs: bool
    region: str | None
    include: bool


def _parse_args(
    args: str,
    source: SampleSource,
    path: Path,
    line: int,
    fmt: DocsFormat,
    synced: bool = False,
) -> _Parsed:
    words = args.split()
    if len(words) < 2:
        raise MarkerError(
            "a marker needs an endpoint and a sample: "
            f"{fmt.opening('ENDPOINT SAMPLE')} or {fmt.opening('ENDPOINT tabs')}",
            path,
            line,
        )
    endpoint = source.resolve_endpoint(words[0], path, line, synced)
    options: dict[str, str] = {}
    for word in words[2:]:
        match = _OPTION.match(word)
        if not match or match["key"] not in _OPTIONS:
            raise MarkerError(
                f"unknown marker option {word!r} "
                "(options: region=KEY, languages=KEY,KEY, mode=inline|include)",
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
            f"endpoint {endpoint.id} has no region {source.region!r} (from --region or the "
            f"config's region; known: {known}; a marker may name one with region=KEY)",
            path,
            line,
        )
    mode = options.get("mode", source.mode)
    if mode not in MODES:
        raise MarkerError(f"unknown mode {mode!r} (modes: inline, include)", path, line)
    if mode == INCLUDE and not fmt.supports_include:
        raise MarkerError(
            f"{fmt.name} pages cannot include files (CommonMark has no include); "
            "use mode=inline, or a docs system with includes (mkdocs, docusaurus, sphinx, myst)",
            path,
            line,
        )
    include = mode == INCLUDE
    if words[1] != TABS:
        if "languages" in options:
            raise MarkerError("languages= only applies to a tabs marker", path, line)
        chosen = source.resolve_variant(endpoint, words[1], path, line)
        return _Parsed(endpoint, (chosen,), False, region, include)
    wanted = options.get("languages")
    keys = None if wanted is None else wanted.split(",")
    names = [lang.key for lang in LANGUAGES]
    for key in keys or ():
        if key not in names:
            raise MarkerError(
                f"unknown language {key!r}{_suggest(key, names)} (known: {', '.join(names)})",
                path,
                line,
            )
        if source.languages is not None and key not in source.languages:
            raise MarkerError(
                f"language {key!r} is not in this project's selection "
                f"(samplegen.toml: {source.selection_note()})",
                path,
                line,
            )
    chosen_all = tuple(v for v in source.usable(endpoint) if keys is None or v.language in keys)
    return _Parsed(endpoint, chosen_all, True, region, include)


def find_markers(
    text: str,
    path: Path,
    source: SampleSource,
    fmt: DocsFormat | None = None,
    prune: list[Pruned] | None = None,
) -> list[Marker]:
    """Every marker pair in ``text``; malformed, unclosed or nested markers are errors.

    ``fmt`` is the page's docs system (default: chosen by the file's suffix). With
    ``prune`` (a list), a pair naming an endpoint no spec has is added to it instead of
    being an error.
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
            opened = None
            words = args.split()
            if prune is not None and words and words[0] not in source.endpoints:
                prune.append(Pruned(start, number, words[0]))
                continue
            synced = any(line.strip() for line in lines[start : number - 1])
            parsed = _parse_args(args, source, path, start, fmt, synced)
            markers.append(
                Marker(
                    start,
                    number,
                    indent,
                    parsed.endpoint,
                    parsed.variants,
                    parsed.tabs,
                    parsed.region,
                    parsed.include,
                )
            )
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


def tabs_for(marker: Marker, source: SampleSource, includes: _Includes | None = None) -> list[Tab]:
    """One tab per language, in registry order, holding that language's samples.

    The label is the language's name alone (``Python``), on every page and for every
    endpoint, so that tabs link; a language with several samples captions each one with
    its variant (``OpenAI SDK``, ``requests``).
    """
    tabs: list[Tab] = []
    for lang in LANGUAGES:
        chosen = [v for v in marker.variants if v.language == lang.key]
        codes = tuple(
            _code(marker, v, source, v.label if len(chosen) > 1 else None, includes) for v in chosen
        )
        if codes:
            tabs.append(Tab(lang.key, lang.label, codes))
    return tabs


def _code(
    marker: Marker,
    variant: Variant,
    source: SampleSource,
    caption: str | None,
    includes: _Includes | None,
) -> Code:
    info = language(variant.language).info_string
    text = source.render(marker.endpoint, variant, marker.region)
    if not marker.include or includes is None:
        return Code(info, text, caption)
    where, name = includes.file(marker, variant)
    return Code(info, text, caption, where, name)


class _Includes:
    """Include mode on one page: where each generated file is, as the page names it, and
    which generated files are missing or stale."""

    def __init__(self, page: Path, fmt: DocsFormat, source: SampleSource) -> None:
        self.page = page
        self.fmt = fmt
        self.source = source
        self.stale: list[StaleFile] = []
        self._line = 0

    def at(self, marker: Marker) -> None:
        self._line = marker.line

    def file(self, marker: Marker, variant: Variant) -> tuple[str, str]:
        """(the path as the page writes it, the Docusaurus import name) of a sample."""
        source = self.source
        if source.out is None:
            raise MarkerError(
                "include mode needs the output folder generate writes (the config's output)",
                self.page,
                marker.line,
            )
        try:
            rel = source.generated_file(marker.endpoint, variant, marker.region)
        except ValueError as err:
            raise MarkerError(str(err), self.page, marker.line) from None
        target = source.out / rel
        text = source.render(marker.endpoint, variant, marker.region)
        if not target.is_file():
            self.stale.append(StaleFile(self.page, marker.line, target, True))
        elif target.read_bytes() != text.encode("utf-8"):
            self.stale.append(StaleFile(self.page, marker.line, target, False))
        name = "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", rel) if w)
        return self._written(target, marker), name

    def _written(self, target: Path, marker: Marker) -> str:
        if self.fmt.name == "mkdocs":
            root = site_root(self.page, "mkdocs")
            if root is None:
                raise MarkerError(
                    "include mode in MkDocs needs the site's mkdocs.yml above the page "
                    "(snippet paths are relative to it: pymdownx.snippets base_path '.')",
                    self.page,
                    marker.line,
                )
            return Path(os.path.relpath(target.resolve(), root.resolve())).as_posix()
        rel = Path(os.path.relpath(target.resolve(), self.page.parent.resolve())).as_posix()
        if self.fmt.name == "docusaurus" and not rel.startswith("."):
            rel = f"./{rel}"
        return rel


def render_block(
    marker: Marker,
    source: SampleSource,
    eol: str,
    fmt: DocsFormat,
    includes: _Includes | None = None,
    declared: set[str] | None = None,
) -> list[str]:
    """The lines samplegen puts between ``marker`` and its closing marker.

    A blank line separates the content from each marker, so that every engine (CommonMark,
    Python-Markdown, MDX, docutils) sees the marker and the code as separate blocks.
    ``declared`` holds the names a Docusaurus page imported already (include mode).
    """
    if includes is not None:
        includes.at(marker)
    if marker.tabs:
        tabs = tabs_for(marker, source, includes)
        codes = [c for t in tabs for c in t.codes]
        body = fmt.render_tabs(tabs, marker.indent, eol)
    else:
        variant = marker.variants[0]
        codes = [_code(marker, variant, source, None, includes)]
        body = fmt.render_code(codes[0], marker.indent, eol)
    declared = set() if declared is None else declared
    fresh = [c for c in codes if c.name and c.name not in declared]
    imports = fmt.include_imports(list({c.name: c for c in fresh}.values()))
    declared.update(c.name for c in fresh if c.name)
    head = [f"{line}{eol}" for line in imports]
    return [eol, *head, *([eol] if head else []), *body, eol]


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def _diff(
    path: Path, line: int, name: str, old: list[str], new: list[str], first: int | None = None
) -> str:
    """A unified diff of a block whose hunks count the page's lines: ``first`` is the page
    line of the block's first line (default: the one after its opening marker, ``line``)."""
    lines = difflib.unified_diff(
        [strip_eol(x) for x in old],
        [strip_eol(x) for x in new],
        fromfile=f"{path}:{line} ({name}, in the file)",
        tofile=f"{path}:{line} ({name}, from the specs)",
        lineterm="",
    )
    shift = (line + 1 if first is None else first) - 1

    def page_lines(match: re.Match[str]) -> str:
        a, b, c, d = match[1], match[2] or "", match[3], match[4] or ""
        return f"@@ -{int(a) + shift}{b} +{int(c) + shift}{d} @@"

    return "".join(f"{_HUNK.sub(page_lines, text)}\n" for text in lines)


def _inserted(insertion: Insertion, eol: str) -> list[str]:
    lines = [f"{line}{eol}" for line in insertion.lines]
    return [*lines, eol] if insertion.blank_after else lines


def sync_text(
    text: str,
    path: Path,
    source: SampleSource,
    fmt: DocsFormat | None = None,
    prune: bool = False,
) -> FileSync:
    """Sync one file's text in memory; only lines between marker pairs change.

    A byte-order mark is set aside while the page is read and put back unchanged.
    ``fmt`` is the page's docs system (default: chosen by the file's suffix). With
    ``prune`` a marker pair naming an endpoint no spec has is removed with its content.
    """
    fmt = fmt or docs_format_for(path)
    bom = BOM if text.startswith(BOM) else ""
    body = text[len(bom) :]
    pruned: list[Pruned] | None = [] if prune else None
    markers = find_markers(body, path, source, fmt, pruned)
    lines = split_lines(body)
    eol = line_ending(lines[0]) if lines else "\n"
    bare = [strip_eol(line) for line in lines]
    uses_tabs = any(m.tabs for m in markers)
    includes_used = any(m.include for m in markers)
    pending = sorted(
        fmt.insertions(bare, uses_tabs, includes_used and fmt.name == "docusaurus"),
        key=lambda i: i.index,
    )
    includes = _Includes(path, fmt, source)
    declared: set[str] = set()
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
                BlockChange(
                    number, insertion.name, _diff(path, number, insertion.name, [], new, number)
                )
            )
            result.extend(new)
            cursor = insertion.index
        result.extend(lines[cursor:end])
        cursor = end

    blocks: list[tuple[int, int, Marker | Pruned]] = [(m.line, m.end_line, m) for m in markers] + [
        (p.line, p.end_line, p) for p in pruned or ()
    ]
    cursor = 0
    for start, end, item in sorted(blocks, key=lambda b: b[0]):
        opening, closing = start - 1, end - 1
        if isinstance(item, Pruned):
            copy_until(opening)
            old_block = lines[opening : closing + 1]
            name = f"{item.endpoint}: no such endpoint, removed"
            diff = _diff(path, start, name, old_block, [], start)
            changes.append(BlockChange(start, name, diff))
            cursor = closing + 1
            continue
        copy_until(opening + 1)
        new_block = render_block(item, source, line_ending(lines[opening]), fmt, includes, declared)
        old_block = lines[opening + 1 : closing]
        if new_block != old_block:
            diff = _diff(path, item.line, item.name, old_block, new_block)
            changes.append(BlockChange(item.line, item.name, diff, item))
        result.extend(new_block)
        cursor = closing
    copy_until(len(lines))
    changes.sort(key=lambda change: change.line)
    return FileSync(
        path,
        text,
        bom + "".join(result),
        markers,
        changes,
        includes.stale,
        list(pruned or ()),
    )


class NoMarkersError(DocsInputError):
    """The paths given to sync hold no samplegen marker at all: nothing would be checked."""


def sync_paths(
    paths: Iterable[Path],
    specs: Path | None = None,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    check: bool = False,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
    formats: str | Iterable[str] | systems.SystemChoice | None = None,
    *,
    source: SampleSource | None = None,
    prune: bool = False,
) -> list[FileSync]:
    """Sync every docs page in ``paths`` (folders are searched for .md, .markdown, .mdx, .rst).

    ``formats`` names the docs system(s) to use, or is the project's
    :class:`~generator.docs.systems.SystemChoice` (:func:`docs_format_for`). ``source``
    renders the samples (default: one for ``specs``, ``templates``, ``region`` and
    ``locale``). All files are parsed and rendered before any is written, so an error
    anywhere leaves every file untouched. With ``check`` nothing is written at all. No
    marker in any of the files is an error (:class:`NoMarkersError`).
    """
    paths = list(paths)
    if isinstance(formats, systems.SystemChoice):
        choice = formats
    else:
        given = (formats,) if isinstance(formats, str) else tuple(formats or ())
        choice = systems.SystemChoice(given=given)
    files = walk(paths, docs_suffixes())
    if source is None:
        if specs is None:
            raise TypeError("sync_paths needs specs or a source")
        source = SampleSource(specs, templates, region, locale)
    results = [sync_text(read_text(p), p, source, docs_format_for(p, choice), prune) for p in files]
    if not any(r.markers or r.pruned for r in results):
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


# The docs system of a page whose format nobody configured: the one its format belongs to.
_FORMAT_SYSTEM = {
    "mkdocs": "mkdocs",
    "docusaurus": "docusaurus",
    "sphinx": "sphinx",
    "sphinx-tabs": "sphinx-tabs",
    "myst": "myst",
}


@dataclass(frozen=True)
class SiteReport:
    """What the sites of the synced pages lack (:func:`site_problems`), and the pages whose
    configured system has no site file to check."""

    problems: list[SiteProblem]
    unchecked: list[tuple[Path, str]]  # (page, system) with no site configuration found


def site_problems(
    results: Iterable[FileSync], choice: systems.SystemChoice | None = None
) -> SiteReport:
    """Read each page's site configuration (mkdocs.yml, conf.py, docusaurus.config.js) and
    report what the page's tabs, code languages or includes need and it lacks."""
    choice = choice or systems.SystemChoice()
    needs: dict[tuple[str, Path], Needs] = {}
    unchecked: list[tuple[Path, str]] = []
    for result in results:
        if not result.markers:
            continue
        fmt = docs_format_for(result.path, choice)
        named = choice.system_for(result.path)
        system = named or _FORMAT_SYSTEM.get(fmt.name)
        if system is None or system not in SITE_FILES:
            continue
        config = site_config(result.path, system)
        if config is None:
            if named is not None:
                unchecked.append((result.path, system))
            continue
        page = Needs(
            tabs=any(m.tabs for m in result.markers) and fmt.name != "markdown",
            includes=any(m.include for m in result.markers),
            infos={language(v.language).info_string for m in result.markers for v in m.variants},
            formats={fmt.name},
            pages=[result.path],
        )
        needs.setdefault((system, config), Needs()).add(page)
    problems = [p for (system, config), n in needs.items() for p in check_site(system, config, n)]
    return SiteReport(problems, unchecked)
