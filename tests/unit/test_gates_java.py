"""Java gates: every Java sample compiles warning-free and is google-java-format clean."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.harness.runtime import BuildError, SkipRun
from generator.harness.runtimes.java import resolve_classpath
from generator.output.pipeline import render_tree
from generator.render.samples import Sample, render_all
from generator.sdk import pins
from generator.sources import load_specs
from tests.conftest import SHAPES, copy_specs

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("SAMPLEGEN_CACHE", ROOT / ".cache")).resolve()
GOLDEN_CASES = ROOT / "tests" / "golden" / "cases"
# google-java-format reaches into javac internals (its README lists these flags).
GJF_EXPORTS = [
    f"--add-exports=jdk.compiler/com.sun.tools.javac.{pkg}=ALL-UNNAMED"
    for pkg in ("api", "code", "file", "parser", "tree", "util")
]

pytestmark = pytest.mark.skipif(
    shutil.which("javac") is None or shutil.which("java") is None,
    reason="SKIPPED GATE: no JDK on PATH; install Debian's openjdk-17-jdk-headless",
)


def write(samples: list[Sample], folder: Path) -> dict[str, list[Path]]:
    """Write ``samples`` below ``folder``; their paths grouped by variant key."""
    paths: dict[str, list[Path]] = {}
    for sample in samples:
        path = folder / sample.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sample.text, "utf-8")
        paths.setdefault(sample.variant.key, []).append(path)
    return paths


def classpath(artifacts: dict[str, str]) -> str:
    """The Maven classpath of ``artifacts`` from the project cache, or a loud skip."""
    try:
        return resolve_classpath(CACHE, artifacts)
    except SkipRun as err:
        pytest.skip(f"SKIPPED GATE: {err.reason}")
    except BuildError as err:
        pytest.skip(f"SKIPPED GATE: Maven could not resolve {sorted(artifacts)} (offline?): {err}")


# The JDK's compiler API in one JVM: ``javac -Xlint:all -Werror`` on each source of a list,
# each into its own folder (every sample's class is Main). Argument: a file of lines
# "source<TAB>out-folder"; prints "source\nlog" for every source that failed or warned.
JAVAC_BATCH = r"""import java.io.*;
import java.nio.file.*;
import java.util.*;
import javax.tools.*;

public class Javac {
  public static void main(String[] args) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String cp = args.length > 1 ? args[1] : "";
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.split("\t", -1);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-d", f[1]));
      if (!cp.isEmpty()) {
        options.addAll(List.of("-cp", cp));
      }
      options.add(f[0]);
      int status = javac.run(null, log, log, options.toArray(new String[0]));
      if (status != 0 || log.size() > 0) {
        System.out.println(f[0] + "\n" + log);
      }
    }
  }
}
"""


def javac(sources: list[Path], out: Path, cp: str | None = None) -> None:
    """``javac -Xlint:all -Werror`` in an ASCII locale on each of ``sources``, each into its
    own folder; one JVM for all of them (the compiler API), as a javac per file would
    spend most of its time starting."""
    assert sources
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    env.pop("JAVA_TOOL_OPTIONS", None)
    out.mkdir(parents=True, exist_ok=True)
    (out / "Javac.java").write_text(JAVAC_BATCH, "utf-8")
    listing = out / "sources.txt"
    listing.write_text("".join(f"{src}\t{out / str(i)}\n" for i, src in enumerate(sources)))
    proc = subprocess.run(
        ["java", str(out / "Javac.java"), str(listing), cp or ""],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0 and not proc.stdout and not proc.stderr, proc.stdout + proc.stderr
    assert all((out / str(i)).is_dir() for i in range(len(sources)))  # every one compiled


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The project's Java samples, rendered from specs/ into a temporary folder."""
    rendered = render_tree(ROOT / "specs", languages=["java"])
    assert {s.variant.key for s in rendered} == {"httpclient", "openai", "dashscope"}
    # Every edition is checked: default (en), the cn region and the ja and zh comments.
    editions = {"/".join(Path(s.relpath).parts[:2]) for s in rendered}
    assert {"regions/cn", "locales/ja", "locales/zh"} <= editions
    assert any(not e.startswith(("regions/", "locales/")) for e in editions)
    return write(rendered, tmp_path_factory.mktemp("java-samples"))


@pytest.fixture(scope="module")
def shape_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The shape fixtures (tests/fixtures/shapes) rendered as Java, every edition: only
    java.net.http renders them (the SDK variants call their own API families)."""
    rendered = render_tree(SHAPES, languages=["java"])
    assert {s.variant.key for s in rendered} == {"httpclient"}
    ids = {e.id for e in load_specs(SHAPES)}
    assert {Path(s.relpath).parts[-4] for s in rendered} == ids  # every shape renders
    return write(rendered, tmp_path_factory.mktemp("java-shapes"))


def test_shape_samples_compile_and_are_google_java_format_clean(
    shape_samples: dict[str, list[Path]], tmp_path: Path
) -> None:
    javac(shape_samples["httpclient"], tmp_path)
    gjf_check(shape_samples["httpclient"])


@pytest.fixture(scope="module")
def golden_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The hostile golden cases rendered as Java."""
    rendered = render_all(load_specs(GOLDEN_CASES), languages=["java"])
    return write(rendered, tmp_path_factory.mktemp("java-golden"))


