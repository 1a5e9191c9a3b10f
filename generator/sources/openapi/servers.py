"""Servers -> regions: each server (its variables' enum values spread out) is a region.

The operation's own ``servers`` win over its path's, which win over the document's. A
server variable with an ``enum`` becomes one region per value (the default first; at most
:data:`MAX_REGIONS`); other variables take their default. A relative URL (``/api/v3``:
"where the document is served") is taken relative to the settings' ``server_base``.
When every region has the same base path (``/v1``), the regions hold the host and the path
moves into the endpoint's path and ``sdk_base_path``, as samplegen's own specs write it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from generator.sources.openapi.errors import Skip

MAX_REGIONS = 8
_KEY = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    key = _KEY.sub("-", text.lower()).strip("-")
    if not key or not key[0].isalpha():
        key = "r-" + key if key else "default"
    return key[:40].rstrip("-")


def expand(server: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(url, key hint, label) for each combination of the server's variable values."""
    url = server.get("url")
    if not isinstance(url, str):
        raise Skip("a server has no url")
    variables = server.get("variables") or {}
    used = [v for v in re.findall(r"\{([^{}]+)\}", url)]
    choices: list[list[tuple[str, str]]] = []
    for name in used:
        spec = variables.get(name)
        if not isinstance(spec, dict) or "default" not in spec:
            raise Skip(f"server variable {{{name}}} of {url} has no default")
        default = str(spec["default"])
        values = [default] + [str(v) for v in spec.get("enum") or [] if str(v) != default]
        choices.append([(name, v) for v in values])
    description = server.get("description") if isinstance(server.get("description"), str) else ""
    label = server.get("x-samplegen-label") or description.strip().split("\n")[0][:60]
    hint = server.get("x-samplegen-region") or ""
    out = []
    for combo in itertools.islice(itertools.product(*choices), MAX_REGIONS):
        text = url
        for name, value in combo:
            text = text.replace("{" + name + "}", value)
        varying = [
            value for (name, value), opts in zip(combo, choices, strict=True) if len(opts) > 1
        ]
        combo_hint = "-".join([hint, *varying] if hint else varying)
        combo_label = label + (f" ({', '.join(varying)})" if varying and label else "")
        out.append((text, combo_hint or hint, combo_label or (", ".join(varying))))
    return out


def regions(servers: list[Any], base: str) -> tuple[dict[str, dict[str, str]], str, str]:
    """The regions of ``servers`` (key -> base_url and label), the default key, and the
    base path every region shares ("" when they differ or have none)."""
    servers = [s for s in servers if isinstance(s, dict)] or [{"url": "/"}]
    found: list[tuple[str, str, str]] = []
    for server in servers:
        found += expand(server)
    urls: list[tuple[str, str, str]] = []
    for url, hint, label in found:
        absolute = urljoin(base.rstrip("/") + "/", url.lstrip("/")) if "://" not in url else url
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Skip(f"server {url} is not an http(s) URL")
        if parts.query or parts.fragment:
            raise Skip(f"server {url} has a query or fragment")
        clean = f"{parts.scheme}://{parts.netloc.lower()}{parts.path.rstrip('/')}"
        if clean not in (u for u, _, _ in urls):
            urls.append((clean, hint, label))
    paths = {urlsplit(u).path for u, _, _ in urls}
    shared = paths.pop() if len(paths) == 1 else ""
    out: dict[str, dict[str, str]] = {}
    for url, hint, label in urls:
        if hint:
            key = _key(hint)
        elif label:
            key = _key(label.split(" (")[0])
        else:
            key = _host_key(urlsplit(url).hostname or "server")
        base_key, n = key, 1
        while key in out:
            n += 1
            key = f"{base_key}-{n}"
        region = {"base_url": url[: len(url) - len(shared)] if shared else url}
        if label:
            region["label"] = label
        out[key] = region
    default = next(iter(out))
    return out, default, shared


_GENERIC = {"api", "www", "rest", "app", "apis", "gateway"}


def _host_key(host: str) -> str:
    """A region key from a host name: its first label, or the second when the first is
    generic (``api.openai.com`` -> ``openai``)."""
    labels = [label for label in host.split(".") if label]
    if len(labels) > 2 and labels[0] in _GENERIC:
        return _key(labels[1])
    return _key(labels[0]) if labels else "default"
