"""Language-neutral helpers the per-language filters build on."""

from __future__ import annotations

import json
import re
from typing import Any

# Characters that are legal in JSON strings but dangerous or invisible in source code:
# C0/C1 controls, line/paragraph separators (line breaks in JS and Java), bidi overrides
# (Trojan Source, CVE-2021-42574), the BOM, and lone surrogates (not encodable as UTF-8).
UNSAFE_CHARS = (
    "\x00-\x1f\x7f-\x9f\u2028\u2029\u200b\u200e\u200f\u2060\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff"
)  # a regex character-class body, for filters that add their own special characters
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")


def escape_unsafe(text: str, fmt: str = "\\u{:04x}", keep: str = "") -> str:
    """Replace each unsafe code point in ``text`` (except those in ``keep``) with ``fmt``."""
    return _UNSAFE.sub(
        lambda m: m.group() if m.group() in keep else fmt.format(ord(m.group())), text
    )


def has_unsafe(text: str) -> bool:
    """Whether ``text`` contains a control, bidi or otherwise invisible code point."""
    return _UNSAFE.search(text) is not None


def json_text(value: Any, indent: int | None = 2) -> str:
    """JSON text for ``value``: readable (non-ASCII kept) but with every unsafe char escaped.

    The result parses back to exactly ``value`` (round-trip tested) and contains no
    raw control, bidi or separator characters, so it can sit inside any source literal.
    """
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    # json.dumps already escapes C0 controls; this catches the rest (C1, bidi, U+2028...).
    # Raw newlines in its output are the indentation's own: keep those.
    return escape_unsafe(text, keep="\n")


def is_identifier(key: str) -> bool:
    """Whether ``key`` is a plain ASCII identifier usable bare in most languages."""
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) is not None
