"""The Node peers (httpsnippet, @scalar/snippetz, openapi-snippet), pinned in bench/node/;
the HAR peers as one warm process driven over stdio (bench/peers.mjs)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.model import Endpoint

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / ".cache" / "bench-node"
NODE_PINS = ROOT / "bench" / "node"
SERVER = ROOT / "bench" / "peers.mjs"
PEERS = ("httpsnippet", "snippetz")  # the HAR peers; openapi-snippet reads a document
_PACKAGES = {
    "httpsnippet": "httpsnippet",
    "snippetz": "@scalar/snippetz",
    "openapi-snippet": "openapi-snippet",
}


def har_for(endpoint: Endpoint) -> dict[str, Any]:
    """The endpoint's request as a HAR request, the input both peers take."""
    auth = endpoint.auth
    headers = [{"name": auth.header, "value": f"{auth.value_prefix()}${{{auth.env}}}"}]
    headers += [{"name": name, "value": value} for name, value in endpoint.headers]
    return {
        "method": endpoint.method,
        "url": endpoint.url(),
        "httpVersion": "HTTP/1.1",
        "headers": headers,
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": -1,
        "postData": {"mimeType": "application/json", "text": json.dumps(endpoint.request_example)},
    }


def ensure_peers() -> dict[str, str]:
    """Install the pinned peers into .cache/bench-node/ (``npm ci``) unless they are there;
    returns the pinned versions."""
    wanted = json.loads((NODE_PINS / "package.json").read_text())["dependencies"]
    pins = {peer: wanted[package] for peer, package in _PACKAGES.items()}
    installed = all(
        (manifest := NODE_DIR / "node_modules" / _PACKAGES[p] / "package.json").is_file()
        and json.loads(manifest.read_text())["version"] == pins[p]
        for p in _PACKAGES
    )
    if installed:
        return pins
    if shutil.which("npm") is None:
        sys.exit("make bench needs Node.js and npm (apt-get install nodejs npm)")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(NODE_PINS / name, NODE_DIR / name)
    print(f"installing {pins} into {NODE_DIR.relative_to(ROOT)}/ ...", flush=True)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_DIR, check=True
    )
    return pins


class PeerProcess:
    """One long-lived ``node bench/peers.mjs``: set up once, then asked for timed rounds."""

    def __init__(self, har: dict[str, Any], targets: list[tuple[str, str]]) -> None:
        self._proc = subprocess.Popen(
            ["node", str(SERVER), str(NODE_DIR)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.info = self._ask({"cmd": "setup", "har": har, "targets": targets})

    def _ask(self, command: dict[str, Any]) -> dict[str, Any]:
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write(json.dumps(command) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"bench/peers.mjs exited ({self._proc.wait()}) on {command}")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"bench/peers.mjs: {answer['error']}")
        return answer

    def round(self, peer: str, iterations: int) -> tuple[float, float]:
        """Microseconds per snippet over ``iterations`` passes of every target: wall clock
        and CPU time."""
        answer = self._ask({"cmd": "round", "peer": peer, "iterations": iterations})
        return float(answer["us_per_snippet"]), float(answer["cpu_us_per_snippet"])

    def close(self) -> None:
        """Stop the Node process."""
        assert self._proc.stdin
        self._proc.stdin.write('{"cmd": "quit"}\n')
        self._proc.stdin.close()
        self._proc.wait(timeout=10)
