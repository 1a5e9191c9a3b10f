"""The mock on the shapes of the grown spec format (tests/fixtures/shapes): it routes any
method, base path, port and scheme, parses every parameter back by its style, checks basic
and cookie auth and raw, form and multipart bodies exactly, and answers every format."""

from __future__ import annotations

import base64
import http.client
import json
import socket
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import requests

from generator.mock import IncomingRequest, Mock, MockConfig, MockServer
from generator.mock.core import REPLY_HEADER, redirect_location
from generator.mock.proxy import InterceptingProxy, TestCA
from generator.model.params import cookie_header
from generator.sources import load_specs
from tests.conftest import SHAPES

SHAPE = {e.id: e for e in load_specs(SHAPES)}
KEY = "sk-test-valid"
REPLY = "reply 7 of the mock"


def mock_for(endpoint_id: str, **config: object) -> Mock:
    config = {"api_key": KEY, "reply": REPLY, "exact_body": True, **config}
    return Mock([SHAPE[endpoint_id]], MockConfig(**config))


def send(
    mock: Mock,
    endpoint_id: str,
    *,
    method: str | None = None,
    target: str | None = None,
    headers: list[tuple[str, str]] | None = None,
    body: bytes = b"",
    key: str = KEY,
    scheme: str = "https",
    absolute: bool = False,
) -> tuple[int, bytes, list[tuple[str, str]], list[str]]:
    """Send the endpoint's own request (its URL, the key in its header) with changes."""
    endpoint = SHAPE[endpoint_id]
    url = urlsplit(endpoint.url())
    if target is None:
        target = url.path + (f"?{url.query}" if url.query else "")
    if absolute:
        target = f"{url.scheme}://{url.netloc}{target}"
    given = {n.lower() for n, _ in headers or []}  # a header given here replaces ours
    sent = [] if "host" in given else [("Host", url.netloc)]
    auth = endpoint.auth
    if auth.in_header and auth.header.lower() != "cookie":
        sent.append((auth.header, auth.value_prefix() + key))
    sent += [(n, v) for n, v in endpoint.headers if n.lower() not in given]
    sent += headers or []
    request = IncomingRequest(
        method=method or endpoint.method,
        target=target,
        headers=tuple(sent),
        body=body,
        scheme=scheme,
        connect_host=None if absolute else url.hostname,
    )
    response = mock.handle(request)
    data = response.body if isinstance(response.body, bytes) else b"".join(response.body)
    return response.status, data, response.headers, mock.requests[-1].mismatches


# -- methods, base paths, ports and schemes ----------------------------------------------------
def test_any_method_token_is_routed_and_judged() -> None:
    mock = mock_for("propfind-folder")
    body = SHAPE["propfind-folder"].raw_text.encode()
    status, data, headers, problems = send(mock, "propfind-folder", body=body)
    assert (status, problems) == (207, [])
    assert data == f"{REPLY}\n".encode()
    assert ("Content-Type", "application/xml; charset=utf-8") in headers
    status, _, _, problems = send(mock, "propfind-folder", method="PROPPATCH", body=body)
    assert status == 405 and "method: saw PROPPATCH, spec says PROPFIND" in problems


def test_a_head_answer_has_no_body_and_carries_the_reply_in_a_header() -> None:
    mock = mock_for("head-file")
    status, data, headers, problems = send(mock, "head-file")
    assert (status, data, problems) == (200, b"", [])
    assert (REPLY_HEADER, REPLY) in headers
    assert mock.evidence_all(SHAPE["head-file"]) == ["HTTP 200", REPLY]


def test_a_plain_http_base_url_with_a_port_and_a_base_path_is_routed() -> None:
    mock = mock_for("localhost-staging")
    body = json.dumps({"echo": "hi"}).encode()
    status, _, _, problems = send(
        mock, "localhost-staging", body=body, scheme="http", absolute=True
    )
    assert (status, problems) == (200, [])
    status, _, _, problems = send(mock, "localhost-staging", target="/ping", body=body)
    assert status == 404  # the base path /api is part of every request path
    staging = mock_for("localhost-staging", region="staging")
    status, _, _, problems = send(staging, "localhost-staging", body=body, scheme="https")
    assert "scheme: saw an https:// request, spec says http" in problems


