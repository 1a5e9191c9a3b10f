"""The audit's rules: id, what it checks, whether it needs a run (docs/audit.md explains each)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One audit rule, as the text, JSON and SARIF reports name it."""

    id: str
    summary: str
    run: bool = False  # only `audit --run` reports it


RULES: tuple[Rule, ...] = (
    Rule("host", "The API host is not one of the spec's regions."),
    Rule("path", "The URL path is not the endpoint's, or no endpoint has it."),
    Rule("method", "No endpoint with the URL's path takes the request's method."),
    Rule("auth-header", "A raw HTTP request does not send the spec's auth header or scheme."),
    Rule("api-key-env", "The sample does not read the key from the spec's environment variable."),
    Rule("body-key", "A body key is not in the request schema."),
    Rule("hardcoded-key", "An API key (or a placeholder key) is written into the code."),
    Rule("key-in-code-advice", "A comment or sentence tells readers to write the key into code."),
    Rule("missing-language", "Another endpoint on the page has a sample in a language this lacks."),
    Rule("no-sdk-claim", "A sentence says no SDK exists for a language that has one."),
    Rule("mixed-language", "Comments or messages are in another human language than the page."),
    Rule("duplicate-option", "The same option or header is set twice."),
    Rule(
        "malformed-header", "A header value is malformed (a Content-Type parameter without name)."
    ),
    Rule("missing-key-exit-zero", "With the key variable unset the block stops with exit 0."),
    Rule("outdated-idiom", "A legacy API or an unneeded construct where a better one exists."),
    Rule(
        "request-mismatch",
        "The request sent differs from the spec (host, path, method, headers, body).",
        run=True,
    ),
    Rule("build-failure", "The block does not build or run as pasted.", run=True),
    Rule("missing-dependency", "The block imports a library it does not declare.", run=True),
    Rule("error-exit-zero", "On an error answer the block exits 0.", run=True),
    Rule(
        "error-body-lost",
        "On an error answer the block does not show the API's error message.",
        run=True,
    ),
    Rule("no-output", "On success the block prints nothing the API returned.", run=True),
    Rule("success-exit-nonzero", "The block exits non-zero after a successful answer.", run=True),
    Rule(
        "missing-key-unchecked",
        "With the key variable unset the block calls the API anyway.",
        run=True,
    ),
    Rule(
        "missing-key-message",
        "With the key variable unset the block stops without naming the variable.",
        run=True,
    ),
    Rule("timeout", "The block does not finish within the time limit.", run=True),
    Rule("not-run", "The block could not be run here (a missing toolchain).", run=True),
)
RULE_IDS = tuple(rule.id for rule in RULES)


def rule(rule_id: str) -> Rule:
    """The rule ``rule_id``; an unknown id is an error that lists the valid ones."""
    for candidate in RULES:
        if candidate.id == rule_id:
            return candidate
    raise KeyError(f"unknown audit rule {rule_id!r} (rules: {', '.join(RULE_IDS)})")
