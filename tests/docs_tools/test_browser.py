"""The built MkDocs Material page in headless Chromium: tabs switch, copy copies the sample."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.docs_tools.support import (
    CACHE,
    CHROMIUM,
    HERE,
    build_mkdocs,
    expected_tabs,
    node,
    require,
    run,
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The synced pages built with mkdocs, served on 127.0.0.1 (base URL, project folder)."""
    built = build_mkdocs(tmp_path / "project")
    handler = functools.partial(_QuietHandler, directory=str(built))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path / "project"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_language_tabs_switch_and_the_copy_button_copies_exactly_the_sample(
    served_site: tuple[str, Path], tmp_path: Path
):
    base, project = served_site
    require(CHROMIUM, "Debian's chromium")
    playwright = require(
        CACHE / "playwright-core" / "node_modules" / "playwright-core", "playwright-core"
    )
    profile = tmp_path / "profile"  # a fresh --user-data-dir
    profile.mkdir()
    done = run(
        [node(), str(HERE / "browser_check.mjs"), str(playwright.parents[1]), base, str(profile)],
        cwd=tmp_path,
    )
    report = json.loads(done.stdout)
    first, _ = expected_tabs(project / "docs" / "index.md")
    assert report["labels"] == [t.label for t in first] == ["Python", "curl", "Go"]
    for tab in first:
        # After a click on its label, exactly that language's blocks are visible.
        shown = [text.rstrip("\n") for text in report["visible"][tab.label]]
        assert shown == [c.text.rstrip("\n") for c in tab.codes], tab.label
    go = first[-1].codes[0].text
    assert "\t" in go, "the Go sample is indented with tabs, as gofmt writes it"
    # The clipboard holds the sample, tabs included; only its final newline is not copied.
    assert report["copied"] == go.removesuffix("\n")
    # Linked tabs: Go, chosen on the first page, is the tab shown on the second.
    [second] = expected_tabs(project / "docs" / "second.md")
    assert report["second_labels"] == [t.label for t in second]
    assert report["chosen"] == report["second_selected"] == "Go"
