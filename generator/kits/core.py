"""Build, write, zip and check starter kits: one runnable project per endpoint and variant."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import jinja2

from generator import __version__
from generator.errors import SamplegenError, TemplateError
from generator.i18n import DEFAULT_LOCALE, check_locale
from generator.kits.filters import FILTERS, kit_pascal
from generator.kits.layout import LAYOUTS, dependencies, maven_plugins
from generator.model import Endpoint
from generator.output.writer import atomic_write, read_manifest, write_tree
from generator.render.context import make_context
from generator.render.environment import (
    DEFAULT_TEMPLATES,
    TemplateDirs,
    make_environment,
    template_file,
)
from generator.render.registry import LANGUAGES, Variant, language, variants
from generator.render.samples import render_sample
from generator.sdk.pins import KIT_TOOLCHAINS

KIT_MANIFEST = "samplegen-kit.json"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold: fixed, not "now"
FILE_MODE, EXEC_MODE = 0o644, 0o755


@dataclass(frozen=True)
class KitRequest:
    """What one kit is made from; saved in the kit's manifest so ``--check`` can redo it."""

    language: str
    variant: str  # the variant key within the language ("openai")
    endpoint: str
    region: str
    locale: str = DEFAULT_LOCALE
    samplegen: str = __version__

    def to_json(self) -> str:
        """The manifest text (stable key order, one trailing newline)."""
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, where: Path | str) -> KitRequest:
        """Read a manifest; a malformed one is a :class:`SamplegenError` naming ``where``."""
        try:
            data = json.loads(text)
            return cls(
                **{k: str(data[k]) for k in ("language", "variant", "endpoint", "region")},
                locale=str(data.get("locale", DEFAULT_LOCALE)),
                samplegen=str(data.get("samplegen", "")),
            )
        except (ValueError, KeyError, TypeError) as err:
            raise SamplegenError(f"not a samplegen kit manifest ({err})", where) from None


@dataclass(frozen=True)
class KitInfo:
    """The kit-specific names templates of project files see as ``kit``."""

    name: str  # folder / archive name: chat-completions-python-openai
    project: str  # PascalCase project name (C#)
    entry: str  # the entry file's path inside the kit
    stem: str  # the entry file's name without its suffix (Python module, Java class)
    dependencies: tuple
    plugins: tuple
    toolchain: dict[str, str]
    samplegen: str


@dataclass(frozen=True)
class Kit:
    """A rendered kit: every file's text, in memory."""

    request: KitRequest
    name: str
    entry: str
    files: dict[str, str]
    executable: frozenset[str] = frozenset()

    def mode(self, rel: str) -> int:
        """The permission bits ``rel`` is written with."""
        return EXEC_MODE if rel in self.executable else FILE_MODE


def kit_name(endpoint: Endpoint, variant: Variant, region: str, locale: str) -> str:
    """``<endpoint>-<language>[-<variant>]``, plus the region and locale when not the defaults."""
    parts = [endpoint.id, variant.language]
    if variant.key != variant.language:
        parts.append(variant.key)
    if region != endpoint.default_region:
        parts.append(region)
    if locale != DEFAULT_LOCALE:
        parts.append(locale)
    return "-".join(parts)


def _endpoint(endpoints: Sequence[Endpoint], endpoint_id: str) -> Endpoint:
    for endpoint in endpoints:
        if endpoint.id == endpoint_id:
            return endpoint
    valid = ", ".join(e.id for e in endpoints)
    raise SamplegenError(f"unknown endpoint {endpoint_id!r} (valid: {valid})")


def _variant(lang: str, name: str) -> Variant:
    own = variants([lang])
    for v in own:
        if name in (v.key, v.name):
            return v
    valid = ", ".join(v.key for v in own)
    raise SamplegenError(f"unknown variant {name!r} for {lang} (valid: {valid})")


