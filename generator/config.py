"""The project config: ``samplegen.toml``, or ``[tool.samplegen]`` in a ``pyproject.toml``.

It is found by walking up from the current folder (the first folder that has either wins;
``samplegen.toml`` before ``pyproject.toml``). Paths in it are relative to the file, and so
are the default ``specs`` and ``output`` folders when a config exists. Every key is
optional; flags on the command line override it. An unknown key or a value of the wrong
type is an error naming the file and line. ``SAMPLEGEN_CONFIG`` or ``--config`` name a file.

``tomllib`` reports no positions for keys, so :func:`key_line` finds a key's line with a
small scan of the TOML text (a table header, or ``key =`` inside the table). That keeps the
reader on the standard library; ``tomlkit`` would keep positions but is a second TOML parser
to trust for a file of a dozen flat keys.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.docs import systems
from generator.errors import SamplegenError
from generator.i18n import check_locale
from generator.render.registry import language, variant
from generator.sources.openapi.settings import DEFAULT as DEFAULT_IMPORT
from generator.sources.openapi.settings import ImportSettings, SchemeEnv

CONFIG_FILE = "samplegen.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_TABLE = "tool.samplegen"
# Docs systems a project can say it uses: `samplegen init --docs`, the `docs_system` key,
# `sync --format` (generator/docs/systems.py).
DOCS_SYSTEMS = systems.SYSTEMS


class ConfigError(SamplegenError):
    """The project config cannot be read, or has an unknown key or a wrong value."""


@dataclass(frozen=True)
class Config:
    """The settings of one project; ``path`` is None when no config file was found."""

    path: Path | None = None
    specs: Path | None = None  # folder of endpoint specs
    output: Path | None = None  # folder the samples are generated into
    docs: tuple[Path, ...] = ()  # pages or folders `sync` and `audit` use when given none
    template_overrides: Path | None = None  # a file here shadows the packaged template
    languages: tuple[str, ...] = ()  # render only these languages (default: all)
    variants: tuple[str, ...] = ()  # render only these variants, e.g. python-openai
    # The matrix's editions beyond each spec's default region in English (None: all of them).
    regions: tuple[str, ...] | None = None  # other regions, under regions/<key>/
    locales: tuple[str, ...] | None = None  # other comment locales, under locales/<code>/
    docs_system: str | None = None  # mkdocs, docusaurus, sphinx, sphinx-tabs, myst, markdown
    # (absolute path or glob, docs system): pages of a mixed site in another system.
    docs_system_overrides: tuple[tuple[str, str], ...] = ()
    docs_mode: str | None = None  # inline (the samples' text in the page) or include
    # The one edition a site shows: generate/check/verify/kit render it in the plain layout,
    # sync and audit --fix write it (None: each spec's default region; English).
    region: str | None = None
    locale: str | None = None
    openapi: ImportSettings = DEFAULT_IMPORT  # the [openapi] table: how documents import
    lines: dict[str, int | None] = field(default_factory=dict, compare=False)  # key -> line

    def origins(self) -> dict[str, tuple[Path | None, int | None]]:
        """Where each key was written: key -> (config file, line)."""
        return {key: (self.path, line) for key, line in self.lines.items()}

    def origin_of(self, path: Path | str | None) -> tuple[str, int | None] | None:
        """The key and line that named the folder or file ``path`` (specs, output,
        template_overrides, one of docs), if the config named it."""
        if path is None:
            return None
        named = {"specs": self.specs, "output": self.output}
        named["template_overrides"] = self.template_overrides
        for key, value in named.items():
            if key in self.lines and value is not None and Path(path) == value:
                return key, self.lines[key]
        if "docs" in self.lines and Path(path) in self.docs:
            return "docs", self.lines["docs"]
        return None

    def docs_systems(self) -> systems.SystemChoice:
        """Which docs system each page is in, as far as the config says."""
        return systems.SystemChoice(default=self.docs_system, overrides=self.docs_system_overrides)

    def default_map(self) -> dict[str, dict[str, Any]]:
        """Defaults per command, in the shape of click's ``default_map``."""
        renders = {
            "specs": self.specs,
            "out": self.output,
            "template_overrides": self.template_overrides,
            "languages": self.languages or None,
            "variant_names": self.variants or None,
        }
        edition = {"region": self.region, "locale": self.locale}
        per_command: dict[str, dict[str, Any]] = {
            "generate": {**renders, **edition},
            "check": {**renders, **edition},
            "verify": {
                "specs": self.specs,
                "out": self.output,
                "languages": self.languages or None,
                **edition,
            },
            "sync": {
                "specs": self.specs,
                "out": self.output,
                "template_overrides": self.template_overrides,
                **edition,
            },
            "kit": {
                "specs": self.specs,
                "template_overrides": self.template_overrides,
                **edition,
            },
            "audit": {
                "specs": self.specs,
                "template_overrides": self.template_overrides,
                "locale": self.locale,
            },
            "mock": {"specs": self.specs},
            "openapi": {"specs": self.specs},
        }
        return {
            command: {k: v for k, v in values.items() if v is not None}
            for command, values in per_command.items()
        }


