"""What php-curl and go-nethttp decline, and the reasons they give (each names the spec key)."""

from __future__ import annotations

import dataclasses

import pytest

from generator.model import Endpoint, Parameter, UploadFile
from generator.render.registry import declines, variant
from generator.sources import load_specs
from tests.conftest import SHAPES, SPECS

PHP, GO = variant("php-curl"), variant("go-nethttp")
BASE = next(e for e in load_specs(SHAPES) if e.id == "localhost-staging")


def test_every_shipped_spec_and_shape_renders_in_both() -> None:
    for endpoint in load_specs(SPECS) + load_specs(SHAPES):
        assert [v.name for v, _ in declines(endpoint, [PHP, GO])] == [], endpoint.id


def with_headers(*headers: tuple[str, str], **changes: object) -> Endpoint:
    return dataclasses.replace(BASE, headers=(*BASE.headers, *headers), **changes)


def test_header_values_each_client_cannot_send() -> None:
    padded = with_headers(("X-Pad", " a\t"))
    assert PHP.decline_reason(padded) is None  # curl sends the entry as written
    assert GO.decline_reason(padded) == (
        "headers.X-Pad: net/http trims the blanks at either end of a header value, as X-Pad's has"
    )
    blank = with_headers(("X-Blank", "  "))
    assert PHP.decline_reason(blank) == (
        "headers.X-Blank: curl drops a header whose value is only blanks, as X-Blank's is"
    )
    empty = with_headers(("X-Empty", ""))
    assert PHP.decline_reason(empty) is None and GO.decline_reason(empty) is None


def test_a_header_parameter_is_named_by_its_place_in_the_parameters() -> None:
    param = Parameter("X-Dim", "header", " 3")
    endpoint = with_headers(("X-Dim", " 3"), parameters=(param,))
    assert GO.decline_reason(endpoint).startswith("parameters[0]: net/http trims")  # type: ignore[union-attr]


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_php_declines_integers_beyond_64_bits(number: int) -> None:
    endpoint = dataclasses.replace(BASE, request_example={"a": [{"n": number}]})
    assert PHP.decline_reason(endpoint) == (
        f"request.example: PHP's integers are 64-bit, and {number} would become a float"
    )
    assert GO.decline_reason(endpoint) is None
    fits = dataclasses.replace(BASE, request_example={"n": 2**63 - 1, "m": -(2**63)})
    assert PHP.decline_reason(fits) is None


def test_multipart_names_that_read_back_as_others_are_declined_by_both() -> None:
    upload = UploadFile("file", "a.txt")
    endpoint = dataclasses.replace(
        BASE,
        body_kind="multipart",
        content_type="multipart/form-data",
        request_example={'ok "name"\r\n': "x", "100%22": "y"},
        files=(upload,),
    )
    reason = (
        "request.example: the multipart name '100%22' holds %22, %0D or %0A, which read back "
        "as a quote or a line break (the HTML form encoding of names)"
    )
    assert PHP.decline_reason(endpoint) == reason and GO.decline_reason(endpoint) == reason
    clean = dataclasses.replace(endpoint, request_example={'ok "name"\r\n%': "x"})
    assert PHP.decline_reason(clean) is None and GO.decline_reason(clean) is None