# Streaming and multimodal specs with their message texts and image URLs replaced: hostile
# text (quotes, backslashes, Unicode escapes, comment ends), plain text of lengths around
# the 100-column limit, so the layout filters meet every way of breaking a call, and long
# texts with spaces, which google-java-format reflows into "..." + "..." concatenations.
NEW_SPECS = (
    "chat-completions-stream",
    "text-generation-stream",
    "vision-chat-completions",
    "multimodal-generation",
)
TEXTS = (
    '\\u0022"; exit(1); // */ ${x} #{y} `z` \u2028 \U0001f600',
    "w" * 30,
    "x " * 26,
    "y" * 66,
    "z" * 84,
    "Describe this image in one long sentence, please, with every detail you can see. " * 3,
    '\u4e00\u4e8c \\t\\n back\\slash "q" tab\there\nnew line ' * 6,
)


def _with_text(value: object, text: str) -> object:
    """``value`` (a request example) with every message text and image URL set to ``text``."""
    if isinstance(value, dict):
        return {
            k: text
            if k in ("content", "text", "url", "image") and isinstance(v, str)
            else _with_text(v, text)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_with_text(item, text) for item in value]
    return value


@pytest.fixture(scope="module")
def varied_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """The new endpoints rendered as Java with hostile and long texts."""
    specs = copy_specs(tmp_path_factory.mktemp("java-varied-specs"))  # with the API-level file
    for name in NEW_SPECS:
        spec = yaml.safe_load((ROOT / "specs" / f"{name}.yaml").read_text("utf-8"))
        for i, text in enumerate(TEXTS):
            varied = {**spec, "id": f"{name}-{i}"}
            varied["request"] = {
                **spec["request"],
                "example": _with_text(spec["request"]["example"], text),
            }
            (specs / f"{name}-{i}.yaml").write_text(yaml.safe_dump(varied), "utf-8")
    rendered = render_all(load_specs(specs), languages=["java"])
    assert {s.variant.key for s in rendered} == {"httpclient", "openai", "dashscope"}
    return write(rendered, tmp_path_factory.mktemp("java-varied"))


def test_varied_new_samples_compile_and_are_google_java_format_clean(
    varied_samples: dict[str, list[Path]], tmp_path: Path
) -> None:
    javac(varied_samples["httpclient"], tmp_path / "plain")
    sdk = varied_samples["openai"] + varied_samples["dashscope"]
    javac(sdk, tmp_path / "sdk", classpath(pins.MAVEN))
    gjf_check([p for group in varied_samples.values() for p in group])


def test_httpclient_samples_compile_without_warnings(
    samples: dict[str, list[Path]], golden_samples: dict[str, list[Path]], tmp_path: Path
) -> None:
    javac(samples["httpclient"] + golden_samples["httpclient"], tmp_path)


def test_sdk_samples_compile_against_the_pinned_sdks(
    samples: dict[str, list[Path]], golden_samples: dict[str, list[Path]], tmp_path: Path
) -> None:
    cp = classpath(pins.MAVEN)
    sources = [
        path
        for group in (samples, golden_samples)
        for key in ("openai", "dashscope")
        for path in group.get(key, [])
    ]
    assert sources
    javac(sources, tmp_path, cp)


def test_samples_are_google_java_format_clean(samples: dict[str, list[Path]]) -> None:
    gjf_check([p for group in samples.values() for p in group])


def gjf_check(paths: list[Path]) -> None:
    """google-java-format would leave every file in ``paths`` unchanged."""
    changed = gjf_changed(paths)
    assert not changed, "google-java-format would change these samples:\n" + "\n".join(changed)


def gjf_changed(paths: list[Path]) -> list[str]:
    """The files among ``paths`` that google-java-format (default options) would change.

    One formatter run for all of them; an error (a file it cannot format) fails the test.
    """
    cp = classpath(pins.MAVEN_TOOLS)
    files = [str(p) for p in paths]
    proc = subprocess.run(
        [
            "java",
            *GJF_EXPORTS,
            "-cp",
            cp,
            "com.google.googlejavaformat.java.Main",
            "--dry-run",
            "--set-exit-if-changed",
            *files,
        ],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "JAVA_TOOL_OPTIONS"},
        timeout=300,
        check=False,
    )
    assert proc.returncode in (0, 1) and not proc.stderr, proc.stderr
    changed = proc.stdout.splitlines()
    assert (proc.returncode == 1) == bool(changed), proc.stdout
    return changed
