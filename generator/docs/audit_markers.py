"""The page markers the audit reads: sync-marked blocks (samplegen owns their content) and
``audit-ignore`` markers that silence rules on the next code block (docs/audit.md)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.docs.audit import Finding

# Sync markers (generator/docs/sync.py's syntax) and the audit's own ignore markers.
SYNC_OPEN = re.compile(r"^[ \t]*<!--[ \t]*samplegen:.*-->[ \t]*$")
SYNC_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*/samplegen[ \t]*-->[ \t]*$")
# Not "samplegen-...": sync reserves every comment that starts with "samplegen" for its markers.
IGNORE = re.compile(
    r"<!--[ \t]*(?P<scope>audit-ignore-file|audit-ignore):[ \t]*(?P<rules>[\w\s,*-]+?)"
    r"[ \t]*(?:--[^>]*)?-->"
)


def marker_ranges(lines: list[str]) -> list[tuple[int, int]]:
    """1-based (open, close) lines of the sync-marked blocks: samplegen owns their content."""
    ranges, opened = [], None
    for number, line in enumerate(lines, 1):
        if SYNC_OPEN.match(line):
            opened = number
        elif SYNC_CLOSE.match(line) and opened is not None:
            ranges.append((opened, number))
            opened = None
    return ranges


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
