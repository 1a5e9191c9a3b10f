"""No spec value can leave its literal: hostile values in every quoting context stay data.

For each language the hostile values below (each tries to run ``touch MARKER`` in some
language's syntax) are put into every place a spec string reaches a sample: JSON body
strings and keys, SDK arguments (model, message contents, extra fields), header values
and the title in the comments. The sample runs against the mock; the test requires
that no file appeared in the marker folder and that the harness's success verdict holds,
so the mock received exactly the hostile values, as data.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import TemplateError
from generator.harness.runner import HarnessSession
from tests.functional.fuzz_support import make_spec, render_job, run_and_judge


def hostile_values(marker: Path) -> list[str]:
    """Break-out attempts aimed at ``marker``: each creates it if it ever runs as code."""
    m = str(marker)
    return [
        f'"; system("touch {m}"); "',
        f"'; system('touch {m}'); '",
        f"$(touch {m})",
        f"`touch {m}`",
        f"'; touch {m}; '",
        f"'$(touch {m})'",
        f'"$(touch {m})"',
        f"\\'; touch {m}; echo \\'",
        f'</script><script>require("fs").writeFileSync("{m}", "")</script>',
        f'*/ require("fs").writeFileSync("{m}", ""); /*',
        f'${{require("fs").writeFileSync("{m}", "")}}',
        f'`; require("fs").writeFileSync("{m}", ""); `',
        f'?> <?php touch("{m}"); ?>',
        f'{{${{touch("{m}")}}}}',
        f'{{$x}} ${{x}} $x {{${{system("touch {m}")}}}}',
        f'" + Runtime.getRuntime().exec("touch {m}") + "',
        f"\\u0022 + Runtime.getRuntime().exec(\\u0022touch {m}\\u0022) + \\u0022",
        f"\\u000a Runtime.getRuntime().exec(\\u0022touch {m}\\u0022); //",
        f'"""; Runtime.getRuntime().exec("touch {m}"); """',
        f'" + System.IO.File.Create("{m}") + "',
        f'"" + System.IO.File.Create(@""{m}"") + ""',
        f'` + func() string {{ os.WriteFile("{m}", nil, 0o644); return "" }}() + `',
        f'"""; __import__("os").system("touch {m}"); """',
        f'\\"); __import__("os").system("touch {m}"); print(\\"',
        f'\n__import__("os").system("touch {m}")\n',
        f'\r\n__import__("os").system("touch {m}") #',
        f'\u2028require("fs").writeFileSync("{m}", "")\u2029',
        f"{{{{ 7*7 }}}} {{% raw %}} {{{{ cycler.__init__.__globals__.os.system('touch {m}') }}}}",
        f"#{{`touch {m}`}} %s %n %x %(x)s {{0}} {{}}",
        f'\\\\\\"; touch {m}; \\\\',
    ]


# Every language's plain-HTTP sample, and the SDK samples with the endpoint they call.
PLAIN = [
    "python-requests",
    "node-fetch",
    "curl-curl",
    "php-curl",
    "go-nethttp",
    "csharp-httpclient",
    "java-httpclient",
]
SDK_OPENAI = ["python-openai", "node-openai", "java-openai"]
SDK_DASHSCOPE = ["python-dashscope", "java-dashscope"]


@pytest.fixture(scope="module")
def session() -> Iterator[HarnessSession]:
    """One harness session for the module."""
    with HarnessSession() as harness:
        yield harness


def _headers(values: list[str]) -> dict[str, str]:
    """The hostile values a header can hold (printable ASCII, no surrounding blanks)."""
    fit = [v.strip() for v in values if v.strip().isascii() and v.strip().isprintable()]
    return {f"X-Inject-{i}": v for i, v in enumerate(fit)}


def _run_inert(session: HarnessSession, name: str, endpoint_id: str, make_body: Any) -> None:
    """Render ``name`` from a spec full of hostile values; run it; nothing may execute."""
    with tempfile.TemporaryDirectory(prefix="samplegen-inject-") as tmp:
        markers = Path(tmp) / "markers"
        markers.mkdir()
        values = hostile_values(markers / "pwned")
        endpoint = make_spec(
            Path(tmp) / "spec",
            endpoint_id,
            make_body(values),
            title=" | ".join(values),
            extra_headers=_headers(values),
        )
        job = render_job(Path(tmp) / "out", endpoint, name)
        try:
            run_and_judge(session, job)
        finally:
            created = sorted(p.name for p in markers.iterdir())
            assert not created, f"{name} executed a spec value: {created} appeared"


def _plain_body(values: list[str]) -> dict[str, Any]:
    return {
        "values": values,
        "keys": {v: i for i, v in enumerate(values)},
        **{v: v for v in values},
    }


@pytest.mark.parametrize("name", PLAIN)
def test_hostile_values_stay_data_in_plain_samples(session: HarnessSession, name: str) -> None:
    """Body strings and keys, header values and the title: all inert, all sent exactly."""
    _run_inert(session, name, "chat-completions", _plain_body)


def _openai_body(values: list[str]) -> dict[str, Any]:
    roles = ("system", "user", "assistant")
    messages = [{"role": roles[i % 3], "content": v} for i, v in enumerate(values)]
    return {"model": values[0], "messages": messages, **{v: v for v in values}}


@pytest.mark.parametrize("name", SDK_OPENAI)
def test_hostile_values_stay_data_in_openai_sdk_samples(session: HarnessSession, name: str) -> None:
    """Model, message contents, extra field names and values, headers, title."""
    _run_inert(session, name, "chat-completions", _openai_body)


def _dashscope_body(values: list[str]) -> dict[str, Any]:
    roles = ("system", "user", "assistant")
    messages = [{"role": roles[i % 3], "content": v} for i, v in enumerate(values)]
    return {
        "model": values[0],
        "input": {"messages": messages},
        "parameters": {"result_format": "message"},
    }


@pytest.mark.parametrize("name", SDK_DASHSCOPE)
def test_hostile_values_stay_data_in_dashscope_sdk_samples(
    session: HarnessSession, name: str
) -> None:
    """Model, message contents, headers, title."""
    _run_inert(session, name, "text-generation", _dashscope_body)


def _hostile_parameter_key(values: list[str]) -> dict[str, Any]:
    marker = values[0].split("touch ")[1].split('"')[0]
    key = f'x=__import__("os").system("touch {marker}"), y'
    return {**_dashscope_body(values), "parameters": {"result_format": "message", key: 1}}


@pytest.mark.parametrize(
    "name",
    [
        "python-dashscope",
        "java-dashscope",
    ],
)
def test_hostile_parameter_keys_are_refused_or_inert(session: HarnessSession, name: str) -> None:
    """A parameter name is code in SDK calls: it must be refused at render time or be inert."""
    try:
        _run_inert(session, name, "text-generation", _hostile_parameter_key)
    except TemplateError as err:  # refused clearly (java_method: not an identifier)
        assert "not an identifier" in str(err)
