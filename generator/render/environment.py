"""The strict Jinja environment samples are rendered in, cached per template folder and locale."""

from __future__ import annotations

import os
import types
from collections import ChainMap
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.runtime

from generator.cache import content_key, read_entry, write_entry
from generator.i18n import DEFAULT_LOCALE, translations
from generator.render.filters import all_filters
from generator.resources import templates_dir

DEFAULT_TEMPLATES = templates_dir()
# A templates folder, or several searched in order: a project's override folder first, so a
# file there shadows the packaged template of the same path.
TemplateDirs = Path | tuple[Path, ...]


def search_path(templates: TemplateDirs) -> tuple[Path, ...]:
    """The folders ``templates`` names, in the order they are searched."""
    return (templates,) if isinstance(templates, Path) else tuple(templates)


def template_file(templates: TemplateDirs, name: str) -> Path:
    """The file that provides template ``name``: the first folder that has it (the last
    folder, the packaged one, when none has it)."""
    folders = search_path(templates)
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    return folders[-1] / name


class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by the environments of every locale
    (they differ only in their translations), so each template is compiled once; and kept
    on disk in the cache folder (:mod:`generator.cache`), so a new process does not compile
    them again. Jinja checks each entry against a checksum of the template source and its
    own version and Python's, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is None:
            data = read_entry("jinja", _disk_key(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        if self._store.get(bucket.key) != data:
            self._store[bucket.key] = data
            write_entry("jinja", _disk_key(bucket), data)


def _disk_key(bucket: jinja2.bccache.Bucket) -> str:
    """The on-disk name of a template's entry: its name and path, and its source."""
    return content_key(bucket.key.encode(), bucket.checksum.encode())


_PLAIN_CALLABLES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType)


class _Context(jinja2.runtime.Context):
    """Jinja's context, calling plain functions and methods (``_()``, ``auth.value_prefix()``)
    straight away instead of first checking them for ``pass_context`` and friends."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) not in _PLAIN_CALLABLES or hasattr(__obj, "jinja_pass_arg"):
            return super().call(__obj, *args, **kwargs)
        __traceback_hide__ = True
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


class _Template(jinja2.Template):
    """Jinja's template, whose contexts start from a plain dict of the globals instead of
    iterating the ChainMap Jinja keeps them in (twice per render); the same values."""

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Any = None,
    ) -> jinja2.runtime.Context:
        globals_ = self.globals
        if isinstance(globals_, ChainMap):
            globals_ = {k: v for m in reversed(globals_.maps) for k, v in m.items()}
        return jinja2.runtime.new_context(
            self.environment, self.name, self.blocks, vars, shared, globals_, locals
        )


def _plain_gettext(locale: str) -> Callable[..., str]:
    """``_()`` for templates: the catalog's plain gettext, then ``%`` with the keyword
    arguments, which is all Jinja's newstyle wrapper does when autoescape is off (it too
    always formats, even without arguments), without its two context calls per text."""
    gettext = translations(locale).gettext

    def _(message: str, **variables: Any) -> str:
        return gettext(message) % variables

    return _


_BYTECODE = _SharedBytecode()


def make_environment(
    templates: TemplateDirs = DEFAULT_TEMPLATES, locale: str = DEFAULT_LOCALE
) -> jinja2.Environment:
    """A strict Jinja environment in ``locale``: undefined names are errors, no autoescape.

    Environments are cached per folder, locale and the state of the template files (each
    file's name, size and modification time), and compiled templates are shared between
    locales. So an environment never looks at its files again (``auto_reload`` off: Jinja
    would ``stat`` a template before every render, a fifth of a sample's render time), and
    an edited template still gets a fresh environment at the next call, in a long-running
    process too.
    """
    return _environment(templates, locale, _templates_state(templates))


def _templates_state(templates: TemplateDirs) -> tuple[tuple[str, int, int], ...]:
    """Every template file below the search path, with its size and modification time."""
    state = []
    for folder in search_path(templates):
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                state.append((path, info.st_size, info.st_mtime_ns))
    return tuple(state)


@lru_cache(maxsize=32)
def _environment(
    templates: TemplateDirs, locale: str, state: tuple[tuple[str, int, int], ...]
) -> jinja2.Environment:
    """The environment :func:`make_environment` describes, for one state of the files."""
    env = jinja2.Environment(
        auto_reload=False,
        bytecode_cache=_BYTECODE,
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(templates)]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = _plain_gettext(locale)
    env.context_class = _Context
    env.template_class = _Template
    env.filters.update(all_filters())
    return env
