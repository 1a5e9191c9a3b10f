"""Where the files samplegen ships live: templates, guides, the ``init`` assets.

An installed wheel carries them inside the package, under ``generator/_data/`` (the build
maps the checkout's top-level ``templates/``, ``docs/`` and the example spec there, see
``pyproject.toml``). Run from a source checkout (an editable install, ``python -m generator``)
there is no ``_data`` folder, and the checkout's own top-level folders are used.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from generator.errors import SamplegenError

# The source checkout, when the package runs from one (generator/ sits at its top).
CHECKOUT = Path(__file__).resolve().parent.parent

# Packaged folder (below generator/_data/) -> the checkout's folder it is built from.
_SOURCES = {"templates": "templates", "docs": "docs", "init": "specs"}

EXAMPLE_SPEC = "chat-completions.yaml"  # the spec `samplegen init` copies
API_FILE = "_api.yaml"  # and the API-level file it inherits from


def data_dir(name: str) -> Path:
    """The packaged folder ``name`` (templates, docs, init), or the checkout's copy of it."""
    packaged = resources.files("generator").joinpath("_data", name)
    if packaged.is_dir():
        return Path(str(packaged))
    source = CHECKOUT / _SOURCES[name]
    if source.is_dir():
        return source
    raise SamplegenError(f"samplegen is installed without its {name} (looked in {packaged})")


def templates_dir() -> Path:
    """The templates samplegen ships (one subfolder per language and variant)."""
    return data_dir("templates")


def guides() -> dict[str, Path]:
    """The guides (``docs/*.md`` of the project) by name, e.g. ``docs-workflows``, and the
    JSON Schemas of the spec format and of ``audit --format json``."""
    found = {path.stem: path for path in sorted(data_dir("docs").glob("*.md"))}
    package = Path(__file__).resolve().parent
    found["spec-schema"] = package / "sources" / "spec.schema.json"
    found["audit-schema"] = package / "docs" / "audit" / "audit.schema.json"
    return found


def example_spec() -> Path:
    """The spec ``samplegen init`` writes into a new project."""
    return data_dir("init") / EXAMPLE_SPEC


def example_api() -> Path:
    """The API-level file ``samplegen init`` writes beside the example spec."""
    return data_dir("init") / API_FILE
