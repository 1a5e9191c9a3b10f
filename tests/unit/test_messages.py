"""Spec errors say what is wanted, in words: no regular expression, no Python value, no
validator jargon; and the README's own "Describe your own endpoint" spec loads and renders."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.output.pipeline import generate
from generator.sources import load_spec
from generator.sources.messages import PATTERN_WORDS, describe
from generator.sources.spec_data import spec_schema
from tests.conftest import ROOT

README = ROOT / "README.md"
JARGON = re.compile(
    r"is not of type|does not match|is a required property|is not valid under|"
    r"\bNone\b|\bTrue\b|\bFalse\b|'[^']*'|\\\\|\^\[|\]\*\$|\{'|\['"
)


def _patterns(node: Any, found: set[str]) -> set[str]:
    """The schema's patterns that have no words of their own (an ``x-expected`` beside)."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str) and not node.get("x-expected"):
            found.add(node["pattern"])
        for value in node.values():
            _patterns(value, found)
    elif isinstance(node, list):
        for value in node:
            _patterns(value, found)
    return found


def test_every_pattern_of_the_spec_schema_has_words() -> None:
    missing = _patterns(spec_schema(), set()) - set(PATTERN_WORDS)
    assert not missing, f"add the words of these patterns to PATTERN_WORDS: {sorted(missing)}"


# Any JSON value at all, put in the place of each key of a valid spec.
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)
_VALID = {
    "id": "a",
    "title": "A",
    "regions": {"intl": {"base_url": "https://api.example.com"}},
    "method": "GET",
    "path": "/a",
    "auth": {"type": "bearer", "env": "A_KEY"},
    "headers": {"X-A": "b"},
    "response": {"status": 200, "reply_path": ["a"], "example": {"a": 1}},
    "errors": [{"status": 401, "when": "invalid_api_key", "body": {}}],
}
_PLACES = [
    ("id",),
    ("title",),
    ("style",),
    ("regions",),
    ("regions", "intl", "base_url"),
    ("method",),
    ("path",),
    ("auth",),
    ("auth", "env"),
    ("auth", "type"),
    ("headers",),
    ("headers", "X-A"),
    ("response", "status"),
    ("response", "reply_path"),
    ("response", "format"),
    ("errors",),
    ("errors", 0, "when"),
    ("translations",),
    ("parameters",),
]


@settings(max_examples=300, deadline=None)
@given(place=st.sampled_from(_PLACES), value=_JSON)
def test_schema_errors_never_show_a_regex_a_python_value_or_validator_jargon(
    place: tuple[str | int, ...], value: Any
) -> None:
    data = json.loads(json.dumps(_VALID))
    node = data
    for part in place[:-1]:
        node = node[part]
    node[place[-1]] = value
    validator = jsonschema.Draft202012Validator(spec_schema())
    for error in validator.iter_errors(data):
        text = describe(error)
        # The writer's own texts, shown in double quotes, may hold anything: blank them out.
        text = re.sub(r'"(?:[^"\\]|\\.)*"', '"..."', text)
        assert not JARGON.search(text), text
        assert not any(p in text for p in PATTERN_WORDS), text


def _readme_spec() -> str:
    text = README.read_text("utf-8")
    section = text[
        text.index("### Describe your own endpoint") : text.index("## Adding a language")
    ]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.DOTALL)
    return "".join(textwrap.dedent(block) for block in blocks)


def test_the_readmes_own_endpoint_spec_loads_and_renders_in_every_language(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "acme-widget-get.yaml").write_text(_readme_spec(), "utf-8")
    endpoint = load_spec(specs / "acme-widget-get.yaml")
    assert (endpoint.id, endpoint.default_region) == ("acme-widget-get", "prod")
    report = generate(specs, tmp_path / "out")
    languages = {rel.split("/")[1] for rel in report.written if rel.startswith("acme-widget-get/")}
    assert languages == {"python", "node", "curl", "php", "csharp", "go", "java"}


@pytest.mark.parametrize(
    ("value", "what"),
    [("a\r\nX-Injected: 1", "a line break (CR or LF)"), ("a\nb", "a line break"), ("a\0b", "NUL")],
)
def test_no_header_value_a_client_cannot_send_is_accepted(
    tmp_path: Path, value: str, what: str
) -> None:
    spec = json.loads(json.dumps(_VALID))
    spec["headers"] = {"X-A": value}
    path = tmp_path / "a.yaml"
    text = json.dumps(spec, indent=1)  # JSON is YAML
    path.write_text(text, "utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert caught.value.message.startswith("headers.X-A: ")
    assert what in caught.value.message
    assert (
        caught.value.line
        == text.splitlines().index(next(x for x in text.splitlines() if '"X-A"' in x)) + 1
    )
