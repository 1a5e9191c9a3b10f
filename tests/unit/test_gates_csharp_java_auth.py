"""Gates for C# and Java on every shape with every way of sending the key.

The shape fixtures and the shipped specs (tasks and both stream framings among them) each
take every auth kind in turn: a key in the query, a key in a cookie (with the cookie
parameters after it), HTTP Basic, and none. Each C# sample compiles with ``mcs`` and
warnings as errors; each Java sample with ``javac -Xlint:all -Werror`` and is
google-java-format clean: the paths no fixture has on its own (a task polled with Basic
credentials, plain events with the key in the query...) are code you could paste.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_gates_java import gjf_check

from generator.harness.runtimes.csharp import MCS_ARGS
from generator.render.environment import make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs
from tests.conftest import SHAPES, SPECS

AUTHS: dict[str, dict[str, str]] = {
    "query": {"type": "query", "name": "api_key", "env": "X_QUERY_KEY"},
    "cookie": {"type": "cookie", "name": "session", "env": "X_SESSION"},
    "basic": {"type": "basic", "env": "X_USER", "password_env": "X_PASSWORD"},
    "none": {"type": "none"},
}
SHIPPED = ["image-synthesis.yaml", "text-generation-stream.yaml", "chat-completions-stream.yaml"]


def _without_key_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in errors if e.get("when") != "invalid_api_key"]


def rewrite(source: Path, target: Path, auth: dict[str, str], names: list[str] | None) -> None:
    """Copy the specs of ``source`` (``names``, default all) into ``target`` with ``auth``."""
    target.mkdir(parents=True)
    api = yaml.safe_load((source / "_api.yaml").read_text("utf-8"))
    api["auth"] = auth
    if auth["type"] == "none":
        api["errors"] = _without_key_errors(api.get("errors", []))
        for family in api.get("families", {}).values():
            family["errors"] = _without_key_errors(family.get("errors", []))
    (target / "_api.yaml").write_text(yaml.safe_dump(api, allow_unicode=True), "utf-8")
    for path in sorted(source.glob("*.yaml")):
        if path.name.startswith("_") or (names is not None and path.name not in names):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        data.pop("auth", None)
        if auth["type"] == "none" and "errors" in data:
            data["errors"] = _without_key_errors(data["errors"])
        (target / path.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every fixture and chosen shipped spec with every auth kind, as C# and as Java."""
    root = tmp_path_factory.mktemp("auth-kinds")
    env = make_environment()
    paths: dict[str, list[Path]] = {"csharp": [], "java": []}
    for kind, auth in AUTHS.items():
        for source, names in ((SHAPES, None), (SPECS, SHIPPED)):
            folder = root / "specs" / kind / source.name
            rewrite(source, folder, auth, names)
            for endpoint in load_specs(folder):
                for language, filename in (("csharp", "Program.cs"), ("java", "Main.java")):
                    chosen = variant(f"{language}-httpclient")
                    assert chosen.decline_reason(endpoint) is None, (kind, endpoint.id)
                    path = root / "out" / language / kind / endpoint.id / filename
                    path.parent.mkdir(parents=True)
                    path.write_text(render_sample(env, endpoint, chosen), "utf-8")
                    paths[language].append(path)
    assert len(paths["java"]) == len(AUTHS) * (len(list(SHAPES.glob("[!_]*.yaml"))) + 3)
    return paths


@pytest.mark.skipif(shutil.which("mcs") is None, reason="SKIPPED GATE: Mono's mcs not on PATH")
def test_csharp_compiles_without_warnings_with_every_auth_kind(
    samples: dict[str, list[Path]],
) -> None:
    for program in samples["csharp"]:
        build = subprocess.run(
            ["mcs", *MCS_ARGS, "-warn:4", program.name],
            cwd=program.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        output = build.stdout + build.stderr
        assert build.returncode == 0 and "warning" not in output.lower(), f"{program}\n{output}"


JAVAC_BATCH = """import java.io.*;
import java.nio.file.*;
import javax.tools.*;

public class Javac {
  public static void main(String[] args) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (String source : Files.readAllLines(Path.of(args[0]))) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      String out = Path.of(source).getParent().resolve("classes").toString();
      int status = javac.run(null, log, log, "-Xlint:all", "-Werror", "-d", out, source);
      if (status != 0 || log.size() > 0) {
        System.out.println(source + "\\n" + log);
      }
    }
  }
}
"""


@pytest.mark.skipif(shutil.which("java") is None, reason="SKIPPED GATE: no JDK on PATH")
def test_java_compiles_and_is_formatted_with_every_auth_kind(
    samples: dict[str, list[Path]], tmp_path: Path
) -> None:
    """``javac -Xlint:all -Werror`` on every sample (one JVM, the compiler API) and
    google-java-format."""
    (tmp_path / "Javac.java").write_text(JAVAC_BATCH, "utf-8")
    (tmp_path / "sources.txt").write_text("".join(f"{p}\n" for p in samples["java"]), "utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    env.pop("JAVA_TOOL_OPTIONS", None)
    done = subprocess.run(
        ["java", "Javac.java", "sources.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", done.stdout
    gjf_check(samples["java"])
