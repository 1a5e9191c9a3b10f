"""`samplegen audit`: report where hand-written code samples disagree with the endpoint specs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.docs.audit import markers as audit_markers
from generator.docs.audit import match as audit_match
from generator.docs.audit import run as audit_run
from generator.docs.audit import static as audit_static
from generator.docs.audit.findings import SEVERITIES, Finding
from generator.docs.audit.includes import included_samples
from generator.docs.audit.match import Stray, allowed_paths, path_fits, stray_requests
from generator.docs.extract import CodeSample, find_samples
from generator.docs.files import read_text, split_lines, strip_eol, walk
from generator.docs.languages import BodyShape, CodeFacts, read_facts
from generator.model import Endpoint
from generator.render.registry import VARIANTS, Variant, language
from generator.sources import load_specs

AUDIT_SUFFIXES = (".md", ".markdown", ".mdx", ".rst", ".txt")
SCHEMA_VERSION = 2

_URL = re.compile(r"https?://[^\s\"'`<>)\\]+")
_SECRET = re.compile(r"\bsk-[A-Za-z0-9]{16,}\b")
_PLACEHOLDER = re.compile(r"[\"'`]sk-[A-Za-z0-9.]{1,15}[\"'`]")
_ENV_NAME = re.compile(r"\b[A-Z][A-Z0-9_]*(?:API_KEY|APIKEY)\b")
_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):(?!//)\s*\S")  # a "Name: value" header string
# SDK call arguments that are not body keys (DashScope's stream/headers, OpenAI's extra_*).
_SDK_CONFIG_KEYS = {
    "api_key",
    "base_url",
    "api_base",
    "workspace",
    "timeout",
    "stream",
    "headers",
    "extra_headers",
    "extra_body",
    "extra_query",
}
# A URL whose path names a media file is request data (an image part), not an API call.
_MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tiff", ".mp4", ".mov")

# Outdated idioms: (language, pattern in code, severity, problem, what to use instead).
_IDIOMS: tuple[tuple[str, re.Pattern[str], str, str, str], ...] = (
    (
        "node",
        re.compile(r"""(?:from\s+|require\(\s*)['"]node-fetch['"]"""),
        "warning",
        "node-fetch is not needed: Node.js 18+ has a global fetch()",
        "the global fetch() of Node.js 18+",
    ),
    (
        "java",
        re.compile(r"\bHttpURLConnection\b"),
        "info",
        "HttpURLConnection is the legacy HTTP API",
        "java.net.http.HttpClient (Java 11+)",
    ),
    (
        "java",
        re.compile(r"^\s*import\s+java\.lang\.\w+\s*;"),
        "info",
        "java.lang is imported implicitly: this import is redundant",
        "no import for java.lang classes",
    ),
    (
        "php",
        re.compile(r"^\s*\?>\s*$"),
        "info",
        "the closing ?> tag is not needed and risks sending stray whitespace",
        "omit the closing tag in a file that is only PHP (PSR-12)",
    ),
    (
        "csharp",
        re.compile(r"DefaultRequestHeaders\.Accept\.Add\("),
        "info",
        "adds an Accept header to the shared HttpClient on every call, so headers pile up "
        "and concurrent calls race",
        "set per-request headers on an HttpRequestMessage",
    ),
)


@dataclass
class AuditedSample:
    """A sample the audit found, and the endpoint it was matched to."""

    file: str
    line: int
    end_line: int
    language: str
    endpoint: str | None


