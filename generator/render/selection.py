"""Which part of the sample matrix a command works on: a project config's languages,
variants, regions and locales (the defaults select everything).

Kept apart from :mod:`generator.output.pipeline` so that the CLI can name a selection without
importing the renderer (``check`` answers from its cache without it).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import SamplegenError
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
    # Where each setting was written (a config key -> (file, line)), for errors.
    origin: Mapping[str, tuple[Path | None, int | None]] = field(
        default_factory=dict, compare=False, hash=False
    )

    def check(self, endpoints: Iterable[Endpoint]) -> None:
        """A region the selection names that no spec has is an error (not an empty edition)."""
        if not self.regions:
            return
        known = sorted({r.key for e in endpoints for r in e.regions})
        for name in self.regions:
            if name not in known:
                path, line = self.origin.get("regions", (None, None))
                raise SamplegenError(
                    f"regions: no spec has the region {name} (the specs' regions: "
                    f"{', '.join(known) or 'none'})",
                    path,
                    line,
                )

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
