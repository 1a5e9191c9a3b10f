"""Render samples: endpoint model -> small typed context -> Jinja template -> text."""

from __future__ import annotations

import os
import sys
import traceback
import types
from collections import ChainMap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.runtime

from generator.cache import content_key, read_entry, write_entry
from generator.errors import TemplateError
from generator.filters import all_filters
from generator.i18n import DEFAULT_LOCALE, LOCALES, check_locale, translations
from generator.model import (
    JSON,
    Auth,
    Endpoint,
    ErrorResponse,
    Parameter,
    Region,
    TaskPolling,
    UploadFile,
    scalar_text,
)
from generator.registry import Language, Variant, language, variants
from generator.resources import templates_dir
from generator.streaming import accumulates

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


@dataclass(frozen=True)
class SampleContext:
    """Everything a template may use. Templates see these fields as top-level names."""

    endpoint: Endpoint
    language: Language
    variant: Variant
    region: Region
    url: str
    sdk_base_url: str
    method: str
    auth: Auth
    headers: tuple[tuple[str, str], ...]
    sdk_headers: dict[str, str]  # the extra headers an SDK does not set itself (no Content-Type)
    body: JSON
    reply_path: tuple[str | int, ...]
    invalid_key_error: ErrorResponse | None
    locale: str
    title: str  # the endpoint's title in ``locale``
    operation: str  # chat-completions, text-generation or multimodal-generation
    stream: bool  # the answer is server-sent events (see response_format)
    response_format: str  # json, openai-sse, dashscope-sse or binary
    # -- the normalized request (see README "Template context") -----------------------
    base_url: str  # the region's https://host
    path: str  # the request path, path parameters filled in and percent-encoded
    path_params: tuple[Parameter, ...]
    query: tuple[tuple[str, str], ...]  # query parameters as text (also in ``url``)
    body_kind: str  # json, form, multipart or none
    form: tuple[tuple[str, str], ...]  # form or multipart text fields
    files: tuple[UploadFile, ...]  # multipart files the sample reads
    # -- what the sample does with the answer ---------------------------------------------
    response_kind: str  # json, sse, binary or task
    reply_kind: str  # what sits at reply_path: text, number, vector, list, object, value, none
    save_as: str  # binary: where the answer is saved
    task: TaskPolling | None  # task: how to poll it
    task_poll_url: str  # task: the poll URL up to the task id (samples append the id)
    task_poll_suffix: str  # task: what follows the id in the poll URL (usually "")
    stream_accumulates: bool  # dashscope-sse: each event holds the whole text so far

    def as_template_vars(self) -> dict[str, Any]:
        """The context as Jinja variables (shallow: nested objects keep their types)."""
        return dict(self.__dict__)  # every field, as fields() lists them, without the walk


@dataclass(frozen=True)
class Sample:
    """One rendered sample file."""

    endpoint: Endpoint
    variant: Variant
    region: str
    relpath: str  # path below the output folder, with forward slashes
    text: str
    locale: str = DEFAULT_LOCALE


