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
SDKS = ("python-openai", "node-openai", "python-dashscope")


@pytest.mark.parametrize("name", SDKS)
def test_every_declared_operation_has_its_template(name: str) -> None:
    chosen = variant(name)
    folder = DEFAULT_TEMPLATES / chosen.language / chosen.key
    for operation in chosen.operations:
        assert (folder / f"_{operation}.j2").is_file(), f"{name} declares {operation}"


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
    assert f"python-dashscope declines app-completion: {reason}" in decline_notes(SPECS)


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
