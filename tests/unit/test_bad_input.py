"""Bad-input survey: every malformed spec or template fails cleanly through the real CLI.

Each row runs ``python -m generator generate`` as a subprocess against a folder that a
previous, successful ``generate`` filled, and asserts: exit 2, nothing on stdout, exactly
one stderr line ``error: <file>:<line>: <message>`` (``error: <file>: <message>`` where no
line exists) naming the exact file and line, no traceback, and an output folder left
byte-for-byte (and timestamp-for-timestamp) as it was.

Rows the core does not meet yet are ``xfail(strict=True)`` with the current behaviour in
the reason, so fixing the core turns them into XPASS failures until the mark is removed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.render.registry import VARIANTS

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "bad"
SHIPPED_SPECS = ROOT / "specs"
BROKEN_TEMPLATE = "python/requests/main.py.j2"  # a finished template every spec renders with
TRIVIAL_TEMPLATE = "{{ endpoint.id }} {{ method }} {{ url }}\n"

Setup = Callable[[Path], None]  # receives the case folder holding specs/, templates/, out/


@dataclass(frozen=True)
class Case:
    """One malformed input and the exact error it must produce."""

    name: str
    setup: Setup
    file: str  # the file the error must name, relative to the case folder
    line: int | None  # None: the error has no line (and must not invent one)
    message: str  # a substring the message must contain
    xfail: str | None = None  # what the core does today, when it falls short


def fixture(*names: str) -> Setup:
    """Copy fixture spec files from tests/fixtures/bad/ into the case's specs folder."""

    def setup(case_dir: Path) -> None:
        for name in names:
            shutil.copy(FIXTURES / name, case_dir / "specs" / name)

    return setup


def write_spec(name: str, data: bytes) -> Setup:
    """Write a generated (binary, huge, ...) spec file into the case's specs folder."""

    def setup(case_dir: Path) -> None:
        (case_dir / "specs" / name).write_bytes(data)

    return setup


def valid_plus(extra: Callable[[Path], None]) -> Setup:
    """A valid spec plus something odd placed in the specs folder by ``extra``."""

    def setup(case_dir: Path) -> None:
        shutil.copy(FIXTURES / "_valid.yaml", case_dir / "specs" / "valid.yaml")
        extra(case_dir / "specs")

    return setup


def remove_specs_folder(case_dir: Path) -> None:
    """The --specs folder does not exist."""
    (case_dir / "specs").rmdir()


def empty_specs_folder(case_dir: Path) -> None:
    """The --specs folder exists but holds no spec."""


def break_template(text: str | None = None, data: bytes | None = None) -> Setup:
    """Use the shipped specs and put ``text`` on line 2 of the broken template.

    With ``data``, the template's whole content is replaced; with neither, it is deleted.
    """

    def setup(case_dir: Path) -> None:
        for spec in SHIPPED_SPECS.glob("*.yaml"):
            shutil.copy(spec, case_dir / "specs" / spec.name)
        target = case_dir / "templates" / BROKEN_TEMPLATE
        if text is not None:
            lines = target.read_text("utf-8").splitlines(keepends=True)
            target.write_text("".join([lines[0], text + "\n", *lines[1:]]), "utf-8")
        elif data is not None:
            target.write_bytes(data)
        else:
            target.unlink()

    return setup


def _huge_spec() -> bytes:
    valid = (FIXTURES / "_valid.yaml").read_bytes()
    return valid + b"# " + b"x" * 1_100_000 + b"\n"


def _deep_spec() -> bytes:
    valid = (FIXTURES / "_valid.yaml").read_bytes()
    return valid.replace(b"temperature: 0.7", b"temperature: " + b"[" * 2000 + b"]" * 2000)


TPL = f"templates/{BROKEN_TEMPLATE}"

