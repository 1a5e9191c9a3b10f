"""node literals and escaping (filled in with the node templates)."""

from __future__ import annotations

FILTERS: dict = {}
