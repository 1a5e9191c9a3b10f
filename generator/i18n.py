"""Comment locales: gettext catalogs (Babel .po files) for every human-facing string in samples.

Templates mark text with ``_()``; ``make messages`` extracts it into ``locales/samplegen.pot``
and merges it into each catalog. Catalogs are compiled by Babel, so no binary .mo is committed;
the compiled catalog is kept in the cache folder (keyed on the .po text), so a new process
reads it with the standard library's gettext and does not import Babel at all.
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING

from generator.errors import SamplegenError

if TYPE_CHECKING:
    import gettext

DOMAIN = "samplegen"
DEFAULT_LOCALE = "en"
# Locale code -> the catalog folder; English is the source language (no catalog).
LOCALES: dict[str, str | None] = {"en": None, "ja": "ja", "zh": "zh_Hans"}


def check_locale(locale: str) -> str:
    """``locale`` if samplegen has a catalog for it; otherwise an error listing the known ones."""
    if locale not in LOCALES:
        raise SamplegenError(f"unknown locale {locale!r} (known: {', '.join(LOCALES)})")
    return locale


def catalog_path(locale: str) -> str:
    """The .po file of ``locale``, relative to the package."""
    folder = LOCALES[check_locale(locale)]
    return f"locales/{folder}/LC_MESSAGES/{DOMAIN}.po"


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """The gettext translations for ``locale``, compiled from its .po catalog."""
    import gettext  # here, not at import: the CLI's option lists need only LOCALES
    from importlib import resources

    from generator.cache import content_key, read_entry, write_entry

    if LOCALES[check_locale(locale)] is None:
        return gettext.NullTranslations()
    po = resources.files("generator").joinpath(catalog_path(locale)).read_bytes()
    key = content_key(po, LOCALES[locale].encode())  # type: ignore[union-attr]
    compiled = read_entry("mo", key)
    if compiled is None:
        compiled = _compile(po, LOCALES[locale])  # type: ignore[arg-type]
        write_entry("mo", key, compiled)
    return gettext.GNUTranslations(io.BytesIO(compiled))


def _compile(po: bytes, folder: str) -> bytes:
    """The .mo bytes of the .po catalog ``po`` (Babel, without fuzzy entries)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    compiled = io.BytesIO()
    write_mo(compiled, read_po(io.BytesIO(po), locale=folder), use_fuzzy=False)
    return compiled.getvalue()