def test_the_port_is_part_of_the_host() -> None:
    endpoint = SHAPE["localhost-staging"]
    assert [r.netloc for r in endpoint.regions] == ["localhost:8080", "edge.acme.test:8443"]
    mock = mock_for("localhost-staging")
    body = json.dumps({"echo": "hi"}).encode()
    _, _, _, problems = send(
        mock, "localhost-staging", body=body, headers=[("Host", "localhost:9090")]
    )
    assert "host: saw localhost:9090, spec says localhost:8080 or edge.acme.test:8443" in problems


# -- parameters -----------------------------------------------------------------------------------
def test_every_query_style_parses_back_from_the_samples_url() -> None:
    status, _, _, problems = send(mock_for("query-styles"), "query-styles")
    assert (status, problems) == (200, [])


def test_a_client_that_escapes_delimiters_differently_is_still_understood() -> None:
    url = urlsplit(SHAPE["query-styles"].url())
    query = url.query.replace("|", "%7C").replace("fields=name,", "fields=name%2C")
    status, _, _, problems = send(
        mock_for("query-styles"), "query-styles", target=f"{url.path}?{query}"
    )
    assert (status, problems) == (200, [])


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("id=3&id=4", "id=4&id=3", 'query: id saw ["4", "3"], spec says ["3", "4"]'),
        ("sizes=S%20M%20L", "sizes=S%20M", 'query: sizes saw ["S", "M"]'),
        ("filter%5Bmin_price%5D=10", "filter%5Bmin_price%5D=11", "query: filter saw"),
        ("&next=", "&x=1&next=", "query: saw ?x=1, spec has only"),
        ("tags%5B%5D=a&", "", "query: tags[] saw"),
    ],
)
def test_a_query_value_that_differs_is_named(old: str, new: str, problem: str) -> None:
    url = urlsplit(SHAPE["query-styles"].url())
    assert old in url.query
    target = f"{url.path}?{url.query.replace(old, new)}"
    status, _, _, problems = send(mock_for("query-styles"), "query-styles", target=target)
    assert status == 400
    assert any(p.startswith(problem) for p in problems), problems


def test_label_and_matrix_path_values_are_parsed_back() -> None:
    url = urlsplit(SHAPE["query-styles"].url())
    wrong = url.path.replace(";coords=x,1,y,-2", ";coords=x,1,y,-3")
    status, _, _, problems = send(
        mock_for("query-styles"), "query-styles", target=f"{wrong}?{url.query}"
    )
    assert status == 400
    assert 'path parameter coords: saw {"x": "1", "y": "-3"}' in problems[0]


def test_header_parameters_are_parsed_back_and_checked_against_their_schema() -> None:
    patch = json.dumps(SHAPE["header-params-patch"].request_example).encode()
    mock = mock_for("header-params-patch")
    status, _, _, problems = send(mock, "header-params-patch", body=patch)
    assert (status, problems) == (200, [])
    loose = mock_for("header-params-patch", exact_body=False)
    status, _, _, problems = send(
        loose, "header-params-patch", body=patch, headers=[("X-Dims", "w=x,h=4.5")]
    )
    assert status == 400
    assert any("header X-Dims: 'x' is not of type 'integer'" in p for p in problems)


# -- auth -------------------------------------------------------------------------------------
def test_a_key_in_a_cookie_and_the_cookies_beside_it() -> None:
    endpoint = SHAPE["cookie-session"]
    cookies = "session=" + KEY + endpoint.auth.suffix
    mock = mock_for("cookie-session")
    status, _, _, problems = send(mock, "cookie-session", headers=[("Cookie", cookies)])
    assert (status, problems) == (200, [])
    wrong = cookies.replace("lang=en-US", "lang=fr")
    status, _, _, problems = send(mock, "cookie-session", headers=[("Cookie", wrong)])
    assert status == 400 and "cookie lang: saw 'fr', spec says 'en-US'" in problems
    status, data, _, _ = send(mock, "cookie-session", headers=[("Cookie", "session=nope")])
    assert status == 401 and b"session cookie" in data
    extra = cookies + "; tracker=1"
    status, _, _, problems = send(mock, "cookie-session", headers=[("Cookie", extra)])
    assert "cookie tracker: not in the spec" in problems


