"""Comment locales: gettext catalogs (Babel .po files) for every human-facing string in samples.

Templates mark text with ``_()``; ``make messages`` extracts it into ``locales/samplegen.pot``
and merges it into each catalog. Catalogs are compiled in memory, so no binary .mo is committed.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from generator.errors import SamplegenError

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
def translations(locale: str) -> NullTranslations:
    """The gettext translations for ``locale``, compiled from its .po catalog."""
    if LOCALES[check_locale(locale)] is None:
        return NullTranslations()
    source = resources.files("generator").joinpath(catalog_path(locale))
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[locale])
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
