"""Rendering: the Jinja environment, the template context, per-language filters and the
registry of languages and variants. Kept light: importing a submodule loads only what it needs."""