def test_http_basic_auth_checks_the_user_and_the_password() -> None:
    mock = mock_for("basic-auth-account")

    def basic(user: str, password: str) -> list[tuple[str, str]]:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return [("Authorization", f"Basic {token}")]

    user = MockConfig.basic_user
    status, data, _, problems = send(mock, "basic-auth-account", headers=basic(user, KEY))
    assert (status, problems) == (200, [])
    assert json.loads(data)["id"] == REPLY  # the reply path is the whole answer
    status, _, _, _ = send(mock, "basic-auth-account", headers=basic(user, "wrong"))
    assert status == 401
    status, _, _, problems = send(mock, "basic-auth-account", headers=basic("eve", KEY))
    assert status == 401 and any("the user is 'eve'" in p for p in problems)


# -- bodies -----------------------------------------------------------------------------------
def test_a_raw_text_body_must_arrive_byte_for_byte() -> None:
    text = SHAPE["raw-text-echo"].raw_text
    mock = mock_for("raw-text-echo")
    status, _, _, problems = send(mock, "raw-text-echo", body=text.encode())
    assert (status, problems) == (200, [])
    status, _, _, problems = send(mock, "raw-text-echo", body=text.replace("\r\n", "\n").encode())
    assert any(p.startswith("body: saw") and "the spec's text holds" in p for p in problems)


def test_a_raw_file_body_must_be_the_files_bytes() -> None:
    data = bytes(range(256))
    mock = mock_for("raw-file-upload", files={"": data})
    status, body, _, problems = send(mock, "raw-file-upload", body=data)
    assert (status, body, problems) == (204, b"", [])
    status, _, _, problems = send(mock, "raw-file-upload", body=data[:-1])
    assert any("the file photo.png holds 256 bytes" in p for p in problems)


def test_form_fields_with_lists_and_objects_parse_back_in_order() -> None:
    endpoint = SHAPE["form-nested"]
    form = [("Content-Type", "application/x-www-form-urlencoded")]
    body = urlencode(list(endpoint.form_pairs)).encode()
    mock = mock_for("form-nested")
    status, _, _, problems = send(mock, "form-nested", headers=form, body=body)
    assert (status, problems) == (201, [])
    assert mock.requests[-1].json["sizes"] == ["1", "2"]  # pipeDelimited, parsed back
    swapped = body.replace(b"items=apple&items=pear", b"items=pear&items=apple")
    status, _, _, problems = send(mock, "form-nested", headers=form, body=swapped)
    assert 'body.items: saw ["pear", "apple"], spec says ["apple", "pear"]' in problems
    loose = mock_for("form-nested", exact_body=False)
    wrong = body.replace(b"sizes=1%7C2", b"sizes=1%7Cx")
    status, _, _, problems = send(loose, "form-nested", headers=form, body=wrong)
    assert status == 400 and any("'x' is not of type 'integer'" in p for p in problems)


def test_an_empty_form_is_a_form_with_no_fields() -> None:
    form = [("Content-Type", "application/x-www-form-urlencoded")]
    status, _, _, problems = send(mock_for("form-empty"), "form-empty", headers=form)
    assert (status, problems) == (202, [])
    status, _, _, problems = send(mock_for("form-empty"), "form-empty")
    assert status == 400 and "header Content-Type" in problems[0]


