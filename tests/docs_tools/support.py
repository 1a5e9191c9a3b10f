"""What the docs-tool tests share: the documented config files, synced sites, tool paths."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from generator.docs.files import read_text
from generator.docs.sync.formats import Tab, docs_format_for
from generator.docs.sync.pages import SampleSource, find_markers, sync_paths, tabs_for

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
PAGES = Path(__file__).resolve().parent / "pages"
WORKFLOWS = ROOT / "docs" / "docs-workflows.md"
CACHE = ROOT / ".cache"
HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
_INSTALL = "run: make toolchains (scripts/install-toolchains.sh, scripts/install_tools.py)"


def documented_file(name: str) -> str:
    """The fenced block of docs/docs-workflows.md whose info string has ``title="name"``."""
    text = WORKFLOWS.read_text(encoding="utf-8")
    pattern = rf'^```\w+ title="{re.escape(name)}"\n(.*?)^```$'
    blocks = re.findall(pattern, text, re.S | re.M)
    assert len(blocks) == 1, f"docs/docs-workflows.md shows {name} {len(blocks)} times"
    return blocks[0]


def sync_into(folder: Path, pages: dict[str, str], formats: Iterable[str] = ()) -> None:
    """Copy fixture pages (fixture name -> name in ``folder``) and sync them."""
    folder.mkdir(parents=True, exist_ok=True)
    for fixture, name in pages.items():
        shutil.copy(PAGES / fixture, folder / name)
    sync_paths([folder / name for name in pages.values()], SPECS, formats=list(formats))


def expected_tabs(page: Path, fmt: str | None = None) -> list[list[Tab]]:
    """The tabs each tabs marker of a synced ``page`` holds, in page order."""
    source = SampleSource(SPECS)
    markers = find_markers(read_text(page), page, source, docs_format_for(page, fmt))
    return [tabs_for(m, source) for m in markers if m.tabs]


def text_of(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def in_order(expected: Iterable[str], found: Iterable[str]) -> bool:
    """Whether every ``expected`` item occurs in ``found``, in the same order."""
    rest: Iterator[str] = iter(found)
    return all(any(item == got for got in rest) for item in expected)


def require(path: Path, what: str) -> Path:
    """``path``, or a failure (never a skip) that says how to install it."""
    if not path.exists():
        pytest.fail(f"{what} is missing at {path}; {_INSTALL}")
    return path


def node() -> str:
    """The node executable (a failure if there is none)."""
    found = shutil.which("node")
    if found is None:
        pytest.fail(f"node is not on PATH; {_INSTALL}")
    return found


def run(command: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a docs tool; a non-zero exit fails the test with everything it printed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    if done.returncode:
        pytest.fail(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done


def build_mkdocs(site: Path) -> Path:
    """Sync two MkDocs pages, build them with the documented mkdocs.yml (--strict)."""
    (site / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (site / "mkdocs.yml").write_text(documented_file("mkdocs.yml"), encoding="utf-8")
    sync_into(site / "docs", {"mkdocs.md": "index.md", "second.md": "second.md"})
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=site)
    return site / "site"
