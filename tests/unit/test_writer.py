"""Writing output: atomic, idempotent, removes only what it generated; drift is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.writer import MANIFEST, diff_tree, read_manifest, write_tree


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_write_tree_writes_files_and_a_manifest(tmp_path: Path) -> None:
    report = write_tree(tmp_path, {"a/x.py": "x = 1\n", "b/y.sh": "echo\n"})
    assert report.written == ["a/x.py", "b/y.sh"]
    assert (tmp_path / "a/x.py").read_text() == "x = 1\n"
    assert read_manifest(tmp_path) == ["a/x.py", "b/y.sh"]


def test_a_second_identical_write_changes_nothing(tmp_path: Path) -> None:
    files = {"a/x.py": "x = 1\n"}
    write_tree(tmp_path, files)
    before = (tmp_path / "a/x.py").stat().st_mtime_ns
    report = write_tree(tmp_path, files)
    assert report.written == [] and report.unchanged == ["a/x.py"]
    assert (tmp_path / "a/x.py").stat().st_mtime_ns == before


def test_stale_generated_files_are_removed_but_foreign_files_are_kept(tmp_path: Path) -> None:
    write_tree(tmp_path, {"old/gone.py": "1\n", "keep.py": "2\n"})
    (tmp_path / "notes.txt").write_text("mine")
    report = write_tree(tmp_path, {"keep.py": "2\n"})
    assert report.removed == ["old/gone.py"]
    assert not (tmp_path / "old").exists()
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a/x.py": "x\n"})
    assert sorted(_files(tmp_path)) == [MANIFEST, "a/x.py"]


@pytest.mark.parametrize("bad", ["../escape.py", "/abs.py"])
def test_paths_outside_the_output_folder_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="outside the output folder"):
        write_tree(tmp_path / "out", {bad: "x"})


def test_diff_tree_reports_changed_missing_and_extra_files(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "model = 'qwen-plus'\n", "b.py": "b\n"})
    (tmp_path / "stray.py").write_text("stray\n")
    drift = diff_tree(tmp_path, {"a.py": "model = 'qwen-max'\n", "c.py": "c\n"})
    assert list(drift.changed) == ["a.py"]
    assert "-model = 'qwen-plus'" in drift.changed["a.py"]
    assert "+model = 'qwen-max'" in drift.changed["a.py"]
    assert drift.missing == ["c.py"]
    assert drift.extra == ["b.py", "stray.py"]
    assert drift


def test_diff_tree_is_empty_when_in_sync(tmp_path: Path) -> None:
    files = {"a.py": "a\n"}
    write_tree(tmp_path, files)
    assert not diff_tree(tmp_path, files)
