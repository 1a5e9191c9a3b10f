"""What python-requests, node-fetch, curl and the SDK samples decline for a value they cannot
send exactly, the reasons (each names the spec key, on one line), and the filters that send
the values they can (an empty curl header, a urlencoded field curl cannot name, a task id)."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from generator.model import Endpoint, Parameter, UploadFile
from generator.render.filters.node import node_line_break_limit, node_number_limit
from generator.render.filters.python import py_dashscope_task_id
from generator.render.filters.shell import sh_form_pair, sh_header
from generator.render.registry import declines, variant
from generator.sources import load_specs
from tests.conftest import SHAPES, SPECS

REQUESTS, FETCH, CURL = variant("python-requests"), variant("node-fetch"), variant("curl-curl")
PLAIN = (REQUESTS, FETCH, CURL)
BASE = next(e for e in load_specs(SHAPES) if e.id == "localhost-staging")
SPEC = {e.id: e for e in load_specs(SPECS)}


def multipart(fields: dict[str, object], *files: UploadFile) -> Endpoint:
    return dataclasses.replace(
        BASE, body_kind="multipart", request_example=fields, files=files, form_encoding=()
    )


def test_every_shipped_spec_and_shape_renders_in_all_three() -> None:
    for endpoint in load_specs(SPECS) + load_specs(SHAPES):
        assert [v.name for v, _ in declines(endpoint, PLAIN)] == [], endpoint.id


def test_curl_declines_what_its_command_line_cannot_write() -> None:
    assert CURL.decline_reason(multipart({"": "x"})) == (
        "request.example: curl --form cannot send a field whose name is empty"
    )
    named = multipart({}, UploadFile("a=b", "f.txt"))
    assert CURL.decline_reason(named) == (
        "request.files[0].field: curl --form cannot send a field named 'a=b' (it holds =)"
    )
    assert CURL.decline_reason(multipart({"t": "a\0b"})) == (
        "request.example: field 't' holds NUL, which no shell word can hold"
    )
    raw = dataclasses.replace(BASE, body_kind="raw", raw_text="a\0b", content_type="text/plain")
    assert CURL.decline_reason(raw) == (
        "request.example: the body holds NUL, which no shell word can hold"
    )
    form = dataclasses.replace(BASE, body_kind="form", request_example={"": "a\0b"})
    assert CURL.decline_reason(form) is None  # sh_form_pair sends it with --data-raw


def test_fetch_declines_line_breaks_formdata_rewrites_but_not_crlf() -> None:
    assert FETCH.decline_reason(multipart({"a\nb": "x"})) == (
        "request.example: FormData turns the lone CR or LF of field name 'a\\nb' into CRLF"
    )
    assert FETCH.decline_reason(multipart({"t": "a\rb"})) == (
        "request.example.t: FormData turns a lone CR or LF of the text into CRLF"
    )
    assert FETCH.decline_reason(multipart({"a\r\nb": "c\r\nd"})) is None
    assert REQUESTS.decline_reason(multipart({"a\nb": "c\rd"})) is None


def test_fetch_and_node_openai_decline_numbers_a_javascript_number_cannot_hold() -> None:
    body = dataclasses.replace(BASE, body_kind="json", request_example={"n": [2**53]})
    assert FETCH.decline_reason(body) == (
        "request.example: 9007199254740992 is beyond Number.MAX_SAFE_INTEGER "
        "(a JavaScript number rounds it)"
    )
    chat = SPEC["chat-completions"]
    big = dataclasses.replace(chat, request_example={**chat.request_example, "seed": -0.0})
    reason = variant("node-openai").decline_reason(big)
    assert reason == "request.example: -0.0 would be sent as 0 (JSON.stringify writes -0 as 0)"
    assert variant("python-openai").decline_reason(big) is None


def test_fetch_declines_a_dot_segment_the_url_parser_removes() -> None:
    for value in (".", ".."):
        param = Parameter("item", "path", value)
        endpoint = dataclasses.replace(BASE, path="/v1/{item}/x", parameters=(param,))
        assert FETCH.decline_reason(endpoint) == (
            f"parameters[0]: the WHATWG URL parser of fetch() removes the dot segment "
            f"{value!r} from the path"
        )
        assert REQUESTS.decline_reason(endpoint) is None and CURL.decline_reason(endpoint) is None


def test_every_plain_variant_declines_a_name_that_holds_an_escape_of_the_encoding() -> None:
    for variant_ in PLAIN:
        reason = variant_.decline_reason(multipart({"100%22": "x"}))
        assert reason is not None and reason.startswith("request.example: the multipart name")


def with_path_value(endpoint_id: str, value: str) -> Endpoint:
    endpoint = SPEC[endpoint_id]
    (param,) = endpoint.parameters
    return dataclasses.replace(endpoint, parameters=(dataclasses.replace(param, example=value),))


def test_the_sdks_decline_the_path_values_they_raise_on() -> None:
    empty, dots = with_path_value("batch-retrieve", ""), with_path_value("batch-retrieve", "..")
    assert variant("python-openai").decline_reason(empty) == (
        "parameters[0]: the OpenAI Python SDK refuses an empty value in the path"
    )
    assert variant("java-openai").decline_reason(empty) is not None
    assert variant("node-openai").decline_reason(empty) is None  # it sends //
    assert variant("node-openai").decline_reason(dots) == (
        "parameters[0]: the OpenAI Node.js SDK refuses the dot segment '..' in the path"
    )
    assert variant("python-dashscope").decline_reason(with_path_value("task-status", "")) == (
        "parameters[0]: the DashScope SDK's fetch() refuses an empty task id"
    )
    assert variant("python-dashscope").decline_reason(with_path_value("task-status", "..")) is None


def test_curl_header_and_form_pair_words() -> None:
    assert sh_header("X-Empty", "") == "'X-Empty;'"  # 'X-Empty:' would remove the header
    assert sh_header("X-A", "b c") == "'X-A: b c'"
    assert sh_form_pair("a b", "c&d") == "--data-urlencode 'a%20b=c&d'"
    assert sh_form_pair("", "v w") == "--data-raw '=v%20w'"
    assert sh_form_pair("n", "a\0b") == "--data-raw 'n=a%00b'"


def test_the_dashscope_task_id_is_one_encoded_path_segment() -> None:
    assert py_dashscope_task_id("86ecf553-d340-4e21-af6e-a0c6a421c010") == (
        "86ecf553-d340-4e21-af6e-a0c6a421c010"
    )
    assert py_dashscope_task_id("a/b#c?d%00") == "a%2Fb%23c%3Fd%2500"
    assert py_dashscope_task_id("..") == "%2E%2E"


@given(st.text(st.sampled_from("ab\r\n"), max_size=8))
def test_a_line_break_formdata_keeps_is_exactly_one_of_a_crlf(text: str) -> None:
    # FormData's normalisation (the HTML standard): every lone CR or LF becomes CRLF.
    normalised = text.replace("\r\n", "\0").replace("\r", "\r\n").replace("\n", "\r\n")
    assert node_line_break_limit(text) == (normalised.replace("\0", "\r\n") != text)


@given(st.recursive(st.integers() | st.floats(allow_nan=False), st.lists, max_leaves=6))
def test_node_number_limit_is_exactly_what_a_double_cannot_carry(value: object) -> None:
    def exact(v: object) -> bool:
        if isinstance(v, list):
            return all(exact(x) for x in v)
        if isinstance(v, float):
            return not (v == 0 and str(v).startswith("-"))
        return abs(v) <= 2**53 - 1 and not isinstance(v, bool)

    assert (node_number_limit(value) is None) == exact(value)
