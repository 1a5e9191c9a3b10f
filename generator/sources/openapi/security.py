"""Security schemes and requirements -> the spec's ``auth``.

A requirement is a list of alternatives, each a set of schemes used together. The first
alternative samplegen can send is taken: one scheme (http bearer; http basic with a user
and a password; an apiKey in a header, the query or a cookie; oauth2 and openIdConnect as a
bearer token), or no scheme at all (``security: []``, or an empty alternative ``{}``).

OpenAPI names no environment variable. The settings name one per scheme; otherwise it is
derived from the document's title: ``OpenAI API`` -> ``OPENAI_API_KEY`` for the first
scheme the document declares, ``OPENAI_ADMIN_API_KEY`` for a scheme ``AdminApiKeyAuth``;
http basic reads ``<TITLE>_USERNAME`` and ``<TITLE>_PASSWORD``.
"""

from __future__ import annotations

import re
from typing import Any

from generator.sources.openapi.errors import Skip
from generator.sources.openapi.settings import ImportSettings

_NOISE = {"api", "apis", "rest", "openapi", "swagger", "http", "the", "v1", "v2", "v3", "for"}


def snake(text: str) -> str:
    """``AdminApiKeyAuth`` -> ``ADMIN_API_KEY_AUTH``; ``x-api-key`` -> ``X_API_KEY``."""
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper()


def title_prefix(title: str) -> str:
    """The environment variable prefix a document's title gives (``OPENAI``)."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", title) if w]
    kept = [w for w in words if w.lower() not in _NOISE and not re.fullmatch(r"v?\d+", w.lower())]
    prefix = "_".join(w.upper() for w in kept[:3]) if kept else "API"
    return prefix if re.match(r"[A-Z_]", prefix) else "API_" + prefix


class Security:
    """The auth of each operation of one document."""

    def __init__(self, document: dict[str, Any], schemes: dict[str, Any], settings: ImportSettings):
        self.schemes = schemes
        self.settings = settings
        self.prefix = title_prefix(str((document.get("info") or {}).get("title") or "API"))
        self.first = next(iter(schemes), None)

    def env(self, name: str, scheme: dict[str, Any]) -> tuple[str, str | None]:
        """The variables of scheme ``name``: (key or user, password or None)."""
        chosen = self.settings.env_for(name)
        basic = scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "basic"
        extension = scheme.get("x-samplegen-env")
        stem = self.prefix if name == self.first else f"{self.prefix}_{_scheme_stem(name)}"
        if basic:
            user = chosen.env or (extension if isinstance(extension, str) else f"{stem}_USERNAME")
            password = chosen.password_env or scheme.get("x-samplegen-password-env")
            return user, password if isinstance(password, str) else f"{stem}_PASSWORD"
        if chosen.env:
            return chosen.env, None
        if isinstance(extension, str):
            return extension, None
        return (f"{stem}_API_KEY" if name == self.first else stem), None

    def auth(self, requirement: Any) -> dict[str, Any]:
        """The spec ``auth`` of a security requirement (a list of alternatives)."""
        if not isinstance(requirement, list) or not requirement:
            return {"type": "none"}
        reasons = []
        for alternative in requirement:
            if not isinstance(alternative, dict):
                continue
            if not alternative:
                return {"type": "none"}
            try:
                auths = [self.one(name) for name in alternative]
            except Skip as err:
                reasons.append(err.reason)
                continue
            if all(a == auths[0] or {a["type"], auths[0]["type"]} == {"bearer"} for a in auths):
                return auths[0]  # e.g. two OAuth 2 flows: one bearer token satisfies both
            reasons.append(f"{' and '.join(alternative)} together")
        raise Skip("no security alternative samplegen can send: " + "; ".join(reasons))

    def one(self, name: str) -> dict[str, Any]:
        scheme = self.schemes.get(name)
        if not isinstance(scheme, dict):
            raise Skip(f"security scheme {name!r} is not declared")
        kind = scheme.get("type")
        env, password = self.env(name, scheme)
        if kind == "http":
            http = str(scheme.get("scheme", "")).lower()
            if http == "bearer":
                return {"type": "bearer", "env": env}
            if http == "basic":
                return {"type": "basic", "env": env, "password_env": password}
            raise Skip(f"http {http or '?'} authentication ({name}) is not supported")
        if kind in ("oauth2", "openIdConnect"):
            return {"type": "bearer", "env": env}
        if kind == "apiKey":
            where, key = scheme.get("in"), scheme.get("name")
            if not isinstance(key, str) or not key:
                raise Skip(f"apiKey scheme {name!r} names no {where or 'parameter'}")
            if where == "header":
                if key.lower() == "authorization":
                    prefix = scheme.get("x-samplegen-scheme")
                    auth = {"type": "header", "header": "Authorization", "env": env}
                    return {**auth, "scheme": prefix} if isinstance(prefix, str) else auth
                return {"type": "header", "header": key, "env": env}
            if where == "query":
                return {"type": "query", "name": key, "env": env}
            if where == "cookie":
                return {"type": "cookie", "name": key, "env": env}
            raise Skip(f"apiKey scheme {name!r} is in {where!r}")
        raise Skip(f"security scheme {name!r} of type {kind!r} is not supported")


def _scheme_stem(name: str) -> str:
    stem = snake(name)
    stem = re.sub(r"_(AUTH|SCHEME|SECURITY)$", "", stem)
    return stem or "KEY"