CASES: list[Case] = [
    # --- YAML syntax -------------------------------------------------------------------
    Case(
        "yaml-unclosed-flow",
        fixture("yaml-unclosed-flow.yaml"),
        "specs/yaml-unclosed-flow.yaml",
        26,
        "YAML syntax error: while parsing a flow sequence",
    ),
    Case(
        "yaml-bad-indent",
        fixture("yaml-bad-indent.yaml"),
        "specs/yaml-bad-indent.yaml",
        12,
        "YAML syntax error: mapping values are not allowed",
    ),
    Case(
        "yaml-tab-indent",
        fixture("yaml-tab-indent.yaml"),
        "specs/yaml-tab-indent.yaml",
        13,
        "tab character",
    ),
    Case(
        "yaml-two-documents",
        fixture("yaml-two-documents.yaml"),
        "specs/yaml-two-documents.yaml",
        40,
        "expected a single document",
    ),
    Case(
        "duplicate-key",
        fixture("duplicate-key.yaml"),
        "specs/duplicate-key.yaml",
        8,
        'duplicate key "title"',
    ),
    Case(
        "non-string-key",
        fixture("non-string-key.yaml"),
        "specs/non-string-key.yaml",
        16,
        "mapping keys must be texts, not 404 (quote it)",
    ),
    Case(
        "alias-bomb",
        fixture("alias-bomb.yaml"),
        "specs/alias-bomb.yaml",
        41,
        "YAML anchors (&name) are not allowed",
    ),
    Case(
        "anchor-alias",
        fixture("anchor-alias.yaml"),
        "specs/anchor-alias.yaml",
        11,
        "YAML anchors (&name) are not allowed",
    ),
    Case(
        "nan-value",
        fixture("nan-value.yaml"),
        "specs/nan-value.yaml",
        19,
        "NaN and infinity are not JSON values",
    ),
    Case(
        "inf-value",
        fixture("inf-value.yaml"),
        "specs/inf-value.yaml",
        19,
        "NaN and infinity are not JSON values",
    ),
    Case(
        "date-value",
        fixture("date-value.yaml"),
        "specs/date-value.yaml",
        20,
        "date values are not JSON",
    ),
    Case(
        "python-tag",
        fixture("python-tag.yaml"),
        "specs/python-tag.yaml",
        22,
        "tag",
    ),
    Case(
        "deep-nesting",
        write_spec("deep.yaml", _deep_spec()),
        "specs/deep.yaml",
        19,
        "nested",
    ),
    # --- file level ----------------------------------------------------------------------
    Case("empty-file", fixture("empty.yaml"), "specs/empty.yaml", 1, "the file is empty"),
    Case(
        "comment-only",
        fixture("comment-only.yaml"),
        "specs/comment-only.yaml",
        1,
        "the file is empty",
    ),
    Case(
        "top-level-list",
        fixture("top-level-list.yaml"),
        "specs/top-level-list.yaml",
        1,
        "a spec must be a YAML mapping at the top level",
    ),
    Case(
        "top-level-scalar",
        fixture("top-level-scalar.yaml"),
        "specs/top-level-scalar.yaml",
        1,
        "a spec must be a YAML mapping at the top level",
    ),
    Case(
        "binary-file",
        write_spec("binary.yaml", b"id: x\n\x00\x01\x02\xff binary\n"),
        "specs/binary.yaml",
        None,
        "the file is binary",
    ),
    Case(
        "invalid-utf8",
        write_spec("latin1.yaml", b"id: x\ntitle: ok\ndescription: caf\xe9\n"),
        "specs/latin1.yaml",
        3,
        "the file is not valid UTF-8",
    ),
    Case(
        "huge-file",
        write_spec("huge.yaml", _huge_spec()),
        "specs/huge.yaml",
        None,
        "the file is larger than 1000000 bytes",
    ),
    Case(
        "directory-named-yaml",
        valid_plus(lambda specs: (specs / "x.yaml").mkdir()),
        "specs/x.yaml",
        None,
        "cannot read",
    ),
    Case(
        "dangling-symlink",
        valid_plus(lambda specs: (specs / "gone.yaml").symlink_to(specs / "missing-target")),
        "specs/gone.yaml",
        None,
        "cannot read",
    ),
    Case(
        "duplicate-id",
        fixture("duplicate-id-a.yaml", "duplicate-id-b.yaml"),
        "specs/duplicate-id-b.yaml",
        2,
        "duplicate endpoint id bad-case",
    ),
    Case("no-specs-folder", remove_specs_folder, "specs", None, "the specs folder does not exist"),
    Case("empty-specs-folder", empty_specs_folder, "specs", None, "no spec files"),
    # --- schema: types, keys, required fields ---------------------------------------------
    Case(
        "wrong-type-method",
        fixture("wrong-type-method.yaml"),
        "specs/wrong-type-method.yaml",
        8,
        "method: 42 is not a text",
    ),
    Case(
        "wrong-type-status",
        fixture("wrong-type-status.yaml"),
        "specs/wrong-type-status.yaml",
        31,
        'response.status: "200" is not a whole number',
    ),
    Case(
        "wrong-type-regions",
        fixture("wrong-type-regions.yaml"),
        "specs/wrong-type-regions.yaml",
        5,
        "is not a mapping",
    ),
    Case(
        "unknown-key-misspelt",
        fixture("unknown-key-misspelt.yaml"),
        "specs/unknown-key-misspelt.yaml",
        14,
        'unknown key "heders"',
    ),
    Case(
        "unknown-nested-key",
        fixture("unknown-nested-key.yaml"),
        "specs/unknown-nested-key.yaml",
        12,
        'auth: unknown key "shceme"',
    ),
    Case(
        "missing-path",
        fixture("missing-path.yaml"),
        "specs/missing-path.yaml",
        2,
        'the key "path" is required',
    ),
    Case(
        "missing-auth-env",
        fixture("missing-auth-env.yaml"),
        "specs/missing-auth-env.yaml",
        10,
        "auth.env: the environment variable samples read the key from is required",
    ),
    Case(
        "empty-auth-env",
        fixture("empty-auth-env.yaml"),
        "specs/empty-auth-env.yaml",
        13,
        'auth.env: "" is not an environment variable name',
    ),
    Case(
        "bad-id",
        fixture("bad-id.yaml"),
        "specs/bad-id.yaml",
        2,
        'id: "../Bad-Case" is not lower-case letters',
    ),
    Case(
        "url-ftp",
        fixture("url-ftp.yaml"),
        "specs/url-ftp.yaml",
        7,
        '"ftp://dashscope-intl.aliyuncs.com" is not an http:// or https:// URL',
    ),
    Case(
        "url-trailing-slash",
        fixture("url-trailing-slash.yaml"),
        "specs/url-trailing-slash.yaml",
        7,
        "with no trailing slash, query or fragment",
    ),
    Case(
        "url-port-too-big",
        fixture("url-port-too-big.yaml"),
        "specs/url-port-too-big.yaml",
        7,
        "the port 84430 is not between 1 and 65535",
    ),
    Case(
        "url-with-space",
        fixture("url-with-space.yaml"),
        "specs/url-with-space.yaml",
        7,
        '"https://dashscope intl.aliyuncs.com" is not an http:// or https:// URL',
    ),
    Case(
        "header-value-newline",
        fixture("header-value-newline.yaml"),
        "specs/header-value-newline.yaml",
        15,
        "Content-Type",
    ),
    # --- rules beyond the schema -----------------------------------------------------------
    Case(
        "example-not-matching-schema",
        fixture("example-not-matching-schema.yaml"),
        "specs/example-not-matching-schema.yaml",
        19,
        "request.example does not match request.schema: at temperature, 3 must be at most 2",
    ),
    Case(
        "broken-request-schema",
        fixture("broken-request-schema.yaml"),
        "specs/broken-request-schema.yaml",
        27,
        "request.schema is not a valid JSON Schema",
    ),
    Case(
        "default-region-unknown",
        fixture("default-region-unknown.yaml"),
        "specs/default-region-unknown.yaml",
        8,
        "default_region: eu is not one of the regions (intl)",
    ),
    Case(
        "no-invalid-key-error",
        fixture("no-invalid-key-error.yaml"),
        "specs/no-invalid-key-error.yaml",
        35,
        "must document its invalid_api_key error",
    ),
    # --- templates -------------------------------------------------------------------------
    Case("template-syntax-error", break_template("{% if %}"), TPL, 2, "template syntax error"),
    Case(
        "template-undefined-name",
        break_template("{{ no_such_name }}"),
        TPL,
        2,
        "rendering app-completion as python-requests failed: 'no_such_name' is undefined",
    ),
    Case(
        "template-undefined-attribute",
        break_template("{{ endpoint.no_such_attr }}"),
        TPL,
        2,
        "has no attribute 'no_such_attr'",
    ),
    Case(
        "template-filter-raises",
        break_template("{{ 42 | py_str }}"),
        TPL,
        2,
        "rendering app-completion as python-requests failed: AttributeError",
    ),
    Case(
        "template-unknown-filter",
        break_template("{{ url | no_such_filter }}"),
        TPL,
        2,
        "No filter named 'no_such_filter'",
    ),
    Case("template-missing", break_template(), TPL, None, "template not found"),
    Case(
        "template-include-missing",
        break_template('{% include "nope.j2" %}'),
        TPL,
        2,
        "nope.j2",
    ),
    Case(
        "template-invalid-utf8",
        break_template(data=b"x = 1\n# caf\xe9\n"),
        TPL,
        2,
        "UTF-8",
    ),
]


