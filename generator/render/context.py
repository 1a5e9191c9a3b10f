"""The template context: one small, typed, frozen view of an endpoint for one sample."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.i18n import DEFAULT_LOCALE
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
from generator.model.streams import accumulates
from generator.render.registry import Language, Sdk, Variant, language
from generator.render.sdk_calls import Plan, call_row, plan


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
    # -- table-driven SDK variants (generator/sdk/tables) -----------------------------------
    sdk: Sdk | None  # the SDK the variant calls through, as data
    sdk_call: Plan | None  # the SDK call of this endpoint and the argument of every value

    def as_template_vars(self) -> dict[str, Any]:
        """The context as Jinja variables (shallow: nested objects keep their types)."""
        return dict(self.__dict__)  # every field, as fields() lists them, without the walk


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
        sdk=variant.sdk,
        sdk_call=_sdk_plan(variant, endpoint),
    )


def _sdk_plan(variant: Variant, endpoint: Endpoint) -> Plan | None:
    """The SDK call plan of a table-driven SDK variant (None for every other variant)."""
    if variant.sdk is None or endpoint.style != variant.family:
        return None
    row = call_row(variant.sdk.table, endpoint)
    return plan(row, endpoint) if row is not None else None


def _form_fields(endpoint: Endpoint) -> tuple[tuple[str, str], ...]:
    if endpoint.body_kind not in ("form", "multipart"):
        return ()
    fields = endpoint.request_example or {}
    return tuple((name, scalar_text(value)) for name, value in fields.items())
