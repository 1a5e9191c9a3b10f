"""Gates on the rendered Node.js and PHP samples: node --check, prettier --check, php -l."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from _toolchain import need, need_prettier, run

from generator.pipeline import render_tree


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
    return files


def test_both_endpoints_rendered(rendered: dict[str, list[Path]]) -> None:
    names = {p.relative_to(p.parents[3]).as_posix() for p in rendered["node"] + rendered["php"]}
    assert {
        "chat-completions/node/fetch/index.mjs",
        "chat-completions/node/openai/index.mjs",
        "text-generation/node/fetch/index.mjs",
        "chat-completions/php/curl/index.php",
        "text-generation/php/curl/index.php",
    } <= names
    assert not any("text-generation/node/openai" in n for n in names)


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
    env = {k: v for k, v in os.environ.items() if k != "DASHSCOPE_API_KEY"}
    env.update({"https_proxy": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"})
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


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
            assert "DASHSCOPE_API_KEY" in done.stderr
            assert done.stdout == ""
            checked += 1
    assert checked >= 4


def test_no_key_in_any_sample(rendered: dict[str, list[Path]]) -> None:
    for path in rendered["node"] + rendered["php"]:
        text = path.read_text("utf-8")
        assert "sk-" not in text
        assert "DASHSCOPE_API_KEY" in text
