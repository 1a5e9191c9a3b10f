"""The page markers the audit reads: sync-marked blocks (samplegen owns their content) and
``audit-ignore`` markers that silence rules on the next code block (docs/audit.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
