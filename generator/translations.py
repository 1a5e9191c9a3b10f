"""Stale translations: each translation of a spec's title and description may carry the hash
of the English text it translates (``translations.ja.source``); when the English changes,
the translation is reported as stale until someone updates it and its hash.

``samplegen check`` (and so the pre-commit hook) fails on a stale translation, naming the
spec line and the hash to set; ``generate`` warns and writes. The answer for a spec file is
remembered by its content (:mod:`generator.cache`), so an unchanged spec is not parsed again:
``check`` stays fast when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.cache import content_key, read_entry, write_entry
from generator.errors import SamplegenError

KIND = "translations"
SOURCE = "source"  # the key beside title and description


def source_hash(title: str, description: str = "") -> str:
    """The hash a translation records of the English it translates (8 hex digits of SHA-256
    of the title and the description, whitespace at their ends ignored)."""
    text = f"{title.strip()}\n{description.strip()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class StaleTranslation:
    """A translation whose recorded source hash is not the English text's (or that has none)."""

    path: Path
    line: int | None  # the translation's ``source`` line, else its locale's line
    locale: str
    recorded: str | None  # None: the translation records no source
    current: str

    def message(self) -> str:
        """One line for people: where, what, and exactly what to do."""
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        wanted = yaml_text(self.current)
        if self.recorded is None:
            return (
                f"{where}: the {self.locale} translation records no source; add "
                f"`source: {wanted}` (the hash of the English title and description it "
                "translates) so that a change to the English is reported"
            )
        return (
            f"{where}: the {self.locale} translation is stale: the English title or "
            f"description changed since it was translated (source {self.recorded}, English "
            f"now {self.current}); update the translation, then set `source: {wanted}`"
        )


def yaml_text(value: str) -> str:
    """``value`` as YAML reads it back as a text: a hash of digits only (``42112796``) or a
    YAML 1.1 binary (``0b101``) would be a number, so it is quoted."""
    if value.isdigit() or (value.startswith("0b") and set(value[2:]) <= {"0", "1"}):
        return f'"{value}"'
    return value


def _entries(data: Any, lines: dict[tuple[Any, ...], int], path: Path) -> list[StaleTranslation]:
    if not isinstance(data, dict) or not isinstance(data.get("translations"), dict):
        return []
    title = data.get("title")
    if not isinstance(title, str):
        return []  # an API-level file (_api.yaml) or an OpenAPI document
    current = source_hash(title, str(data.get("description") or ""))
    found = []
    for locale, entry in sorted(data["translations"].items()):
        if not isinstance(entry, dict):
            continue
        recorded = entry.get(SOURCE)
        if recorded == current:
            continue
        line = lines.get(("translations", locale, SOURCE)) or lines.get(("translations", locale))
        found.append(
            StaleTranslation(path, line, str(locale), recorded if recorded else None, current)
        )
    return found


def file_translations(path: Path, raw: bytes) -> list[StaleTranslation]:
    """The stale translations of one spec file (its ``raw`` bytes), remembered by content."""
    if b"translations" not in raw:
        return []
    key = content_key(b"translations-v1", str(path).encode(), raw)
    remembered = read_entry(KIND, key)
    if remembered is not None:
        return [
            StaleTranslation(path, e["line"], e["locale"], e["recorded"], e["current"])
            for e in json.loads(remembered)
        ]
    from generator.sources.yaml_text import parse_yaml

    try:
        data, lines = parse_yaml(raw.decode("utf-8"), path)
    except (SamplegenError, UnicodeDecodeError):  # load_specs reports it, with its line
        return []
    found = _entries(data, lines, path)
    fields = [
        {"line": s.line, "locale": s.locale, "recorded": s.recorded, "current": s.current}
        for s in found
    ]
    write_entry(KIND, key, json.dumps(fields).encode())
    return found


def stale_translations(specs: Path) -> list[StaleTranslation]:
    """The stale translations (and those recording no source) of every spec in ``specs``."""
    if not specs.is_dir():
        return []
    found: list[StaleTranslation] = []
    for path in sorted(p for p in specs.iterdir() if p.suffix in (".yaml", ".yml")):
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        found.extend(file_translations(path, raw))
    return found
