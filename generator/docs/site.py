"""The site configuration each docs system needs for samplegen's pages, in one place.

``samplegen init`` writes these files (a complete ``mkdocs.yml``, a Sphinx ``conf.py``, a
Docusaurus ``docusaurus.config.js`` and ``package.json``), and ``sync --check`` reads the
site's own file to report what a page's tabs or includes need and the file lacks
(:func:`check_site`): a MkDocs site without superfences shows no tabs, a Docusaurus site
without ``prism.additionalLanguages`` shows bash, PHP, C# and Java as plain text, a Sphinx
site without sphinx-design stops at the first ``tab-set``.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.render.registry import LANGUAGES

# The files that configure a site, per docs system, looked for from the page upwards.
SITE_FILES: dict[str, tuple[str, ...]] = {
    "mkdocs": ("mkdocs.yml", "mkdocs.yaml"),
    "docusaurus": (
        "docusaurus.config.js",
        "docusaurus.config.ts",
        "docusaurus.config.mjs",
        "docusaurus.config.cjs",
    ),
    "sphinx": ("conf.py",),
    "sphinx-tabs": ("conf.py",),
    "myst": ("conf.py",),
}

# -- Docusaurus ------------------------------------------------------------------------------

# The languages prism-react-renderer 2 (Docusaurus 3's highlighter) bundles; any other one
# highlights only when prism.additionalLanguages names it.
_BUNDLED = """markup html xml svg mathml ssml atom rss jsx tsx swift kotlin objectivec objc
reason rust graphql yaml yml go cpp c clike markdown md python py json javascript js typescript
ts css sql coffeescript flow regex actionscript"""
PRISM_BUNDLED = frozenset(_BUNDLED.split())
# Every language samplegen renders that prism does not bundle (bash, php, csharp, java).
PRISM_LANGUAGES = tuple(
    dict.fromkeys(lang.info_string for lang in LANGUAGES if lang.info_string not in PRISM_BUNDLED)
)
# The packages of the Docusaurus 3 site `init --docs docusaurus` writes (exact versions: the
# tests build a site with these, installed once into .cache/ by scripts/install_tools.py).
DOCUSAURUS_PACKAGES = {
    "@docusaurus/core": "3.10.2",
    "@docusaurus/preset-classic": "3.10.2",
    "@mdx-js/react": "3.1.1",
    "clsx": "2.1.1",
    "prism-react-renderer": "2.4.1",
    "react": "19.2.0",
    "react-dom": "19.2.0",
}
# Include mode imports each generated file as text: `import X from '!!raw-loader!PATH'`.
RAW_LOADER = {"raw-loader": "4.0.2"}


def docusaurus_package(include: bool) -> str:
    """The ``package.json`` of a new Docusaurus 3 site (``npm install``, ``npm run build``)."""
    dependencies = {**DOCUSAURUS_PACKAGES, **(RAW_LOADER if include else {})}
    document = {
        "name": "api-docs",
        "private": True,
        "scripts": {
            "start": "docusaurus start",
            "build": "docusaurus build",
            "serve": "docusaurus serve",
        },
        "dependencies": dict(sorted(dependencies.items())),
        "engines": {"node": ">=20.0"},
    }
    return json.dumps(document, indent=2) + "\n"


def prism_lines(indent: str = "    ") -> str:
    """The ``prism`` entry of ``themeConfig`` that highlights every language samplegen
    renders."""
    names = ", ".join(f"'{name}'" for name in PRISM_LANGUAGES)
    return (
        f"{indent}prism: {{\n"
        f"{indent}  // python, javascript and go are built in; samplegen's other tabs need these\n"
        f"{indent}  additionalLanguages: [{names}],\n"
        f"{indent}}},\n"
    )


def docusaurus_config() -> str:
    """A complete ``docusaurus.config.js``: the docs at the site root, every language
    highlighted."""
    return (
        "// @ts-check\n"
        "// The Docusaurus 3 site of the API samples (`samplegen init --docs docusaurus`).\n"
        "/** @type {import('@docusaurus/types').Config} */\n"
        "const config = {\n"
        "  title: 'API samples',\n"
        "  url: 'https://example.com',\n"
        "  baseUrl: '/',\n"
        "  onBrokenLinks: 'throw',\n"
        "  presets: [\n"
        "    [\n"
        "      'classic',\n"
        "      {\n"
        "        docs: {routeBasePath: '/'},  // the pages of docs/ at the site root\n"
        "        blog: false,\n"
        "      },\n"
        "    ],\n"
        "  ],\n"
        "  themeConfig: {\n" + prism_lines() + "  },\n"
        "};\n"
        "\n"
        "module.exports = config;\n"
    )


# -- MkDocs ----------------------------------------------------------------------------------


def mkdocs_yml(include: bool) -> str:
    """A complete ``mkdocs.yml`` for MkDocs Material with language tabs (and, for include
    mode, snippets read from the project folder)."""
    snippets = (
        "  - pymdownx.snippets:  # include mode: --8<-- lines include the generated files\n"
        '      base_path: ["."]  # paths are relative to this file\'s folder\n'
        "      check_paths: true  # a missing file fails the build\n"
        if include
        else ""
    )
    return (
        "site_name: API samples\n"
        "theme:\n"
        "  name: material\n"
        "  features:\n"
        "    - content.tabs.link  # tabs with the same label switch together, on every page\n"
        "    - content.code.copy  # a copy button on every code block\n"
        "markdown_extensions:\n"
        "  - admonition\n"
        '  - pymdownx.highlight  # code highlighting, and the title="..." captions\n'
        "  - pymdownx.superfences:  # fenced code inside tabs, admonitions and lists\n"
        "      preserve_tabs: true\n"
        "  - pymdownx.tabbed:\n"
        "      alternate_style: true\n" + snippets
    )


# -- Sphinx ----------------------------------------------------------------------------------

# Sphinx extensions each page format needs: (extension, why).
SPHINX_EXTENSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "sphinx": (("sphinx_design", "tab-set / tab-item: the language tabs"),),
    "sphinx-tabs": (("sphinx_tabs.tabs", "tabs / group-tab: the language tabs"),),
    "myst": (
        ("myst_parser", "MyST Markdown pages (.md)"),
        ("sphinx_design", "tab-set / tab-item: the language tabs"),
    ),
}


def sphinx_conf(system: str) -> str:
    """A ``conf.py`` with the extensions the system's pages need."""
    formats = ["myst"] if system == "myst" else [system]
    wanted = dict(ext for f in formats for ext in SPHINX_EXTENSIONS[f])
    lines = "".join(f'    "{name}",  # {why}\n' for name, why in wanted.items())
    suffix = (
        'source_suffix = {".rst": "restructuredtext", ".md": "markdown"}\n'
        if system == "myst"
        else ""
    )
    return (
        "# Sphinx configuration of the API samples site (written by `samplegen init`).\n"
        'project = "API samples"\n'
        "extensions = [\n" + lines + "]\n" + suffix + 'exclude_patterns = ["_build"]\n'
    )


