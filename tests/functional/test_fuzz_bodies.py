"""Fuzzed request bodies, titles and header values reach the mock unchanged in every language.

Each example builds a spec around drawn values (loaded through the real spec loader),
renders one sample from it, runs it against the mock in exact-body mode and requires
the harness's success verdict (the spec's method, URL, auth, headers and exactly the
spec's JSON body) and its invalid-key verdict. ``SAMPLEGEN_FUZZ_EXAMPLES=N`` raises the
number of examples; ``SAMPLEGEN_FUZZ_RANDOM=1`` draws fresh ones (see fuzz_support).
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.errors import TemplateError
from generator.harness.runner import FAILED, HarnessSession
from generator.render.filters.python import OPENAI_CREATE_PARAMS
from tests.functional.fuzz_support import (
    INT_BOUND,
    bodies,
    everything_for,
    floats,
    fuzz_settings,
    header_value,
    hostile_text,
    integers,
    json_values,
    make_spec,
    message_lists,
    nonempty_hostile_text,
    render_job,
    run_and_judge,
)

ENDPOINTS = ("chat-completions", "text-generation")
# The plain-HTTP sample of each language, and how many examples CI draws for it
# (fewer where every example is a compile: Go, C#, Java).
PLAIN = {
    "python-requests": 5,
    "node-fetch": 5,
    "curl-curl": 5,
    "php-curl": 5,
    "go-nethttp": 3,
    "csharp-httpclient": 3,
    "java-httpclient": 2,  # two JVM launches (success, invalid key), each compiling the source
}


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session (CA, runtimes set up once) for the module."""
    with HarnessSession() as harness:
        yield harness


def _run(session: HarnessSession, name: str, endpoint_id: str, body: Any, **spec: Any) -> None:
    with tempfile.TemporaryDirectory(prefix="samplegen-fuzz-") as tmp:
        endpoint = make_spec(Path(tmp) / "spec", endpoint_id, body, **spec)
        run_and_judge(session, render_job(Path(tmp) / "out", endpoint, name))


# -- plain HTTP samples: any JSON body ----------------------------------------------------
@pytest.mark.parametrize("name", list(PLAIN))
def test_the_everything_body_arrives_unchanged(session: HarnessSession, name: str) -> None:
    """Every hostile piece, integer edge and a 30-deep nest, in one body, per language."""
    language = name.split("-")[0]
    title = "".join(p for p in ("*/", "?>", "\n", '"""', "\\u000a", "$(x)", "中文😀") if p)
    header = "\"; $(id) `id` '${x}' #{x} {{7*7}} %s \\u0022 */ ?> </script>"
    _run(session, name, "chat-completions", everything_for(language), title=title, header=header)


def _plain_test(name: str, default: int) -> Callable[..., None]:
    language = name.split("-")[0]
    strategy = bodies(language)

    @fuzz_settings(default)
    @given(
        body=strategy,
        title=nonempty_hostile_text,
        header=header_value,
        endpoint_id=st.sampled_from(ENDPOINTS),
    )
    def test(session: HarnessSession, body: Any, title: str, header: str, endpoint_id: str) -> None:
        _run(session, name, endpoint_id, body, title=title, header=header)

    test.__name__ = test.__qualname__ = f"test_fuzzed_body_{name.replace('-', '_')}"
    test.__doc__ = f"Drawn bodies, titles and header values through the {name} sample."
    return test


test_fuzzed_body_python_requests = _plain_test("python-requests", PLAIN["python-requests"])
test_fuzzed_body_node_fetch = _plain_test("node-fetch", PLAIN["node-fetch"])
test_fuzzed_body_curl_curl = _plain_test("curl-curl", PLAIN["curl-curl"])
test_fuzzed_body_php_curl = _plain_test("php-curl", PLAIN["php-curl"])
test_fuzzed_body_go_nethttp = _plain_test("go-nethttp", PLAIN["go-nethttp"])
test_fuzzed_body_csharp_httpclient = _plain_test("csharp-httpclient", PLAIN["csharp-httpclient"])
test_fuzzed_body_java_httpclient = _plain_test("java-httpclient", PLAIN["java-httpclient"])


# -- SDK samples: bodies in the shape their SDK call takes --------------------------------
_RESERVED = OPENAI_CREATE_PARAMS | {"model", "messages"}
_extra_key = hostile_text.filter(lambda k: k not in _RESERVED)


def _java_scalars() -> st.SearchStrategy[Any]:
    # java_value: strings, booleans, ints within a long, finite doubles (no null, no containers)
    return st.one_of(
        st.booleans(),
        integers(2**63 - 1),
        floats(),
        hostile_text,
    )


def openai_bodies(language: str) -> st.SearchStrategy[dict[str, Any]]:
    """Chat bodies: a drawn model, 1-3 hostile messages and extra (non-SDK) fields."""
    extras = _java_scalars() if language == "java" else json_values(language)
    return st.builds(
        lambda model, messages, extra: {"model": model, "messages": messages, **extra},
        nonempty_hostile_text,
        message_lists(("system", "user", "assistant", "developer")),
        st.dictionaries(_extra_key, extras, max_size=4),
    )


def dashscope_bodies() -> st.SearchStrategy[dict[str, Any]]:
    """Text-generation bodies: a drawn model and 1-3 hostile messages."""
    return st.builds(
        lambda model, messages: {
            "model": model,
            "input": {"messages": messages},
            "parameters": {"result_format": "message"},
        },
        nonempty_hostile_text,
        message_lists(("system", "user", "assistant")),
    )


