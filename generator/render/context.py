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
    # json, openai-sse, dashscope-sse, sse (plain events), binary, text, empty or redirect
    response_format: str
    # -- the normalized request (see README "Template context") -----------------------
    base_url: str  # the region's base URL: http(s)://host[:port][/base path]
    path: str  # the request path, path parameters filled in and percent-encoded
    path_params: tuple[Parameter, ...]
    # query parameters as decoded (name, text) pairs in order, repeated names kept (also in
    # ``url``, already encoded by the style's rules: send ``url``, never re-encode these)
    query: tuple[tuple[str, str], ...]
    query_string: str  # the encoded query string of ``url`` ("" when there is none)
    body_kind: str  # json, form, multipart, raw or none
    content_type: str  # the body's media type ("" without a body); also in ``headers`` for json/raw
    # form: every (name, text) pair in order, repeated names kept (an empty form is ()); multipart:
    # the text fields
    form: tuple[tuple[str, str], ...]
    json_parts: tuple[tuple[str, JSON], ...]  # multipart: fields sent as a part of JSON text
    files: tuple[UploadFile, ...]  # multipart files the sample reads
    raw_text: str | None  # raw: the text sent byte for byte (UTF-8)
    raw_file: UploadFile | None  # raw: the file whose bytes are the whole body
    uploads: tuple[UploadFile, ...]  # every file the sample reads (multipart files, raw file)
    head: bool  # a HEAD request: no body, and the answer has none (print status and headers)
    # -- what the sample does with the answer ---------------------------------------------
    response_kind: str  # json, sse, binary, task, text, empty or redirect
    sse_text: bool  # sse: each event's data is a text printed whole (no reply_path into JSON)
    response_status: int  # the success status (200-399)
    response_content_type: str  # the success answer's media type
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
        query=endpoint.query_pairs,
        query_string=endpoint.query_string,
        body_kind=endpoint.body_kind,
        content_type=endpoint.content_type,
        form=endpoint.form_pairs,
        json_parts=endpoint.json_parts,
        files=endpoint.files,
        raw_text=endpoint.raw_text,
        raw_file=endpoint.raw_file,
        uploads=endpoint.uploads,
        head=endpoint.head,
        response_kind=endpoint.response_kind,
        sse_text=endpoint.response_format == "sse" and not endpoint.reply_path,
        response_status=endpoint.response_status,
        response_content_type=endpoint.response_content_type,
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
