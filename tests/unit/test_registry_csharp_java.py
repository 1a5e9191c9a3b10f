"""The limits of the C# and Java plain-HTTP variants: what they decline, and why.

Both render every shape of the grown spec format; each declines only the values its
language cannot send exactly, with a reason: a multipart field name that holds a %-escape
of the HTML standard's encoding of names (both), a URL that System.Uri on Mono rewrites
(C#), a header java.net.http refuses to set (Java).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import multipart
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.registry import ALL_SHAPES, _multipart_name_limits, variant
from generator.sources import load_spec

CSHARP = variant("csharp-httpclient")
JAVA = variant("java-httpclient")

SPEC = """id: widget
title: Widget
style: acme
regions: {prod: {base_url: https://api.acme.test}}
method: POST
path: /v1/widgets/{id}
auth: {type: header, header: X-Api-Key, env: ACME_KEY}
errors: [{status: 401, when: invalid_api_key, body: {message: no}}]
response: {status: 200, reply_path: [name], example: {name: w}}
"""


def load(tmp_path: Path, extra: str) -> object:
    path = tmp_path / "widget.yaml"
    path.write_text(SPEC + extra, "utf-8")
    return load_spec(path)


def test_both_render_every_shape() -> None:
    assert CSHARP.shapes == JAVA.shapes == ALL_SHAPES


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        ("..", "/v1/"),  # %2E%2E decoded, then the dot segment removed
        ("a.b", None),  # a plain dot is sent as it is
        ("abc\u202edef", "/v1/widgets/abcdef"),  # the survey's U+202E
        ("x\u200ey", "/v1/widgets/xy"),
        ("a|b c", None),  # %7C%20: quote() already encodes them
    ],
)
def test_csharp_declines_a_url_mono_rewrites(tmp_path: Path, value: str, sent: str | None) -> None:
    example = json.dumps(value)  # YAML reads JSON's escapes
    endpoint = load(tmp_path, f"parameters: [{{name: id, in: path, example: {example}}}]\n")
    reason = CSHARP.decline_reason(endpoint)
    if sent is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(f"System.Uri (Mono) would send {sent!r}")
    assert JAVA.decline_reason(endpoint) is None  # java.net.URI keeps every escape


def test_csharp_sends_a_pipe_delimited_query_as_the_server_reads_it(tmp_path: Path) -> None:
    extra = (
        "parameters:\n  - {name: id, in: path, example: 1}\n"
        "  - {name: c, in: query, style: pipeDelimited, example: [red, green]}\n"
    )
    endpoint = load(tmp_path, extra)
    assert "c=red|green" in endpoint.url()
    assert CSHARP.decline_reason(endpoint) is None  # Mono sends %7C: the same text decoded
    assert JAVA.decline_reason(endpoint) is None  # the sample's URL holds %7C


@pytest.mark.parametrize("name", ["Expect", "upgrade"])
def test_java_declines_a_header_java_net_http_refuses(tmp_path: Path, name: str) -> None:
    extra = f"parameters: [{{name: id, in: path, example: 1}}]\nheaders: {{{name}: x}}\n"
    endpoint = load(tmp_path, extra)
    assert JAVA.decline_reason(endpoint) == (
        f"java.net.http refuses to send a {name} header of the caller's"
    )
    assert CSHARP.decline_reason(endpoint) is None


def html_quote(name: str) -> str:
    """The samples' Quote: the HTML standard's multipart/form-data encoding of a name."""
    return '"' + name.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22") + '"'


def parsed_name(name: str) -> str:
    """The name a server (the mock's parser) reads from a part whose header holds
    ``html_quote(name)`` as UTF-8."""
    head = ("Content-Disposition: form-data; name=" + html_quote(name)).encode("utf-8")
    body = b"--B\r\n" + head + b"\r\n\r\nv\r\n--B--\r\n"
    (part,) = multipart.MultipartParser(io.BytesIO(body), "B", len(body), strict=True)
    return part.name


names = st.lists(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(["%", "%0", "%0D", "%0A", "%22", "%0d", '"', "\r", "\n", "\\"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(names)
def test_a_field_name_is_declined_exactly_when_the_encoding_cannot_carry_it(name: str) -> None:
    endpoint = SimpleNamespace(body_kind="multipart", request_example={name: "v"}, files=())
    reason = _multipart_name_limits(endpoint)  # type: ignore[arg-type]
    if reason is None:
        assert parsed_name(name) == name
    else:
        assert any(e in name.upper() for e in ("%0D", "%0A", "%22"))


def test_a_field_name_with_an_escape_is_declined_by_both(tmp_path: Path) -> None:
    extra = (
        "parameters: [{name: id, in: path, example: 1}]\n"
        "request: {content_type: multipart/form-data, example: {'a%0Ab': v}}\n"
    )
    endpoint = load(tmp_path, extra)
    for chosen in (CSHARP, JAVA):
        reason = chosen.decline_reason(endpoint)
        assert reason is not None and reason.startswith("the multipart field name 'a%0Ab'")
