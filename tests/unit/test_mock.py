"""The mock's checks and answers, called directly (no sockets)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.mock import IncomingRequest, Mock, MockConfig, json_differences
from generator.model.streams import put_at
from generator.sources import load_specs
from tests.conftest import SPECS

ENDPOINTS = {e.id: e for e in load_specs(SPECS)}
CHAT = ENDPOINTS["chat-completions"]
NATIVE = ENDPOINTS["text-generation"]
KEY = "sk-test-valid"


def make_mock(**config: object) -> Mock:
    return Mock(ENDPOINTS.values(), MockConfig(api_key=KEY, reply="unique reply 42", **config))


def request(
    endpoint=CHAT,
    *,
    method: str | None = None,
    path: str | None = None,
    host: str | None = "dashscope-intl.aliyuncs.com",
    key: str | None = KEY,
    auth: str | None = None,
    content_type: str | None = "application/json",
    body: object = None,
    raw: bytes | None = None,
    connect_host: str | None = None,
) -> IncomingRequest:
    headers = []
    if host is not None:
        headers.append(("Host", host))
    if auth is not None:
        headers.append(("Authorization", auth))
    elif key is not None:
        headers.append(("Authorization", f"Bearer {key}"))
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    if raw is None:
        raw = json.dumps(endpoint.request_example if body is None else body).encode()
    return IncomingRequest(
        method=method or endpoint.method,
        target=path or endpoint.path,
        headers=tuple(headers),
        body=raw,
        scheme="https",
        connect_host=connect_host,
    )


def answer(mock: Mock, req: IncomingRequest) -> tuple[int, dict]:
    """The status and JSON body; the request id, fresh per answer, is checked and left out."""
    response = mock.handle(req)
    assert isinstance(response.body, bytes)
    body = json.loads(response.body)
    if isinstance(body, dict) and "request_id" in body:
        request_id = body.pop("request_id")
        assert request_id in dict(response.headers).values()
    return response.status, body


def _no_id(body: dict) -> dict:
    return {k: v for k, v in body.items() if k != "request_id"}


@pytest.mark.parametrize("endpoint", [CHAT, NATIVE], ids=lambda e: e.id)
def test_a_correct_request_gets_the_example_with_the_configured_reply(endpoint) -> None:
    mock = make_mock(exact_body=True, region="intl")
    status, body = answer(mock, request(endpoint))
    expected = put_at(endpoint.response_example, endpoint.reply_path, "unique reply 42")
    assert (status, body) == (endpoint.response_status, _no_id(expected))
    (seen,) = mock.requests
    assert seen.mismatches == []
    assert (seen.endpoint_id, seen.answer, seen.status) == (endpoint.id, "success", 200)


def test_every_request_is_recorded_with_what_was_sent() -> None:
    mock = make_mock()
    answer(mock, request(connect_host="dashscope-intl.aliyuncs.com"))
    (seen,) = mock.requests
    assert seen.method == "POST"
    assert seen.host == "dashscope-intl.aliyuncs.com"
    assert seen.connect_host == "dashscope-intl.aliyuncs.com"
    assert seen.path == CHAT.path
    assert seen.header("authorization") == f"Bearer {KEY}"
    assert seen.json == CHAT.request_example
    assert json.loads(seen.raw_body) == CHAT.request_example
    mock.reset()
    assert mock.requests == []


def test_a_wrong_host_is_a_mismatch_naming_both_hosts() -> None:
    mock = make_mock(region="intl")
    status, _ = answer(mock, request(host="dashscope.aliyuncs-intl.com"))
    assert status == 200  # the answer is unchanged: the recording carries the mismatch
    assert mock.requests[0].mismatches == [
        "host: saw dashscope.aliyuncs-intl.com, spec says dashscope-intl.aliyuncs.com"
    ]


def test_any_region_host_is_accepted_unless_a_region_is_pinned() -> None:
    assert _mismatches(make_mock(), request(host="dashscope.aliyuncs.com")) == []
    pinned = _mismatches(make_mock(region="intl"), request(host="dashscope.aliyuncs.com"))
    assert pinned == ["host: saw dashscope.aliyuncs.com, spec says dashscope-intl.aliyuncs.com"]


def test_the_default_port_is_not_part_of_the_host() -> None:
    assert _mismatches(make_mock(), request(host="dashscope-intl.aliyuncs.com:443")) == []


def _mismatches(mock: Mock, req: IncomingRequest) -> list[str]:
    mock.handle(req)
    return mock.requests[-1].mismatches


def test_a_wrong_method_is_a_mismatch_and_a_405() -> None:
    mock = make_mock()
    status, _ = answer(mock, request(method="PUT"))
    assert status == 405
    assert "method: saw PUT, spec says POST" in mock.requests[0].mismatches


def test_an_unknown_path_is_a_404_json_error() -> None:
    mock = make_mock()
    status, body = answer(mock, request(path="/compatible-mode/v1/chat/completion"))
    assert status == 404
    assert body["error"]["code"] == "not_found"
    (seen,) = mock.requests
    assert seen.endpoint_id is None and seen.answer == "unknown_path"
    assert seen.mismatches[0].startswith("path: saw /compatible-mode/v1/chat/completion, no spec")


def test_a_query_string_is_a_mismatch() -> None:
    assert _mismatches(make_mock(), request(path=CHAT.path + "?x=1")) == [
        "query: saw ?x=1, spec has none"
    ]


@pytest.mark.parametrize("endpoint", [CHAT, NATIVE], ids=lambda e: e.id)
def test_an_unknown_key_gets_the_specs_invalid_api_key_error(endpoint) -> None:
    mock = make_mock()
    status, body = answer(mock, request(endpoint, key="sk-someone-else"))
    error = endpoint.error("invalid_api_key")
    assert (status, body) == (error.status, _no_id(error.body))
    assert mock.requests[0].answer == "invalid_api_key"
    assert mock.requests[0].mismatches == []  # a wrong key is not a wrong sample


@pytest.mark.parametrize(
    ("auth", "mismatch"),
    [
        (None, "header Authorization: missing, spec says 'Bearer <key>'"),
        (
            "Token sk-test-valid",
            "header Authorization: saw 'Token sk-te...', spec says 'Bearer <key>'",
        ),
        (
            "Bearer  sk-test-valid",
            "header Authorization: the key has surrounding blanks or is empty",
        ),
    ],
)
def test_a_malformed_auth_header_is_a_mismatch_and_a_401(auth, mismatch) -> None:
    mock = make_mock()
    req = request(key=None, auth=auth)
    status, _ = answer(mock, req)
    assert status == 401
    assert mock.requests[0].mismatches == [mismatch]


def test_the_denied_key_triggers_access_denied() -> None:
    mock = make_mock(denied_key="sk-test-denied")
    status, body = answer(mock, request(NATIVE, key="sk-test-denied"))
    error = NATIVE.error("access_denied")
    assert (status, body) == (403, _no_id(error.body))
    assert mock.requests[0].answer == "access_denied"


def test_a_body_failing_the_schema_gets_invalid_parameter() -> None:
    mock = make_mock()
    status, body = answer(mock, request(body={"model": "qwen-plus", "messages": []}))
    assert (status, body) == (400, _no_id(CHAT.error("invalid_parameter").body))
    assert mock.requests[0].mismatches == ["body.messages: [] should be non-empty (request schema)"]


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b'{"model": NaN}', b'{"model": "a", "model": "b"}', b"\xff\xfe", b""],
    ids=["syntax", "nan", "duplicate-key", "not-utf8", "empty"],
)
def test_a_body_that_is_not_strict_json_gets_invalid_parameter(raw) -> None:
    mock = make_mock()
    status, _ = answer(mock, request(raw=raw))
    assert status == 400
    assert mock.requests[0].mismatches[0].startswith("body: not valid JSON")


def test_a_model_the_spec_does_not_list_gets_model_not_found() -> None:
    mock = make_mock()
    body = dict(CHAT.request_example, model="qwen-unknown")
    status, answer_body = answer(mock, request(body=body))
    assert status == 404
    assert "`qwen-unknown`" in answer_body["error"]["message"]  # the model that was sent
    assert mock.requests[0].mismatches == []  # valid per the schema; not harness mode


def test_a_dated_snapshot_or_latest_alias_is_answered_like_the_model() -> None:
    for model in ("qwen-plus-latest", "qwen-plus-2025-09-11"):
        body = dict(CHAT.request_example, model=model)
        status, _ = answer(make_mock(), request(body=body))
        assert status == 200, model


def test_in_harness_mode_a_different_body_is_a_mismatch_answered_as_the_service_does() -> None:
    mock = make_mock(exact_body=True)
    body = json.loads(json.dumps(CHAT.request_example))
    body["messages"][1]["content"] = "Who are you really?"
    body["temperature"] = 0.5
    status, _ = answer(mock, request(body=body))
    assert status == 200
    assert mock.requests[0].mismatches == [
        'body.messages[1].content: saw "Who are you really?", spec says "Who are you?"',
        "body.temperature: saw 0.5, not in the spec",
    ]


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/json; charset=utf-8", []),
        ("text/plain", ["header Content-Type: saw 'text/plain', spec says 'application/json'"]),
        (None, ["header Content-Type: missing, spec says 'application/json'"]),
    ],
)
def test_the_content_type_media_type_must_match(content_type, expected) -> None:
    assert _mismatches(make_mock(), request(content_type=content_type)) == expected


def test_a_plain_http_request_to_the_proxy_is_a_scheme_mismatch() -> None:
    req = request()
    absolute = IncomingRequest(
        req.method, "http://dashscope-intl.aliyuncs.com" + CHAT.path, req.headers, req.body, "http"
    )
    mismatches = _mismatches(make_mock(), absolute)
    assert mismatches[0].startswith("scheme: saw a plain http:// request")


def test_json_differences_tells_booleans_from_numbers_but_not_int_from_float() -> None:
    assert json_differences({"a": 1}, {"a": 1.0}) == []
    assert json_differences({"a": True}, {"a": 1}) == ["body.a: saw true, spec says 1"]
    assert json_differences([1, 2], [1]) == ["body: saw 2 items, spec says 1"]
    assert json_differences({}, {"a": None}) == ["body.a: missing, spec says null"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(json_values)
def test_a_value_never_differs_from_its_json_round_trip(value) -> None:
    assert json_differences(json.loads(json.dumps(value)), value) == []


def _without_extra_empty_objects(saw: object, spec: object) -> object:
    """``saw`` less the keys the spec leaves out whose value is ``{}`` (no difference: SDKs
    send ``"parameters": {}``)."""
    if isinstance(saw, dict) and isinstance(spec, dict):
        return {
            k: _without_extra_empty_objects(v, spec.get(k))
            for k, v in saw.items()
            if k in spec or v != {}
        }
    if isinstance(saw, list) and isinstance(spec, list):
        return [_without_extra_empty_objects(s, e) for s, e in zip(saw, spec, strict=False)] + (
            saw[len(spec) :]
        )
    return saw


@given(json_values, json_values)
def test_differences_are_empty_exactly_for_equal_json(a, b) -> None:
    kept = _without_extra_empty_objects(a, b)
    equal = json.dumps(kept, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert (json_differences(a, b) == []) == equal


def test_put_at_builds_missing_containers_and_leaves_the_source_alone() -> None:
    source = {"output": {"choices": [{"message": {}}]}}
    result = put_at(source, ("output", "choices", 0, "message", "content"), "hi")
    assert result == {"output": {"choices": [{"message": {"content": "hi"}}]}}
    assert source == {"output": {"choices": [{"message": {}}]}}
    assert put_at({}, ("a", 1), "x") == {"a": [None, "x"]}


def test_an_empty_object_for_a_key_the_spec_leaves_out_is_no_difference() -> None:
    assert json_differences({"a": 1, "parameters": {}}, {"a": 1}) == []
    assert json_differences({"a": 1, "parameters": {"x": 1}}, {"a": 1}) != []


def test_a_float_equals_the_integer_a_client_printed_for_it() -> None:
    assert json_differences(20224321968810430, 2.022432196881043e16) == []
    assert json_differences(20224321968810431, 20224321968810430) != []
    assert json_differences(1.5, 2) != []


def test_a_documented_default_the_client_adds_is_no_difference() -> None:
    defaults = {"parameters": {"enable_search": False}}
    expected = {"model": "m"}
    assert (
        json_differences(
            {"model": "m", "parameters": {"enable_search": False}}, expected, defaults=defaults
        )
        == []
    )
    assert (
        json_differences(
            {"model": "m", "parameters": {"enable_search": True}}, expected, defaults=defaults
        )
        != []
    )
    assert (
        json_differences({"model": "m", "parameters": {"other": 1}}, expected, defaults=defaults)
        != []
    )
