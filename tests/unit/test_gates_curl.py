"""Gates on the rendered curl samples: bash -n, shellcheck, key check, the SSE reader offline."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.model.streams import stream_frames
from generator.output.pipeline import render_tree
from generator.sources import load_specs
from tests.conftest import SHAPES, copy_specs

SPECS = Path(__file__).resolve().parents[2] / "specs"
OTHER_VENDOR = SPECS.parent / "tests" / "fixtures" / "other-vendor"


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"SKIPPED GATE: {tool} is not installed (apt-get install {tool})")
    return path


def _write(root: Path, samples) -> dict[str, Path]:
    paths = {}
    for sample in samples:
        path = root / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        paths[sample.relpath] = path
    return paths


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every curl sample of every edition, keyed by its relative path."""
    return _write(tmp_path_factory.mktemp("curl"), render_tree(languages=["curl"]))


@pytest.fixture(scope="module")
def other_vendor(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every curl sample of the other-vendor fixtures (their own hosts, keys and shapes) and
    of the shape fixtures of the grown spec format."""
    found = _write(tmp_path_factory.mktemp("ov"), render_tree(OTHER_VENDOR, languages=["curl"]))
    shapes = render_tree(SHAPES, languages=["curl"], locale="en")
    return {**found, **_write(tmp_path_factory.mktemp("shapes"), shapes)}


def test_every_endpoint_is_rendered(rendered: dict[str, Path], other_vendor) -> None:
    assert {f"{e.id}/curl/curl/request.sh" for e in load_specs(SPECS)} <= set(rendered)
    ids = {e.id for e in load_specs(OTHER_VENDOR)} | {e.id for e in load_specs(SHAPES)}
    assert len(ids) >= 20
    assert {f"{e}/curl/curl/request.sh" for e in ids} <= set(other_vendor)


def test_other_vendor_samples_pass_bash_n_and_shellcheck(other_vendor: dict[str, Path]) -> None:
    shellcheck = _need("shellcheck")
    for path in other_vendor.values():
        done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (path, done.stderr)
    done = subprocess.run([shellcheck, *map(str, other_vendor.values())], capture_output=True)
    assert done.returncode == 0, done.stdout.decode()


def test_bash_syntax(rendered: dict[str, Path]) -> None:
    bash = _need("bash")
    for path in rendered.values():
        done = subprocess.run([bash, "-n", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, (path, done.stderr)


def test_shellcheck(rendered: dict[str, Path]) -> None:
    shellcheck = _need("shellcheck")
    done = subprocess.run([shellcheck, *map(str, rendered.values())], capture_output=True)
    assert done.returncode == 0, done.stdout.decode()


def _run(path: Path, key: str | None, fake_bin: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    if key is not None:
        env["DASHSCOPE_API_KEY"] = key
    if fake_bin is not None:
        env["PATH"] = f"{fake_bin}{os.pathsep}{env.get('PATH', '')}"
    env.update({"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    return subprocess.run(
        ["bash", path.name], cwd=path.parent, env=env, capture_output=True, text=True, timeout=30
    )


def test_missing_key_stops_with_a_message(rendered: dict[str, Path]) -> None:
    _need("bash")
    for relpath, path in rendered.items():
        if relpath.startswith(("locales/", "regions/")):
            continue
        done = _run(path, None)
        assert done.returncode == 1, (path, done.stderr)
        assert "DASHSCOPE_API_KEY" in done.stderr
        assert done.stdout == ""


def _fake_curl(folder: Path, answer: bytes) -> Path:
    """A ``curl`` on PATH that prints ``answer`` (what curl --include would write)."""
    folder.mkdir(exist_ok=True)
    (folder / "answer").write_bytes(answer)
    script = folder / "curl"
    script.write_text(f"#!/bin/sh\ncat {str(folder / 'answer')!r}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


REPLY = 'piece one, "two" \\ $(three) 😀 日本語 ' + "\u2028 end"


@pytest.mark.parametrize("endpoint_id", ["chat-completions-stream", "text-generation-stream"])
def test_stream_reader_prints_the_pieces_contiguously(
    rendered: dict[str, Path], endpoint_id: str, tmp_path: Path
) -> None:
    """The SSE loop (curl faked, real jq) prints the reply exactly, then one newline."""
    _need("jq")
    (endpoint,) = [e for e in load_specs(SPECS) if e.id == endpoint_id]
    events = "".join(
        frame.replace("\n", "\r\n") + "\r\n\r\n" for frame in stream_frames(endpoint, REPLY)
    )
    head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
    fake = _fake_curl(tmp_path / "bin", (head + events).encode("utf-8"))
    done = _run(rendered[f"{endpoint_id}/curl/curl/request.sh"], "sk-test", fake)
    assert done.returncode == 0, done.stderr
    assert done.stdout == REPLY + "\n"


@pytest.mark.parametrize("endpoint_id", ["chat-completions-stream", "text-generation-stream"])
def test_stream_error_status_sends_the_body_to_stderr(
    rendered: dict[str, Path], endpoint_id: str, tmp_path: Path
) -> None:
    _need("jq")
    (endpoint,) = [e for e in load_specs(SPECS) if e.id == endpoint_id]
    error = endpoint.error("invalid_api_key")
    assert error is not None
    body = json.dumps(error.body)
    head = "HTTP/2 401 \r\ncontent-type: application/json\r\n\r\n"
    fake = _fake_curl(tmp_path / "bin", (head + body).encode("utf-8"))
    done = _run(rendered[f"{endpoint_id}/curl/curl/request.sh"], "sk-test", fake)
    assert done.returncode == 1
    assert done.stdout == ""
    assert body in done.stderr


@pytest.mark.parametrize(
    "spec",
    [
        "chat-completions-stream.yaml",
        "text-generation-stream.yaml",
        "vision-chat-completions.yaml",
        "multimodal-generation.yaml",
    ],
)
def test_hostile_spec_still_passes_the_gates(spec: str, tmp_path: Path) -> None:
    """Hostile strings in the body, a header value and a reply key stay inert in bash."""
    shellcheck = _need("shellcheck")
    data = yaml.safe_load((SPECS / spec).read_text("utf-8"))
    hostile = 'it\'s "$HOME" ${x} $(touch pwned) `touch pwned` \\ \n \u202e'
    data["request"]["example"]["model"] = "qwen-plus'$(touch pwned)"
    data["headers"]["X-Note"] = 'it\'s "$HOME" ${x} `id` \\'
    response = data["response"]
    *parents, last = response["reply_path"]
    node = response["example"]
    for part in parents:
        node = node[part]
    node[hostile] = node.pop(last)
    response["reply_path"] = [*parents, hostile]
    data.pop("translations", None)
    specs = tmp_path / "specs"
    copy_specs(specs)  # the API-level file the spec inherits
    (specs / spec).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    paths = _write(tmp_path / "out", render_tree(specs, languages=["curl"]))
    for path in paths.values():
        assert subprocess.run(["bash", "-n", str(path)]).returncode == 0
    # Info-level notes ("expressions don't expand in single quotes") are the point here.
    done = subprocess.run(
        [shellcheck, "--severity=warning", *map(str, paths.values())], capture_output=True
    )
    assert done.returncode == 0, done.stdout.decode()
    (endpoint,) = load_specs(specs)
    if endpoint.streams:  # the reader finds the reply under the hostile key
        _need("jq")
        frames = stream_frames(endpoint, REPLY)
        answer = "HTTP/1.1 200 OK\r\n\r\n" + "".join(f + "\n\n" for f in frames)
        fake = _fake_curl(tmp_path / "bin", answer.encode("utf-8"))
        done = _run(paths[f"{endpoint.id}/curl/curl/request.sh"], "sk-test", fake)
        assert (done.returncode, done.stdout) == (0, REPLY + "\n"), done.stderr
    for path in paths.values():
        _run(path, None)
        assert not (path.parent / "pwned").exists()


def test_accumulating_stream_prints_each_new_part_once(tmp_path: Path) -> None:
    """DashScope without incremental_output sends the whole text so far in every event:
    the sample prints only what is new, so the reply shows exactly once."""
    _need("jq")
    data = yaml.safe_load((SPECS / "text-generation-stream.yaml").read_text("utf-8"))
    data["request"]["example"]["parameters"]["incremental_output"] = False
    data.pop("translations", None)
    specs = tmp_path / "specs"
    copy_specs(specs)
    (specs / "text-generation-stream.yaml").write_text(yaml.safe_dump(data), "utf-8")
    (endpoint,) = load_specs(specs)
    paths = _write(tmp_path / "out", render_tree(specs, languages=["curl"], locale="en"))
    reply = REPLY + "\nlast line\n"
    frames = stream_frames(endpoint, reply)
    assert reply in frames[-1] or json.dumps(reply, ensure_ascii=False)[1:-1] in frames[-1]
    answer = "HTTP/1.1 200 OK\r\n\r\n" + "".join(f + "\n\n" for f in frames)
    fake = _fake_curl(tmp_path / "bin", answer.encode("utf-8"))
    done = _run(paths["text-generation-stream/curl/curl/request.sh"], "sk-test", fake)
    assert (done.returncode, done.stdout) == (0, reply + "\n"), done.stderr
