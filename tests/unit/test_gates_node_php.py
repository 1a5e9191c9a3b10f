"""Gates on the rendered Node.js and PHP samples: node --check, prettier --check, php -l."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from _toolchain import need, need_prettier, run

from generator.model.streams import put_at, split_reply, stream_frames
from generator.output.pipeline import render_tree
from generator.render.filters.node import node_str
from generator.render.filters.php import php_str
from generator.sources import load_specs
from tests.conftest import SHAPES, copy_specs


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every Node.js and PHP sample of every edition, written into a temp folder."""
    out = tmp_path_factory.mktemp("samples")
    files: dict[str, list[Path]] = {"node": [], "php": []}
    for sample in render_tree(languages=["node", "php"]):
        path = out / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        files[sample.variant.language].append(path)
    # The shape fixtures of the grown spec format, in both languages.
    for sample in render_tree(SHAPES, languages=["node", "php"], locale="en"):
        path = out / "shapes" / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        files[sample.variant.language].append(path)
    # The other-vendor fixtures (their own hosts, keys, forms, uploads, downloads) in PHP.
    for sample in render_tree(OTHER_VENDOR, languages=["php"]):
        path = out / "other-vendor" / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        files["php"].append(path)
    return files


OPENAI_ENDPOINTS = ("chat-completions", "chat-completions-stream", "vision-chat-completions")
NATIVE_ENDPOINTS = ("text-generation", "text-generation-stream", "multimodal-generation")
OTHER_VENDOR = Path(__file__).resolve().parents[1] / "fixtures" / "other-vendor"
# What the OpenAI Node.js SDK sample calls beyond chat, and the other endpoints node-fetch renders.
NODE_OPENAI_MORE = (
    "chat-completions-params",
    "chat-completions-params-stream",
    "function-calling",
    "embeddings",
    "file-upload",
    "file-list",
    "file-delete",
)
NODE_FETCH_MORE = (
    "text-generation-params",
    "text-embedding",
    "text-rerank",
    "image-synthesis",
    "task-status",
    "app-completion",
)


def test_every_endpoint_rendered(rendered: dict[str, list[Path]]) -> None:
    names = {p.relative_to(p.parents[3]).as_posix() for p in rendered["node"] + rendered["php"]}
    expected = {f"{e}/node/openai/index.mjs" for e in OPENAI_ENDPOINTS + NODE_OPENAI_MORE}
    for endpoint in OPENAI_ENDPOINTS + NATIVE_ENDPOINTS:
        expected |= {f"{endpoint}/node/fetch/index.mjs", f"{endpoint}/php/curl/index.php"}
    expected |= {f"{e}/node/fetch/index.mjs" for e in NODE_OPENAI_MORE + NODE_FETCH_MORE}
    assert expected <= names
    native = NATIVE_ENDPOINTS + NODE_FETCH_MORE
    assert not any(f"{e}/node/openai" in n for n in names for e in native)
    # Every endpoint, of every body, auth and answer kind, has a PHP sample.
    every = [e.id for e in load_specs(Path("specs"))] + [e.id for e in load_specs(OTHER_VENDOR)]
    assert len(every) >= 24
    assert {f"{e}/php/curl/index.php" for e in every} <= names
    # So does every shape fixture of the grown spec format.
    shapes = [e.id for e in load_specs(SHAPES)]
    assert len(shapes) >= 16
    assert {f"{e}/php/curl/index.php" for e in shapes} <= names


def test_node_check(rendered: dict[str, list[Path]]) -> None:
    node = need("node")
    for path in rendered["node"]:
        run([node, "--check", str(path)])


def test_prettier_check(rendered: dict[str, list[Path]]) -> None:
    prettier = need_prettier()
    run([str(prettier), "--check", *map(str, rendered["node"])])


def test_php_lint(rendered: dict[str, list[Path]]) -> None:
    php = need("php")
    for path in rendered["php"]:
        assert "No syntax errors detected" in run([php, "-l", str(path)])


def test_php_has_no_closing_tag_and_psr12_indent(rendered: dict[str, list[Path]]) -> None:
    for path in rendered["php"]:
        text = path.read_text("utf-8")
        assert "?>" not in text
        assert text.startswith("<?php\n\n")
        assert "\t" not in text
        assert all((len(line) - len(line.lstrip(" "))) % 4 == 0 for line in text.splitlines())


