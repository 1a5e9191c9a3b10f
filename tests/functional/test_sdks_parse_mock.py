"""The pinned SDKs read every mock answer into their typed objects and raise their
documented exceptions (openai Python) or report the documented error codes (dashscope
Python): the mock speaks the services' wire format, not a shape only our samples accept.

The SDKs run in the harness's venv of pinned packages, talking plain HTTP to a loopback mock.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from generator.harness.runner import default_cache
from generator.harness.runtimes.python import PythonRuntime
from generator.mock import Mock, MockConfig, MockServer
from generator.sources import load_specs
from tests.conftest import SPECS

KEY = "sk-sdk-parse"
DENIED = "sk-sdk-parse-denied"
ENDPOINTS = {e.id: e for e in load_specs(SPECS)}

OPENAI_SCRIPT = """
import json, sys
import openai
from openai import OpenAI

normal, broken, key, denied = sys.argv[1:5]
def client(base, k=key):
    return OpenAI(api_key=k, base_url=base + "/compatible-mode/v1", max_retries=0)

out = {}
sea = [{"role": "user", "content": "Write one sentence about the sea."}]
c = client(normal)
completion = c.chat.completions.create(
    model="qwen-plus", messages=[{"role": "user", "content": "Who are you?"}]
)
out["chat"] = type(completion).__name__ + ":" + completion.choices[0].message.content
chunks = list(c.chat.completions.create(
    model="qwen-plus", messages=[{"role": "user", "content": "Write one sentence about the sea."}],
    stream=True, stream_options={"include_usage": True}, temperature=0.7, max_tokens=256,
    stop="END", extra_body={"enable_thinking": False},
))
out["stream"] = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
out["stream_usage"] = chunks[-1].usage.total_tokens if chunks[-1].usage else None
out["stream_finish"] = [ch.choices[0].finish_reason for ch in chunks if ch.choices][-1]
emb = c.embeddings.create(
    model="text-embedding-v4", input="The quality of the clothes is excellent.",
    dimensions=1024, encoding_format="float",
)
out["embedding"] = type(emb).__name__ + ":" + str(len(emb.data[0].embedding))
for name, call in (
    ("401", lambda: client(normal, "sk-wrong").chat.completions.create(
        model="qwen-plus", messages=[{"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Who are you?"}])),
    ("403", lambda: client(normal, denied).chat.completions.create(
        model="qwen-plus", messages=[{"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Who are you?"}])),
    ("404", lambda: c.chat.completions.create(
        model="qwen-nonexistent", messages=[{"role": "user", "content": "Who are you?"}])),
    ("400", lambda: c.chat.completions.create(model="qwen-plus", messages=[])),
    ("stream-error", lambda: list(client(broken).chat.completions.create(
        model="qwen-plus", messages=sea, stream=True, stream_options={"include_usage": True},
        temperature=0.7, max_tokens=256, stop="END", extra_body={"enable_thinking": False}))),
):
    try:
        call()
        out[name] = "no exception"
    except openai.APIError as error:
        out[name] = type(error).__name__ + ":" + str(getattr(error, "request_id", None) or "")
print(json.dumps(out))
"""

DASHSCOPE_SCRIPT = """
import json, sys
import dashscope
from dashscope import Generation

normal, broken, key = sys.argv[1:4]
messages = [{"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Who are you?"}]
out = {}
dashscope.base_http_api_url = normal + "/api/v1"
fmt = "message"
r = Generation.call(api_key=key, model="qwen-plus", messages=messages, result_format=fmt)
out["chat"] = [r.status_code, r.output.choices[0].message.content, bool(r.request_id)]
r = Generation.call(api_key="sk-wrong", model="qwen-plus", messages=messages, result_format=fmt)
out["401"] = [r.status_code, r.code, bool(r.request_id)]
r = Generation.call(api_key=key, model="qwen-nonexistent", messages=messages, result_format=fmt)
out["model"] = [r.status_code, r.code, r.message]
dashscope.base_http_api_url = broken + "/api/v1"
events = list(Generation.call(api_key=key, model="qwen-plus", messages=messages,
    result_format="message", stream=True, incremental_output=True))
out["stream-error"] = [[e.status_code, e.code] for e in events]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def sdk_python() -> Path:
    runtime = PythonRuntime()
    runtime.setup(default_cache())
    assert runtime.venv is not None
    return runtime.venv / "bin" / "python"


def _servers(endpoints):
    normal = MockServer(Mock(endpoints, MockConfig(api_key=KEY, denied_key=DENIED, reply="R1")))
    broken = MockServer(Mock(endpoints, MockConfig(api_key=KEY, stream_error=True, reply="R2")))
    return normal, broken


def _run(python: Path, script: str, *args: str) -> dict:
    done = subprocess.run(
        [str(python), "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_PROXY": "*", "no_proxy": "*"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_openai_python_reads_every_answer_and_raises_its_documented_errors(
    sdk_python: Path,
) -> None:
    wanted = ("chat-completions", "chat-completions-params-stream", "embeddings")
    normal, broken = _servers([ENDPOINTS[i] for i in wanted])
    with normal, broken:
        out = _run(sdk_python, OPENAI_SCRIPT, normal.url, broken.url, KEY, DENIED)
    assert out["chat"] == "ChatCompletion:R1"
    assert out["stream"] == "R1" and out["stream_finish"] == "stop"
    assert out["stream_usage"] and out["stream_usage"] > 0
    assert out["embedding"] == "CreateEmbeddingResponse:4"
    assert out["401"].startswith("AuthenticationError:")
    assert out["403"].startswith("PermissionDeniedError:")
    assert out["404"].startswith("NotFoundError:")
    assert out["400"].startswith("BadRequestError:")
    assert out["stream-error"].startswith("APIError:")
    for status in ("401", "403", "404", "400"):
        assert out[status].split(":", 1)[1], f"{status}: the SDK saw no request id"


def test_dashscope_python_reads_every_answer_and_its_error_codes(sdk_python: Path) -> None:
    wanted = ("text-generation", "text-generation-stream")
    normal, broken = _servers([ENDPOINTS[i] for i in wanted])
    with normal, broken:
        out = _run(sdk_python, DASHSCOPE_SCRIPT, normal.url, broken.url, KEY)
    assert out["chat"] == [200, "R1", True]
    assert out["401"] == [401, "InvalidApiKey", True]
    assert out["model"] == [400, "InvalidParameter", "Model not exist: qwen-nonexistent."]
    assert out["stream-error"][0][0] == 200
    assert out["stream-error"][-1] == [400, "DataInspectionFailed"]