# -- finding a page's site -------------------------------------------------------------------


def site_config(page: Path, system: str) -> Path | None:
    """The configuration file of the site ``page`` belongs to: the first of the system's
    files (:data:`SITE_FILES`) in the page's folder or above, up to the repository's root."""
    names = SITE_FILES.get(system, ())
    if not names:
        return None
    folder = page.resolve().parent
    for candidate in (folder, *folder.parents):
        for name in names:
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / ".git").exists():
            return None
    return None


def site_root(page: Path, system: str) -> Path | None:
    """The folder of the site's configuration file (None: none found)."""
    found = site_config(page, system)
    return found.parent if found else None


# -- what a site lacks -----------------------------------------------------------------------


@dataclass
class Needs:
    """What a site's pages use: language tabs, includes, the code languages, page formats."""

    tabs: bool = False
    includes: bool = False
    infos: set[str] = field(default_factory=set)  # code info strings (python, bash...)
    formats: set[str] = field(default_factory=set)  # page formats (sphinx, myst...)
    pages: list[Path] = field(default_factory=list)

    def add(self, other: Needs) -> None:
        self.tabs |= other.tabs
        self.includes |= other.includes
        self.infos |= other.infos
        self.formats |= other.formats
        self.pages.extend(other.pages)


@dataclass(frozen=True)
class SiteProblem:
    """Something a site's configuration lacks that its samplegen pages need."""

    config: Path
    line: int | None
    message: str  # what is missing, and what the reader sees without it
    add: str  # the exact lines to add

    def text(self) -> str:
        where = f"{self.config}:{self.line}" if self.line else str(self.config)
        added = "".join(f"    {line}\n" for line in self.add.rstrip("\n").split("\n"))
        return f"{where}: {self.message}; add:\n{added}"