def find_config(start: Path) -> Path | None:
    """The nearest ``samplegen.toml``, or ``pyproject.toml`` with ``[tool.samplegen]``, from
    ``start`` upwards."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_samplegen_table(pyproject):
            return pyproject
    return None


def _has_samplegen_table(pyproject: Path) -> bool:
    text = pyproject.read_text(encoding="utf-8", errors="replace")
    if "samplegen" not in text:  # fast path: most pyproject.toml files never mention it
        return False
    tool = _parse(text, pyproject).get("tool", {})
    return isinstance(tool, dict) and "samplegen" in tool


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Read ``path``, or the config :func:`find_config` finds from ``cwd``; ``Config()`` if
    there is none. Environment: ``SAMPLEGEN_CONFIG`` names a file to use instead."""
    if path is None and os.environ.get("SAMPLEGEN_CONFIG"):
        path = Path(os.environ["SAMPLEGEN_CONFIG"])
    if path is None:
        found = find_config(cwd or Path.cwd())
        if found is None:
            return Config()
        path = _relative(found)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"cannot read the config: {err.strerror}", path) from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise ConfigError("the config is not valid UTF-8", path, line) from None
    document = _parse(text, path)
    table: str | None = None
    if path.name == PYPROJECT:
        table = PYPROJECT_TABLE
        document = document.get("tool", {}).get("samplegen", {})
    return parse_config(document, path, text, table)


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column \d+\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        raise ConfigError(
            f"not valid TOML: {_TOML_PROBLEMS.get(message, message)}",
            path,
            int(found.group(1)) if found else None,
        ) from None


# tomllib's messages that name a parser state, in words.
_TOML_PROBLEMS = {
    "Invalid value": (
        'a value must be a quoted text ("python"), a number, true or false, or a [list]'
    ),
    "Cannot overwrite a value": "this key is set a second time",
    "Cannot declare ('tool', 'samplegen') twice": "[tool.samplegen] is declared twice",
    "Illegal character '\\n'": "a quoted text is not closed on its line",
    "Unclosed array": "a [list is not closed with ]",
}


def _path(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError('a path in quotes (e.g. "site/samples")')
    return value


def _strings(check: Callable[[str], object], example: str) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"a list of texts in quotes (e.g. {example})")
        for item in value:
            check(item)
        return tuple(value)

    return convert


def _docs_system(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"one of {', '.join(DOCS_SYSTEMS[:-1])} or {DOCS_SYSTEMS[-1]}")
    try:
        return systems.canonical(value)
    except systems.UnknownSystem as err:
        raise TypeError(str(err)) from None


def _docs_system_overrides(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and k for k in value):
        raise TypeError('a table of page paths or globs -> docs system ("docs/blog" = "markdown")')
    found = {}
    for key, system in value.items():
        try:
            found[key] = systems.canonical(system) if isinstance(system, str) else None
        except systems.UnknownSystem:
            found[key] = None
        if found[key] is None:
            raise SamplegenError(
                f'"{key}" = {system!r} names no docs system (known: {", ".join(DOCS_SYSTEMS)})'
            )
    return found


