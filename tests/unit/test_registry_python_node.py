"""The Python and Node.js SDK variants: which operations they call (data), that each has its
template, and that what they cannot call is declined with a reason, never a failing render."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.output.pipeline import decline_notes
from generator.render.environment import DEFAULT_TEMPLATES, make_environment
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_specs

SPECS = Path(__file__).resolve().parents[2] / "specs"
ENDPOINTS = {e.id: e for e in load_specs(SPECS)}
TABLE_SDKS = ("python-openai", "node-openai", "java-openai", "python-anthropic")


def test_every_declared_operation_has_its_template() -> None:
    chosen = variant("python-dashscope")
    folder = DEFAULT_TEMPLATES / chosen.language / chosen.key
    assert chosen.operations
    for operation in chosen.operations:
        assert (folder / f"_{operation}.j2").is_file(), f"python-dashscope declares {operation}"


@pytest.mark.parametrize("name", TABLE_SDKS)
def test_table_driven_sdks_list_no_operations_and_have_no_partial_per_operation(name: str) -> None:
    """What a Stainless SDK can call is its derived table; one generic template renders
    every call (the shared partials are the key, the call, its errors and the reply)."""
    chosen = variant(name)
    assert chosen.sdk is not None and not chosen.operations
    folder = DEFAULT_TEMPLATES / chosen.template.rsplit("/", 1)[0]
    partials = sorted(p.name for p in folder.glob("_*.j2"))
    assert set(partials) <= {"_key.j2", "_call.j2", "_catch.j2", "_reply.j2"}, partials


def test_the_anthropic_sdk_is_a_registry_entry_that_shares_the_python_template() -> None:
    chosen = variant("python-anthropic")
    assert chosen.template == variant("python-openai").template
    assert chosen.sdk.table == "anthropic-python"


@pytest.mark.parametrize(
    ("name", "endpoints"),
    [
        (
            "python-openai",
            ["embeddings", "file-upload", "file-list", "file-delete", "function-calling"],
        ),
        ("node-openai", ["embeddings", "file-upload", "file-list", "file-delete"]),
        (
            "python-dashscope",
            ["text-embedding", "text-rerank", "image-synthesis", "task-status"],
        ),
    ],
)
def test_sdk_variants_render_the_new_operations(name: str, endpoints: list[str]) -> None:
    chosen = variant(name)
    env = make_environment()
    for endpoint_id in endpoints:
        endpoint = ENDPOINTS[endpoint_id]
        assert chosen.decline_reason(endpoint) is None, endpoint_id
        assert render_sample(env, endpoint, chosen)


def test_the_python_dashscope_sdk_declines_applications_and_says_why() -> None:
    reason = variant("python-dashscope").decline_reason(ENDPOINTS["app-completion"])
    assert reason == (
        'dashscope.Application.call always sends "model": "" and never the debug object'
    )
    assert f"python-dashscope declines app-completion: {reason}" in decline_notes(
        SPECS, verbose=True
    )


def test_node_has_no_dashscope_sdk_variant_and_the_openai_one_stays_in_its_family() -> None:
    for endpoint_id in ("text-embedding", "image-synthesis", "task-status"):
        reason = variant("node-openai").decline_reason(ENDPOINTS[endpoint_id])
        assert reason == "it calls openai-compatible APIs only"


def test_decline_notes_speak_only_of_the_selected_languages_and_variants() -> None:
    from generator.render.selection import Selection

    python_only = decline_notes(SPECS, selection=Selection(languages=["python"]))
    assert python_only and all(note.startswith("python-") for note in python_only)
    one = decline_notes(SPECS, selection=Selection(variants=["java-dashscope"]))
    assert one and all(note.startswith("java-dashscope declines") for note in one)
    assert decline_notes(SPECS, selection=Selection(variants=["python-requests"])) == []
