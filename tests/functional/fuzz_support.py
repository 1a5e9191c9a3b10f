"""Fuzzing support: hostile JSON strategies, in-memory specs, render-and-run against the mock."""

from __future__ import annotations

import copy
import math
import os
import shutil
import warnings
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from generator.harness.runner import FAILED, PASSED, SKIPPED, HarnessSession, SampleJob
from generator.model import Endpoint
from generator.render.editions import sample_relpath
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_spec
from tests.conftest import SPECS

# -- how many examples, and how random ----------------------------------------------------
# CI: a few fixed-seed examples per language; SAMPLEGEN_FUZZ_EXAMPLES=N runs N per test,
# SAMPLEGEN_FUZZ_RANDOM=1 draws new ones each run (and shrinks a failure to a small case).
EXAMPLES = int(os.environ.get("SAMPLEGEN_FUZZ_EXAMPLES", "0") or 0)
RANDOM = os.environ.get("SAMPLEGEN_FUZZ_RANDOM", "") not in ("", "0")
STRING_EXAMPLES = max(EXAMPLES * 100, 1000)  # pure-Python string-level tests are cheap


def fuzz_settings(default: int) -> settings:
    """Hypothesis settings for tests that run samples: ``default`` examples unless overridden.

    Derandomized (a fixed seed, so CI is reproducible) unless ``SAMPLEGEN_FUZZ_RANDOM``
    is set; no shrinking then either (each shrink step reruns a sample, a compile each).
    """
    phases = [Phase.explicit, Phase.generate] + ([Phase.shrink] if RANDOM else [])
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        phases=phases,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- strategies ---------------------------------------------------------------------------
# Pieces that break naive quoting somewhere: quotes of every kind, escapes, interpolation
# openers of many languages, comment and tag enders, controls, separators, bidi, CJK,
# emoji (astral and ZWJ sequences) and right-to-left text.
HOSTILE_PIECES = (
    '"',
    "'",
    "`",
    '"""',
    "'''",
    "\\",
    "\\\\",
    "\\n",
    "\\u0022",
    "\\u000a",
    "\\x41",
    "$",
    "$HOME",
    "$(id)",
    "${x}",
    "#{x}",
    "{}",
    "{0}",
    "{{7*7}}",
    "{%",
    "%s",
    "%d",
    "%%",
    "*/",
    "/*",
    "//",
    "#",
    "--",
    "?>",
    "<?php",
    "</script>",
    "<!--",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\xa0",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200e",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffe",
    "é",
    "e\u0301",
    "中文",
    "日本語",
    "한국어",
    "😀",
    "👩\u200d👩\u200d👧",
    "🇯🇵",
    "\U0001d518",  # MATHEMATICAL FRAKTUR CAPITAL U
    "مرحبا",
    "שלום",
    " ",
)

_CHARS = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be UTF-8
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(_CHARS, max_size=4)), max_size=8
).map("".join)
"""Strings built from hostile pieces and arbitrary code points (no lone surrogates)."""

nonempty_hostile_text = hostile_text.filter(bool)

# Printable ASCII and tab: what the spec schema allows in a header value. HTTP strips
# blanks around a field value (RFC 9110, 5.5), so values that start or end with one are
# left out (the spec pattern still allows them: reported, not tested here).
_HEADER_CHARS = st.sampled_from([chr(c) for c in range(0x20, 0x7F)] + ["\t"])
header_value = st.one_of(
    st.text(_HEADER_CHARS, min_size=1, max_size=40),
    st.lists(
        st.sampled_from([p for p in HOSTILE_PIECES if p.isascii() and p.isprintable()]),
        min_size=1,
        max_size=6,
    ).map("".join),
).filter(lambda v: v == v.strip(" \t") and v != "")
"""A header value the spec schema accepts and HTTP can carry unchanged."""


def integers(bound: int | None) -> st.SearchStrategy[int]:
    """Small numbers, the edges of common integer types and (without ``bound``) huge ones."""
    edges = [0, 1, -1, 2**31 - 1, -(2**31), 2**31, 2**53 - 1, -(2**53 - 1)]
    edges += [2**53, 2**63 - 1, -(2**63), 2**63, 2**64, 10**30, -(10**40)]
    if bound is not None:
        edges = [e for e in edges if abs(e) <= bound]
        return st.one_of(st.sampled_from(edges), st.integers(-bound, bound))
    return st.one_of(st.sampled_from(edges), st.integers(), st.integers(-(2**80), 2**80))


