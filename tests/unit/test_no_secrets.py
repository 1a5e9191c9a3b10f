"""No secrets: generated samples, templates and specs hold no API-key-like string.

The scanner looks for ``sk-`` keys, long hex or high-entropy base64 tokens inside string
literals, and ``Bearer <literal token>``. Planted keys (fixed examples, hypothesis-generated
ones, and a key smuggled in through a spec) prove it catches what it should, and
the shipped code's harmless look-alikes prove it does not cry wolf.
"""

from __future__ import annotations

import dataclasses
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import TemplateError
from generator.model import Endpoint
from generator.render.environment import DEFAULT_TEMPLATES, make_environment
from generator.render.registry import VARIANTS
from generator.render.samples import render_sample
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "output"
SPECS = ROOT / "specs"

SK_KEY = re.compile(r"(?<![A-Za-z0-9_])sk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9]{16,}")
BEARER = re.compile(r"\bBearer[ \t]+(?P<token>[A-Za-z0-9._~+/=-]{8,})")
LITERAL = re.compile(r"""(?P<q>["'`])(?P<body>(?:\\.|(?!(?P=q)).)*)(?P=q)""")
HEX_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
B64_TOKEN = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}")
MIN_B64_ENTROPY = 4.0  # bits per character; English words and URL paths stay well below


@dataclasses.dataclass(frozen=True)
class Finding:
    """One key-like string: where it is and which rule matched."""

    where: str
    line: int
    rule: str
    text: str


def entropy(text: str) -> float:
    """Shannon entropy of ``text`` in bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _looks_like_path(token: str) -> bool:
    """A URL path such as ``com/api/v1/apps/YOUR_APP_ID/completion``: short segments."""
    segments = token.split("/")
    return len(segments) > 2 and all(len(segment) < 16 for segment in segments)


def _looks_random(token: str) -> bool:
    """A base64-ish token that mixes cases and digits and has a key's entropy."""
    core = token.rstrip("=")
    if _looks_like_path(core):
        return False
    return (
        any(c.islower() for c in core)
        and any(c.isupper() for c in core)
        and any(c.isdigit() for c in core)
        and entropy(core) >= MIN_B64_ENTROPY
    )


def scan_line(line: str) -> Iterator[tuple[str, str]]:
    """Yield (rule, matched text) for every key-like string on one line."""
    for match in SK_KEY.finditer(line):
        yield "sk-key", match.group()
    for match in BEARER.finditer(line):
        token = match.group("token")
        if any(c.isdigit() for c in token) or len(token) >= 20:
            yield "bearer-literal", match.group()
    for literal in LITERAL.finditer(line):
        body = literal.group("body")
        for match in HEX_TOKEN.finditer(body):
            yield "hex-token", match.group()
        for match in B64_TOKEN.finditer(body):
            if _looks_random(match.group()):
                yield "base64-token", match.group()


def scan_text(text: str, where: str) -> list[Finding]:
    """Every key-like string in ``text``."""
    return [
        Finding(where, number, rule, found)
        for number, line in enumerate(text.splitlines(), start=1)
        for rule, found in scan_line(line)
    ]


def _rendered(endpoints: list[Endpoint]) -> Iterator[tuple[str, str]]:
    """(name, text) of every sample ``generate`` would write, rendered in memory.

    A template that is missing or does not render yet (work in progress) is skipped with
    a warning: the golden tests own that failure; this scan covers what does render.
    """
    env = make_environment(DEFAULT_TEMPLATES)
    for endpoint in endpoints:
        for variant in VARIANTS:
            if not variant.supports(endpoint):
                continue  # declined: generate renders no such sample
            try:
                text = render_sample(env, endpoint, variant)
            except TemplateError as err:
                warnings.warn(f"not scanned: {err}", stacklevel=2)
                continue
            yield f"{endpoint.id}/{variant.name}", text


# --- the scanner itself --------------------------------------------------------------------

PLANTED = [
    ('api_key = "sk-4f9c2b7e1d3a5f8c0b6e9d2a7c4f1b8e"', "sk-key"),
    ("const apiKey = 'sk-proj-AbC123dEf456GhI789jKl012';", "sk-key"),
    ("export DASHSCOPE_API_KEY=sk-0123456789abcdefXYZ", "sk-key"),
    ('--header "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" \\', "bearer-literal"),
    ('req.Header.Set("Authorization", "Bearer abcDEF123456ghiJKL")', "bearer-literal"),
    ("$key = '3f2a9c8b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a';", "hex-token"),
    ('String token = "dGhpcyBpcyBhIHNlY3JldCB0b2tlbiB2YWx1ZTEyMw==";', "base64-token"),
    ("const t = `Zx81KqP0vT3mN7bW2cY5hJ9dR4sL6gFa`;", "base64-token"),
]

