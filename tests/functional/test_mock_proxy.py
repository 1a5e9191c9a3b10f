"""The mock over real sockets: plain HTTP, through the TLS-intercepting proxy, chunked answers."""

from __future__ import annotations

import http.client
import json
import ssl
import time
import uuid
from pathlib import Path

import pytest
import requests

from generator.mock import InterceptingProxy, Mock, MockConfig, MockServer, TestCA
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = load_specs(SPECS)
CHAT = next(e for e in ENDPOINTS if e.id == "chat-completions")
KEY = "sk-proxy-test"


@pytest.fixture
def ca(tmp_path: Path) -> TestCA:
    return TestCA(tmp_path / "ca")


def _session(proxy: InterceptingProxy) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # ignore the machine's proxy and CA variables
    session.proxies = {"https": proxy.url, "http": proxy.url}
    return session


def test_an_https_client_reaches_the_mock_through_the_proxy(ca: TestCA) -> None:
    mock = Mock(ENDPOINTS, MockConfig(api_key=KEY, reply="via proxy", region="intl"))
    with InterceptingProxy(mock, ca) as proxy:
        response = _session(proxy).post(
            CHAT.url(),
            json=CHAT.request_example,
            headers={"Authorization": f"Bearer {KEY}"},
            verify=str(ca.pem),
            timeout=10,
        )
    assert response.status_code == 200
    assert response.json()["choices"][0]["message"]["content"] == "via proxy"
    (seen,) = mock.requests
    assert (seen.host, seen.connect_host, seen.mismatches) == (
        "dashscope-intl.aliyuncs.com",
        "dashscope-intl.aliyuncs.com",
        [],
    )


def test_a_wrong_host_still_reaches_the_mock_and_is_reported(ca: TestCA) -> None:
    mock = Mock(ENDPOINTS, MockConfig(api_key=KEY, region="intl"))
    with InterceptingProxy(mock, ca) as proxy:
        response = _session(proxy).post(
            "https://dashscope.aliyuncs-intl.com" + CHAT.path,
            json=CHAT.request_example,
            headers={"Authorization": "Bearer sk-wrong"},
            verify=str(ca.pem),
            timeout=10,
        )
    assert response.status_code == 401
    body = response.json()
    request_id = body.pop("request_id")  # fresh for each answer, also sent as a header
    assert str(uuid.UUID(request_id)) == request_id == response.headers["x-request-id"]
    assert body == CHAT.error("invalid_api_key").body
    mismatches = mock.requests[0].mismatches
    assert "host: saw dashscope.aliyuncs-intl.com, spec says dashscope-intl.aliyuncs.com" in (
        mismatches
    )


def test_the_proxy_offers_http_1_1_only_with_a_certificate_for_the_host(ca: TestCA) -> None:
    mock = Mock(ENDPOINTS)
    context = ssl.create_default_context(cafile=str(ca.pem))
    context.set_alpn_protocols(["h2", "http/1.1"])
    with InterceptingProxy(mock, ca) as proxy:
        conn = http.client.HTTPSConnection(*proxy.server_address[:2], context=context, timeout=10)
        conn.set_tunnel("example.invalid", 443)
        conn.request("GET", "/nowhere", headers={"Host": "example.invalid"})
        response = conn.getresponse()
        assert response.status == 404
        assert conn.sock.selected_alpn_protocol() == "http/1.1"
        conn.close()


def test_a_client_that_does_not_trust_the_ca_is_reported_as_a_transport_event(
    ca: TestCA,
) -> None:
    mock = Mock(ENDPOINTS)
    with InterceptingProxy(mock, ca) as proxy:
        with pytest.raises(requests.exceptions.SSLError):
            _session(proxy).get(CHAT.url(), verify=True, timeout=10)
        deadline = time.monotonic() + 5  # the proxy's thread records it after the client gave up
        while not mock.events and time.monotonic() < deadline:
            time.sleep(0.02)
    assert mock.requests == []
    assert any("TLS handshake for dashscope-intl.aliyuncs.com failed" in e for e in mock.events)


def test_the_plain_http_server_answers_and_keeps_the_connection_alive() -> None:
    mock = Mock(ENDPOINTS, MockConfig(api_key=KEY))
    with MockServer(mock) as server:
        conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
        body = json.dumps(CHAT.request_example)
        headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
        for _ in range(2):
            conn.request("POST", CHAT.path, body=body, headers=headers)
            response = conn.getresponse()
            assert response.status == 200
            json.loads(response.read())
        conn.close()
    assert len(mock.requests) == 2
    assert mock.requests[0].mismatches == [
        "host: saw 127.0.0.1:"
        + str(server.server_address[1])
        + ", spec says dashscope-intl.aliyuncs.com or dashscope.aliyuncs.com"
        + " or dashscope-us.aliyuncs.com"
    ]


def test_chunked_event_stream_answers_reach_the_client() -> None:
    stream = next(e for e in ENDPOINTS if e.id == "chat-completions-stream")
    mock = Mock(ENDPOINTS, MockConfig(api_key=KEY, reply="Hello, stream"))
    with MockServer(mock) as server:
        response = requests.post(
            server.url + stream.path,
            json=stream.request_example,
            headers={"Authorization": f"Bearer {KEY}"},
            stream=True,
            timeout=10,
        )
        assert response.headers["Transfer-Encoding"] == "chunked"
        assert response.headers["Content-Type"] == "text/event-stream;charset=UTF-8"
        events = [line for line in response.iter_lines(decode_unicode=True) if line]
    assert events[-1] == "data: [DONE]"
    chunks = [json.loads(event.removeprefix("data: ")) for event in events[:-1]]
    # the reply in three pieces, then a final chunk that only says why the stream stopped
    assert len(chunks) == 4
    assert "".join(c["choices"][0]["delta"]["content"] for c in chunks) == "Hello, stream"
    assert [c["choices"][0]["finish_reason"] for c in chunks] == [None, None, None, "stop"]
    assert all(c["choices"][0]["delta"]["content"] for c in chunks[:3])
    assert chunks[-1]["choices"][0]["delta"]["content"] == ""
