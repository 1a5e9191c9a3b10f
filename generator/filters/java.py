"""java literals and escaping (filled in with the java templates)."""

from __future__ import annotations

FILTERS: dict = {}
