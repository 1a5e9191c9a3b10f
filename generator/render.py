"""Render samples: endpoint model -> small typed context -> Jinja template -> text."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

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
from generator.streaming import accumulates

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
        return {f.name: getattr(self, f.name) for f in fields(self)}


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
    (they differ only in their translations), so each template is compiled once."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()


@lru_cache(maxsize=32)
def make_environment(
    templates: Path = DEFAULT_TEMPLATES, locale: str = DEFAULT_LOCALE
) -> jinja2.Environment:
    """A strict Jinja environment in ``locale``: undefined names are errors, no autoescape.

    Environments are cached per folder and locale (Jinja reloads a template whose file
    changed), and compiled templates are shared between locales.
    """
    env = jinja2.Environment(
        bytecode_cache=_BYTECODE,
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(locale), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(all_filters())
    return env


def _template_location() -> tuple[str | None, int | None]:
    """The innermost template file and line in the traceback being handled."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    for frame in reversed(frames):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return None, None


def _undecodable_template(templates: Path, name: str) -> Path | None:
    """The sample's template file if it is the one that is not UTF-8."""
    path = templates / name
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return path
    except OSError:
        pass
    return None


def render_sample(
    env: jinja2.Environment,
    endpoint: Endpoint,
    variant: Variant,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str:
    """Render one sample; template problems become a :class:`TemplateError` with file:line."""
    templates = Path(env.loader.searchpath[0])  # type: ignore[union-attr]
    context = make_context(endpoint, variant, region, locale)
    try:
        template = env.get_template(variant.template)
        return template.render(context.as_template_vars())
    except jinja2.TemplateNotFound as err:
        path, line = _template_location()
        if path is None:  # the sample's own template is missing
            raise TemplateError("template not found", templates / variant.template) from None
        raise TemplateError(f"template {err.name!r} not found", path, line) from None
    except UnicodeDecodeError as err:
        bad = _undecodable_template(templates, variant.template)
        line = err.object[: err.start].count(b"\n") + 1 if bad else None
        raise TemplateError(
            f"the template is not valid UTF-8 (byte 0x{err.object[err.start]:02x})",
            bad or templates / variant.template,
            line,
        ) from None
    except jinja2.TemplateSyntaxError as err:
        path = err.filename or str(templates / variant.template)
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
            path or templates / variant.template,
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
    templates: Path = DEFAULT_TEMPLATES,
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
    templates: Path = DEFAULT_TEMPLATES,
    languages: Iterable[str] | None = None,
) -> list[Sample]:
    """Render every sample in every edition of :func:`matrix_editions`."""
    return render_editions(endpoints, matrix_editions, templates, languages)


def render_editions(
    endpoints: Iterable[Endpoint],
    editions: Callable[[Endpoint], list[Edition]],
    templates: Path = DEFAULT_TEMPLATES,
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
