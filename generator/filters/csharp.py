"""csharp literals and escaping (filled in with the csharp templates)."""

from __future__ import annotations

FILTERS: dict = {}
