"""php literals and escaping (filled in with the php templates)."""

from __future__ import annotations

FILTERS: dict = {}
