"""The rules of `samplegen audit --run`: what the runs of one pasted block show, with evidence.

A block runs three times (generator/docs/audit/run.py): with the key the mock accepts, with an
invalid key, and with the key variable unset. Each observation carries the command, the exit
status, what the mock expected and saw (the harness's mismatch lists) and the output's tail.
"""

from __future__ import annotations

import difflib
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.harness.runtime import Prepared
from generator.mock import MockConfig, RecordedRequest
from generator.model import Endpoint

TAIL_LINES = 12
SUCCESS = "success"
INVALID_KEY = "invalid key"
NO_KEY = "key unset"


@dataclass(frozen=True)
class Observation:
    """What a run showed about one block: a finding, located by a 0-based line in the block."""

    line: int
    rule: str
    severity: str
    message: str
    spec: str
    page: str
    evidence: str


@dataclass
class RunOutput:
    """One process run: its command, exit status (None: killed at the limit), output, requests."""

    command: str
    case: str
    exit_code: int | None
    stdout: str
    stderr: str
    seconds: float
    requests: list[RecordedRequest] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A code block to run: its language, text, the endpoint it calls, its line in the page."""

    language: str
    code: str
    endpoint: Endpoint
    line: int  # page line of the block's first code line


# -- evidence --------------------------------------------------------------------------


def tail(text: str, lines: int = TAIL_LINES) -> list[str]:
    """The output's first 3 and last ``lines`` lines (the first error and how it ended)."""
    kept = [
        line
        for line in text.rstrip("\n").splitlines()
        if not line.startswith(("Picked up JAVA_TOOL_OPTIONS", "Picked up _JAVA_OPTIONS"))
    ]
    if len(kept) <= lines + 3:
        return kept
    head, middle, tail = kept[:3], kept[3:-lines], kept[-lines:]
    errors = [x for x in middle if re.search(r"\b\w*(?:Error|Exception)\b|error:", x)]
    if errors and not any(re.search(r"Error|Exception|error:", x) for x in head + tail):
        head = [*head, errors[0]]
        middle = middle[1:]
    return [*head, f"... ({len(middle)} lines)", *tail]


def _expected(endpoint: Endpoint, key_note: str) -> str:
    region = endpoint.region(endpoint.default_region)
    headers = [f"{endpoint.auth.header}: {endpoint.auth.value_prefix()}<{key_note}>"]
    headers += [f"{n}: {v}" for n, v in endpoint.headers]
    body = json.dumps(endpoint.request_example, ensure_ascii=False)
    # A page's sample may send any body the request schema accepts (not only the example).
    return (
        f"mock expected: {endpoint.method} {region.base_url}{endpoint.path}\n"
        f"  headers: {'; '.join(headers)}\n"
        f"  body: one the request schema accepts, such as {body}"
    )


def _saw(ran: RunOutput) -> str:
    if not ran.requests:
        lines = ["mock saw: no request"]
    else:
        lines = [f"mock saw: {len(ran.requests)} request(s)"]
        for req in ran.requests:
            lines.append(f"  {req.summary()}")
            lines.extend(f"    - {m}" for m in req.mismatches)
    lines.extend(f"  transport: {event}" for event in ran.events)
    return "\n".join(lines)


def evidence(ran: RunOutput, endpoint: Endpoint | None, key_note: str = "key") -> str:
    """The evidence of one run: command, exit status, what the mock expected and saw, output."""
    status = f"killed after {ran.seconds:.0f}s" if ran.exit_code is None else str(ran.exit_code)
    parts = [f"run ({ran.case}): {ran.command}", f"exit status: {status}"]
    if endpoint is not None and ran.case == NO_KEY:
        parts += [f"expected: no request (stop first, naming {endpoint.auth.env})", _saw(ran)]
    elif endpoint is not None:
        parts += [_expected(endpoint, key_note), _saw(ran)]
    for name, text in (("stdout", ran.stdout), ("stderr", ran.stderr)):
        kept = tail(text)
        parts.append(f"{name} (last lines):" if kept else f"{name}: (empty)")
        parts.extend(f"  {line}" for line in kept)
    return "\n".join(parts)


def _encodings(text: str) -> set[str]:
    forms = {text.strip()}
    for ascii_only in (True, False):
        inner = json.dumps(text.strip(), ensure_ascii=ascii_only)[1:-1]
        forms.add(inner)
    return {f for f in forms if f}


def shows(output: str, text: str) -> bool:
    """Whether ``text`` appears in ``output``, raw or escaped inside JSON."""
    return any(form in output for form in _encodings(text))


# -- locating --------------------------------------------------------------------------