def plan(
    endpoints: Sequence[Endpoint],
    lang: str | None = None,
    *,
    endpoint_ids: Iterable[str] = (),
    variant: str | None = None,
    region: str | None = None,
    locale: str = DEFAULT_LOCALE,
    every: bool = False,
) -> list[KitRequest]:
    """The kits a ``samplegen kit`` call asks for, validated, in a stable order.

    One kit per endpoint. ``variant`` picks the variant; without it each endpoint gets
    the language's first variant (registry order) that can call it. ``every`` means every
    language and every variant. Unknown names are errors listing the valid ones.
    """
    check_locale(locale)
    if every and (lang is not None or variant is not None):
        raise SamplegenError("--all makes every language and variant; omit LANG and --variant")
    if not every and lang is None:
        valid = ", ".join(item.key for item in LANGUAGES)
        raise SamplegenError(f"name a language or pass --all (languages: {valid})")
    chosen = [_endpoint(endpoints, e) for e in dict.fromkeys(endpoint_ids)] or list(endpoints)
    explicit = bool(list(endpoint_ids))
    requests: list[KitRequest] = []
    for endpoint in chosen:
        reg = endpoint.region(region).key
        if every:
            picks = [v for v in variants() if v.supports(endpoint)]
        else:
            assert lang is not None
            language(lang)  # an unknown language lists the valid ones
            if variant is not None:
                v = _variant(lang, variant)
                if not v.supports(endpoint):
                    if explicit:
                        raise SamplegenError(f"variant {v.name} cannot call {endpoint.id}")
                    continue
                picks = [v]
            else:
                picks = [v for v in variants([lang]) if v.supports(endpoint)][:1]
        requests += [KitRequest(v.language, v.key, endpoint.id, reg, locale) for v in picks]
    if not requests:
        raise SamplegenError(f"variant {variant} can call none of the chosen endpoints")
    return requests


def _environment(templates: TemplateDirs, locale: str) -> jinja2.Environment:
    env = make_environment(templates, locale)
    env.filters.update(FILTERS)
    return env


def render_kit(
    request: KitRequest,
    endpoints: Sequence[Endpoint],
    templates: TemplateDirs = DEFAULT_TEMPLATES,
    env: jinja2.Environment | None = None,
) -> Kit:
    """Render one kit in memory: the sample itself (same templates) and its project files."""
    endpoint = _endpoint(endpoints, request.endpoint)
    variant = _variant(request.language, request.variant)
    env = env or _environment(templates, request.locale)
    layout = LAYOUTS[variant.language]
    name = kit_name(endpoint, variant, request.region, request.locale)
    entry = f"{layout.entry_dir}/{variant.filename}" if layout.entry_dir else variant.filename
    files = {entry: render_sample(env, endpoint, variant, request.region, request.locale)}
    info = KitInfo(
        name=name,
        project=kit_pascal(endpoint.id),
        entry=entry,
        stem=Path(variant.filename).stem,
        dependencies=dependencies(variant),
        plugins=maven_plugins() if variant.language == "java" else (),
        toolchain=dict(KIT_TOOLCHAINS),
        samplegen=request.samplegen,
    )
    context = make_context(endpoint, variant, request.region, request.locale).as_template_vars()
    context["kit"] = info
    context["description"] = endpoint.description_in(request.locale)
    for path, template in layout.files:
        files[path.format(project=info.project)] = _render(env, templates, template, context)
    files[KIT_MANIFEST] = request.to_json()
    return Kit(request, name, entry, files, layout.executable)


def _render(env: jinja2.Environment, templates: TemplateDirs, template: str, context: dict) -> str:
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateNotFound:
        raise TemplateError("template not found", template_file(templates, template)) from None
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            f"template syntax error: {err.message}", err.filename, err.lineno
        ) from None
    except Exception as err:  # a filter refusing a value, an undefined name
        message = f"rendering failed: {type(err).__name__}: {err}"
        raise TemplateError(message, template_file(templates, template)) from None


def render_kits(
    requests: Iterable[KitRequest],
    endpoints: Sequence[Endpoint],
    templates: TemplateDirs = DEFAULT_TEMPLATES,
) -> list[Kit]:
    """Render every requested kit (one Jinja environment per locale)."""
    envs: dict[str, jinja2.Environment] = {}
    kits = []
    for request in requests:
        env = envs.get(request.locale) or envs.setdefault(
            request.locale, _environment(templates, request.locale)
        )
        kits.append(render_kit(request, endpoints, templates, env))
    return kits


