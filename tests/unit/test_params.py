"""Parameter serialisation (generator/model/params.py): the OpenAPI 3.1 style table, what a
well-kept validator (openapi-core) reads back from what we write, and round trips of drawn
values through every location, style and explode."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import params as P

COLOR = {
    "string": "blue",
    "array": ["blue", "black", "brown"],
    "object": {"R": 100, "G": 200, "B": 150},
}

# The style examples of OpenAPI 3.1 (RFC 6570's expansions), for the value "color".
PATH_TABLE = [
    ("simple", False, "blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("simple", True, "blue", "blue,black,brown", "R=100,G=200,B=150"),
    ("label", False, ".blue", ".blue,black,brown", ".R,100,G,200,B,150"),
    ("label", True, ".blue", ".blue.black.brown", ".R=100.G=200.B=150"),
    ("matrix", False, ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
    (
        "matrix",
        True,
        ";color=blue",
        ";color=blue;color=black;color=brown",
        ";R=100;G=200;B=150",
    ),
]
QUERY_TABLE = [
    ("form", False, "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"),
    ("form", True, "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    (
        "spaceDelimited",
        False,
        None,
        "color=blue%20black%20brown",
        "color=R%20100%20G%20200%20B%20150",
    ),
    ("pipeDelimited", False, None, "color=blue|black|brown", "color=R|100|G|200|B|150"),
    ("deepObject", True, None, None, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"),
]


@pytest.mark.parametrize(("style", "explode", "string", "array", "obj"), PATH_TABLE)
def test_path_styles_follow_the_openapi_table(
    style: str, explode: bool, string: str, array: str, obj: str
) -> None:
    for value, expected in zip(COLOR.values(), (string, array, obj), strict=True):
        text = P.path_text("color", value, style, explode)
        assert text == expected
        back = P.parse_path(text, "color", style, explode, P.shape(value))
        assert back == P.texts(value)


@pytest.mark.parametrize(("style", "explode", "string", "array", "obj"), QUERY_TABLE)
def test_query_styles_follow_the_openapi_table(
    style: str, explode: bool, string: str | None, array: str | None, obj: str
) -> None:
    for value, expected in zip(COLOR.values(), (string, array, obj), strict=True):
        if expected is None:
            assert P.value_problem(value, "query", style, explode) is not None
            continue
        assert P.value_problem(value, "query", style, explode) is None
        text = P.query_text("color", value, style, explode, False)
        assert text == expected
        pairs = P.split_query(text)
        assert pairs == P.query_pairs("color", value, style, explode)
        back, taken = P.query_value(pairs, "color", style, explode, P.shape(value))
        assert back == P.texts(value) and taken == list(range(len(pairs)))


def test_header_and_cookie_styles_follow_the_openapi_table() -> None:
    assert P.header_text(COLOR["array"], False) == "blue,black,brown"
    assert P.header_text(COLOR["object"], False) == "R,100,G,200,B,150"
    assert P.header_text(COLOR["object"], True) == "R=100,G=200,B=150"
    assert P.cookie_header(P.cookie_pairs("color", COLOR["array"], False)) == (
        "color=blue,black,brown"
    )
    assert P.cookie_header(P.cookie_pairs("color", COLOR["array"], True)) == (
        "color=blue; color=black; color=brown"
    )
    assert P.cookie_header(P.cookie_pairs("color", COLOR["object"], True)) == (
        "R=100; G=200; B=150"
    )


def test_scalars_are_spelt_as_json_spells_them() -> None:
    assert P.query_text("on", True, "form", True, False) == "on=true"
    assert P.query_text("n", 10, "form", True, False) == "n=10"
    assert P.query_text("x", 0.5, "form", True, False) == "x=0.5"
    assert P.path_text("id", "a/b c", "simple", False) == "a%2Fb%20c"
    assert P.path_text("id", "..", "simple", False) == "%2E%2E"  # never resolved away


def test_allow_reserved_keeps_reserved_characters_but_those_that_end_a_pair() -> None:
    # "+" too stays encoded: a server reads a raw one as a space.
    value = "a/b?c:d@e,f&g#h=i+j"
    assert P.query_text("q", value, "form", True, True) == "q=a/b?c:d@e,f%26g%23h=i%2Bj"

    assert P.query_text("q", value, "form", True, False) == (
        "q=a%2Fb%3Fc%3Ad%40e%2Cf%26g%23h%3Di%2Bj"
    )
    assert P.split_query(P.query_text("q", value, "form", True, True)) == [("q", value)]


def test_a_raw_plus_in_a_query_is_a_space_as_servers_read_it() -> None:
    # httpx (the OpenAI and Anthropic Python SDKs) and URLSearchParams write a space as "+".
    assert P.split_query("ds_name=Quarterly+reports&p=1%2B1") == [
        ("ds_name", "Quarterly reports"),
        ("p", "1+1"),
    ]


def test_a_cookie_value_escapes_what_a_cookie_cannot_hold() -> None:
    assert P.encode_cookie_value('a b;c,d"e\\f%g~h!') == "a%20b%3Bc%2Cd%22e%5Cf%25g~h!"


@pytest.mark.parametrize(
    ("value", "location", "style", "explode", "says"),
    [
        (None, "query", "form", True, "cannot be null"),
        ([], "query", "form", True, "an empty list sends nothing"),
        ({}, "header", "simple", False, "an empty object sends nothing"),
        ([[1]], "query", "form", True, "holds texts, numbers or booleans only"),
        ("x", "query", "deepObject", True, "sends an object"),
        ({"a": 1}, "query", "deepObject", False, "always explodes"),
        ("x", "query", "pipeDelimited", False, "sends a list or an object"),
        ({"a": 1}, "query", "spaceDelimited", True, "cannot explode an object"),
        (["a,b"], "query", "form", False, 'the item "a,b" holds a comma'),
        (["a b"], "query", "spaceDelimited", False, 'the item "a b" holds a space'),
        (["a|b"], "query", "pipeDelimited", False, 'the item "a|b" holds a "|"'),
        (["a,b"], "header", "simple", False, "holds a comma"),
        ({"a=b": 1}, "header", "simple", True, 'the key "a=b" holds "="'),
    ],
)
def test_values_that_would_not_parse_back_are_named_in_words(
    value: object, location: str, style: str, explode: bool, says: str
) -> None:
    problem = P.value_problem(value, location, style, explode)
    assert problem is not None and says in problem
    assert "'" not in problem  # no Python reprs


def test_delimiters_inside_items_are_fine_where_items_are_percent_encoded() -> None:
    for location, style in (("path", "simple"), ("path", "label"), ("path", "matrix")):
        value = ["a,b", "c.d;e=f"]
        assert P.value_problem(value, location, style, False) is None
        text = P.path_text("p", value, style, False)
        assert P.parse_path(text, "p", style, False, "array") == value
    assert P.value_problem(["a,b"], "cookie", "form", False) is None
    assert P.cookie_value(P.cookie_pairs("c", ["a,b", "c"], False), "c", False, "array") == (
        ["a,b", "c"],
        [0],
    )


# -- the oracle: openapi-core reads back what we write ----------------------------------------
openapi_core = pytest.importorskip("openapi_core", reason="openapi-core (dev dependency) missing")


def _unmarshal(location: str, name: str, schema: dict, style: str, explode: bool, value: object):
    from openapi_core import OpenAPI
    from openapi_core.testing import MockRequest
    from werkzeug.datastructures import ImmutableMultiDict

    path = f"/x/{{{name}}}" if location == "path" else "/x"
    param = {
        "name": name,
        "in": location,
        "schema": schema,
        "style": style,
        "explode": explode,
        "required": True,
    }
    api = OpenAPI.from_dict(
        {
            "openapi": "3.1.0",
            "info": {"title": "oracle", "version": "1"},
            "servers": [{"url": "https://oracle.test"}],
            "paths": {
                path: {"get": {"parameters": [param], "responses": {"200": {"description": "ok"}}}}
            },
        }
    )
    url_path, headers, cookies, query = "/x", {}, {}, ""
    if location == "path":
        url_path = "/x/" + P.path_text(name, value, style, explode)
    elif location == "query":
        query = P.query_text(name, value, style, explode, False)
    elif location == "header":
        headers = {name: P.header_text(value, explode)}
    else:
        cookies = {n: v for n, v in P.cookie_pairs(name, value, explode)}
    request = MockRequest("https://oracle.test", "get", url_path, headers=headers, cookies=cookies)
    request.parameters.query = ImmutableMultiDict(parse_qsl(query, keep_blank_values=True))
    result = api.unmarshal_request(request)
    assert not result.errors, result.errors
    return getattr(result.parameters, location)[name]


TEXTS = {"type": "array", "items": {"type": "string"}}
INTS = {"type": "array", "items": {"type": "integer"}}
OBJECT = {"type": "object", "properties": {"R": {"type": "integer"}, "G": {"type": "integer"}}}
ORACLE_CASES = [
    # (location, style, explode, schema): the combinations openapi-core implements
    ("query", "form", True, TEXTS),
    ("query", "form", False, TEXTS),
    ("query", "form", False, OBJECT),
    ("query", "pipeDelimited", False, INTS),
    ("query", "deepObject", True, OBJECT),
    ("path", "simple", False, TEXTS),
    ("path", "simple", True, OBJECT),
    ("header", "simple", False, TEXTS),
    ("header", "simple", True, OBJECT),
    ("cookie", "form", False, TEXTS),
]
# Texts every location can carry (a header value is printable ASCII without blanks at its
# ends); the delimiters of the style are left out by value_problem below.
SAFE_TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=",|="),
    min_size=1,
    max_size=8,
)


# openapi-core reads path segments and cookies as the framework hands them over, without
# percent-decoding: there the oracle gets texts that need no escape.
UNRESERVED = st.text(alphabet="ABCXYZabcxyz0123456789-._~", min_size=1, max_size=8).filter(
    lambda t: t not in (".", "..")
)


def _draw(schema: dict, location: str) -> st.SearchStrategy:
    if schema is OBJECT:
        return st.fixed_dictionaries({"R": st.integers(-999, 999), "G": st.integers(0, 9)})
    if schema is INTS:
        return st.lists(st.integers(-(10**6), 10**6), min_size=1, max_size=4)
    text = UNRESERVED if location in ("path", "cookie") else SAFE_TEXT
    return st.lists(text, min_size=1, max_size=4)


@pytest.mark.parametrize(("location", "style", "explode", "schema"), ORACLE_CASES)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_openapi_core_reads_back_what_we_serialise(
    location: str, style: str, explode: bool, schema: dict, data: st.DataObject
) -> None:
    value = data.draw(_draw(schema, location))
    name = "X-Color" if location == "header" else "color"
    if P.value_problem(value, location, style, explode) is not None:
        return
    assert _unmarshal(location, name, schema, style, explode, value) == value


# -- round trips through our own parsers --------------------------------------------------------
ANY_TEXT = st.text(max_size=12)
SCALARS = st.one_of(
    ANY_TEXT, st.integers(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False)
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, min_size=1, max_size=4),
    st.dictionaries(st.text(min_size=1, max_size=6), SCALARS, min_size=1, max_size=4),
)
COMBOS = [
    (location, style, explode)
    for location, styles in P.STYLES.items()
    for style in styles
    for explode in (False, True)
    if location != "header"  # header values are checked for printable ASCII by the loader
]


@pytest.mark.parametrize(("location", "style", "explode"), COMBOS)
@settings(max_examples=60, deadline=None)
@given(value=VALUES)
def test_every_value_the_loader_accepts_parses_back_to_its_texts(
    location: str, style: str, explode: bool, value: object
) -> None:
    if P.value_problem(value, location, style, explode) is not None:
        return
    kind = P.shape(value)
    if location == "path":
        text = P.path_text("p", value, style, explode)
        assert "/" not in text and "?" not in text and "#" not in text
        assert P.parse_path(text, "p", style, explode, kind) == P.texts(value)
    elif location == "query":
        text = P.query_text("p", value, style, explode, False)
        assert "#" not in text
        pairs = P.split_query(text)
        assert pairs == P.query_pairs("p", value, style, explode)
        assert P.query_value(pairs, "p", style, explode, kind)[0] == P.texts(value)
    else:
        header = P.cookie_header(P.cookie_pairs("p", value, explode))
        assert all(0x21 <= ord(c) <= 0x7E or c == " " for c in header)
        found = P.cookie_value(P.split_cookies(header), "p", explode, kind)[0]
        assert found == P.texts(value)


@settings(max_examples=60, deadline=None)
@given(value=st.lists(SAFE_TEXT.filter(lambda t: t == t.strip()), min_size=1, max_size=4))
def test_header_values_parse_back(value: list[str]) -> None:
    for explode in (False, True):
        text = P.header_text(value, explode)
        assert P.parse_header(text, explode, "array") == value


@settings(max_examples=60, deadline=None)
@given(
    fields=st.dictionaries(
        st.text(min_size=1, max_size=6).filter(lambda n: "[" not in n),
        st.one_of(SCALARS, st.lists(SCALARS, min_size=1, max_size=3)),
        min_size=0,
        max_size=4,
    )
)
def test_form_fields_parse_back_from_their_pairs(fields: dict) -> None:
    encoding = {
        n: P.FieldEncoding("form", isinstance(v, list) and len(n) % 2 == 0)
        for n, v in fields.items()
    }
    if any(
        P.value_problem(v, "form", e.style, e.explode)
        for v, e in zip(fields.values(), encoding.values(), strict=True)
    ):
        return
    pairs = P.form_pairs(fields, encoding)
    assert P.form_fields(pairs, fields, encoding) == {n: P.texts(v) for n, v in fields.items()}


@pytest.mark.parametrize(
    ("text", "schema", "value"),
    [
        ("10", {"type": "integer"}, 10),
        ("-0", {"type": "integer"}, 0),
        ("1.5", {"type": "number"}, 1.5),
        ("1e3", {"type": "number"}, 1000.0),
        ("true", {"type": "boolean"}, True),
        ("", {"type": ["null", "string"]}, None),
        ("010", {"type": "integer"}, "010"),  # not JSON's spelling: left as text
        ("x", {"type": "integer"}, "x"),
        ("2", {"enum": [1, 2, 3]}, 2),
        (["1", "2"], {"type": "array", "items": {"type": "integer"}}, [1, 2]),
        (
            {"R": "1", "n": "a"},
            {"type": "object", "properties": {"R": {"type": "integer"}}},
            {"R": 1, "n": "a"},
        ),
    ],
)
def test_texts_take_the_types_their_schema_names(text: object, schema: dict, value: object) -> None:
    assert P.coerce(text, schema) == value