class _Tolerant(yaml.SafeLoader):
    """A YAML loader that reads mkdocs.yml's ``!!python/name:`` and ``!ENV`` tags as None."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def _line_of(text: str, pattern: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    return None


def _mkdocs_extensions(text: str) -> dict[str, Any]:
    document = yaml.load(text, Loader=_Tolerant)  # a SafeLoader, tolerant of tags
    found: dict[str, Any] = {}
    entries = document.get("markdown_extensions") if isinstance(document, dict) else None
    for entry in entries or ():
        if isinstance(entry, str):
            found[entry] = {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                found[str(name)] = options if isinstance(options, dict) else {}
    return found


def _check_mkdocs(config: Path, text: str, needs: Needs) -> list[SiteProblem]:
    try:
        extensions = _mkdocs_extensions(text)
    except yaml.YAMLError as err:
        return [SiteProblem(config, None, f"cannot read it as YAML ({err})", "")]
    line = _line_of(text, r"^markdown_extensions\s*:")
    missing: list[str] = []
    why: list[str] = []
    if needs.tabs:
        if "pymdownx.superfences" not in extensions:
            missing.append("  - pymdownx.superfences:\n      preserve_tabs: true")
            why.append("pymdownx.superfences (without it the code in tabs is shown as text)")
        tabbed = extensions.get("pymdownx.tabbed")
        if tabbed is None or not tabbed.get("alternate_style"):
            missing.append("  - pymdownx.tabbed:\n      alternate_style: true")
            why.append("pymdownx.tabbed with alternate_style: true (the language tabs)")
        if "pymdownx.highlight" not in extensions:
            missing.append("  - pymdownx.highlight")
            why.append("pymdownx.highlight (the captions of the samples)")
    if needs.includes:
        snippets = extensions.get("pymdownx.snippets")
        if snippets is None:
            missing.append(
                '  - pymdownx.snippets:\n      base_path: ["."]\n      check_paths: true'
            )
            why.append("pymdownx.snippets (the --8<-- lines that include the generated files)")
    if not missing:
        return []
    header = "" if line else "markdown_extensions:\n"
    return [
        SiteProblem(
            config,
            line,
            f"the samplegen pages need {'; '.join(why)}",
            header + "\n".join(missing),
        )
    ]


def _sphinx_extensions(text: str) -> set[str] | None:
    """The extension names ``conf.py`` lists (None: it sets them in a way a reader of the
    file cannot follow without running it)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    found: set[str] = set()
    for node in ast.walk(tree):
        value: ast.AST | None = None
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "extensions" for t in node.targets)
        ) or (
            isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "extensions"
        ):
            value = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "extensions"
            and node.func.attr in ("append", "extend", "insert")
        ):
            value = ast.List(elts=list(node.args), ctx=ast.Load())
        if value is None:
            continue
        for item in ast.walk(value):
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                found.add(item.value)
    return found


def _check_sphinx(config: Path, text: str, needs: Needs) -> list[SiteProblem]:
    listed = _sphinx_extensions(text)
    if listed is None:
        return []
    wanted: dict[str, str] = {}
    for fmt in sorted(needs.formats):
        for name, why in SPHINX_EXTENSIONS.get(fmt, ()):
            if name == "myst_parser" or needs.tabs:
                wanted.setdefault(name, why)
    missing = {name: why for name, why in wanted.items() if name not in listed}
    if not missing:
        return []
    names = ", ".join(missing)
    why = "; ".join(f"{name} ({reason})" for name, reason in missing.items())
    add = "".join(f'extensions.append("{name}")\n' for name in missing)
    return [
        SiteProblem(
            config,
            _line_of(text, r"^\s*extensions\s*[+]?="),
            f"the samplegen pages need the Sphinx extension(s) {names}: {why}",
            add,
        )
    ]


_PRISM = re.compile(r"additionalLanguages\s*:\s*\[(?P<names>[^\]]*)\]", re.S)


def _check_docusaurus(config: Path, text: str, needs: Needs) -> list[SiteProblem]:
    problems: list[SiteProblem] = []
    match = _PRISM.search(text)
    listed = set(re.findall(r"""["'`]([\w+#-]+)["'`]""", match["names"])) if match else set()
    missing = sorted(i for i in needs.infos if i not in PRISM_BUNDLED and i not in listed)
    if missing:
        line = text[: match.start()].count("\n") + 1 if match else _line_of(text, r"themeConfig")
        problems.append(
            SiteProblem(
                config,
                line,
                f"the code of the {', '.join(missing)} samples is not highlighted: Docusaurus' "
                "prism highlights only the languages it bundles unless themeConfig.prism."
                "additionalLanguages names the others",
                "themeConfig: {\n" + prism_lines("  ") + "},",
            )
        )
    if needs.includes:
        package = config.parent / "package.json"
        declared: set[str] = set()
        try:
            data = json.loads(package.read_text(encoding="utf-8"))
            for key in ("dependencies", "devDependencies"):
                declared |= set(data.get(key) or {})
        except (OSError, ValueError, AttributeError):
            pass
        if "raw-loader" not in declared:
            problems.append(
                SiteProblem(
                    package,
                    None,
                    "include mode imports the generated files with raw-loader "
                    "(import X from '!!raw-loader!PATH'), which the site does not install",
                    f'"raw-loader": "{RAW_LOADER["raw-loader"]}"  (in "dependencies"; '
                    f"or: npm install raw-loader@{RAW_LOADER['raw-loader']})",
                )
            )
    return problems


_CHECKS = {
    "mkdocs": _check_mkdocs,
    "docusaurus": _check_docusaurus,
    "sphinx": _check_sphinx,
    "sphinx-tabs": _check_sphinx,
    "myst": _check_sphinx,
}


def check_site(system: str, config: Path, needs: Needs) -> list[SiteProblem]:
    """What ``config`` (the site's file of ``system``) lacks that pages with ``needs`` use."""
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [SiteProblem(config, None, f"cannot read the site configuration ({err})", "")]
    return _CHECKS[system](config, text, needs)
