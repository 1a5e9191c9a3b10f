"""PHP runtime: ``php index.php``; the curl extension trusts the test CA through ``curl.cainfo``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.harness.runtime import Prepared, Routing, Runtime
from generator.harness.runtimes import copy_sample, which
from generator.render.registry import Variant


def has_curl_extension() -> bool:
    """Whether the ``php`` on PATH has the curl extension loaded."""
    try:
        done = subprocess.run(
            ["php", "-r", "exit(extension_loaded('curl') ? 0 : 1);"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


class PhpRuntime(Runtime):
    """Runs the sample with the PHP CLI; no dependencies to install.

    The curl extension ignores ``CURL_CA_BUNDLE`` and ``SSL_CERT_FILE``, so the test CA
    is passed as the ``curl.cainfo`` ini setting on the command line; it honours the
    lower-case ``https_proxy`` variable (set here as well as by the harness; it ignores
    ``HTTPS_PROXY``). The distribution's ini files stay on: Debian loads the curl
    extension from them.
    """

    language = "php"
    timeout = 30.0

    def missing(self) -> str | None:
        """php with the curl extension must be on PATH."""
        if which("php") is None:
            return "php is not on PATH (Debian: apt-get install php-cli php-curl)"
        if not has_curl_extension():
            return "php has no curl extension (Debian: apt-get install php-curl)"
        return None

    def prepare(self, sample: Path, variant: Variant, routing: Routing, workdir: Path) -> Prepared:
        """Copy the sample into ``workdir``; run it with the test CA as ``curl.cainfo``."""
        copy = copy_sample(sample, workdir)
        return Prepared(
            argv=["php", "-d", f"curl.cainfo={routing.ca_pem}", copy.name],
            env={"https_proxy": routing.proxy_url},
            cwd=workdir,
        )


RUNTIME = PhpRuntime()
