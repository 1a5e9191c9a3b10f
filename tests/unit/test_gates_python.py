"""Gates on the rendered Python samples: ruff format and ruff check clean, compiles, key checks."""

from __future__ import annotations

import os
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.harness.runner import default_cache
from generator.harness.runtimes.python import PythonRuntime
from generator.output.pipeline import render_tree
from generator.render.environment import make_environment
from generator.render.filters.python import py_subscripts
from generator.render.registry import variants
from generator.render.samples import render_sample
from generator.sources import load_spec, load_specs
from tests.conftest import SHAPES, copy_specs

SPECS = Path(__file__).resolve().parents[2] / "specs"
# The rules `make lint` applies to generated Python (output/ and the goldens).
RUFF_CHECK = ["check", "--no-cache", "--isolated", "--select", "E,F,W,I,B,UP", "--ignore", "E501"]


def _write(root: Path, samples) -> list[Path]:
    paths = []
    for sample in samples:
        path = root / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        paths.append(path)
    return paths


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every Python sample of every edition (regions, locales), written into a temp folder."""
    return _write(tmp_path_factory.mktemp("py"), render_tree(languages=["python"]))


def test_every_supported_endpoint_and_variant_is_rendered(rendered: list[Path]) -> None:
    names = {p.relative_to(p.parents[3]).as_posix() for p in rendered}
    expected = {
        f"{e.id}/python/{v.key}/main.py"
        for e in load_specs(SPECS)
        for v in variants(["python"])
        if v.supports(e)
    }
    assert expected <= names
    assert {
        "embeddings/python/openai/main.py",
        "file-upload/python/openai/main.py",
        "file-list/python/openai/main.py",
        "file-delete/python/openai/main.py",
        "function-calling/python/openai/main.py",
        "text-embedding/python/dashscope/main.py",
        "text-rerank/python/dashscope/main.py",
        "image-synthesis/python/dashscope/main.py",
        "task-status/python/dashscope/main.py",
        "text-generation-params/python/dashscope/main.py",
        "app-completion/python/requests/main.py",
        "image-synthesis/python/requests/main.py",
        "file-upload/python/requests/main.py",
        "chat-completions-stream/python/openai/main.py",
        "chat-completions-stream/python/requests/main.py",
        "text-generation-stream/python/dashscope/main.py",
        "text-generation-stream/python/requests/main.py",
        "vision-chat-completions/python/openai/main.py",
        "multimodal-generation/python/dashscope/main.py",
    } <= names


def test_ruff_format_leaves_them_alone(rendered: list[Path]) -> None:
    done = _ruff("format", "--check", "--isolated", *map(str, rendered))
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_check_is_clean(rendered: list[Path]) -> None:
    done = _ruff(*RUFF_CHECK, *map(str, rendered))
    assert done.returncode == 0, done.stdout + done.stderr


def test_they_compile(rendered: list[Path], tmp_path: Path) -> None:
    for path in rendered:
        py_compile.compile(str(path), cfile=str(tmp_path / "x.pyc"), doraise=True)


def test_streaming_samples_print_pieces_unseparated_and_flushed(rendered: list[Path]) -> None:
    streamed = [p for p in rendered if "-stream" in p.parts[-4]]
    assert len(streamed) >= 4
    for path in streamed:
        text = path.read_text("utf-8")
        assert 'end="", flush=True)' in text, path
        assert text.rstrip().endswith("print()"), path


def test_multimodal_sdk_samples_call_the_multimodal_api(rendered: list[Path]) -> None:
    for path in rendered:
        if path.parts[-4] == "multimodal-generation" and path.parts[-2] == "dashscope":
            assert "dashscope.MultiModalConversation.call(" in path.read_text("utf-8")


@pytest.fixture(scope="module")
def sample_python() -> Path:
    """The interpreter the harness runs Python samples with (its venv of pinned SDKs)."""
    runtime = PythonRuntime()
    runtime.setup(default_cache())
    assert runtime.venv is not None
    return runtime.venv / "bin" / "python"


def _without_key(python: Path, path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    env.update({"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    return subprocess.run(
        [str(python), path.name], cwd=path.parent, env=env, capture_output=True, text=True
    )


def test_missing_key_stops_with_a_message(rendered: list[Path], sample_python: Path) -> None:
    """No key: exit 1 with the message on stderr and nothing on stdout, before any request."""
    checked = 0
    for path in rendered:
        if "locales" in path.parts or "regions" in path.parts:
            continue
        done = _without_key(sample_python, path)
        assert done.returncode == 1, (path, done.stderr)
        assert "DASHSCOPE_API_KEY" in done.stderr
        assert done.stdout == ""
        checked += 1
    assert checked >= 6


HOSTILE_TEXTS = [
    '"; import os; os.system("id"); "',
    "$(touch /tmp/x) ${x} {$x} #{x} {x} `id` %s %(x)s",
    'back\\slash \\\' \\" \\n """',
    "line1\nline2\r\n\ttab\x00\x1b",
    "\u2028 \u202e RTL 😀 日本語",
    "x" * 120,
]


