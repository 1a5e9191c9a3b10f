"""curl runtime: ``bash request.sh``; curl trusts the test CA through ``CURL_CA_BUNDLE``."""

from __future__ import annotations

from pathlib import Path

from generator.harness.runtime import Prepared, Routing, Runtime
from generator.harness.runtimes import copy_sample, which
from generator.render.registry import Variant


class CurlRuntime(Runtime):
    """Runs the shell sample with bash; streaming samples read their events with jq."""

    language = "curl"
    timeout = 30.0

    def missing(self) -> str | None:
        """bash, curl and jq must be on PATH."""
        for tool in ("bash", "curl", "jq"):
            if which(tool) is None:
                return f"{tool} is not on PATH (Debian: apt-get install {tool})"
        return None

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Copy the script into ``workdir``; ``CURL_HOME`` there keeps ~/.curlrc out."""
        copy = copy_sample(sample, workdir)
        return Prepared(
            argv=["bash", copy.name],
            env={"CURL_CA_BUNDLE": str(routing.ca_pem), "CURL_HOME": str(workdir)},
            cwd=workdir,
        )


RUNTIME = CurlRuntime()
