"""Render samples: endpoint model -> small typed context -> Jinja template -> text."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.errors import TemplateError
from generator.i18n import DEFAULT_LOCALE, check_locale
from generator.model import Endpoint
from generator.render.context import make_context
from generator.render.editions import Edition, matrix_editions, sample_relpath
from generator.render.environment import (
    DEFAULT_TEMPLATES,
    TemplateDirs,
    make_environment,
    template_file,
)
from generator.render.registry import Variant, variants


@dataclass(frozen=True)
class Sample:
    """One rendered sample file."""

    endpoint: Endpoint
    variant: Variant
    region: str
    relpath: str  # path below the output folder, with forward slashes
    text: str
    locale: str = DEFAULT_LOCALE


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