def _trivial_templates(templates: Path) -> None:
    """Give every registered variant a trivial template, except the one the cases break.

    Other languages' templates are work in progress; the survey is about error
    reporting, so it must not depend on them.
    """
    for variant in VARIANTS:
        if variant.template == BROKEN_TEMPLATE:
            continue
        path = templates / variant.template
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TRIVIAL_TEMPLATE, "utf-8")


def _run_generate(case_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run the real CLI on the case folder."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--specs",
            str(case_dir / "specs"),
            "--out",
            str(case_dir / "out"),
            "--templates",
            str(case_dir / "templates"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and every entry's mtime below ``folder``."""
    snap = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        snap[rel] = (path.read_bytes() if path.is_file() else None, path.stat().st_mtime_ns)
    return snap


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Templates for every variant and an output folder from a successful generate."""
    base = tmp_path_factory.mktemp("baseline")
    shutil.copytree(ROOT / "templates", base / "templates")
    _trivial_templates(base / "templates")
    shutil.copytree(SHIPPED_SPECS, base / "specs")
    result = _run_generate(base)
    assert result.returncode == 0, result.stderr
    assert any((base / "out").rglob("*.py")), "the baseline generate wrote no samples"
    return base


def _case_dir(baseline: Path, tmp_path: Path) -> Path:
    case_dir = tmp_path / "case"
    shutil.copytree(baseline / "templates", case_dir / "templates")
    shutil.copytree(baseline / "out", case_dir / "out")
    (case_dir / "specs").mkdir()
    return case_dir


def _params() -> list[object]:
    params = []
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def test_at_least_25_cases() -> None:
    """The survey covers the brief's minimum of 25 malformed inputs."""
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_bad_input(case: Case, baseline: Path, tmp_path: Path) -> None:
    """Exit 2, one located error line, no traceback, output folder untouched."""
    case_dir = _case_dir(baseline, tmp_path)
    case.setup(case_dir)
    before = _snapshot(case_dir / "out")

    result = _run_generate(case_dir)

    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    where = str(case_dir / case.file)
    prefix = f"error: {where}:{case.line}: " if case.line else f"error: {where}: "
    assert lines[0].startswith(prefix), (prefix, lines[0])
    message = lines[0][len(prefix) :]
    assert case.message in message, (case.message, message)
    assert _snapshot(case_dir / "out") == before


def test_valid_control_changes_the_output(baseline: Path, tmp_path: Path) -> None:
    """The control: the valid fixture generates (exit 0) and the snapshot sees the change.

    This proves the fixtures fail for their one defect and that an untouched-output
    assertion above could fail.
    """
    case_dir = _case_dir(baseline, tmp_path)
    valid_plus(lambda specs: None)(case_dir)  # as valid.yaml: files starting with _ are no specs
    before = _snapshot(case_dir / "out")
    result = _run_generate(case_dir)
    assert result.returncode == 0, result.stderr
    # stderr carries only "note: <variant> declines <endpoints>: <reason>" lines, no error
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("error:")], result.stderr
    assert all(re.fullmatch(r"note: \S+ declines [^:]+: .+", line) for line in lines), result.stderr
    assert _snapshot(case_dir / "out") != before
    assert (case_dir / "out" / "bad-case").is_dir()


def test_duplicate_id_fixtures_are_each_valid(baseline: Path, tmp_path: Path) -> None:
    """Each half of the duplicate-id pair is valid alone: only the pair is an error."""
    case_dir = _case_dir(baseline, tmp_path)
    fixture("duplicate-id-a.yaml")(case_dir)
    assert _run_generate(case_dir).returncode == 0
