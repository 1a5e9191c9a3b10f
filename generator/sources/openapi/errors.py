"""Why an operation is not imported: raised anywhere while reading it, caught per operation."""

from __future__ import annotations


class Skip(Exception):
    """The operation cannot be rendered; the message says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
