"""Run batches of JavaScript or PHP in one interpreter process, for the filter and gate tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Installed by: npm install --prefix .cache/prettier --save-exact prettier@<pins.TOOLS>
PRETTIER_DIR = Path(os.environ.get("SAMPLEGEN_PRETTIER_DIR", ROOT / ".cache" / "prettier"))
PRETTIER_MODULE = PRETTIER_DIR / "node_modules" / "prettier"
PRETTIER_BIN = PRETTIER_DIR / "node_modules" / ".bin" / "prettier"


def need(tool: str) -> str:
    """The path of ``tool``, or skip the test loudly saying it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"SKIPPED GATE: {tool} is not installed (apt-get install nodejs / php-cli)")
    return path


def need_prettier() -> Path:
    """The prettier CLI from the project cache, or skip loudly with the install command."""
    need("node")
    if not PRETTIER_BIN.exists():
        pytest.skip(
            f"SKIPPED GATE: prettier not found at {PRETTIER_BIN}; install it with "
            "`npm install --prefix .cache/prettier --save-exact prettier@3.10.1`"
        )
    return PRETTIER_BIN


def run(argv: list[str], stdin: str | None = None, cwd: Path | None = None) -> str:
    """Run ``argv`` and return stdout; a non-zero exit fails the test with the output."""
    proc = subprocess.run(
        argv, input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120
    )
    if proc.returncode != 0:
        pytest.fail(f"{argv[0]} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def eval_js(literals: list[str]) -> list[Any]:
    """Evaluate JavaScript expressions in one ``node`` process; their JSON.stringify values."""
    source = "console.log(JSON.stringify([\n" + "".join(f"{lit},\n" for lit in literals) + "]));\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "eval.mjs"
        path.write_text(source, "utf-8")
        return json.loads(run([need("node"), str(path)]))


def eval_php(literals: list[str]) -> list[Any]:
    """Evaluate PHP expressions in one ``php`` process; returned as ``[json, is_float...]`` pairs.

    Each value comes back as its JSON encoding plus a type tree (``float`` vs ``int``,
    ``object`` vs ``array``), so a test can see what ``json_encode`` would send.
    """
    body = "".join(f"    {lit},\n" for lit in literals)
    source = (
        "<?php\n"
        "function shape($v) {\n"
        "    if (is_array($v)) { return ['array', array_map('shape', $v)]; }\n"
        "    if (is_object($v)) { return ['object', array_map('shape', get_object_vars($v))]; }\n"
        "    return gettype($v);\n"
        "}\n"
        "$values = [\n" + body + "];\n"
        "$out = [];\n"
        "foreach ($values as $v) {\n"
        "    $out[] = [json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES"
        " | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR), shape($v)];\n"
        "}\n"
        "echo json_encode($out, JSON_THROW_ON_ERROR);\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "eval.php"
        path.write_text(source, "utf-8")
        return json.loads(run([need("php"), "-n", "-d", "serialize_precision=-1", str(path)]))


def prettier_format(sources: list[str]) -> list[str]:
    """Format each JavaScript module text with prettier's defaults, in one ``node`` process."""
    need_prettier()
    script = (
        f"import * as prettier from {json.dumps((PRETTIER_MODULE / 'index.mjs').as_uri())};\n"
        "import { readFileSync } from 'node:fs';\n"
        "const sources = JSON.parse(readFileSync(0, 'utf8'));\n"
        "const out = [];\n"
        "for (const s of sources) out.push(await prettier.format(s, { parser: 'babel' }));\n"
        "console.log(JSON.stringify(out));\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fmt.mjs"
        path.write_text(script, "utf-8")
        return json.loads(run([need("node"), str(path)], stdin=json.dumps(sources)))