def test_multipart_json_parts_compare_as_json_and_empty_files_are_empty() -> None:
    prepared = requests.Request(
        "POST",
        "https://api.acme.test/v1/documents",
        data={"title": "Quarterly report", "metadata": '{ "pages": 3, "tags": ["q1","finance"] }'},
        files=[("attachment", ("empty.txt", b"", "text/plain"))],
    ).prepare()
    headers = [("Content-Type", prepared.headers["Content-Type"])]
    mock = mock_for("multipart-json", files={"attachment": b""})
    status, _, _, problems = send(mock, "multipart-json", headers=headers, body=prepared.body)
    assert (status, problems) == (201, [])
    wrong = prepared.body.replace(b'"pages": 3', b'"pages": 4')
    status, _, _, problems = send(mock, "multipart-json", headers=headers, body=wrong)
    assert "body.metadata.pages: saw 4, spec says 3" in problems


# -- answers ----------------------------------------------------------------------------------
def test_plain_events_carry_the_reply_in_pieces() -> None:
    status, data, headers, _ = send(mock_for("sse-plain-text"), "sse-plain-text")
    assert status == 200 and ("Content-Type", "text/event-stream;charset=UTF-8") in headers
    events = [e for e in data.decode().split("\n\n") if e]
    assert "".join(e.removeprefix("data: ") for e in events) == REPLY
    body = json.dumps(SHAPE["sse-plain-json"].request_example).encode()
    _, data, _, _ = send(mock_for("sse-plain-json"), "sse-plain-json", body=body)
    pieces = [
        json.loads(e.removeprefix("data: "))["delta"]["text"]
        for e in data.decode().split("\n\n")
        if e
    ]
    assert "".join(pieces) == REPLY


def test_a_redirect_answers_a_location_that_carries_the_reply() -> None:
    endpoint = SHAPE["redirect-302"]
    status, data, headers, _ = send(mock_for("redirect-302"), "redirect-302")
    location = redirect_location(endpoint, REPLY)
    assert (status, data, dict(headers)["Location"]) == (302, b"", location)
    assert location.startswith("https://files.acme.test/reports/r-2025-01.pdf?samplegen_reply=")
    assert mock_for("redirect-302").evidence_all(endpoint) == ["HTTP 302", location]


def test_an_error_with_a_text_body_is_sent_as_text() -> None:
    mock = mock_for("delete-204", force_error="rate_limited")
    status, data, headers, _ = send(mock, "delete-204")
    assert (status, data) == (429, b"Too many requests: slow down.")
    assert ("Content-Type", "text/plain") in headers


# -- over sockets -----------------------------------------------------------------------------
def test_the_server_serves_any_method_and_head_without_a_body() -> None:
    mock = mock_for("propfind-folder", exact_body=False)
    with MockServer(mock) as server:
        host, port = server.server_address[:2]
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request("PROPFIND", "/dav/x", body=b"<x/>", headers={"Host": "api.acme.test"})
        response = conn.getresponse()
        response.read()
        assert response.status == 401  # routed and judged (no key), not 501
    head = mock_for("head-file")
    with MockServer(head) as server:
        host, port = server.server_address[:2]
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.request(
            "HEAD", "/v1/files/file-abc%201", headers={"Host": "api.acme.test", "X-Api-Key": KEY}
        )
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, b"")


def test_a_tunnel_that_speaks_plain_http_is_served_as_http(tmp_path: Path) -> None:
    mock = mock_for("localhost-staging")
    with InterceptingProxy(mock, TestCA(tmp_path / "ca")) as proxy:
        host, port = proxy.server_address[:2]
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.sendall(b"CONNECT localhost:8080 HTTP/1.1\r\nHost: localhost:8080\r\n\r\n")
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
            body = b'{"echo": "hi"}'
            sock.sendall(
                b"POST /api/ping HTTP/1.1\r\nHost: localhost:8080\r\nX-Api-Key: "
                + KEY.encode()
                + b"\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                b"Connection: close\r\n\r\n" % len(body) + body
            )
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
    assert mock.requests[-1].mismatches == []


def test_cookie_headers_join_pairs() -> None:
    assert cookie_header([("a", "1"), ("b", "2")]) == "a=1; b=2"