def prints_as_inexact_integer(value: float) -> bool:
    """Whether JavaScript prints ``value`` as integer digits that differ from the double.

    Number::toString writes doubles in [1e16, 1e21) as plain digits padded with zeros
    (``2.022432196881043e16`` becomes ``20224321968810430``): the same decimal the spec
    holds and the same double, but a JSON reader with exact integers (Python's, the
    mock's) reads an int that differs from the double (``...432.0``), and the mock's
    by-value comparison calls that a different number. Reported; not drawn for Node.js.
    """
    return 2**53 <= abs(value) < 1e21 and Decimal(repr(value)) != Decimal(value)


def floats(allow_negative_zero: bool = True, javascript: bool = False) -> st.SearchStrategy[float]:
    """Finite doubles, with the awkward ones (tiny, huge, 0.1, 1.0) always in reach."""
    edges = [0.0, 1.0, -1.5, 0.1, 1e-7, 1e21, 1e300, 5e-324, 1.7976931348623157e308, 2.0**53]
    if allow_negative_zero:
        edges.append(-0.0)
    drawn = st.floats(allow_nan=False, allow_infinity=False)
    if not allow_negative_zero:
        drawn = drawn.filter(lambda f: not (f == 0 and math.copysign(1.0, f) < 0))
    if javascript:
        drawn = drawn.filter(lambda f: not prints_as_inexact_integer(f))
    return st.one_of(st.sampled_from(edges), drawn)


def json_values(language: str = "", max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Arbitrary JSON values: hostile strings and keys, numbers ``language`` can carry."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        integers(INT_BOUND.get(language)),
        floats(NEGATIVE_ZERO.get(language, True), javascript=language == "node"),
        hostile_text,
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(hostile_text, children, max_size=4),
        ),
        max_leaves=max_leaves,
    )


def nested(value: Any, depth: int) -> Any:
    """``value`` wrapped ``depth`` levels deep, alternating objects and arrays."""
    for level in range(depth):
        value = {f"level{level}": value} if level % 2 else [value]
    return value


def bodies(language: str = "") -> st.SearchStrategy[Any]:
    """A request body batching several drawn values (one compile checks them all).

    An object (drawn keys) or an array of 2-5 values, plus one value nested 10-30 deep;
    numbers as ``language`` can carry them (see :data:`INT_BOUND`).
    """
    values = json_values(language)
    deep = st.builds(nested, values, st.integers(10, 30))
    return st.one_of(
        st.tuples(st.dictionaries(hostile_text, values, min_size=2, max_size=5), deep).map(
            lambda t: {**t[0], "deep": t[1]}
        ),
        st.tuples(st.lists(values, min_size=2, max_size=5), deep).map(lambda t: [*t[0], t[1]]),
    )


# The values each language's filters claim to carry exactly (see generator/render/filters/*.py):
# node_value refuses integers beyond 2**53 - 1 and -0.0; php_value refuses integers
# outside PHP's int range. The others carry the body as JSON text or Python literals.
INT_BOUND = {"node": 2**53 - 1, "php": 2**63 - 1}
NEGATIVE_ZERO = {"node": False}

# One body that holds every hostile piece, the integer edges and a deep nest: the explicit
# first example of every body test, so CI always covers them whatever the seed draws.
EVERYTHING = {
    "pieces": list(HOSTILE_PIECES),
    "joined": "".join(HOSTILE_PIECES),
    **{f"key {p}": i for i, p in enumerate(HOSTILE_PIECES) if p.strip()},
    "numbers": [0, -1, 2**31, 2**53 - 1, -(2**53 - 1), 0.1, 1.0, 1e-7, 1e21, 1e300, 5e-324],
    "flags": [True, False, None],
    "empty": [{}, [], ""],
    "deep": nested("bottom", 30),
}


def everything_for(language: str) -> Any:
    """:data:`EVERYTHING` plus the extreme numbers ``language``'s filters accept."""
    body = copy.deepcopy(EVERYTHING)
    bound = INT_BOUND.get(language)
    body["big"] = [
        n for n in (2**63 - 1, -(2**63), 2**64, 10**30) if bound is None or abs(n) <= bound
    ]
    if NEGATIVE_ZERO.get(language, True):
        body["numbers"].append(-0.0)
    return body