def _docs_mode(value: Any) -> str:
    if value not in ("inline", "include"):
        raise TypeError('"inline" (pages hold the samples) or "include" (pages include them)')
    return value


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError("a name (a non-empty string)")
    return value


def _locale(value: Any) -> str:
    check_locale(_name(value))
    return value


def _any(_: str) -> None:
    return None


_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*\Z")


def _env_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _ENV_NAME.match(value):
        raise TypeError(f"{what} an environment variable name (A-Z, 0-9, _)")
    return value


def _scheme_env(value: Any) -> SchemeEnv:
    if isinstance(value, str):
        return SchemeEnv(env=_env_name(value, "a scheme's variable:"))
    if isinstance(value, dict) and set(value) <= {"user", "password"} and value:
        return SchemeEnv(
            env=_env_name(value["user"], "user:") if "user" in value else None,
            password_env=_env_name(value["password"], "password:") if "password" in value else None,
        )
    raise TypeError('a variable name, or {user = "...", password = "..."} for http basic')


_OPENAPI_LISTS = (
    "include_tags",
    "exclude_tags",
    "include_operations",
    "exclude_operations",
    "include_paths",
    "exclude_paths",
)
_OPENAPI_FLAGS = ("deprecated", "optional_parameters", "optional_fields", "examples")


