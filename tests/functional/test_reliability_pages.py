"""Pages are never damaged: random pages through `sync` and `audit --fix` keep every byte
outside the lines they edit; writes follow symlinks, refuse read-only pages before the
first write, and leave no temporary file behind (a failed write, a caught signal, and,
after a SIGKILL, the next run's clean-up)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.docs.audit.fix import fix_text
from generator.docs.extract import find_samples
from generator.docs.files import split_lines, write_pages
from generator.docs.sync.pages import SampleSource, sync_text
from generator.errors import SamplegenError
from generator.output import writer
from generator.sources import load_specs
from tests.conftest import OUTPUT, SPECS

ENDPOINTS = load_specs(SPECS)
SOURCE = SampleSource(SPECS)
LABELS = {
    "python": "Python",
    "node": "Node.js",
    "curl": "curl",
    "php": "PHP",
    "csharp": "C#",
    "go": "Go",
    "java": "Java",
}
# samplegen's own samples of the default edition: what a writer pastes into a page.
SAMPLES = sorted(p for p in OUTPUT.glob("*/*/*/*") if p.parts[-4] not in ("regions", "locales"))
# Sentences a page says around its samples; several parse as shell, PHP or JavaScript.
SENTENCES = [
    "The response is a JSON object. Replace the key with yours.",
    "この例では qwen-plus を使用しています。承認されている他のモデルを使用できます。",
    "运行前请先设置环境变量。",
    "Note: set DASHSCOPE_API_KEY first.",
    "and you get the answer below",
    "curl prints the answer.",
    "Output:",
    "Done",
    "Replace $DASHSCOPE_API_KEY with your key (it's in the console).",
    "Values > 1 are fine | ok",
    "See https://example.com/docs for more.",
    "then run it.",
    'sample response: {"id": 1}',
    "echo is not needed here",
    "  Indented words in a quote",
    # Sentences that start like code of some language:
    "import the SDK first.",
    "export your key before you run it.",
    "package main is the entry point.",
    "using the SDK is easier.",
    "public endpoints are listed below.",
    "const values are fine:",
]
MARKER_OPEN = re.compile(r"^[ \t]*<!-- samplegen:")
MARKER_CLOSE = re.compile(r"^[ \t]*<!-- /samplegen -->")

sentence = st.sampled_from(SENTENCES) | st.text(
    st.characters(
        whitelist_categories=("L", "N", "Zs", "P", "S"),
        blacklist_characters="\u2028\u2029\x85",
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() and len(s.split()) > 1)


def without_marked_blocks(text: str) -> str:
    """``text`` without sync-marked blocks, --fix's ignore markers and the blank lines --fix
    puts between two blocks it wrote: what a fix or a sync must leave byte for byte."""
    out: list[str] = []
    pending: list[str] = []
    inside = after_close = False
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    for line in split_lines(text.removeprefix(bom)):
        if MARKER_OPEN.match(line):
            inside = True
            if after_close:
                pending = []
        if inside:
            if MARKER_CLOSE.match(line):
                inside, after_close = False, True
            continue
        if line.lstrip().startswith("<!-- audit-ignore:"):
            continue
        if after_close and not line.strip():
            pending.append(line)
            continue
        out += [*pending, line]
        pending, after_close = [], False
    return bom + "".join(out + pending)


@st.composite
def plain_text_pages(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A plain-text page of samplegen's own samples under language lines, with sentences
    before and after each, as ("text", TEXT) and ("code", CODE) pieces in order."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    chosen = draw(st.lists(st.sampled_from(SAMPLES), min_size=1, max_size=3, unique=True))
    pieces = [("text", draw(st.sampled_from(["", "\ufeff"])) + f"Intro{eol}{eol}")]
    for sample in chosen:
        label = LABELS[sample.parts[-3]]
        before = "".join(f"{s}{eol}{eol}" for s in draw(st.lists(sentence, max_size=2)))
        after = draw(st.lists(sentence, max_size=3))
        gap = draw(st.sampled_from([eol, ""]))
        tail = "".join([gap, *(f"{s}{eol}" for s in after), eol]) if after else eol
        pieces += [("text", f"{label}{eol}{eol}{before}")]
        pieces += [("code", sample.read_text("utf-8").replace("\n", eol)), ("text", tail)]
    if draw(st.booleans()):
        pieces.append(("text", "Last words, no line end"))
    return pieces


@settings(
    max_examples=int(os.environ.get("SAMPLEGEN_RELIABILITY_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plain_text_pages())
def test_fix_replaces_exactly_the_samples_of_a_plain_text_page(
    pieces: list[tuple[str, str]],
) -> None:
    page = "".join(text for _, text in pieces)
    fixed, result = fix_text(Path("page.txt"), page, ENDPOINTS, SOURCE)
    kept = {line for line, _ in result.kept}
    expected, line = "", 1
    for kind, text in pieces:
        if kind == "text" or line in kept:  # a sample --fix leaves stays exactly as it was
            expected += text
        line += len(split_lines(text.removeprefix("\ufeff"))) - (not text.endswith(("\n", "\r")))
    codes = [text for kind, text in pieces if kind == "code"]
    assert len(result.replaced) + len(kept) == len(codes)
    assert without_marked_blocks(fixed) == expected
    # What --fix wrote holds no uncertain sample but those it left.
    again = [s for s in find_samples(Path("page.txt"), fixed) if s.end_note]
    assert len(again) <= len(kept)


@st.composite
def marked_pages(draw: st.DrawFn) -> str:
    """A Markdown page of random text around sync markers whose blocks hold stale text."""
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    lines = st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\u2028\u2029\x85"),
        max_size=30,
    ).filter(lambda s: "samplegen" not in s and "```" not in s and "~~~" not in s)
    parts: list[str] = [draw(st.sampled_from(["", "\ufeff"]))]
    for _ in range(draw(st.integers(1, 3))):
        parts += [f"{line}{eol}" for line in draw(st.lists(lines, max_size=4))]
        endpoint = draw(st.sampled_from(["chat-completions", "embeddings", "file-list"]))
        sample = draw(st.sampled_from(["curl", "tabs", "python-requests"]))
        parts.append(f"<!-- samplegen: {endpoint} {sample} -->{eol}")
        parts += [f"{line}{eol}" for line in draw(st.lists(lines, max_size=3))]
        parts.append(f"<!-- /samplegen -->{eol}")
    parts += [f"{line}{eol}" for line in draw(st.lists(lines, max_size=3))]
    if draw(st.booleans()):
        parts.append(draw(lines))
    return "".join(parts)


@settings(
    max_examples=int(os.environ.get("SAMPLEGEN_RELIABILITY_EXAMPLES", "25")) * 4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(marked_pages())
def test_sync_changes_nothing_outside_the_marked_blocks(page: str) -> None:
    synced = sync_text(page, Path("page.md"), SOURCE)
    assert without_marked_blocks(synced.new) == without_marked_blocks(page)
    assert synced.new.startswith("\ufeff") == page.startswith("\ufeff")
    assert sync_text(synced.new, Path("page.md"), SOURCE).new == synced.new  # idempotent


# -- finding samples -------------------------------------------------------------------


def test_a_fenced_sample_right_after_a_byte_order_mark_is_found() -> None:
    code = (OUTPUT / "chat-completions" / "python" / "openai" / "main.py").read_text()
    page = f"\ufeff```python\n{code}```\n\nWords.\n"
    [sample] = find_samples(Path("page.md"), page)
    assert (sample.line, sample.language, sample.code) == (2, "python", code)


@pytest.mark.parametrize("labelled", [True, False], ids=["under-a-language-line", "unlabelled"])
@pytest.mark.parametrize(
    "sample",
    [p for p in SAMPLES if p.parts[-3] in ("java", "csharp", "go", "php", "curl")],
    ids=lambda p: "/".join(p.parts[-4:-1]),
)
def test_samplegens_own_samples_pasted_as_plain_text_are_found_whole(
    sample: Path, labelled: bool
) -> None:
    code = sample.read_text("utf-8")
    label = f"{LABELS[sample.parts[-3]]}\n\n" if labelled else ""
    page = f"Intro words.\n\n{label}{code}\nThe response is a JSON object.\nDone\n"
    found = [s for s in find_samples(Path("page.txt"), page) if s.language == sample.parts[-3]]
    assert [(s.code, s.end_note) for s in found] == [(code, None)]


def test_fix_leaves_a_sample_whose_end_is_uncertain_and_says_why() -> None:
    java = (OUTPUT / "chat-completions" / "java" / "httpclient" / "Main.java").read_text()
    lines = java.splitlines(keepends=True)
    broken = "".join(lines[:-3]) + "    this line is not Java\n" + "".join(lines[-3:])
    curl = (OUTPUT / "chat-completions" / "curl" / "curl" / "request.sh").read_text()
    page = f"Chat\n\nJava\n\n{broken}\nWords.\n\ncurl\n\n{curl}\nMore words.\n"
    fixed, result = fix_text(Path("page.txt"), page, ENDPOINTS, SOURCE)
    assert [name for _, name in result.replaced] == ["chat-completions curl-curl"]
    [(line, why)] = result.kept
    assert line == 5 and "still looks like Java code" in why
    assert without_marked_blocks(fixed) == page.replace(curl, "")  # the Java sample as it was
    assert any(m.startswith("left as it was: page.txt:5: the Java code") for m in result.messages())


# -- writing pages ---------------------------------------------------------------------


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if writer.TEMP_MARK in p.name)


def test_a_symlinked_page_is_updated_through_its_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "page.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "page.md"
    link.symlink_to(real)
    write_pages({link: "new\n"})
    assert link.is_symlink() and real.read_text() == "new\n"
    assert _temps(tmp_path) == []


def test_a_read_only_page_is_refused_before_any_page_is_written(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("a\n")
    second.write_text("b\n")
    second.chmod(0o444)
    with pytest.raises(SamplegenError, match="the page is read-only") as caught:
        write_pages({first: "A\n", second: "B\n"})
    assert caught.value.path == second
    assert (first.read_text(), second.read_text()) == ("a\n", "b\n")
    assert _temps(tmp_path) == []


def test_a_failed_write_changes_no_page_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [tmp_path / f"{name}.md" for name in "abc"]
    for page in pages:
        page.write_text("old\n")
        page.chmod(0o640)
    real = writer._write_temp
    calls = []

    def full_disk(target: writer._Target, durable: bool) -> str:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(target, durable)

    monkeypatch.setattr(writer, "_write_temp", full_disk)
    with pytest.raises(SamplegenError) as caught:
        write_pages({page: "new\n" for page in pages})
    assert str(caught.value) == (
        f"{pages[2]}: cannot write the page: No space left on device; nothing was changed"
    )
    assert [p.read_text() for p in pages] == ["old\n"] * 3
    assert _temps(tmp_path) == []
    monkeypatch.undo()
    write_pages({page: "new\n" for page in pages})
    assert [(p.read_text(), p.stat().st_mode & 0o777) for p in pages] == [("new\n", 0o640)] * 3


def test_sync_of_a_read_only_page_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Chat\n\n<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n")
    page.chmod(0o444)
    result = CliRunner().invoke(main, ["sync", str(page), "--specs", str(SPECS)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: {page}: the page is read-only; make it writable (chmod u+w) to let "
        "samplegen update it\n",
    )


def test_temporary_files_of_a_killed_run_are_removed_by_the_next_one(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Chat\n\n<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = tmp_path / ".page.md.samplegen-999999999-abcd.tmp"  # no such process
        alive = tmp_path / f".page.md.samplegen-{sleeper.pid}-abcd.tmp"  # still writing
        foreign = tmp_path / ".page.md.swp"  # not ours
        for path in (dead, alive, foreign):
            path.write_text("partial")
        result = CliRunner().invoke(main, ["sync", str(page), "--specs", str(SPECS)])
        assert result.exit_code == 0, result.output
        assert (dead.exists(), alive.exists(), foreign.exists()) == (False, True, True)
    finally:
        sleeper.kill()
        sleeper.wait()


# -- kills during sync -----------------------------------------------------------------

PAGES = 80
FILLER = "A paragraph of prose that stays exactly as it is. " * 2000  # about 100 KB
DELAYS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.4)  # seconds after the first temporary file appears


def _docs(folder: Path) -> dict[Path, bytes]:
    """PAGES stale pages: big prose around three sync markers each."""
    folder.mkdir()
    pages = {}
    for n in range(PAGES):
        text = (
            f"# Page {n}\n\n{FILLER}\n\n"
            "<!-- samplegen: chat-completions curl -->\nstale\n<!-- /samplegen -->\n\n"
            f"{FILLER}\n\n<!-- samplegen: embeddings curl -->\n<!-- /samplegen -->\n\n"
            "<!-- samplegen: file-list python-requests -->\nold\n<!-- /samplegen -->\n"
        )
        page = folder / f"page-{n:03}.md"
        page.write_text(text, "utf-8")
        pages[page] = text.encode()
    return pages


def _sync(docs: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "sync", str(docs), "--specs", str(SPECS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def stale_and_synced(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[Path, bytes], bytes]:
    """The stale pages, and the first page once synced."""
    docs = tmp_path_factory.mktemp("kills") / "docs"
    stale = _docs(docs)
    assert _sync(docs).wait(300) == 0
    first = next(iter(stale))
    assert first.read_bytes() != stale[first]
    return stale, first.read_bytes()


@pytest.mark.parametrize(
    ("signum", "delay"),
    [(sig, delay) for sig in (signal.SIGTERM, signal.SIGKILL) for delay in DELAYS]
    + [(signal.SIGINT, 0.05), (signal.SIGHUP, 0.05)],
    ids=lambda value: value.name if isinstance(value, signal.Signals) else f"{value}s",
)
def test_a_kill_while_sync_writes_leaves_every_page_whole(
    stale_and_synced: tuple[dict[Path, bytes], bytes],
    tmp_path: Path,
    signum: signal.Signals,
    delay: float,
) -> None:
    """Killed while it writes (``delay`` after its first temporary file appeared), sync
    leaves each page either as it was or wholly synced; SIGTERM leaves no temporary file,
    and after SIGKILL the next run removes the ones it left."""
    stale, synced_first = stale_and_synced
    docs = tmp_path / "docs"
    docs.mkdir()
    for page, data in stale.items():
        (docs / page.name).write_bytes(data)
    process = _sync(docs)
    deadline = time.monotonic() + 120
    while not _temps(docs) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    process.send_signal(signum)
    process.wait(60)
    assert b"Traceback" not in (process.stderr.read() if process.stderr else b"")
    for n, (page, data) in enumerate(stale.items()):
        now = (docs / page.name).read_bytes()
        synced = synced_first.replace(b"# Page 0\n", f"# Page {n}\n".encode(), 1)
        assert now in (data, synced), f"{page.name} is damaged after {signum.name}"
    if signum != signal.SIGKILL:
        assert _temps(docs) == [], f"temporary files left after {signum.name}"
        return
    assert _sync(docs).wait(300) == 0  # the next run completes and cleans up
    assert _temps(docs) == []
