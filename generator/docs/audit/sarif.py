"""`samplegen audit --format sarif`: the report as SARIF 2.1.0, for GitHub code scanning."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import __version__
from generator.docs.audit.rules import RULES

if TYPE_CHECKING:
    from generator.docs.audit.report import AuditReport

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(file: str, root: Path | None = None) -> dict[str, str]:
    """The artifact location of ``file``: relative to ``root`` (the checkout) when inside it,
    so code scanning can place it, else an absolute ``file:`` URI."""
    base = (root or Path.cwd()).resolve()
    path = Path(file).resolve()
    try:
        relative = path.relative_to(base)
    except ValueError:
        return {"uri": path.as_uri()}
    return {"uri": relative.as_posix(), "uriBaseId": "%SRCROOT%"}


def to_sarif(report: AuditReport, root: Path | None = None) -> dict[str, Any]:
    """The report as one SARIF 2.1.0 log with one run; each finding is a result on its line."""
    index = {rule.id: i for i, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": "".join(part.capitalize() for part in rule.id.split("-")),
            "shortDescription": {"text": rule.summary},
            "helpUri": "https://samplegen.invalid/docs/audit.md#" + rule.id,
            "properties": {"needsRun": rule.run},
        }
        for rule in RULES
    ]
    results = []
    for f in report.findings:
        text = f.message
        if f.spec:
            text += f"\nSpec: {f.spec}"
        if f.page:
            text += f"\nPage: {f.page}"
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVELS[f.severity],
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_uri(f.file, root),
                        "region": {"startLine": f.line},
                    }
                }
            ],
            "properties": {
                "language": f.language,
                "endpoint": f.endpoint,
                "severity": f.severity,
                "spec": f.spec,
                "page": f.page,
                "evidence": f.evidence,
            },
        }
        if f.block is not None:
            result["properties"]["block"] = f.block
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "samplegen audit",
                        "version": __version__,
                        "informationUri": "https://samplegen.invalid/docs/audit.md",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"uri": (root or Path.cwd()).resolve().as_uri() + "/"}
                },
                "artifacts": [
                    {"location": artifact_uri(file, root)} for file in dict.fromkeys(report.files)
                ],
                "results": results,
            }
        ],
    }