def message_lists(roles: tuple[str, ...]) -> st.SearchStrategy[list[dict[str, str]]]:
    """1-3 chat messages with string contents full of hostile text."""
    message = st.fixed_dictionaries({"role": st.sampled_from(roles), "content": hostile_text})
    return st.lists(message, min_size=1, max_size=3)


# -- specs --------------------------------------------------------------------------------
@cache
def _base(endpoint_id: str) -> dict[str, Any]:
    return yaml.safe_load((SPECS / f"{endpoint_id}.yaml").read_text("utf-8"))


def strict_equal(a: Any, b: Any) -> bool:
    """JSON equality that also tells ints from floats, booleans from numbers and -0.0 from 0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return a == b


def make_spec(
    folder: Path,
    endpoint_id: str,
    body: Any,
    *,
    title: str | None = None,
    header: str | None = None,
    extra_headers: dict[str, str] | None = None,
) -> Endpoint:
    """A copy of shipped spec ``endpoint_id`` carrying ``body``, loaded the real way.

    The request schema is relaxed to ``{}`` and the model list dropped, so the mock
    accepts any body and compares it exactly (exact_body mode); ``title`` goes into the
    comments, ``header`` becomes the value of an extra ``X-Samplegen-Fuzz`` header and
    ``extra_headers`` are added as they are.
    The spec is written as YAML into ``folder`` and read back with ``load_spec``; a body
    that does not come back strictly equal fails here, before any sample runs.
    """
    data = copy.deepcopy(_base(endpoint_id))
    data["request"] = {"example": body, "schema": {}}
    data.pop("models", None)
    data.pop("model_patterns", None)  # any drawn model name is accepted
    data.pop("translations", None)
    if title is not None:
        data["title"] = title
    if header is not None:
        data["headers"] = {**data.get("headers", {}), "X-Samplegen-Fuzz": header}
    if extra_headers:
        data["headers"] = {**data.get("headers", {}), **extra_headers}
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SPECS / "_api.yaml", folder / "_api.yaml")  # what the spec inherits
    path = folder / f"{endpoint_id}.yaml"
    # ASCII-only YAML: PyYAML would write U+0085 raw, which YAML reads back as a line break.
    text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6)
    path.write_text(text, encoding="utf-8")
    endpoint = load_spec(path)
    assert strict_equal(endpoint.request_example, body), "the spec did not keep the body"
    if title is not None:
        assert endpoint.title == title, "the spec did not keep the title"
    if header is not None:
        assert dict(endpoint.headers)["X-Samplegen-Fuzz"] == header
    for name, value in (extra_headers or {}).items():
        assert dict(endpoint.headers)[name] == value, f"the spec did not keep header {name}"
    return endpoint


@cache
def environment() -> jinja2.Environment:
    """The strict Jinja environment over the shipped templates (English comments)."""
    return make_environment()


def render_job(folder: Path, endpoint: Endpoint, name: str) -> SampleJob:
    """Render ``endpoint`` as sample ``name`` (``go-nethttp``) into ``folder``; the job."""
    chosen = variant(name)
    text = render_sample(environment(), endpoint, chosen)
    path = folder / sample_relpath(endpoint, chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return SampleJob(endpoint, chosen, path)


def run_and_judge(session: HarnessSession, job: SampleJob) -> None:
    """Run ``job`` (success and invalid-key paths, every flavour); fail on any failure.

    The success verdict is the harness's: exit 0, exactly one request, the spec's
    method, host, path, auth and extra headers, and a body JSON-equal to the spec's
    example (the mock's exact_body mode). When every run was skipped (a missing
    toolchain) the test skips with the reasons; a skipped flavour beside passing ones
    (.NET next to Mono) is a warning.
    """
    results = session.run_sample(job)
    failed = [r for r in results if r.status == FAILED]
    if failed:
        pytest.fail("\n\n".join(f"{r.test_id}:\n{r.message}" for r in failed), pytrace=False)
    skipped = [r for r in results if r.status == SKIPPED]
    if not any(r.status == PASSED for r in results):
        reasons = sorted({r.message for r in skipped})
        pytest.skip(f"{job.variant.name}: not run: " + "; ".join(reasons))
    for reason in sorted({f"{r.test_id}: {r.message}" for r in skipped}):
        warnings.warn(f"skipped run: {reason}", stacklevel=2)
