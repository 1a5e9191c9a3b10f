"""Merge the JUnit reports of ``verify --shard K/N`` runs into the report of one whole run."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from generator.errors import SamplegenError

SUITE_NAME = "samplegen verify"  # what write_junit names its suite


def read_testcases(path: Path) -> tuple[str, list[ET.Element]]:
    """The suite name and every ``<testcase>`` of one JUnit report, in file order.

    Raises :class:`SamplegenError` (``FILE:LINE: message``) for a file that cannot be read,
    is not XML, or holds no ``<testsuite>``.
    """
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        line = err.position[0] if err.position else None
        raise SamplegenError(f"not XML: {err.msg}", path, line) from None
    except OSError as err:
        raise SamplegenError(f"cannot read the report: {err.strerror}", path) from None
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    if root.tag not in ("testsuite", "testsuites") or not suites:
        raise SamplegenError(f"not a JUnit report: the root element is <{root.tag}>", path)
    return suites[0].get("name", SUITE_NAME), [c for s in suites for c in s.iter("testcase")]


def _key(case: ET.Element) -> tuple[str, str, str]:
    return (case.get("file", ""), case.get("classname", ""), case.get("name", ""))


def merge_reports(inputs: Iterable[Path]) -> ET.ElementTree:
    """One report holding every testcase of ``inputs``, ordered by sample file like
    ``write_junit`` orders an unsharded run (a stable sort: each file's cases keep their
    order); the suite's counts and time are recomputed.

    Raises :class:`SamplegenError` when a testcase appears in two reports (the same shard
    given twice) or when the reports hold no testcase at all.
    """
    inputs = list(inputs)
    name = SUITE_NAME
    cases: list[ET.Element] = []
    seen: dict[tuple[str, str, str], Path] = {}
    for index, path in enumerate(inputs):
        suite_name, found = read_testcases(path)
        if index == 0:
            name = suite_name
        for case in found:
            key = _key(case)
            if key in seen:
                raise SamplegenError(
                    f"testcase {key[2]!r} ({key[0]}) is also in {seen[key]}: "
                    "a shard's report given twice?",
                    path,
                )
            seen[key] = path
            cases.append(case)
    if not cases:
        raise SamplegenError(
            "the reports hold no testcase: nothing to merge", inputs[0] if inputs else None
        )
    cases.sort(key=lambda c: c.get("file", ""))

    def count(tag: str) -> str:
        return str(sum(1 for c in cases if c.find(tag) is not None))

    seconds = 0.0
    for case in cases:
        try:
            seconds += float(case.get("time") or 0)
        except ValueError:
            raise SamplegenError(
                f"testcase {case.get('name')!r} has time={case.get('time')!r}, not a number",
                seen[_key(case)],
            ) from None
    suite = ET.Element(
        "testsuite",
        name=name,
        tests=str(len(cases)),
        failures=count("failure"),
        errors=count("error"),
        skipped=count("skipped"),
        time=f"{seconds:.3f}",
    )
    suite.extend(cases)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return ET.ElementTree(root)


def write_merged(out: Path, inputs: Iterable[Path]) -> int:
    """Merge ``inputs`` into ``out`` (written only when every input is valid); returns the
    number of testcases written."""
    tree = merge_reports(inputs)
    out.parent.mkdir(parents=True, exist_ok=True)
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return len(tree.getroot().findall("testsuite/testcase"))
