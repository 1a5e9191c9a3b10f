"""Any HTTP API: the spec format's parameters, auth kinds, bodies and answers, as the loader
models them and the mock checks and answers them (no sockets)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import SpecError
from generator.mock import IncomingRequest, Mock, MockConfig
from generator.mock.core import mark_reply, path_pattern, reply_bytes, reply_number
from generator.output.pipeline import decline_notes
from generator.render.registry import VARIANTS, declines, variant
from generator.sources import load_spec, load_specs
from tests.conftest import ROOT, SPECS, copy_specs

OTHER = ROOT / "tests" / "fixtures" / "other-vendor"
SHIPPED = {e.id: e for e in load_specs(SPECS)}
VENDOR = {e.id: e for e in load_specs(OTHER)}
KEY = "sk-test-valid"


def _send(
    mock: Mock,
    endpoint,
    *,
    method: str | None = None,
    target: str | None = None,
    headers: list[tuple[str, str]] | None = None,
    body: bytes = b"",
) -> tuple[int, bytes, list]:
    host = endpoint.region().host
    req = IncomingRequest(
        method=method or endpoint.method,
        target=target or endpoint.url().split(host, 1)[1],
        headers=(("Host", host), *(headers or [])),
        body=body,
        scheme="https",
    )
    response = mock.handle(req)
    data = response.body if isinstance(response.body, bytes) else b"".join(response.body)
    return response.status, data, mock.requests[-1].mismatches


def _bearer(key: str = KEY) -> list[tuple[str, str]]:
    return [("Authorization", f"Bearer {key}")]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- the model -----------------------------------------------------------------------------


def test_path_and_query_parameters_fill_the_url_percent_encoded() -> None:
    export = VENDOR["acme-report-export"]
    assert export.url() == (
        "https://api.acme-reports.com/v2/reports/rep_42%20Q3%2F2026/export"
        "?format=pdf&include_charts=true"
    )
    assert export.url("eu").startswith("https://eu.api.acme-reports.com/")
    assert [p.name for p in export.path_params] == ["report_id"]
    assert [(p.name, p.text) for p in export.query_params] == [
        ("format", "pdf"),
        ("include_charts", "true"),
    ]


def test_auth_kinds_and_their_key_variables() -> None:
    assert (VENDOR["acme-report-export"].auth.header, VENDOR["acme-report-export"].auth.scheme) == (
        "x-api-key",
        "",
    )
    sms = VENDOR["acme-sms-send"].auth
    assert (sms.kind, sms.param, sms.env) == ("query", "api_key", "ACME_SMS_KEY")
    bearer = VENDOR["acme-widget-update"].auth
    assert (bearer.header, bearer.value_prefix(), bearer.env) == (
        "Authorization",
        "Bearer ",
        "ACME_TOKEN",
    )


def test_answer_kinds() -> None:
    kinds = {e.id: (e.response_kind, e.reply_kind) for e in [*SHIPPED.values(), *VENDOR.values()]}
    assert kinds["embeddings"] == ("json", "vector")
    assert kinds["text-rerank"] == ("json", "list")
    assert kinds["image-synthesis"] == ("task", "text")
    assert kinds["chat-completions-stream"] == ("sse", "text")
    assert kinds["acme-report-export"] == ("binary", "none")


def test_a_json_body_always_says_so_and_forms_leave_content_type_to_the_client() -> None:
    assert ("Content-Type", "application/json") in VENDOR["acme-widget-update"].headers
    assert not any(k.lower() == "content-type" for k, _ in VENDOR["acme-upload"].headers)
    assert VENDOR["acme-widget-delete"].body_kind == "none"


SPEC = """\
id: x
title: X
regions: {prod: {base_url: https://api.example.com}}
default_region: prod
method: @method
path: @path
@extra
auth: {type: bearer, env: X_KEY}
response:
  status: 200
  reply_path: [ok]
  example: {ok: "yes"}
errors:
  - {status: 401, when: invalid_api_key, body: {message: no}}
"""


def _spec(method: str, path: str, extra: str) -> str:
    return SPEC.replace("@method", method).replace("@path", path).replace("@extra", extra)


@pytest.mark.parametrize(
    ("method", "path", "extra", "message", "line"),
    [
        ("GET", "/a/{id}", "", "path: {id} has no path parameter", 6),
        (
            "GET",
            "/a",
            "parameters:\n  - {name: id, in: path, example: 1}",
            'path parameter "id" is not in the path',
            8,
        ),
        (
            "GET",
            "/a",
            "parameters:\n  - {name: q, in: query, example: 1}\n"
            "  - {name: q, in: query, example: 2}",
            'a second query parameter "q"',
            9,
        ),
        (
            "GET",
            "/a",
            "parameters:\n  - {name: q, in: query, example: x, schema: {type: integer}}",
            'parameters[0].example: "x" is a text; a whole number is wanted (by its schema)',
            8,
        ),
        ("GET", "/a", "request: {example: {a: 1}}", "a GET request carries no body", 7),
        (
            "POST",
            "/a",
            "request: {content_type: application/x-www-form-urlencoded, example: {a: [[1]]}}",
            "a list or an object here holds texts, numbers or booleans only",
            7,
        ),
        (
            "POST",
            "/a",
            "request: {example: {a: 1}, files: [{field: f, path: a.txt}]}",
            "only a multipart/form-data body carries files",
            7,
        ),
        (
            "POST",
            "/a",
            "headers: {Content-Type: multipart/form-data}\n"
            "request: {content_type: multipart/form-data, files: [{field: f, path: a.txt}]}",
            "Content-Type is set by each client",
            7,
        ),
    ],
)
def test_broken_parameters_and_bodies_name_the_line(
    tmp_path: Path, method: str, path: str, extra: str, message: str, line: int
) -> None:
    spec = _write(tmp_path, _spec(method, path, extra))
    with pytest.raises(SpecError) as caught:
        load_spec(spec)
    assert message in caught.value.message
    assert caught.value.path == spec
    assert caught.value.line == line


def test_an_unknown_auth_key_is_an_error_naming_its_line(tmp_path: Path) -> None:
    text = _spec("GET", "/a", "").replace(
        "auth: {type: bearer, env: X_KEY}", "auth: {type: bearer, env: X_KEY, sheme: x}"
    )
    with pytest.raises(SpecError) as caught:
        load_spec(_write(tmp_path, text))
    assert 'unknown key "sheme"; did you mean scheme?' in caught.value.message
    assert caught.value.line == 8


# -- SDK variants decline what they cannot call, with a reason ----------------------------------


def test_sdk_variants_decline_other_apis_and_unknown_operations() -> None:
    reasons = dict((v.name, r) for v, r in declines(VENDOR["acme-widget-update"]))
    assert reasons["python-openai"] == "it calls openai-compatible APIs only"
    assert all(not v.is_sdk or v.name in reasons for v in VARIANTS)
    plain = [v for v in VARIANTS if not v.is_sdk]
    assert all(v.supports(VENDOR["acme-widget-update"]) for v in plain)


def test_an_operation_no_variant_knows_is_declined_not_an_error(tmp_path: Path) -> None:
    """A hand-written SDK variant (DashScope) renders the operations it lists and declines any
    other, naming what it can call. (The table-driven SDKs find their call by route, see
    tests/unit/test_sdk_tables.py.)"""
    text = (
        (SPECS / "text-generation.yaml")
        .read_text("utf-8")
        .replace("style: dashscope-native", "style: dashscope-native\noperation: audio.speech")
    )
    copy_specs(tmp_path)
    endpoint = load_spec(_write(tmp_path, text))
    reason = variant("python-dashscope").decline_reason(endpoint)
    assert reason is not None and reason.startswith("it can call only ")
    notes = decline_notes(tmp_path, verbose=True)
    assert any(
        n.startswith("python-dashscope declines text-generation (audio.speech): it can call")
        for n in notes
    ), notes


# -- the mock: routing, parameters, bodies ------------------------------------------------------


def _vendor_mock(**config: object) -> Mock:
    return Mock(VENDOR.values(), MockConfig(api_key=KEY, exact_body=True, **config))


def test_path_templates_route_and_path_values_must_match_exactly() -> None:
    export = VENDOR["acme-report-export"]
    mock = _vendor_mock()
    status, data, problems = _send(mock, export, headers=[("x-api-key", KEY)])
    assert (status, problems) == (200, [])
    assert data == reply_bytes(mock.config.reply)
    wrong = "/v2/reports/rep_42%20Q3/2026/export?format=pdf&include_charts=true"
    status, _, problems = _send(mock, export, target=wrong, headers=[("x-api-key", KEY)])
    assert status == 404


def test_query_values_must_match_and_unknown_ones_are_named() -> None:
    export = VENDOR["acme-report-export"]
    mock = _vendor_mock()
    target = "/v2/reports/rep_42%20Q3%2F2026/export?format=PDF&include_charts=True&x=1"
    status, _, problems = _send(mock, export, target=target, headers=[("x-api-key", KEY)])
    assert status == 400
    assert "query: format saw 'PDF', spec says 'pdf'" in problems
    assert "query: include_charts saw 'True', spec says 'true'" in problems
    assert "query: saw ?x=1, spec has only format, include_charts" in problems


def test_a_query_string_key_authenticates() -> None:
    sms = VENDOR["acme-sms-send"]
    mock = _vendor_mock()
    form = urlencode(
        [(k, str(v).lower() if isinstance(v, bool) else v) for k, v in sms.request_example.items()]
    )
    headers = [("Content-Type", "application/x-www-form-urlencoded")]
    target = "/v1/accounts/AC-1234/messages"
    status, data, problems = _send(
        mock, sms, target=f"{target}?api_key={KEY}", headers=headers, body=form.encode()
    )
    assert (status, problems) == (201, [])
    assert json.loads(data)["message"]["id"] == mock.config.reply
    status, data, _ = _send(mock, sms, target=f"{target}?api_key=nope", headers=headers)
    assert status == 401 and b"api_key" in data


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]) -> tuple:
    boundary = "----samplegen-test-boundary"
    out = b""
    for name, value in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    for name, (filename, ctype, data) in files.items():
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return [("Content-Type", f"multipart/form-data; boundary={boundary}")], out


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=300))
def test_multipart_file_bytes_must_arrive_exactly(data: bytes) -> None:
    upload = VENDOR["acme-upload"]
    files = {"image": data, "caption": b"A beach at sunset.\n"}
    mock = _vendor_mock(files=files)
    headers, body = _multipart(
        {"album": "holidays 2026", "public": "true"},
        {
            "image": ("photo.png", "image/png", data),
            "caption": ("caption.txt", "text/plain", files["caption"]),
        },
    )
    auth = [("Authorization", f"Token {KEY}")]
    status, _, problems = _send(mock, upload, headers=auth + headers, body=body)
    assert (status, problems) == (200, [])
    headers, body = _multipart(
        {"album": "holidays 2026", "public": "true"},
        {
            "image": ("photo.png", "image/png", data + b"\0"),
            "caption": ("caption.txt", "text/plain", files["caption"]),
        },
    )
    status, _, problems = _send(mock, upload, headers=auth + headers, body=body)
    want = hashlib.sha256(data).hexdigest()[:12]
    assert any(p.startswith("file image: saw") and want in p for p in problems)


def test_a_body_on_a_delete_without_one_is_a_mismatch() -> None:
    delete = VENDOR["acme-widget-delete"]
    status, _, problems = _send(_vendor_mock(), delete, headers=_bearer(), body=b"{}")
    assert status == 400 and problems == ["body: saw 2 bytes, spec says no body"]
    status, _, problems = _send(_vendor_mock(), delete, headers=_bearer())
    assert (status, problems) == (200, [])


@given(value=st.text(min_size=1, max_size=30))
def test_any_path_value_routes_back_to_its_text(value: str) -> None:
    pattern = path_pattern("/a/{x}/b")
    match = pattern.match(f"/a/{quote(value, safe='')}/b")
    assert match is not None


# -- answers: what is marked and what the harness looks for --------------------------------------


def test_marked_replies_per_kind() -> None:
    vector, evidence = mark_reply({"v": [0.1, 0.2, 0.3]}, ["v"], "tok")
    assert vector["v"][0] == reply_number("tok") and evidence == repr(reply_number("tok"))
    nested, evidence = mark_reply({"r": [{"i": 0, "d": {"t": "x"}}]}, ["r"], "tok")
    assert nested["r"][0]["d"]["t"] == "tok" and evidence == "tok"
    assert (reply_number("tok") * 64).is_integer()


def test_a_task_is_pending_then_succeeds_or_fails() -> None:
    task_spec = SHIPPED["image-synthesis"]
    task = task_spec.task
    for outcome in ("succeeded", "failed"):
        mock = Mock([task_spec], MockConfig(api_key=KEY, exact_body=True, task_outcome=outcome))
        body = json.dumps(task_spec.request_example).encode()
        headers = [
            *_bearer(),
            ("Content-Type", "application/json"),
            ("X-DashScope-Async", "enable"),
        ]
        status, data, problems = _send(mock, task_spec, headers=headers, body=body)
        assert (status, problems) == (200, [])
        task_id = json.loads(data)["output"]["task_id"]
        states = []
        for _ in range(3):
            _, data, problems = _send(
                mock, task_spec, method="GET", target=f"/api/v1/tasks/{task_id}", headers=_bearer()
            )
            assert problems == []
            states.append(json.loads(data)["output"]["task_status"])
        last = json.loads(data)
        assert states[:2] == ["PENDING", "RUNNING"]
        if outcome == "succeeded":
            assert states[2] == "SUCCEEDED"
            assert last["output"]["results"][0]["url"] == mock.config.reply
        else:
            assert states[2] == "FAILED"
            assert last["output"]["message"] == mock.task_failure_message
    assert task.poll_path_for("a/b") == "/api/v1/tasks/a%2Fb"


def test_polling_a_task_never_submitted_is_a_mismatch() -> None:
    task_spec = SHIPPED["image-synthesis"]
    mock = Mock([task_spec], MockConfig(api_key=KEY))
    status, _, problems = _send(
        mock, task_spec, method="GET", target="/api/v1/tasks/nope", headers=_bearer()
    )
    assert status == 404 and problems == ["task poll: no task 'nope' was submitted"]
