"""Install the pinned npm tools the tests use (prettier) into the project's .cache/ folder.

Idempotent: a stamp file records what was installed, so a second run does nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.pins import NPM_TOOLS  # noqa: E402


def install_npm_tool(name: str, version: str) -> None:
    """``npm install name@version`` into .cache/<name>, unless that exact version is there."""
    prefix = ROOT / ".cache" / name
    stamp = prefix / ".installed"
    if stamp.is_file() and stamp.read_text() == version:
        return
    npm = shutil.which("npm")
    if npm is None:
        print(f"install-tools: MISSING npm: cannot install {name}; its gate tests will skip")
        return
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--save-exact",
         "--loglevel=error", f"{name}@{version}"],
        check=True,
    )  # fmt: skip
    stamp.write_text(version)
    print(f"install-tools: {name} {version} in {prefix}")


def main() -> None:
    """Install every pinned npm tool."""
    for name, version in NPM_TOOLS.items():
        install_npm_tool(name, version)


if __name__ == "__main__":
    main()