def make_context(
    endpoint: Endpoint,
    variant: Variant,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> SampleContext:
    """Build the template context for ``endpoint`` rendered as ``variant`` in ``region``."""
    reg = endpoint.region(region)
    return SampleContext(
        endpoint=endpoint,
        language=language(variant.language),
        variant=variant,
        region=reg,
        url=endpoint.url(reg.key),
        sdk_base_url=endpoint.sdk_base_url(reg.key),
        method=endpoint.method,
        auth=endpoint.auth,
        headers=endpoint.headers,
        sdk_headers={k: v for k, v in endpoint.headers if k.lower() != "content-type"},
        body=endpoint.request_example,
        reply_path=endpoint.reply_path,
        invalid_key_error=endpoint.error("invalid_api_key"),
        locale=locale,
        title=endpoint.title_in(locale),
        operation=endpoint.operation,
        stream=endpoint.streams,
        response_format=endpoint.response_format,
        base_url=reg.base_url,
        path=endpoint.resolved_path,
        path_params=endpoint.path_params,
        query=tuple((p.name, p.text) for p in endpoint.query_params),
        body_kind=endpoint.body_kind,
        form=_form_fields(endpoint),
        files=endpoint.files,
        response_kind=endpoint.response_kind,
        reply_kind=endpoint.reply_kind,
        save_as=endpoint.save_as,
        task=endpoint.task,
        task_poll_url=reg.base_url + endpoint.task.poll_prefix if endpoint.task else "",
        task_poll_suffix=endpoint.task.poll_suffix if endpoint.task else "",
        stream_accumulates=accumulates(endpoint),
    )


def _form_fields(endpoint: Endpoint) -> tuple[tuple[str, str], ...]:
    if endpoint.body_kind not in ("form", "multipart"):
        return ()
    fields = endpoint.request_example or {}
    return tuple((name, scalar_text(value)) for name, value in fields.items())


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


def _template_location() -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback being handled."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return None, None


def _undecodable_template(templates: TemplateDirs, name: str) -> Path | None:
    """The sample's template file if it is the one that is not UTF-8."""
    path = template_file(templates, name)
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return path
    except OSError:
        pass
    return None


def _search_path_of(env: jinja2.Environment) -> tuple[Path, ...]:
    """The template folders ``env`` loads from (to name a failing template's file)."""
    return tuple(Path(p) for p in env.loader.searchpath)  # type: ignore[union-attr]


def render_sample(
    env: jinja2.Environment,
    endpoint: Endpoint,
    variant: Variant,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """Render one sample; template problems become a :class:`TemplateError` with file:line."""
    context = make_context(endpoint, variant, region, locale)
    try:
        template = env.get_template(variant.template)
        return template.render(context.as_template_vars())
    except jinja2.TemplateNotFound as err:
        templates = _search_path_of(env)
        path, line = _template_location()
        if path is None:  # the sample's own template is missing
            missing = template_file(templates, variant.template)
            raise TemplateError("template not found", missing) from None
        raise TemplateError(f"template {err.name!r} not found", path, line) from None
    except UnicodeDecodeError as err:
        templates = _search_path_of(env)
        bad = _undecodable_template(templates, variant.template)
        line = err.object[: err.start].count(b"\n") + 1 if bad else None
        raise TemplateError(
            f"the template is not valid UTF-8 (byte 0x{err.object[err.start]:02x})",
            bad or template_file(templates, variant.template),
            line,
        ) from None
    except jinja2.TemplateSyntaxError as err:
        templates = _search_path_of(env)
        path = err.filename or str(template_file(templates, variant.template))
        raise TemplateError(f"template syntax error: {err.message}", path, err.lineno) from None
    except Exception as err:  # any failure inside a template is a template error
        path, line = _template_location()
        message = (
            f"{type(err).__name__}: {err}"
            if not isinstance(err, jinja2.UndefinedError)
            else str(err)
        )
        raise TemplateError(
            f"rendering {endpoint.id} as {variant.name} failed: {message}",
            path or template_file(_search_path_of(env), variant.template),
            line,
        ) from None


def sample_relpath(endpoint: Endpoint, variant: Variant, prefix: str = "") -> str:
    """Where a sample lives below the output folder (``prefix`` for non-default editions)."""
    return f"{prefix}{endpoint.id}/{variant.language}/{variant.key}/{variant.filename}"


@dataclass(frozen=True)
class Edition:
    """A region and a comment locale to render in, and the folder that edition goes to."""

    region: str | None  # None: the spec's default region
    locale: str = DEFAULT_LOCALE
    prefix: str = ""


def matrix_editions(endpoint: Endpoint) -> list[Edition]:
    """The editions ``generate`` writes by default: the spec's default region in English at the
    top, then every other region (``regions/<key>/``) and every other locale (``locales/<code>/``).
    """
    result = [Edition(None)]
    result += [
        Edition(r.key, DEFAULT_LOCALE, f"regions/{r.key}/")
        for r in endpoint.regions
        if r.key != endpoint.default_region
    ]
    result += [Edition(None, loc, f"locales/{loc}/") for loc in LOCALES if loc != DEFAULT_LOCALE]
    return result


def render_all(
    endpoints: Iterable[Endpoint],
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    languages: Iterable[str] | None = None,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> list[Sample]:
    """Render every supported (endpoint, variant) pair in one edition, in a stable order."""
    return render_editions(
        endpoints, lambda _: [Edition(region, check_locale(locale))], templates, languages
    )


def render_matrix(
    endpoints: Iterable[Endpoint],
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    languages: Iterable[str] | None = None,
) -> list[Sample]:
    """Render every sample in every edition of :func:`matrix_editions`."""
    return render_editions(endpoints, matrix_editions, templates, languages)


def render_editions(
    endpoints: Iterable[Endpoint],
    editions: Callable[[Endpoint], list[Edition]],
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    languages: Iterable[str] | None = None,
) -> list[Sample]:
    """Render each endpoint with each supported variant in each of ``editions(endpoint)``."""
    envs: dict[str, jinja2.Environment] = {}
    chosen = variants(languages)
    samples = []
    for endpoint in endpoints:
        for edition in editions(endpoint):
            region = endpoint.region(edition.region).key
            env = envs.get(edition.locale) or envs.setdefault(
                edition.locale, make_environment(templates, edition.locale)
            )
            for variant in chosen:
                if variant.supports(endpoint):
                    samples.append(
                        Sample(
                            endpoint=endpoint,
                            variant=variant,
                            region=region,
                            relpath=sample_relpath(endpoint, variant, edition.prefix),
                            text=render_sample(env, endpoint, variant, region, edition.locale),
                            locale=edition.locale,
                        )
                    )
    return samples
