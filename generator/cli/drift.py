"""How the drift gates (``check``, ``sync --check``) report: what drifted and the one command
that fixes it first, then the names, then the diff, capped unless ``--diff`` asks for all."""

from __future__ import annotations

from collections.abc import Sequence

import click

NAMES_SHOWN = 20  # lines naming what drifted (files, blocks) before "... and N more"
DIFF_SHOWN = 60  # lines of diff before "... N more lines"


def report_drift(
    headline: str,
    names: Sequence[str],
    diffs: Sequence[str],
    full: bool,
    full_command: str,
) -> None:
    """Print ``headline`` (what drifted; the command that fixes it), the ``names`` of what
    drifted and the ``diffs``; without ``full`` at most :data:`NAMES_SHOWN` names and
    :data:`DIFF_SHOWN` diff lines, then how to see the rest (``full_command``)."""
    click.echo(headline)
    shown = names if full else names[:NAMES_SHOWN]
    for name in shown:
        click.echo(f"  {name}")
    if len(shown) < len(names):
        click.echo(f"  ... and {len(names) - len(shown)} more")
    lines = [line for diff in diffs for line in diff.splitlines()]
    if not lines:
        return
    kept = lines if full else lines[:DIFF_SHOWN]
    click.echo("")
    for line in kept:
        click.echo(line)
    if len(kept) < len(lines):
        click.echo(f"... {len(lines) - len(kept)} more line(s) of diff; all of it: {full_command}")
