"""The docs systems samplegen writes for: one set of names for ``init --docs``, the config's
``docs_system`` (and ``docs_system_overrides``) and ``sync --format``.

A docs system decides, per page suffix, the page syntax ``sync``, ``sync --check``,
``audit --fix`` and the hooks use (generator/docs/sync/formats/): a Sphinx project reads its
``.rst`` pages as reST and its ``.md`` pages as MyST, a Docusaurus site reads ``.md`` and
``.mdx`` as MDX. This module imports nothing heavy: the config reads it at start-up.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

# The systems, in the order help texts list them.
SYSTEMS = ("mkdocs", "docusaurus", "sphinx", "sphinx-tabs", "myst", "markdown")
# Names earlier versions used for the same systems (sync --format): accepted, with a note.
ALIASES = {"rst": "sphinx", "rst-sphinx-tabs": "sphinx-tabs", "plain": "markdown"}
LABELS = {
    "mkdocs": "MkDocs Material",
    "docusaurus": "Docusaurus 3",
    "sphinx": "Sphinx (reST, sphinx-design tabs)",
    "sphinx-tabs": "Sphinx (reST, sphinx-tabs tabs)",
    "myst": "Sphinx with MyST Markdown",
    "markdown": "plain Markdown (GitHub, GitLab, any CommonMark)",
}
ANY_SUFFIX = "*"
# system -> page suffix -> the page format (generator/docs/sync/formats/) it is written in.
PAGE_FORMATS: dict[str, dict[str, str]] = {
    "mkdocs": {".md": "mkdocs", ".markdown": "mkdocs"},
    "docusaurus": {".md": "docusaurus", ".markdown": "docusaurus", ".mdx": "docusaurus"},
    "sphinx": {".rst": "sphinx", ".md": "myst", ".markdown": "myst"},
    "sphinx-tabs": {".rst": "sphinx-tabs", ".md": "myst", ".markdown": "myst"},
    "myst": {".md": "myst", ".markdown": "myst"},  # its .rst pages: reST, the default
    "markdown": {ANY_SUFFIX: "markdown"},
}
# Without a configured system the suffix decides (any other suffix: plain Markdown).
BY_SUFFIX = {".md": "mkdocs", ".markdown": "mkdocs", ".mdx": "docusaurus", ".rst": "sphinx"}
FALLBACK = "markdown"
_GLOB = set("*?[")


class UnknownSystem(ValueError):
    """A name that is no docs system (nor an alias of one)."""


def canonical(name: str) -> str:
    """The docs system ``name`` means (an alias gives the system's name now)."""
    if name in SYSTEMS:
        return name
    if name in ALIASES:
        return ALIASES[name]
    raise UnknownSystem(f"one of {', '.join(SYSTEMS[:-1])} or {SYSTEMS[-1]}")


def alias_note(name: str) -> str | None:
    """A note for a user who wrote an old name, or None for a current one."""
    if name not in ALIASES:
        return None
    return f"{name!r} is now called {ALIASES[name]!r} (the same docs system; both names work)"


def page_format(system: str | None, suffix: str) -> str | None:
    """The page format a page with ``suffix`` has in ``system`` (None: the system does not
    read such pages)."""
    if system is None:
        return None
    formats = PAGE_FORMATS[canonical(system)]
    return formats.get(suffix.lower(), formats.get(ANY_SUFFIX))


def default_format(suffix: str) -> str:
    """The page format of a page whose system nobody named: by its suffix."""
    return BY_SUFFIX.get(suffix.lower(), FALLBACK)


@dataclass(frozen=True)
class SystemChoice:
    """Which docs system each page is in: ``--format`` first, then the config's per-path
    overrides (the most specific path or glob that names the page), then its
    ``docs_system``; without any, the page's suffix decides."""

    given: tuple[str, ...] = ()  # --format names, in order (the first that reads a suffix)
    default: str | None = None  # the config's docs_system
    overrides: tuple[tuple[str, str], ...] = ()  # (absolute path or glob, system)

    def systems_for(self, page: Path) -> tuple[str, ...]:
        """The systems to try for ``page``, most specific first."""
        if self.given:
            return tuple(canonical(name) for name in self.given)
        override = self.override_for(page)
        if override is not None:
            return (override,)
        return (self.default,) if self.default else ()

    def override_for(self, page: Path) -> str | None:
        """The system of the most specific override that names ``page``, if any."""
        where = page.resolve().as_posix()
        best: tuple[int, str] | None = None
        for pattern, system in self.overrides:
            if _GLOB & set(pattern):
                hit = fnmatch.fnmatchcase(where, pattern)
            else:
                hit = where == pattern or where.startswith(pattern.rstrip("/") + "/")
            if hit and (best is None or len(pattern) > best[0]):
                best = (len(pattern), system)
        return best[1] if best else None

    def format_for(self, page: Path) -> str:
        """The page format of ``page`` (generator/docs/sync/formats/ names it)."""
        for system in self.systems_for(page):
            found = page_format(system, page.suffix)
            if found is not None:
                return found
        return default_format(page.suffix)

    def system_for(self, page: Path) -> str | None:
        """The docs system ``page`` is in: the first named one that reads its suffix, else
        the first named one (a MyST site's ``.rst`` pages), else None."""
        named = self.systems_for(page)
        for system in named:
            if page_format(system, page.suffix) is not None:
                return system
        return named[0] if named else None
