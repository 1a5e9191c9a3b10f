"""check answers from its cache when nothing that decides the samples changed, and renders
(printing the diff) whenever anything did: a spec, a template, an output file, the options."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.output import pipeline
from generator.resources import templates_dir
from tests.conftest import copy_specs


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two specs, their generated output, and a cache folder of its own."""
    monkeypatch.setenv("SAMPLEGEN_CACHE", str(tmp_path / "cache"))
    copy_specs(tmp_path / "specs", "chat-completions.yaml", "text-generation.yaml")
    shutil.copytree(templates_dir(), tmp_path / "templates")
    assert run(tmp_path, "generate").exit_code == 0
    return tmp_path


def run(root: Path, command: str, *extra: str) -> Any:
    args = [command, "--specs", str(root / "specs"), "--out", str(root / "out")]
    return CliRunner().invoke(main, [*args, "--templates", str(root / "templates"), *extra])


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the full checks (the ones that render)."""
    calls: list[int] = []
    real = pipeline.check

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check", counted)
    return calls


def test_after_generate_check_renders_nothing(project: Path, renders: list[int]) -> None:
    done = run(project, "check")
    assert (done.exit_code, done.output) == (0, f"{project / 'out'}/ is up to date\n")
    assert renders == []


def test_an_edited_sample_is_found_and_diffed(project: Path, renders: list[int]) -> None:
    sample = next((project / "out").rglob("main.py"))
    sample.write_text(sample.read_text() + "# edited\n")
    done = run(project, "check")
    assert done.exit_code == 1 and "+# edited" not in done.output and "-# edited" in done.output
    assert renders == [1]


def test_a_file_samplegen_did_not_write_is_extra(project: Path, renders: list[int]) -> None:
    (project / "out" / "notes.txt").write_text("mine\n")
    done = run(project, "check")
    assert done.exit_code == 1 and "extra (not generated from the specs)" in done.output
    assert renders == [1]


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "specs" / "chat-completions.yaml").write_text(
            (root / "specs" / "chat-completions.yaml").read_text().replace("Who are you?", "Hi?")
        ),
        lambda root: (root / "templates" / "curl" / "curl" / "request.sh.j2").write_text(
            (root / "templates" / "curl" / "curl" / "request.sh.j2").read_text() + "# new\n"
        ),
    ],
    ids=["a spec", "a template"],
)
def test_a_changed_input_is_rendered_again(project: Path, renders: list[int], change) -> None:
    change(project)
    done = run(project, "check")
    assert done.exit_code == 1 and "drifted:" in done.output
    assert renders == [1]


def test_other_options_are_other_inputs(project: Path, renders: list[int]) -> None:
    done = run(project, "check", "--lang", "python")
    assert done.exit_code == 1 and "extra (not generated from the specs)" in done.output
    assert renders == [1]


def test_a_clean_full_check_is_remembered(project: Path, renders: list[int]) -> None:
    shutil.rmtree(project / "cache")
    assert run(project, "check").exit_code == 0 and renders == [1]
    assert run(project, "check").exit_code == 0 and renders == [1]


def _age(out: Path, seconds: float = 60) -> None:
    """Make every file and folder of ``out`` ``seconds`` old (out of the racy window)."""
    import os
    import time

    past = time.time() - seconds
    for path in [out, *out.rglob("*")]:
        os.utime(path, (past, past))


@pytest.fixture
def stat_known(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An output folder whose stat check remembered; the files check reads from then on."""
    from generator.output import check_cache

    _age(project / "out")
    assert run(project, "check").exit_code == 0  # proven by reading: the stat is kept
    reads: list[str] = []
    real = check_cache.file_digest

    def counted(data: bytes) -> str:
        reads.append("read")
        return real(data)

    monkeypatch.setattr(check_cache, "file_digest", counted)
    return reads


def test_an_unchanged_folder_is_answered_from_its_stat(
    project: Path, stat_known: list[str], renders: list[int]
) -> None:
    done = run(project, "check")
    assert (done.exit_code, renders, stat_known) == (0, [], [])


@pytest.mark.parametrize("change", ["same-size edit", "new file", "removed file"])
def test_a_change_the_stat_sees_is_checked_by_the_bytes(
    project: Path, stat_known: list[str], renders: list[int], change: str
) -> None:
    sample = next((project / "out").rglob("main.py"))
    if change == "same-size edit":  # same size, new time: only the bytes tell
        text = sample.read_text()
        sample.write_text(text[:-2] + ("x" if text[-2] != "x" else "y") + text[-1])
    elif change == "new file":
        (sample.parent / "extra.py").write_text("print(1)\n")
    else:
        sample.unlink()
    done = run(project, "check")
    assert done.exit_code == 1 and renders == [1]


def test_a_folder_written_just_now_keeps_no_stat(project: Path) -> None:
    from generator.output import check_cache

    assert run(project, "check").exit_code == 0  # files a second old: racy, read each time
    assert list((project / "cache").rglob(f"{check_cache.KIND}/*"))
    assert not list((project / "cache").rglob(f"{check_cache.STAT_KIND}/*"))
    _age(project / "out")
    assert run(project, "check").exit_code == 0
    assert list((project / "cache").rglob(f"{check_cache.STAT_KIND}/*"))