HARMLESS = [
    '"Authorization": "Bearer " + api_key,',
    '--header "Authorization: Bearer ${DASHSCOPE_API_KEY}" \\',
    "headers: { Authorization: `Bearer ${apiKey}` },",
    'req.Header.Set("Authorization", "Bearer "+apiKey)',
    'request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);',
    "# Send the key as a Bearer token; never write the key into the code.",
    'URL = "https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation"',
    'URL = "https://dashscope-intl.aliyuncs.com/api/v1/apps/YOUR_APP_ID/completion"',
    '"id": "chatcmpl-0f5a8c9e-3b1d-9a7e-8d5c-2f4e6a1b3c5d",',
    'api_key = os.environ.get("DASHSCOPE_API_KEY")',
    '"content": "I am a large language model created by Alibaba Cloud. I am called Qwen.",',
    'print("Set the DASHSCOPE_API_KEY environment variable to your API key.")',
]


@pytest.mark.parametrize(("line", "rule"), PLANTED)
def test_scanner_catches_planted_key(line: str, rule: str) -> None:
    """Each kind of planted key is found, by the rule meant for it."""
    assert rule in {found_rule for found_rule, _ in scan_line(line)}


@pytest.mark.parametrize("line", HARMLESS)
def test_scanner_ignores_harmless_lines(line: str) -> None:
    """References to the key, URLs, ids and prose are not keys."""
    assert list(scan_line(line)) == []


_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@settings(max_examples=200, deadline=None)
@given(
    key=st.one_of(
        st.text(_ALNUM, min_size=16, max_size=64).map(lambda s: "sk-" + s),
        st.text("0123456789abcdef", min_size=32, max_size=64),
    ),
    quote=st.sampled_from(['"', "'", "`"]),
    variant_index=st.integers(min_value=0),
    line_index=st.integers(min_value=0),
)
def test_key_planted_in_a_rendered_sample_is_found(
    shipped_samples: dict[str, str], key: str, quote: str, variant_index: int, line_index: int
) -> None:
    """A key planted as a string literal on any line of any real sample is caught there."""
    names = sorted(shipped_samples)
    name = names[variant_index % len(names)]
    lines = shipped_samples[name].splitlines()
    at = line_index % (len(lines) + 1)
    lines.insert(at, f"api_key = {quote}{key}{quote}")
    findings = scan_text("\n".join(lines), name)
    assert any(f.line == at + 1 and key in f.text for f in findings), findings


def test_key_smuggled_in_through_a_spec_is_found(shipped_endpoints: list[Endpoint]) -> None:
    """A key written into a spec's request body ends up in every sample; the scan says so.

    (The body, not a header: SDK variants leave the spec's extra headers to the SDK.)
    Only endpoints with a JSON object body take part: GET/DELETE endpoints send no body
    (``request_example`` is None) and form/multipart bodies are not JSON documents.
    """
    key = "sk-" + "a1B2c3D4e5F6g7H8i9J0"
    planted = [
        dataclasses.replace(e, request_example={**e.request_example, "model": key})
        for e in shipped_endpoints
        if e.body_kind == "json" and isinstance(e.request_example, dict)
    ]
    assert planted, "no shipped endpoint has a JSON object body to plant the key in"
    rendered = dict(_rendered(planted))
    assert rendered
    clean = [name for name, text in rendered.items() if not scan_text(text, name)]
    assert clean == [], f"samples that hide the planted key from the scanner: {clean}"


# --- the shipped product ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_endpoints() -> list[Endpoint]:
    """The endpoints of the shipped specs."""
    return load_specs(SPECS)


@pytest.fixture(scope="module")
def shipped_samples(shipped_endpoints: list[Endpoint]) -> dict[str, str]:
    """Every sample the shipped specs and present templates produce, rendered in memory."""
    samples = dict(_rendered(shipped_endpoints))
    assert samples, "no template renders: nothing was scanned"
    return samples


def test_rendered_samples_hold_no_secret(shipped_samples: dict[str, str]) -> None:
    """No sample rendered from the shipped specs contains a key-like string."""
    findings = [f for name, text in shipped_samples.items() for f in scan_text(text, name)]
    assert findings == []


def test_output_folder_holds_no_secret() -> None:
    """No file under output/ (what ships) contains a key-like string."""
    files = [p for p in OUTPUT.rglob("*") if p.is_file()] if OUTPUT.is_dir() else []
    findings = [
        f
        for path in files
        for f in scan_text(path.read_text("utf-8", "replace"), str(path.relative_to(ROOT)))
    ]
    assert findings == []


def test_templates_and_specs_hold_no_secret() -> None:
    """Neither the templates nor the specs (where a key would come from) hold one."""
    sources = [*DEFAULT_TEMPLATES.rglob("*.j2"), *SPECS.glob("*.yaml")]
    assert sources
    findings = [
        f
        for path in sources
        for f in scan_text(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    ]
    assert findings == []
