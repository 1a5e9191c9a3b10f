"""The malformed-input corpus (tests/fixtures/malformed/): each broken spec, config or page
gives exit 2 and exactly its expected line, naming the file and line, never a traceback,
and leaves nothing written. How the corpus is laid out: its README.md."""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from tests.conftest import ROOT, SPECS

CORPUS = ROOT / "tests" / "fixtures" / "malformed"
REWRITE = os.environ.get("SAMPLEGEN_MALFORMED_REWRITE") == "1"
VALID_SPEC = SPECS / "chat-completions.yaml"
VALID_PAGE = "# Chat\n\n<!-- samplegen: chat-completions curl -->\n\n<!-- /samplegen -->\n"


@dataclass(frozen=True)
class Case:
    kind: str  # specs, configs, sync, audit, fix
    source: Path  # the fixture: a file, or a folder of spec files

    @property
    def expected_file(self) -> Path:
        return self.source.parent / f"{self.source.name.split('.')[0]}.expected"

    def __str__(self) -> str:
        return f"{self.kind}/{self.source.name}"


def _cases() -> list[Case]:
    found: list[Case] = []
    for kind, folder in (
        ("specs", CORPUS / "specs"),
        ("configs", CORPUS / "configs"),
        ("sync", CORPUS / "pages" / "sync"),
        ("audit", CORPUS / "pages" / "audit"),
        ("fix", CORPUS / "pages" / "fix"),
    ):
        for path in sorted(folder.iterdir()):
            if path.suffix != ".expected":
                found.append(Case(kind, path))
    return found


CASES = _cases()


def test_the_corpus_has_at_least_100_inputs_each_with_its_expected_line() -> None:
    assert len(CASES) >= 100
    missing = [str(c) for c in CASES if not c.expected_file.is_file() and not REWRITE]
    assert not missing, f"no .expected beside: {missing}"


def _setup(case: Case, folder: Path) -> list[str]:
    """Lay the case out in ``folder``; the command line to run there."""
    if case.kind == "specs":
        (folder / "specs").mkdir()
        sources = sorted(case.source.iterdir()) if case.source.is_dir() else [case.source]
        for source in sources:
            shutil.copyfile(source, folder / "specs" / source.name)
        return ["generate", "--specs", "specs", "--out", "out"]
    if case.kind == "configs":
        (folder / "specs").mkdir()
        shutil.copyfile(VALID_SPEC, folder / "specs" / VALID_SPEC.name)
        shutil.copyfile(SPECS / "_api.yaml", folder / "specs" / "_api.yaml")  # what it inherits
        (folder / "docs").mkdir()
        (folder / "docs" / "api.md").write_text(VALID_PAGE, "utf-8")
        source = case.source
        if source.is_dir():  # a config with the files it names
            shutil.copytree(source, folder, dirs_exist_ok=True)
            source = source / "samplegen.toml"
        name = "pyproject.toml" if source.name.endswith(".pyproject.toml") else "samplegen.toml"
        data = source.read_bytes()
        (folder / name).write_bytes(data)
        first = data.split(b"\n", 1)[0].decode("utf-8", "replace")
        return first.removeprefix("# run:").split() if first.startswith("# run:") else ["generate"]
    page = folder / case.source.name
    shutil.copyfile(case.source, page)
    if case.source.name.startswith("read-only"):
        page.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    if case.kind == "sync":
        return ["sync", page.name, "--specs", str(SPECS)]
    if case.kind == "audit":
        return ["audit", page.name, "--specs", str(SPECS)]
    return ["audit", "--fix", page.name, "--specs", str(SPECS)]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES, ids=str)
def test_malformed_input_is_one_located_line_and_exit_2(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    args = _setup(case, folder)
    before = _snapshot(folder)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("SAMPLEGEN_CONFIG", raising=False)
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{case}: {type(result.exception).__name__}: {result.exception}"
    )
    lines = result.stderr.splitlines()
    if REWRITE and result.exit_code == 2 and len(lines) == 1:
        case.expected_file.write_text(lines[0] + "\n", "utf-8")
    expected = case.expected_file.read_text("utf-8").rstrip("\n")
    assert (result.exit_code, lines) == (2, [expected]), result.output
    assert "Traceback" not in result.output
    assert _snapshot(folder) == before, "a malformed input changed or wrote files"