def line_of(code: str, *needles: str, default: int = 0) -> int:
    """The 0-based line of the first code line holding one of ``needles`` (in order)."""
    lines = code.split("\n")
    for needle in needles:
        if not needle:
            continue
        for number, text in enumerate(lines):
            if needle in text:
                return number
    return default


def _line_of_pattern(code: str, patterns: tuple[str, ...], default: int = 0) -> int:
    lines = code.split("\n")
    for pattern in patterns:
        compiled = re.compile(pattern)
        for number, text in enumerate(lines):
            if compiled.search(text):
                return number
    return default


# Where a sample throws the error body away, or decides to exit 0 anyway.
_BODY_LOST_AT = {
    "java": (r"getInputStream\(\)", r"\.body\(\)"),
    "csharp": (r"StatusCode\}", r"\bStatusCode\b", r"IsSuccessStatusCode"),
    "php": (r"curl_exec",),
    "go": (r"io\.ReadAll",),
    "python": (r"\bprint\(",),
    "node": (r"\.json\(\)", r"console\.error"),
    "curl": (r"^\s*curl\b",),
}
_EXIT_ZERO_AT = {
    "java": (r"System\.exit\(\s*0\s*\)", r"printStackTrace", r"catch\s*\("),
    "csharp": (r"Console\.WriteLine\(\s*result", r"return\s+\$\"", r"\breturn\s*;"),
    "php": (r"echo\s+\"Error", r"^\s*echo\s+\$response", r"^\s*echo\b"),
    "go": (r"fmt\.Print",),
    "python": (r"\bprint\(",),
    "node": (r"\.json\(\)", r"\.catch\(", r"console\.log"),
    "curl": (r"^\s*curl\b",),
}


def _mismatch_line(code: str, mismatch: str, req: RecordedRequest, endpoint: Endpoint) -> int:
    url_line = line_of(code, "https://", "http://")
    if mismatch.startswith("host:") and req.host:
        return line_of(code, req.host, default=url_line)
    if mismatch.startswith("path:"):
        return line_of(code, req.path, default=url_line)
    if mismatch.startswith("header "):
        name = mismatch.split(":", 1)[0].removeprefix("header ").strip()
        return line_of(code, name, name.lower(), default=url_line)
    if mismatch.startswith("method:"):
        return line_of(code, req.method, default=url_line)
    key = re.match(r"([A-Za-z_][\w]*)", mismatch)
    if key:
        return line_of(code, f'"{key.group(1)}"', f"'{key.group(1)}'", key.group(1), default=0)
    return url_line


def error_line(output: str, name: str) -> int:
    """The 0-based block line a compiler or interpreter names for ``name``, else 0."""
    stem = re.escape(name)
    patterns = (
        rf"{stem}:(\d+)",  # javac, go, node (file:///...:N)
        rf'File "[^"]*{stem}", line (\d+)',  # python
        rf"{stem}\((\d+),\d+\)",  # mcs
        r"on line (\d+)",  # php
        rf"{stem}: line (\d+)",  # bash
    )
    for pattern in patterns:
        found = re.search(pattern, output)
        if found:
            return max(int(found.group(1)) - 1, 0)
    return 0


_MISSING = (
    re.compile(r"package ([\w.]+) does not exist"),  # javac
    re.compile(r"Cannot find (?:package|module) '([^']+)'"),  # node
    re.compile(r"No module named '([\w.]+)'"),  # python
    re.compile(r"no required module provides package ([\w./-]+)"),  # go
    re.compile(r"cannot find package \"([\w./-]+)\""),  # go, GOPATH mode
)


def missing_dependency(language: str, output: str) -> str | None:
    del language
    for pattern in _MISSING:
        if found := pattern.search(output):
            return found.group(1)
    return None


