"""Shared fixtures: paths of the project and a copy of the shipped specs to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
TEMPLATES = ROOT / "templates"
OUTPUT = ROOT / "output"
SHAPES = ROOT / "tests" / "fixtures" / "shapes"  # one spec per shape of the grown spec format

# The suite keeps its dependency cache in the checkout's .cache/ (as `make test` does), also
# when pytest is run directly; an installed samplegen defaults to the user cache folder.
os.environ.setdefault("SAMPLEGEN_CACHE", str(ROOT / ".cache"))


API_FILE = SPECS / "_api.yaml"  # what every shipped spec inherits


def copy_specs(folder: Path, *names: str) -> Path:
    """Copy shipped specs (``chat-completions.yaml``, ...) and the API-level file they
    inherit from into ``folder`` (created); returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(API_FILE, folder / API_FILE.name)
    for name in names:
        shutil.copyfile(SPECS / name, folder / name)
    return folder


@pytest.fixture
def specs_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped specs."""
    target = tmp_path / "specs"
    shutil.copytree(SPECS, target)
    return target
