"""The SDK operation tables: derived from the pinned SDKs (a pin change without ``make
sdk-tables`` fails here), and how an endpoint finds its call in them (method and route
under the SDK's base path; an explicit ``operation:`` naming a call wins)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.render.registry import variant
from generator.render.sdk_calls import decline, plan
from generator.sdk.catalog import SOURCES
from generator.sdk.derive.build import derive, dumps
from generator.sdk.tables import TABLES_DIR, canonical, find_call, table
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
SPECS = {e.id: e for e in load_specs(ROOT / "specs")}
CACHE = Path(os.environ.get("SAMPLEGEN_CACHE") or ROOT / ".cache")
_CLIENTS = {"pypi": None, "npm": "npm", "maven": "mvn"}


@pytest.mark.parametrize("sdk", SOURCES, ids=lambda s: s.name)
def test_each_table_is_derived_from_the_pinned_version(sdk) -> None:
    data = json.loads((TABLES_DIR / f"{sdk.name}.json").read_text("utf-8"))
    assert (data["package"], data["version"]) == (sdk.package, sdk.version), (
        f"generator/sdk/pins.py pins {sdk.package} {sdk.version}, the table was derived from "
        f"{data['version']}: run make sdk-tables"
    )


@pytest.mark.parametrize("sdk", SOURCES, ids=lambda s: s.name)
def test_the_committed_table_is_what_the_pinned_package_says(sdk) -> None:
    """Re-derive the table from the pinned package (fetched once into the dependency
    cache with the registry's own client) and compare it with the committed one."""
    tool = _CLIENTS[sdk.registry]
    if tool and shutil.which(tool) is None:
        pytest.skip(f"{tool} is not on PATH: cannot fetch {sdk.package} to re-derive its table")
    fresh = dumps(derive(sdk, CACHE))
    committed = (TABLES_DIR / f"{sdk.name}.json").read_text("utf-8")
    assert fresh == committed, f"{sdk.name}.json is stale: run make sdk-tables"


def test_the_tables_name_the_calls_the_sdks_document() -> None:
    """Spot checks, against what each SDK's README shows."""
    python = table("openai-python").by_id
    assert python["batches.create"]["route"] == "/batches"
    assert python["batches.create"]["method"] == "POST"
    assert python["files.list"]["answer"] == "page"
    assert python["audio.speech.create"]["answer"] == "binary"
    assert python["files.create"]["files"] == ["file"]
    assert python["chat.completions.create"]["stream"] == "param"
    assert python["files.delete"]["path"] == ["file_id"]
    node = table("openai-node").by_id
    assert node["vector_stores.files.retrieve"]["call"] == "vectorStores.files.retrieve"
    assert node["vector_stores.files.retrieve"]["path"] == ["params.vector_store_id", "fileID"]
    java = table("openai-java").by_id
    assert java["chat.completions.create"]["stream_call"] == "createStreaming"
    assert java["files.list"]["item"] == "com.openai.models.files.FileObject"
    assert java["batches.create"]["setters"]["inputFileId"]["types"] == ["String"]
    anthropic = table("anthropic-python").by_id
    assert anthropic["messages.create"]["route"] == "/v1/messages"
    assert anthropic["models.list"]["answer"] == "page"


def test_routes_are_matched_by_method_and_route_under_the_sdk_base_path() -> None:
    files = table("openai-python")
    row, _ = find_call(files, SPECS["file-delete"])
    assert row["id"] == "files.delete"
    row, _ = find_call(files, replace(SPECS["file-list"], operation=""))
    assert row["id"] == "files.list"  # no operation: the route decides
    outside = replace(SPECS["file-list"], path="/elsewhere/files", operation="")
    assert find_call(files, outside) == (
        None,
        "its path is not under the SDK's base path /compatible-mode/v1",
    )
    assert canonical("/files/{file_id}/content") == "/files/{}/content"


def test_an_explicit_operation_naming_a_call_wins_and_a_wrong_method_is_refused() -> None:
    files = table("openai-python")
    named = replace(SPECS["file-list"], operation="files.list")
    assert find_call(files, named)[0]["id"] == "files.list"
    wrong = replace(SPECS["file-list"], method="POST", operation="files.list")
    assert find_call(files, wrong) == (
        None,
        "operation files.list is GET /files, not POST /files",
    )
    # The SDK sends the call to its own route: a spec at another path cannot be that call.
    elsewhere = replace(
        SPECS["file-list"], path="/compatible-mode/v1/other", operation="files.list"
    )
    assert find_call(files, elsewhere) == (
        None,
        "operation files.list is GET /files, not GET /other",
    )


def test_a_route_the_sdk_lacks_is_declined_with_the_sdk_and_its_version() -> None:
    unknown = replace(SPECS["file-list"], path="/compatible-mode/v1/nothing", operation="")
    reason = variant("python-openai").decline_reason(unknown)
    assert reason == f"openai {table('openai-python').version} has no call for GET /nothing"


def test_shapes_a_call_cannot_give_are_declined_with_the_call() -> None:
    listing = SPECS["file-list"]
    streamed = replace(listing, response_format="openai-sse")
    assert decline("openai-python", streamed) == "files.list does not stream its answer"
    binary = replace(listing, response_format="binary")
    assert decline("openai-python", binary) == "files.list answers page, not a file to save"
    upload = SPECS["file-upload"]
    no_purpose = replace(upload, request_example={})
    assert decline("openai-python", no_purpose) == (
        "files.create needs purpose, which this request does not send"
    )


def test_values_no_argument_takes_go_through_the_escape_hatch() -> None:
    row = table("openai-python").by_id["chat.completions.create"]
    params = SPECS["chat-completions-params"]
    the_plan = plan(row, params)
    assert "enable_thinking" in the_plan.extra_body  # a DashScope extension
    assert "temperature" not in the_plan.extra_body  # a keyword argument of create()


@pytest.mark.parametrize("sdk", ["openai-python", "openai-node", "openai-java"])
def test_an_api_default_the_sdk_would_replace_is_passed_explicitly(sdk: str) -> None:
    """The OpenAI SDKs ask for base64 embeddings when encoding_format is left out: a request
    that leaves it to the API's default gives that default instead."""
    embeddings = SPECS["embeddings"]
    example = {k: v for k, v in embeddings.request_example.items() if k != "encoding_format"}
    left_out = replace(embeddings, request_example=example, request_defaults={})
    row = table(sdk).by_id["embeddings.create"]
    assert {a.key for a in plan(row, left_out).body} == set(example)
    assert decline(sdk, left_out) == (
        f"{row['call']} sends encoding_format 'base64' when the request leaves it out, and "
        "this request neither sends encoding_format nor says the API's default "
        "(request.defaults)"
    )
    defaulted = replace(left_out, request_defaults={"encoding_format": "float"})
    assert decline(sdk, defaulted) is None
    added = [a for a in plan(row, defaulted).body if a.key == "encoding_format"]
    assert [a.value for a in added] == ["float"]  # Node.js: a member of the params object
    assert decline(sdk, embeddings) is None  # it sends encoding_format itself
