"""Errors of the documentation workflows (all :class:`SamplegenError`, with file and line)."""

from __future__ import annotations

from generator.errors import SamplegenError


class MarkerError(SamplegenError):
    """A sync marker is malformed, unclosed, nested or names an unknown sample."""


class DocsInputError(SamplegenError):
    """A documentation file cannot be read (missing, not UTF-8, binary)."""