class _TableError(SamplegenError):
    """A wrong value inside a table: ``key`` is the key within it (to find its line)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def _openapi_table(value: Any) -> dict[str, Any]:
    """The ``[openapi]`` table as :class:`ImportSettings` fields (paths still relative)."""
    if not isinstance(value, dict):
        raise TypeError("a table ([openapi])")
    known = (*_OPENAPI_LISTS, *_OPENAPI_FLAGS, "env", "overlays", "style", "server_base")
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key not in known:
            raise _TableError(key, f"{key}: unknown key (known: {', '.join(sorted(known))})")
        if key in _OPENAPI_LISTS or key == "overlays":
            if not isinstance(item, list) or not all(isinstance(v, str) and v for v in item):
                raise _TableError(key, f"{key} must be a list of strings, not {_show(item)}")
            out[key] = tuple(item)
        elif key in _OPENAPI_FLAGS:
            if not isinstance(item, bool):
                raise _TableError(key, f"{key} must be true or false, not {_show(item)}")
            out[key] = item
        elif key == "env":
            if not isinstance(item, dict):
                raise _TableError(key, "env must be a table: security scheme name -> variable")
            try:
                out[key] = tuple((name, _scheme_env(v)) for name, v in item.items())
            except TypeError as err:
                raise _TableError(key, f"env: each scheme takes {err}") from None
        elif key == "style":
            if not isinstance(item, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", item):
                raise _TableError(key, f"style must be an API family name, not {_show(item)}")
            out[key] = item
        else:  # server_base
            if not isinstance(item, str) or not re.match(r"https?://[^/?#]+(/[^?#]*)?\Z", item):
                raise _TableError(key, f"server_base must be an http(s) URL, not {_show(item)}")
            out[key] = item.rstrip("/")
    return out


# key -> (converter raising TypeError with what it expected, or SamplegenError, ...)
_KEYS: dict[str, Callable[[Any], Any]] = {
    "specs": _path,
    "output": _path,
    "docs": _strings(_any, '["docs"]'),
    "template_overrides": _path,
    "languages": _strings(language, '["python", "curl"]'),
    "variants": _strings(variant, '["python-openai"]'),
    "regions": _strings(_any, '["cn"]'),
    "locales": _strings(check_locale, '["ja"]'),
    "docs_system": _docs_system,
    "openapi": _openapi_table,
    "docs_system_overrides": _docs_system_overrides,
    "docs_mode": _docs_mode,
    "region": _name,
    "locale": _locale,
}
# A site shows one edition (region, locale) or the matrix lists others (regions, locales).
_EITHER = (("region", "regions"), ("locale", "locales"))
_PATH_KEYS = {"specs", "output", "template_overrides"}


def parse_config(
    document: dict[str, Any], path: Path, text: str = "", table: str | None = None
) -> Config:
    """Validate the parsed TOML ``document`` of the file ``path`` (its ``text`` locates the
    keys; ``table`` is the table the keys sit in, None for the top level)."""
    values: dict[str, Any] = {}
    lines: dict[str, int | None] = {}
    for key, raw in document.items():
        line = key_line(text, key, table)
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            from difflib import get_close_matches  # only on this error path

            close = get_close_matches(key, _KEYS, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise ConfigError(f'unknown key "{key}"{hint} (known: {known})', path, line)
        lines[key] = line
        try:
            values[key] = _KEYS[key](raw)
        except TypeError as err:
            raise ConfigError(f"{key} must be {err}, not {_show(raw)}", path, line) from None
        except _TableError as err:
            inner = key_line(text, err.key, f"{table}.{key}" if table else key) or line
            raise ConfigError(f"{key}.{err.message}", path, inner) from None
        except SamplegenError as err:
            raise ConfigError(f"{key}: {err.message}", path, line) from None
    _check_variants(values, path, lines)
    for one, many in _EITHER:
        if one in values and many in values:
            raise ConfigError(
                f"{one} (the one edition a site shows) and {many} (the other editions of "
                f"the matrix) exclude each other; keep one of them",
                path,
                key_line(text, many, table),
            )
    base = path.parent
    # Next to a config, the default folders are the project's, wherever the command runs.
    values.setdefault("specs", "specs")
    values.setdefault("output", "output")
    for key in _PATH_KEYS & values.keys():
        values[key] = _relative(base / values[key])
    if "docs" in values:
        values["docs"] = tuple(_relative(base / p) for p in values["docs"])
    if "openapi" in values:
        table = values["openapi"]
        if "overlays" in table:
            table["overlays"] = tuple(_relative(base / p) for p in table["overlays"])
        values["openapi"] = ImportSettings(**table)
    if "docs_system_overrides" in values:
        values["docs_system_overrides"] = tuple(
            ((base.resolve() / key).as_posix(), system)
            for key, system in values["docs_system_overrides"].items()
        )
    overrides = values.get("template_overrides")
    if overrides is not None and not overrides.is_dir():
        line = key_line(text, "template_overrides", table)
        raise ConfigError(f"template_overrides: there is no folder {overrides}", path, line)
    return Config(path=path, lines=lines, **values)


def _check_variants(values: dict[str, Any], path: Path, lines: dict[str, int | None]) -> None:
    """A variant of a language the config leaves out would render nothing: an error."""
    languages = values.get("languages")
    if not languages:
        return
    for name in values.get("variants", ()):
        chosen = variant(name)
        if chosen.language not in languages:
            raise ConfigError(
                f"variants: {name} is a {chosen.language} sample, but languages keeps only "
                f"{', '.join(languages)}; add {chosen.language} to languages or drop {name}",
                path,
                lines.get("variants"),
            )


def _relative(path: Path) -> Path:
    """``path`` as the user would type it from the current folder (relative when below it)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path.resolve()


def _show(value: Any) -> str:
    """A TOML value as it is written (cut when long), or what it is."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, bool | int | float | str | list):
        text = json.dumps(value, ensure_ascii=False, default=str)
        if len(text) <= 40:
            return text
        return "a list" if isinstance(value, list) else text[:36] + '..."'
    return f"a date or time ({value})"


def key_line(text: str, key: str, table: str | None = None) -> int | None:
    """The line of ``key`` in TOML ``text``: its ``key =`` line inside ``table`` (None: the
    top level), or the header of a ``[key]`` sub-table; None if the scan cannot place it."""
    quoted = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    own = table is None
    prefix = f"{table}." if table else ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            name = re.sub(r"\s*\.\s*", ".", header.group(1)).replace('"', "").replace("'", "")
            if name == prefix + key or name.startswith(f"{prefix}{key}."):
                return number
            own = name == table
            continue
        if own and re.match(rf"\s*{quoted}\s*[=.]", line):
            return number
    return None
