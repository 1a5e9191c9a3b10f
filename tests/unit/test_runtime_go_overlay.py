"""The Go runtime's test-build overlay: net/http proxies loopback hosts too, nothing else."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.harness.runtime import SkipRun
from generator.harness.runtimes import go as go_runtime

SOURCE = """package httpproxy

func (cfg *config) useProxy(addr string) bool {
	if len(addr) == 0 {
		return true
	}
	return false
}
"""


def fake_goroot(root: Path, text: str) -> Path:
    """A folder laid out as GOROOT, holding ``text`` as net/http's proxy selection."""
    path = root / go_runtime.HTTPPROXY
    path.parent.mkdir(parents=True)
    path.write_text(text, "utf-8")
    return root


def test_the_overlay_replaces_only_the_loopback_decision(tmp_path: Path) -> None:
    goroot = fake_goroot(tmp_path / "goroot", SOURCE)
    overlay = go_runtime.proxy_overlay(goroot, tmp_path / "cache")
    [(original, replacement)] = json.loads(overlay.read_text("utf-8"))["Replace"].items()
    assert original == str(goroot / go_runtime.HTTPPROXY)
    patched = Path(replacement).read_text("utf-8")
    assert patched.replace(go_runtime.USE_PROXY_FOR_TESTS, go_runtime.USE_PROXY) == SOURCE
    assert go_runtime.proxy_overlay(goroot, tmp_path / "cache") == overlay  # written once
    assert sorted(p.name for p in overlay.parent.iterdir()) == ["overlay.json", "proxy.go"]


def test_a_go_release_without_the_function_is_a_loud_skip(tmp_path: Path) -> None:
    goroot = fake_goroot(tmp_path / "goroot", "package httpproxy\n")
    with pytest.raises(SkipRun, match="cannot route") as info:
        go_runtime.proxy_overlay(goroot, tmp_path / "cache")
    assert not info.value.allowed


@pytest.mark.skipif(shutil.which("go") is None, reason="SKIPPED: go is not on PATH (golang-go)")
def test_the_installed_go_has_the_function_the_overlay_replaces() -> None:
    goroot = subprocess.run(
        ["go", "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    text = (Path(goroot) / go_runtime.HTTPPROXY).read_text("utf-8")
    assert text.count(go_runtime.USE_PROXY) == 1
