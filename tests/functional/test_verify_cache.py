"""verify re-runs only what changed: real ``samplegen generate`` and ``samplegen verify``
processes on a small spec set in a temporary project (curl and PHP, cheap to start).

Which samples really ran is not taken from verify's own report: ``bash`` and ``php`` on
PATH are shims that log every sample run (the work folder, named after the endpoint and
the variant) before running the real interpreter, so a case answered from the cache is
one no process ran for.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.harness.runner import find_jobs, job_cases
from generator.render.selection import Selection
from generator.sources import load_specs
from tests.conftest import SPECS, TEMPLATES

SAMPLEGEN = str(Path(sys.executable).with_name("samplegen"))
ENDPOINTS = ("chat-completions", "embeddings", "text-generation")
VARIANTS = ("curl-curl", "php-curl")
SAMPLE_FILES = ("request.sh", "index.php")  # what the shims log as a sample run

SHIM = """#!{bash}
for arg in "$@"; do last=$arg; done
case "$last" in {files}) echo "$(basename "$PWD")" >> {log};; esac
exec {real} "$@"
"""

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("bash", "curl", "jq", "php")),
    reason="the verify cache test runs curl and PHP samples: bash, curl, jq and php needed",
)


class Project:
    """A samplegen project in a temporary folder, its own result cache, and the shims' log."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.specs = root / "specs"
        self.out = root / "samples"
        self.overrides = root / "overrides"
        self.log = root / "runs.log"
        self.cache = root / "cache"
        self.specs.mkdir(parents=True)
        self.overrides.mkdir()
        shutil.copy(SPECS / "_api.yaml", self.specs)  # what the specs inherit
        for name in ENDPOINTS:
            shutil.copy(SPECS / f"{name}.yaml", self.specs)
        (root / "samplegen.toml").write_text(
            'specs = "specs"\noutput = "samples"\ntemplate_overrides = "overrides"\n'
            f"variants = {list(VARIANTS)!r}\nregions = []\nlocales = []\n".replace("'", '"')
        )
        shims = root / "bin"
        shims.mkdir()
        bash = shutil.which("bash")
        for tool in ("bash", "php"):
            shim = shims / tool
            shim.write_text(
                SHIM.format(
                    bash=bash, files="|".join(SAMPLE_FILES), log=self.log, real=shutil.which(tool)
                )
            )
            shim.chmod(0o755)
        # curl and PHP install nothing: a fresh cache folder holds only the results.
        self.env = {**os.environ, "PATH": f"{shims}:{os.environ['PATH']}"}
        self.env["SAMPLEGEN_CACHE"] = str(self.cache)
        self.env.pop("SAMPLEGEN_CONFIG", None)

    def samplegen(self, *args: str, expect: int = 0) -> str:
        done = subprocess.run(
            [SAMPLEGEN, *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == expect, done.stdout + done.stderr
        return done.stdout

    def verify(self, *args: str, expect: int = 0) -> tuple[str, Counter[str]]:
        """Run ``samplegen verify``; its output and the sample runs (``endpoint variant``
        -> how many cases ran) the shims saw."""
        self.log.unlink(missing_ok=True)
        junit = self.root / "verify.xml"
        output = self.samplegen(
            "verify", "--lang", "curl", "--lang", "php", "--junit", str(junit), *args,
            expect=expect,
        )  # fmt: skip
        runs = self.log.read_text().split() if self.log.exists() else []
        ran: Counter[str] = Counter()
        for folder in runs:
            for endpoint in ENDPOINTS:
                for variant in VARIANTS:
                    if re.fullmatch(rf"\d+-{endpoint}-{variant}", folder):
                        ran[f"{endpoint} {variant}"] += 1
        assert sum(ran.values()) == len(runs), runs
        return output, ran

    def cases(self) -> dict[str, int]:
        """``endpoint variant`` -> how many cases verify runs for it."""
        jobs = find_jobs(self.out, load_specs(self.specs), ["curl", "php"], "intl", "en")
        jobs = [
            j for j in jobs if Selection(variants=VARIANTS).keeps_job(j.endpoint, j.variant, "")
        ]
        return {f"{j.endpoint.id} {j.variant.name}": len(job_cases(j)) for j in jobs}

    def junit_cached(self) -> dict[str, bool]:
        """Each JUnit testcase (``classname name``) -> whether it says it came from the cache."""
        root = ET.parse(self.root / "verify.xml").getroot()
        out = {}
        for case in root.iter("testcase"):
            prop = case.find("properties/property[@name='cached']")
            out[f"{case.get('classname')} {case.get('name')}"] = prop is not None
            if prop is not None:
                assert prop.get("value") == "true"
                assert "earlier run" in (case.findtext("system-out") or "")
                assert case.find("failure") is None and case.find("skipped") is None
        return out


def summary(output: str) -> str:
    return output.splitlines()[-1]


def table_rows(output: str) -> dict[str, str]:
    """``endpoint variant`` -> the row's result column in verify's table."""
    rows = {}
    for line in output.splitlines():
        cells = line.split()
        if len(cells) > 4 and cells[0] in ("curl", "php") and cells[2] in ENDPOINTS:
            rows[f"{cells[2]} {cells[0]}-{cells[1]}"] = cells[3]
    return rows


@pytest.fixture
def project(tmp_path: Path) -> Project:
    proj = Project(tmp_path / "site")
    proj.samplegen("generate")
    return proj


def test_an_unchanged_tree_runs_nothing_the_second_time(project: Project) -> None:
    cases = project.cases()
    total = sum(cases.values())
    assert len(cases) == len(ENDPOINTS) * len(VARIANTS) and total > 2 * len(cases)

    first, ran = project.verify()
    assert ran == cases  # every case of every sample ran once
    assert summary(first) == f"verify: {total} passed, 0 failed, 0 skipped"
    assert not any(project.junit_cached().values())

    second, ran = project.verify()
    assert ran == {}  # no sample process started
    assert summary(second) == f"verify: {total} passed, 0 failed, 0 skipped ({total} cached)"
    assert re.match(r"^verify: [1-9][0-9]* passed, 0 failed", summary(second))  # .ci/run's check
    assert set(table_rows(second).values()) == {"cached"}
    assert all(project.junit_cached().values()) and len(project.junit_cached()) == total

    forced, ran = project.verify("--no-cache")
    assert ran == cases
    assert summary(forced) == f"verify: {total} passed, 0 failed, 0 skipped"


def test_a_changed_spec_reruns_exactly_that_specs_cases(project: Project) -> None:
    cases = project.cases()
    project.verify()
    # The mock's answer changes, the samples do not: the endpoint itself is in the key.
    spec = project.specs / "embeddings.yaml"
    text = spec.read_text()
    assert 'message: "<400> InternalError.Algo.InvalidParameter: Invalid request body."' in text
    spec.write_text(text.replace("Invalid request body.", "The request body is wrong."))
    assert "0 written" in project.samplegen("generate")
    output, ran = project.verify()
    assert ran == {name: n for name, n in cases.items() if name.startswith("embeddings ")}
    rows = table_rows(output)
    assert {rows[name] for name in cases if name.startswith("embeddings ")} == {"passed"}
    assert {rows[name] for name in cases if not name.startswith("embeddings ")} == {"cached"}

    # A request change reaches the samples too: again exactly that spec's cases.
    spec = project.specs / "text-generation.yaml"
    text = spec.read_text()
    assert "content: Who are you?" in text
    spec.write_text(text.replace("content: Who are you?", "content: Who are you, really?"))
    assert "2 written" in project.samplegen("generate")
    _, ran = project.verify()
    assert ran == {name: n for name, n in cases.items() if name.startswith("text-generation ")}


def test_a_reformatted_spec_with_the_same_meaning_keeps_its_cache(project: Project) -> None:
    project.verify()
    spec = project.specs / "chat-completions.yaml"
    data = yaml.safe_load(spec.read_text())
    data = dict(reversed(data.items()))  # top-level keys in another order
    spec.write_text(
        "# The same endpoint, written another way.\n\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=True)
    )
    assert "0 written" in project.samplegen("generate")
    output, ran = project.verify()
    assert ran == {}
    assert set(table_rows(output).values()) == {"cached"}


def test_a_changed_template_reruns_exactly_that_variants_cases(project: Project) -> None:
    cases = project.cases()
    project.verify()
    template = project.overrides / "curl" / "curl" / "request.sh.j2"
    template.parent.mkdir(parents=True)
    template.write_text(
        "# A site's own note.\n" + (TEMPLATES / "curl/curl/request.sh.j2").read_text()
    )
    assert f"{len(ENDPOINTS)} written" in project.samplegen("generate")
    output, ran = project.verify()
    assert ran == {name: n for name, n in cases.items() if name.endswith(" curl-curl")}
    rows = table_rows(output)
    assert {rows[name] for name in cases if name.endswith(" php-curl")} == {"cached"}
    assert {rows[name] for name in cases if name.endswith(" curl-curl")} == {"passed"}


def test_a_failed_case_is_never_answered_from_the_cache(project: Project) -> None:
    cases = project.cases()
    project.verify()
    # The text-generation curl sample exits 0 on an error: its invalid-key case fails
    # (the other cases of that sample pass, but the flavour as a whole is not remembered).
    sample = project.out / "text-generation" / "curl" / "curl" / "request.sh"
    good = sample.read_bytes()
    assert b"exit 1" in good
    sample.write_bytes(good.replace(b"exit 1", b"exit 0"))
    broken = "text-generation curl-curl"
    for _ in range(2):
        output, ran = project.verify(expect=1)
        assert ran[broken] == cases[broken]  # every case of the broken sample ran, each time
        assert "FAILED text-generation/curl/curl::invalid-key" in output
        assert table_rows(output)[broken] == "failed"
    assert sum(ran.values()) == cases[broken]  # the others came from the cache
    cached = project.junit_cached()
    assert not any(
        v for k, v in cached.items() if k.startswith("samples.curl.curl text-generation")
    )

    # Generated again, the sample is the one that passed before it was broken: that pass
    # (same bytes, same endpoint, same runtime) is still valid and answers.
    sample.write_bytes(good)
    _, ran = project.verify()
    assert ran == {}


def test_the_results_live_in_the_cache_folder(project: Project) -> None:
    project.verify()
    database = project.cache / "verify" / "results.sqlite3"
    assert database.is_file()
    db = sqlite3.connect(database)
    (count,) = db.execute("SELECT count(*) FROM results").fetchone()
    db.close()
    assert count == len(project.cases())  # one entry per sample flavour that passed
    assert not list(database.parent.glob("results.sqlite3-*"))  # no journal left behind


def test_cached_shard_reports_merge_into_the_cached_whole_report(project: Project) -> None:
    project.verify()
    _, ran = project.verify()
    assert ran == {}
    whole_report = (project.root / "verify.xml").read_bytes()
    parts = []
    for k in (1, 2):  # (of the six samples, three shards would leave one empty)
        output, ran = project.verify("--shard", f"{k}/2")
        assert ran == {} and "cached" in summary(output)
        parts.append(project.root / f"shard-{k}.xml")
        parts[-1].write_bytes((project.root / "verify.xml").read_bytes())
    (project.root / "whole.xml").write_bytes(whole_report)
    merged = project.root / "merged.xml"
    project.samplegen("junit-merge", str(merged), *map(str, parts))
    assert without_times(merged) == without_times(project.root / "whole.xml")
    cases = ET.parse(merged).getroot().findall("testsuite/testcase")
    assert cases and all(c.find("properties/property[@name='cached']") is not None for c in cases)


def without_times(path: Path) -> bytes:
    """The report with every ``time`` attribute removed: what must agree across runs."""
    root = ET.parse(path).getroot()
    for element in root.iter():
        element.attrib.pop("time", None)
    return ET.tostring(root)