class Judge:
    """Turns the runs of one block into observations (the rules of ``audit --run``)."""

    def __init__(self, block: Block, config: MockConfig, reply: str | None = None) -> None:
        """``reply`` is what a successful run must print (the mock's ``evidence``: the reply
        text, or the number it marks a vector with; "" when nothing is to be printed), by
        default the configured reply text."""
        self.block = block
        self.config = config
        self.reply = config.reply if reply is None else reply
        self.endpoint = block.endpoint
        error = block.endpoint.error("invalid_api_key")
        self.error_message = error.message if error else ""
        self.error_status = error.status if error else 401

    def all(
        self,
        preparations: list[Prepared],
        attempt: Callable[[Prepared, str | None, str], RunOutput],
    ) -> list[Observation]:
        found: list[Observation] = []
        chosen: Prepared | None = None
        for index, prepared in enumerate(preparations):
            ran = attempt(prepared, self.config.api_key, SUCCESS)
            start_failure = self._start_failure(ran, prepared, later=index + 1 < len(preparations))
            if start_failure is None:
                found.extend(self._judge_success(ran))
                chosen = prepared
                break
            found.append(start_failure)
            if start_failure.rule != "missing-dependency":
                break
        if chosen is None:
            return found
        ran = attempt(chosen, f"sk-invalid-{uuid.uuid4().hex[:16]}", INVALID_KEY)
        found.extend(self._judge_invalid_key(ran))
        ran = attempt(chosen, None, NO_KEY)
        found.extend(self._judge_missing_key(ran))
        if chosen is not preparations[0]:
            note = "(run with a stand-in for the missing dependency)"
            found = [
                o
                if o.rule == "missing-dependency"
                else Observation(
                    o.line, o.rule, o.severity, o.message, o.spec, o.page, f"{o.evidence}\n{note}"
                )
                for o in found
            ]
        return found

    def _start_failure(self, ran: RunOutput, prepared: Prepared, later: bool) -> Observation | None:
        """A block that exits non-zero before any request did not build or start."""
        if ran.requests or ran.exit_code == 0 or ran.exit_code is None:
            return None
        output = ran.stdout + "\n" + ran.stderr
        name = prepared.argv[-1] if prepared.argv else ""
        missing = missing_dependency(self.block.language, output)
        line = error_line(output, Path(name).name)
        text = evidence(ran, self.endpoint)
        if missing:
            where = line_of(self.block.code, missing, default=line)
            return Observation(
                where,
                "missing-dependency",
                "error",
                f"does not run as pasted: it imports {missing!r}, a third-party library the "
                f"command `{ran.command}` does not have",
                "only the standard library, or the SDK the page says to install",
                missing,
                text,
            )
        newer = re.search(
            r"(\S.*?) (?:is not supported in -source (\d+)|is a preview feature)", output
        )
        if newer:
            return Observation(
                line,
                "build-failure",
                "error",
                f"does not build on the JDK that runs it: {newer.group(1)} needs a newer Java",
                "code that builds on JDK 17 (the project's Java)",
                newer.group(0),
                text,
            )
        lines = [x for x in tail(ran.stderr or ran.stdout, 40) if x.strip()]
        first_error = next(
            (x for x in lines if re.search(r"error|Error|Exception", x)), lines[-1] if lines else ""
        )
        return Observation(
            line,
            "build-failure",
            "error",
            f"does not build or run as pasted: exit status {ran.exit_code} before any request",
            "a block that runs as pasted",
            first_error.strip(),
            text,
        )

    def _judge_success(self, ran: RunOutput) -> list[Observation]:
        code = self.block.code
        found: list[Observation] = []
        text = evidence(ran, self.endpoint)
        if ran.exit_code is None:
            found.append(
                Observation(
                    0,
                    "timeout",
                    "error",
                    f"did not finish within {ran.seconds:.0f}s (the run was killed)",
                    "one request, then exit",
                    "still running",
                    text,
                )
            )
        if not ran.requests:
            if ran.exit_code is not None:
                found.append(
                    Observation(
                        line_of(code, "https://"),
                        "request-mismatch",
                        "error",
                        "made no request to the API",
                        f"{self.endpoint.method} {self.endpoint.path}",
                        "no request",
                        text,
                    )
                )
            return found
        mismatches = [(m, req) for req in ran.requests for m in req.mismatches]
        # One call of the endpoint; an asynchronous task's polls come on top of it.
        calls = [r for r in ran.requests if not r.answer.startswith(("task_", "unknown_task"))]
        if len(calls) > 1:
            mismatches.append((f"sent {len(calls)} requests, spec expects 1", calls[0]))
        if mismatches:
            first, req = mismatches[0]
            # The spec's example is one valid body among many: diff against it only when the
            # body itself is what the mock refused.
            body_wrong = any(m.startswith("body") for m, _ in mismatches)
            diff = _body_diff(req, self.endpoint) if body_wrong else ""
            found.append(
                Observation(
                    _mismatch_line(code, first, req, self.endpoint),
                    "request-mismatch",
                    "error",
                    "the request differs from the spec: " + "; ".join(m for m, _ in mismatches),
                    _expected(self.endpoint, "key").removeprefix("mock expected: "),
                    req.summary(),
                    text + (f"\nbody diff (spec -> sent):\n{diff}" if diff else ""),
                )
            )
        answered_success = any(r.answer == "success" for r in ran.requests)
        if answered_success and ran.exit_code not in (0, None):
            found.append(
                Observation(
                    0,
                    "success-exit-nonzero",
                    "error",
                    f"exits {ran.exit_code} after a successful answer",
                    "exit status 0 on success",
                    f"exit status {ran.exit_code}",
                    text,
                )
            )
        if answered_success and self.reply and not shows(ran.stdout, self.reply):
            found.append(
                Observation(
                    _line_of_pattern(code, _BODY_LOST_AT.get(self.block.language, ())),
                    "no-output",
                    "error",
                    "on success it prints nothing the API returned (the reply is not on stdout)",
                    f"the reply {self.reply!r} on stdout",
                    "stdout: " + (" / ".join(tail(ran.stdout, 3)) or "(empty)"),
                    text,
                )
            )
        return found

    def _judge_invalid_key(self, ran: RunOutput) -> list[Observation]:
        code = self.block.code
        found: list[Observation] = []
        text = evidence(ran, self.endpoint, "an invalid key")
        text += f"\n  (the mock answers {self.error_status} with the invalid_api_key body)"
        if ran.exit_code is None:
            return [
                Observation(
                    0,
                    "timeout",
                    "error",
                    f"with an invalid key it did not finish within {ran.seconds:.0f}s",
                    "exit non-zero",
                    "still running",
                    text,
                )
            ]
        if not ran.requests:
            return found
        if ran.exit_code == 0:
            found.append(
                Observation(
                    _line_of_pattern(code, _EXIT_ZERO_AT.get(self.block.language, ())),
                    "error-exit-zero",
                    "error",
                    f"exits 0 after the API answered {self.error_status} (an invalid key): "
                    "scripts and CI cannot tell the call failed",
                    "a non-zero exit status on an error answer",
                    "exit status 0",
                    text,
                )
            )
        output = ran.stdout + "\n" + ran.stderr
        if self.error_message and not shows(output, self.error_message):
            found.append(
                Observation(
                    _line_of_pattern(code, _BODY_LOST_AT.get(self.block.language, ())),
                    "error-body-lost",
                    "error",
                    f"on a {self.error_status} it does not show the API's error message "
                    f"{self.error_message!r}: the error body is thrown away",
                    "print the error body (stderr) on a non-2xx status",
                    " / ".join(x.strip() for x in tail(output, 3) if x.strip()) or "(no output)",
                    text,
                )
            )
        return found

    def _judge_missing_key(self, ran: RunOutput) -> list[Observation]:
        """Without the key a sample should stop before calling the API, non-zero, naming it."""
        env = self.endpoint.auth.env
        if ran.exit_code is None:
            return []
        text = evidence(ran, self.endpoint, f"none: {env} unset")
        code = self.block.code
        env_line = line_of(code, env)
        if ran.requests:
            sent = ran.requests[0].header(self.endpoint.auth.header)
            return [
                Observation(
                    env_line,
                    "missing-key-unchecked",
                    "warning",
                    f"with {env} unset it calls the API anyway, sending "
                    f"{self.endpoint.auth.header}: {sent!r}",
                    f"stop before the request with a message naming {env}, exit non-zero",
                    f"{self.endpoint.auth.header}: {sent!r}",
                    text,
                )
            ]
        output = ran.stdout + "\n" + ran.stderr
        found = []
        if ran.exit_code == 0:
            found.append(
                Observation(
                    env_line,
                    "missing-key-exit-zero",
                    "warning",
                    f"with {env} unset it stops, but with exit status 0",
                    "a non-zero exit status",
                    "exit status 0",
                    text,
                )
            )
        if env not in output:
            said = " / ".join(x.strip() for x in tail(output, 2) if x.strip()) or "(no output)"
            others = sorted(set(re.findall(r"\b[A-Z][A-Z0-9]*_API_KEY\b", output)) - {env})
            also = (
                f" (it names {', '.join(others)}, which the sample does not use)" if others else ""
            )
            found.append(
                Observation(
                    env_line,
                    "missing-key-message",
                    "warning",
                    f"with {env} unset it stops with a message that does not name {env}{also}",
                    f"a message that says to set {env}",
                    said[:300],
                    text,
                )
            )
        return found


def _body_diff(req: RecordedRequest, endpoint: Endpoint) -> str:
    if req.json is None or req.json == endpoint.request_example:
        return ""
    old = json.dumps(endpoint.request_example, indent=2, sort_keys=True, ensure_ascii=False)
    new = json.dumps(req.json, indent=2, sort_keys=True, ensure_ascii=False)
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), "spec", "sent", lineterm="", n=1
    )
    return "\n".join(f"  {line}" for line in lines)
