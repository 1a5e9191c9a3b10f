"""Which part of the sample matrix a command works on: a project config's languages,
variants, regions and locales (the defaults select everything).

Kept apart from :mod:`generator.output.pipeline` so that the CLI can name a selection without
importing the renderer (``check`` answers from its cache without it).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.i18n import DEFAULT_LOCALE

if TYPE_CHECKING:
    from generator.model import Endpoint
    from generator.render.editions import Edition
    from generator.render.registry import Variant
    from generator.render.samples import Sample


@dataclass(frozen=True)
class Selection:
    """Which part of the matrix to render (a project config's languages, variants, regions
    and locales); the defaults select everything."""

    languages: Collection[str] | None = None
    variants: Collection[str] | None = None  # variant names, e.g. python-openai
    regions: Collection[str] | None = None  # regions beyond each spec's default
    locales: Collection[str] | None = None  # comment locales beyond English

    def editions(self, endpoint: Endpoint) -> list[Edition]:
        """The editions of :func:`~generator.render.editions.matrix_editions` it keeps."""
        from generator.render.editions import matrix_editions

        return [
            e
            for e in matrix_editions(endpoint)
            if (e.region is None or self.regions is None or e.region in self.regions)
            and (e.locale == DEFAULT_LOCALE or self.locales is None or e.locale in self.locales)
        ]

    def keeps(self, sample: Sample) -> bool:
        return not self.variants or sample.variant.name in self.variants

    def keeps_job(self, endpoint: Endpoint, variant: Variant, prefix: str) -> bool:
        """Whether the sample of ``variant`` in the edition folder ``prefix`` is selected."""
        chosen = not self.variants or variant.name in self.variants
        return chosen and prefix in {e.prefix for e in self.editions(endpoint)}

    def key(self) -> str:
        """A stable text naming this selection (for cache keys)."""
        parts = (self.languages, self.variants, self.regions, self.locales)
        return repr(tuple(None if p is None else sorted(p) for p in parts))


EVERYTHING = Selection()
