"""``check`` on every core finds exactly what one process finds, and fails the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import SamplegenError
from generator.output import pipeline
from generator.output.parallel import MIN_SPECS, check_parallel, jobs_for

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "specs").glob("[!_]*.yaml"))


def _specs(folder: Path, count: int) -> Path:
    """``count`` specs: the shipped ones again and again, each with its own id."""
    folder.mkdir()
    shutil.copyfile(ROOT / "specs" / "_api.yaml", folder / "_api.yaml")  # what they inherit
    for i in range(count):
        source = SHIPPED[i % len(SHIPPED)]
        text = source.read_text("utf-8")
        old = next(line for line in text.splitlines() if line.startswith("id: "))[4:]
        (folder / f"{old}-{i:02d}.yaml").write_text(
            text.replace(f"\nid: {old}\n", f"\nid: {old}-{i:02d}\n", 1), "utf-8"
        )
    return folder


def _both(specs: Path, out: Path) -> tuple[object, object]:
    templates = pipeline.DEFAULT_TEMPLATES
    one = pipeline.check(specs, out, templates)  # few specs: one process
    many = check_parallel(specs, out, templates, None, None, jobs=2)
    return one, many


def test_a_pool_is_used_only_for_many_specs() -> None:
    assert jobs_for(len(SHIPPED)) == 1
    assert jobs_for(MIN_SPECS * 10) >= 1


def test_parallel_check_finds_the_same_drift(tmp_path: Path) -> None:
    specs, out = _specs(tmp_path / "specs", 8), tmp_path / "out"
    pipeline.generate(specs, out)
    one, many = _both(specs, out)
    assert not one and not many

    files = sorted(p for p in out.rglob("*.py"))
    files[0].write_text(files[0].read_text("utf-8").replace("sys.exit(1)", "sys.exit(3)"), "utf-8")
    files[1].unlink()
    (out / "stray.txt").write_text("not generated\n", "utf-8")
    shutil.rmtree(next(out.glob("regions/*/*/go")))

    one, many = _both(specs, out)
    assert one.changed and one.missing and one.extra  # type: ignore[attr-defined]
    assert many.changed == one.changed  # type: ignore[attr-defined]
    assert many.missing == one.missing  # type: ignore[attr-defined]
    assert many.extra == one.extra  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "breakage",
    [
        ("b-broken.yaml", "id: [unclosed\n"),  # a spec that does not parse
        ("z-duplicate.yaml", None),  # a second spec with an id already used
    ],
)
def test_parallel_check_reports_the_same_first_error(
    tmp_path: Path, breakage: tuple[str, str | None]
) -> None:
    specs, out = _specs(tmp_path / "specs", 6), tmp_path / "out"
    pipeline.generate(specs, out)
    name, text = breakage
    first = sorted(specs.glob("[!_]*.yaml"))[0]
    (specs / name).write_text(text or first.read_text("utf-8"), "utf-8")
    with pytest.raises(SamplegenError) as sequential:
        pipeline.check(specs, out)
    with pytest.raises(SamplegenError) as parallel:
        check_parallel(specs, out, pipeline.DEFAULT_TEMPLATES, None, None, jobs=2)
    assert type(parallel.value) is type(sequential.value)
    assert str(parallel.value) == str(sequential.value)
