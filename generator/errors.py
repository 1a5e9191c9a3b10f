"""Typed errors that carry a location; only the CLI turns them into text and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2


@dataclass
class SamplegenError(Exception):
    """An error in the user's input: a spec, a template or a command-line argument."""

    message: str
    path: Path | str | None = None
    line: int | None = None

    exit_code = EXIT_BAD_INPUT

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class SpecError(SamplegenError):
    """A spec file cannot be read, parsed or validated."""


class TemplateError(SamplegenError):
    """A template cannot be loaded or rendered."""


class RegistryError(SamplegenError):
    """An unknown language or variant, or an inconsistent registry."""
