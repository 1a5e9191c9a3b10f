"""The mock answers a page as the last one (an SDK's auto-pagination then makes the one
request the spec's sample sends) and marks the reply in the page's first item (SDK samples
print the items they iterate)."""

from __future__ import annotations

import json
from dataclasses import replace

from generator.mock import IncomingRequest, Mock, MockConfig
from generator.mock.core import mark_reply
from generator.sources import load_specs
from tests.conftest import SPECS

LISTING = next(e for e in load_specs(SPECS) if e.id == "batch-list")
KEY = "sk-page-test"


def _answer(endpoint) -> dict:
    target = endpoint.url().split(endpoint.region().host, 1)[1]
    headers = (("Host", endpoint.region().host), ("Authorization", f"Bearer {KEY}"))
    response = Mock([endpoint], MockConfig(api_key=KEY)).handle(
        IncomingRequest("GET", target, headers, b"", "https")
    )
    return json.loads(response.body)


def test_a_page_that_says_more_follow_is_answered_as_the_last_one() -> None:
    example = {**LISTING.response_example, "has_more": True}
    answer = _answer(replace(LISTING, response_example=example))
    assert answer["has_more"] is False
    assert answer["data"] and answer["object"] == "list"


def test_the_whole_answer_of_a_page_carries_the_reply_in_its_first_item() -> None:
    page = {"object": "list", "data": [{"id": "batch_1", "object": "batch"}], "has_more": False}
    marked, shown = mark_reply(page, (), "the reply")
    assert shown == "the reply"
    assert marked["object"] == "list"  # not the page's own first text
    assert marked["data"][0]["id"] == "the reply"
    plain = {"id": "resp_1", "status": "completed"}
    assert mark_reply(plain, (), "the reply") == (
        {"id": "the reply", "status": "completed"},
        "the reply",
    )


def test_an_object_with_nothing_to_mark_stays_an_object_that_carries_the_reply() -> None:
    """``{}`` or an object of flags only: replacing it by the reply text gave SDKs an answer
    they could not read (``'str' object has no attribute 'to_dict'``)."""
    flags = {"file_search": {"enabled": False}}
    marked, shown = mark_reply(flags, (), "the reply")
    assert marked == {"file_search": {"enabled": False}, "samplegen_reply": "the reply"}
    assert shown == "the reply"
    page = {"object": "vector_store.file_content.page", "data": [{}], "has_more": False}
    marked, shown = mark_reply(page, (), "the reply")
    assert marked["data"] == [{"samplegen_reply": "the reply"}] and shown == "the reply"
