"""Reading documentation files byte-faithfully, splitting lines, and walking folders."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.docs.errors import DocsInputError
from generator.output.writer import remove_stale_temps, replace_files

# A line and its own ending; \r\n, \r and \n all end a line, as in CommonMark.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_SKIP_DIRS = {"node_modules", "site", "_build", "__pycache__"}


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 with every line ending kept as it is."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DocsInputError(f"cannot read the file: {err.strerror}", path) from None
    if b"\0" in raw:
        raise DocsInputError("the file is binary (it contains NUL bytes)", path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DocsInputError("the file is not valid UTF-8", path, line) from None


def write_text(path: Path, text: str) -> None:
    """Replace the page's content atomically (see :func:`write_pages`)."""
    write_pages({path: text})


def write_pages(changes: Mapping[Path, str], pages: Iterable[Path] = ()) -> None:
    """Replace the content of every page in ``changes``, all or nothing.

    Every page is checked before the first write (a read-only page, or a folder samplegen
    cannot write in, is an error naming it, and no page changes); a symbolic link is
    followed (the page it points at is updated, the link stays a link); each page keeps
    its permissions. The new texts are written to temporary files that are renamed over
    the pages only when all are complete; a caught signal removes them, and the
    temporary files a killed run left beside any of these pages (or ``pages``) are removed.
    """
    folders = [Path(os.path.realpath(p)).parent for p in (*changes, *pages)]
    remove_stale_temps(folders)
    items = [(path, text.encode("utf-8")) for path, text in changes.items()]
    replace_files(items, what="page", follow_symlinks=True, durable=True)


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own line ending; ``"".join`` gives ``text`` back."""
    return _LINE.findall(text)


def strip_eol(line: str) -> str:
    """``line`` without its line ending."""
    return line.rstrip("\r\n")


def line_ending(line: str, default: str = "\n") -> str:
    """The ending of ``line`` (``\\r\\n``, ``\\r`` or ``\\n``), or ``default`` if it has none."""
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\r", "\n")):
        return line[-1]
    return default


def walk(paths: Iterable[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files named in ``paths``, plus files with ``suffixes`` below named folders, sorted.

    Hidden folders, ``node_modules``, a built MkDocs ``site/`` and Sphinx ``_build/`` are
    skipped.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
                found.extend(Path(root) / f for f in sorted(files) if f.lower().endswith(suffixes))
        elif path.exists():
            found.append(path)
        else:
            raise DocsInputError("no such file or folder", path)
    unique: dict[Path, None] = dict.fromkeys(found)
    return list(unique)
