"""Bugs seen on specs no test had (issue 18, item 7), each pinned by a test."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.errors import SpecError
from generator.render.environment import make_environment
from generator.render.registry import VARIANTS, variant
from generator.render.samples import render_sample
from generator.sources import load_spec, load_specs
from tests.conftest import OUTPUT, SHAPES, SPECS

BASE = """\
id: widget
title: Widget
style: acme
regions: {prod: {base_url: https://api.acme.test}}
method: GET
path: /v1/widgets
response: {status: 200, reply_path: [name], example: {name: w}}
"""
KEYED = "auth: {type: header, header: X-Api-Key, env: ACME_KEY}\n" + (
    "errors: [{status: 401, when: invalid_api_key, body: {message: no}}]\n"
)


def _spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "widget.yaml"
    path.write_text(text, "utf-8")
    return path


def test_verify_refuses_an_unknown_region_at_once_with_generates_message(tmp_path: Path) -> None:
    generate = CliRunner().invoke(
        main, ["generate", "--specs", str(SPECS), "--out", str(tmp_path), "--region", "mars"]
    )
    started = time.monotonic()
    verify = CliRunner().invoke(
        main, ["verify", "--specs", str(SPECS), "--out", str(OUTPUT), "--region", "mars"]
    )
    assert time.monotonic() - started < 10  # no sample ran
    assert generate.exit_code == verify.exit_code == 2
    message = generate.output.strip().splitlines()[-1]
    assert message.startswith("error: ") and "has no region mars (known: intl, cn, us)" in message
    assert verify.output.strip().splitlines()[-1] == message
    assert "passed" not in verify.output  # no table


@pytest.mark.parametrize(
    ("extra", "line", "says"),
    [
        ("headers: {X-Trace: a, x-trace: b}\n", 10, "x-trace and X-Trace are the same header"),
        (
            "headers: {X-Trace: a}\nparameters: [{name: x-TRACE, in: header, example: b}]\n",
            11,
            "headers gives X-Trace already",
        ),
        (
            "parameters:\n  - {name: X-A, in: header, example: a}\n"
            "  - {name: x-a, in: header, example: b}\n",
            12,
            "a second header parameter",
        ),
        ("headers: {x-api-key: k}\n", 10, "carries the API key"),
    ],
)
def test_two_headers_that_differ_only_in_case_are_refused(
    tmp_path: Path, extra: str, line: int, says: str
) -> None:
    path = _spec(tmp_path, BASE + KEYED + extra)
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert says in caught.value.message
    assert (caught.value.path, caught.value.line) == (path, line)


def test_an_empty_form_renders_in_every_variant_that_takes_it_and_is_declined_elsewhere() -> None:
    (form,) = [e for e in load_specs(SHAPES) if e.id == "form-empty"]
    env = make_environment()
    # How each says "a form, with no fields" (verify runs them: tests/fixtures/shapes).
    empty_form = {
        "python-requests": '"Content-Type": "application/x-www-form-urlencoded"',
        "node-fetch": "new URLSearchParams([])",
        "curl-curl": "--data ''",
        "php-curl": "$form = [];",
        "go-nethttp": "form := url.Values{}",
        "csharp-httpclient": "new FormUrlEncodedContent(new KeyValuePair<string, string>[0])",
        "java-httpclient": 'String form = "";',
    }
    for v in VARIANTS:
        reason = v.decline_reason(form)
        if v.name in empty_form:
            assert reason is None
            assert empty_form[v.name] in render_sample(env, form, v)
        elif v.is_sdk:
            assert reason is not None
        else:
            assert reason == "its template does not render empty forms yet", v.name


def test_a_content_header_without_a_body_is_sent_or_declined_with_the_reason(
    tmp_path: Path,
) -> None:
    endpoint = load_spec(_spec(tmp_path, BASE + KEYED + "headers: {Content-Language: de-CH}\n"))
    env = make_environment()
    for name in ("python-requests", "node-fetch", "curl-curl", "php-curl", "go-nethttp"):
        assert variant(name).decline_reason(endpoint) is None
        assert "Content-Language" in render_sample(env, endpoint, variant(name))
    # .NET keeps content headers on HttpContent: an empty body carries it (Content-Length: 0).
    csharp = variant("csharp-httpclient")
    assert csharp.decline_reason(endpoint) is None
    text = render_sample(env, endpoint, csharp)
    assert "request.Content = new ByteArrayContent(new byte[0]);" in text
    assert 'request.Content.Headers.TryAddWithoutValidation("Content-Language", "de-CH");' in text


def test_a_sample_without_auth_says_it_needs_no_key(tmp_path: Path) -> None:
    endpoint = load_spec(_spec(tmp_path, BASE + "auth: {type: none}\nerrors: []\n"))
    env = make_environment()
    rendered = 0
    for v in VARIANTS:
        if v.decline_reason(endpoint) is not None:
            continue
        text = render_sample(env, endpoint, v)
        head = "\n".join(text.splitlines()[:6])
        assert "Reads the API key" not in text, v.name
        if v.name != "python-requests":  # its docstring is the title alone
            assert "Needs no API key." in head, v.name
        rendered += 1
    assert rendered == 7  # every plain-HTTP variant


def test_a_method_fetch_refuses_is_declined_by_node_fetch(tmp_path: Path) -> None:
    endpoint = load_spec(_spec(tmp_path, (BASE + KEYED).replace("method: GET", "method: TRACE")))
    assert variant("node-fetch").decline_reason(endpoint) == (
        "fetch() refuses the method TRACE (the Fetch standard forbids it)"
    )
    assert variant("python-requests").decline_reason(endpoint) is None
