"""verify --shard K/N: the shards split the samples by path, each once; merged JUnit is whole."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.harness.runner import find_jobs
from generator.harness.verify import select_shard, shard_of
from generator.render.editions import sample_relpath
from generator.sources import load_specs
from tests.conftest import OUTPUT, SPECS, copy_specs

ENDPOINTS = load_specs(SPECS)
ALL_JOBS = find_jobs(OUTPUT, ENDPOINTS)  # every sample of the matrix: languages x editions


def relpath(job) -> str:
    return sample_relpath(job.endpoint, job.variant, job.prefix)


def test_three_shards_run_every_sample_of_the_matrix_exactly_once_in_order() -> None:
    shards = [select_shard(ALL_JOBS, (k, 3)) for k in (1, 2, 3)]
    ran = [relpath(job) for shard in shards for job in shard]
    assert sorted(ran) == sorted(relpath(job) for job in ALL_JOBS)
    assert len(ran) == len(set(ran)) == len(ALL_JOBS)
    assert all(shards), "every shard runs some samples"
    position = {relpath(job): n for n, job in enumerate(ALL_JOBS)}
    for shard in shards:  # each shard keeps the unsharded order
        assert [position[relpath(j)] for j in shard] == sorted(position[relpath(j)] for j in shard)


@settings(deadline=None)  # file and hash work: slow on a busy machine
@given(st.integers(min_value=1, max_value=12))
def test_any_shard_count_partitions_the_samples(count: int) -> None:
    seen: list[str] = []
    for k in range(1, count + 1):
        seen += [relpath(job) for job in select_shard(ALL_JOBS, (k, count))]
    assert sorted(seen) == sorted(relpath(job) for job in ALL_JOBS)


@settings(deadline=None)  # file and hash work: slow on a busy machine
@given(st.sets(st.integers(min_value=0, max_value=len(ALL_JOBS) - 1)), st.integers(2, 9))
def test_adding_or_removing_samples_moves_no_other_sample(removed: set[int], count: int) -> None:
    fewer = [job for n, job in enumerate(ALL_JOBS) if n not in removed]
    for k in range(1, count + 1):
        whole = {relpath(job) for job in select_shard(ALL_JOBS, (k, count))}
        part = {relpath(job) for job in select_shard(fewer, (k, count))}
        assert part == whole & {relpath(job) for job in fewer}


def test_the_split_depends_on_the_sample_path_only() -> None:
    job = next(j for j in ALL_JOBS if j.prefix.startswith("regions/"))
    elsewhere = find_jobs(Path("/somewhere/else"), [job.endpoint], [job.variant.language])
    twin = next(j for j in elsewhere if relpath(j) == relpath(job))
    assert shard_of(twin, 7) == shard_of(job, 7)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0/3", "error: --shard 0/3: K must be between 1 and N (3)"),
        ("4/3", "error: --shard 4/3: K must be between 1 and N (3)"),
        ("1/0", "error: --shard 1/0: N must be at least 1"),
        ("x/y", "error: --shard x/y: expected K/N, for example --shard 1/3"),
        ("1/3/5", "error: --shard 1/3/5: expected K/N, for example --shard 1/3"),
        ("-1/3", "error: --shard -1/3: expected K/N, for example --shard 1/3"),
    ],
)
def test_a_bad_shard_is_exit_2_with_one_clear_line(value: str, message: str) -> None:
    result = CliRunner().invoke(main, ["verify", "--shard", value, "--lang", "curl"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [message]


def test_a_shard_that_selects_nothing_is_an_error_not_a_pass(tmp_path: Path) -> None:
    one = [e for e in ENDPOINTS if e.id == "chat-completions"]
    (job,) = find_jobs(OUTPUT, one, ["curl"], region="intl", locale="en")
    empty = next(k for k in range(1, 4) if shard_of(job, 3) != k)
    specs = copy_specs(tmp_path / "specs", "chat-completions.yaml")
    options = ["--specs", str(specs), "--lang", "curl", "--region", "intl", "--locale", "en"]
    result = CliRunner().invoke(main, ["verify", *options, "--shard", f"{empty}/3"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"error: --shard {empty}/3 selects none of the 1 samples (use fewer shards)"
    )


def without_times(path: Path) -> bytes:
    """The report with every ``time`` attribute removed: what must agree across runs."""
    root = ET.parse(path).getroot()
    for element in root.iter():
        element.attrib.pop("time", None)
    return ET.tostring(root)


def test_merged_shard_reports_equal_the_unsharded_report_up_to_timings(tmp_path: Path) -> None:
    options = ["--lang", "python", "--lang", "curl", "--region", "intl", "--locale", "en"]
    options.append("--no-cache")  # every run really runs (cached reports: test_verify_cache)
    runner = CliRunner()
    whole = tmp_path / "whole.xml"
    result = runner.invoke(main, ["verify", *options, "--junit", str(whole)])
    assert result.exit_code == 0, result.output
    parts = []
    for k in (1, 2, 3):
        parts.append(tmp_path / f"shard-{k}.xml")
        result = runner.invoke(
            main, ["verify", *options, "--shard", f"{k}/3", "--junit", parts[-1]]
        )
        assert result.exit_code == 0, result.output
    merged = tmp_path / "merged.xml"
    result = runner.invoke(main, ["junit-merge", str(merged), *map(str, parts)])
    assert result.exit_code == 0, result.output
    cases = ET.parse(whole).getroot().findall("testsuite/testcase")
    assert len(cases) > 20  # python's three variants and curl, both paths each
    assert result.output.splitlines() == [
        f"junit-merge: {len(cases)} testcases from 3 reports -> {merged}"
    ]
    shard_sizes = [len(ET.parse(p).getroot().findall("testsuite/testcase")) for p in parts]
    assert all(shard_sizes) and sum(shard_sizes) == len(cases)
    assert without_times(merged) == without_times(whole)