@dataclass
class AuditReport:
    """Everything one audit found: samples, findings, and the files read."""

    files: list[str] = field(default_factory=list)
    samples: list[AuditedSample] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    silenced: int = 0  # findings an ignore marker silenced
    runs: int = 0  # samples run (audit --run)
    ran: bool = False
    # The samples themselves, their endpoint and whether they call it over raw HTTP.
    code_samples: list[tuple[CodeSample, Endpoint | None, bool]] = field(
        default_factory=list, repr=False
    )
    # The variant of samplegen's each of code_samples is (None: none of them).
    variants: list[Variant | None] = field(default_factory=list, repr=False)
    ignores: tuple[list[tuple[int, set[str]]], set[str], list[int]] = field(
        default_factory=lambda: ([], set(), []), repr=False
    )

    def counts(self) -> dict[str, int]:
        """How many findings of each severity."""
        return {sev: sum(1 for f in self.findings if f.severity == sev) for sev in SEVERITIES}

    def fails(self, fail_on: str) -> bool:
        """Whether a finding is at least as severe as ``fail_on`` (``never`` never fails)."""
        if fail_on == "never":
            return False
        worst = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) <= worst for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON data; its shape is generator/docs/audit/audit.schema.json."""
        return {
            "version": SCHEMA_VERSION,
            "files": self.files,
            "samples": [asdict(s) for s in self.samples],
            "findings": [asdict(f) for f in self.findings],
            "summary": self.counts(),
            "silenced": self.silenced,
            "run": self.ran,
        }

    def to_text(self) -> str:
        """The report for people: one block per finding, then a summary line."""
        out = []
        for f in self.findings:
            where = language(f.language).label + (f" ({f.endpoint})" if f.endpoint else "")
            out.append(f"{f.file}:{f.line}: {f.severity}: [{f.rule}] {where}: {f.message}\n")
            if f.spec:
                out.append(f"    spec: {f.spec}\n".replace("\n", "\n          ").rstrip(" "))
            out.append(f"    page: {f.page}\n")
            if f.evidence:
                out.append("    evidence:\n")
                out.extend(f"      {line}\n" for line in f.evidence.splitlines())
        counts = self.counts()
        summary = ", ".join(f"{n} {sev}(s)" for sev, n in counts.items())
        ran = f", {self.runs} run" if self.ran else ""
        silenced = f"; {self.silenced} silenced by ignore markers" if self.silenced else ""
        out.append(
            f"{len(self.samples)} sample(s) in {len(self.files)} file(s){ran}: "
            f"{summary if self.findings else 'no findings'}{silenced}\n"
        )
        return "".join(out)


@cache
def audit_schema() -> dict[str, Any]:
    """The JSON Schema of ``samplegen audit --format json`` output."""
    text = resources.files("generator.docs.audit").joinpath("audit.schema.json").read_text("utf-8")
    return json.loads(text)


def _hosts(endpoint: Endpoint) -> dict[str, str]:
    return {r.host: r.key for r in endpoint.regions}


def _urls(facts: CodeFacts) -> list[tuple[str, int]]:
    found = []
    for number, line in enumerate(facts.code_only):
        for match in _URL.finditer(line):
            found.append((match.group().rstrip(".,;'\""), number))
    return found


def _example_urls(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(_example_urls(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_example_urls(v) for v in value))
    return {value} if isinstance(value, str) and value.startswith(("http:", "https:")) else set()


def _api_like(url: str, endpoints: Iterable[Endpoint]) -> bool:
    """Whether ``url`` looks like a call to the API (not an image URL sent as data)."""
    endpoints = list(endpoints)
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.path.lower().endswith(_MEDIA_SUFFIXES) or any(
        url in _example_urls(e.request_example) for e in endpoints
    ):
        return False
    known_hosts = {h for e in endpoints for h in _hosts(e)}
    return (
        host in known_hosts
        or "dashscope" in host
        or "aliyuncs" in host
        or any(path_fits(parts.path, p) for e in endpoints for p in allowed_paths(e))
    )


def _variants_named(region: audit_markers.SyncRegion, endpoint: Endpoint) -> tuple[Variant, ...]:
    """The variants a sync marker names for ``endpoint`` (sync.py's rules, read leniently)."""
    usable = [v for v in VARIANTS if v.supports(endpoint)]
    if region.sample == "tabs":
        wanted = region.languages
        return tuple(v for v in usable if wanted is None or v.language in wanted)
    return tuple(v for v in usable if region.sample in (v.name, v.language))


def match_sample(
    sample: CodeSample,
    code: str,
    urls: list[tuple[str, int]],
    endpoints: list[Endpoint],
    regions: list[audit_markers.SyncRegion],
    page_line: int | None = None,
) -> audit_match.Match:
    """The endpoint (and variant) ``sample`` calls: its sync marker's, else by operation
    (generator/docs/audit/match.py). ``page_line`` is where the page shows it (default: its
    own line; an included file's include directive)."""
    by_id = {e.id: e for e in endpoints}
    line = sample.line if page_line is None else page_line
    for region in regions:
        if region.holds(line) and region.endpoint in by_id:
            endpoint = by_id[region.endpoint]
            named = _variants_named(region, endpoint)
            return audit_match.marked_match(sample.language, code, endpoint, named)
    return audit_match.match_block(
        sample.language, code, [u for u, _ in urls], endpoints, sample.style
    )


def _schema_keys(schema: Any) -> dict[str, Any]:
    if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
        return schema["properties"]
    return {}


def _item_schema(schema: Any) -> Any:
    if isinstance(schema, dict) and schema.get("type") == "array":
        return schema.get("items", {})
    return schema


def _all_names(schema: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names.update(value)
            names.update(_all_names(value))
    elif isinstance(schema, list):
        for item in schema:
            names.update(_all_names(item))
    return names


def _unknown_keys(
    shape: BodyShape, schema: Any, endpoint: Endpoint, prefix: str = ""
) -> list[tuple[str, int, list[str]]]:
    """Keys of ``shape`` the request schema does not describe, as (dotted path, line, the
    names the schema knows at that level)."""
    if shape.flat:
        known = _all_names(endpoint.request_schema)
        return [(k, line, sorted(known)) for k, (line, _) in shape.keys.items() if k not in known]
    properties = dict(_schema_keys(schema))
    names = sorted(properties)
    if shape.kwargs:
        # SDK calls take the body's nested objects (input, parameters) as flat keyword arguments.
        for sub in list(properties.values()):
            properties.update(_schema_keys(sub))
        names = sorted(properties)
        properties.update({key: {} for key in _SDK_CONFIG_KEYS})
    unknown: list[tuple[str, int, list[str]]] = []
    for key, (line, nested) in shape.keys.items():
        if key not in properties:
            unknown.append((prefix + key, line, names))
            continue
        sub = properties[key]
        for inner in nested:
            target = _item_schema(sub)
            if _schema_keys(target):
                unknown.extend(_unknown_keys(inner, target, endpoint, f"{prefix}{key}."))
    return unknown


def _edits(a: str, b: str) -> int:
    """The optimal string alignment distance: insertions, deletions, substitutions and
    swaps of two neighbouring letters, each one edit."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            best = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                best = min(best, rows[-2][j - 2] + 1)
            row.append(best)
        rows.append(row)
    return rows[-1][-1]


def _typo(key: str, name: str) -> bool:
    """Whether ``key`` is a slip of the pen for ``name``: one edit (two in a word of nine
    letters or more); in a short word (five letters or fewer) not a changed letter, which
    makes another word (``top_k`` is not ``top_p``), only a letter missing, added or swapped."""
    distance = _edits(key, name)
    longest = max(len(key), len(name))
    if longest >= 9:
        return distance <= 2
    if distance != 1:
        return False
    return longest >= 6 or len(key) != len(name) or sorted(key) == sorted(name)


def _did_you_mean(key: str, known: list[str]) -> str | None:
    """The known name ``key`` is a misspelling of (``temprature`` -> ``temperature``), if
    any: the same but for case and separators (``topP``, ``top-p`` -> ``top_p``), else the
    nearest one that :func:`_typo` accepts."""
    squashed = re.sub(r"[_\-]", "", key).lower()
    for name in known:
        if re.sub(r"[_\-]", "", name).lower() == squashed:
            return name
    slips = sorted((_edits(key, name), name) for name in known if _typo(key, name))
    return slips[0][1] if slips else None


class _Auditor:
    def __init__(self, endpoints: list[Endpoint]) -> None:
        self.endpoints = endpoints
        self.findings: list[Finding] = []

    def add(
        self,
        sample: CodeSample,
        line: int,
        endpoint: Endpoint | None,
        severity: str,
        rule: str,
        message: str,
        spec: str,
        page: str,
        evidence: str = "",
    ) -> None:
        self.findings.append(
            Finding(
                str(sample.path),
                sample.line + line,
                sample.language,
                endpoint.id if endpoint else None,
                severity,
                rule,
                message,
                spec,
                page,
                evidence,
                sample.line,
            )
        )

    def check(
        self,
        sample: CodeSample,
        facts: CodeFacts,
        endpoint: Endpoint | None,
        raw: bool,
        urls: list[tuple[str, int]],
        strays: list[Stray] = (),  # type: ignore[assignment]
    ) -> None:
        code = "\n".join(facts.code_only)
        for stray in strays:
            self._check_stray(sample, stray)
        if endpoint is not None:
            self._check_urls(sample, endpoint, urls, {s.url for s in strays})
            self._check_auth(sample, facts, endpoint, raw, code)
            for shape in facts.bodies:
                for key, line, known in _unknown_keys(shape, endpoint.request_schema, endpoint):
                    parent, _, leaf = key.rpartition(".")
                    meant = _did_you_mean(leaf, known)
                    meant = f"{parent}.{meant}" if meant and parent else meant
                    where = f"keys at {key.rsplit('.', 1)[0]}" if "." in key else "top-level keys"
                    self.add(
                        sample,
                        line,
                        endpoint,
                        "error" if meant else "warning",
                        "body-key",
                        f"body key {key!r} is not in the request schema"
                        + (f"; did you mean {meant!r}?" if meant else ""),
                        f"{where}: {', '.join(known)}",
                        key,
                    )
        self._check_secrets(sample, facts, endpoint)
        for lang, pattern, severity, problem, instead in _IDIOMS:
            if lang != sample.language:
                continue
            for number, line in enumerate(facts.code_only):
                if match := pattern.search(line):
                    self.add(
                        sample,
                        number,
                        endpoint,
                        severity,
                        "outdated-idiom",
                        problem,
                        instead,
                        match.group(),
                    )
                    break

    def check_static(
        self,
        sample: CodeSample,
        facts: CodeFacts,
        endpoint: Endpoint | None,
        page_lang: str | None,
    ) -> None:
        """The rules that read one sample without running it (audit_static)."""
        example = endpoint.request_example if endpoint else None
        strings = [(s.text, s.line) for s in facts.strings]
        notes: list[audit_static.Note] = []
        texts = audit_static.human_texts(sample.language, sample.code, strings, example)
        mixed = audit_static.mixed_language(page_lang, texts, sample.line)
        notes += [mixed] if mixed else []
        notes += audit_static.options_set_twice(sample.language, facts.code_only, sample.line)
        notes += audit_static.malformed_headers(facts.code_only)
        env = endpoint.auth.env if endpoint else "an environment variable"
        comments = [(line, text) for line, kind, text in texts if kind == "comment"]
        notes += audit_static.key_advice(comments, env)
        notes += audit_static.missing_key_exit(sample.language, facts.code_only)
        for note in notes:
            self.add(
                sample,
                note.line,
                endpoint,
                note.severity,
                note.rule,
                note.message,
                note.spec,
                note.page,
                note.evidence,
            )

    def check_prose(
        self,
        path: Path,
        lines: list[str],
        in_samples: set[int],
        matched: list[tuple[CodeSample, Endpoint | None]],
    ) -> None:
        """Sentences outside the samples: an SDK said not to exist (samplegen has one), and
        advice to write the key into the code. Each belongs to the sample after it."""
        prose = [line if n not in in_samples else "" for n, line in enumerate(lines)]
        samples = [s for s, _ in matched]
        for number, line in enumerate(prose):
            if audit_markers.IGNORE.search(line) or not audit_static.prose_key_advice(line):
                continue
            following = [(s, e) for s, e in matched if s.line > number + 1]
            if not following:
                continue
            sample, endpoint = following[0]
            env = endpoint.auth.env if endpoint else "an environment variable"
            self.findings.append(
                Finding(
                    str(path),
                    number + 1,
                    sample.language,
                    endpoint.id if endpoint else None,
                    "info",
                    "key-in-code-advice",
                    "the page tells readers to write the API key into the code or command, "
                    "where it ends up in files, shells' history and commits",
                    f"keep the key in {env} (set it in the shell, a .env file or a secret store)",
                    line.strip()[:160],
                    "",
                    sample.line,
                )
            )
        prose = ["" if audit_markers.IGNORE.search(line) else line for line in prose]
        for number, lang, sdk, sentence in audit_static.no_sdk_claims(prose):
            following = [s for s in samples if s.line > number + 1]
            block = following[0].line if following else None
            self.findings.append(
                Finding(
                    str(path),
                    number + 1,
                    lang,
                    None,
                    "warning",
                    "no-sdk-claim",
                    audit_static.claim_message(lang, sdk),
                    f"samplegen has {sdk} (samplegen generate; sync marker "
                    f"<!-- samplegen: ENDPOINT {sdk} -->)",
                    sentence,
                    "",
                    block,
                )
            )

    def _check_stray(self, sample: CodeSample, stray: Stray) -> None:
        """A request no endpoint answers: name the endpoint it most likely meant."""
        e = stray.closest
        parts = urlsplit(stray.url)
        base = next((r.base_url for r in e.regions if r.host == parts.hostname), None)
        base = base or e.region(e.default_region).base_url
        meant = f"{e.method} {base}{e.path}"
        if stray.path_known:
            said = "/".join(sorted(stray.methods))
            message = f"no endpoint takes {said} {parts.path}; {e.id} takes {e.method} there"
            rule = "method"
        else:
            said = "/".join(sorted(stray.methods)) or "a request"
            known = parts.hostname in {r.host for r in e.regions}
            host = "the API's host" if known else parts.hostname
            message = (
                f"no endpoint has the path {parts.path!r} ({said} to {host}); "
                f"did you mean {e.id} ({e.method} {e.path})?"
            )
            rule = "path"
        self.add(sample, stray.line, e, "error", rule, message, meant, stray.url)

    def _check_urls(
        self,
        sample: CodeSample,
        endpoint: Endpoint,
        urls: list[tuple[str, int]],
        strays: set[str] = frozenset(),  # type: ignore[assignment]
    ) -> None:
        """The host of each URL, and the path of those no stray finding speaks of."""
        hosts = _hosts(endpoint)
        expected_hosts = " or ".join(f"{h} ({k})" for h, k in hosts.items())
        for url, line in urls:
            parts = urlsplit(url)
            host = parts.hostname or ""
            if host not in hosts:
                self.add(
                    sample,
                    line,
                    endpoint,
                    "error",
                    "host",
                    f"the API host {host!r} is not one of the spec's regions",
                    expected_hosts,
                    url,
                )
            path = parts.path.rstrip("/")
            allowed = set(allowed_paths(endpoint))
            if url in strays or not path or any(audit_match.starts(path, p) for p in allowed):
                continue  # a stray request has its own finding; a base URL is no request
            if not any(path_fits(parts.path, p) for p in allowed):
                self.add(
                    sample,
                    line,
                    endpoint,
                    "error",
                    "path",
                    f"the path {path or '/'!r} is not the endpoint's",
                    " or ".join(sorted(allowed)),
                    url,
                )

    def _check_auth(
        self, sample: CodeSample, facts: CodeFacts, endpoint: Endpoint, raw: bool, code: str
    ) -> None:
        auth = endpoint.auth
        expected = f"{auth.header}: {auth.value_prefix()}${auth.env}"
        names = sorted({m.group() for m in _ENV_NAME.finditer(code)})
        if auth.env not in names:
            page = ", ".join(names) if names else "no environment variable read"
            self.add(
                sample,
                0,
                endpoint,
                "error",
                "api-key-env",
                f"the sample does not read the key from {auth.env}",
                expected,
                page,
            )
        if not raw:
            return  # an SDK sets the header itself
        has_header = re.search(rf"\b{re.escape(auth.header)}\b", code, re.IGNORECASE)
        has_scheme = not auth.scheme or re.search(rf"\b{re.escape(auth.scheme)}\b", code)
        if not (has_header and has_scheme):
            missing = auth.header if not has_header else f"the {auth.scheme} scheme"
            sent = sorted({m.group(1) for s in facts.strings if (m := _HEADER.match(s.text))})
            page = f"headers sent: {', '.join(sent)}" if sent else f"no {missing} in the code"
            self.add(
                sample,
                0,
                endpoint,
                "error",
                "auth-header",
                f"the request does not send {missing}",
                expected,
                page,
            )

    def _check_secrets(
        self, sample: CodeSample, facts: CodeFacts, endpoint: Endpoint | None
    ) -> None:
        for number, line in enumerate(facts.code_only):
            if match := _SECRET.search(line):
                shown = match.group()[:6] + "..."
                env = endpoint.auth.env if endpoint else "an environment variable"
                self.add(
                    sample,
                    number,
                    endpoint,
                    "error",
                    "hardcoded-key",
                    "an API key is written into the code",
                    f"read the key from {env}",
                    shown,
                )
            elif match := _PLACEHOLDER.search(line):
                env = endpoint.auth.env if endpoint else "an environment variable"
                self.add(
                    sample,
                    number,
                    endpoint,
                    "warning",
                    "hardcoded-key",
                    "a placeholder key is written into the code",
                    f"read the key from {env}",
                    match.group(),
                )

    def check_languages(
        self, path: Path, matched: list[tuple[CodeSample, Endpoint | None]]
    ) -> None:
        by_endpoint: dict[str, tuple[Endpoint, set[str], CodeSample]] = {}
        for sample, endpoint in matched:
            if endpoint is None:
                continue
            entry = by_endpoint.setdefault(endpoint.id, (endpoint, set(), sample))
            entry[1].add(sample.language)
        if len(by_endpoint) < 2:
            return
        # Only endpoints the page documents count; a language samplegen cannot render for an
        # endpoint is not missing from it.
        every = set().union(*(langs for _, langs, _ in by_endpoint.values()))
        for endpoint, langs, first in by_endpoint.values():
            possible = {v.language for v in VARIANTS if v.supports(endpoint)}
            for missing in sorted((every - langs) & possible):
                label = language(missing).label
                line = first.section_line or first.line
                present = ", ".join(sorted(language(k).label for k in langs))
                self.findings.append(
                    Finding(
                        str(path),
                        line,
                        missing,
                        endpoint.id,
                        "warning",
                        "missing-language",
                        f"no {label} sample for {endpoint.id}, though other endpoints on "
                        "the page have one",
                        f"a {label} sample (samplegen has one)",
                        f"samples in: {present}",
                    )
                )


def audit_text(path: Path, text: str, endpoints: list[Endpoint]) -> AuditReport:
    """Audit one page's text against ``endpoints`` (the static rules; no sample is run)."""
    auditor = _Auditor(endpoints)
    report = AuditReport(files=[str(path)])
    matched: list[tuple[CodeSample, Endpoint | None]] = []
    lines = [strip_eol(line) for line in split_lines(text.removeprefix("\ufeff"))]
    samples = [] if path.suffix.lower() == ".rst" else find_samples(path, text)
    extra = included_samples(path, text)
    own = [*samples, *(i.sample for i in extra if i.sample.path == path)]
    in_samples = {
        n for s in own for n in range(s.line - 1, s.line + s.code.rstrip("\n").count("\n"))
    }
    prose = [line for n, line in enumerate(lines) if n not in in_samples]
    page_lang = audit_static.page_language(prose)
    audit_markers.check_markers(path, text.removeprefix("\ufeff"), lines, {e.id for e in endpoints})
    regions = audit_markers.sync_regions(lines)
    entries = sorted(
        [(s, s.line) for s in samples] + [(i.sample, i.page_line) for i in extra],
        key=lambda entry: entry[1],
    )
    for sample, page_line in entries:
        facts = read_facts(sample.language, sample.code)
        urls = [(u, line) for u, line in _urls(facts) if _api_like(u, endpoints)]
        code = "\n".join(facts.code_only)
        if not urls and not any(e.auth.env in code for e in endpoints):
            continue  # an install command or an unrelated snippet, not an API sample
        found = match_sample(sample, code, urls, endpoints, regions, page_line)
        strays = stray_requests(sample.language, code, urls, endpoints)
        if found.endpoint is None and strays:
            # A request no endpoint answers: judge it as the endpoint it most likely meant.
            guess = strays[0].closest
            family = audit_match.sdk_family(sample.language, code)
            found = audit_match.Match(
                guess, family is None, audit_match.variant_of(sample.language, code, guess)
            )
        endpoint, raw = found.endpoint, found.raw
        # Page-wide rules (languages, prose) place an included file at its include.
        matched.append((replace(sample, path=path, line=page_line), endpoint))
        end = sample.line + sample.code.rstrip("\n").count("\n")
        report.samples.append(
            AuditedSample(
                str(sample.path),
                sample.line,
                end,
                sample.language,
                endpoint.id if endpoint else None,
            )
        )
        report.code_samples.append((sample, endpoint, raw))
        report.variants.append(found.variant)
        auditor.check(sample, facts, endpoint, raw, urls, strays)
        owned = any(r.open < page_line <= r.close for r in regions)
        auditor.check_static(sample, facts, endpoint, None if owned else page_lang)
    auditor.check_languages(path, matched)
    auditor.check_prose(path, lines, in_samples, matched)
    markers, page_wide = audit_markers.ignore_markers(lines)
    blocks = [s.line for s, _ in matched]
    kept = [
        f for f in auditor.findings if not audit_markers.silenced(f, markers, page_wide, blocks)
    ]
    report.silenced = len(auditor.findings) - len(kept)
    report.ignores = (markers, page_wide, blocks)
    report.findings = sorted(kept, key=lambda f: (f.file, f.line, f.rule))
    return report


def run_report(
    report: AuditReport,
    cache: Path | None = None,
    timeout: float | None = audit_run.DEFAULT_TIMEOUT,
    progress: Callable[[str], None] | None = None,
    jobs: int = 2,
) -> None:
    """Run every matched sample of ``report`` (``audit --run``) and add what the runs found."""
    todo = [(s, e) for s, e, _ in report.code_samples if e is not None]
    blocks = [audit_run.Block(s.language, s.code, e, s.line) for s, e in todo]

    def said(block: audit_run.Block) -> None:
        if progress is not None:
            progress(f"run: {block.line} {block.language} ({block.endpoint.id})")

    results = audit_run.run_blocks(blocks, cache, timeout, said, jobs)
    found = []
    for (sample, endpoint), observations in zip(todo, results, strict=True):
        for o in observations:
            found.append(
                Finding(
                    str(sample.path),
                    sample.line + o.line,
                    sample.language,
                    endpoint.id,
                    o.severity,
                    o.rule,
                    o.message,
                    o.spec,
                    o.page,
                    o.evidence,
                    sample.line,
                )
            )
    report.runs += len(blocks)
    # A static finding the run confirms is reported once (the static one is on the right line).
    static = {(f.block, f.rule) for f in report.findings}
    found = [f for f in found if (f.block, f.rule) not in static]
    markers, page_wide, lines = report.ignores
    kept = [f for f in found if not audit_markers.silenced(f, markers, page_wide, lines)]
    report.silenced += len(found) - len(kept)
    report.findings = sorted([*report.findings, *kept], key=lambda f: (f.file, f.line, f.rule))


def audit_paths(
    paths: Iterable[Path],
    specs: Path,
    run: bool = False,
    cache: Path | None = None,
    timeout: float | None = audit_run.DEFAULT_TIMEOUT,
    progress: Callable[[str], None] | None = None,
    jobs: int = 2,
) -> AuditReport:
    """Audit every page in ``paths`` (folders are walked for .md, .markdown and .txt).

    With ``run`` every matched sample is also run against the mock (``audit --run``).
    """
    endpoints = load_specs(specs)
    total = AuditReport()
    for path in walk(paths, AUDIT_SUFFIXES):
        report = audit_text(path, read_text(path), endpoints)
        if run:
            run_report(report, cache, timeout, progress, jobs)
        total.files.extend(report.files)
        total.samples.extend(report.samples)
        total.findings.extend(report.findings)
        total.code_samples.extend(report.code_samples)
        total.variants.extend(report.variants)
        total.silenced += report.silenced
        total.runs += report.runs
    total.ran = run
    return total
