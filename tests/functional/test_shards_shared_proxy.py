"""The one proxy of a harness run: each concurrently running job's port reaches its own mock."""

from __future__ import annotations

import http.client
import json
import ssl
import threading
from pathlib import Path

import pytest

from generator.harness.runner import PASSED, HarnessSession, find_jobs, job_cases
from generator.mock import Mock, MockConfig, SharedProxy, TestCA
from generator.sources import load_specs
from tests.conftest import OUTPUT, SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}
CHAT, TEXT = ENDPOINTS["chat-completions"], ENDPOINTS["text-generation"]


@pytest.fixture
def ca(tmp_path: Path) -> TestCA:
    return TestCA(tmp_path / "ca")


def tunnel(port, endpoint, ca: TestCA) -> http.client.HTTPSConnection:
    """An HTTPS connection to ``endpoint``'s host through ``port``, handshake done."""
    host = endpoint.url().split("/")[2]
    context = ssl.create_default_context(cafile=str(ca.pem))
    proxy_host, proxy_port = port.server_address
    conn = http.client.HTTPSConnection(proxy_host, proxy_port, context=context, timeout=10)
    conn.set_tunnel(host, 443)
    conn.connect()
    return conn


def ask(conn: http.client.HTTPSConnection, endpoint, key: str) -> tuple[int, str]:
    conn.request(
        endpoint.method,
        endpoint.path,
        body=json.dumps(endpoint.request_example),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    response = conn.getresponse()
    return response.status, response.read().decode()


def test_two_jobs_at_once_reach_their_own_mocks(ca: TestCA) -> None:
    chat_mock = Mock([CHAT], MockConfig(api_key="sk-chat", reply="chat reply", region="intl"))
    text_mock = Mock([TEXT], MockConfig(api_key="sk-text", reply="text reply", region="intl"))
    with SharedProxy(ca) as proxy, proxy.lease(chat_mock) as one, proxy.lease(text_mock) as two:
        assert one.server_address != two.server_address
        # Both tunnels are open before either request is sent: the jobs overlap.
        chat, text = tunnel(one, CHAT, ca), tunnel(two, TEXT, ca)
        answers: dict[str, tuple[int, str]] = {}
        threads = [
            threading.Thread(target=lambda: answers.update(chat=ask(chat, CHAT, "sk-chat"))),
            threading.Thread(target=lambda: answers.update(text=ask(text, TEXT, "sk-text"))),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert answers["chat"][0] == answers["text"][0] == 200
    assert "chat reply" in answers["chat"][1] and "text reply" in answers["text"][1]
    assert [(r.endpoint_id, r.mismatches) for r in chat_mock.requests] == [("chat-completions", [])]
    assert [(r.endpoint_id, r.mismatches) for r in text_mock.requests] == [("text-generation", [])]


def test_a_released_port_is_reused_and_answers_only_its_new_mock(ca: TestCA) -> None:
    first = Mock([CHAT], MockConfig(api_key="sk-1", reply="first", region="intl"))
    second = Mock([CHAT], MockConfig(api_key="sk-2", reply="second", region="intl"))
    with SharedProxy(ca) as proxy:
        with proxy.lease(first) as port:
            address = port.server_address
        with proxy.lease(second) as port:
            assert port.server_address == address
            status, body = ask(tunnel(port, CHAT, ca), CHAT, "sk-2")
        assert proxy.port_count == 1
    assert (status, "second" in body) == (200, True)
    assert first.requests == [] and len(second.requests) == 1


def test_a_port_without_a_job_answers_nobody(ca: TestCA) -> None:
    mock = Mock([CHAT], MockConfig(api_key="sk-1", region="intl"))
    with SharedProxy(ca) as proxy:
        with proxy.lease(mock) as port:
            address = port.server_address
        with pytest.raises((OSError, http.client.HTTPException)):
            conn = http.client.HTTPConnection(*address, timeout=5)
            conn.request("CONNECT", "dashscope-intl.aliyuncs.com:443")
            conn.getresponse()
    assert mock.requests == []


def test_a_run_of_several_samples_two_at_a_time_opens_two_ports_and_passes() -> None:
    jobs = find_jobs(OUTPUT, ENDPOINTS.values(), ["curl"], region="intl", locale="en")
    with HarnessSession() as session:
        results = session.run_all(jobs, workers=2)
        assert session.proxy is not None and 1 <= session.proxy.port_count <= 2
    assert len(jobs) >= 4
    assert len(results) == sum(len(job_cases(j)) for j in jobs)  # curl: one flavour
    assert {r.status for r in results} == {PASSED}, [r.message for r in results]
