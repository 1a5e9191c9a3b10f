"""Per-language kit layouts: where the entry file goes, which project files surround it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.render.registry import Variant
from generator.sdk import pins


@dataclass(frozen=True)
class Layout:
    """The project files of one language's kit (paths use ``{project}`` for the project name)."""

    entry_dir: str  # folder of the entry file inside the kit ("" for the top)
    files: tuple[tuple[str, str], ...]  # (path in the kit, template below templates/)
    executable: frozenset[str] = frozenset()  # kit paths written with mode 0755


def _common(language: str) -> tuple[tuple[str, str], ...]:
    return (
        ("README.md", f"kits/{language}/README.md.j2"),
        (".env.example", "kits/env.example.j2"),
        (".gitignore", f"kits/{language}/gitignore.j2"),
    )


LAYOUTS: dict[str, Layout] = {
    "python": Layout("", (("pyproject.toml", "kits/python/pyproject.toml.j2"), *_common("python"))),
    "node": Layout("", (("package.json", "kits/node/package.json.j2"), *_common("node"))),
    "go": Layout("", (("go.mod", "kits/go/go.mod.j2"), *_common("go"))),
    "java": Layout("src/main/java", (("pom.xml", "kits/java/pom.xml.j2"), *_common("java"))),
    "php": Layout("", (("composer.json", "kits/php/composer.json.j2"), *_common("php"))),
    "csharp": Layout(
        "", (("{project}.csproj", "kits/csharp/project.csproj.j2"), *_common("csharp"))
    ),
    "curl": Layout("", _common("curl"), frozenset({"request.sh"})),
}

# The pinned packages each variant's sample imports (keys of the language's pins table).
DEPENDENCIES: dict[str, tuple[str, ...]] = {
    "python-openai": ("openai",),
    "python-dashscope": ("dashscope",),
    "python-anthropic": ("anthropic",),
    "python-requests": ("requests",),
    "node-openai": ("openai",),
    "java-openai": ("com.openai:openai-java",),
    "java-dashscope": ("com.alibaba:dashscope-sdk-java",),
}

_PIN_TABLES: dict[str, dict[str, str]] = {
    "python": pins.PYTHON,
    "node": pins.NPM,
    "java": pins.MAVEN,
    "go": pins.GO,
}


@dataclass(frozen=True)
class Dependency:
    """A pinned package a kit declares; ``group``/``artifact`` split Maven coordinates."""

    name: str
    version: str

    @property
    def group(self) -> str:
        """The Maven group id (empty for other ecosystems)."""
        return self.name.split(":", 1)[0] if ":" in self.name else ""

    @property
    def artifact(self) -> str:
        """The Maven artifact id (the name itself for other ecosystems)."""
        return self.name.split(":", 1)[-1]


def dependencies(variant: Variant) -> tuple[Dependency, ...]:
    """The pinned dependencies of ``variant``'s sample, versions from :mod:`generator.sdk.pins`."""
    table = _PIN_TABLES.get(variant.language, {})
    return tuple(Dependency(name, table[name]) for name in DEPENDENCIES.get(variant.name, ()))


def maven_plugins() -> tuple[Dependency, ...]:
    """The Maven plugins the Java kit pins, in a stable order."""
    return tuple(Dependency(name, version) for name, version in pins.MAVEN_PLUGINS.items())
