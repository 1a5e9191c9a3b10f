"""Every combination of request body, answer and auth kind renders a PHP sample that
``php -l`` accepts and a Go sample that gofmt leaves as it is and ``go vet`` (a compile
included) passes: the templates' branches (imports, helpers, variables) fit together
whatever the endpoint mixes. The shape fixtures run against the mock in
tests/functional/test_shapes_php_go.py; ``samplegen verify`` passed on these 280 too."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.harness.runtimes.go import GO_MOD, go_env
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs
from tests.conftest import ROOT

FORM = "application/x-www-form-urlencoded"
BODIES: dict[str, dict[str, Any] | None] = {
    "none": None,
    "json": {"content_type": "application/merge-patch+json", "example": {"a": 1}},
    "form": {"content_type": FORM, "example": {"a": "1", "b": [1, 2]}},
    "form-empty": {"content_type": FORM, "example": {}},
    "multipart": {
        "content_type": "multipart/form-data",
        "example": {"t": "x", "j": {"k": [1]}},
        "files": [{"field": "f", "path": "f.txt", "example": ""}],
    },
    "raw-text": {"content_type": "text/plain", "example": "<?xml?>\n"},
    "raw-file": {"content_type": "image/png", "file": {"path": "p.png"}},
}
ANSWERS: dict[str, dict[str, Any]] = {
    "json": {"status": 200, "reply_path": ["x"], "example": {"x": "y"}},
    "sse-text": {"status": 200, "format": "sse", "example": "tick"},
    "sse-json": {"status": 200, "format": "sse", "reply_path": ["d"], "example": {"d": "x"}},
    "text": {"status": 200, "format": "text", "content_type": "text/plain", "example": "t"},
    "empty": {"status": 204, "format": "empty"},
    "redirect": {"status": 303, "format": "redirect", "example": "https://x.test/y"},
    "binary": {"status": 200, "format": "binary", "save_as": "out.bin"},
    "task": {"status": 200, "reply_path": ["o", "url"], "example": {"o": {"id": "t1"}}},
}
TASK = {
    "id_path": ["o", "id"],
    "poll_path": "/v1/tasks/{task_id}",
    "status_path": ["o", "st"],
    "interval": 1,
    "timeout": 10,
    "example": {"o": {"id": "t1", "st": "SUCCEEDED", "url": "u"}},
}
AUTHS: dict[str, dict[str, str]] = {
    "header": {"type": "header", "header": "X-Key", "scheme": "Token", "env": "C_KEY"},
    "query": {"type": "query", "name": "key", "env": "C_KEY"},
    "basic": {"type": "basic", "env": "C_USER", "password_env": "C_PASS"},
    "cookie": {"type": "cookie", "name": "s", "env": "C_KEY"},
    "none": {"type": "none"},
}
PARAMETERS = [
    {"name": "id", "in": "path", "example": ""},
    {"name": "q", "in": "query", "example": [1, 2]},
    {"name": "X-H", "in": "header", "example": "h"},
    {"name": "c", "in": "cookie", "example": "v"},
]


def combination(body: str, answer: str, auth: str) -> dict[str, Any]:
    """The spec of one combination (with a path, query, header and cookie parameter)."""
    data: dict[str, Any] = {
        "id": f"c-{body}-{answer}-{auth}",
        "title": f"{body} body, {answer} answer, {auth} auth",
        "style": "combination",
        "regions": {"prod": {"label": "Staging", "base_url": "http://localhost:8080/api"}},
        "method": "GET" if BODIES[body] is None else "PROPFIND",
        "path": "/v1/x/{id}",
        "auth": AUTHS[auth],
        "parameters": PARAMETERS,
        "response": ANSWERS[answer],
        "errors": [{"status": 404, "when": "not_found", "body": {"m": "no"}}],
    }
    if auth != "none":
        data["errors"].append({"status": 401, "when": "invalid_api_key", "body": {"m": "bad"}})
    if BODIES[body] is not None:
        data["request"] = BODIES[body]
    if answer == "task":
        data["task"] = TASK
    return data


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every combination's PHP and Go sample, written into a temp folder."""
    root = tmp_path_factory.mktemp("combinations")
    specs = root / "specs"
    specs.mkdir()
    for body, answer, auth in itertools.product(BODIES, ANSWERS, AUTHS):
        data = combination(body, answer, auth)
        (specs / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    env = make_environment()
    written: dict[str, list[Path]] = {"php-curl": [], "go-nethttp": []}
    for endpoint in load_specs(specs):
        for name, files in written.items():
            assert variant(name).decline_reason(endpoint) is None, (endpoint.id, name)
            folder = root / "out" / endpoint.id.replace("-", "_") / name.split("-")[0]
            folder.mkdir(parents=True)
            path = folder / ("index.php" if name == "php-curl" else "main.go")
            path.write_text(render_sample(env, endpoint, variant(name)), "utf-8")
            files.append(path)
    assert len(written["php-curl"]) == len(BODIES) * len(ANSWERS) * len(AUTHS)
    return written


def test_php_lint_on_every_combination(samples: dict[str, list[Path]]) -> None:
    php = shutil.which("php")
    if php is None:
        pytest.skip("SKIPPED GATE: php is not installed (apt-get install php-cli)")
    for path in samples["php-curl"]:
        done = subprocess.run([php, "-l", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "?>" not in path.read_text("utf-8")


def test_gofmt_and_go_vet_on_every_combination(samples: dict[str, list[Path]]) -> None:
    if shutil.which("go") is None or shutil.which("gofmt") is None:
        pytest.skip("SKIPPED GATE: the Go toolchain (go, gofmt) is not on PATH (golang-go)")
    module = samples["go-nethttp"][0].parents[2]  # out/: one module, a package per sample
    fmt = subprocess.run(["gofmt", "-l", str(module)], capture_output=True, text=True, check=False)
    assert fmt.returncode == 0 and fmt.stdout == "", fmt.stdout + fmt.stderr
    (module / "go.mod").write_text(GO_MOD)
    vet = subprocess.run(
        ["go", "vet", "./..."],
        cwd=module,
        env={**os.environ, **go_env(ROOT / ".cache")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert vet.returncode == 0 and vet.stdout + vet.stderr == "", vet.stdout + vet.stderr
