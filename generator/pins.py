"""SDK and tool versions, pinned in one place: the harness installs these, kits declare them."""

from __future__ import annotations

# Python packages the Python samples import.
PYTHON = {
    "openai": "3.57.0",
    "dashscope": "2.0.2",
    "requests": "2.34.2",
}

# npm packages the Node.js samples (and the harness's proxy preload) use.
NPM: dict[str, str] = {
    "openai": "6.49.0",  # the last major that runs on Node 20 (7.x needs Node 22)
    "undici": "7.30.2",  # EnvHttpProxyAgent for the harness preload; 8.x needs Node 22
}

# Maven artifacts the Java SDK samples use ("group:artifact": "version").
MAVEN: dict[str, str] = {
    "com.openai:openai-java": "4.101.0",
    "com.alibaba:dashscope-sdk-java": "2.22.13",
}

# Maven tools the tests use: the Java formatter gate (a version that runs on JDK 17).
MAVEN_TOOLS: dict[str, str] = {
    "com.google.googlejavaformat:google-java-format": "1.28.0",
}

# Go modules (none: the Go samples use the standard library only).
GO: dict[str, str] = {}
