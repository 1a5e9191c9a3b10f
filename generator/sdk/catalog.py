"""The SDKs whose operation tables are derived from their own files (``make sdk-tables``).

Each entry names where the pinned package comes from (its registry, name and the pin that
gives its version), which reader understands its layout, and the client its calls hang off.
An SDK of the same generator family (Stainless) is one more entry here, its pin in
:mod:`generator.sdk.pins`, and one variant in the render registry: no template of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.sdk import pins


@dataclass(frozen=True)
class SdkSource:
    """Where an SDK's table comes from."""

    name: str  # the table's name: generator/sdk/tables/<name>.json
    language: str  # python, node, java
    registry: str  # pypi, npm, maven
    package: str  # what the registry calls it (a Maven coordinate for Java: group:artifact)
    pin: str  # the key of the pins table that gives the version
    reader: str  # python-stainless, node-stainless, java-stainless
    client: str  # the client class (Python ``OpenAI``, Java interface FQN); unused for Node
    module: str = ""  # the import name (Python), the package name (npm)

    @property
    def version(self) -> str:
        """The pinned version the table must be derived from."""
        table = {"pypi": pins.PYTHON, "npm": pins.NPM, "maven": pins.MAVEN}[self.registry]
        return table[self.pin]


SOURCES: tuple[SdkSource, ...] = (
    SdkSource(
        "openai-python",
        "python",
        "pypi",
        "openai",
        "openai",
        "python-stainless",
        "OpenAI",
        "openai",
    ),
    SdkSource("openai-node", "node", "npm", "openai", "openai", "node-stainless", "", "openai"),
    SdkSource(
        "openai-java",
        "java",
        "maven",
        "com.openai:openai-java-core",
        "com.openai:openai-java",
        "java-stainless",
        "com.openai.client.OpenAIClient",
    ),
    SdkSource(
        "anthropic-python",
        "python",
        "pypi",
        "anthropic",
        "anthropic",
        "python-stainless",
        "Anthropic",
        "anthropic",
    ),
)


# What a call sends by itself when the caller leaves an argument out: a value its code
# picks at run time (or, in Java, its params builder starts with), which the derived table
# (routes and arguments) does not record. The OpenAI SDKs ask for base64 embeddings and
# decode them (Python's lib/_parsing/_embeddings.py, Node.js's Embeddings.create, Java's
# EmbeddingCreateParams.Builder: encodingFormat = BASE64); a sample whose request leaves
# encoding_format to the API's default passes that default explicitly instead (see
# ``generator.render.sdk_calls.plan``). Table name -> row id -> JSON key -> value.
FILLS: dict[str, dict[str, dict[str, object]]] = {
    "openai-python": {"embeddings.create": {"encoding_format": "base64"}},
    "openai-node": {"embeddings.create": {"encoding_format": "base64"}},
    "openai-java": {"embeddings.create": {"encoding_format": "base64"}},
}


def source(name: str) -> SdkSource:
    """The SDK source called ``name``; an unknown name lists the known ones."""
    for entry in SOURCES:
        if entry.name == name:
            return entry
    known = ", ".join(s.name for s in SOURCES)
    raise KeyError(f"no SDK table source {name!r} (known: {known})")