def _replace_texts(value: object, text: str) -> object:
    """``value`` with every string replaced by ``text``, except content-part ``type`` tags."""
    if isinstance(value, dict):
        return {k: v if k == "type" else _replace_texts(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_texts(v, text) for v in value]
    return text if isinstance(value, str) else value


def _hostile_spec(name: str, root: Path, reply_key: str | None = None) -> Path:
    """The real spec with hostile messages, model, title and header value; optionally the
    reply text moved under a hostile key (``reply_key``) in the response example."""
    data = yaml.safe_load((SPECS / name).read_text("utf-8"))
    example = data["request"]["example"]
    holder = example.get("input", example)
    parts = holder["messages"][-1]["content"]  # a text, or a list of content parts
    holder["messages"] = [
        {"role": "user", "content": _replace_texts(parts, text)} for text in HOSTILE_TEXTS
    ]
    example["model"] = "qwen-plus'\"$x"
    hostile_key = "x=__import__('os').getcwd(), class"
    (example.setdefault("parameters", {}) if "input" in example else example)[hostile_key] = 1
    data["title"] = 'Title """ \\ \u2028 end'
    data.pop("translations", None)
    data["headers"]["X-Note"] = 'it\'s "$HOME" ${x} {$x} \\'
    if reply_key is not None:
        response = data["response"]
        *parents, last = response["reply_path"]
        node = response["example"]
        for part in parents:
            node = node[part]
        node[reply_key] = node.pop(last)
        response["reply_path"] = [*parents, reply_key]
    path = root / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


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
    specs = copy_specs(tmp_path / "specs")  # with the API-level file the spec inherits
    _hostile_spec(spec, specs)
    paths = _write(tmp_path / "out", render_tree(specs, languages=["python"]))
    assert paths
    for path in paths:
        py_compile.compile(str(path), cfile=str(tmp_path / "x.pyc"), doraise=True)
    done = _ruff("format", "--check", "--isolated", *map(str, paths))
    assert done.returncode == 0, done.stdout + done.stderr
    done = _ruff(*RUFF_CHECK, *map(str, paths))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("spec", ["chat-completions-stream.yaml", "text-generation-stream.yaml"])
def test_hostile_reply_key_is_read_safely_by_requests(spec: str, tmp_path: Path) -> None:
    """requests subscripts any key; so do the SDK variants (OpenAI through ``to_dict()``):
    a valid spec never makes generation fail."""
    key = 'a"] + __import__("os").getcwd() + x["\n'
    endpoint = load_spec(_hostile_spec(spec, copy_specs(tmp_path), reply_key=key))
    env = make_environment()
    (requests,) = [v for v in variants(["python"]) if v.key == "requests"]
    text = render_sample(env, endpoint, requests)
    compile(text, "main.py", "exec")
    assert f"event{py_subscripts(endpoint.reply_path)}" in text
    sdks = [v for v in variants(["python"]) if v.key != "requests" and v.supports(endpoint)]
    assert sdks
    for sdk in sdks:
        text = render_sample(env, endpoint, sdk)
        compile(text, "main.py", "exec")
        assert py_subscripts(endpoint.reply_path) in text, sdk.name


# -- the shapes of the grown spec format (tests/fixtures/shapes) ----------------------------------
@pytest.fixture(scope="module")
def shape_samples(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The Python samples of every shape fixture, default edition."""
    samples = render_tree(SHAPES, languages=["python"], locale="en")
    return _write(tmp_path_factory.mktemp("py-shapes"), samples)


def test_shape_samples_pass_ruff_and_compile(shape_samples: list[Path], tmp_path: Path) -> None:
    ids = {e.id for e in load_specs(SHAPES)}
    assert {p.parts[-4] for p in shape_samples} == ids  # requests renders every shape
    done = _ruff("format", "--check", "--isolated", *map(str, shape_samples))
    assert done.returncode == 0, done.stdout + done.stderr
    done = _ruff(*RUFF_CHECK, *map(str, shape_samples))
    assert done.returncode == 0, done.stdout + done.stderr
    for path in shape_samples:
        py_compile.compile(str(path), cfile=str(tmp_path / "x.pyc"), doraise=True)


def test_shape_samples_without_their_keys_stop_with_a_message(
    shape_samples: list[Path], sample_python: Path
) -> None:
    endpoints = {e.id: e for e in load_specs(SHAPES)}
    for path in shape_samples:
        envs = endpoints[path.parts[-4]].auth.envs
        env = {k: v for k, v in os.environ.items() if k not in envs}
        env.update({"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
        done = subprocess.run(
            [str(sample_python), path.name],
            cwd=path.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, (path, done.stderr)
        assert all(name in done.stderr for name in envs), (path, done.stderr)
        assert done.stdout == ""
