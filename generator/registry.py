"""The typed registry of target languages and their variants (one template folder each)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.errors import RegistryError
from generator.model import Endpoint

OPENAI = "openai-compatible"
NATIVE = "dashscope-native"
BOTH = frozenset({OPENAI, NATIVE})


@dataclass(frozen=True)
class Language:
    """A programming language we render samples in."""

    key: str
    label: str
    info_string: str  # the Markdown code-fence info string


@dataclass(frozen=True)
class Variant:
    """One way of calling the API in a language (an SDK or a plain HTTP client)."""

    language: str
    key: str
    label: str
    filename: str
    styles: frozenset[str]
    streaming: bool = True  # can it render endpoints that answer with server-sent events?

    @property
    def name(self) -> str:
        """The sample name used on the command line and in doc markers: ``python-openai``."""
        return f"{self.language}-{self.key}"

    @property
    def template(self) -> str:
        """The template path, relative to the templates folder."""
        return f"{self.language}/{self.key}/{self.filename}.j2"

    def supports(self, target: Endpoint | str) -> bool:
        """Whether this variant can call ``target``: an endpoint, or an API family (style)."""
        if isinstance(target, str):
            return target in self.styles
        return target.style in self.styles and (self.streaming or not target.streams)


LANGUAGES: tuple[Language, ...] = (
    Language("python", "Python", "python"),
    Language("node", "Node.js", "javascript"),
    Language("curl", "curl", "bash"),
    Language("php", "PHP", "php"),
    Language("csharp", "C#", "csharp"),
    Language("go", "Go", "go"),
    Language("java", "Java", "java"),
)

VARIANTS: tuple[Variant, ...] = (
    Variant("python", "openai", "OpenAI SDK", "main.py", frozenset({OPENAI})),
    Variant("python", "dashscope", "DashScope SDK", "main.py", frozenset({NATIVE})),
    Variant("python", "requests", "requests", "main.py", BOTH),
    Variant("node", "openai", "OpenAI SDK", "index.mjs", frozenset({OPENAI})),
    Variant("node", "fetch", "fetch", "index.mjs", BOTH),
    Variant("curl", "curl", "curl", "request.sh", BOTH),
    Variant("php", "curl", "curl extension", "index.php", BOTH),
    Variant("csharp", "httpclient", "HttpClient", "Program.cs", BOTH),
    Variant("go", "nethttp", "net/http", "main.go", BOTH),
    Variant("java", "httpclient", "java.net.http", "Main.java", BOTH, streaming=False),
    Variant("java", "openai", "OpenAI Java SDK", "Main.java", frozenset({OPENAI})),
    Variant("java", "dashscope", "DashScope Java SDK", "Main.java", frozenset({NATIVE})),
)


def _check_registry() -> None:
    keys = {lang.key for lang in LANGUAGES}
    names = [v.name for v in VARIANTS]
    if len(set(names)) != len(names):
        raise RegistryError(f"duplicate variant names in the registry: {names}")
    for variant in VARIANTS:
        if variant.language not in keys:
            raise RegistryError(f"variant {variant.name} names unknown language {variant.language}")
        if not variant.styles <= BOTH:
            raise RegistryError(f"variant {variant.name} names unknown API styles {variant.styles}")


_check_registry()


def language(key: str) -> Language:
    """The language ``key``; an unknown key is an error that lists the valid ones."""
    for lang in LANGUAGES:
        if lang.key == key:
            return lang
    valid = ", ".join(lang.key for lang in LANGUAGES)
    raise RegistryError(f"unknown language {key!r} (valid: {valid})")


def variants(languages: Iterable[str] | None = None) -> list[Variant]:
    """All variants, or those of ``languages`` (each validated)."""
    if languages is None:
        return list(VARIANTS)
    wanted = {language(key).key for key in languages}
    return [v for v in VARIANTS if v.language in wanted]


def variant(name: str) -> Variant:
    """The variant called ``name`` (``python-openai``); unknown names list the valid ones."""
    for v in VARIANTS:
        if v.name == name:
            return v
    valid = ", ".join(v.name for v in VARIANTS)
    raise RegistryError(f"unknown sample variant {name!r} (valid: {valid})")
