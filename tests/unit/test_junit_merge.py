"""samplegen junit-merge: shard reports become one report, ordered and counted like one run."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.errors import SamplegenError
from generator.harness.junit_merge import merge_reports

# (file, case name, outcome) in the order one unsharded run writes them (sorted by file).
WHOLE = [
    ("out/chat/csharp/httpclient/Program.cs", "chat[mono] success", "passed"),
    ("out/chat/csharp/httpclient/Program.cs", "chat[mono] invalid-key", "passed"),
    ("out/chat/csharp/httpclient/Program.cs", "chat[dotnet] success", "skipped"),
    ("out/chat/csharp/httpclient/Program.cs", "chat[dotnet] invalid-key", "skipped"),
    ("out/chat/curl/curl/chat.sh", "chat success", "passed"),
    ("out/chat/curl/curl/chat.sh", "chat invalid-key", "failure"),
    ("out/regions/cn/chat/go/nethttp/main.go", "chat success", "passed"),
    ("out/regions/cn/chat/go/nethttp/main.go", "chat invalid-key", "passed"),
]


def report(path: Path, cases: list[tuple[str, str, str]], time: str = "1.500") -> Path:
    """A report as ``write_junit`` writes it, holding ``cases``."""
    suite = ET.Element("testsuite", name="samplegen verify", tests=str(len(cases)))
    for file, name, outcome in cases:
        case = ET.SubElement(suite, "testcase", classname="samples.x", name=name, file=file)
        case.set("time", time)
        if outcome == "failure":
            ET.SubElement(case, "failure", message="boom").text = "boom\n  details"
        elif outcome == "skipped":
            ET.SubElement(case, "skipped", message="no dotnet")
    root = ET.Element("testsuites")
    root.append(suite)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def cases_of(tree: ET.ElementTree) -> list[tuple[str, str, str]]:
    out = []
    for case in tree.getroot().iter("testcase"):
        children = [child.tag for child in case]
        out.append((case.get("file"), case.get("name"), children[0] if children else "passed"))
    return out


def by_file(cases, files: set[str]) -> list[tuple[str, str, str]]:
    return [c for c in cases if c[0] in files]


@settings(deadline=None)  # file and hash work: slow on a busy machine
@given(assign=st.lists(st.integers(0, 2), min_size=3, max_size=3), rnd=st.randoms())
def test_shards_in_any_order_merge_into_the_whole_report(assign, rnd, tmp_path_factory) -> None:
    files = sorted({c[0] for c in WHOLE})
    shards: list[set[str]] = [set(), set(), set()]
    for file, shard in zip(files, assign, strict=True):
        shards[shard].add(file)
    folder = tmp_path_factory.mktemp("shards")
    paths = [report(folder / f"{n}.xml", by_file(WHOLE, s)) for n, s in enumerate(shards)]
    rnd.shuffle(paths)
    merged = merge_reports(paths)
    assert cases_of(merged) == WHOLE
    suite = merged.getroot().find("testsuite")
    assert suite is not None
    assert dict(suite.attrib) == {
        "name": "samplegen verify",
        "tests": "8",
        "failures": "1",
        "errors": "0",
        "skipped": "2",
        "time": "12.000",
    }


def test_the_command_writes_the_merged_report_and_says_how_many_cases(tmp_path: Path) -> None:
    first = report(tmp_path / "1.xml", WHOLE[:4])
    second = report(tmp_path / "2.xml", WHOLE[4:])
    out = tmp_path / "reports" / "verify.xml"
    result = CliRunner().invoke(main, ["junit-merge", str(out), str(second), str(first)])
    assert result.exit_code == 0, result.output
    assert result.output == f"junit-merge: 8 testcases from 2 reports -> {out}\n"
    assert cases_of(ET.parse(out)) == WHOLE


def test_a_report_given_twice_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    first = report(tmp_path / "1.xml", WHOLE[4:6])
    out = tmp_path / "merged.xml"
    result = CliRunner().invoke(main, ["junit-merge", str(out), str(first), str(first)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: {first}: testcase 'chat success' (out/chat/curl/curl/chat.sh) is also in "
        f"{first}: a shard's report given twice?"
    ]
    assert not out.exists()


def test_a_file_that_is_not_xml_is_named_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<testsuites>\n<testsuite>\n</testsuites>\n")
    result = CliRunner().invoke(main, ["junit-merge", str(tmp_path / "m.xml"), str(broken)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: {broken}:3: not XML: mismatched tag: line 3, column 2"
    ]


def test_xml_that_is_not_junit_is_an_error(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<coverage/>")
    with pytest.raises(SamplegenError) as caught:
        merge_reports([other])
    assert str(caught.value) == f"{other}: not a JUnit report: the root element is <coverage>"


def test_reports_without_testcases_are_an_error_not_an_empty_pass(tmp_path: Path) -> None:
    empty = report(tmp_path / "empty.xml", [])
    with pytest.raises(SamplegenError) as caught:
        merge_reports([empty, empty])
    assert str(caught.value) == f"{empty}: the reports hold no testcase: nothing to merge"


def test_a_testcase_time_that_is_not_a_number_is_an_error(tmp_path: Path) -> None:
    bad = report(tmp_path / "bad.xml", WHOLE[:1], time="soon")
    with pytest.raises(SamplegenError) as caught:
        merge_reports([bad])
    message = "testcase 'chat[mono] success' has time='soon', not a number"
    assert str(caught.value) == f"{bad}: {message}"


def test_a_missing_input_is_refused_by_the_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["junit-merge", str(tmp_path / "m.xml")])
    assert result.exit_code == 2
    assert "Missing argument 'INPUTS...'" in result.output
