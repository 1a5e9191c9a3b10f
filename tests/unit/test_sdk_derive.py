"""The SDK readers, on the smallest SDKs of the Stainless layout: what each records per call
(route, arguments by location, answer kind) and which call wins when two share a route."""

from __future__ import annotations

import textwrap
import zipfile
from pathlib import Path

from generator.sdk.derive import java_stainless, node_stainless, python_stainless

PY_CLIENT = """
from ._compat import cached_property

class Acme(SyncAPIClient):
    @cached_property
    def widgets(self) -> Widgets:
        from .resources.widgets import Widgets

        return Widgets(self)
"""

PY_WIDGETS = """
from .._utils import path_template, maybe_transform, extract_files, deepcopy_minimal
from ..types import widget_create_params, widget_list_params

class Widgets(SyncAPIResource):
    @cached_property
    def with_raw_response(self) -> WidgetsWithRawResponse:
        return WidgetsWithRawResponse(self)

    @overload
    def create(self, *, name: str, stream: Literal[True]) -> Stream[WidgetEvent]: ...

    def create(self, *, name: str, color: str | Omit = omit, stream: bool | Omit = omit,
               extra_headers: Headers | None = None, extra_body: Body | None = None) -> Widget:
        return self._post(
            "/widgets",
            body=maybe_transform({"name": name, "color": color, "stream": stream},
                                 widget_create_params.WidgetCreateParams),
            options=make_request_options(extra_headers=extra_headers),
            cast_to=Widget,
            stream=stream or False,
            stream_cls=Stream[WidgetEvent],
        )

    def parse(self, *, name: str) -> ParsedWidget:
        return self._post("/widgets", body={"name": name}, cast_to=ParsedWidget)

    def list(self, *, limit: int | Omit = omit) -> SyncCursorPage[Widget]:
        return self._get_api_list(
            "/widgets",
            page=SyncCursorPage[Widget],
            options=make_request_options(
                query=maybe_transform({"limit": limit}, widget_list_params.WidgetListParams)
            ),
            model=Widget,
        )

    def content(self, widget_id: str, *, shelf_id: str) -> HttpxBinaryResponseContent:
        return self._get(
            path_template(
                "/shelves/{shelf_id}/widgets/{widget_id}/content",
                shelf_id=shelf_id,
                widget_id=widget_id,
            ),
            cast_to=_legacy_response.HttpxBinaryResponseContent,
        )

    def upload(self, *, file: FileTypes, purpose: str) -> Widget:
        body = deepcopy_minimal({"file": file, "purpose": purpose})
        files = extract_files(cast(Mapping[str, object], body), paths=[["file"]])
        return self._post(
            "/widgets/uploads",
            body=maybe_transform(body, widget_upload_params.X),
            files=files,
            cast_to=Widget,
        )
"""


def _python_sdk(tmp_path: Path) -> Path:
    root = tmp_path / "acme"
    (root / "resources").mkdir(parents=True)
    (root / "_client.py").write_text(textwrap.dedent(PY_CLIENT))
    (root / "resources" / "widgets.py").write_text(PY_WIDGETS)
    return root


def test_the_python_reader_records_routes_arguments_and_answers(tmp_path: Path) -> None:
    rows = {
        r["id"]: r for r in python_stainless.read_package(_python_sdk(tmp_path), "acme", "Acme")
    }
    assert set(rows) == {"widgets.create", "widgets.list", "widgets.content", "widgets.upload"}
    create = rows["widgets.create"]  # beats the parse helper on the same route
    assert (create["method"], create["route"], create["answer"]) == ("POST", "/widgets", "object")
    assert create["body"] == {"name": "name", "color": "color", "stream": "stream"}
    assert create["stream"] == "param" and create["required"] == ["name"]
    listing = rows["widgets.list"]
    assert (listing["answer"], listing["query"], listing["page"]) == (
        "page",
        {"limit": "limit"},
        "SyncCursorPage",
    )
    content = rows["widgets.content"]
    assert content["route"] == "/shelves/{}/widgets/{}/content"
    assert content["path"] == ["shelf_id", "widget_id"]
    assert content["positional"] == ["widget_id"] and content["answer"] == "binary"
    upload = rows["widgets.upload"]
    assert (upload["body_kind"], upload["files"]) == ("multipart", ["file"])


NODE_CLIENT = """
import * as API from './resources/index';
export class Acme {
  widgets: API.Widgets = new API.Widgets(this);
}
"""
NODE_INDEX = "export { Widgets, type Widget } from './widgets';\n"
NODE_WIDGETS = """
import { APIResource } from '../core/resource';
import { path } from '../internal/utils/path';

export class Widgets extends APIResource {
  /**
   * Creates a widget. A brace in a comment { does not count.
   */
  create(body: WidgetCreateParams, options?: RequestOptions): APIPromise<Widget> {
    return this._client.post('/widgets', { body, ...options, stream: body.stream ?? false });
  }

  retrieve(
    widgetID: string,
    params: WidgetRetrieveParams,
    options?: RequestOptions,
  ): APIPromise<Widget> {
    const { shelf_id } = params;
    return this._client.get(path`/shelves/${shelf_id}/widgets/${widgetID}`, options);
  }

  list(
    query: WidgetListParams | null | undefined = {},
    options?: RequestOptions,
  ): PagePromise<WidgetsPage, Widget> {
    return this._client.getAPIList('/widgets', CursorPage<Widget>, { query, ...options });
  }

  upload(body: WidgetUploadParams, options?: RequestOptions): APIPromise<Widget> {
    return this._client.post(
      '/widgets/uploads',
      multipartFormRequestOptions({ body, ...options }, this._client),
    );
  }
}

export interface WidgetUploadParams {
  file: Uploadable;
  purpose: string;
}
"""


