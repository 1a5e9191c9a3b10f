"""Shared fixtures: paths of the project and a copy of the shipped specs to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
TEMPLATES = ROOT / "templates"
OUTPUT = ROOT / "output"


@pytest.fixture
def specs_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped specs."""
    target = tmp_path / "specs"
    shutil.copytree(SPECS, target)
    return target
