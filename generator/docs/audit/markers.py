"""The page markers the audit reads: sync-marked blocks (samplegen owns their content) and
``audit-ignore`` markers that silence rules on the next code block (docs/audit.md)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.docs.audit.rules import RULE_IDS
from generator.docs.errors import MarkerError
from generator.render.registry import LANGUAGES, VARIANTS

if TYPE_CHECKING:
    from generator.docs.audit.findings import Finding

# Sync markers in every docs system's syntax (generator/docs/sync/formats/): Markdown's HTML
# comments, MDX's JSX comments, reST comments; and the audit's own ignore markers.
SYNC_OPEN = re.compile(
    r"^[ \t]*(?:<!--[ \t]*samplegen:(?P<args>.*?)-->|\{/\*[ \t]*samplegen:(?P<jsx>.*?)\*/\}"
    r"|\.\.[ \t]+samplegen:(?P<rst>.*?))[ \t]*$"
)
SYNC_CLOSE = re.compile(
    r"^[ \t]*(?:<!--[ \t]*/samplegen[ \t]*-->|\{/\*[ \t]*/samplegen[ \t]*\*/\}"
    r"|\.\.[ \t]+/samplegen)[ \t]*$"
)
# Not "samplegen-...": sync reserves every comment that starts with "samplegen" for its markers.
IGNORE = re.compile(
    r"<!--[ \t]*(?P<scope>audit-ignore-file|audit-ignore):[ \t]*(?P<rules>[\w\s,*-]+?)"
    r"[ \t]*(?:--[^>]*)?-->"
)


def marker_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """1-based (open, close) lines of the sync-marked blocks: samplegen owns their content."""
    return [(r.open, r.close) for r in sync_regions(lines)]


@dataclass(frozen=True)
class SyncRegion:
    """A sync-marked region: 1-based lines of its markers, and what the opening one names."""

    open: int
    close: int
    endpoint: str  # the endpoint id
    sample: str  # a variant name (python-openai), a language key (curl) or ``tabs``
    languages: tuple[str, ...] | None  # a tabs marker's languages=KEY,KEY, if given

    def holds(self, line: int) -> bool:
        """Whether page line ``line`` lies between the two markers."""
        return self.open < line < self.close


def sync_regions(lines: list[str]) -> list[SyncRegion]:
    """The sync-marked regions of a page with what their markers name (``samplegen sync``'s
    syntax: ``<!-- samplegen: ENDPOINT SAMPLE|tabs [languages=KEY,KEY] [region=KEY] -->``)."""
    regions: list[SyncRegion] = []
    opened: tuple[int, list[str]] | None = None
    for number, line in enumerate(lines, 1):
        if match := SYNC_OPEN.match(line):
            args = match["args"] if match["args"] is not None else match["jsx"] or match["rst"]
            opened = (number, (args or "").split())
        elif SYNC_CLOSE.match(line) and opened is not None:
            start, words = opened
            options = dict(w.split("=", 1) for w in words[2:] if "=" in w)
            wanted = options.get("languages")
            regions.append(
                SyncRegion(
                    start,
                    number,
                    words[0] if words else "",
                    words[1] if len(words) > 1 else "",
                    tuple(wanted.split(",")) if wanted else None,
                )
            )
            opened = None
    return regions


def _hint(word: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean {close[0]}?" if close else ""


def check_markers(path: Path, text: str, lines: list[str], endpoint_ids: Collection[str]) -> None:
    """Markers that name nothing real are errors, not silence: an ``audit-ignore`` rule that
    does not exist, a sync marker's unknown endpoint or sample (:class:`MarkerError`).

    Only markers that are markup count: one shown in a code block or in inline code (a page
    about markers) is text.
    """
    from generator.docs.sync.formats import docs_format_for

    markup = {index + 1 for index in docs_format_for(path).candidate_lines(text)}
    for number, line in enumerate(lines, 1):
        match = IGNORE.search(line)
        if not match or number not in markup or line[: match.start()].endswith("`"):
            continue
        for name in re.split(r"[\s,]+", match["rules"].strip()):
            if name and name != "all" and name not in RULE_IDS:
                raise MarkerError(
                    f'{match["scope"]} names an unknown rule "{name}"{_hint(name, RULE_IDS)} '
                    "(rules: samplegen guide audit; all silences every rule)",
                    path,
                    number,
                )
    samples = {"tabs", *(v.name for v in VARIANTS), *(lang.key for lang in LANGUAGES)}
    for region in sync_regions(lines):
        if region.open not in markup:
            continue
        if region.endpoint not in endpoint_ids:
            raise MarkerError(
                f'samplegen marker names an unknown endpoint "{region.endpoint}"'
                f"{_hint(region.endpoint, endpoint_ids)}",
                path,
                region.open,
            )
        if region.sample not in samples:
            raise MarkerError(
                f'samplegen marker names an unknown sample "{region.sample}"'
                f"{_hint(region.sample, samples)} (a variant such as python-openai, a "
                "language key, or tabs)",
                path,
                region.open,
            )


def ignore_markers(lines: list[str]) -> tuple[list[tuple[int, set[str]]], set[str]]:
    """``<!-- audit-ignore: RULE[, RULE] -->`` markers (1-based line, rules) and the rules a
    page-wide ``<!-- audit-ignore-file: RULE -->`` silences; ``all`` silences every rule.

    A marker silences the findings of the first code block after it (a sentence's finding
    belongs to the block that follows it); text after ``--`` is a comment (the reason).
    """
    markers: list[tuple[int, set[str]]] = []
    page: set[str] = set()
    for number, line in enumerate(lines, 1):
        match = IGNORE.search(line)
        if not match:
            continue
        names = {n for n in re.split(r"[\s,]+", match["rules"].strip()) if n}
        if match["scope"] == "audit-ignore-file":
            page |= names
        else:
            markers.append((number, names))
    return markers, page


def silenced(
    finding: Finding,
    markers: list[tuple[int, set[str]]],
    page: set[str],
    blocks: list[int],
) -> bool:
    """Whether a page-wide marker, or a marker before the finding's block, silences it."""
    if finding.rule in page or "all" in page:
        return True
    for line, names in markers:
        if finding.rule not in names and "all" not in names:
            continue
        following = [b for b in blocks if b > line]
        if following and finding.block == following[0]:
            return True
    return False
