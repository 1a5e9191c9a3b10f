"""SDK and tool versions, pinned in one place: the harness installs these, kits declare them."""

from __future__ import annotations

# Python packages the Python samples import.
PYTHON = {
    "openai": "3.57.0",
    "dashscope": "2.0.2",
    "requests": "2.34.2",
    "anthropic": "2.10.0",  # Stainless-generated like openai: its table is derived the same way
}

# npm packages the Node.js samples (and the harness's proxy preload) use.
NPM: dict[str, str] = {
    "openai": "6.49.0",  # the last major that runs on Node 20 (7.x needs Node 22)
    "undici": "7.30.2",  # EnvHttpProxyAgent for the harness preload; 8.x needs Node 22
}

# npm tools the tests use: prettier is the Node.js samples' formatter gate.
NPM_TOOLS: dict[str, str] = {
    "prettier": "3.10.1",
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

# Toolchain versions the starter kits (samplegen kit) declare in their project files.
KIT_TOOLCHAINS: dict[str, str] = {
    "python": ">=3.9",  # pyproject.toml requires-python
    "node": ">=20",  # package.json engines
    "go": "1.22",  # go.mod go directive
    "java": "17",  # pom.xml maven.compiler.release
    "php": ">=8.1",  # composer.json require
    "dotnet": "net10.0",  # .csproj TargetFramework (the current LTS, since November 2025)
}

# Maven plugins the Java kit's pom.xml pins (mvn package, mvn exec:java).
MAVEN_PLUGINS: dict[str, str] = {
    "org.apache.maven.plugins:maven-resources-plugin": "3.3.1",
    "org.apache.maven.plugins:maven-compiler-plugin": "3.13.0",
    "org.apache.maven.plugins:maven-surefire-plugin": "3.5.2",
    "org.apache.maven.plugins:maven-jar-plugin": "3.4.2",
    "org.codehaus.mojo:exec-maven-plugin": "3.5.0",
}