def test_the_node_reader_records_positional_and_destructured_path_parameters(
    tmp_path: Path,
) -> None:
    src = tmp_path / "src"
    (src / "resources").mkdir(parents=True)
    (src / "client.ts").write_text(NODE_CLIENT)
    (src / "resources" / "index.ts").write_text(NODE_INDEX)
    (src / "resources" / "widgets.ts").write_text(NODE_WIDGETS)
    rows = {r["id"]: r for r in node_stainless.read_package(src)}
    assert rows["widgets.create"]["stream"] == "param"
    retrieve = rows["widgets.retrieve"]
    assert retrieve["route"] == "/shelves/{}/widgets/{}"
    assert retrieve["path"] == ["params.shelf_id", "widgetID"]
    assert retrieve["positional"] == ["widgetID", "params"]
    assert (rows["widgets.list"]["answer"], rows["widgets.list"]["page"]) == ("page", "CursorPage")
    assert rows["widgets.upload"]["files"] == ["file"]


KT_CLIENT = """package com.acme.client

import com.acme.services.blocking.WidgetService

interface AcmeClient {
    fun widgets(): WidgetService
}
"""
KT_SERVICE = """package com.acme.services.blocking

interface WidgetService {
    fun create(params: WidgetCreateParams): Widget
}
"""
KT_IMPL = """package com.acme.services.blocking

import com.acme.models.widgets.Widget
import com.acme.models.widgets.WidgetCreateParams
import com.acme.models.widgets.WidgetListPage
import com.acme.models.widgets.WidgetListParams

class WidgetServiceImpl internal constructor(private val clientOptions: ClientOptions) :
    WidgetService {
    override fun create(params: WidgetCreateParams, requestOptions: RequestOptions): Widget =
        // post /widgets
        withRawResponse().create(params, requestOptions).parse()

    override fun list(
        params: WidgetListParams,
        requestOptions: RequestOptions,
    ): WidgetListPage =
        // get /widgets
        withRawResponse().list(params, requestOptions).parse()

    class WithRawResponseImpl internal constructor() {}
}
"""
KT_CREATE = """package com.acme.models.widgets

class WidgetCreateParams private constructor(private val body: Body) {

    class Builder internal constructor() {

        fun name(name: String) = apply { body.name(name) }

        fun name(name: JsonField<String>) = apply { body.name(name) }

        fun color(color: Color) = apply { body.color(color) }

        @Deprecated("deprecated")
        fun size(size: Long) = apply { body.size(size) }

        fun putAdditionalBodyProperty(key: String, value: JsonValue) = apply {}

        fun build(): WidgetCreateParams = WidgetCreateParams(body.build())
    }

    class Body
    private constructor(
        @JsonProperty("name") @ExcludeMissing private val name: JsonField<String>,
        @JsonProperty("color") @ExcludeMissing private val color: JsonField<Color>,
        @JsonProperty("size") @ExcludeMissing private val size: JsonField<Long>,
    ) {
        class Builder internal constructor() {
            fun build(): Body = Body(checkRequired("name", name), color, size)
        }
    }

    class Color @JsonCreator private constructor(private val value: JsonField<String>) : Enum {
    }
}
"""
KT_LIST = """package com.acme.models.widgets

class WidgetListParams private constructor() {

    class Builder internal constructor() {

        fun limit(limit: Long) = limit(limit as Long?)

        fun build(): WidgetListParams = WidgetListParams()
    }

    override fun _queryParams(): QueryParams =
        QueryParams.builder()
            .apply {
                limit?.let { put("limit", it.toString()) }
            }
            .build()
}
"""
KT_PAGE = """package com.acme.models.widgets

class WidgetListPage {
    fun items(): List<Widget> = response._data()
}
"""


def test_the_java_reader_records_setters_types_and_required_fields(tmp_path: Path) -> None:
    jar = tmp_path / "acme-sources.jar"
    with zipfile.ZipFile(jar, "w") as archive:
        for name, text in {
            "com/acme/client/AcmeClient.kt": KT_CLIENT,
            "com/acme/services/blocking/WidgetService.kt": KT_SERVICE,
            "com/acme/services/blocking/WidgetServiceImpl.kt": KT_IMPL,
            "com/acme/models/widgets/WidgetCreateParams.kt": KT_CREATE,
            "com/acme/models/widgets/WidgetListParams.kt": KT_LIST,
            "com/acme/models/widgets/WidgetListPage.kt": KT_PAGE,
        }.items():
            archive.writestr(name, text)
    rows = {r["id"]: r for r in java_stainless.read_package(jar, "com.acme.client.AcmeClient")}
    create = rows["widgets.create"]
    assert (create["call"], create["route"], create["answer"]) == (
        "widgets().create",
        "/widgets",
        "object",
    )
    assert create["params"] == "com.acme.models.widgets.WidgetCreateParams"
    assert create["body"] == {"name": "name", "color": "color", "size": "size"}
    assert create["required"] == ["name"]
    assert create["setters"]["name"] == {"types": ["String"]}  # the JsonField overload left out
    assert create["setters"]["size"] == {"types": ["Long"], "deprecated": ["Long"]}
    assert create["types"]["Color"] == {
        "fqn": "com.acme.models.widgets.WidgetCreateParams.Color",
        "enum": True,
    }
    listing = rows["widgets.list"]
    assert (listing["answer"], listing["query"]) == ("page", {"limit": "limit"})
    assert listing["item"] == "com.acme.models.widgets.Widget"
