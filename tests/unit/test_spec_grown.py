"""The grown spec format (issue 18 item 4): what the model makes of each new key, and every
new rule's error in words, with the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.model import Region
from generator.render.registry import ALL_SHAPES, SHAPES, VARIANTS
from generator.sources import load_spec, load_specs
from tests.conftest import SHAPES as SHAPE_FIXTURES
from tests.conftest import SPECS

SHAPE = {e.id: e for e in load_specs(SHAPE_FIXTURES)}

BASE = """\
id: x
title: X
regions: {prod: {base_url: https://api.acme.test}}
method: @method
path: /v1/x
auth: {type: header, header: X-Api-Key, env: X_KEY}
errors: [{status: 401, when: invalid_api_key, body: {message: no}}]
response: {status: 200, reply_path: [ok], example: {ok: "yes"}}
"""


def _load(tmp_path: Path, extra: str = "", method: str = "POST", base: str = BASE) -> object:
    path = tmp_path / "x.yaml"
    path.write_text(base.replace("@method", method) + extra, "utf-8")
    return load_spec(path)


def _error(tmp_path: Path, extra: str = "", method: str = "POST", base: str = BASE) -> SpecError:
    with pytest.raises(SpecError) as caught:
        _load(tmp_path, extra, method, base)
    assert caught.value.path == tmp_path / "x.yaml"
    assert "'" not in caught.value.message  # no Python reprs
    return caught.value


def test_regions_say_their_scheme_port_and_base_path() -> None:
    staging, edge = SHAPE["localhost-staging"].regions
    assert (staging.scheme, staging.port, staging.base_path, staging.netloc) == (
        "http",
        8080,
        "/api",
        "localhost:8080",
    )
    assert (edge.scheme, edge.port, edge.base_path) == ("https", 8443, "/v2")
    plain = Region("p", "https://api.acme.test:443", "P")
    assert (plain.port, plain.netloc, plain.base_path) == (None, "api.acme.test", "")
    assert SHAPE["localhost-staging"].url("edge") == "https://edge.acme.test:8443/v2/ping"


def test_parameters_make_the_url_and_the_headers() -> None:
    styles = SHAPE["query-styles"]
    assert ("id", "3") in styles.query_pairs and ("id", "4") in styles.query_pairs
    assert ("fields", "name,price in €") in styles.query_pairs
    assert ("filter[owner]", "me & you") in styles.query_pairs
    assert "colors=red|green%2Cblue" in styles.query_string
    assert styles.resolved_path == "/v1/search/.gear.bolt%2Cm6/;coords=x,1,y,-2"
    patch = SHAPE["header-params-patch"]
    assert patch.headers == (
        ("Content-Type", "application/merge-patch+json"),
        ("X-Client", "samplegen-docs"),
        ("If-Match", '"v12"'),
        ("X-Tags", "blue,round"),
        ("X-Dims", "w=3,h=4.5"),
    )
    cookie = SHAPE["cookie-session"]
    assert cookie.auth.header == "Cookie" and cookie.auth.value_prefix() == "session="
    assert cookie.auth.suffix == "; lang=en-US; tabs=home; tabs=a%20b%3Bc"
    assert not any(name == "Cookie" for name, _ in cookie.headers)  # the key's header has them


def test_bodies_and_answers_of_every_kind() -> None:
    assert SHAPE["raw-text-echo"].body_kind == "raw"
    assert SHAPE["raw-text-echo"].raw_text.startswith("# Title\r\n")
    upload = SHAPE["raw-file-upload"]
    assert (upload.raw_file.path, upload.raw_file.example) == ("photo.png", None)
    assert upload.response_kind == "empty" and upload.response_status == 204
    assert SHAPE["form-empty"].form_pairs == ()
    assert SHAPE["form-nested"].form_pairs[:4] == (
        ("customer", "Ada & Co"),
        ("items", "apple"),
        ("items", "pear"),
        ("sizes", "1|2"),
    )
    multipart = SHAPE["multipart-json"]
    assert multipart.json_parts == (("metadata", {"tags": ["q1", "finance"], "pages": 3}),)
    assert multipart.files[0].example_bytes == b""  # an empty example is an empty file
    assert SHAPE["head-file"].response_kind == "empty" and SHAPE["head-file"].head
    assert SHAPE["redirect-302"].response_kind == "redirect"
    assert SHAPE["sse-plain-text"].streams and SHAPE["sse-plain-text"].reply_path == ()
    assert SHAPE["propfind-folder"].binary_type == "application/xml"
    assert SHAPE["basic-auth-account"].auth.envs == ("ACME_USER", "ACME_PASSWORD")


def test_the_registry_knows_every_shape_the_model_names() -> None:
    seen = set().union(*(e.shapes for e in SHAPE.values()))
    assert seen == set(SHAPES)  # the fixtures show every shape
    assert not any(e.shapes for e in load_specs(SPECS))  # the shipped specs show none
    for endpoint in SHAPE.values():
        for v in VARIANTS:
            if v.is_sdk:
                continue
            reason = v.decline_reason(endpoint)
            if v.shapes == ALL_SHAPES:  # renders every shape: every fixture
                assert reason is None, (v.name, endpoint.id, reason)
            else:
                assert reason is not None and reason.startswith("its template does not render ")


@pytest.mark.parametrize(
    ("extra", "method", "line", "says"),
    [
        ("", "CONNECT", 4, "method: CONNECT opens a tunnel"),
        ("", "get", 4, 'method: "get" is not an HTTP method in upper case'),
        ("request: {example: {a: 1}}\n", "HEAD", 9, "a HEAD request carries no body"),
        (
            "request: {content_type: text/plain, example: hi, file: {path: a.txt}}\n",
            "POST",
            9,
            "a text/plain body is either a text (request.example) or a file",
        ),
        (
            "request: {content_type: text/plain, example: {a: 1}}\n",
            "POST",
            9,
            "a text/plain body is a text, sent byte for byte",
        ),
        (
            "request: {content_type: application/x-www-form-urlencoded, example: {a: 1},"
            " encoding: {b: {style: form}}}\n",
            "POST",
            9,
            'there is no field "b" in request.example',
        ),
        (
            "request: {content_type: application/x-www-form-urlencoded,"
            " example: {a: [x, 'y,z']}, encoding: {a: {explode: false}}}\n",
            "POST",
            9,
            'the item "y,z" holds a comma',
        ),
        (
            "headers: {Content-Type: application/json}\n"
            "request: {content_type: application/merge-patch+json, example: {a: 1}}\n",
            "PATCH",
            9,
            "the body is application/merge-patch+json (request.content_type)",
        ),
        (
            "request: {example: {a: 1}, schema: {$ref: 'https://x.test/s.json'}}\n",
            "POST",
            9,
            "points outside the schema",
        ),
        ("parameters: [{name: q, in: query, example: null}]\n", "GET", 9, "cannot be null"),
        (
            "parameters: [{name: q, in: header, example: ' padded'}]\n",
            "GET",
            9,
            "cannot be empty or start or end with a blank",
        ),
        ("parameters: [{name: q, in: path, example: 1}]\n", "GET", 9, "is not in the path"),
        (
            "parameters: [{name: q, in: query, style: matrix, example: 1}]\n",
            "GET",
            9,
            "a query parameter takes form or spaceDelimited or pipeDelimited or deepObject",
        ),
        ("headers: {Host: x}\n", "GET", 9, "Host is set by each client"),
    ],
)
def test_new_rules_name_the_line_in_words(
    tmp_path: Path, extra: str, method: str, line: int, says: str
) -> None:
    err = _error(tmp_path, extra, method)
    assert says in err.message
    assert err.line == line


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        (
            'response: {status: 200, reply_path: [ok], example: {ok: "yes"}}',
            'response: {status: 302, reply_path: [ok], example: {ok: "yes"}}',
            8,
            "302 is a redirect (response.format redirect)",
        ),
        (
            'response: {status: 200, reply_path: [ok], example: {ok: "yes"}}',
            'response: {status: 204, format: json, reply_path: [ok], example: {ok: "yes"}}',
            8,
            "a 204 answer has no body",
        ),
        (
            'response: {status: 200, reply_path: [ok], example: {ok: "yes"}}',
            "response: {status: 200, format: empty, example: x}",
            8,
            "an empty answer has no body",
        ),
        (
            "auth: {type: header, header: X-Api-Key, env: X_KEY}",
            "auth: {type: basic, env: X_USER}",
            6,
            "auth.password_env: type basic needs",
        ),
        (
            "auth: {type: header, header: X-Api-Key, env: X_KEY}",
            "auth: {type: bearer, env: X_KEY, password_env: X_PW}",
            6,
            "auth.password_env: type bearer does not take it",
        ),
        (
            "regions: {prod: {base_url: https://api.acme.test}}",
            "regions: {a: {base_url: https://a.test}, b: {base_url: https://b.test}}",
            3,
            "default_region: name the region samples use by default (one of a, b)",
        ),
    ],
)
def test_answer_and_auth_rules(tmp_path: Path, old: str, new: str, line: int, says: str) -> None:
    assert old in BASE
    err = _error(tmp_path, base=BASE.replace(old, new))
    assert says in err.message
    assert err.line == line


def test_a_single_region_needs_no_default(tmp_path: Path) -> None:
    endpoint = _load(tmp_path, method="GET")
    assert endpoint.default_region == "prod"


def test_any_method_token_and_json_media_types_load(tmp_path: Path) -> None:
    endpoint = _load(
        tmp_path,
        "request: {content_type: application/vnd.acme+json, example: [1, {a: null}]}\n",
        method="PURGE",
    )
    assert endpoint.method == "PURGE" and endpoint.body_kind == "json"
    assert ("Content-Type", "application/vnd.acme+json") in endpoint.headers
    assert endpoint.shapes == {"method", "json-media-type"}
