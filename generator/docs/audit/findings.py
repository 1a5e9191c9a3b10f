"""What the audit reports: one finding per disagreement between a page and the specs."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")  # most severe first


@dataclass(frozen=True)
class Finding:
    """One disagreement between a page and the specs."""

    file: str
    line: int
    language: str
    endpoint: str | None
    severity: str
    rule: str
    message: str
    spec: str
    page: str
    evidence: str = ""  # what proves it: the command, exit status, mock's view, output
    block: int | None = None  # page line of the code block it belongs to, if any
