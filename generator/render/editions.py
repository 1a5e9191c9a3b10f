"""Editions (a region and a comment locale) and where each sample of one lives below output/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.i18n import DEFAULT_LOCALE, LOCALES

if TYPE_CHECKING:
    from generator.model import Endpoint
    from generator.render.registry import Variant


def sample_relpath(endpoint: Endpoint, variant: Variant, prefix: str = "") -> str:
    """Where a sample lives below the output folder (``prefix`` for non-default editions)."""
    return f"{prefix}{endpoint.id}/{variant.language}/{variant.key}/{variant.filename}"


@dataclass(frozen=True)
class Edition:
    """A region and a comment locale to render in, and the folder that edition goes to."""

    region: str | None  # None: the spec's default region
    locale: str = DEFAULT_LOCALE
    prefix: str = ""


def matrix_editions(endpoint: Endpoint) -> list[Edition]:
    """The editions ``generate`` writes by default: the spec's default region in English at the
    top, then every other region (``regions/<key>/``) and every other locale (``locales/<code>/``).
    """
    result = [Edition(None)]
    result += [
        Edition(r.key, DEFAULT_LOCALE, f"regions/{r.key}/")
        for r in endpoint.regions
        if r.key != endpoint.default_region
    ]
    result += [Edition(None, loc, f"locales/{loc}/") for loc in LOCALES if loc != DEFAULT_LOCALE]
    return result
