"""The docs systems ``samplegen sync`` writes into, one module each behind :class:`DocsFormat`.

The format of a page comes from its suffix (``.md`` MkDocs Material, ``.mdx`` Docusaurus,
``.rst`` Sphinx reST) unless configured otherwise (``--format myst`` for the ``.md`` pages
of a Sphinx project); :func:`docs_format_for` decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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
# The format of each suffix when none is configured; any other file is plain Markdown.
_BY_SUFFIX = {".md": "mkdocs", ".markdown": "mkdocs", ".mdx": "docusaurus", ".rst": "rst"}
_FALLBACK = "plain"


def get_format(name: str) -> DocsFormat:
    """The format called ``name``; an unknown name is an error that lists the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise DocsInputError(f"unknown docs format {name!r} (known: {known})") from None


def docs_suffixes() -> tuple[str, ...]:
    """The suffixes a folder is searched for: those with a default format."""
    return tuple(_BY_SUFFIX)


def docs_format_for(path: Path, configured: str | Iterable[str] | None = None) -> DocsFormat:
    """The docs system of the page at ``path``.

    ``configured`` names one format or several (``myst``, ``["myst", "rst-sphinx-tabs"]``):
    the first that reads the page's suffix wins. Otherwise the suffix decides: ``.md`` and
    ``.markdown`` MkDocs Material, ``.mdx`` Docusaurus, ``.rst`` Sphinx reST with
    sphinx-design; a file with any other suffix is plain Markdown.
    """
    names = [configured] if isinstance(configured, str) else list(configured or ())
    suffix = path.suffix.lower()
    for name in names:
        chosen = get_format(name)
        if suffix in chosen.suffixes or (suffix not in _BY_SUFFIX and chosen.name == _FALLBACK):
            return chosen
    return FORMATS[_BY_SUFFIX.get(suffix, _FALLBACK)]