def _without_key(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_KEY", "_TOKEN"))}
    env.update({"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def _key_variable(path: Path) -> str:
    """The environment variable the sample at ``path`` reads its key from (its spec's)."""
    endpoint_id = path.parts[-4]
    for folder in (Path("specs"), OTHER_VENDOR, SHAPES):
        for endpoint in load_specs(folder):
            if endpoint.id == endpoint_id:
                return endpoint.auth.env
    raise AssertionError(f"no spec for {path}")


def test_missing_key_stops_with_a_message(rendered: dict[str, list[Path]]) -> None:
    """No key: exit 1 with a clear message on stderr, before any request is sent.

    The openai variant is left out: its ``import OpenAI from "openai"`` needs the SDK
    installed beside it (the harness covers it against the mock).
    """
    checked = 0
    for language, tool in (("node", "node"), ("php", "php")):
        exe = need(tool)
        for path in rendered[language]:
            if "locales" in path.parts or "openai" in path.parts:
                continue
            done = _without_key([exe, path.name], path.parent)
            assert done.returncode == 1, (path, done.stderr)
            assert _key_variable(path) in done.stderr
            assert done.stdout == ""
            checked += 1
    assert checked >= 4


def test_no_key_in_any_sample(rendered: dict[str, list[Path]]) -> None:
    for path in rendered["node"] + rendered["php"]:
        text = path.read_text("utf-8")
        assert "sk-" not in text
        assert _key_variable(path) in text


HOSTILE_TEXTS = [
    '"; system("rm -rf /"); "',
    "$(touch /tmp/x) ${x} {$x} #{x} `id`",
    "back\\slash \\' \\\" \\n",
    "line1\nline2\r\n\ttab",
    "</script> \u2028 \u202e RTL 😀 日本語",
    "x" * 90,
]
HOSTILE_KEY = 'it\'s "$x" ${x} {$x} \\'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The real specs with hostile message contents (text or content parts), a hostile
    header value and model name, and for streams a hostile name in the reply path."""
    import yaml

    root = tmp_path_factory.mktemp("hostile")
    specs = copy_specs(root / "specs")  # with the API-level file the specs inherit
    for endpoint in OPENAI_ENDPOINTS + NATIVE_ENDPOINTS:
        source = Path("specs") / f"{endpoint}.yaml"
        data = yaml.safe_load(source.read_text("utf-8"))
        example = data["request"]["example"]
        holder = example.get("input", example)
        holder["messages"] = [{"role": "user", "content": text} for text in HOSTILE_TEXTS]
        if endpoint == "vision-chat-completions":
            holder["messages"] = [{"role": "user", "content": _openai_parts()}]
        if endpoint == "multimodal-generation":
            parts = [{"image": HOSTILE_TEXTS[1]}] + [{"text": t} for t in HOSTILE_TEXTS]
            holder["messages"] = [{"role": "user", "content": parts}]
        if endpoint.endswith("-stream"):
            response = data["response"]
            response["reply_path"] = [*response["reply_path"][:-1], HOSTILE_KEY]
            response["example"] = put_at(response["example"], response["reply_path"], "I am")
        example["model"] = "qwen-plus'\"$x"
        data["title"] = "Title ?> <?php exit(3); */ /* \u2028 end"
        data.pop("translations", None)
        example["extra"] = {"Content-Type": [1.5, -0.0001, 10**15, None, True], "__proto__": {}}
        data["headers"]["X-Note"] = 'it\'s "$HOME" ${x} {$x} \\'
        (specs / source.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    files: dict[str, list[Path]] = {"node": [], "php": []}
    for sample in render_tree(specs, languages=["node", "php"]):
        path = root / "out" / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        files[sample.variant.language].append(path)
    return files


def _openai_parts() -> list[dict[str, object]]:
    """Content parts (text and image URL) holding the hostile texts."""
    parts: list[dict[str, object]] = [{"type": "text", "text": t} for t in HOSTILE_TEXTS]
    return [{"type": "image_url", "image_url": {"url": HOSTILE_TEXTS[1]}}, *parts]


def test_hostile_reply_path_is_read_through_escaped_literals(
    hostile: dict[str, list[Path]],
) -> None:
    streams = [p for p in hostile["node"] + hostile["php"] if "-stream/" in p.as_posix()]
    assert len(streams) == 5 * 5  # 5 stream samples in the default, cn, us, ja and zh editions
    for path in streams:
        literal = node_str(HOSTILE_KEY) if path.suffix == ".mjs" else php_str(HOSTILE_KEY)
        assert f"[{literal}]" in path.read_text("utf-8"), path


def test_hostile_spec_still_passes_the_gates(hostile: dict[str, list[Path]]) -> None:
    php = need("php")
    for path in hostile["php"]:
        assert "No syntax errors detected" in run([php, "-l", str(path)])
    node = need("node")
    for path in hostile["node"]:
        run([node, "--check", str(path)])
    run([str(need_prettier()), "--check", *map(str, hostile["node"])])


STREAM_REPLY = "Ünïcödé 日本語 😀: a streamed reply, cut anywhere"


def _serve_sse(
    payload: bytes, first: int, released: threading.Event, waits: list[bool]
) -> ThreadingHTTPServer:
    """A plain-HTTP server answering each POST with ``payload`` a few bytes per write.

    The writes cut lines, and UTF-8 sequences, anywhere. After the first ``first`` bytes
    (one whole event) it waits up to 5 seconds for ``released``, set by the test once the
    sample has printed that event's text, and notes in ``waits`` whether it came.
    """

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream;charset=UTF-8")
            self.end_headers()
            self.send_slowly(payload[:first])
            waits.append(released.wait(5))
            self.send_slowly(payload[first:])

        def send_slowly(self, data: bytes) -> None:
            for start in range(0, len(data), 3):
                self.wfile.write(data[start : start + 3])
                self.wfile.flush()
                time.sleep(0.001)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(
    "sample",
    [
        "chat-completions-stream/node/fetch/index.mjs",
        "chat-completions-stream/php/curl/index.php",
        "text-generation-stream/node/fetch/index.mjs",
        "text-generation-stream/php/curl/index.php",
    ],
)
def test_stream_prints_each_piece_as_it_arrives(
    rendered: dict[str, list[Path]], tmp_path: Path, sample: str, newline: str
) -> None:
    """Events cut at any byte still print the reply exactly, each piece before the next
    event arrives (the server holds the rest back until the first piece is on stdout).

    The sample is run unmodified but for its URL, pointed at the plain-HTTP server.
    """
    endpoint_id, language = sample.split("/")[:2]
    exe = need("node" if language == "node" else "php")
    [endpoint] = [e for e in load_specs(Path("specs")) if e.id == endpoint_id]
    frames = stream_frames(endpoint, STREAM_REPLY)
    payload = "".join(f"{frame}\n\n" for frame in frames).replace("\n", newline).encode()
    first = payload.index((newline * 2).encode()) + 2 * len(newline)
    first_piece = split_reply(STREAM_REPLY)[0]

    released = threading.Event()
    waits: list[bool] = []
    server = _serve_sse(payload, first, released, waits)
    [source] = [
        p
        for p in rendered[language]
        if p.as_posix().endswith("/" + sample) and not {"regions", "locales"} & set(p.parts)
    ]
    text = source.read_text("utf-8")
    local = f"http://127.0.0.1:{server.server_address[1]}{endpoint.path}"
    assert text.count(endpoint.url()) == 1
    (tmp_path / source.name).write_text(text.replace(endpoint.url(), local), "utf-8")

    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["DASHSCOPE_API_KEY"] = "test-key"
    printed = bytearray()
    errors = (tmp_path / "stderr").open("wb")
    try:
        proc = subprocess.Popen(
            [exe, source.name],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
        )

        def read_stdout() -> None:
            assert proc.stdout is not None
            while chunk := os.read(proc.stdout.fileno(), 4096):
                printed.extend(chunk)
                if first_piece.encode() in printed:
                    released.set()

        reader = threading.Thread(target=read_stdout, daemon=True)
        reader.start()
        proc.wait(timeout=60)
        reader.join(10)
    finally:
        errors.close()
        server.shutdown()
        server.server_close()
    assert proc.returncode == 0, (tmp_path / "stderr").read_text()
    assert waits[0], "the first piece was not printed before the rest of the stream came"
    assert printed.decode("utf-8") == STREAM_REPLY + "\n"
