"""SDK and tool versions, pinned in one place: the harness installs these, kits declare them."""

from __future__ import annotations

# Python packages the Python samples import.
PYTHON = {
    "openai": "3.57.0",
    "dashscope": "2.0.2",
    "requests": "2.34.2",
}

# npm packages the Node.js samples (and the harness's proxy preload) use.
NPM: dict[str, str] = {}

# Maven artifacts the Java SDK samples use ("group:artifact": "version").
MAVEN: dict[str, str] = {}

# Go modules (none: the Go samples use the standard library only).
GO: dict[str, str] = {}