SDK = {
    "python-openai": ("chat-completions", openai_bodies("python"), 2),
    "node-openai": ("chat-completions", openai_bodies("node"), 5),
    "java-openai": ("chat-completions", openai_bodies("java"), 2),
    "python-dashscope": ("text-generation", dashscope_bodies(), 3),
    "java-dashscope": ("text-generation", dashscope_bodies(), 2),
}


def _sdk_test(name: str) -> Callable[..., None]:
    endpoint_id, strategy, default = SDK[name]
    headers = header_value

    @fuzz_settings(default)
    @given(body=strategy, title=nonempty_hostile_text, header=headers)
    def test(session: HarnessSession, body: Any, title: str, header: str | None) -> None:
        _run(session, name, endpoint_id, body, title=title, header=header)

    test.__name__ = test.__qualname__ = f"test_fuzzed_body_{name.replace('-', '_')}"
    test.__doc__ = f"Drawn messages, model names and extra fields through the {name} sample."
    return test


test_fuzzed_body_python_openai = _sdk_test("python-openai")
test_fuzzed_body_node_openai = _sdk_test("node-openai")
test_fuzzed_body_java_openai = _sdk_test("java-openai")
test_fuzzed_body_python_dashscope = _sdk_test("python-dashscope")
test_fuzzed_body_java_dashscope = _sdk_test("java-dashscope")


def test_node_openai_sends_the_extra_headers(session: HarnessSession) -> None:
    """The spec's extra headers must reach the API from the Node.js OpenAI sample too."""
    body = {"model": "qwen-plus", "messages": [{"role": "user", "content": "hi"}]}
    _run(session, "node-openai", "chat-completions", body, header="x-value")


# -- the checks can fail, and what a language cannot hold is refused ----------------------
def test_a_sample_sending_a_different_body_fails(session: HarnessSession, tmp_path: Path) -> None:
    """The success verdict really compares bodies: one changed character fails it."""
    sent = {"text": "a\"b'c`$(d)"}
    expected = {"text": "a\"b'c`$(e)"}
    sent_spec = make_spec(tmp_path / "a", "chat-completions", sent)
    job = render_job(tmp_path / "out", sent_spec, "curl-curl")
    judged = make_spec(tmp_path / "b", "chat-completions", expected)
    results = session.run_sample(type(job)(judged, job.variant, job.path))
    if all(r.status == "skipped" for r in results):
        pytest.skip(f"curl not run: {results[0].message}")
    success = results[0]
    assert success.case == "success"
    assert success.status == FAILED
    assert 'body.text: saw "a\\"b\'c`$(d)", spec says "a\\"b\'c`$(e)"' in success.message


REFUSED = [
    ("node-fetch", {"n": 2**53}, "beyond Number.MAX_SAFE_INTEGER"),
    ("node-fetch", {"n": -(2**53)}, "beyond Number.MAX_SAFE_INTEGER"),
    ("node-fetch", {"n": -0.0}, "-0.0 would be sent as 0"),
    ("node-openai", {"model": "m", "messages": [], "n2": 2**60}, "Number.MAX_SAFE_INTEGER"),
    ("php-curl", {"n": 2**63}, "does not fit a PHP int"),
    ("php-curl", {"n": -(2**63) - 1}, "does not fit a PHP int"),
]


@pytest.mark.parametrize(("name", "body", "message"), REFUSED)
def test_values_a_language_cannot_hold_are_refused_clearly(
    tmp_path: Path, name: str, body: Any, message: str
) -> None:
    """Never a silently different value: rendering stops with the filter's reason."""
    endpoint = make_spec(tmp_path / "spec", "chat-completions", copy.deepcopy(body))
    with pytest.raises(TemplateError, match="ValueError") as err:
        render_job(tmp_path / "out", endpoint, name)
    assert message in str(err.value)


# Values java-openai once refused and now renders: big integers (BigInteger), objects
# (Map.of) and null inside containers.
JAVA_OPENAI_HOLDS = [
    {"model": "m", "messages": [], "big": 2**63},
    {"model": "m", "messages": [], "obj": {"a": 1}},
    {"model": "m", "messages": [], "nil": None},
]


@pytest.mark.parametrize("body", JAVA_OPENAI_HOLDS)
def test_values_java_openai_now_holds_do_render(tmp_path: Path, body: Any) -> None:
    """Big integers, objects and nulls in the body no longer stop the java-openai sample."""
    endpoint = make_spec(tmp_path / "spec", "chat-completions", copy.deepcopy(body))
    assert render_job(tmp_path / "out", endpoint, "java-openai").path.is_file()


@pytest.mark.parametrize("name", list(PLAIN))
def test_the_edges_each_language_accepts_do_render(tmp_path: Path, name: str) -> None:
    """The other side of the refusals: the largest values a filter claims to carry render."""
    language = name.split("-")[0]
    bound = INT_BOUND.get(language, 2**200)
    body = {"max": bound, "min": -bound, "float": 1.7976931348623157e308, "tiny": 5e-324}
    endpoint = make_spec(tmp_path / "spec", "chat-completions", body)
    assert render_job(tmp_path / "out", endpoint, name).path.is_file()


def test_node_sends_large_floats_as_javascript_prints_them(session: HarnessSession) -> None:
    """Doubles in [2**53, 1e21) go out as plain digits (see prints_as_inexact_integer)."""
    _run(session, "node-fetch", "chat-completions", {"f": 2.022432196881043e16})