def zip_bytes(kit: Kit) -> bytes:
    """The kit as a zip archive below a ``<name>/`` folder: sorted, fixed dates and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in sorted(kit.files):
            info = zipfile.ZipInfo(f"{kit.name}/{rel}", date_time=ZIP_DATE)
            info.create_system = 3  # Unix, so the permission bits below are honoured
            info.external_attr = (0o100000 | kit.mode(rel)) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, kit.files[rel].encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


@dataclass
class KitWriteReport:
    """What :func:`write_kits` wrote: one path per kit (folder or archive)."""

    paths: list[Path] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0


def write_kits(kits: Sequence[Kit], out: Path, as_zip: bool = False) -> KitWriteReport:
    """Write already-rendered kits into ``out`` (``out/<name>/`` or ``out/<name>.zip``)."""
    names = [k.name for k in kits]
    if len(set(names)) != len(names):
        raise SamplegenError(f"two kits would share a name: {sorted(names)}")
    archives = {k.name: zip_bytes(k) for k in kits} if as_zip else {}
    report = KitWriteReport()
    for kit in kits:
        if as_zip:
            target = out / f"{kit.name}.zip"
            data = archives[kit.name]
            if target.is_file() and target.read_bytes() == data:
                report.unchanged += 1
            else:
                atomic_write(target, data)
                report.written += 1
        else:
            target = out / kit.name
            done = write_tree(target, kit.files)
            for rel in kit.executable:
                (target / rel).chmod(EXEC_MODE)
            report.written += len(done.written)
            report.unchanged += len(done.unchanged)
        report.paths.append(target)
    return report


@dataclass
class KitStatus:
    """How one existing kit (folder or archive) compares with what the specs produce now."""

    path: Path
    name: str
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)  # files the kit has that are no longer made
    problem: str = ""  # why the kit cannot be re-made at all (its endpoint is gone)

    @property
    def fresh(self) -> bool:
        """Whether the kit is exactly what the specs and templates produce."""
        return not (self.changed or self.missing or self.obsolete or self.problem)

    @property
    def stale(self) -> list[str]:
        """Every stale file, sorted."""
        return sorted(self.changed + self.missing + self.obsolete)


def _read_zip(path: Path) -> tuple[str, dict[str, str], dict[str, int]]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            tops = {i.filename.split("/", 1)[0] for i in infos}
            if len(tops) != 1 or any("/" not in i.filename for i in infos):
                raise SamplegenError("not a kit archive (expected one top folder)", path)
            top = tops.pop()
            files = {
                i.filename.split("/", 1)[1]: archive.read(i).decode("utf-8", "replace")
                for i in infos
            }
            modes = {i.filename.split("/", 1)[1]: (i.external_attr >> 16) & 0o777 for i in infos}
    except zipfile.BadZipFile as err:
        raise SamplegenError(f"not a zip archive: {err}", path) from None
    return top, files, modes


def check_kit(
    path: Path, endpoints: Sequence[Endpoint], templates: TemplateDirs = DEFAULT_TEMPLATES
) -> KitStatus:
    """Re-render the kit at ``path`` (a folder or a ``.zip``) from its manifest and compare.

    Only the kit's own files are read: what the user added (``node_modules``, ``.venv``,
    build output) is ignored. Files the kit was made with that are no longer produced
    count as obsolete.
    """
    if path.is_file():
        name, present, modes = _read_zip(path)
        before = set(present)
    else:
        name, before = path.name, set(read_manifest(path))
        manifest = path / KIT_MANIFEST
        if not manifest.is_file():
            raise SamplegenError(f"no {KIT_MANIFEST} here: not a samplegen kit", path)
        present, modes = {KIT_MANIFEST: manifest.read_text("utf-8", "replace")}, {}
    if KIT_MANIFEST not in present:
        raise SamplegenError(f"no {KIT_MANIFEST} here: not a samplegen kit", path)
    request = KitRequest.from_json(present[KIT_MANIFEST], path / KIT_MANIFEST)
    status = KitStatus(path, name)
    if request.endpoint not in {e.id for e in endpoints}:
        status.problem = f"endpoint {request.endpoint!r} is no longer in the specs"
        return status
    kit = render_kit(replace(request, samplegen=__version__), endpoints, templates)
    if not path.is_file():
        for rel in sorted(set(kit.files) | before):
            target = path / rel
            if rel != KIT_MANIFEST and target.is_file() and not target.is_symlink():
                present[rel] = target.read_bytes().decode("utf-8", "replace")
                modes[rel] = target.stat().st_mode & 0o777
    for rel, text in sorted(kit.files.items()):
        if rel not in present:
            status.missing.append(rel)
        elif present[rel] != text or (rel in modes and modes[rel] != kit.mode(rel)):
            status.changed.append(rel)
    status.obsolete = sorted((before & set(present)) - set(kit.files))
    return status


def find_kits(path: Path) -> list[Path]:
    """The kits at ``path``: itself (a kit folder or archive), or the kits directly inside it."""
    if path.is_file() or (path / KIT_MANIFEST).is_file():
        return [path]
    if not path.is_dir():
        raise SamplegenError("no such kit folder or archive", path)
    found = sorted(
        p
        for p in path.iterdir()
        if (p.is_dir() and (p / KIT_MANIFEST).is_file()) or (p.is_file() and p.suffix == ".zip")
    )
    if not found:
        raise SamplegenError(f"no kit here (no {KIT_MANIFEST}, no .zip)", path)
    return found
