"""The page formats ``samplegen sync`` writes, one module each behind :class:`DocsFormat`.

A page's format comes from its docs system (generator/docs/systems.py: ``sphinx`` writes
``.rst`` pages as reST and ``.md`` pages as MyST) or, when nobody names one, from its suffix
(``.md`` MkDocs Material, ``.mdx`` Docusaurus, ``.rst`` Sphinx reST); :func:`docs_format_for`
decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.docs import systems
from generator.docs.errors import DocsInputError
from generator.docs.sync.formats.base import (
    CLOSE,
    LOOSE,
    OPEN,
    Code,
    DocsFormat,
    Insertion,
    MarkerLine,
    Tab,
)
from generator.docs.sync.formats.docusaurus import Docusaurus
from generator.docs.sync.formats.mkdocs import MkDocs
from generator.docs.sync.formats.myst import MyST
from generator.docs.sync.formats.plain import Plain
from generator.docs.sync.formats.rst import Rst, RstSphinxTabs

__all__ = [
    "CLOSE",
    "FORMATS",
    "LOOSE",
    "OPEN",
    "Code",
    "DocsFormat",
    "Insertion",
    "MarkerLine",
    "Tab",
    "docs_format_for",
    "docs_suffixes",
    "get_format",
]

FORMATS: dict[str, DocsFormat] = {
    f.name: f for f in (MkDocs(), Docusaurus(), Rst(), RstSphinxTabs(), MyST(), Plain())
}


def get_format(name: str) -> DocsFormat:
    """The page format called ``name`` (a docs system's name, or an old alias of one); an
    unknown name is an error that lists the known ones."""
    try:
        return FORMATS[systems.canonical(name)]
    except systems.UnknownSystem:
        known = ", ".join(FORMATS)
        raise DocsInputError(f"unknown docs system {name!r} (known: {known})") from None


def docs_suffixes() -> tuple[str, ...]:
    """The suffixes a folder is searched for: those with a default format."""
    return tuple(systems.BY_SUFFIX)


def docs_format_for(
    path: Path, configured: str | Iterable[str] | systems.SystemChoice | None = None
) -> DocsFormat:
    """The page format of the page at ``path``.

    ``configured`` names one docs system or several (``sphinx``, ``["myst", "sphinx-tabs"]``:
    the first that reads the page's suffix wins), or is the project's
    :class:`~generator.docs.systems.SystemChoice`. A Sphinx system writes ``.rst`` pages as
    reST and ``.md`` pages as MyST; Docusaurus reads ``.md`` and ``.mdx``; ``markdown`` reads
    every page. Otherwise the suffix decides: ``.md`` and ``.markdown`` MkDocs Material,
    ``.mdx`` Docusaurus, ``.rst`` Sphinx reST with sphinx-design; any other suffix plain
    Markdown.
    """
    if isinstance(configured, systems.SystemChoice):
        return FORMATS[configured.format_for(path)]
    names = [configured] if isinstance(configured, str) else list(configured or ())
    for name in names:
        get_format(name)  # an unknown name is an error
    return FORMATS[systems.SystemChoice(given=tuple(names)).format_for(path)]
