"""The Node runtime on small hand-written samples (fetch and the openai package)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.harness.runner import PASSED, HarnessSession, SampleJob
from generator.harness.runtimes.node import NodeRuntime
from generator.render.editions import sample_relpath
from generator.render.registry import variant
from generator.sources import load_specs
from tests.conftest import SPECS

HERE = Path(__file__).resolve().parent / "node_samples"
CHAT = next(e for e in load_specs(SPECS) if e.id == "chat-completions")

pytestmark = pytest.mark.skipif(
    NodeRuntime().missing() is not None, reason=f"Node runtime: {NodeRuntime().missing()}"
)


@pytest.mark.parametrize("key", ["fetch", "openai"])
def test_node_samples_reach_the_mock_through_the_preloaded_proxy_agent(
    tmp_path: Path, key: str
) -> None:
    chosen = variant(f"node-{key}")
    path = tmp_path / sample_relpath(CHAT, chosen)
    path.parent.mkdir(parents=True)
    shutil.copyfile(HERE / f"{key}.mjs", path)
    with HarnessSession() as session:
        results = session.run_sample(SampleJob(CHAT, chosen, path))
    assert [(r.case, r.status, r.message) for r in results] == [
        ("success", PASSED, ""),
        ("invalid-key", PASSED, ""),
    ]
    assert path.read_bytes() == (HERE / f"{key}.mjs").read_bytes()  # run unmodified
