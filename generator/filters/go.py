"""go literals and escaping (filled in with the go templates)."""

from __future__ import annotations

FILTERS: dict = {}
