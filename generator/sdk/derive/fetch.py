"""Bring a pinned SDK's own files into the dependency cache with the registry's own client.

PyPI: ``pip download --no-deps`` of the wheel, unpacked. npm: ``npm pack`` of the package
(its tarball carries ``src/``), unpacked. Maven: ``mvn dependency:get`` of the sources jar
into the cache's Maven repository. Each lands in ``<cache>/sdk-sources/<name>-<version>/``
once; a second build downloads nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from generator.sdk.catalog import SdkSource


class FetchError(RuntimeError):
    """The registry client is missing or failed."""


def _run(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    import os

    tool = argv[0]
    if tool != sys.executable and shutil.which(tool) is None:
        raise FetchError(f"{tool} is not on PATH (needed to fetch SDK sources)")
    done = subprocess.run(
        argv,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise FetchError(f"{' '.join(argv)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def sources(sdk: SdkSource, cache: Path) -> Path:
    """The folder (Python package, npm ``src``) or jar the reader of ``sdk`` reads."""
    folder = cache / "sdk-sources" / f"{sdk.name}-{sdk.version}"
    done = folder / ".complete"
    if sdk.registry == "maven":
        return _maven_sources(sdk, cache)
    if not done.is_file():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        if sdk.registry == "pypi":
            _run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--only-binary=:all:",
                    "--disable-pip-version-check",
                    f"{sdk.package}=={sdk.version}",
                    "-d",
                    str(folder),
                ],
                env={"PIP_CACHE_DIR": str(cache / "pip")},
            )
            wheel = next(folder.glob("*.whl"))
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(folder / "wheel")
        elif sdk.registry == "npm":
            _run(
                ["npm", "pack", "--silent", f"{sdk.package}@{sdk.version}"],
                cwd=folder,
                env={"npm_config_cache": str(cache / "npm"), "npm_config_update_notifier": "false"},
            )
            tarball = next(folder.glob("*.tgz"))
            with tarfile.open(tarball) as archive:
                archive.extractall(folder / "npm", filter="data")
        done.write_text(f"{sdk.package} {sdk.version}\n")
    if sdk.registry == "pypi":
        return folder / "wheel" / sdk.module
    return folder / "npm" / "package" / "src"


def _maven_sources(sdk: SdkSource, cache: Path) -> Path:
    group, artifact = sdk.package.split(":")
    repo = cache / "m2"
    jar = (
        repo.joinpath(*group.split("."))
        / artifact
        / sdk.version
        / f"{artifact}-{sdk.version}-sources.jar"
    )
    if not jar.is_file():
        _run(
            [
                "mvn",
                "--batch-mode",
                "--quiet",
                f"-Dmaven.repo.local={repo}",
                "dependency:get",
                f"-Dartifact={group}:{artifact}:{sdk.version}:jar:sources",
                "-Dtransitive=false",
            ]
        )
    if not jar.is_file():
        raise FetchError(f"mvn dependency:get did not bring {jar}")
    return jar
