"""Every docs system from `init` to a built site, as a new docs team would: the installed wheel
in an empty git repository, `samplegen init --docs SYSTEM`, `generate`, `sync`, then the
system's own build at its default strictness (`mkdocs build --strict`, `npm run build` of a
Docusaurus 3 site, `sphinx-build -W` for reST and MyST, a CommonMark render for plain
Markdown) and headless Chromium: the page has one tab per language (plain Markdown: one
captioned block per sample) and every tab's code is highlighted. Then the pre-commit hook
that `init` wrote blocks a spec-only change and passes once `sync` ran.

Each system runs with init's config, and with a config that selects one region (cn) and one
comment locale (ja), which every command and hook then follows; MkDocs, Sphinx and MyST run
once more in include mode (`init --include`: the pages include the generated files), and
Docusaurus's cn/ja site is an include-mode one (one build fewer: it is the slow one).

The Docusaurus site uses the packages `scripts/install_tools.py` installs once into
.cache/docusaurus (the same pins `init` writes); its build is the slow one (about a minute).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.docs.site import DOCUSAURUS_PACKAGES
from generator.render.registry import LANGUAGES, variants
from generator.sources import load_specs
from tests.docs_tools.support import CACHE, CHROMIUM, HERE, node, require
from tests.functional.installed import clean_env, shared_install

pytestmark = pytest.mark.installed

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
ENDPOINT = "chat-completions"
SYSTEMS = ("mkdocs", "docusaurus", "sphinx", "myst", "markdown")
EDITIONS = {"default": "", "cn-ja": 'region = "cn"\nlocale = "ja"\n'}
# (system, edition, include mode)
CASES = [
    *((system, "default", False) for system in SYSTEMS),
    *((system, "cn-ja", system == "docusaurus") for system in SYSTEMS),
    *((system, "default", True) for system in ("mkdocs", "sphinx", "myst")),
]
SECONDS: dict[str, dict[str, float]] = {}  # test id -> phase -> seconds (printed at the end)


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh virtualenv holding only the wheel and its dependencies."""
    return shared_install(tmp_path_factory)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve() -> Iterator[functools.partial]:
    """Serve a folder on 127.0.0.1; returns the base URL."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start  # type: ignore[misc]
    for server in servers:
        server.shutdown()
        server.server_close()


def git_env(tmp: Path, installed: Path) -> dict[str, str]:
    """A writer's shell: the installed samplegen and pre-commit on PATH, a throwaway git
    identity and pre-commit home."""
    path = f"{installed}:{PRE_COMMIT.parent}:{clean_env()['PATH']}"
    return clean_env(
        GIT_AUTHOR_NAME="Docs Writer",
        GIT_AUTHOR_EMAIL="writer@example.invalid",
        GIT_COMMITTER_NAME="Docs Writer",
        GIT_COMMITTER_EMAIL="writer@example.invalid",
        GIT_CONFIG_GLOBAL=str(tmp / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        NO_MKDOCS_2_WARNING="1",
        DOCUSAURUS_NO_PERSISTENT_CACHE="1",  # the shared node_modules holds no site's cache
        PATH=path,
    )


def sh(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    """Run ``args``; a non-zero exit fails the test with everything it printed."""
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode:
        pytest.fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr


def render_commonmark(page: Path, out: Path) -> Path:
    """The page as a CommonMark renderer with highlighting shows it (GitHub, GitLab):
    markdown-it-py, code blocks highlighted by Pygments from their info strings."""
    from markdown_it import MarkdownIt
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name

    def colour(code: str, lang: str, _attrs: str) -> str:
        return highlight(code, get_lexer_by_name(lang), HtmlFormatter(nowrap=True))

    body = MarkdownIt("commonmark", {"highlight": colour}).render(page.read_text("utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(
        f"<!doctype html><meta charset=utf-8><title>api</title>{body}", encoding="utf-8"
    )
    return out


def build(system: str, project: Path, env: dict[str, str], tmp: Path) -> tuple[Path, str]:
    """Build the site with its own tool; (the folder to serve, the page's path in it)."""
    if system == "mkdocs":
        sh([sys.executable, "-m", "mkdocs", "build", "--strict"], project, env)
        return project / "site", "/api/"
    if system in ("sphinx", "myst"):
        out = project / "docs" / "_build" / "html"
        sh([sys.executable, "-m", "sphinx", "-W", "-q", "docs", str(out)], project, env)
        return out, "/api.html"
    if system == "docusaurus":
        modules = require(CACHE / "docusaurus" / "node_modules", "the Docusaurus packages")
        declared = json.loads((project / "package.json").read_text())["dependencies"]
        assert {k: declared[k] for k in DOCUSAURUS_PACKAGES} == DOCUSAURUS_PACKAGES
        (project / "node_modules").symlink_to(modules, target_is_directory=True)
        sh(["npm", "run", "build"], project, env, timeout=900)
        return project / "build", "/"
    return render_commonmark(project / "docs" / "api.md", tmp / "rendered"), "/"


def browse(url: str, system: str, tmp: Path) -> dict:
    """What a reader sees of the page's first tab set (tests/docs_tools/tabs_check.mjs)."""
    require(CHROMIUM, "Debian's chromium")
    playwright = require(
        CACHE / "playwright-core" / "node_modules" / "playwright-core", "playwright-core"
    )
    profile = tmp / "profile"
    profile.mkdir()
    done = subprocess.run(
        [node(), str(HERE / "tabs_check.mjs"), str(playwright.parents[1]), url, system,
         str(profile)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode:
        pytest.fail(f"tabs_check.mjs exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return json.loads(done.stdout)


def expected_samples(project: Path) -> list[tuple[str, list[str]]]:
    """Per language tab, in order: the generated files it shows (as generate wrote them)."""
    [endpoint] = [e for e in load_specs(project / "specs") if e.id == ENDPOINT]
    tabs = []
    for lang in LANGUAGES:
        chosen = [v for v in variants([lang.key]) if v.supports(endpoint)]
        if chosen:
            files = [
                (project / "samples" / ENDPOINT / v.language / v.key / v.filename).read_text()
                for v in chosen
            ]
            tabs.append((lang.label, files))
    return tabs


def _same_code(shown: str, generated: str) -> bool:
    """The browser's text of a block is the sample (reST expands tabs; ends may differ)."""
    return shown.expandtabs(8).strip("\n") == generated.expandtabs(8).strip("\n")


@pytest.mark.parametrize(
    ("system", "edition", "include"),
    CASES,
    ids=[f"{s}-{e}{'-include' if i else ''}" for s, e, i in CASES],
)
def test_init_generate_sync_build_browse_and_the_hook_in_each_docs_system(
    system: str, edition: str, include: bool, installed: Path, tmp_path: Path, serve, request
) -> None:
    seconds: dict[str, float] = {}
    SECONDS[request.node.name] = seconds
    started = time.monotonic()
    env = git_env(tmp_path, installed)
    project = tmp_path / "site"
    project.mkdir()
    sg = str(installed / "samplegen")
    sh(["git", "init", "-q", "-b", "main"], project, env)

    # init, generate, sync: the page in the system's syntax, checked clean by both gates.
    said = sh([sg, "init", "--docs", system, *(["--include"] if include else [])], project, env)
    assert "pre-commit install" in said
    if EDITIONS[edition]:
        with (project / "samplegen.toml").open("a") as config:
            config.write(EDITIONS[edition])
    sh([sg, "generate"], project, env)
    sh([sg, "sync"], project, env)
    assert "up to date" in sh([sg, "sync", "--check"], project, env)
    assert "up to date" in sh([sg, "check"], project, env)
    page = next((project / "docs").glob("api.*"))
    text = page.read_text()
    if include:  # the page names the files; the build puts their text in
        assert "samples/chat-completions/python/openai/main.py" in text
        assert "client.chat.completions.create" not in text
        text = "".join(p.read_text() for p in (project / "samples").rglob("*.*"))
    if edition == "cn-ja":
        assert "https://dashscope.aliyuncs.com/compatible-mode/v1" in text
        assert "dashscope-intl" not in text and "環境変数 DASHSCOPE_API_KEY" in text
    seconds["init+generate+sync"] = time.monotonic() - started

    # The system's own build, at its default strictness.
    mark = time.monotonic()
    folder, where = build(system, project, env, tmp_path)
    seconds["build"] = time.monotonic() - mark

    # Headless Chromium: one tab per language, each showing its samples, all highlighted.
    mark = time.monotonic()
    report = browse(serve(folder) + where, system, tmp_path)
    seconds["browser"] = time.monotonic() - mark
    expected = expected_samples(project)
    if system == "markdown":
        shown = [(t["label"], [c["text"] for c in t["codes"]]) for t in report["tabs"]]
        flat = [(label, code) for label, codes in expected for code in codes]
        assert [label for label, _ in shown] == [label for label, _ in flat]
        for (label, codes), (_, file) in zip(shown, flat, strict=True):
            assert len(codes) == 1 and _same_code(codes[0], file), label
    else:
        assert report["labels"] == [label for label, _ in expected], "one tab per language"
        for tab, (label, files) in zip(report["tabs"], expected, strict=True):
            assert tab["label"] == label
            codes = [c["text"] for c in tab["codes"]]
            assert len(codes) == len(files), f"{label}: {codes}"
            assert all(_same_code(c, f) for c, f in zip(codes, files, strict=True)), label
    for tab in report["tabs"]:
        for code in tab["codes"]:
            assert len(code["tokens"]) >= 3, f"{tab['label']}: not highlighted ({code['tokens']})"

    # The hook init wrote: a spec-only change is blocked, and passes after sync.
    mark = time.monotonic()
    sh([str(PRE_COMMIT), "install"], project, env)
    sh(["git", "add", "-A"], project, env)
    first = sh(["git", "commit", "-q", "-m", "docs with generated samples"], project, env)
    assert re.search(r"^samplegen sync --check \(.*Passed$", first, re.M), first
    spec = project / "specs" / f"{ENDPOINT}.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max"))
    if include:
        _include_mode_hook(project, env, sg, spec)
        seconds["hook"] = time.monotonic() - mark
        seconds["total"] = time.monotonic() - started
        print(f"\n{request.node.name}: " + ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items()))
        return
    sh([sg, "generate"], project, env)
    sh(["git", "add", "specs", "samples"], project, env)
    blocked = subprocess.run(
        ["git", "commit", "-m", "use qwen-max"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"^samplegen check \(.*Passed$", output, re.M), output
    assert re.search(r"^samplegen sync --check \(.*Failed$", output, re.M), output
    hook = output.split("samplegen sync --check (", 1)[1]
    # The hook's first lines: what drifted, and the one command that fixes it.
    assert "1 block(s) in 1 page(s) out of date; run: samplegen sync\n" in hook
    assert re.search(rf"^  docs/api\.\w+:\d+ \({ENDPOINT} tabs\)$", hook, re.M), hook
    assert "qwen-max" in hook
    sh([sg, "sync"], project, env)
    sh(["git", "add", "docs"], project, env)
    sh(["git", "commit", "-q", "-m", "use qwen-max"], project, env)
    shown = sh(["git", "show", f"HEAD:{page.relative_to(project)}"], project, env)
    assert "qwen-max" in shown
    if edition == "cn-ja":
        assert "環境変数" in shown and "dashscope.aliyuncs.com" in shown
    seconds["hook"] = time.monotonic() - mark
    seconds["total"] = time.monotonic() - started
    print(f"\n{request.node.name}: " + ", ".join(f"{k} {v:.1f}s" for k, v in seconds.items()))


def _include_mode_hook(project: Path, env: dict[str, str], sg: str, spec: Path) -> None:
    """Include mode: the page names files, so a spec-only commit is stale in the files it
    includes (both hooks say so, sync --check naming generate as the fix) until generate."""
    sh(["git", "add", "specs"], project, env)
    blocked = subprocess.run(
        ["git", "commit", "-m", "use qwen-max"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"^samplegen check \(.*Failed$", output, re.M), output
    assert re.search(r"^samplegen sync --check \(.*Failed$", output, re.M), output
    hook = output.split("samplegen sync --check (", 1)[1]
    assert re.search(
        r"^\d+ generated file\(s\) the pages include are missing or out of date; "
        r"run: samplegen generate$",
        hook,
        re.M,
    ), hook
    sh([sg, "generate"], project, env)
    sh(["git", "add", "specs", "samples"], project, env)
    sh(["git", "commit", "-q", "-m", "use qwen-max"], project, env)
    shown = sh(["git", "show", "HEAD:samples/chat-completions/curl/curl/request.sh"], project, env)
    assert "qwen-max" in shown


def test_docusaurus_cache_holds_the_packages_init_writes() -> None:
    """.cache/docusaurus is what the build links: the exact pins of init's package.json."""
    modules = require(CACHE / "docusaurus" / "node_modules", "the Docusaurus packages")
    for name, version in DOCUSAURUS_PACKAGES.items():
        installed = json.loads((modules / name / "package.json").read_text())["version"]
        assert installed == version, name
    assert shutil.which("npm"), "npm builds the Docusaurus site"
