"""`samplegen audit --fix PAGE`: migrate a page's hand-written samples to sync-marked blocks.

Every recognised sample (the audit's: a language and an endpoint) is replaced by
``<!-- samplegen: ENDPOINT VARIANT -->`` ... ``<!-- /samplegen -->`` holding the generated
sample (the variant that matches the block: its SDK, or plain HTTP), rendered by
generator/docs/sync/pages.py. A language another endpoint of the page has is added after the
endpoint's last sample. Every byte outside the replaced samples is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.docs.audit.match import variant_of
from generator.docs.audit.report import AuditReport, Finding, audit_text
from generator.docs.errors import DocsInputError
from generator.docs.extract import BOM, CodeSample, find_samples
from generator.docs.files import line_ending, read_text, split_lines, strip_eol, write_text
from generator.docs.sync.formats import DocsFormat, docs_format_for
from generator.docs.sync.pages import SampleSource, sync_text
from generator.i18n import DEFAULT_LOCALE
from generator.model import Endpoint
from generator.render.environment import DEFAULT_TEMPLATES, TemplateDirs
from generator.render.registry import VARIANTS, Variant
from generator.sources import load_specs

_PROSE_RULES = ("no-sdk-claim", "key-in-code-advice")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")


@dataclass
class FixResult:
    """What ``--fix`` did to a page: the blocks replaced or added, what it left to people."""

    path: Path
    replaced: list[tuple[int, str]] = field(default_factory=list)  # (page line, marker)
    kept: list[tuple[int, str]] = field(default_factory=list)  # (page line, why it was kept)
    added: list[tuple[int, str]] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)  # prose findings it cannot fix
    remaining: list[Finding] = field(default_factory=list)  # static findings after the fix
    locale: str = DEFAULT_LOCALE

    def messages(self) -> list[str]:
        """One line per change, then what is left to edit by hand and how to keep it synced."""
        out = [f"replaced: {self.path}:{line}: {name}" for line, name in self.replaced]
        out += [f"added: {self.path}:{line}: {name}" for line, name in self.added]
        out += [f"left as it was: {self.path}:{line}: {why}" for line, why in self.kept]
        for f in self.left:
            out.append(
                f"left for you: {self.path}:{f.line}: [{f.rule}] {f.message} (the page's text is "
                "kept as it is; edit it, then remove the audit-ignore marker --fix put below it)"
            )
        for f in self.remaining:
            out.append(f"still reported: {f.file}:{f.line}: [{f.rule}] {f.message}")
        locale = f" --locale {self.locale}" if self.locale != DEFAULT_LOCALE else ""
        out.append(
            f"{len(self.replaced)} sample(s) replaced, {len(self.added)} added in {self.path}; "
            f"keep it synced with: samplegen sync{locale} {self.path}"
        )
        return out


def variant_for(sample: CodeSample, endpoint: Endpoint) -> Variant:
    """The generated sample that matches a hand-written one: same language, SDK or plain HTTP
    (the SDK it imports: generator/docs/audit/match.py's SDK_IMPORTS)."""
    variant = variant_of(sample.language, sample.code, endpoint)
    if variant is None:
        raise ValueError(f"samplegen has no {sample.language} sample for {endpoint.id}")
    return variant


class _Leave(Exception):
    """A sample --fix leaves as it is, and why."""


def _code_lines(sample: CodeSample) -> list[str]:
    return sample.code.removesuffix("\n").split("\n") if sample.code else []


def _region(lines: list[str], sample: CodeSample) -> tuple[int, int, str]:
    """0-based first and last line of the sample as the page writes it, and its indent.

    A fenced block includes its fences; a plain-text or indented block is its code lines.
    Each page line of the region must hold the sample's code line after its indentation
    (otherwise :class:`_Leave` says where they part): --fix replaces exactly those lines.
    """
    if sample.end_note:
        raise _Leave(f"{sample.end_note}; fence the sample or fix it")
    code = _code_lines(sample)
    first = sample.line - 1
    last = first + len(code) - 1
    if not code or last >= len(lines):
        raise _Leave("the sample's lines could not be found on the page")
    before = strip_eol(lines[first - 1]) if first > 0 else ""
    opening = _FENCE.match(before)
    if opening is None and re.match(r"^[ \t>]*(`{3,}|~{3,})", before):
        raise _Leave("the sample sits in a block quote; --fix only moves top-level blocks")
    for offset, expected in enumerate(code):
        page_line = strip_eol(lines[first + offset])
        if not page_line.endswith(expected) or page_line[: len(page_line) - len(expected)].strip():
            raise _Leave(
                f"page line {first + offset + 1} does not hold the sample's code line as read"
            )
    indent = re.match(r"[ \t]*", strip_eol(lines[first]))
    if opening is None:
        return first, last, indent.group() if indent else ""
    fence = opening["fence"]
    closing = strip_eol(lines[last + 1]).strip() if last + 1 < len(lines) else ""
    if not (closing.startswith(fence[0] * len(fence)) and not closing.strip(fence[0])):
        raise _Leave("the code block has no closing fence right after its code")
    return first - 1, last + 1, opening["indent"]


def _comment_safe(text: str) -> str:
    """``text`` fit for the inside of an HTML comment (no ``--``, no ``>``)."""
    return re.sub(r"-{2,}", "-", text).replace(">", "").strip()


def _marker(
    indent: str, endpoint: Endpoint, variant: Variant, eol: str, fmt: DocsFormat | None = None
) -> list[str]:
    """A sync marker pair in the page's docs system (HTML comments in Markdown)."""
    opening = fmt.opening(f"{endpoint.id} {variant.name}") if fmt else None
    return [
        f"{indent}{opening or f'<!-- samplegen: {endpoint.id} {variant.name} -->'}{eol}",
        f"{indent}{fmt.close_marker if fmt else '<!-- /samplegen -->'}{eol}",
    ]


def fix_text(
    path: Path,
    text: str,
    endpoints: list[Endpoint],
    source: SampleSource,
    fmt: DocsFormat | None = None,
) -> tuple[str, FixResult]:
    """The page with every recognised sample sync-marked and rendered; what was done.

    ``fmt`` is the page's docs system (default: by its suffix): its markers are written.
    """
    fmt = fmt or docs_format_for(path)
    report: AuditReport = audit_text(path, text, endpoints)
    by_id = {e.id: e for e in endpoints}
    bom = BOM if text.startswith(BOM) else ""
    lines = split_lines(text[len(bom) :])
    result = FixResult(path, locale=source.locale)
    owned = _owned_lines(lines, fmt)
    # Findings in the prose before a sample: --fix may not edit prose, so they are left for
    # people, and an audit-ignore marker above the migrated block carries them.
    prose: dict[int, list[Finding]] = {}
    for f in report.findings:
        if f.block is not None and f.line < f.block and f.rule in _PROSE_RULES:
            prose.setdefault(f.block, []).append(f)
    missing = [f for f in report.findings if f.rule == "missing-language" and f.endpoint]
    last_of: dict[str, int] = {}
    plans: list[tuple[int, int, list[str]]] = []  # (first, last, replacement lines)
    for sample, endpoint, _ in report.code_samples:
        if endpoint is None or sample.line - 1 in owned:
            continue
        if sample.path != path or path.suffix.lower() == ".rst":
            continue  # an included file, or a reST directive: --fix edits Markdown text only
        try:
            first, last, indent = _region(lines, sample)
        except _Leave as why:
            result.kept.append((sample.line, str(why)))
            continue
        eol = line_ending(lines[last])
        variant = variant_for(sample, endpoint)
        new: list[str] = []
        if sample.line in prose:
            left = prose[sample.line]
            rules = ", ".join(dict.fromkeys(f.rule for f in left))
            quoted = "; ".join(_comment_safe(f.page[:60]) for f in left)
            new.append(
                f"{indent}<!-- audit-ignore: {rules} -- edit the text above ({quoted}), "
                f"then delete this marker -->{eol}"
            )
            result.left.extend(left)
        new += _marker(indent, endpoint, variant, eol, fmt)
        plans.append((first, last, new))
        result.replaced.append((sample.line, f"{endpoint.id} {variant.name}"))
        last_of[endpoint.id] = len(plans) - 1
    audited = {sample.line for sample, _, _ in report.code_samples}
    for sample in find_samples(path, text):
        if sample.end_note and sample.line not in audited and sample.line - 1 not in owned:
            result.kept.append((sample.line, f"{sample.end_note}; fence the sample or fix it"))
    result.kept.sort()
    for f in missing:
        if f.endpoint not in last_of:
            continue
        endpoint = by_id[f.endpoint]
        index = last_of[f.endpoint]
        first, last, new = plans[index]
        usable = [v for v in VARIANTS if v.language == f.language and v.supports(endpoint)]
        plain = [v for v in usable if "SDK" not in v.label] or usable
        if not plain:
            continue
        eol = line_ending(lines[last])
        indent = re.match(r"[ \t]*", new[-1]).group()  # type: ignore[union-attr]
        marker = _marker(indent, endpoint, plain[0], eol, fmt)
        plans[index] = (first, last, [*new, eol, *marker])
        result.added.append((f.line, f"{endpoint.id} {plain[0].name}"))
    out: list[str] = []
    cursor = 0
    for first, last, new in sorted(plans):
        out.extend(lines[cursor:first])
        if not lines[last].endswith(("\n", "\r")):
            new = [*new[:-1], new[-1].rstrip("\r\n")]
        out.extend(new)
        cursor = last + 1
    out.extend(lines[cursor:])
    marked = bom + "".join(out)
    synced = sync_text(marked, path, source, fmt).new
    after = audit_text(path, synced, endpoints)
    result.remaining = after.findings
    return synced, result


def _owned_lines(lines: list[str], fmt: DocsFormat) -> set[int]:
    """0-based lines of the page's sync-marked blocks (markers included)."""
    owned: set[int] = set()
    start = None
    for number, line in enumerate(lines):
        text = strip_eol(line)
        if fmt.open_pattern.match(text):
            start = number
        elif fmt.close_pattern.match(text) and start is not None:
            owned.update(range(start, number + 1))
            start = None
    return owned


def fix_page(
    path: Path,
    specs: Path,
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    locale: str = DEFAULT_LOCALE,
    fmt: DocsFormat | None = None,
    region: str | None = None,
) -> FixResult:
    """Rewrite ``path`` in place (atomically) with its samples sync-marked; what was done.

    ``fmt`` is the page's docs system (default: by its suffix), ``region`` and ``locale``
    the edition the project's site shows.
    """
    text = read_text(path)
    endpoints = load_specs(specs)
    source = SampleSource(specs, templates, region, locale)
    new, result = fix_text(path, text, endpoints, source, fmt)
    if not result.replaced and result.kept:
        line, why = result.kept[0]
        raise DocsInputError(f"nothing was changed: {why}", path, line)
    if not result.replaced:
        raise DocsInputError("no code sample that calls the API was found to fix", path)
    if new != text:
        write_text(path, new)
    return result
