"""Node.js runtime: pinned npm packages in the cache, proxy via an undici preload, CA via env."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from generator.harness.runtime import BuildError, Prepared, Routing, Runtime, SkipRun
from generator.harness.runtimes import cache_lock, copy_sample, fingerprint, run_tool, which
from generator.render.registry import Variant
from generator.sdk import pins

MIN_NODE_MAJOR = 20

# Node's built-in fetch ignores proxy variables; undici's EnvHttpProxyAgent, installed as the
# global dispatcher (shared with the built-in fetch through a global symbol), honours them.
# Only the two modules that do it are loaded: the whole package (its fetch, WebSocket,
# cache, mock...) doubled the start-up of every Node sample run (about 0.1 s CPU each).
PRELOAD = """// Test-only (samplegen harness): route fetch through HTTPS_PROXY.
const path = require("node:path");
let EnvHttpProxyAgent, setGlobalDispatcher;
try {
  const lib = path.join(__dirname, "node_modules", "undici", "lib");
  const Dispatcher = require(path.join(lib, "dispatcher", "dispatcher.js"));
  Object.assign(Dispatcher.prototype, require(path.join(lib, "api", "index.js"))); // as index.js
  EnvHttpProxyAgent = require(path.join(lib, "dispatcher", "env-http-proxy-agent.js"));
  ({ setGlobalDispatcher } = require(path.join(lib, "global.js")));
} catch {
  ({ EnvHttpProxyAgent, setGlobalDispatcher } = require("undici"));
}
setGlobalDispatcher(new EnvHttpProxyAgent());
"""


def node_major() -> int | None:
    """The major version of ``node`` on PATH, or None."""
    if which("node") is None:
        return None
    try:
        text = subprocess.run(
            ["node", "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.match(r"v(\d+)\.", text.strip())
    return int(found.group(1)) if found else None


class NodeRuntime(Runtime):
    """Runs ``index.mjs`` with node; ``node_modules`` (openai, undici) is linked beside it."""

    language = "node"

    def __init__(self) -> None:
        self.deps: Path | None = None

    def missing(self) -> str | None:
        """node (20 or later) and npm must be on PATH."""
        major = node_major()
        if major is None:
            return "node is not on PATH (Debian: apt-get install nodejs npm)"
        if major < MIN_NODE_MAJOR:
            return f"node {major} is too old; the samples need Node.js {MIN_NODE_MAJOR} or later"
        if which("npm") is None:
            return "npm is not on PATH (Debian: apt-get install npm)"
        return None

    def setup(self, cache: Path) -> None:
        """``npm install`` the pinned packages into ``cache/node/deps-<hash>`` (once)."""
        if not pins.NPM:
            raise SkipRun("generator/sdk/pins.py NPM lists no packages")
        root = cache / "node"
        deps = root / f"deps-{fingerprint(pins.NPM)}"
        with cache_lock(root):
            if not (deps / ".complete").is_file():
                deps.mkdir(parents=True, exist_ok=True)
                manifest = {
                    "name": "samplegen-harness-deps",
                    "private": True,
                    "dependencies": dict(sorted(pins.NPM.items())),
                }
                (deps / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
                run_tool(
                    [
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--ignore-scripts",
                        "--save-exact",
                        "--loglevel=error",
                    ],
                    cwd=deps,
                    env={
                        "npm_config_cache": str(cache / "npm"),
                        "npm_config_update_notifier": "false",
                    },
                    what="npm install " + " ".join(f"{k}@{v}" for k, v in pins.NPM.items()),
                )
                (deps / ".complete").write_text(json.dumps(pins.NPM) + "\n")
            preload = deps / "preload.cjs"
            if not preload.is_file() or preload.read_text() != PRELOAD:  # older harness
                (deps / "preload.cjs.tmp").write_text(PRELOAD)
                os.replace(deps / "preload.cjs.tmp", preload)
        self.deps = deps

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Copy the sample into ``workdir`` and link the cached ``node_modules`` beside it."""
        if self.deps is None:
            raise RuntimeError("setup() was not called")
        copy = copy_sample(sample, workdir)
        modules = self.deps / "node_modules"
        if not modules.is_dir():
            raise BuildError(f"{modules} is missing; delete {self.deps} and run again")
        os.symlink(modules, workdir / "node_modules", target_is_directory=True)
        preload = json.dumps(str(self.deps / "preload.cjs"))  # NODE_OPTIONS takes "quoted" paths
        return Prepared(
            argv=["node", copy.name],
            env={
                "NODE_EXTRA_CA_CERTS": str(routing.ca_pem),
                "NODE_OPTIONS": f"--require {preload} --disable-warning=UNDICI-EHPA",
                "NO_COLOR": "1",
            },
            cwd=workdir,
        )


RUNTIME = NodeRuntime()
