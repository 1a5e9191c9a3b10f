"""``$ref`` resolution inside a document and across local files (the ``referencing`` library).

``referencing`` (python-jsonschema's own, already installed with jsonschema) resolves a
reference against its base URI and walks JSON pointers; this module only supplies the
files: a relative reference loads the local file it names (YAML or JSON) once. A remote
reference (``https://...``) is refused with its location: a build must not depend on the
network. Every file read is remembered with its content digest, so a cached import knows
when a referenced file changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, PointerToNowhere, Unresolvable

from generator.cache import content_key
from generator.errors import SpecError
from generator.sources.openapi import text as doc_text

MAX_REF_HOPS = 64  # a chain of references to references longer than this is a loop


@dataclass
class Files:
    """The document and the local files its references reach, read once each."""

    root: Path
    raw: dict[str, bytes] = field(default_factory=dict)  # file URI -> bytes
    data: dict[str, Any] = field(default_factory=dict)  # file URI -> parsed value
    _registry: Registry | None = None
    _lines: dict[str, dict] = field(default_factory=dict)

    @property
    def root_uri(self) -> str:
        return self.root.resolve().as_uri()

    def load(self, uri: str) -> Any:
        """The parsed file at ``uri`` (``file:`` only)."""
        if uri in self.data:
            return self.data[uri]
        parts = urlsplit(uri)
        if parts.scheme != "file":
            raise SpecError(
                f"$ref to {uri} is not a local file (remote references are not fetched)"
            )
        path = Path(unquote(parts.path))
        raw = self.raw.get(uri)
        if raw is None:
            try:
                raw = path.read_bytes()
            except OSError as err:
                raise SpecError(f"cannot read {path} ({err.strerror})") from None
            self.raw[uri] = raw
        self.data[uri], lines = doc_text.parse_with_lines(raw, path)
        if lines is not None:
            self._lines[uri] = lines
        return self.data[uri]

    def read(self, uri: str) -> bytes | None:
        """The bytes of the local file at ``uri`` (an example's ``externalValue``), or None."""
        base = urldefrag(uri)[0]
        if base in self.raw:
            return self.raw[base]
        if urlsplit(base).scheme != "file":
            return None
        try:
            self.raw[base] = self.path_of(base).read_bytes()
        except OSError:
            return None
        return self.raw[base]

    def registry(self) -> Registry:
        if self._registry is None:

            def retrieve(uri: str) -> Resource:
                try:
                    return Resource.opaque(self.load(uri))
                except SpecError as err:
                    raise NoSuchResource(ref=uri) from err

            self._registry = Registry(retrieve=retrieve).with_resource(  # type: ignore[call-arg]
                self.root_uri, Resource.opaque(self.load(self.root_uri))
            )
        return self._registry

    def digests(self) -> dict[str, str]:
        """Each file read so far (its path) -> the digest of its bytes."""
        return {
            unquote(urlsplit(uri).path): content_key(raw) for uri, raw in sorted(self.raw.items())
        }

    def path_of(self, uri: str) -> Path:
        return Path(unquote(urlsplit(urldefrag(uri)[0]).path))

    def line_of(self, uri: str, compute: bool = True) -> int | None:
        """The line where the value at ``uri`` (a file and a JSON pointer) starts; a JSON
        file's lines are found only when ``compute`` (reading them again, slowly)."""
        base, fragment = urldefrag(uri)
        if base not in self.raw or (base not in self._lines and not compute):
            return None
        if base not in self._lines:
            self._lines[base] = doc_text.lines_of(self.raw[base], self.path_of(base))
        lines = self._lines[base]
        return doc_text.line_for(lines, pointer_parts(fragment))


def pointer_parts(fragment: str) -> tuple[str, ...]:
    """The keys of the JSON pointer ``fragment`` (``/a~1b/c`` -> ``("a/b", "c")``)."""
    fragment = unquote(fragment)
    if not fragment.startswith("/"):
        return ()
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in fragment[1:].split("/"))


def pointer(*parts: str | int) -> str:
    """The JSON pointer of ``parts`` (escaped)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass(frozen=True)
class Node:
    """A value of the document and where it is: ``uri`` is its file and JSON pointer."""

    value: Any
    uri: str

    def at(self, *keys: str | int) -> Node:
        """The child at ``keys`` (its value None when missing)."""
        value = self.value
        for key in keys:
            if isinstance(value, dict):
                value = value.get(key) if isinstance(key, str) else None
            elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
                value = value[key]
            else:
                value = None
        base, fragment = urldefrag(self.uri)
        return Node(value, f"{base}#{fragment}{pointer(*keys)}")

    def get(self, key: str, default: Any = None) -> Any:
        return self.value.get(key, default) if isinstance(self.value, dict) else default


class Resolver:
    """Follows ``$ref``s from any node to the value they name."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.registry = files.registry()

    def root(self) -> Node:
        return Node(self.files.load(self.files.root_uri), self.files.root_uri + "#")

    def target(self, node: Node) -> str:
        """The absolute URI the ``$ref`` of ``node`` names."""
        ref = node.value["$ref"]
        base = urldefrag(node.uri)[0]
        target = urljoin(base, ref)
        return target if "#" in target else target + "#"

    def deref(self, node: Node) -> Node:
        """``node`` with every ``$ref`` hop followed (itself when it is no reference)."""
        hops = 0
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            hops += 1
            if hops > MAX_REF_HOPS:
                raise SpecError(f"$ref loop at {node.uri}")
            node = self.lookup(node)
        return node

    def lookup(self, node: Node) -> Node:
        """The value the ``$ref`` of ``node`` names, one hop."""
        uri = self.target(node)
        ref = node.value["$ref"]
        base = urldefrag(uri)[0]
        if base not in self.files.data:
            try:
                self.files.load(base)  # says why a file cannot be read, or is remote
            except SpecError as err:
                raise SpecError(f"$ref {ref!r} cannot be resolved: {err.message}") from None
        try:
            resolved = self.registry.resolver(base_uri=urldefrag(node.uri)[0]).lookup(uri)
        except (PointerToNowhere, Unresolvable, NoSuchResource) as err:
            cause = err.__cause__
            why = cause.message if isinstance(cause, SpecError) else "nothing is there"
            raise SpecError(f"$ref {node.value['$ref']!r} cannot be resolved: {why}") from None
        return Node(resolved.contents, uri)
